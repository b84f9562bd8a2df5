//! dipgraph: Chinese news about diplomacy → a knowledge graph of dated,
//! sourced interactions between actors.
//!
//! The modules follow the data's path: [`article`] reads archived posts,
//! [`text`] normalises and splits their text, and later stages extract
//! interactions from the sentences.

pub mod article;
pub mod text;
