//! Unweighted shortest-path metrics on the CSR graph, in parallel over
//! sources: Brandes' betweenness and closeness.

use crate::graph::collapse::{Csr, SimpleGraph};
use rayon::prelude::*;

/// Per-node BFS state, packed so that visiting an arc touches one slot.
#[derive(Clone, Copy)]
struct Slot {
    dist: u32,
    /// Number of shortest paths from the source.
    sigma: f64,
}

const UNSEEN: Slot = Slot {
    dist: u32::MAX,
    sigma: 0.0,
};

/// Per-thread scratch space for one BFS; reset only where it was used.
struct Bfs {
    slots: Vec<Slot>,
    /// Backward pass: `(1 + delta) / sigma`, what a node passes on to each
    /// of its predecessors per shortest path through them; 0 until the
    /// node's level is done.
    coef: Vec<f64>,
    /// The coefficients of the level being done, committed after it.
    pending: Vec<f64>,
    /// Nodes in the order BFS reached them (non-decreasing distance).
    order: Vec<u32>,
}

impl Bfs {
    fn new(n: usize) -> Self {
        Bfs {
            slots: vec![UNSEEN; n],
            coef: vec![0.0; n],
            pending: Vec::new(),
            order: Vec::with_capacity(n),
        }
    }

    /// BFS from `s` over `adj`, counting shortest paths when `count`.
    fn run(&mut self, adj: &Csr, s: usize, count: bool) {
        for &v in &self.order {
            self.slots[v as usize] = UNSEEN;
            self.coef[v as usize] = 0.0;
        }
        self.order.clear();
        self.slots[s].dist = 0;
        self.slots[s].sigma = 1.0;
        self.order.push(s as u32);
        let mut head = 0;
        while head < self.order.len() {
            let v = self.order[head] as usize;
            head += 1;
            let Slot { dist, sigma, .. } = self.slots[v];
            let next = dist + 1;
            for &w in adj.neighbors(v) {
                let slot = &mut self.slots[w as usize];
                if slot.dist == u32::MAX {
                    slot.dist = next;
                    self.order.push(w);
                }
                if count && slot.dist == next {
                    slot.sigma += sigma;
                }
            }
        }
    }

    /// Closeness of the source of the BFS just run (networkx, wf_improved):
    /// `(r-1)/Σd · (r-1)/(n-1)` over the `r` nodes reached.
    fn closeness(&self, n: usize) -> f64 {
        let total: u64 = self
            .order
            .iter()
            .map(|&v| u64::from(self.slots[v as usize].dist))
            .sum();
        let reached = (self.order.len() - 1) as f64;
        if total > 0 && n > 1 {
            (reached / total as f64) * (reached / (n - 1) as f64)
        } else {
            0.0
        }
    }

    /// Brandes' dependency accumulation for the BFS just run from `s`,
    /// adding into `bc`, in its successor form
    /// `delta[v] = sigma[v] · Σ_{w succ. of v} (1 + delta[w]) / sigma[w]`,
    /// without predecessor lists and without a per-arc test: levels are
    /// done deepest first, and while level d is done only the levels below
    /// it have a non-zero `coef`, so summing `coef` over *all* out-neighbours
    /// of v (which lie at level ≤ d + 1) sums exactly over its successors.
    fn accumulate(&mut self, adj: &Csr, s: usize, bc: &mut [f64]) {
        let mut end = self.order.len();
        while end > 0 {
            let level = self.slots[self.order[end - 1] as usize].dist;
            let mut start = end - 1;
            while start > 0 && self.slots[self.order[start - 1] as usize].dist == level {
                start -= 1;
            }
            self.pending.clear();
            for &v in &self.order[start..end] {
                let v = v as usize;
                let sum: f64 = adj
                    .neighbors(v)
                    .iter()
                    .map(|&w| self.coef[w as usize])
                    .sum();
                let sigma = self.slots[v].sigma;
                let delta = sigma * sum;
                self.pending.push((1.0 + delta) / sigma);
                if v != s {
                    bc[v] += delta;
                }
            }
            for (&v, &c) in self.order[start..end].iter().zip(&self.pending) {
                self.coef[v as usize] = c;
            }
            end = start;
        }
    }
}

