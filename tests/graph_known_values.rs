//! Small graphs whose centralities are known in closed form (worked out by
//! hand; the comments give the derivations). Power iterations run with a
//! tight tolerance so that their values are exact to 1e-9.

use dipgraph::graph::metrics::{MetricOptions, Scores, centrality, centrality_with_status};
use dipgraph::graph::model::{ActorGraph, Edge};

const EPS: f64 = 1e-9;

fn edge(weight: f64, directed: bool) -> Edge {
    Edge {
        relation: String::new(),
        weight,
        first_date: None,
        last_date: None,
        directed,
    }
}

fn graph(edges: &[(&str, &str, f64, bool)]) -> ActorGraph {
    let mut g = ActorGraph::new();
    for &(s, t, w, d) in edges {
        g.add_edge(s, t, edge(w, d));
    }
    g
}

fn exact(directed: bool) -> MetricOptions {
    MetricOptions {
        directed,
        tolerance: 1e-15,
        max_iter: 100_000,
        ..MetricOptions::default()
    }
}

fn run(g: &ActorGraph, directed: bool) -> Vec<Scores> {
    let c = centrality_with_status(g, &exact(directed));
    assert!(c.converged(), "{c:?}");
    c.scores
}

#[track_caller]
fn assert_close(got: &[f64], want: &[f64], what: &str) {
    assert_eq!(got.len(), want.len(), "{what}");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= EPS, "{what}[{i}]: got {g}, want {w}");
    }
}

/// One metric of every node; each must have been computed.
fn column(s: &[Scores], f: impl Fn(&Scores) -> Option<f64>) -> Vec<f64> {
    s.iter()
        .map(|x| f(x).unwrap_or_else(|| panic!("{}: not computed", x.id)))
        .collect()
}

#[track_caller]
fn check(
    s: &[Scores],
    degree: &[usize],
    wdeg: &[f64],
    bc: &[f64],
    cl: &[f64],
    pr: &[f64],
    ev: &[f64],
) {
    assert_eq!(
        s.iter().map(|x| x.degree).collect::<Vec<_>>(),
        degree,
        "degree"
    );
    assert_close(
        &column(s, |x| Some(x.weighted_degree)),
        wdeg,
        "weighted_degree",
    );
    assert_close(&column(s, |x| x.betweenness), bc, "betweenness");
    assert_close(&column(s, |x| x.closeness), cl, "closeness");
    assert_close(&column(s, |x| x.pagerank), pr, "pagerank");
    assert_close(&column(s, |x| x.eigenvector), ev, "eigenvector");
}

/// P4: a - b - c - d.
/// betweenness: b lies on a–c and a–d: 2 pairs / C(3,2) = 2/3.
/// closeness: a: 3 / (1+2+3) = 1/2; b: 3 / (1+1+2) = 3/4.
/// pagerank: ends p, middles q: p = 0.15/4 + 0.85 q/2, 2p + 2q = 1
///   → q = 37/114, p = 10/57.
/// eigenvector: (1, φ, φ, 1) / √(2 + 2φ²) = (1, φ, φ, 1) / √(5 + √5).
#[test]
fn path_p4() {
    let g = graph(&[
        ("a", "b", 1.0, false),
        ("b", "c", 1.0, false),
        ("c", "d", 1.0, false),
    ]);
    let s = run(&g, false);
    let ids: Vec<_> = s.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c", "d"]);
    let phi = (1.0 + 5f64.sqrt()) / 2.0;
    let norm = (5.0 + 5f64.sqrt()).sqrt();
    check(
        &s,
        &[1, 2, 2, 1],
        &[1.0, 2.0, 2.0, 1.0],
        &[0.0, 2.0 / 3.0, 2.0 / 3.0, 0.0],
        &[0.5, 0.75, 0.75, 0.5],
        &[10.0 / 57.0, 37.0 / 114.0, 37.0 / 114.0, 10.0 / 57.0],
        &[1.0 / norm, phi / norm, phi / norm, 1.0 / norm],
    );
    // Edge direction does not matter in undirected mode.
    let reversed = graph(&[
        ("b", "a", 1.0, true),
        ("c", "b", 1.0, true),
        ("d", "c", 1.0, true),
    ]);
    let r = run(&reversed, false);
    let by_id = |v: &[Scores], id: &str| v.iter().find(|x| x.id == id).unwrap().clone();
    for id in ["a", "b", "c", "d"] {
        let (x, y) = (by_id(&s, id), by_id(&r, id));
        assert!((x.pagerank.unwrap() - y.pagerank.unwrap()).abs() < EPS);
        assert!((x.betweenness.unwrap() - y.betweenness.unwrap()).abs() < EPS);
    }
}

