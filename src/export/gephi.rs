//! Gephi's spreadsheet (CSV) import pair: a nodes table and an edges table.

use crate::graph::model::ActorGraph;
use petgraph::visit::EdgeRef;
use std::collections::HashMap;
use std::io::{self, Write};

/// Header of the edges table, exactly as Gephi's importer expects.
pub const EDGES_HEADER: [&str; 7] = [
    "Source",
    "Target",
    "Type",
    "Weight",
    "relation",
    "first_date",
    "last_date",
];

fn number(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn csv_err(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Nodes table: `Id,Label,Type,label_zh,<one column per metric>`; a node
/// without a value for a metric gets an empty cell.
pub fn write_nodes_csv(
    g: &ActorGraph,
    metrics: Option<&[(String, HashMap<String, f64>)]>,
    out: impl Write,
) -> io::Result<()> {
    let metrics = metrics.unwrap_or(&[]);
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["Id", "Label", "Type", "label_zh"];
    header.extend(metrics.iter().map(|(name, _)| name.as_str()));
    w.write_record(&header).map_err(csv_err)?;
    for n in g.graph.node_indices() {
        let node = &g.graph[n];
        let mut row = vec![
            node.id.clone(),
            node.label_en.clone(),
            node.kind.clone(),
            node.label_zh.clone(),
        ];
        row.extend(
            metrics
                .iter()
                .map(|(_, values)| values.get(&node.id).map(|&v| number(v)).unwrap_or_default()),
        );
        w.write_record(&row).map_err(csv_err)?;
    }
    w.flush()
}

/// Edges table: `Source,Target,Type,Weight,relation,first_date,last_date`,
/// `Type` being `Directed` or `Undirected`; one row per (pair, relation).
pub fn write_edges_csv(g: &ActorGraph, out: impl Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(EDGES_HEADER).map_err(csv_err)?;
    for e in g.graph.edge_references() {
        let edge = e.weight();
        w.write_record([
            g.graph[e.source()].id.as_str(),
            g.graph[e.target()].id.as_str(),
            if edge.directed {
                "Directed"
            } else {
                "Undirected"
            },
            &number(edge.weight),
            &edge.relation,
            edge.first_date.as_deref().unwrap_or(""),
            edge.last_date.as_deref().unwrap_or(""),
        ])
        .map_err(csv_err)?;
    }
    w.flush()
}
