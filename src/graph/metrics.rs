//! Node centralities of an [`ActorGraph`], with networkx's semantics.
//!
//! # The graph the metrics see
//!
//! The multigraph is first collapsed into a simple weighted graph
//! ([`SimpleGraph::collapse`]): per node pair, weight = the sum of the
//! weights of the edges joining them. In undirected mode (the default)
//! every edge joins both ways; in directed mode an edge with
//! `directed == false` counts both ways and a directed edge only
//! source → target. Self-loops are dropped. Each metric below is then what
//! networkx computes on the collapsed `nx.Graph` (undirected mode) or
//! `nx.DiGraph` (directed mode) whose edge attribute `weight` is the
//! collapsed weight; `scripts/networkx_fixture.py` builds exactly that
//! graph, and `tests/graph_networkx_fixture.rs` checks every value to 1e-6.
//!
//! # The metrics
//!
//! * `degree` — number of distinct neighbours. Directed mode: distinct
//!   in-neighbours + distinct out-neighbours (`DiGraph.degree`), so a pair
//!   joined both ways counts twice.
//! * `weighted_degree` — sum of the collapsed weights of the node's arcs
//!   (`degree(weight="weight")`; directed mode: in + out).
//! * `betweenness` — `nx.betweenness_centrality(G, normalized=True)`:
//!   **unweighted** shortest paths (hop counts; weights are ignored),
//!   endpoints excluded, divided by `(n-1)(n-2)` (0 for n ≤ 2). Exact by
//!   Brandes' algorithm on all sources in parallel. With
//!   `betweenness_samples = Some(k)` (k < n) only k pivot sources, drawn
//!   from [`MetricOptions::seed`] (the same seed gives the same pivots;
//!   they are not the pivots networkx's `seed=` would draw), and scaled as
//!   networkx ≥ 3.5 scales `k=`: pivot nodes by `1/((k-1)(n-2))`, the others
//!   by `1/(k(n-2))`. Differences: `k = 1` gives the pivot 0 where networkx
//!   gives NaN; `k = 0` gives all zeros where networkx divides by zero;
//!   `k ≥ n` is exact (networkx: exact for k = n, error for k > n).
//! * `closeness` — `nx.closeness_centrality(G, wf_improved=True)`:
//!   hop counts, `(r-1)/Σd · (r-1)/(n-1)` over the r nodes that reach the
//!   node (itself included); directed mode uses **inward** distances (from
//!   the others to the node), as networkx does; 0 when nothing reaches it.
//! * `pagerank` — `nx.pagerank(G, alpha=damping, tol, max_iter,
//!   weight="weight")`: weighted (an arc's share is its weight over the
//!   node's out-weight), uniform start and teleport, the rank of dangling
//!   nodes (no out-weight, e.g. isolated nodes) spread uniformly, stop when
//!   `Σ|x - x_last| < n·tol`. Undirected mode: each pair is an arc both ways.
//! * `eigenvector` — `nx.eigenvector_centrality(G, max_iter, tol,
//!   weight="weight")`: power iteration on `(A + I)ᵀ` (in directed mode a
//!   node is scored by the nodes pointing to it) from `x = 1/n`, unit
//!   Euclidean norm, same stopping rule. Thanks to the `+ I` it converges on
//!   bipartite graphs too; on a disconnected graph it converges to the
//!   component with the largest eigenvalue (other components decay toward 0).
//!
//! # Non-convergence
//!
//! networkx raises `PowerIterationFailedConvergence` when PageRank or the
//! eigenvector iteration has not converged after `max_iter` iterations.
//! Here [`centrality`] instead returns the **last iterate** (finite, no NaN:
//! PageRank still sums to 1, eigenvector still has unit norm);
//! [`centrality_with_status`] says whether each iteration converged.
//!
//! # Empty graph
//!
//! No nodes: an empty result (networkx raises for eigenvector centrality).
//!
//! # Implementation
//!
//! Everything runs on one CSR copy of the collapsed graph (`u32` targets,
//! `f64` weights); nothing here calls rustworkx-core at run time, although
//! `tests/graph_rustworkx_crosscheck.rs` shows its betweenness, closeness and
//! eigenvector centrality agree with ours (and networkx) to 1e-9:
//!
//! * betweenness: rustworkx-core's matches networkx for exact betweenness
//!   but has no sampling, keeps a predecessor list per node per source and
//!   takes a global write lock per source; ours is a Brandes over the CSR
//!   in parallel (rayon, per-thread accumulators), without predecessor
//!   lists: the backward pass goes level by level and sums a per-node
//!   coefficient over all out-neighbours, which is exact because only the
//!   deeper level has a non-zero coefficient at that time.
//! * closeness: rustworkx-core's matches networkx (inward distances,
//!   wf_improved) but builds a `HashMap` per source; ours is a plain BFS per
//!   source in parallel, and in undirected mode with exact betweenness it
//!   comes free from the betweenness BFS.
//! * PageRank: petgraph's `page_rank` is O(V·E) per iteration; ours is an
//!   O(E) sparse power iteration written to mirror networkx's scipy code.
//! * eigenvector: rustworkx-core's matches networkx (it starts at 1 instead
//!   of 1/n, which only affects the first convergence test) but returns
//!   `None` when it does not converge, losing the iterate; ours returns it.
//!
//! `benches/centrality.rs` (`make bench-centrality`) times each metric on a random graph.

