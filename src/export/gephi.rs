//! Gephi's spreadsheet (CSV) import pair: a nodes table and an edges table.
//!
//! Gephi's edge importer reads `Source`, `Target`, `Type` (Directed or
//! Undirected, per edge: the graph mixes both), `Kind`, `Label` and
//! `Weight`. `Kind` is what keeps parallel edges apart: without it Gephi
//! merges the meet and the call edge of one pair into one. Every other
//! column becomes an edge attribute.

use super::Labels;
use super::style::relation_style;
use super::table::{Cell, Table};
use crate::graph::model::ActorGraph;
use petgraph::visit::EdgeRef;
use std::collections::HashMap;
use std::io::{self, Write};

/// Header of the edges table, exactly as Gephi's importer expects.
pub const EDGES_HEADER: [&str; 9] = [
    "Source",
    "Target",
    "Type",
    "Kind",
    "Label",
    "Weight",
    "relation",
    "first_date",
    "last_date",
];

/// The fixed columns of the nodes table (metrics follow).
pub const NODES_HEADER: [&str; 5] = ["Id", "Label", "Type", "label_en", "label_zh"];

fn number(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Nodes table: `Id,Label,Type,label_en,label_zh,<one column per
/// metric>`; `Label` is the name `labels` picks; a node without a value
/// for a metric gets an empty cell.
pub fn nodes_table(
    g: &ActorGraph,
    metrics: Option<&[(String, HashMap<String, f64>)]>,
    labels: Labels,
) -> Table {
    let metrics = metrics.unwrap_or(&[]);
    let mut header: Vec<&str> = NODES_HEADER.to_vec();
    header.extend(metrics.iter().map(|(name, _)| name.as_str()));
    let names: Vec<&str> = metrics.iter().map(|(n, _)| n.as_str()).collect();
    let mut t = Table::new("nodes", &header).typed(Cell::Number, &names);
    for n in g.graph.node_indices() {
        let node = &g.graph[n];
        let mut row = vec![
            node.id.clone(),
            labels.of(node, " "),
            node.kind.clone(),
            node.label_en.clone(),
            node.label_zh.clone(),
        ];
        row.extend(
            metrics
                .iter()
                .map(|(_, values)| values.get(&node.id).map(|&v| number(v)).unwrap_or_default()),
        );
        t.rows.push(row);
    }
    t
}

/// Edges table ([`EDGES_HEADER`]): one row per (pair, relation); `Kind`
/// and `relation` the relation (`meet`), `Label` its English name.
pub fn edges_table(g: &ActorGraph) -> Table {
    let mut t = Table::new("edges", &EDGES_HEADER).typed(Cell::Number, &["Weight"]);
    for e in g.graph.edge_references() {
        let edge = e.weight();
        t.rows.push(vec![
            g.graph[e.source()].id.clone(),
            g.graph[e.target()].id.clone(),
            if edge.directed {
                "Directed"
            } else {
                "Undirected"
            }
            .to_string(),
            edge.relation.clone(),
            relation_style(&edge.relation).label_en,
            number(edge.weight),
            edge.relation.clone(),
            edge.first_date.clone().unwrap_or_default(),
            edge.last_date.clone().unwrap_or_default(),
        ]);
    }
    t
}

/// [`nodes_table`] as CSV.
pub fn write_nodes_csv(
    g: &ActorGraph,
    metrics: Option<&[(String, HashMap<String, f64>)]>,
    labels: Labels,
    out: impl Write,
) -> io::Result<()> {
    nodes_table(g, metrics, labels).write_csv(out)
}

/// [`edges_table`] as CSV.
pub fn write_edges_csv(g: &ActorGraph, out: impl Write) -> io::Result<()> {
    edges_table(g).write_csv(out)
}
