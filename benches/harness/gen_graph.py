#!/usr/bin/env python3
"""Writes a fixed-seed random graph as a Gephi-style edge list.

    python3 benches/harness/gen_graph.py --nodes 10000 --edges 50000 --seed 42 --out graph-10k.csv

The graph is G(n, m): m distinct unordered pairs of distinct nodes drawn
uniformly (an undirected simple graph: no self-loops, no parallel edges),
like networkx.gnm_random_graph but with Python's stdlib only, so that
`make bench-data` needs no venv. The same (nodes, edges, seed) always gives
the same file, byte for byte, on any Python 3 (random.Random's integer
sampling is stable across versions).

The CSV has the header `Source,Target` and one row per edge; node ids are
0..n-1. Nodes no edge touches cannot appear in an edge list: with m = 5n
about n·e^-10 of them are isolated (0-5 nodes here), so readers of the file
see that many fewer nodes; the count is printed and bench.py records it.

Stdlib only; writes to a temporary file then renames, so an interrupted run
leaves no half file behind.
"""

import argparse
import os
import random
import sys


def gnm_edges(n, m, seed):
    if n < 2 or m > n * (n - 1) // 2:
        raise SystemExit(f"cannot draw {m} distinct edges on {n} nodes")
    rng = random.Random(seed)
    seen = set()
    edges = []
    while len(edges) < m:
        u = rng.randrange(n)
        v = rng.randrange(n)
        if u == v:
            continue
        key = (u, v) if u < v else (v, u)
        if key in seen:
            continue
        seen.add(key)
        edges.append((u, v))
    return edges


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, required=True)
    ap.add_argument("--edges", type=int, required=True)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)

    edges = gnm_edges(args.nodes, args.edges, args.seed)
    touched = set()
    for u, v in edges:
        touched.add(u)
        touched.add(v)
    tmp = f"{args.out}.tmp{os.getpid()}"
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(tmp, "w", newline="") as f:
        f.write("Source,Target\n")
        f.writelines(f"{u},{v}\n" for u, v in edges)
    os.replace(tmp, args.out)
    print(
        f"{args.out}: {args.nodes} nodes ({args.nodes - len(touched)} isolated, "
        f"so {len(touched)} in the file), {len(edges)} edges, seed {args.seed}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