use crate::graph::brandes;
pub use crate::graph::collapse::SimpleGraph;
use crate::graph::model::ActorGraph;
use crate::graph::power;
use serde::Serialize;

/// Options for [`centrality`]; see the module docs for their meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricOptions {
    /// Directed mode (see the module docs). Default false.
    pub directed: bool,
    /// PageRank damping (networkx `alpha`). Default 0.85.
    pub damping: f64,
    /// Tolerance of both power iterations (per node). Default 1e-10.
    pub tolerance: f64,
    /// Iteration cap of both power iterations. Default 1000.
    pub max_iter: usize,
    /// `Some(k)`: sampled betweenness from k pivot sources. Default `None`
    /// (exact).
    pub betweenness_samples: Option<usize>,
    /// Seed of the pivot choice. Default 0.
    pub seed: u64,
    /// Which centralities to compute; the others are `None`. Default all.
    pub compute: MetricSet,
}

/// The centralities [`centrality`] computes. Degree and weighted degree
/// always are (they cost one pass over the edges); exact closeness needs a
/// search from every node, so on a large graph one asks only for what one
/// needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricSet {
    pub betweenness: bool,
    pub closeness: bool,
    pub pagerank: bool,
    pub eigenvector: bool,
}

impl MetricSet {
    pub const ALL: MetricSet = MetricSet {
        betweenness: true,
        closeness: true,
        pagerank: true,
        eigenvector: true,
    };
    pub const NONE: MetricSet = MetricSet {
        betweenness: false,
        closeness: false,
        pagerank: false,
        eigenvector: false,
    };

    /// The metrics named (degree and weighted degree are always computed);
    /// none named means all.
    ///
    /// ```
    /// use dipgraph::graph::metrics::{Metric, MetricSet};
    /// let set = MetricSet::of(&[Metric::Pagerank]);
    /// assert!(set.has(Metric::Pagerank) && set.has(Metric::Degree) && !set.has(Metric::Closeness));
    /// assert_eq!(MetricSet::of(&[]), MetricSet::ALL);
    /// ```
    pub fn of(named: &[Metric]) -> MetricSet {
        if named.is_empty() {
            return MetricSet::ALL;
        }
        MetricSet {
            betweenness: named.contains(&Metric::Betweenness),
            closeness: named.contains(&Metric::Closeness),
            pagerank: named.contains(&Metric::Pagerank),
            eigenvector: named.contains(&Metric::Eigenvector),
        }
    }

    /// Is `metric` computed?
    pub fn has(self, metric: Metric) -> bool {
        match metric {
            Metric::Degree | Metric::WeightedDegree => true,
            Metric::Betweenness => self.betweenness,
            Metric::Closeness => self.closeness,
            Metric::Pagerank => self.pagerank,
            Metric::Eigenvector => self.eigenvector,
        }
    }

    /// What to rank by when nobody says: PageRank, else the first of
    /// betweenness, eigenvector and closeness computed, else degree.
    ///
    /// ```
    /// use dipgraph::graph::metrics::{Metric, MetricSet};
    /// assert_eq!(MetricSet::ALL.default_ranking(), Metric::Pagerank);
    /// assert_eq!(MetricSet::of(&[Metric::Closeness]).default_ranking(), Metric::Closeness);
    /// assert_eq!(MetricSet::NONE.default_ranking(), Metric::Degree);
    /// ```
    pub fn default_ranking(self) -> Metric {
        [
            Metric::Pagerank,
            Metric::Betweenness,
            Metric::Eigenvector,
            Metric::Closeness,
        ]
        .into_iter()
        .find(|&m| self.has(m))
        .unwrap_or(Metric::Degree)
    }
}

