//! Sparse power iterations on the CSR graph: PageRank and eigenvector
//! centrality, each O(arcs) per iteration.

use crate::graph::collapse::SimpleGraph;

/// Result of a power iteration: the last iterate, and the iteration at
/// which it converged (`None`: `max_iter` ran out first).
pub(crate) struct Power {
    pub values: Vec<f64>,
    pub converged_at: Option<usize>,
}

fn l1_distance(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum()
}

/// Repeats `step(x, next)` from a uniform start until the L1 change falls
/// under n·tol (networkx's test), or `max_iter` runs out.
fn iterate(n: usize, tol: f64, max_iter: usize, mut step: impl FnMut(&[f64], &mut [f64])) -> Power {
    if n == 0 {
        return Power {
            values: Vec::new(),
            converged_at: Some(0),
        };
    }
    let nf = n as f64;
    let mut x = vec![1.0 / nf; n];
    let mut next = vec![0.0; n];
    for iter in 1..=max_iter {
        step(&x, &mut next);
        let err = l1_distance(&next, &x);
        std::mem::swap(&mut x, &mut next);
        if err < nf * tol {
            return Power {
                values: x,
                converged_at: Some(iter),
            };
        }
    }
    Power {
        values: x,
        converged_at: None,
    }
}

/// networkx `_pagerank_scipy` with no personalization, nstart or dangling
/// dict: uniform start and teleport, dangling mass spread uniformly.
pub(crate) fn pagerank(g: &SimpleGraph, alpha: f64, tol: f64, max_iter: usize) -> Power {
    let n = g.n;
    let nf = n as f64;
    // 1 / out-weight, or 0 for a dangling node (no out-weight).
    let inv_out: Vec<f64> = (0..n)
        .map(|v| {
            let s: f64 = g.out.weights(v).iter().sum();
            if s != 0.0 { 1.0 / s } else { 0.0 }
        })
        .collect();
    let dangling: Vec<u32> = (0..n as u32)
        .filter(|&v| inv_out[v as usize] == 0.0)
        .collect();
    iterate(n, tol, max_iter, |x, next| {
        next.iter_mut().for_each(|y| *y = 0.0);
        for v in 0..n {
            let share = x[v] * inv_out[v];
            for (&t, &w) in g.out.neighbors(v).iter().zip(g.out.weights(v)) {
                next[t as usize] += share * w;
            }
        }
        let dangling_sum: f64 = dangling.iter().map(|&v| x[v as usize]).sum();
        let spread = dangling_sum / nf;
        let teleport = (1.0 - alpha) / nf;
        next.iter_mut()
            .for_each(|y| *y = alpha * (*y + spread) + teleport);
    })
}

/// networkx `eigenvector_centrality`: start at 1/n, iterate
/// `x ← (A + I)ᵀ x / ‖(A + I)ᵀ x‖₂` (in-arcs: a node's score is fed by the
/// nodes pointing to it).
pub(crate) fn eigenvector(g: &SimpleGraph, tol: f64, max_iter: usize) -> Power {
    iterate(g.n, tol, max_iter, |x, next| {
        next.copy_from_slice(x);
        for (v, &xv) in x.iter().enumerate() {
            for (&t, &w) in g.out.neighbors(v).iter().zip(g.out.weights(v)) {
                next[t as usize] += xv * w;
            }
        }
        let norm = next.iter().map(|y| y * y).sum::<f64>().sqrt();
        let norm = if norm == 0.0 { 1.0 } else { norm };
        next.iter_mut().for_each(|y| *y /= norm);
    })
}
