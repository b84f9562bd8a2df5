//! One interaction as one article reports it: who did what to whom, when,
//! with what certainty, and the sentence and article that say so.

use super::{ActorRef, PartialDate, Relation};
use serde::Serialize;

/// Whether the article reports the interaction as done or as to come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Occurred,
    Planned,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Occurred => "occurred",
            Status::Planned => "planned",
        }
    }
}

/// One interaction as one article reports it.
#[derive(Debug, Clone, Serialize)]
pub struct Interaction {
    /// The article's file name.
    pub article: String,
    pub article_id: String,
    pub subject: ActorRef,
    pub relation: Relation,
    pub object: ActorRef,
    /// When it happened or is to happen, as precisely as the text says.
    #[serde(serialize_with = "serialize_date")]
    pub date: Option<PartialDate>,
    pub status: Status,
    /// The sentence, verbatim as the article wrote it.
    pub evidence: String,
    pub location: Option<String>,
    pub location_state: Option<String>,
    pub confidence: f32,
    /// Why it is here: `pattern` when an argument pattern of the lexicon
    /// found it, and with a model the features that weighed most
    /// (`order|meet|STO +1.20`).
    pub provenance: Provenance,
    pub published: Option<chrono::DateTime<chrono::Utc>>,
    pub url: Option<String>,
    pub outlet: Option<String>,
}

/// What produced an interaction.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Provenance {
    /// An argument pattern found the pair at its trigger.
    pub pattern: bool,
    /// The model's strongest features for it, strongest first, each with
    /// its weight (empty when the patterns alone decided).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
}

fn serialize_date<S: serde::Serializer>(d: &Option<PartialDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}