/// Star: centre c, leaves l1..l4, each edge weight 2 (two parallel edges of
/// weight 1 each for l4).
/// betweenness: c is on all C(4,2) leaf pairs → 1; closeness: c 1, leaf
/// 4 / (1 + 2+2+2) = 4/7.
/// pagerank: x = 0.03 + 0.85·4y, y = 0.03 + 0.85·x/4 → x = 88/185,
///   y = 97/740 (uniform weights do not change it).
/// eigenvector: λ = 2, c = 2ℓ, c² + 4ℓ² = 1 → c = 1/√2, ℓ = 1/√8.
#[test]
fn star() {
    let g = graph(&[
        ("c", "l1", 2.0, false),
        ("l2", "c", 2.0, true),
        ("c", "l3", 2.0, false),
        ("c", "l4", 1.0, false),
        ("l4", "c", 1.0, true),
    ]);
    let s = run(&g, false);
    let leaf_pr = 97.0 / 740.0;
    let l = 1.0 / 8f64.sqrt();
    check(
        &s,
        &[4, 1, 1, 1, 1],
        &[8.0, 2.0, 2.0, 2.0, 2.0],
        &[1.0, 0.0, 0.0, 0.0, 0.0],
        &[1.0, 4.0 / 7.0, 4.0 / 7.0, 4.0 / 7.0, 4.0 / 7.0],
        &[88.0 / 185.0, leaf_pr, leaf_pr, leaf_pr, leaf_pr],
        &[1.0 / 2f64.sqrt(), l, l, l, l],
    );
}

/// Triangle a, b, c with a pendant d on c.
/// betweenness: c is on d–a and d–b: 2 / C(3,2) = 2/3.
/// closeness: a, b: 3/4; c: 1; d: 3 / (1+2+2) = 3/5.
/// pagerank (a = b = p, c = q, d = r, α = 17/20, t = 3/80):
///   p = t + α(p/2 + q/3), q = t + α(p + r), r = t + α q/3
///   → p = 770/3131, q = 4593/12524, r = 1771/12524.
/// eigenvector (a = b = x, c = y, d = z): λx = x + y, λy = 2x + z, λz = y
///   → λ³ − λ² − 3λ + 1 = 0 (largest root ≈ 2.1701), x = y/(λ−1), z = y/λ.
#[test]
fn triangle_with_pendant() {
    let g = graph(&[
        ("a", "b", 1.0, false),
        ("b", "c", 1.0, false),
        ("c", "a", 1.0, false),
        ("c", "d", 1.0, false),
    ]);
    let s = run(&g, false);
    // Largest root of the cubic by bisection on [2, 3].
    let f = |l: f64| l * l * l - l * l - 3.0 * l + 1.0;
    let (mut lo, mut hi) = (2.0f64, 3.0f64);
    for _ in 0..200 {
        let mid = (lo + hi) / 2.0;
        if f(mid) < 0.0 { lo = mid } else { hi = mid }
    }
    let lambda = lo;
    let (x, y, z) = (1.0 / (lambda - 1.0), 1.0, 1.0 / lambda);
    let norm = (2.0 * x * x + y * y + z * z).sqrt();
    let (p, q, r) = (770.0 / 3131.0, 4593.0 / 12524.0, 1771.0 / 12524.0);
    check(
        &s,
        &[2, 2, 3, 1],
        &[2.0, 2.0, 3.0, 1.0],
        &[0.0, 0.0, 2.0 / 3.0, 0.0],
        &[0.75, 0.75, 1.0, 0.6],
        &[p, p, q, r],
        &[x / norm, x / norm, y / norm, z / norm],
    );
}

