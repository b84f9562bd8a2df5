//! Writing the graph out: interaction tables (CSV, JSON lines) for
//! spreadsheets and scoring, and — from the store — events, Gephi's node and
//! edge lists, Graphviz drawings, GraphML and RDF dumps.

pub mod centrality;
pub mod dot;
pub mod gephi;
pub mod graphml;
pub mod interactions;
pub mod render;
pub mod style;
pub mod tables;

pub use interactions::{
    EXTRA_COLUMNS, GOLD_COLUMNS, write_interactions_csv, write_interactions_jsonl,
};

use crate::graph::metrics::Scores;
use crate::graph::model::ActorGraph;
use std::collections::HashMap;

/// Every metric as (name, id → value), the shape GraphML, Gephi's nodes
/// table and the drawings take.
pub fn metric_columns(scores: &[Scores]) -> Vec<(String, HashMap<String, f64>)> {
    centrality::Metric::ALL
        .iter()
        .map(|m| {
            (
                m.name().to_string(),
                scores.iter().map(|s| (s.id.clone(), m.value(s))).collect(),
            )
        })
        .collect()
}

/// `dipgraph — 2020-11-25 – 2024-02-06 · relation=meet,call`: the period the
/// drawn edges span and the filters that made the graph.
pub fn default_title(g: &ActorGraph, filters: &str, top: Option<usize>) -> String {
    let dates = g
        .graph
        .edge_weights()
        .flat_map(|e| [e.first_date.as_deref(), e.last_date.as_deref()])
        .flatten();
    let (mut first, mut last): (Option<&str>, Option<&str>) = (None, None);
    for d in dates {
        first = Some(first.map_or(d, |f| f.min(d)));
        last = Some(last.map_or(d, |l| l.max(d)));
    }
    let period = match (first, last) {
        (Some(f), Some(l)) if f == l => f.to_string(),
        (Some(f), Some(l)) => format!("{f} – {l}"),
        _ => "undated".to_string(),
    };
    let size = match top {
        Some(n) if n < g.node_count() => format!("top {n} of {} actors", g.node_count()),
        _ => format!("{} actors, {} edges", g.node_count(), g.edge_count()),
    };
    format!("dipgraph — {period} · {filters} · {size}")
}
