//! The per-actor centrality table (`centrality.csv`, `dipgraph metrics`).

use crate::graph::metrics::Scores;
use crate::graph::model::ActorGraph;
use std::cmp::Ordering;
use std::io::Write;

/// Columns of `centrality.csv`.
pub const CENTRALITY_COLUMNS: [&str; 10] = [
    "id",
    "label_en",
    "label_zh",
    "type",
    "degree",
    "weighted_degree",
    "betweenness",
    "closeness",
    "pagerank",
    "eigenvector",
];

pub use crate::graph::metrics::Metric;

/// Sorts by a metric, highest first, actors without a value last; ties by
/// id for stable output.
pub fn sort_by_metric(scores: &mut [Scores], metric: Metric) {
    scores.sort_by(|a, b| {
        let order = match (metric.value(a), metric.value(b)) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        order.then_with(|| a.id.cmp(&b.id))
    });
}

/// One row per actor: labels and type from the graph, then every metric
/// at full precision (the CSV's cells); a metric not computed is an empty
/// cell.
pub fn centrality_rows(g: &ActorGraph, scores: &[Scores]) -> Vec<Vec<String>> {
    rows_with(g, scores, |v| format!("{v}"))
}

/// [`centrality_rows`] for reading on a terminal: fractions rounded to
/// four decimals, whole numbers as they are.
///
/// ```
/// use dipgraph::export::centrality::centrality_display_rows;
/// use dipgraph::graph::metrics::{MetricOptions, centrality};
/// use dipgraph::graph::model::{ActorGraph, Edge};
/// let mut g = ActorGraph::new();
/// let edge = Edge { relation: "meet".into(), weight: 1.0, first_date: None, last_date: None, directed: false };
/// g.add_edge("a", "b", edge.clone());
/// g.add_edge("b", "c", edge);
/// let rows = centrality_display_rows(&g, &centrality(&g, &MetricOptions::default()));
/// assert_eq!(&rows[1][4..8], ["2", "2", "1", "1"]); // b: degree … closeness
/// assert_eq!(rows[0][8], "0.2568"); // a's PageRank, 0.256756…
/// ```
pub fn centrality_display_rows(g: &ActorGraph, scores: &[Scores]) -> Vec<Vec<String>> {
    rows_with(g, scores, |v| {
        if v.fract() == 0.0 || !v.is_finite() {
            format!("{v}")
        } else {
            format!("{v:.4}")
        }
    })
}

fn rows_with(
    g: &ActorGraph,
    scores: &[Scores],
    number: impl Fn(f64) -> String,
) -> Vec<Vec<String>> {
    scores
        .iter()
        .map(|s| {
            let node = g.index.get(&s.id).map(|&ix| &g.graph[ix]);
            let mut row = vec![
                s.id.clone(),
                node.map(|n| n.label_en.clone()).unwrap_or_default(),
                node.map(|n| n.label_zh.clone()).unwrap_or_default(),
                node.map(|n| n.kind.clone()).unwrap_or_default(),
            ];
            row.push(s.degree.to_string());
            for m in &Metric::ALL[1..] {
                row.push(m.value(s).map(&number).unwrap_or_default());
            }
            row
        })
        .collect()
}

/// The centrality table ([`CENTRALITY_COLUMNS`]), metrics typed as numbers.
pub fn centrality_table(g: &ActorGraph, scores: &[Scores]) -> crate::export::table::Table {
    let mut t = crate::export::table::Table::new("centrality", &CENTRALITY_COLUMNS)
        .typed(crate::export::table::Cell::Number, &CENTRALITY_COLUMNS[4..]);
    t.rows = centrality_rows(g, scores);
    t
}

pub fn write_centrality_csv(g: &ActorGraph, scores: &[Scores], out: impl Write) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CENTRALITY_COLUMNS)?;
    for row in centrality_rows(g, scores) {
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(())
}

pub fn write_centrality_json(
    g: &ActorGraph,
    scores: &[Scores],
    mut out: impl Write,
) -> std::io::Result<()> {
    let rows: Vec<serde_json::Value> = centrality_rows(g, scores)
        .into_iter()
        .zip(scores)
        .map(|(r, s)| {
            serde_json::json!({
                "id": r[0], "label_en": r[1], "label_zh": r[2], "type": r[3],
                "degree": s.degree, "weighted_degree": s.weighted_degree,
                "betweenness": s.betweenness, "closeness": s.closeness,
                "pagerank": s.pagerank, "eigenvector": s.eigenvector,
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut out, &rows)?;
    writeln!(out)
}
