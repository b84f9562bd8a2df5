#!/usr/bin/env python3
"""Times one centrality of networkx or python-igraph on an edge-list CSV.

Run with the bench venv's Python (make bench-venv), one metric per process
so that bench.py can put a time limit on each:

    $VENV/bin/python benches/harness/peers.py --graph graph-10k.csv --lib networkx \
        --metric betweenness [--samples K [--seed S] --dipgraph BIN] [--values-out FILE.csv]

Prints one JSON object on the last line of stdout: lib, version, metric,
nodes, edges, load_seconds (reading the CSV and building the graph),
seconds (the metric call alone), max_rss_kb, samples. With --values-out it
also writes `id,value` rows (every node) for bench.py to compare with
dipgraph.

Semantics are those dipgraph documents (src/graph/metrics.rs: networkx's):
the graph is undirected and simple, nodes numbered by first appearance in
the CSV (Source, then Target, row by row) as dipgraph's edge-list reader
numbers them.

* betweenness: networkx `betweenness_centrality(G, normalized=True)`;
  igraph `Graph.betweenness(directed=False)` (unnormalised, each unordered
  pair once) times 2/((n-1)(n-2)), which is networkx's normalisation.
  With --samples K: the K pivot sources are the ones dipgraph draws for
  `--samples K --seed S` (asked of the binary: `dipgraph __pivots`, as
  scripts/networkx_fixture.py does), so all three compute the same sum over
  the same sources. networkx: `betweenness_centrality(k=K, seed=<those
  pivots>)`. igraph has no sampling; `betweenness(sources=pivots)` does the
  same K single-source passes (its values are scaled here as networkx
  >= 3.5 scales k=, see --samples below; the time is what is compared).
* pagerank: networkx `pagerank(G, alpha=0.85, tol=1e-10, max_iter=1000)`;
  igraph `Graph.pagerank(damping=0.85, directed=False)` (PRPACK, a direct
  solver: same fixed point, no tolerance to set).
"""

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import time


def read_edges(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = [h.strip().lower() for h in next(reader)]
        si, ti = header.index("source"), header.index("target")
        edges = [(r[si].strip(), r[ti].strip()) for r in reader if r]
    order = {}
    for s, t in edges:
        order.setdefault(s, len(order))
        order.setdefault(t, len(order))
    return list(order), edges


def dipgraph_pivots(dipgraph, n, k, seed):
    """Node indices dipgraph samples for `--samples k --seed seed`, asked of
    the binary itself (`dipgraph __pivots`), so its generator is written
    once (src/rng.rs)."""
    out = subprocess.run(
        [dipgraph, "__pivots", str(n), str(k), str(seed)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [int(line) for line in out.split()]


class FixedSample(random.Random):
    """A networkx `seed` whose sample() returns the given nodes."""

    def __init__(self, chosen):
        super().__init__(0)
        self.chosen = chosen

    def sample(self, population, k, **kwargs):
        assert k == len(self.chosen)
        return list(self.chosen)


def sampled_scale(n, k, pivots, raw):
    """networkx >= 3.5 scaling of k= betweenness (undirected, normalised),
    applied to per-node sums over the pivot sources of the dependency
    (each source's pass counted once)."""
    pivot_set = set(pivots)
    out = []
    for i, v in enumerate(raw):
        denom = (k - 1) * (n - 2) if i in pivot_set else k * (n - 2)
        out.append(v / denom if denom > 0 else 0.0)
    return out


def run_networkx(nodes, edges, metric, samples, pivots):
    import networkx as nx

    t0 = time.perf_counter()
    G = nx.Graph()
    G.add_nodes_from(nodes)
    G.add_edges_from(edges)
    load = time.perf_counter() - t0
    n = len(nodes)
    t0 = time.perf_counter()
    if metric == "betweenness":
        if pivots is not None:
            chosen = [nodes[i] for i in pivots]
            values = nx.betweenness_centrality(
                G, k=samples, normalized=True, seed=FixedSample(chosen)
            )
        else:
            values = nx.betweenness_centrality(G, normalized=True)
    else:
        values = nx.pagerank(G, alpha=0.85, tol=1e-10, max_iter=1000)
    seconds = time.perf_counter() - t0
    return nx.__version__, load, seconds, [values[v] for v in nodes]


def run_igraph(nodes, edges, metric, samples, pivots):
    import igraph as ig

    t0 = time.perf_counter()
    index = {v: i for i, v in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(index[s], index[t]) for s, t in edges], directed=False)
    g.simplify()
    load = time.perf_counter() - t0
    n = len(nodes)
    t0 = time.perf_counter()
    if metric == "betweenness":
        if pivots is not None:
            raw = g.betweenness(directed=False, sources=pivots)
            seconds = time.perf_counter() - t0
            # igraph's undirected subset betweenness halves the sums (each
            # path s-t counted once for the pair); networkx's single-source
            # dependencies count it once per source: undo the halving.
            values = sampled_scale(n, samples, pivots, [2.0 * x for x in raw])
        else:
            raw = g.betweenness(directed=False)
            seconds = time.perf_counter() - t0
            scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
            values = [x * scale for x in raw]
    else:
        values = g.pagerank(damping=0.85, directed=False)
        seconds = time.perf_counter() - t0
    return ig.__version__, load, seconds, values


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--graph", required=True, help="edge-list CSV (Source,Target)")
    ap.add_argument("--lib", required=True, choices=["networkx", "igraph"])
    ap.add_argument("--metric", required=True, choices=["betweenness", "pagerank"])
    ap.add_argument(
        "--samples",
        type=int,
        help="betweenness from K pivot sources (dipgraph's pivots for --seed)",
    )
    ap.add_argument("--seed", type=int, default=0, help="dipgraph's --seed (default 0)")
    ap.add_argument(
        "--dipgraph",
        default="dipgraph",
        help="the dipgraph binary, which names its pivots (with --samples)",
    )
    ap.add_argument("--values-out", help="write id,value rows here")
    args = ap.parse_args(argv)

    nodes, edges = read_edges(args.graph)
    # Drawn before timing: the peers are timed on the metric alone.
    pivots = None
    if args.metric == "betweenness" and args.samples is not None and args.samples < len(nodes):
        pivots = dipgraph_pivots(args.dipgraph, len(nodes), args.samples, args.seed)
    run = run_networkx if args.lib == "networkx" else run_igraph
    version, load, seconds, values = run(nodes, edges, args.metric, args.samples, pivots)
    if args.values_out:
        with open(args.values_out, "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["id", "value"])
            w.writerows((v, repr(float(x))) for v, x in zip(nodes, values))
    print(
        json.dumps(
            {
                "lib": args.lib,
                "version": version,
                "metric": args.metric,
                "graph": args.graph,
                "nodes": len(nodes),
                "edges": len(edges),
                "samples": args.samples,
                "seed": args.seed if args.samples is not None else None,
                "load_seconds": round(load, 4),
                "seconds": round(seconds, 4),
                "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            }
        )
    )


if __name__ == "__main__":
    sys.exit(main())