/// One of the centralities, to compute, rank or size by (a closed set on
/// the command line: `--sort-by weighted-degree`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Metric {
    Degree,
    WeightedDegree,
    Betweenness,
    Closeness,
    Pagerank,
    Eigenvector,
}

impl Metric {
    /// Every metric, in the order of the tables' columns.
    pub const ALL: [Metric; 6] = [
        Metric::Degree,
        Metric::WeightedDegree,
        Metric::Betweenness,
        Metric::Closeness,
        Metric::Pagerank,
        Metric::Eigenvector,
    ];

    /// Its column name (`weighted_degree`).
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

    /// Its value in `s`; `None` when it was not computed.
    pub fn value(self, s: &Scores) -> Option<f64> {
        match self {
            Metric::Degree => Some(s.degree as f64),
            Metric::WeightedDegree => Some(s.weighted_degree),
            Metric::Betweenness => s.betweenness,
            Metric::Closeness => s.closeness,
            Metric::Pagerank => s.pagerank,
            Metric::Eigenvector => s.eigenvector,
        }
    }
}

impl Default for MetricOptions {
    fn default() -> Self {
        MetricOptions {
            directed: false,
            damping: 0.85,
            tolerance: 1e-10,
            max_iter: 1000,
            betweenness_samples: None,
            seed: 0,
            compute: MetricSet::ALL,
        }
    }
}

/// The centralities of one node; `None`: not computed
/// ([`MetricOptions::compute`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    pub id: String,
    pub degree: usize,
    pub weighted_degree: f64,
    pub betweenness: Option<f64>,
    pub closeness: Option<f64>,
    pub pagerank: Option<f64>,
    pub eigenvector: Option<f64>,
}