/// Directed cycle a → b → c → a.
/// Directed mode: each node is inner to one ordered pair (b on a→c), so
/// 1 / ((n−1)(n−2)) = 1/2; inward closeness 2 / (1+2) = 2/3; degree =
/// in 1 plus out 1; pagerank 1/3; eigenvector 1/√3.
/// Undirected mode it is a triangle: betweenness 0, closeness 1.
#[test]
fn directed_cycle() {
    let g = graph(&[
        ("a", "b", 1.0, true),
        ("b", "c", 1.0, true),
        ("c", "a", 1.0, true),
    ]);
    let third = 1.0 / 3.0;
    let e = 1.0 / 3f64.sqrt();
    check(
        &run(&g, true),
        &[2, 2, 2],
        &[2.0, 2.0, 2.0],
        &[0.5, 0.5, 0.5],
        &[2.0 / 3.0, 2.0 / 3.0, 2.0 / 3.0],
        &[third, third, third],
        &[e, e, e],
    );
    check(
        &run(&g, false),
        &[2, 2, 2],
        &[2.0, 2.0, 2.0],
        &[0.0, 0.0, 0.0],
        &[1.0, 1.0, 1.0],
        &[third, third, third],
        &[e, e, e],
    );
}

/// Directed path a → b → c: inward closeness of c is 2/(1+2) · 2/2 = 2/3,
/// of b 1/1 · 1/2 = 1/2, of a 0 (nothing reaches it). b is on a→c: 1/2.
/// pagerank: c is dangling. eigenvector: A + I is triangular; the iteration
/// concentrates on c (the x_c / x_b ratio grows like k), so it converges
/// only slowly — the status says so, and values stay finite.
#[test]
fn directed_path_and_dangling() {
    let g = graph(&[("a", "b", 1.0, true), ("b", "c", 1.0, true)]);
    let s = centrality(
        &g,
        &MetricOptions {
            directed: true,
            ..MetricOptions::default()
        },
    );
    assert_close(
        &column(&s, |x| x.closeness),
        &[0.0, 0.5, 2.0 / 3.0],
        "closeness",
    );
    assert_close(
        &column(&s, |x| x.betweenness),
        &[0.0, 0.5, 0.0],
        "betweenness",
    );
    assert_eq!(s.iter().map(|x| x.degree).collect::<Vec<_>>(), [1, 2, 1]);
    // pagerank: the dangling c spreads its rank over all three, so the
    // fixed point is a = t + α·c/3, b = t + α(a + c/3), c = t + α(b + c/3)
    // with t = 0.15/3; check those equations and the unit sum.
    let pr = column(&s, |x| x.pagerank);
    assert!((pr.iter().sum::<f64>() - 1.0).abs() < EPS);
    let (a, b, c) = (pr[0], pr[1], pr[2]);
    assert!((a - (0.05 + 0.85 * c / 3.0)).abs() < 1e-8);
    assert!((b - (0.05 + 0.85 * (a + c / 3.0))).abs() < 1e-8);
    assert!((c - (0.05 + 0.85 * (b + c / 3.0))).abs() < 1e-8);
    assert!(s.iter().all(|x| x.eigenvector.is_some_and(f64::is_finite)));
}

