//! The per-actor centrality table (`centrality.csv`, `dipgraph metrics`).

use crate::graph::metrics::Scores;
use crate::graph::model::ActorGraph;
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

/// A metric to sort or size by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    Degree,
    WeightedDegree,
    Betweenness,
    Closeness,
    Pagerank,
    Eigenvector,
}

impl Metric {
    pub const ALL: [Metric; 6] = [
        Metric::Degree,
        Metric::WeightedDegree,
        Metric::Betweenness,
        Metric::Closeness,
        Metric::Pagerank,
        Metric::Eigenvector,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Metric::Degree => "degree",
            Metric::WeightedDegree => "weighted_degree",
            Metric::Betweenness => "betweenness",
            Metric::Closeness => "closeness",
            Metric::Pagerank => "pagerank",
            Metric::Eigenvector => "eigenvector",
        }
    }

    pub fn value(self, s: &Scores) -> f64 {
        match self {
            Metric::Degree => s.degree as f64,
            Metric::WeightedDegree => s.weighted_degree,
            Metric::Betweenness => s.betweenness,
            Metric::Closeness => s.closeness,
            Metric::Pagerank => s.pagerank,
            Metric::Eigenvector => s.eigenvector,
        }
    }
}

/// Sorts by a metric, highest first; ties by id for stable output.
pub fn sort_by_metric(scores: &mut [Scores], metric: Metric) {
    scores.sort_by(|a, b| {
        metric
            .value(b)
            .total_cmp(&metric.value(a))
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// One row per actor: labels and type from the graph, then every metric.
pub fn centrality_rows(g: &ActorGraph, scores: &[Scores]) -> Vec<Vec<String>> {
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
                // NaN: not computed (`metrics --metrics`), an empty cell.
                let v = m.value(s);
                row.push(if v.is_nan() {
                    String::new()
                } else {
                    format!("{v}")
                });
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
