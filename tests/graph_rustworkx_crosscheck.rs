//! The checks behind the choice of what to take from rustworkx-core: on the
//! fixture graph, its betweenness (normalized, no endpoints), closeness
//! (wf_improved) and eigenvector centrality agree with ours (and so with
//! networkx). We still run our own CSR versions: see `src/graph/metrics.rs`.

use dipgraph::graph::edge_list::read_edge_list;
use dipgraph::graph::metrics::{MetricOptions, centrality};
use dipgraph::graph::model::ActorGraph;
use petgraph::graph::{DiGraph, NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use rustworkx_core::centrality::{
    betweenness_centrality, closeness_centrality, eigenvector_centrality,
};
use std::collections::BTreeMap;
use std::convert::Infallible;
use std::path::Path;

fn fixture() -> ActorGraph {
    read_edge_list(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/random_graph/edges.csv"),
    )
    .unwrap()
}

/// The collapsed pairs, computed independently of src/graph/collapse.rs.
fn pairs(g: &ActorGraph, directed: bool) -> BTreeMap<(usize, usize), f64> {
    let mut m = BTreeMap::new();
    for e in g.graph.edge_references() {
        let (s, t) = (e.source().index(), e.target().index());
        if s == t {
            continue;
        }
        let w = e.weight().weight;
        if directed {
            *m.entry((s, t)).or_insert(0.0) += w;
            if !e.weight().directed {
                *m.entry((t, s)).or_insert(0.0) += w;
            }
        } else {
            *m.entry((s.min(t), s.max(t))).or_insert(0.0) += w;
        }
    }
    m
}

#[track_caller]
fn assert_all_close(ours: &[f64], theirs: &[f64], what: &str) {
    assert_eq!(ours.len(), theirs.len());
    for (i, (a, b)) in ours.iter().zip(theirs).enumerate() {
        assert!((a - b).abs() < 1e-9, "{what}[{i}]: ours {a}, rustworkx {b}");
    }
}

fn check<Ty: petgraph::EdgeType + Sync>(g: &ActorGraph, rx: &petgraph::Graph<(), f64, Ty>) {
    let opts = MetricOptions {
        directed: Ty::is_directed(),
        ..MetricOptions::default()
    };
    let ours = centrality(g, &opts);
    let col = |f: fn(&dipgraph::graph::metrics::Scores) -> Option<f64>| {
        ours.iter()
            .map(|s| f(s).expect("computed"))
            .collect::<Vec<f64>>()
    };
    let bc: Vec<f64> = betweenness_centrality(rx, false, true, 50)
        .into_iter()
        .map(Option::unwrap)
        .collect();
    assert_all_close(&col(|s| s.betweenness), &bc, "betweenness");
    let cl: Vec<f64> = closeness_centrality(rx, true, 50)
        .into_iter()
        .map(Option::unwrap)
        .collect();
    assert_all_close(&col(|s| s.closeness), &cl, "closeness");
    let ev = eigenvector_centrality(
        rx,
        |e| Ok::<f64, Infallible>(*e.weight()),
        Some(opts.max_iter),
        Some(opts.tolerance),
    )
    .unwrap()
    .expect("rustworkx eigenvector converges");
    assert_all_close(&col(|s| s.eigenvector), &ev, "eigenvector");
}

#[test]
fn undirected_agrees_with_rustworkx() {
    let g = fixture();
    let mut rx = UnGraph::<(), f64>::with_capacity(g.node_count(), 0);
    for _ in 0..g.node_count() {
        rx.add_node(());
    }
    for ((s, t), w) in pairs(&g, false) {
        rx.add_edge(NodeIndex::new(s), NodeIndex::new(t), w);
    }
    check(&g, &rx);
}

#[test]
fn directed_agrees_with_rustworkx() {
    let g = fixture();
    let mut rx = DiGraph::<(), f64>::with_capacity(g.node_count(), 0);
    for _ in 0..g.node_count() {
        rx.add_node(());
    }
    for ((s, t), w) in pairs(&g, true) {
        rx.add_edge(NodeIndex::new(s), NodeIndex::new(t), w);
    }
    check(&g, &rx);
}
