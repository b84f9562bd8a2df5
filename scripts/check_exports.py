#!/usr/bin/env python3
"""Opens dipgraph's exports with the programs researchers read them with.

    check_exports.py GRAPH.graphml BOOK.xlsx

networkx must load the GraphML (a MultiDiGraph: one edge per relation and
pair) with every node labelled and typed attributes; openpyxl must read
the workbook with codes and ids as text, counts as numbers and date_start
as a date. Prints one JSON line of what it saw; exits 1 (with the reason)
on the first thing wrong. Run by tests/export_readers.rs in the venv that
`make export-readers` makes (networkx and openpyxl from PyPI).
"""
import datetime
import json
import sys

import networkx as nx
import openpyxl


def fail(msg):
    print(f"check_exports: {msg}", file=sys.stderr)
    sys.exit(1)


def check_graphml(path):
    g = nx.read_graphml(path)
    if not isinstance(g, nx.MultiDiGraph):
        fail(f"expected a MultiDiGraph (parallel edges per relation), got {type(g).__name__}")
    for n, d in g.nodes(data=True):
        if not d.get("label"):
            fail(f"node {n} has no label")
        for key in ("label_en", "label_zh", "type"):
            if key not in d:
                fail(f"node {n} has no {key}")
        if "x" in d or "y" in d:
            fail(f"node {n} carries layout coordinates {d.get('x')}, {d.get('y')}")
    directed = {True: 0, False: 0}
    for u, v, k, d in g.edges(keys=True, data=True):
        if not isinstance(d.get("weight"), float):
            fail(f"edge {u}-{v} {k}: weight {d.get('weight')!r} is not a float")
        if not isinstance(d.get("directed"), bool):
            fail(f"edge {u}-{v} {k}: directed {d.get('directed')!r} is not a bool")
        if not d.get("relation") or not d.get("label"):
            fail(f"edge {u}-{v} {k}: no relation or label")
        directed[d["directed"]] += 1
    pairs = {}
    for u, v, d in g.edges(data=True):
        pairs.setdefault((u, v), set()).add(d["relation"])
    parallel = sum(1 for rels in pairs.values() if len(rels) > 1)
    # What networkx reads it writes back.
    nx.write_graphml(g, path + ".roundtrip.graphml")
    labels = {n: d["label"] for n, d in g.nodes(data=True)}
    return {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "directed": directed[True],
        "undirected": directed[False],
        "parallel_pairs": parallel,
        "labels": labels,
    }


def check_workbook(path):
    wb = openpyxl.load_workbook(path)
    out = {"sheets": wb.sheetnames}
    text_columns = {
        "events": ["event", "cameo", "subject", "object", "date", "subject_state"],
        "interactions": ["cameo", "article_id", "event", "date", "subject"],
        "nodes": ["Id"],
        "edges": ["Source", "Target", "Kind"],
    }
    number_columns = {
        "events": ["reports", "outlets", "confidence"],
        "interactions": ["confidence"],
        "edges": ["Weight"],
        "centrality": ["pagerank", "degree"],
    }
    for sheet in wb.sheetnames:
        ws = wb[sheet]
        rows = list(ws.iter_rows(values_only=True))
        header, body = list(rows[0]), rows[1:]
        out[sheet] = len(body)
        col = {name: i for i, name in enumerate(header)}
        for name in text_columns.get(sheet, []):
            for r in body:
                v = r[col[name]]
                if v is not None and not isinstance(v, str):
                    fail(f"{sheet}.{name}: {v!r} is a {type(v).__name__}, not text")
        for name in number_columns.get(sheet, []):
            for r in body:
                v = r[col[name]]
                if v is not None and not isinstance(v, (int, float)):
                    fail(f"{sheet}.{name}: {v!r} is not a number")
        if "date_start" in col:
            for r in body:
                v, date = r[col["date_start"]], r[col["date"]]
                if not date:
                    continue
                # Excel's calendar starts in 1900: earlier days stay text.
                if not isinstance(v, datetime.datetime):
                    if int(date[:4]) >= 1900:
                        fail(f"{sheet}.date_start: {v!r} (date {date}) is not a date")
                elif v.strftime("%Y-%m-%d")[: len(date)] != date[:10]:
                    fail(f"{sheet}.date_start {v} does not start {date}")
    events = wb["events"]
    header = [c.value for c in events[1]]
    cameos = [r[header.index("cameo")] for r in events.iter_rows(min_row=2, values_only=True)]
    out["cameo_with_leading_zero"] = sum(1 for c in cameos if c and c.startswith("0"))
    return out


def main():
    if len(sys.argv) != 3:
        fail("usage: check_exports.py GRAPH.graphml BOOK.xlsx")
    result = {"graphml": check_graphml(sys.argv[1]), "xlsx": check_workbook(sys.argv[2])}
    result["networkx"] = nx.__version__
    result["openpyxl"] = openpyxl.__version__
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
