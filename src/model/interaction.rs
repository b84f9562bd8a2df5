//! One interaction as one article reports it: who did what to whom, when,
//! with what certainty, and the sentence and article that say so.

use super::{ActorRef, PartialDate, Relation};
use serde::Serialize;
use std::str::FromStr;

/// Whether the article reports the interaction as done or as to come. A
/// closed set on the command line too (`--status planned`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Occurred,
    Planned,
}

impl Status {
    pub const ALL: [Status; 2] = [Status::Occurred, Status::Planned];

    /// Its name in data, RDF and on the command line (`occurred`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Occurred => "occurred",
            Status::Planned => "planned",
        }
    }
}

/// A name that is neither status.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown status {0:?} (use occurred or planned)")]
pub struct UnknownStatus(pub String);

/// Reads a status's name, exactly as [`Status::as_str`] writes it.
///
/// ```
/// use dipgraph::model::Status;
/// assert_eq!("planned".parse::<Status>(), Ok(Status::Planned));
/// assert!("happened".parse::<Status>().is_err());
/// ```
impl FromStr for Status {
    type Err = UnknownStatus;
    fn from_str(s: &str) -> Result<Self, UnknownStatus> {
        Status::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| UnknownStatus(s.to_string()))
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
    /// The model that decided (its id: a hash of its file), none when
    /// the patterns alone decided.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
}

/// The order of a report's features (`name +1.20`): the weightiest first,
/// by the weight as written, then by name — so a row read back from the
/// store lists them as extraction wrote them.
///
/// ```
/// use dipgraph::model::feature_order;
/// let mut f = vec!["b +0.50", "c -1.20", "a +0.50"];
/// f.sort_by(|x, y| feature_order(x, y));
/// assert_eq!(f, ["c -1.20", "a +0.50", "b +0.50"]);
/// ```
pub fn feature_order(a: &str, b: &str) -> std::cmp::Ordering {
    fn split(f: &str) -> (f32, &str) {
        match f.rsplit_once(' ') {
            Some((name, w)) => (w.parse::<f32>().map_or(0.0, f32::abs), name),
            None => (0.0, f),
        }
    }
    let (wa, na) = split(a);
    let (wb, nb) = split(b);
    wb.total_cmp(&wa).then_with(|| na.cmp(nb))
}

fn serialize_date<S: serde::Serializer>(d: &Option<PartialDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}
