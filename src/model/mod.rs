//! The vocabulary every part of dipgraph shares: relations, actors, partial
//! dates and interactions. It imports nothing of dipgraph (as oxigraph keeps
//! its data model in `oxrdf`): extraction produces these values, the store,
//! the graph, the exports and the endpoint consume them.

mod actor;
mod date;
mod interaction;
mod relation;

pub use actor::{ActorRef, ActorType, UnknownActorType, latin_id};
pub use date::{ParsePartialDateError, PartialDate};
pub use interaction::{Interaction, Provenance, Status, UnknownStatus, feature_order};
pub use relation::{Relation, RelationInfo, UnknownRelation};
