//! Every metric against networkx on a random 300-node multigraph; the
//! fixture is written by `scripts/networkx_fixture.py`.

use dipgraph::graph::edge_list::read_edge_list;
use dipgraph::graph::metrics::{
    MetricOptions, Scores, SimpleGraph, centrality, centrality_with_status,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const TOL: f64 = 1e-6;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/random_graph")
        .join(name)
}

#[derive(Debug, serde::Deserialize)]
struct Expected {
    id: String,
    degree: usize,
    weighted_degree: f64,
    betweenness: f64,
    closeness: f64,
    pagerank: f64,
    eigenvector: f64,
    betweenness_sampled: f64,
}

fn expected(name: &str) -> Vec<Expected> {
    let mut reader = csv::Reader::from_path(fixture(name)).unwrap();
    reader.deserialize().map(|r| r.unwrap()).collect()
}

fn check(directed: bool, name: &str) {
    let g = read_edge_list(&fixture("edges.csv")).unwrap();
    let want = expected(name);
    assert_eq!(g.node_count(), want.len());

    let opts = MetricOptions {
        directed,
        ..MetricOptions::default()
    };
    let status = centrality_with_status(&g, &opts);
    assert!(status.converged(), "{status:?}");
    let got: HashMap<&str, &Scores> = status.scores.iter().map(|s| (s.id.as_str(), s)).collect();

    let sampled = centrality(
        &g,
        &MetricOptions {
            betweenness_samples: Some(60),
            seed: 7,
            ..opts.clone()
        },
    );
    let sampled: HashMap<&str, &Scores> = sampled.iter().map(|s| (s.id.as_str(), s)).collect();
    // The single-metric entry points (closeness by its own BFS here).
    let simple = SimpleGraph::collapse(&g, directed);
    let closeness = simple.closeness();
    let betweenness = simple.betweenness(None, 0);

    let mut failures = Vec::new();
    let mut close = |id: &str, metric: &str, got: f64, want: f64| {
        if (got - want).abs() > TOL || got.is_nan() {
            failures.push(format!("{id} {metric}: got {got}, networkx {want}"));
        }
    };
    for (i, w) in want.iter().enumerate() {
        let s = got[w.id.as_str()];
        assert_eq!(g.index[&w.id].index(), i, "fixture in node-index order");
        close(&w.id, "SimpleGraph::closeness", closeness[i], w.closeness);
        close(
            &w.id,
            "SimpleGraph::betweenness",
            betweenness[i],
            w.betweenness,
        );
        assert_eq!(s.degree, w.degree, "{} degree", w.id);
        close(
            &w.id,
            "weighted_degree",
            s.weighted_degree,
            w.weighted_degree,
        );
        close(&w.id, "betweenness", s.betweenness.unwrap(), w.betweenness);
        close(&w.id, "closeness", s.closeness.unwrap(), w.closeness);
        close(&w.id, "pagerank", s.pagerank.unwrap(), w.pagerank);
        close(&w.id, "eigenvector", s.eigenvector.unwrap(), w.eigenvector);
        let k = sampled[w.id.as_str()];
        close(
            &w.id,
            "betweenness_sampled",
            k.betweenness.unwrap(),
            w.betweenness_sampled,
        );
        close(
            &w.id,
            "closeness (sampled run)",
            k.closeness.unwrap(),
            w.closeness,
        );
        close(
            &w.id,
            "pagerank (sampled run)",
            k.pagerank.unwrap(),
            w.pagerank,
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn undirected_matches_networkx() {
    check(false, "expected_undirected.csv");
}

#[test]
fn directed_matches_networkx() {
    check(true, "expected_directed.csv");
}
