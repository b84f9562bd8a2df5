//! Actors: the people, states and organisations that interact, as the
//! registry types them and as one interaction names them.

use serde::Serialize;
use std::str::FromStr;

/// What kind of actor: the guideline's three. A closed set on the command
/// line too (`--actor-type person,state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ActorType {
    Person,
    State,
    Org,
}

impl ActorType {
    /// Every type, in the guideline's order.
    pub const ALL: [ActorType; 3] = [ActorType::Person, ActorType::State, ActorType::Org];

    /// Its name in data, RDF and on the command line (`person`).
    pub fn as_str(self) -> &'static str {
        match self {
            ActorType::Person => "person",
            ActorType::State => "state",
            ActorType::Org => "org",
        }
    }
}

/// A name that is not one of the three actor types.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown actor type {0:?} (the types are person, state, org)")]
pub struct UnknownActorType(pub String);

/// Reads an actor type's name, exactly as [`ActorType::as_str`] writes it.
///
/// ```
/// use dipgraph::model::ActorType;
/// assert_eq!("org".parse::<ActorType>(), Ok(ActorType::Org));
/// assert!("planet".parse::<ActorType>().is_err());
/// ```
impl FromStr for ActorType {
    type Err = UnknownActorType;
    fn from_str(s: &str) -> Result<Self, UnknownActorType> {
        ActorType::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| UnknownActorType(s.to_string()))
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
    /// The English label: the registry's, the mined Latin name, or for a
    /// person nothing names in English the pinyin of `zh`
    /// (`label_is_pinyin`).
    pub label_en: String,
    /// `label_en` is only the pinyin of the Chinese name (Hu Jintao).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub label_is_pinyin: bool,
    /// For a person: the state they serve, if known.
    pub state: Option<String>,
    /// The role the text gives a person (foreign_minister…), if any.
    pub role: Option<String>,
}

impl ActorRef {
    /// Is one of the two the other's state (a person and the state they
    /// serve)? Such a pair is mostly one side named twice (美国国务卿蓬佩奥).
    ///
    /// ```
    /// use dipgraph::model::{ActorRef, ActorType};
    /// let actor = |id: &str, kind, state: Option<&str>| ActorRef {
    ///     id: id.into(),
    ///     zh: String::new(),
    ///     kind,
    ///     label_en: String::new(),
    ///     label_is_pinyin: false,
    ///     state: state.map(str::to_owned),
    ///     role: None,
    /// };
    /// let usa = actor("USA", ActorType::State, None);
    /// let pompeo = actor("mike_pompeo", ActorType::Person, Some("USA"));
    /// assert!(pompeo.own_state_pair(&usa) && usa.own_state_pair(&pompeo));
    /// assert!(!pompeo.own_state_pair(&actor("CHN", ActorType::State, None)));
    /// ```
    pub fn own_state_pair(&self, other: &ActorRef) -> bool {
        self.state.as_deref() == Some(&other.id) || other.state.as_deref() == Some(&self.id)
    }
}

/// Lower-case ASCII words joined by `_`, accents folded: the registry's id
/// rule (`Miloš Vystrčil` → `milos_vystrcil`).
///
/// ```
/// assert_eq!(dipgraph::model::latin_id("Miloš Vystrčil"), "milos_vystrcil");
/// assert_eq!(dipgraph::model::latin_id("Ursula von der Leyen"), "ursula_von_der_leyen");
/// assert_eq!(dipgraph::model::latin_id("Khalid Al-Falih"), "khalid_al_falih");
/// // Every folded letter, lower and upper case, and the typographic apostrophe.
/// assert_eq!(dipgraph::model::latin_id("Zuzana Čaputová"), "zuzana_caputova");
/// assert_eq!(dipgraph::model::latin_id("Jürgen Müller"), "jurgen_muller");
/// assert_eq!(dipgraph::model::latin_id("Žižek Ýmir Ÿ"), "zizek_ymir_y");
/// assert_eq!(dipgraph::model::latin_id("Robert O’Brien"), "robert_o_brien");
/// assert_eq!(dipgraph::model::latin_id("Élysée À"), "elysee_a");
/// ```
pub fn latin_id(latin: &str) -> String {
    let folded: String = latin.chars().map(fold_accent).collect();
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("_")
}

fn fold_accent(c: char) -> char {
    const FROM: &str = "àáâãäåāăąçćčďđèéêëēėęěğìíîïīįıłñńňòóôõöøōőřśšşťùúûüūůűųýÿžźżÀÁÂÃÄÅĀĂĄÇĆČĎĐÈÉÊËĒĖĘĚĞÌÍÎÏĪĮİŁÑŃŇÒÓÔÕÖØŌŐŘŚŠŞŤÙÚÛÜŪŮŰŲÝŸŽŹŻ’";
    const TO: &str = "aaaaaaaaacccddeeeeeeeegiiiiiiilnnnoooooooorssstuuuuuuuuyyzzzAAAAAAAAACCCDDEEEEEEEEGIIIIIIILNNNOOOOOOOORSSSTUUUUUUUUYYZZZ'";
    FROM.chars()
        .position(|f| f == c)
        .and_then(|i| TO.chars().nth(i))
        .unwrap_or(c)
}
