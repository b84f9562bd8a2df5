#!/usr/bin/env python3
"""Load test of `dipgraph serve`: canned queries from concurrent clients.

    python3 benches/harness/loadtest.py --bin target/release/dipgraph --store STORE \
        [--queries queries] [--requests 10000] [--clients 16] [--out out/loadtest.json]

Starts `dipgraph serve --store STORE` on a free loopback port, sends
--requests requests from --clients threads (each with its own keep-alive
connection), a seeded shuffle of the canned queries (queries/*.rq, each
equally often) through GET /api/query/NAME — or, on a binary without that
route, the query text POSTed to /sparql — then stops the server.

An error is any request that does not come back 200 with a SPARQL JSON
result (every response's JSON is parsed), or that fails at the socket. A
keep-alive connection the server closed before a request is reopened and the
request sent again once ("reconnects"; not an error).

Prints p50/p90/p99 latency (overall and per query), throughput, errors, the
server's CPU seconds and peak RSS; writes --out; exits 1 if any request
failed. Only 127.0.0.1 is ever contacted; the run stops by itself after
--requests or --max-seconds, whichever comes first.

Stdlib only. The client runs on the same 2 cores as the server: its own
CPU use (reported) caps the throughput it can measure.
"""

import argparse
import datetime
import http.client
import json
import os
import random
import resource
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import (  # noqa: E402  (bench.py is the harness's library too)
    Binary,
    Server,
    api_route_available,
    canned_queries,
    git_info,
    log,
    machine_info,
    percentile,
)