/// Raw (unscaled) Brandes sums over the given sources, in parallel; with
/// `closeness` (undirected mode, all sources) also the closeness of each
/// source, from the same BFS.
fn brandes_sums(g: &SimpleGraph, sources: &[u32], closeness: bool) -> (Vec<f64>, Vec<f64>) {
    let n = g.n;
    let (bc, cl) = sources
        .par_iter()
        .with_min_len(8)
        .fold(
            || (Bfs::new(n), vec![0.0; n], Vec::new()),
            |(mut bfs, mut bc, mut cl), &s| {
                bfs.run(&g.out, s as usize, true);
                if closeness {
                    cl.push((s, bfs.closeness(n)));
                }
                bfs.accumulate(&g.out, s as usize, &mut bc);
                (bfs, bc, cl)
            },
        )
        .map(|(_, bc, cl)| (bc, cl))
        .reduce(
            || (vec![0.0; n], Vec::new()),
            |(mut a, mut ca), (b, cb)| {
                a.iter_mut().zip(&b).for_each(|(x, y)| *x += y);
                ca.extend(cb);
                (a, ca)
            },
        );
    let mut closeness_values = Vec::new();
    if closeness {
        closeness_values = vec![0.0; n];
        for (s, c) in cl {
            closeness_values[s as usize] = c;
        }
    }
    (bc, closeness_values)
}

/// `k` distinct nodes of `0..n`, by a partial Fisher–Yates shuffle.
pub(crate) fn pivots(n: usize, k: usize, seed: u64) -> Vec<u32> {
    let mut all: Vec<u32> = (0..n as u32).collect();
    let mut rng = crate::rng::SplitMix64(seed);
    let k = k.min(n);
    for i in 0..k {
        let j = i + rng.below((n - i) as u64) as usize;
        all.swap(i, j);
    }
    all.truncate(k);
    all
}

/// Betweenness with networkx's normalisation (`normalized=True`,
/// `endpoints=False`); see [`crate::graph::metrics`] for the sampled case.
pub(crate) fn betweenness(g: &SimpleGraph, samples: Option<usize>, seed: u64) -> Vec<f64> {
    betweenness_closeness(g, samples, seed, false).0
}

/// Betweenness and, when `want_closeness`, closeness; in undirected mode
/// with exact betweenness both come from the same BFS per source.
pub(crate) fn betweenness_closeness(
    g: &SimpleGraph,
    samples: Option<usize>,
    seed: u64,
    want_closeness: bool,
) -> (Vec<f64>, Vec<f64>) {
    let n = g.n;
    let k = samples.filter(|&k| k < n);
    let sources: Vec<u32> = match k {
        None => (0..n as u32).collect(),
        Some(k) => pivots(n, k, seed),
    };
    let fused = want_closeness && !g.directed && k.is_none();
    let (mut bc, mut cl) = brandes_sums(g, &sources, fused);
    if want_closeness && !fused {
        cl = closeness(g);
    }
    if n <= 2 {
        return (bc, cl); // all zero, as networkx leaves it
    }
    let pairs = (n - 2) as f64; // N - 1 with N = n - 1 targets
    match k {
        None => {
            let scale = 1.0 / ((n - 1) as f64 * pairs);
            bc.iter_mut().for_each(|x| *x *= scale);
        }
        Some(0) => bc.iter_mut().for_each(|x| *x = 0.0),
        Some(k) => {
            let nonsource = 1.0 / (k as f64 * pairs);
            // networkx gives NaN for the lone source when k == 1; its sum is
            // always 0 (a source never counts itself), so keep 0.
            let source = if k > 1 {
                1.0 / ((k - 1) as f64 * pairs)
            } else {
                0.0
            };
            let mut is_source = vec![false; n];
            for &s in &sources {
                is_source[s as usize] = true;
            }
            for (x, &src) in bc.iter_mut().zip(&is_source) {
                *x *= if src { source } else { nonsource };
            }
        }
    }
    (bc, cl)
}

/// Closeness with networkx's semantics (`wf_improved=True`, hop counts,
/// inward distances in directed mode).
pub(crate) fn closeness(g: &SimpleGraph) -> Vec<f64> {
    let n = g.n;
    let adj = g.incoming();
    (0..n)
        .into_par_iter()
        .with_min_len(8)
        .map_init(
            || Bfs::new(n),
            |bfs, s| {
                bfs.run(adj, s, false);
                bfs.closeness(n)
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pivots_are_distinct_and_seeded() {
        let a = pivots(100, 10, 7);
        let b = pivots(100, 10, 7);
        let c = pivots(100, 10, 8);
        assert_eq!(a, b);
        assert_ne!(a, c);
        let mut sorted = a.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 10);
        assert!(a.iter().all(|&v| v < 100));
        assert_eq!(pivots(5, 9, 1).len(), 5);
    }
}
