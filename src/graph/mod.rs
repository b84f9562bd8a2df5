//! The actor graph and what is measured on it: built from the store's
//! events (or any Gephi edge list), then degree, betweenness, closeness,
//! PageRank and eigenvector centrality with networkx's semantics.
//!
//! The metrics run on one CSR copy of the collapsed graph (one weighted
//! arc per pair): a rayon-parallel Brandes without predecessor lists,
//! breadth-first closeness, and sparse power iterations. rustworkx-core
//! agrees with them to 1e-9 (tests/graph_rustworkx_crosscheck.rs) but has
//! no sampled betweenness and measured ~4× slower at 10k nodes / 50k edges
//! (`cargo bench --bench centrality -- 10000 50000 --rustworkx`).

pub mod edge_list;
pub mod from_store;
pub mod metrics;
pub mod metrics_run;
pub mod model;

mod brandes;
mod collapse;
mod power;