def proc_stats(pid):
    """(CPU seconds, peak RSS bytes) of a running process from /proc."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        cpu = (int(fields[11]) + int(fields[12])) / ticks
        hwm = None
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    hwm = int(line.split()[1]) * 1024
        return cpu, hwm
    except (OSError, IndexError, ValueError):
        return None, None


class Client(threading.Thread):
    def __init__(self, host, port, plan, next_index, deadline, timeout):
        super().__init__(daemon=True)
        self.host, self.port = host, port
        self.plan = plan
        self.next_index = next_index
        self.deadline = deadline
        self.timeout = timeout
        self.conn = None
        self.samples = []  # (query name, seconds, ok)
        self.errors = []  # (query name, what)
        self.reconnects = 0

    def connect(self):
        if self.conn:
            self.conn.close()
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def send(self, method, path, body, headers):
        self.conn.request(method, path, body=body, headers=headers)
        r = self.conn.getresponse()
        data = r.read()
        if r.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return r.status, data

    def run(self):
        while time.perf_counter() < self.deadline:
            i = self.next_index()
            if i is None:
                break
            name, method, path, body, headers = self.plan[i]
            t0 = time.perf_counter()
            ok, what = False, None
            try:
                fresh = self.conn is None
                if fresh:
                    self.connect()
                try:
                    status, data = self.send(method, path, body, headers)
                except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                    if fresh:
                        raise
                    # The server closed an idle keep-alive connection.
                    self.reconnects += 1
                    self.connect()
                    t0 = time.perf_counter()
                    status, data = self.send(method, path, body, headers)
                if status != 200:
                    what = f"HTTP {status}: {data[:120].decode('utf-8', 'replace')}"
                else:
                    doc = json.loads(data)
                    if isinstance(doc, dict) and ("results" in doc or "boolean" in doc):
                        ok = True
                    else:
                        what = "200 but not a SPARQL JSON result"
            except Exception as e:  # counted, never fatal
                what = f"{type(e).__name__}: {e}"
                self.conn = None
            secs = time.perf_counter() - t0
            self.samples.append((name, secs, ok))
            if not ok:
                self.errors.append((name, what))
        if self.conn:
            self.conn.close()


def summarize(seconds):
    ms = [s * 1000 for s in seconds]
    if not ms:
        return {"n": 0}
    return {
        "n": len(ms),
        "p50_ms": round(percentile(ms, 50), 2),
        "p90_ms": round(percentile(ms, 90), 2),
        "p99_ms": round(percentile(ms, 99), 2),
        "max_ms": round(max(ms), 2),
        "mean_ms": round(sum(ms) / len(ms), 2),
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--store", required=True)
    ap.add_argument("--queries", default="queries", help="directory of the canned .rq files")
    ap.add_argument("--requests", type=int, default=10000)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--serve-threads", type=int, help="dipgraph serve --threads (default: its own)")
    ap.add_argument("--seed", type=int, default=42, help="seed of the query mix")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per request")
    ap.add_argument("--max-seconds", type=float, default=1800.0, help="stop sending after this (exit 1)")
    ap.add_argument("--out", default="out/loadtest.json")
    args = ap.parse_args(argv)

    binary = Binary(args.bin)
    queries = canned_queries(args.queries)
    if not queries:
        raise SystemExit(f"loadtest: no .rq files in {args.queries}")
    extra = ["--threads", str(args.serve_threads)] if args.serve_threads else []
    log_path = os.path.join(os.path.dirname(os.path.abspath(args.out)), "loadtest-serve.log")
    os.makedirs(os.path.dirname(log_path), exist_ok=True)
    server = Server(binary, os.path.abspath(args.store), log_path, extra)
    result = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine_info(),
        "git": git_info(),
        "binary": binary.info(),
        "store": os.path.abspath(args.store),
        "server_cmd": server.cmd,
        "requests_planned": args.requests,
        "clients": args.clients,
    }
    try:
        result["server_ready_s"] = round(server.wait_ready(), 3)
        mode = "api" if api_route_available(server.base, queries[0]["name"]) else "sparql"
        result["mode"] = mode
        if mode == "sparql":
            log("serve has no /api/query/NAME: POSTing the query texts to /sparql (params unbound)")
        templates = []
        for q in queries:
            if mode == "api":
                templates.append((q["name"], "GET", f"/api/query/{urllib.parse.quote(q['name'])}", None, {}))
            else:
                body = urllib.parse.urlencode({"query": q["text"]})
                templates.append((q["name"], "POST", "/sparql", body, {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept": "application/sparql-results+json",
                }))
        plan = [templates[i % len(templates)] for i in range(args.requests)]
        random.Random(args.seed).shuffle(plan)

        lock = threading.Lock()
        counter = iter(range(len(plan)))

        def next_index():
            with lock:
                return next(counter, None)

        cpu0, _ = proc_stats(server.proc.pid)
        self_cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        log(f"loadtest: {args.requests} requests, {args.clients} clients, mode {mode}, {server.base}")
        t0 = time.perf_counter()
        deadline = t0 + args.max_seconds
        clients = [
            Client("127.0.0.1", server.port, plan, next_index, deadline, args.timeout)
            for _ in range(args.clients)
        ]
        for c in clients:
            c.start()
        for c in clients:
            c.join()
        wall = time.perf_counter() - t0
        cpu1, hwm = proc_stats(server.proc.pid)
        self_cpu1 = resource.getrusage(resource.RUSAGE_SELF)

        samples = [s for c in clients for s in c.samples]
        errors = [e for c in clients for e in c.errors]
        by_query = {}
        for name, secs, _ in samples:
            by_query.setdefault(name, []).append(secs)
        error_kinds = {}
        for name, what in errors:
            key = f"{name}: {what}"
            error_kinds[key] = error_kinds.get(key, 0) + 1
        result.update(
            {
                "requests_sent": len(samples),
                "stopped_by_deadline": len(samples) < args.requests,
                "errors": len(errors),
                "error_kinds": dict(sorted(error_kinds.items(), key=lambda kv: -kv[1])[:20]),
                "reconnects": sum(c.reconnects for c in clients),
                "wall_s": round(wall, 3),
                "throughput_rps": round(len(samples) / wall, 1) if wall > 0 else None,
                "latency": summarize([s for _, s, _ in samples]),
                "per_query": {k: summarize(v) for k, v in sorted(by_query.items())},
                "server_cpu_s": round(cpu1 - cpu0, 2) if cpu0 is not None and cpu1 is not None else None,
                "server_peak_rss_bytes": hwm,
                "client_cpu_s": round(
                    (self_cpu1.ru_utime + self_cpu1.ru_stime) - (self_cpu0.ru_utime + self_cpu0.ru_stime), 2
                ),
            }
        )
    finally:
        result["server_exit"] = server.stop()
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1, ensure_ascii=False)

    lat = result.get("latency", {})
    print(f"load test: {result.get('requests_sent', 0):,} requests, {args.clients} clients, "
          f"mode {result.get('mode')}, store {result['store']}")
    print(f"  errors      {result.get('errors')}" + (
        f"  ({', '.join(f'{k} x{v}' for k, v in list(result['error_kinds'].items())[:3])})"
        if result.get("errors") else ""))
    print(f"  latency     p50 {lat.get('p50_ms')} ms, p90 {lat.get('p90_ms')} ms, "
          f"p99 {lat.get('p99_ms')} ms, max {lat.get('max_ms')} ms")
    print(f"  throughput  {result.get('throughput_rps')} requests/s over {result.get('wall_s')} s")
    print(f"  server      {result.get('server_cpu_s')} CPU s, peak RSS "
          f"{(result.get('server_peak_rss_bytes') or 0) / 2**20:.0f} MiB; client {result.get('client_cpu_s')} CPU s")
    print("  per query   " + "\n              ".join(
        f"{k:<26} n {v['n']:>5}  p50 {v.get('p50_ms')} ms  p99 {v.get('p99_ms')} ms"
        for k, v in result.get("per_query", {}).items()))
    print(f"wrote {args.out}")
    ok = result.get("errors") == 0 and not result.get("stopped_by_deadline")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
