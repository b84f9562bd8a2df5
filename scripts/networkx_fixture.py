#!/usr/bin/env python3
"""Writes the networkx reference fixture for tests/graph_networkx_fixture.rs.

    pip install networkx numpy scipy      # networkx 3.6.1 was used
    cargo build                           # the pivots are dipgraph's own
    python3 scripts/networkx_fixture.py   # from the crate root

Outputs, in tests/fixtures/random_graph/:
  edges.csv               Source,Target,Weight,Type,relation (a multigraph)
  expected_undirected.csv id,degree,weighted_degree,betweenness,closeness,
  expected_directed.csv     pagerank,eigenvector,betweenness_sampled

The multigraph is collapsed exactly as src/graph/collapse.rs does: per node pair
the weights are summed; self-loops are dropped; in undirected mode every
row joins both ways, in directed mode an Undirected row counts both ways
and a Directed row only Source -> Target. Nodes are numbered by first
appearance in edges.csv (Source, then Target, row by row), as
read_edge_list numbers them.

`betweenness_sampled` is networkx's k= betweenness with the pivots the Rust
code draws for SAMPLE_K and SAMPLE_SEED (`dipgraph __pivots`), so that only
the scaling is under test.
"""

import csv
import os
import random
import subprocess

import networkx as nx

SEED = 20240611
N_NODES = 300
N_PAIRS = 640
EXTRA_PARALLEL = 180
SAMPLE_K = 60
SAMPLE_SEED = 7
DAMPING = 0.85
TOL = 1e-10
MAX_ITER = 1000

SYMMETRIC = ["meet", "call", "agree", "cooperate"]
ASYMMETRIC = ["visit", "invite", "appeal", "support", "criticize", "concern"]

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "fixtures", "random_graph")


def make_rows(rng):
    ids = [f"actor_{i:03d}" for i in range(N_NODES)]
    rng.shuffle(ids)
    isolated = ids[:2]  # appear only in self-loop rows
    triangle = ids[2:5]  # a separate small component
    main = ids[5:]
    rows = []

    def weight():
        r = rng.random()
        if r < 0.1:
            return ""  # no weight: 1.0
        if r < 0.3:
            return repr(round(rng.uniform(0.1, 4.0), 3))
        return str(rng.randint(1, 6))

    def row(s, t, relation):
        typ = "Undirected" if relation in SYMMETRIC else "Directed"
        if rng.random() < 0.1:
            typ = typ.lower()
        return [s, t, weight(), typ, relation]

    pairs = set()
    # A spanning-ish backbone keeps most of `main` in one component.
    for i in range(1, len(main) - 8):
        j = rng.randrange(max(0, i - 30), i)
        pairs.add((main[j], main[i]))
    while len(pairs) < N_PAIRS:
        s, t = rng.sample(main, 2)
        if (s, t) not in pairs and (t, s) not in pairs:
            pairs.add((s, t))
    pairs = sorted(pairs)
    rng.shuffle(pairs)
    for s, t in pairs:
        relation = rng.choice(SYMMETRIC + ASYMMETRIC)
        rows.append(row(s, t, relation))
    # Parallel edges: same pair, other relations, either orientation.
    for s, t in rng.sample(pairs, EXTRA_PARALLEL):
        for _ in range(rng.randint(1, 3)):
            relation = rng.choice(SYMMETRIC + ASYMMETRIC)
            if rng.random() < 0.5:
                s, t = t, s
            rows.append(row(s, t, relation))
    a, b, c = triangle
    rows += [row(a, b, "meet"), row(b, c, "visit"), row(c, a, "support")]
    for x in isolated:
        rows.append([x, x, "2", "Directed", "concern"])
    rng.shuffle(rows)
    # Self-loops of actors that also have other edges.
    rows.append([main[0], main[0], "5", "Undirected", "meet"])
    return rows


def node_order(rows):
    seen = {}
    for s, t, *_ in rows:
        for x in (s, t):
            seen.setdefault(x, len(seen))
    return list(seen)


def collapse(rows, nodes, directed):
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(nodes)

    def add(u, v, w):
        if G.has_edge(u, v):
            G[u][v]["weight"] += w
        else:
            G.add_edge(u, v, weight=w)

    for s, t, w, typ, _ in rows:
        if s == t:
            continue
        w = float(w) if w else 1.0
        add(s, t, w)
        if directed and typ.lower() == "undirected":
            add(t, s, w)
    return G


def rust_pivots(n, k, seed):
    """The pivots dipgraph samples (src/graph/brandes.rs `pivots`), asked of
    the binary (`dipgraph __pivots`; $DIPGRAPH, else the debug build), so
    its generator is written once (src/rng.rs)."""
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    dipgraph = os.environ.get("DIPGRAPH", os.path.join(target, "debug", "dipgraph"))
    out = subprocess.run(
        [dipgraph, "__pivots", str(n), str(k), str(seed)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [int(line) for line in out.split()]


class FixedSample(random.Random):
    """A `seed` for networkx whose sample() returns given nodes."""

    def __init__(self, chosen):
        super().__init__(0)
        self.chosen = chosen

    def sample(self, population, k, **kwargs):
        assert k == len(self.chosen)
        return list(self.chosen)


def expected(G, nodes):
    bc = nx.betweenness_centrality(G, normalized=True)
    pivots = [nodes[i] for i in rust_pivots(len(nodes), SAMPLE_K, SAMPLE_SEED)]
    bc_k = nx.betweenness_centrality(
        G, k=SAMPLE_K, normalized=True, seed=FixedSample(pivots)
    )
    cl = nx.closeness_centrality(G, wf_improved=True)
    pr = nx.pagerank(G, alpha=DAMPING, tol=TOL, max_iter=MAX_ITER, weight="weight")
    ev = nx.eigenvector_centrality(G, max_iter=MAX_ITER, tol=TOL, weight="weight")
    for v in nodes:
        yield [
            v,
            G.degree(v),
            repr(float(G.degree(v, weight="weight"))),
            repr(bc[v]),
            repr(cl[v]),
            repr(pr[v]),
            repr(ev[v]),
            repr(bc_k[v]),
        ]


def main():
    rng = random.Random(SEED)
    rows = make_rows(rng)
    nodes = node_order(rows)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "edges.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["Source", "Target", "Weight", "Type", "relation"])
        w.writerows(rows)
    header = ["id", "degree", "weighted_degree", "betweenness", "closeness",
              "pagerank", "eigenvector", "betweenness_sampled"]
    for directed in (False, True):
        G = collapse(rows, nodes, directed)
        name = "expected_directed.csv" if directed else "expected_undirected.csv"
        with open(os.path.join(OUT, name), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(expected(G, nodes))
        comps = (nx.number_weakly_connected_components(G) if directed
                 else nx.number_connected_components(G))
        print(f"{name}: {G.number_of_nodes()} nodes, {G.number_of_edges()} "
              f"edges, {comps} components")
    print(f"edges.csv: {len(rows)} rows, networkx {nx.__version__}")


if __name__ == "__main__":
    main()
