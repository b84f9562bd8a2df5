//! dipgraph: Chinese news about diplomacy → a knowledge graph of dated,
//! sourced interactions between actors.
//!
//! The modules follow the data's path: [`article`] reads archived posts,
//! [`text`] normalises and splits their text, [`extract`] finds typed,
//! dated interactions in the sentences, [`export`] writes them out and
//! [`eval`] scores them against a gold file.

pub mod article;
pub mod eval;
pub mod export;
pub mod extract;
pub mod text;