/// Two components: path a - b - c and edge d - e (n = 5).
/// betweenness: b is on a–c: 1 / C(4,2) = 1/6.
/// closeness (wf_improved): a: (2/3)·(2/4) = 1/3; b: (2/2)·(2/4) = 1/2;
///   d, e: (1/1)·(1/4) = 1/4.
/// pagerank: d = e = 0.03/0.15 = 0.2; a = c = 57/370, b = 54/185.
/// eigenvector: the path's λ(A+I) = 1 + √2 beats the edge's 2, so the edge
///   decays to 0: (1/2, √2/2, 1/2, 0, 0).
#[test]
fn two_components() {
    let g = graph(&[
        ("a", "b", 1.0, false),
        ("b", "c", 1.0, false),
        ("d", "e", 1.0, false),
    ]);
    let s = run(&g, false);
    check(
        &s,
        &[1, 2, 1, 1, 1],
        &[1.0, 2.0, 1.0, 1.0, 1.0],
        &[0.0, 1.0 / 6.0, 0.0, 0.0, 0.0],
        &[1.0 / 3.0, 0.5, 1.0 / 3.0, 0.25, 0.25],
        &[57.0 / 370.0, 54.0 / 185.0, 57.0 / 370.0, 0.2, 0.2],
        &[0.5, 2f64.sqrt() / 2.0, 0.5, 0.0, 0.0],
    );
}

/// Directed mode: an undirected edge counts both ways, parallel edges sum,
/// self-loops vanish.
#[test]
fn directed_mode_mixes_edge_kinds() {
    let g = graph(&[
        ("a", "b", 2.0, true),
        ("a", "b", 3.0, false), // a ⇄ b, weight 3 each way
        ("c", "b", 1.0, true),
        ("c", "c", 9.0, true),
    ]);
    let s = run(&g, true);
    // a: out {b: 5}, in {b: 3}; b: out {a: 3}, in {a: 5, c: 1}; c: out {b: 1}.
    assert_eq!(s.iter().map(|x| x.degree).collect::<Vec<_>>(), [2, 3, 1]);
    assert_close(
        &column(&s, |x| Some(x.weighted_degree)),
        &[8.0, 9.0, 1.0],
        "weighted_degree",
    );
    // Only b is between: c → b → a.
    assert_close(
        &column(&s, |x| x.betweenness),
        &[0.0, 0.5, 0.0],
        "betweenness",
    );
    // Undirected mode: every edge once per pair: {a,b} = 2 + 3 = 5, {b,c} = 1.
    let u = run(&g, false);
    assert_eq!(u.iter().map(|x| x.degree).collect::<Vec<_>>(), [1, 2, 1]);
    assert_close(
        &column(&u, |x| Some(x.weighted_degree)),
        &[5.0, 6.0, 1.0],
        "weighted_degree",
    );
}

#[test]
fn empty_and_single_node() {
    assert!(centrality(&ActorGraph::new(), &MetricOptions::default()).is_empty());
    let g = graph(&[("solo", "solo", 1.0, true)]);
    for directed in [false, true] {
        let s = run(&g, directed);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].degree, 0);
        assert_eq!(s[0].weighted_degree, 0.0);
        assert_eq!(s[0].betweenness, Some(0.0));
        assert_eq!(s[0].closeness, Some(0.0));
        assert!((s[0].pagerank.unwrap() - 1.0).abs() < EPS);
        assert!((s[0].eigenvector.unwrap() - 1.0).abs() < EPS);
    }
}

/// A 2-node graph is bipartite: plain power iteration on A oscillates,
/// on A + I it converges at once to (1/√2, 1/√2).
#[test]
fn bipartite_converges() {
    let g = graph(&[("a", "b", 1.0, false)]);
    let s = run(&g, false);
    let h = 1.0 / 2f64.sqrt();
    assert_close(&column(&s, |x| x.eigenvector), &[h, h], "eigenvector");
}

