//! Times each metric on a random multigraph.
//!
//! cargo bench --bench centrality -- [NODES] [EDGES] [--directed]
//!     [--samples K] [--seed S] [--rustworkx]
//!
//! Defaults: 10000 nodes, 50000 edges, undirected mode. Edges join uniform
//! random pairs (no self-loops), weight 1..=5, a quarter of them directed.
//! `--rustworkx` also times rustworkx-core's betweenness and closeness on
//! the same collapsed graph, for comparison.

use dipgraph::graph::metrics::{MetricOptions, SimpleGraph, centrality_with_status};
use dipgraph::graph::model::{ActorGraph, Edge, Node};
use dipgraph::model::Relation;
use dipgraph::rng::SplitMix64;
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use std::collections::HashMap;
use std::time::Instant;

/// Below `n` by a plain modulo rather than [`SplitMix64::below`]'s
/// rejection, so the graphs are the ones every earlier timing was made on.
fn below(rng: &mut SplitMix64, n: usize) -> usize {
    (rng.next_u64() % n as u64) as usize
}

const RELATIONS: [Relation; 10] = Relation::ALL;

fn random_graph(nodes: usize, edges: usize, seed: u64) -> ActorGraph {
    let mut rng = SplitMix64(seed);
    let mut g = ActorGraph::new();
    for i in 0..nodes {
        g.add_node(Node {
            id: format!("n{i}"),
            label_en: format!("n{i}"),
            label_zh: String::new(),
            kind: "unknown".into(),
        });
    }
    let mut added = 0;
    while added < edges && nodes > 1 {
        let (s, t) = (below(&mut rng, nodes), below(&mut rng, nodes));
        if s == t {
            continue;
        }
        g.graph.add_edge(
            NodeIndex::new(s),
            NodeIndex::new(t),
            Edge {
                relation: RELATIONS[below(&mut rng, RELATIONS.len())].as_str().into(),
                weight: (1 + below(&mut rng, 5)) as f64,
                first_date: None,
                last_date: None,
                directed: below(&mut rng, 4) == 0,
            },
        );
        added += 1;
    }
    g
}

fn time<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    println!("{label:<28} {:>9.3} s", start.elapsed().as_secs_f64());
    out
}

fn main() {
    let mut positional = Vec::new();
    let mut opts = MetricOptions::default();
    let mut seed = 1u64;
    let mut rustworkx = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--directed" => opts.directed = true,
            "--rustworkx" => rustworkx = true,
            "--samples" => {
                opts.betweenness_samples = Some(args.next().expect("K").parse().expect("K"))
            }
            "--seed" => seed = args.next().expect("S").parse().expect("S"),
            // cargo bench passes --bench to every bench binary.
            "--bench" => {}
            _ => positional.push(a.parse::<usize>().expect("NODES and EDGES are numbers")),
        }
    }
    let nodes = positional.first().copied().unwrap_or(10_000);
    let edges = positional.get(1).copied().unwrap_or(50_000);
    println!(
        "{nodes} nodes, {edges} edges, {} mode, betweenness {}, {} threads",
        if opts.directed {
            "directed"
        } else {
            "undirected"
        },
        match opts.betweenness_samples {
            Some(k) => format!("sampled k={k}"),
            None => "exact".into(),
        },
        rayon::current_num_threads()
    );

    let g = time("generate", || random_graph(nodes, edges, seed));
    let s = time("collapse", || SimpleGraph::collapse(&g, opts.directed));
    println!("  ({} arcs after collapsing)", s.arc_count());
    time("degree + weighted degree", || {
        (s.degree(), s.weighted_degree())
    });
    time("betweenness", || {
        s.betweenness(opts.betweenness_samples, opts.seed)
    });
    time("closeness", || s.closeness());
    let (_, it) = time("pagerank", || {
        s.pagerank(opts.damping, opts.tolerance, opts.max_iter)
    });
    println!("  (converged at iteration {it:?})");
    let (_, it) = time("eigenvector", || {
        s.eigenvector(opts.tolerance, opts.max_iter)
    });
    println!("  (converged at iteration {it:?})");
    let all = time("centrality() end to end", || {
        centrality_with_status(&g, &opts)
    });
    assert_eq!(all.scores.len(), nodes);

    if rustworkx && !opts.directed {
        let mut weights: HashMap<(usize, usize), f64> = HashMap::new();
        for e in g.graph.edge_references() {
            let (a, b) = (e.source().index(), e.target().index());
            *weights.entry((a.min(b), a.max(b))).or_default() += e.weight().weight;
        }
        let mut rx = UnGraph::<(), f64>::with_capacity(nodes, weights.len());
        for _ in 0..nodes {
            rx.add_node(());
        }
        for ((a, b), w) in weights {
            rx.add_edge(NodeIndex::new(a), NodeIndex::new(b), w);
        }
        time("rustworkx betweenness", || {
            rustworkx_core::centrality::betweenness_centrality(&rx, false, true, 50)
        });
        time("rustworkx closeness", || {
            rustworkx_core::centrality::closeness_centrality(&rx, true, 50)
        });
    }
}
