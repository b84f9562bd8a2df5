//! The multigraph collapsed into a simple weighted graph in CSR form.

use crate::graph::model::ActorGraph;

/// Compressed sparse rows: the arcs leaving node `v` are
/// `targets[offsets[v]..offsets[v + 1]]`, sorted by target, with their
/// weights in `weights` at the same positions.
#[derive(Debug, Clone, Default)]
pub(crate) struct Csr {
    pub offsets: Vec<usize>,
    pub targets: Vec<u32>,
    pub weights: Vec<f64>,
}

impl Csr {
    /// Builds the rows from `(source, target, weight)` arcs, summing the
    /// weights of repeated arcs in the order given.
    fn from_arcs(n: usize, mut arcs: Vec<(u32, u32, f64)>) -> Csr {
        // Stable sort: repeated arcs are summed in input order, so the
        // forward and reverse CSR get bit-identical sums.
        arcs.sort_by_key(|&(s, t, _)| (s, t));
        let mut offsets = vec![0usize; n + 1];
        let mut targets = Vec::with_capacity(arcs.len());
        let mut weights: Vec<f64> = Vec::with_capacity(arcs.len());
        let mut last: Option<(u32, u32)> = None;
        for (s, t, w) in arcs {
            if last == Some((s, t)) {
                *weights.last_mut().expect("a previous arc") += w;
            } else {
                targets.push(t);
                weights.push(w);
                offsets[s as usize + 1] += 1;
                last = Some((s, t));
            }
        }
        for v in 0..n {
            offsets[v + 1] += offsets[v];
        }
        Csr {
            offsets,
            targets,
            weights,
        }
    }

    #[inline]
    pub fn neighbors(&self, v: usize) -> &[u32] {
        &self.targets[self.offsets[v]..self.offsets[v + 1]]
    }

    #[inline]
    pub fn weights(&self, v: usize) -> &[f64] {
        &self.weights[self.offsets[v]..self.offsets[v + 1]]
    }

    #[inline]
    pub fn degree(&self, v: usize) -> usize {
        self.offsets[v + 1] - self.offsets[v]
    }
}

/// The [`ActorGraph`] multigraph collapsed into a simple weighted graph, the
/// graph every metric in [`crate::graph::metrics`] runs on.
///
/// Node `i` is the actor graph's node index `i`. Per ordered node pair the
/// arc weight is the sum of the weights of the edges that join them:
///
/// * undirected mode (`directed == false`): every edge joins both ways, so
///   the pair `{u, v}` gets the sum over all edges between `u` and `v` in
///   either direction, directed or not;
/// * directed mode: an edge with `directed == false` counts both ways, a
///   directed one only source → target.
///
/// Self-loops are dropped. A pair whose edges all weigh 0 stays an arc of
/// weight 0 (it still counts for degree and shortest paths).
#[derive(Debug, Clone)]
pub struct SimpleGraph {
    pub(crate) n: usize,
    pub(crate) directed: bool,
    /// Out-arcs (undirected mode: each pair stored both ways).
    pub(crate) out: Csr,
    /// In-arcs; empty in undirected mode, where they equal `out`.
    pub(crate) inc: Csr,
}

impl SimpleGraph {
    /// Collapses `g` (see the type docs).
    pub fn collapse(g: &ActorGraph, directed: bool) -> SimpleGraph {
        let n = g.node_count();
        assert!(
            u32::try_from(n).is_ok(),
            "graphs with 2^32 nodes or more are not supported"
        );
        let mut arcs = Vec::with_capacity(2 * g.edge_count());
        for e in g.graph.raw_edges() {
            let (s, t) = (e.source().index() as u32, e.target().index() as u32);
            if s == t {
                continue;
            }
            let w = e.weight.weight;
            arcs.push((s, t, w));
            if !directed || !e.weight.directed {
                arcs.push((t, s, w));
            }
        }
        if directed {
            let reversed = arcs.iter().map(|&(s, t, w)| (t, s, w)).collect();
            SimpleGraph {
                n,
                directed,
                out: Csr::from_arcs(n, arcs),
                inc: Csr::from_arcs(n, reversed),
            }
        } else {
            SimpleGraph {
                n,
                directed,
                out: Csr::from_arcs(n, arcs),
                inc: Csr::default(),
            }
        }
    }

    pub fn node_count(&self) -> usize {
        self.n
    }

    /// Number of arcs; in undirected mode each pair counts twice.
    pub fn arc_count(&self) -> usize {
        self.out.targets.len()
    }

    pub fn is_directed(&self) -> bool {
        self.directed
    }

    /// The in-arcs (the out-arcs themselves in undirected mode).
    pub(crate) fn incoming(&self) -> &Csr {
        if self.directed { &self.inc } else { &self.out }
    }

    /// Per node: number of distinct neighbours (directed mode: distinct
    /// in-neighbours + distinct out-neighbours, so a reciprocal pair counts
    /// twice, as networkx's `DiGraph.degree`).
    pub fn degree(&self) -> Vec<usize> {
        (0..self.n)
            .map(|v| {
                if self.directed {
                    self.out.degree(v) + self.inc.degree(v)
                } else {
                    self.out.degree(v)
                }
            })
            .collect()
    }

    /// Per node: sum of the collapsed weights of its arcs (directed mode:
    /// in-weight + out-weight, as networkx's `DiGraph.degree(weight=...)`).
    pub fn weighted_degree(&self) -> Vec<f64> {
        (0..self.n)
            .map(|v| {
                let out: f64 = self.out.weights(v).iter().sum();
                if self.directed {
                    out + self.inc.weights(v).iter().sum::<f64>()
                } else {
                    out
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::model::Edge;

    fn edge(w: f64, directed: bool) -> Edge {
        Edge {
            relation: String::new(),
            weight: w,
            first_date: None,
            last_date: None,
            directed,
        }
    }

    fn arcs(c: &Csr) -> Vec<(usize, u32, f64)> {
        let n = c.offsets.len() - 1;
        (0..n)
            .flat_map(|v| {
                c.neighbors(v)
                    .iter()
                    .zip(c.weights(v))
                    .map(move |(&t, &w)| (v, t, w))
            })
            .collect()
    }

    fn sample() -> ActorGraph {
        let mut g = ActorGraph::new();
        g.add_edge("a", "b", edge(1.0, true));
        g.add_edge("b", "a", edge(2.0, true));
        g.add_edge("a", "b", edge(4.0, false));
        g.add_edge("b", "c", edge(8.0, true));
        g.add_edge("c", "c", edge(16.0, true));
        g
    }

    #[test]
    fn undirected_sums_all_edges_of_a_pair() {
        let s = SimpleGraph::collapse(&sample(), false);
        assert_eq!(
            arcs(&s.out),
            vec![(0, 1, 7.0), (1, 0, 7.0), (1, 2, 8.0), (2, 1, 8.0)]
        );
        assert_eq!(s.degree(), vec![1, 2, 1]);
        assert_eq!(s.weighted_degree(), vec![7.0, 15.0, 8.0]);
    }

    #[test]
    fn directed_keeps_direction_of_directed_edges() {
        let s = SimpleGraph::collapse(&sample(), true);
        assert_eq!(arcs(&s.out), vec![(0, 1, 5.0), (1, 0, 6.0), (1, 2, 8.0)]);
        assert_eq!(arcs(&s.inc), vec![(0, 1, 6.0), (1, 0, 5.0), (2, 1, 8.0)]);
        assert_eq!(s.degree(), vec![2, 3, 1]);
        assert_eq!(s.weighted_degree(), vec![11.0, 19.0, 8.0]);
    }
}