#[test]
fn non_convergence_returns_last_iterate() {
    let g = graph(&[
        ("a", "b", 1.0, false),
        ("b", "c", 1.0, false),
        ("c", "d", 1.0, false),
        ("a", "e", 1.0, true),
    ]);
    let opts = MetricOptions {
        max_iter: 2,
        ..MetricOptions::default()
    };
    let c = centrality_with_status(&g, &opts);
    assert_eq!(c.pagerank_iterations, None);
    assert_eq!(c.eigenvector_iterations, None);
    assert!(!c.converged());
    let pr = column(&c.scores, |x| x.pagerank);
    let ev = column(&c.scores, |x| x.eigenvector);
    assert!(pr.iter().chain(&ev).all(|v| v.is_finite()));
    assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    assert!((ev.iter().map(|v| v * v).sum::<f64>() - 1.0).abs() < 1e-12);
    assert_eq!(centrality(&g, &opts), c.scores);
}

/// Sampled betweenness: k ≥ n is exact, k = 0 is all zeros, the same seed
/// gives the same result; the k = 1 pivot gets 0 (networkx: NaN).
#[test]
fn sampled_betweenness_edge_cases() {
    let g = graph(&[
        ("a", "b", 1.0, false),
        ("b", "c", 1.0, false),
        ("c", "d", 1.0, false),
        ("d", "e", 1.0, false),
    ]);
    let with = |k: Option<usize>, seed: u64| {
        let opts = MetricOptions {
            betweenness_samples: k,
            seed,
            ..MetricOptions::default()
        };
        column(&centrality(&g, &opts), |x| x.betweenness)
    };
    let exact = with(None, 0);
    assert_close(&exact, &[0.0, 0.5, 2.0 / 3.0, 0.5, 0.0], "exact P5");
    assert_eq!(with(Some(5), 3), exact);
    assert_eq!(with(Some(50), 3), exact);
    assert_eq!(with(Some(0), 3), vec![0.0; 5]);
    assert_eq!(with(Some(3), 11), with(Some(3), 11));
    let one = with(Some(1), 5);
    assert!(one.iter().all(|v| v.is_finite() && *v >= 0.0));
}

/// `--metrics`: a subset gives the same values as the full run for what it
/// computes, NaN for the rest, and one timing per step computed.
#[test]
fn a_subset_of_metrics_matches_the_full_run() {
    use dipgraph::graph::metrics::MetricSet;
    let g = graph(&[
        ("a", "b", 1.0, false),
        ("b", "c", 2.0, false),
        ("c", "a", 1.0, false),
        ("c", "d", 1.0, false),
    ]);
    let full = centrality_with_status(&g, &exact(false));
    for (set, steps) in [
        (
            MetricSet {
                pagerank: true,
                ..MetricSet::NONE
            },
            vec!["collapse", "pagerank"],
        ),
        (
            MetricSet {
                betweenness: true,
                eigenvector: true,
                ..MetricSet::NONE
            },
            vec!["collapse", "betweenness", "eigenvector"],
        ),
        (
            MetricSet {
                closeness: true,
                ..MetricSet::NONE
            },
            vec!["collapse", "closeness"],
        ),
    ] {
        let part = centrality_with_status(
            &g,
            &MetricOptions {
                compute: set,
                ..exact(false)
            },
        );
        assert!(part.converged());
        let names: Vec<&str> = part.timings.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, steps);
        for (p, f) in part.scores.iter().zip(&full.scores) {
            assert_eq!((p.degree, p.weighted_degree), (f.degree, f.weighted_degree));
            for (on, got, want) in [
                (set.betweenness, p.betweenness, f.betweenness),
                (set.closeness, p.closeness, f.closeness),
                (set.pagerank, p.pagerank, f.pagerank),
                (set.eigenvector, p.eigenvector, f.eigenvector),
            ] {
                match got {
                    Some(got) if on => {
                        let want = want.unwrap();
                        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
                    }
                    None if !on => {}
                    _ => panic!("{got:?}: computed is {on}"),
                }
            }
        }
    }
    let names: Vec<&str> = full.timings.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "collapse",
            "betweenness+closeness",
            "pagerank",
            "eigenvector"
        ]
    );
}