/// [`centrality`]'s scores with the convergence of the two power iterations.
#[derive(Debug, Clone, PartialEq)]
pub struct Centrality {
    pub scores: Vec<Scores>,
    /// Iteration at which PageRank converged; `None` if it did not within
    /// `max_iter` (its scores are then the last iterate); `Some(0)` when it
    /// was not computed (nothing failed to converge).
    pub pagerank_iterations: Option<usize>,
    /// Same for eigenvector centrality.
    pub eigenvector_iterations: Option<usize>,
    /// Wall seconds of each step, in order (`collapse`, then each metric
    /// computed; betweenness and closeness share one step when one search
    /// serves both).
    pub timings: Vec<(&'static str, f64)>,
}

impl Centrality {
    /// True when both power iterations converged.
    pub fn converged(&self) -> bool {
        self.pagerank_iterations.is_some() && self.eigenvector_iterations.is_some()
    }
}

/// The sources sampled betweenness starts from (`--samples k --seed
/// seed`) on a graph of `n` nodes, as indices in the graph's node order:
/// what a comparison with networkx gives it, so that both sum over the
/// same sources (`dipgraph __pivots`, used by `benches/harness/peers.py`
/// and `scripts/networkx_fixture.py`).
///
/// ```
/// use dipgraph::graph::metrics::sampled_sources;
///
/// let sources = sampled_sources(10, 3, 7);
/// assert_eq!(sources.len(), 3);
/// assert!(sources.iter().all(|&s| s < 10));
/// assert_eq!(sampled_sources(10, 3, 7), sources, "a seed gives one sample");
/// assert_eq!(sampled_sources(2, 5, 7).len(), 2, "at most every node");
/// ```
pub fn sampled_sources(n: usize, k: usize, seed: u64) -> Vec<u32> {
    brandes::pivots(n, k, seed)
}

/// All centralities, one [`Scores`] per node in node-index order (see the
/// module docs for the semantics). Never panics on a non-converging power
/// iteration: it returns the last iterate.
///
/// ```
/// use dipgraph::graph::metrics::{MetricOptions, centrality};
/// use dipgraph::graph::model::{ActorGraph, Edge, Node};
///
/// // Wang Yi met three ministers, once each: a star with him at the centre.
/// let mut g = ActorGraph::new();
/// for id in ["wang_yi", "kang", "blinken", "lavrov"] {
///     let kind = "person".to_string();
///     g.add_node(Node { id: id.into(), label_en: id.into(), label_zh: String::new(), kind });
/// }
/// for minister in ["kang", "blinken", "lavrov"] {
///     let meet = Edge {
///         relation: "meet".into(),
///         weight: 1.0,
///         first_date: None,
///         last_date: None,
///         directed: false,
///     };
///     g.add_edge("wang_yi", minister, meet);
/// }
/// let scores = centrality(&g, &MetricOptions::default());
/// let (hub, leaf) = (&scores[0], &scores[1]);
/// assert_eq!((hub.id.as_str(), hub.degree, leaf.degree), ("wang_yi", 3, 1));
/// // Every shortest path between two ministers runs through him.
/// assert_eq!((hub.betweenness, leaf.betweenness), (Some(1.0), Some(0.0)));
/// // He is one step from all; a minister one step from him, two from the others.
/// assert_eq!(hub.closeness, Some(1.0));
/// assert!((leaf.closeness.unwrap() - 3.0 / 5.0).abs() < 1e-12);
/// let total: f64 = scores.iter().map(|s| s.pagerank.unwrap()).sum();
/// assert!((total - 1.0).abs() < 1e-9 && hub.pagerank > leaf.pagerank);
/// ```
pub fn centrality(g: &ActorGraph, opts: &MetricOptions) -> Vec<Scores> {
    centrality_with_status(g, opts).scores
}

/// As [`centrality`], also telling whether the power iterations converged.
pub fn centrality_with_status(g: &ActorGraph, opts: &MetricOptions) -> Centrality {
    let want = opts.compute;
    let mut timings = Vec::new();
    let mut clock = std::time::Instant::now();
    let mut lap = |step: &'static str, timings: &mut Vec<(&'static str, f64)>| {
        timings.push((step, clock.elapsed().as_secs_f64()));
        clock = std::time::Instant::now();
    };
    let s = SimpleGraph::collapse(g, opts.directed);
    let degree = s.degree();
    let weighted_degree = s.weighted_degree();
    lap("collapse", &mut timings);
    // Each metric's values in node-index order; `None`: not asked for.
    let (betweenness, closeness) = match (want.betweenness, want.closeness) {
        (true, with_closeness) => {
            let (b, c) = brandes::betweenness_closeness(
                &s,
                opts.betweenness_samples,
                opts.seed,
                with_closeness,
            );
            lap(
                if with_closeness {
                    "betweenness+closeness"
                } else {
                    "betweenness"
                },
                &mut timings,
            );
            (Some(b), with_closeness.then_some(c))
        }
        (false, true) => {
            let c = s.closeness();
            lap("closeness", &mut timings);
            (None, Some(c))
        }
        (false, false) => (None, None),
    };
    let (pagerank, pagerank_iterations) = if want.pagerank {
        let (p, converged) = s.pagerank(opts.damping, opts.tolerance, opts.max_iter);
        lap("pagerank", &mut timings);
        (Some(p), converged)
    } else {
        (None, Some(0))
    };
    let (eigenvector, eigenvector_iterations) = if want.eigenvector {
        let (e, converged) = s.eigenvector(opts.tolerance, opts.max_iter);
        lap("eigenvector", &mut timings);
        (Some(e), converged)
    } else {
        (None, Some(0))
    };
    let at = |values: &Option<Vec<f64>>, i: usize| values.as_ref().map(|v| v[i]);
    let scores = g
        .graph
        .node_weights()
        .enumerate()
        .map(|(i, node)| Scores {
            id: node.id.clone(),
            degree: degree[i],
            weighted_degree: weighted_degree[i],
            betweenness: at(&betweenness, i),
            closeness: at(&closeness, i),
            pagerank: at(&pagerank, i),
            eigenvector: at(&eigenvector, i),
        })
        .collect();
    Centrality {
        scores,
        pagerank_iterations,
        eigenvector_iterations,
        timings,
    }
}

/// The single metrics, for callers that need only some of them (and for
/// `benches/centrality.rs`, which times each). Results are in node-index order.
impl SimpleGraph {
    /// Normalised betweenness (exact, or sampled from `samples` pivots).
    pub fn betweenness(&self, samples: Option<usize>, seed: u64) -> Vec<f64> {
        brandes::betweenness(self, samples, seed)
    }

    /// Closeness (wf_improved, hop counts, inward in directed mode), by its
    /// own BFS per source ([`centrality`] reuses the betweenness BFS in
    /// undirected mode instead).
    pub fn closeness(&self) -> Vec<f64> {
        brandes::closeness(self)
    }

    /// PageRank and the iteration it converged at (`None`: it did not).
    pub fn pagerank(
        &self,
        damping: f64,
        tolerance: f64,
        max_iter: usize,
    ) -> (Vec<f64>, Option<usize>) {
        let p = power::pagerank(self, damping, tolerance, max_iter);
        (p.values, p.converged_at)
    }

    /// Eigenvector centrality and the iteration it converged at.
    pub fn eigenvector(&self, tolerance: f64, max_iter: usize) -> (Vec<f64>, Option<usize>) {
        let p = power::eigenvector(self, tolerance, max_iter);
        (p.values, p.converged_at)
    }
}
