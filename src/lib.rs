//! dipgraph: Chinese news about diplomacy → a knowledge graph of dated,
//! sourced interactions between actors.
//!
//! The modules follow the data's path, over the shared vocabulary of
//! [`model`] (relations, actors, partial dates, interactions): [`article`] reads archived posts,
//! [`text`] normalises and splits their text, [`extract`] finds typed,
//! dated interactions in the sentences, [`rdf`] and [`store`] turn them
//! into a knowledge graph ([`ingest`] drives that), [`query`] and
//! [`serve`] answer SPARQL over it, [`export`] writes files and [`eval`]
//! scores extraction against a gold file. [`store::remote`] puts the graph in
//! a SPARQL 1.1 store of the user's own instead of the embedded one, and
//! [`shard`] and [`bulk`] split a large archive over several machines.

pub mod article;
pub mod bulk;
mod embedded;
pub mod eval;
pub mod export;
pub mod extract;
pub mod graph;
pub mod ingest;
pub mod mine;
pub mod model;
pub mod query;
pub mod rdf;
pub mod rng;
pub mod serve;
pub mod shard;
pub mod store;
pub mod suggest;
pub mod text;
pub mod train;
