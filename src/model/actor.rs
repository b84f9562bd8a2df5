//! Actors: the people, states and organisations that interact, as the
//! registry types them and as one interaction names them.

use serde::Serialize;

/// What kind of actor: the guideline's three.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorType {
    Person,
    State,
    Org,
}

impl ActorType {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorType::Person => "person",
            ActorType::State => "state",
            ActorType::Org => "org",
        }
    }
}

/// An actor as one interaction names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ActorRef {
    /// Canonical id: registry id, or one derived from an unknown person's name.
    pub id: String,
    /// The name as the text writes it (simplified).
    pub zh: String,
    pub kind: ActorType,
    pub label_en: String,
    /// For a person: the state they serve, if known.
    pub state: Option<String>,
    /// The role the text gives a person (foreign_minister…), if any.
    pub role: Option<String>,
}
