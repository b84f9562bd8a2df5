#!/usr/bin/env python3
"""dipgraph's benchmarks: runs the release binary, prints a table, writes JSON.

    python3 benches/harness/bench.py --bin target/release/dipgraph --data target/bench-data \
        --peer-python target/bench-venv/bin/python --out out/bench.json \
        [--only parse,ingest,queries,panels,centrality,export] [--sizes 1k,10k,full]

`make bench` (benches/harness/bench.mk) prepares --data and the venv and runs this.
Stdlib only (Python >= 3.9); the peers (networkx, python-igraph) run in the
venv through benches/harness/peers.py.

Stages
  parse       `parse` and `extract` over the 10k subset with RAYON_NUM_THREADS=1
              and 2: articles/s, sentences/s (sentences as the binary segments
              them: `extract --stats` when the binary has it, else counted in
              `parse --format jsonl` output), MB/s of input files.
  ingest      `ingest` into a fresh on-disk store for each of --sizes: wall s,
              articles/s, triples/s (from ingest's summary), peak RSS of the
              process (wait4), store size on disk, failures by reason;
              linearity = time(full) / time(10k) against the ideal ratio of
              article counts.
  queries     `serve` on the full store; each canned query (queries/*.rq)
              through GET /api/query/NAME (defaults bound) — or, on binaries
              without that route, its text POSTed to /sparql (parameters then
              unbound) — 2 warm-ups then 20 timed calls: p50/p95. Also the
              explorer routes /api/stats and /api/graph when present.
  panels      `serve` on the full store; the explorer's actor and dyad panels
              (/api/actor, /api/dyad): the first page (50 rows) for the actors
              in most events and the pairs among them, as the page asks for
              it (status=occurred, the publication window) and unfiltered;
              p50/p95 against 300 ms. Also /api/actors (the search index)
              and /api/period, which the page loads once.
  centrality  `metrics --edges` on graph-10k.csv (exact) and graph-100k.csv
              (sampled betweenness) against networkx and igraph, same graph,
              same run; values checked against networkx on the 10k graph.
  export      `export` dot / svg / csv on the full store.

Results of an earlier run in --out are kept for the stages not run now
(each stage records its own date, commit and binary).
"""

import argparse
import csv
import datetime
import json
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
STAGES = ["parse", "ingest", "queries", "panels", "centrality", "export"]
SIZES = ["1k", "10k", "full"]
SIZE_DIRS = {"1k": "1k", "10k": "10k", "full": "archive"}
ARTICLE_EXTS = (".txt", ".md", ".markdown", ".html", ".htm")
GIB = 1024 ** 3

# Targets from the benchmark issue.
TARGET_SENTENCES_PER_S_1T = 20_000
TARGET_INGEST_FULL_S = 120.0
TARGET_INGEST_RSS_BYTES = 2 * GIB
TARGET_NX_SPEEDUP = 20.0
TARGET_IGRAPH_SPEEDUP = 1.0
TARGET_QUERY_P50_MS = 100.0
TARGET_PANEL_P50_MS = 300.0
# Actors in most events whose panels and pairwise dyads are timed.
PANEL_ACTORS = 3
TARGET_MAX_DIFF = 1e-6


# --------------------------------------------------------------------------
# Running things


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


class ThreadSampler(threading.Thread):
    """Polls /proc/PID/task/*/stat while a process runs and keeps each
    thread's last CPU time, to tell where the CPU went: the main thread
    (tid == pid), the other threads of the process's own name (rayon's
    workers are unnamed, so they carry it), and named ones (rocksdb:low,
    rocksdb:high…). Threads that start and end between two polls are
    missed, and the last 0.2 s of each thread is not seen."""

    def __init__(self, pid, interval=0.2):
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.last = {}
        self.io = {}
        self.done = threading.Event()
        self.ticks = os.sysconf("SC_CLK_TCK")
        self.start()

    def run(self):
        while not self.done.is_set():
            try:
                tids = os.listdir(f"/proc/{self.pid}/task")
            except OSError:
                return
            for tid in tids:
                try:
                    with open(f"/proc/{self.pid}/task/{tid}/stat") as f:
                        raw = f.read()
                except OSError:
                    continue
                comm = raw[raw.index("(") + 1 : raw.rindex(")")]
                fields = raw[raw.rindex(")") + 2 :].split()
                sched = None
                try:
                    with open(f"/proc/{self.pid}/task/{tid}/schedstat") as f:
                        sched = [int(x) for x in f.read().split()[:2]]
                except (OSError, ValueError):
                    pass
                self.last[int(tid)] = (comm, int(fields[11]) + int(fields[12]), sched)
            try:
                with open(f"/proc/{self.pid}/io") as f:
                    self.io = {k: int(v) for k, v in (l.split(": ") for l in f.read().splitlines())}
            except (OSError, ValueError):
                pass
            self.done.wait(self.interval)

    def stop(self):
        self.done.set()
        self.join()

    def summary(self):
        """CPU seconds by thread group, and for each group the seconds its
        threads waited for a CPU while runnable (schedstat: a loaded machine
        shows here, not as CPU time)."""
        groups = {}
        for tid, (comm, ticks, sched) in self.last.items():
            if tid == self.pid:
                key = "main thread"
            else:
                key = re.sub(r"\d+$", "", comm) + " threads"
            g = groups.setdefault(key, {"threads": 0, "cpu_s": 0.0, "runqueue_wait_s": 0.0})
            g["threads"] += 1
            g["cpu_s"] += ticks / self.ticks
            if sched:
                g["runqueue_wait_s"] += sched[1] / 1e9
        for g in groups.values():
            g["cpu_s"] = round(g["cpu_s"], 2)
            g["runqueue_wait_s"] = round(g["runqueue_wait_s"], 2)
        return dict(sorted(groups.items(), key=lambda kv: -kv[1]["cpu_s"]))


def run_proc(cmd, *, env=None, stdout=None, stderr=None, timeout=None, cwd=None,
             sample_threads=False):
    """Runs cmd to completion in a fresh process; stdout/stderr are file
    paths (None: discarded). Returns wall seconds, exit code, peak RSS of
    that process (wait4's ru_maxrss, KiB) and its CPU seconds; with
    sample_threads, the CPU seconds by thread group (ThreadSampler)."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    err = open(stderr, "wb") if stderr else subprocess.DEVNULL
    timed_out = threading.Event()
    try:
        start = time.perf_counter()
        p = subprocess.Popen(
            cmd, stdout=out, stderr=err, env=full_env, cwd=cwd, start_new_session=True
        )
        timer = None
        if timeout:

            def kill():
                timed_out.set()
                try:
                    os.killpg(p.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

            timer = threading.Timer(timeout, kill)
            timer.start()
        sampler = ThreadSampler(p.pid) if sample_threads else None
        try:
            _, status, ru = os.wait4(p.pid, 0)
        except BaseException:  # Ctrl-C, SIGTERM: leave no child behind
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait()
            raise
        wall = time.perf_counter() - start
        if timer:
            timer.cancel()
        if sampler:
            sampler.stop()
        p.returncode = os.waitstatus_to_exitcode(status)
    finally:
        for f in (out, err):
            if f is not subprocess.DEVNULL:
                f.close()
    out = {
        "cmd": [str(c) for c in cmd],
        "env": env or {},
        "wall_s": round(wall, 4),
        "rc": p.returncode,
        "timed_out": timed_out.is_set(),
        "max_rss_bytes": ru.ru_maxrss * 1024,
        "user_s": round(ru.ru_utime, 3),
        "sys_s": round(ru.ru_stime, 3),
        "cpu_per_wall": round((ru.ru_utime + ru.ru_stime) / wall, 2) if wall > 0 else None,
    }
    if sampler:
        out["cpu_by_thread"] = sampler.summary()
        main = out["cpu_by_thread"].get("main thread")
        if main:
            # The main thread lives as long as the process: what is neither
            # on a CPU nor waiting for one is blocked (I/O, locks, joins).
            main["blocked_s"] = round(max(0.0, wall - main["cpu_s"] - main["runqueue_wait_s"]), 2)
        if sampler.io:
            out["io"] = {k: sampler.io.get(k) for k in ("rchar", "wchar", "read_bytes", "write_bytes", "syscw")}
    return out


def read_text(path, limit=None):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            s = f.read()
    except FileNotFoundError:
        return ""
    return s if limit is None else s[-limit:]


def tail_lines(path, n=5):
    return [l for l in read_text(path).splitlines() if l.strip()][-n:]


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dir_size(path):
    """(bytes on disk, apparent bytes) of a directory tree, like du."""
    disk = apparent = 0
    seen = set()
    for root, _, files in os.walk(path):
        for f in files:
            try:
                st = os.lstat(os.path.join(root, f))
            except OSError:
                continue
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            disk += st.st_blocks * 512
            apparent += st.st_size
    return disk, apparent


def article_files(path):
    """Article files under path (as dipgraph finds them) and their bytes."""
    n = size = 0
    for root, _, files in os.walk(path, followlinks=True):
        for f in files:
            if f.lower().endswith(ARTICLE_EXTS):
                n += 1
                size += os.stat(os.path.join(root, f)).st_size
    return n, size


def percentile(values, p):
    """Nearest-rank percentile of a non-empty list."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, math.ceil(p / 100.0 * len(s)) - 1))
    return s[k]


# --------------------------------------------------------------------------
# The binary


class Binary:
    def __init__(self, path):
        self.path = os.path.abspath(path)
        if not os.access(self.path, os.X_OK):
            raise SystemExit(f"bench: no executable at {path} (build it: cargo build --release)")
        self._help = {}

    def help(self, command):
        if command not in self._help:
            r = subprocess.run(
                [self.path, command, "--help"], capture_output=True, text=True, timeout=60
            )
            self._help[command] = r.stdout + r.stderr
        return self._help[command]

    def has_flag(self, command, flag):
        return re.search(r"(^|\s)" + re.escape(flag) + r"[\s=<,]", self.help(command)) is not None

    def info(self):
        st = os.stat(self.path)
        r = subprocess.run([self.path, "--version"], capture_output=True, text=True)
        return {
            "path": self.path,
            "version": r.stdout.strip(),
            "mtime": datetime.datetime.fromtimestamp(st.st_mtime).isoformat(timespec="seconds"),
            "size_bytes": st.st_size,
            "release": "/release/" in self.path,
        }

    def capabilities(self):
        metric_select = next(
            (f for f in ("--metrics", "--only", "--metric") if self.has_flag("metrics", f)), None
        )
        return {
            "extract_stats": self.has_flag("extract", "--stats"),
            "metrics_select_flag": metric_select,
            "metrics_timings": self.has_flag("metrics", "--timings"),
            "ingest_stats": self.has_flag("ingest", "--stats"),
        }


# --------------------------------------------------------------------------
# Machine, git


def machine_info():
    cpu = None
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        affinity = len(os.sched_getaffinity(0))
    except AttributeError:
        affinity = None
    return {
        "nproc": affinity or os.cpu_count(),
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu,
        "ram_bytes": mem,
        "ram_gib": round(mem / GIB, 1) if mem else None,
        "kernel": os.uname().release,
        "python": sys.version.split()[0],
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def git_info():
    def git(*args):
        r = subprocess.run(["git", "-C", REPO, *args], capture_output=True, text=True)
        return r.stdout.strip() if r.returncode == 0 else None

    return {
        "commit": git("rev-parse", "HEAD"),
        "branch": git("rev-parse", "--abbrev-ref", "HEAD"),
        "dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
    }


# --------------------------------------------------------------------------
# Summary lines of the binary

READ_SUMMARY = re.compile(
    r"read (\d+), ok (\d+), failed (\d+)(?: \(([^)]*)\))?(?: in ([0-9.]+) s)?"
)
INGEST_SUMMARY = re.compile(
    r"articles read (\d+) ok (\d+) failed (\d+)(?: \(([^)]*)\))?; added (\d+) replaced (\d+) "
    r"unchanged (\d+); reports written (\d+)"
)
INGEST_STORE = re.compile(
    r"store: articles (\d+) reports (\d+) events (\d+) actors in events (\d+) \(known (\d+)\) triples (\d+); ([0-9.]+) s"
)
STATS_LINE = re.compile(r"(\w+)=([0-9.eE+-]+)")


def parse_reasons(text):
    out = {}
    if text:
        for part in text.split(", "):
            if ": " in part:
                k, v = part.rsplit(": ", 1)
                if v.strip().isdigit():
                    out[k.strip()] = int(v)
    return out


def parse_read_summary(stderr_text):
    m = None
    for m in READ_SUMMARY.finditer(stderr_text):
        pass
    if not m:
        return None
    return {
        "read": int(m.group(1)),
        "ok": int(m.group(2)),
        "failed": int(m.group(3)),
        "failed_by_reason": parse_reasons(m.group(4)),
        "read_seconds": float(m.group(5)) if m.group(5) else None,
    }


def parse_stats_line(stderr_text):
    """`articles=N sentences=N bytes=N seconds=S` (extract --stats)."""
    for line in reversed(stderr_text.splitlines()):
        kv = dict(STATS_LINE.findall(line))
        if "articles" in kv and "seconds" in kv:
            return {k: float(v) if "." in v or "e" in v.lower() else int(v) for k, v in kv.items()}
    return None


def parse_ingest_summary(stderr_text):
    m = None
    for m in INGEST_SUMMARY.finditer(stderr_text):
        pass
    s = None
    for s in INGEST_STORE.finditer(stderr_text):
        pass
    if not m:
        return None
    out = {
        "read": int(m.group(1)),
        "ok": int(m.group(2)),
        "failed": int(m.group(3)),
        "failed_by_reason": parse_reasons(m.group(4)),
        "added": int(m.group(5)),
        "replaced": int(m.group(6)),
        "unchanged": int(m.group(7)),
        "reports_written": int(m.group(8)),
    }
    if s:
        out.update(
            {
                "store_articles": int(s.group(1)),
                "store_reports": int(s.group(2)),
                "store_events": int(s.group(3)),
                "store_actors_in_events": int(s.group(4)),
                "store_actors": int(s.group(5)),
                "triples": int(s.group(6)),
                "ingest_seconds": float(s.group(7)),
            }
        )
    return out


TIMING_LINE = re.compile(r"^\s*timings?:?\s+(.*)$", re.I)


def parse_timings(stderr_text):
    """Per-step seconds printed by `metrics --timings`. Accepts
    `timing: NAME SECONDS s` lines and `timings: a=1.2 b=0.3` lines."""
    out = {}
    for line in stderr_text.splitlines():
        m = TIMING_LINE.match(line)
        if not m:
            continue
        rest = m.group(1)
        kv = re.findall(r"([\w-]+)\s*[=:]\s*([0-9.]+(?:e-?\d+)?)\s*(ms|s)?", rest)
        if not kv:
            one = re.match(r"([\w-]+)\s+([0-9.]+(?:e-?\d+)?)\s*(ms|s)?", rest)
            kv = [one.groups()] if one else []
        for name, value, unit in kv:
            out[name.lower()] = float(value) / (1000.0 if unit == "ms" else 1.0)
    return out


# --------------------------------------------------------------------------
# The server


class Server:
    def __init__(self, binary, store, log_path, extra=()):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.logf = open(log_path, "wb")
        self.cmd = [binary.path, "serve", "--store", store, "--bind", f"127.0.0.1:{self.port}", *extra]
        self.proc = subprocess.Popen(
            self.cmd, stdout=self.logf, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.started = time.perf_counter()

    def wait_ready(self, timeout=300):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"dipgraph serve exited with {self.proc.returncode}: "
                    + " | ".join(tail_lines(self.log_path))
                )
            try:
                with urllib.request.urlopen(self.base + "/sparql?query=ASK%7B%7D", timeout=5) as r:
                    r.read()
                    self.ready_s = time.perf_counter() - self.started
                    return self.ready_s
            except (urllib.error.URLError, ConnectionError, socket.timeout):
                time.sleep(0.1)
        raise RuntimeError(f"dipgraph serve not answering after {timeout} s")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.logf.close()
        return self.proc.returncode


def http(url, data=None, headers=None, timeout=120):
    """One request: (status, body bytes, seconds)."""
    req = urllib.request.Request(url, data=data, headers=headers or {})
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            body = r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        body = e.read()
        status = e.code
    return status, body, time.perf_counter() - t0


def canned_queries(queries_dir):
    out = []
    for f in sorted(os.listdir(queries_dir)):
        if f.endswith(".rq"):
            path = os.path.join(queries_dir, f)
            text = read_text(path)
            params = re.findall(r"^#\s*param:\s*(\w+)\s*=\s*(.+?)\s*$", text, re.M)
            out.append({"name": f[:-3], "path": path, "text": text, "params": dict(params)})
    return out


def api_route_available(base, name):
    """True when the server has GET /api/query/NAME (a 404 then names the
    query, not the route)."""
    status, body, _ = http(f"{base}/api/query/{urllib.parse.quote(name)}", timeout=300)
    return status != 404 or b"no canned query" in body


def query_request(base, q, mode):
    """(url, data, headers) of one call of canned query q."""
    if mode == "api":
        return f"{base}/api/query/{urllib.parse.quote(q['name'])}", None, {}
    data = urllib.parse.urlencode({"query": q["text"]}).encode()
    return (
        f"{base}/sparql",
        data,
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json",
        },
    )


def result_rows(body):
    try:
        doc = json.loads(body)
    except ValueError:
        return None
    if isinstance(doc, dict) and "results" in doc:
        return len(doc["results"].get("bindings", []))
    if isinstance(doc, dict) and "boolean" in doc:
        return 1
    return None


# --------------------------------------------------------------------------
# Stages


class Bench:
    def __init__(self, args):
        self.args = args
        self.bin = Binary(args.bin)
        self.data = os.path.abspath(args.data)
        self.work = os.path.abspath(args.work or os.path.join(self.data, "work"))
        self.logs = os.path.join(self.work, "logs")
        os.makedirs(self.logs, exist_ok=True)
        self.caps = self.bin.capabilities()
        self.results = {}
        self.notes = []
        self.previous = {}

    def note(self, msg):
        log("note: " + msg)
        self.notes.append(msg)

    def dir_of(self, size):
        return os.path.join(self.data, SIZE_DIRS[size])

    def store_of(self, size):
        return os.path.join(self.work, "stores", size)

    def stage_meta(self):
        return {
            "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "git": git_info(),
            "binary": self.bin.info(),
            "loadavg_before": [round(x, 2) for x in os.getloadavg()],
        }

    # ---- 1. parse + extract ------------------------------------------------

    def stage_parse(self):
        corpus = self.dir_of(self.args.parse_size)
        files, in_bytes = article_files(corpus)
        res = {
            **self.stage_meta(),
            "size": self.args.parse_size,
            "corpus": corpus,
            "files": files,
            "input_bytes": in_bytes,
            "runs": [],
        }
        # Sentences as the binary segments them: `extract --stats`, else
        # the `sentences` arrays of `parse --format jsonl`.
        jsonl = os.path.join(self.work, f"parse-{self.args.parse_size}.jsonl")
        log(f"parse: counting articles and sentences of {corpus} (parse --format jsonl)")
        r = run_proc(
            [self.bin.path, "parse", corpus, "--format", "jsonl"],
            stdout=jsonl,
            stderr=os.path.join(self.logs, "parse-count.stderr"),
            timeout=self.args.timeout,
        )
        articles = sentences = text_chars = 0
        with open(jsonl, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                a = json.loads(line)
                articles += 1
                sentences += len(a.get("sentences") or [])
                text_chars += sum(len(p.get("text", "")) for p in a.get("paragraphs") or [])
        os.remove(jsonl)
        res.update(
            {
                "articles_ok": articles,
                "sentences": sentences,
                "sentences_source": "parse --format jsonl (the binary's own segmentation)",
                "text_chars": text_chars,
                "read_summary": parse_read_summary(read_text(os.path.join(self.logs, "parse-count.stderr"))),
            }
        )
        for threads in (1, 2):
            for command in ("parse", "extract"):
                best = None
                for rep in range(self.args.repeat):
                    name = f"{command}-{threads}t-{rep}"
                    cmd = [self.bin.path, command, corpus, "--format", "jsonl"]
                    if command == "extract" and self.caps["extract_stats"]:
                        cmd.append("--stats")
                    log(f"parse: {command}, RAYON_NUM_THREADS={threads} (run {rep + 1}/{self.args.repeat})")
                    r = run_proc(
                        cmd,
                        env={"RAYON_NUM_THREADS": str(threads)},
                        stderr=os.path.join(self.logs, name + ".stderr"),
                        timeout=self.args.timeout,
                    )
                    err = read_text(os.path.join(self.logs, name + ".stderr"))
                    r["read_summary"] = parse_read_summary(err)
                    r["stats"] = parse_stats_line(err) if command == "extract" else None
                    m = re.search(r"^(\d+) interactions$", err, re.M)
                    r["interactions"] = int(m.group(1)) if m else None
                    if r["rc"] != 0:
                        self.note(f"{command} {threads}t exited {r['rc']}: {tail_lines(os.path.join(self.logs, name + '.stderr'), 3)}")
                    if best is None or r["wall_s"] < best["wall_s"]:
                        best = r
                r = best
                st = r.get("stats") or {}
                secs = st.get("seconds") or r["wall_s"]
                n_art = st.get("articles") or articles
                n_sent = st.get("sentences") or sentences
                n_bytes = st.get("bytes") or in_bytes
                r.update(
                    {
                        "command": command,
                        "threads": threads,
                        "seconds_used": secs,
                        "seconds_source": "extract --stats" if st.get("seconds") else "process wall time",
                        "articles_per_s": round(n_art / secs, 1),
                        "sentences_per_s": round(n_sent / secs, 1),
                        "mb_per_s": round(n_bytes / 1e6 / secs, 2),
                    }
                )
                res["runs"].append(r)
        by = {(r["command"], r["threads"]): r for r in res["runs"]}
        for command in ("parse", "extract"):
            a, b = by.get((command, 1)), by.get((command, 2))
            if a and b:
                res[f"{command}_speedup_2t"] = round(a["seconds_used"] / b["seconds_used"], 2)
        if not self.caps["extract_stats"]:
            self.note(
                "extract has no --stats: extract throughput is articles / sentences / bytes "
                "(counted from `parse --format jsonl` and the files) over the process wall time"
            )
        self.results["parse"] = res

    # ---- 2. ingest ----------------------------------------------------------

    def ingest(self, size):
        corpus = self.dir_of(size)
        store = self.store_of(size)
        shutil.rmtree(store, ignore_errors=True)
        os.makedirs(os.path.dirname(store), exist_ok=True)
        files, in_bytes = article_files(corpus)
        log(f"ingest {size}: {files} files into {store}")
        stderr = os.path.join(self.logs, f"ingest-{size}.stderr")
        r = run_proc(
            [self.bin.path, "ingest", corpus, "--store", store],
            stderr=stderr,
            timeout=self.args.ingest_timeout,
            sample_threads=True,
        )
        err = read_text(stderr)
        summary = parse_ingest_summary(err)
        disk, apparent = dir_size(store)
        r.update(
            {
                "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
                "size": size,
                "corpus": corpus,
                "store": store,
                "files": files,
                "input_bytes": in_bytes,
                "summary": summary,
                "summary_lines": [l for l in err.splitlines() if l.startswith(("articles read", "store:"))],
                "error_lines": sum(1 for l in err.splitlines() if l.startswith("error:")),
                "store_disk_bytes": disk,
                "store_apparent_bytes": apparent,
                "panicked": "panicked at" in err,
            }
        )
        if r["rc"] != 0 or r["timed_out"] or summary is None:
            self.note(
                f"ingest {size}: rc {r['rc']}{' (timed out)' if r['timed_out'] else ''}; "
                f"stderr tail: {tail_lines(stderr, 3)}"
            )
        if r["panicked"]:
            self.note(f"ingest {size}: PANIC in stderr, see {stderr}")
        if summary:
            ok = summary["ok"]
            r["articles_per_s"] = round(ok / r["wall_s"], 1)
            r["mb_per_s"] = round(in_bytes / 1e6 / r["wall_s"], 2)
            if summary.get("triples") is not None:
                r["triples_per_s"] = round(summary["triples"] / r["wall_s"], 1)
        with open(os.path.join(self.work, "stores", f"{size}.json"), "w") as f:
            json.dump(r, f, indent=1)
        return r

    def stage_ingest(self):
        res = {**self.stage_meta(), "runs": {}}
        # Sizes not run now keep their figures from an earlier run.
        earlier = (self.previous.get("stages", {}).get("ingest") or {}).get("runs", {})
        for size in SIZES:
            if size in self.args.sizes:
                res["runs"][size] = self.ingest(size)
            elif size in earlier:
                res["runs"][size] = {**earlier[size], "from_earlier_run": True}
        runs = res["runs"]
        if "full" in runs and "10k" in runs:
            a, b = runs["10k"], runs["full"]
            ideal = (
                b["summary"]["read"] / a["summary"]["read"]
                if a.get("summary") and b.get("summary")
                else b["files"] / a["files"]
            )
            res["linearity"] = {
                "time_full_over_10k": round(b["wall_s"] / a["wall_s"], 2),
                "ideal": round(ideal, 2),
                "per_article_slowdown": round((b["wall_s"] / a["wall_s"]) / ideal, 2),
            }
        # What dominates: extraction alone (parse stage, same 10k subset, 2
        # threads) against the whole ingest of the 10k subset.
        p = self.results.get("parse") or self.previous.get("stages", {}).get("parse")
        if p and "10k" in runs and p.get("size") == "10k":
            ex = next((r for r in p["runs"] if r["command"] == "extract" and r["threads"] == 2), None)
            if ex:
                res["breakdown_10k"] = {
                    "extract_2t_wall_s": ex["wall_s"],
                    "ingest_wall_s": runs["10k"]["wall_s"],
                    "store_share_estimate": round(1 - ex["wall_s"] / runs["10k"]["wall_s"], 2),
                    "how": "1 - (extract --format jsonl wall) / (ingest wall), same files, 2 threads",
                }
        self.results["ingest"] = res

    def full_store(self):
        """The store of --store-size (the full archive unless told), ingested
        now if no earlier run left one."""
        size = self.args.store_size
        store = self.store_of(size)
        meta = os.path.join(self.work, "stores", f"{size}.json")
        if os.path.isdir(store) and os.path.exists(meta):
            with open(meta) as f:
                m = json.load(f)
            if m.get("rc") == 0:
                return store, m
        log(f"no {size} store yet: ingesting it")
        r = self.ingest(size)
        if r["rc"] != 0:
            raise RuntimeError(f"ingest of {size} failed")
        return store, r

    # ---- 3. queries ------------------------------------------------------

    def stage_queries(self):
        store, meta = self.full_store()
        res = {**self.stage_meta(), "store": store, "store_size": self.args.store_size, "store_triples": (meta.get("summary") or {}).get("triples")}
        # central_actors.rq reads the latest metrics run: make one (timed).
        log("queries: dipgraph metrics --store (so central_actors has a run to read)")
        r = run_proc(
            [self.bin.path, "metrics", "--store", store, "--top", "10"],
            stderr=os.path.join(self.logs, "metrics-store.stderr"),
            timeout=self.args.timeout,
        )
        m = re.search(r"(\d+) actors, (\d+) edges", read_text(os.path.join(self.logs, "metrics-store.stderr")))
        r["actors"], r["edges"] = (int(m.group(1)), int(m.group(2))) if m else (None, None)
        res["metrics_on_store"] = r
        server = Server(self.bin, store, os.path.join(self.logs, "serve-queries.log"))
        try:
            res["server_ready_s"] = round(server.wait_ready(), 3)
            queries = canned_queries(os.path.join(REPO, "queries"))
            mode = "api" if api_route_available(server.base, queries[0]["name"]) else "sparql"
            res["mode"] = mode
            if mode == "sparql":
                self.note(
                    "serve has no GET /api/query/NAME: canned queries were POSTed to /sparql "
                    "as text, their `# param:` variables left unbound"
                )
            res["queries"] = {}
            for q in queries:
                res["queries"][q["name"]] = self.time_calls(server, q["name"], *query_request(server.base, q, mode))
                res["queries"][q["name"]]["params_bound"] = q["params"] if mode == "api" else {}
            res["explorer_routes"] = {}
            for route in ("stats", "graph"):
                url = f"{server.base}/api/{route}"
                status, _, _ = http(url, timeout=self.args.query_timeout)
                if status == 404:
                    continue
                res["explorer_routes"][route] = self.time_calls(server, f"/api/{route}", url, None, {})
        finally:
            res["server_exit"] = server.stop()
        res["server_log_tail"] = tail_lines(server.log_path, 3)
        p50s = [v["p50_ms"] for v in res["queries"].values() if v.get("p50_ms") is not None]
        res["worst_p50_ms"] = max(p50s) if p50s else None
        self.results["queries"] = res

    def time_calls(self, server, label, url, data, headers):
        args = self.args
        out = {"url": url, "method": "POST" if data else "GET"}
        times, statuses, rows = [], {}, None
        first_error = None
        budget_end = None
        for i in range(args.warmup + args.reps):
            status, body, secs = http(url, data, headers, timeout=args.query_timeout)
            statuses[status] = statuses.get(status, 0) + 1
            if status != 200 and first_error is None:
                first_error = body[:300].decode("utf-8", "replace")
            if i < args.warmup:
                if i == args.warmup - 1:
                    # A slow query gets fewer timed calls (at least 3).
                    budget_end = time.perf_counter() + max(args.query_budget, 3 * secs)
                continue
            times.append(secs)
            if status == 200 and rows is None:
                rows = result_rows(body)
            if len(times) >= 3 and budget_end and time.perf_counter() > budget_end:
                break
        ms = [t * 1000 for t in times]
        out.update(
            {
                "calls_timed": len(ms),
                "statuses": {str(k): v for k, v in statuses.items()},
                "rows": rows,
                "p50_ms": round(percentile(ms, 50), 2) if ms else None,
                "p95_ms": round(percentile(ms, 95), 2) if ms else None,
                "min_ms": round(min(ms), 2) if ms else None,
                "max_ms": round(max(ms), 2) if ms else None,
                "mean_ms": round(sum(ms) / len(ms), 2) if ms else None,
            }
        )
        if first_error:
            out["first_error"] = first_error
            self.note(f"query {label}: HTTP {sorted(statuses)}: {first_error[:160]}")
        log(f"queries: {label}: p50 {out['p50_ms']} ms, p95 {out['p95_ms']} ms, rows {rows}")
        return out

    # ---- 4. panels ------------------------------------------------------

    def stage_panels(self):
        """The explorer's actor and dyad panels, first page, on the full store."""
        store, meta = self.full_store()
        res = {**self.stage_meta(), "store": store, "store_size": self.args.store_size,
               "store_triples": (meta.get("summary") or {}).get("triples")}
        server = Server(self.bin, store, os.path.join(self.logs, "serve-panels.log"))
        try:
            res["server_ready_s"] = round(server.wait_ready(), 3)
            base = server.base
            res["routes"] = {}
            for route in ("actors", "period"):
                res["routes"][route] = self.time_calls(server, f"/api/{route}", f"{base}/api/{route}", None, {})
            status, body, _ = http(f"{base}/api/actors", timeout=self.args.query_timeout)
            if status != 200:
                raise RuntimeError(f"/api/actors: HTTP {status}: {body[:200]!r}")
            index = json.loads(body)
            top = [a["id"] for a in index[:PANEL_ACTORS]]
            res["actors"] = {a["id"]: a["events"] for a in index[:PANEL_ACTORS]}
            status, body, _ = http(f"{base}/api/period", timeout=self.args.query_timeout)
            period = json.loads(body)
            # What the page sends for a panel when it opens (web/src/js/filters.js).
            default = {"status": "occurred"}
            if period.get("published_first"):
                default["since"] = period["published_first"][:7] + "-01"
                default["until"] = period["published_last"][:10]
            page = {"offset": "0", "limit": "50"}
            panels = [("actor", {"id": a}) for a in top]
            panels += [("dyad", {"a": a, "b": b}) for i, a in enumerate(top) for b in top[i + 1:]]
            res["panels"] = {}
            for route, who in panels:
                for filters_name, filters in (("default view", default), ("unfiltered", {})):
                    qs = urllib.parse.urlencode({**who, **filters, **page})
                    label = f"{route} {'–'.join(who.values())}, {filters_name}"
                    res["panels"][label] = self.time_calls(server, label, f"{base}/api/{route}?{qs}", None, {})
        finally:
            res["server_exit"] = server.stop()
        p50s = [v["p50_ms"] for v in res.get("panels", {}).values() if v.get("p50_ms") is not None]
        res["worst_p50_ms"] = max(p50s) if p50s else None
        self.results["panels"] = res

    # ---- 5. centrality ---------------------------------------------------

    def run_peer(self, graph, lib, metric, samples, values_out, timeout):
        cache_key = f"{os.path.basename(graph)}-{lib}-{metric}-{samples}"
        cache = os.path.join(self.work, "peer-cache", cache_key + ".json")
        if self.args.reuse_peers and os.path.exists(cache):
            with open(cache) as f:
                r = json.load(f)
            if os.path.exists(r.get("values_file") or ""):
                log(f"centrality: {lib} {metric} on {os.path.basename(graph)}: cached ({r['seconds']} s)")
                r["cached"] = True
                return r
        cmd = [self.args.peer_python, os.path.join(HERE, "peers.py"), "--graph", graph,
               "--lib", lib, "--metric", metric, "--values-out", values_out]
        if samples is not None:
            cmd += ["--samples", str(samples), "--seed", str(self.args.seed),
                    "--dipgraph", self.bin.path]
        log(f"centrality: {lib} {metric} on {os.path.basename(graph)}"
            + (f" (k={samples})" if samples is not None else "") + f", time limit {timeout} s")
        stdout = os.path.join(self.logs, cache_key + ".stdout")
        stderr = os.path.join(self.logs, cache_key + ".stderr")
        pr = run_proc(cmd, stdout=stdout, stderr=stderr, timeout=timeout)
        if pr["rc"] != 0:
            why = "timed out" if pr["timed_out"] else f"exit {pr['rc']}: {tail_lines(stderr, 2)}"
            log(f"centrality: {lib} {metric}: {why}")
            return {"lib": lib, "metric": metric, "samples": samples, "error": why,
                    "timed_out": pr["timed_out"], "wall_s": pr["wall_s"]}
        r = json.loads(tail_lines(stdout, 1)[0])
        r["values_file"] = values_out
        r["process_wall_s"] = pr["wall_s"]
        os.makedirs(os.path.dirname(cache), exist_ok=True)
        with open(cache, "w") as f:
            json.dump(r, f)
        log(f"centrality: {lib} {metric}: {r['seconds']} s (+{r['load_seconds']} s load)")
        return r

    def run_dipgraph_metrics(self, graph, samples, timeout):
        name = os.path.basename(graph).replace(".csv", "")
        out_csv = os.path.join(self.work, f"dipgraph-metrics-{name}.csv")
        cmd = [self.bin.path, "metrics", "--edges", graph, "--format", "csv"]
        if samples is not None:
            cmd += ["--samples", str(samples), "--seed", str(self.args.seed)]
        if self.caps["metrics_select_flag"]:
            cmd += [self.caps["metrics_select_flag"], "betweenness,pagerank"]
        if self.caps["metrics_timings"]:
            cmd.append("--timings")
        stderr = os.path.join(self.logs, f"dipgraph-metrics-{name}.stderr")
        log(f"centrality: dipgraph {' '.join(cmd[1:])} (time limit {timeout} s)")
        r = run_proc(cmd, stdout=out_csv, stderr=stderr, timeout=timeout)
        r["timings"] = parse_timings(read_text(stderr))
        r["values_file"] = out_csv
        if r["rc"] != 0:
            r["error"] = "timed out" if r["timed_out"] else f"exit {r['rc']}: {tail_lines(stderr, 2)}"
            self.note(f"dipgraph metrics on {name}: {r['error']}")
        else:
            log(f"centrality: dipgraph on {name}: {r['wall_s']} s wall, timings {r['timings'] or 'n/a'}")
        return r

    @staticmethod
    def read_values(path, column):
        with open(path, newline="", encoding="utf-8") as f:
            return {row["id"]: float(row[column]) for row in csv.DictReader(f)}

    def max_diff(self, a_path, a_col, b_path, b_col):
        try:
            a = self.read_values(a_path, a_col)
            b = self.read_values(b_path, b_col)
        except (OSError, KeyError, ValueError) as e:
            return {"error": str(e)}
        common = a.keys() & b.keys()
        if not common:
            return {"error": "no common ids"}
        return {
            "max_abs_diff": max(abs(a[k] - b[k]) for k in common),
            "nodes_compared": len(common),
            "only_in_one": len(a.keys() ^ b.keys()),
        }

    def stage_centrality(self):
        args = self.args
        res = {**self.stage_meta(), "graphs": {}}
        for gname, samples, nx_samples in (
            ("graph-10k", None, None),
            ("graph-100k", args.samples_100k, args.nx_samples_100k),
        ):
            graph = os.path.join(self.data, gname + ".csv")
            if not os.path.exists(graph):
                self.note(f"{graph} missing (make bench-data)")
                continue
            g = {"file": graph, "betweenness_samples": samples, "dipgraph": None, "peers": {}}
            vals = os.path.join(self.work, "values")
            os.makedirs(vals, exist_ok=True)
            # dipgraph. Without a way to pick metrics, `metrics` also computes
            # closeness over all sources (even with --samples), O(n·m): on the
            # 100k graph that is hours, so it is skipped unless --allow-slow.
            big = samples is not None
            if big and not self.caps["metrics_select_flag"] and not args.allow_slow:
                g["dipgraph"] = {
                    "skipped": "metrics computes exact closeness (all sources BFS) even with "
                    "--samples and has no flag to leave it out: hours on 100k nodes / 500k edges; "
                    "--allow-slow runs it anyway",
                }
                self.note(f"dipgraph metrics on {gname} skipped: {g['dipgraph']['skipped']}")
            else:
                g["dipgraph"] = self.run_dipgraph_metrics(graph, samples, args.centrality_timeout)
            # peers
            for lib in ("networkx", "igraph"):
                for metric in ("betweenness", "pagerank"):
                    k = None
                    limit = args.peer_timeout
                    if metric == "betweenness" and big:
                        k = nx_samples if lib == "networkx" else samples
                    r = self.run_peer(graph, lib, metric, k,
                                      os.path.join(vals, f"{gname}-{lib}-{metric}.csv"), limit)
                    if metric == "betweenness" and big and k and samples and k != samples and "seconds" in r:
                        # Sampled betweenness costs k single-source passes:
                        # scale to the pivots dipgraph and igraph use.
                        r["seconds_at_dipgraph_k"] = round(r["seconds"] * samples / k, 3)
                        r["extrapolated_from_k"] = k
                    g["peers"][f"{lib}_{metric}"] = r
            self.compare(gname, g)
            res["graphs"][gname] = g
        self.results["centrality"] = res

    def compare(self, gname, g):
        d = g["dipgraph"] or {}
        ok = d.get("rc") == 0
        timings = d.get("timings") or {}
        g["ratios"] = {}
        g["agreement"] = {}
        for metric in ("betweenness", "pagerank"):
            dip_metric_s = timings.get(metric)
            dip_whole_s = d.get("wall_s") if ok else None
            for lib in ("networkx", "igraph"):
                p = g["peers"].get(f"{lib}_{metric}") or {}
                if "seconds" not in p:
                    continue
                peer_metric_s = p.get("seconds_at_dipgraph_k", p["seconds"])
                entry = {"peer_s": peer_metric_s, "peer_load_s": p.get("load_seconds")}
                if p.get("extrapolated_from_k"):
                    entry["peer_extrapolated_from_k"] = p["extrapolated_from_k"]
                if dip_metric_s:
                    entry.update(
                        {
                            "dipgraph_s": dip_metric_s,
                            "basis": "metric alone (metrics --timings) vs the peer's call alone",
                            "speedup": round(peer_metric_s / dip_metric_s, 2),
                        }
                    )
                elif dip_whole_s and metric == "betweenness":
                    # The whole process (CSV read, all five metrics, CSV
                    # out) against the peer's CSV read + graph build +
                    # this one metric: a lower bound of the speedup.
                    peer_whole = peer_metric_s + (p.get("load_seconds") or 0)
                    entry.update(
                        {
                            "dipgraph_s": dip_whole_s,
                            "peer_s_with_load": round(peer_whole, 3),
                            "basis": "dipgraph: whole `metrics --edges` process (read CSV, ALL five "
                            "metrics, write CSV); peer: read CSV + build graph + betweenness alone "
                            "(a lower bound of the speedup)",
                            "speedup": round(peer_whole / dip_whole_s, 2),
                        }
                    )
                else:
                    entry["speedup"] = None
                    entry["basis"] = (
                        "n/a: dipgraph's PageRank cannot be timed alone (no metric selection, no "
                        "--timings)" if ok else "n/a: dipgraph did not run on this graph"
                    )
                g["ratios"][f"{metric}_vs_{lib}"] = entry
            # Agreement with networkx (and igraph's, as a check of the check).
            nxp = g["peers"].get(f"networkx_{metric}") or {}
            igp = g["peers"].get(f"igraph_{metric}") or {}
            same_pivots = metric == "pagerank" or g["betweenness_samples"] is None or (
                nxp.get("samples") == g["betweenness_samples"]
            )
            if ok and nxp.get("values_file") and same_pivots:
                g["agreement"][f"{metric}_dipgraph_vs_networkx"] = self.max_diff(
                    d["values_file"], metric, nxp["values_file"], "value"
                )
            if nxp.get("values_file") and igp.get("values_file") and (
                metric == "pagerank" or g["betweenness_samples"] is None
            ):
                g["agreement"][f"{metric}_igraph_vs_networkx"] = self.max_diff(
                    igp["values_file"], "value", nxp["values_file"], "value"
                )

    # ---- 6. export ------------------------------------------------------

    def stage_export(self):
        store, meta = self.full_store()
        out_dir = os.path.join(self.work, "export")
        shutil.rmtree(out_dir, ignore_errors=True)
        os.makedirs(out_dir)
        res = {**self.stage_meta(), "store": store, "store_size": self.args.store_size, "runs": {}}
        jobs = [
            ("dot", ["--format", "dot", "--min-weight", "3", "--output", os.path.join(out_dir, "graph.dot")]),
            ("svg", ["--format", "svg", "--top", "150", "--min-weight", "3", "--output", os.path.join(out_dir, "graph.svg")]),
            ("csv", ["--format", "csv", "--output", os.path.join(out_dir, "csv")]),
        ]
        for name, extra in jobs:
            log(f"export: {name}")
            stderr = os.path.join(self.logs, f"export-{name}.stderr")
            r = run_proc([self.bin.path, "export", "--store", store, *extra],
                         stderr=stderr, timeout=self.args.timeout)
            target = extra[extra.index("--output") + 1]
            if os.path.isdir(target):
                r["output_bytes"] = dir_size(target)[1]
            elif os.path.exists(target):
                r["output_bytes"] = os.path.getsize(target)
            if r["rc"] != 0:
                r["error"] = tail_lines(stderr, 3)
                self.note(f"export {name}: rc {r['rc']}: {r['error']}")
            log(f"export {name}: {r['wall_s']} s, rc {r['rc']}")
            res["runs"][name] = r
        self.results["export"] = res


# --------------------------------------------------------------------------
# The table


def fmt(x, digits=None):
    if x is None:
        return "n/a"
    if isinstance(x, str):
        return x
    if isinstance(x, int):
        return f"{x:,}"
    if digits is None:
        digits = 0 if abs(x) >= 1000 else 2 if abs(x) >= 1 else 4
    return f"{x:,.{digits}f}"


def fmt_bytes(b):
    if b is None:
        return "n/a"
    for unit, div in (("GiB", GIB), ("MiB", 1024 ** 2), ("KiB", 1024)):
        if b >= div:
            return f"{b / div:.2f} {unit}"
    return f"{b} B"


def verdict(value, target, higher_is_better=True):
    if value is None:
        return "n/a"
    ok = value >= target if higher_is_better else value <= target
    return "pass" if ok else "MISS"


def table_rows(stages):
    rows = []

    def add(stage, figure, value, target="", result=""):
        rows.append([stage, figure, value, target, result])

    p = stages.get("parse")
    if p:
        for r in p["runs"]:
            label = f"{r['command']} {r['threads']}t ({p['files']:,} files)"
            target = result = ""
            if r["command"] == "extract" and r["threads"] == 1:
                target = f">= {TARGET_SENTENCES_PER_S_1T:,} sent/s"
                result = verdict(r["sentences_per_s"], TARGET_SENTENCES_PER_S_1T)
            add(
                "parse",
                label,
                f"{fmt(r['seconds_used'])} s; {fmt(r['articles_per_s'])} art/s, "
                f"{fmt(r['sentences_per_s'])} sent/s, {fmt(r['mb_per_s'])} MB/s",
                target,
                result,
            )
        for c in ("parse", "extract"):
            if p.get(f"{c}_speedup_2t"):
                add("parse", f"{c} speedup 2t/1t", f"{p[f'{c}_speedup_2t']}x")
    i = stages.get("ingest")
    if i:
        for size, r in i["runs"].items():
            s = r.get("summary") or {}
            is_full = size == "full"
            add(
                "ingest",
                f"{size}: wall ({s.get('ok', r['files']):,} articles)"
                + (" [earlier run]" if r.get("from_earlier_run") else ""),
                f"{fmt(r['wall_s'])} s; {fmt(r.get('articles_per_s'))} art/s, "
                f"{fmt(r.get('triples_per_s'))} triples/s, cpu {r.get('cpu_per_wall')}x",
                f"<= {TARGET_INGEST_FULL_S:.0f} s" if is_full else "",
                verdict(r["wall_s"] if r["rc"] == 0 else None, TARGET_INGEST_FULL_S, False) if is_full else
                ("" if r["rc"] == 0 else f"rc {r['rc']}"),
            )
            add(
                "ingest",
                f"{size}: peak RSS / store",
                f"{fmt_bytes(r['max_rss_bytes'])} / {fmt_bytes(r['store_disk_bytes'])}; "
                f"{fmt(s.get('triples'))} triples",
                "<= 2 GiB RSS" if is_full else "",
                verdict(r["max_rss_bytes"], TARGET_INGEST_RSS_BYTES, False) if is_full else "",
            )
            cpu = r.get("cpu_by_thread")
            if cpu:
                add("ingest", f"{size}: CPU s by thread", ", ".join(
                    f"{k} {v['cpu_s']:.1f}" for k, v in cpu.items()))
                m = cpu.get("main thread") or {}
                add("ingest", f"{size}: main thread", f"cpu {m.get('cpu_s')} s, waiting for a CPU "
                    f"{m.get('runqueue_wait_s')} s, blocked (I/O, or waiting for the workers) {m.get('blocked_s')} s; "
                    f"disk writes "
                    f"{fmt_bytes((r.get('io') or {}).get('write_bytes'))}")
            if s.get("failed"):
                add("ingest", f"{size}: failed", f"{s['failed']}: " + ", ".join(
                    f"{k} {v}" for k, v in s["failed_by_reason"].items()))
        lin = i.get("linearity")
        if lin:
            add("ingest", "linearity full/10k", f"{lin['time_full_over_10k']} (ideal {lin['ideal']})",
                f"~{lin['ideal']}", "")
        b = i.get("breakdown_10k")
        if b:
            add("ingest", "10k: store share (est.)", f"{b['store_share_estimate'] * 100:.0f}% "
                f"(extract 2t {fmt(b['extract_2t_wall_s'])} s of ingest {fmt(b['ingest_wall_s'])} s)")
    q = stages.get("queries")
    if q:
        m = q.get("metrics_on_store") or {}
        add("queries", f"metrics --store ({fmt(m.get('actors'))} actors)", f"{fmt(m.get('wall_s'))} s")
        add("queries", "serve: ready after", f"{fmt(q.get('server_ready_s'))} s")
        for name, r in (q.get("queries") or {}).items():
            add(
                "queries",
                f"{name} [{q.get('mode')}]",
                f"p50 {fmt(r['p50_ms'])} ms, p95 {fmt(r['p95_ms'])} ms, {fmt(r['rows'])} rows"
                + ("" if set(r["statuses"]) == {"200"} else f", HTTP {r['statuses']}"),
                f"p50 <= {TARGET_QUERY_P50_MS:.0f} ms",
                verdict(r["p50_ms"] if set(r["statuses"]) == {"200"} else None, TARGET_QUERY_P50_MS, False),
            )
        for name, r in (q.get("explorer_routes") or {}).items():
            add("queries", f"/api/{name}", f"p50 {fmt(r['p50_ms'])} ms, p95 {fmt(r['p95_ms'])} ms")
    pn = stages.get("panels")
    if pn:
        add("panels", "actors in most events", ", ".join(f"{k} {v:,}" for k, v in (pn.get("actors") or {}).items()))
        for name, r in (pn.get("panels") or {}).items():
            ok = set(r["statuses"]) == {"200"}
            add("panels", f"first page: {name}",
                f"p50 {fmt(r['p50_ms'])} ms, p95 {fmt(r['p95_ms'])} ms" + ("" if ok else f", HTTP {r['statuses']}"),
                f"p50 <= {TARGET_PANEL_P50_MS:.0f} ms",
                verdict(r["p50_ms"] if ok else None, TARGET_PANEL_P50_MS, False))
        for name, r in (pn.get("routes") or {}).items():
            add("panels", f"/api/{name}", f"p50 {fmt(r['p50_ms'])} ms, p95 {fmt(r['p95_ms'])} ms")
    c = stages.get("centrality")
    if c:
        for gname, g in c["graphs"].items():
            d = g.get("dipgraph") or {}
            if d.get("skipped"):
                add("centrality", f"{gname} dipgraph", "skipped (see notes)")
            elif d:
                t = d.get("timings") or {}
                extra = ", ".join(f"{k} {v:.3f}" for k, v in t.items())
                add("centrality", f"{gname} dipgraph metrics"
                    + (f" k={g['betweenness_samples']}" if g["betweenness_samples"] else " exact"),
                    f"{fmt(d.get('wall_s'))} s wall, {fmt_bytes(d.get('max_rss_bytes'))}"
                    + (f" ({extra})" if extra else "") + (f" {d['error']}" if d.get("error") else ""))
            for key, p in g["peers"].items():
                lib, metric = key.split("_")
                if "seconds" in p:
                    v = f"{fmt(p['seconds'])} s (+{fmt(p['load_seconds'])} s load)"
                    if p.get("samples") is not None and metric == "betweenness":
                        v += f" k={p['samples']}"
                    if p.get("seconds_at_dipgraph_k"):
                        v += f" => {fmt(p['seconds_at_dipgraph_k'])} s at k={g['betweenness_samples']}"
                    if p.get("cached"):
                        v += " [cached]"
                else:
                    v = p.get("error", "n/a")
                add("centrality", f"{gname} {lib} {metric}", v)
            for key, r in g["ratios"].items():
                metric, _, lib = key.split("_")
                target = TARGET_NX_SPEEDUP if lib == "networkx" else TARGET_IGRAPH_SPEEDUP
                applies = gname == "graph-10k"
                whole = r.get("basis", "").startswith("dipgraph: whole")
                add("centrality", f"{gname} {metric} speedup vs {lib}",
                    (f"{r['speedup']}x" + (" (whole process: lower bound)" if whole else ""))
                    if r.get("speedup") is not None else "n/a",
                    f">= {target:g}x" if applies else "",
                    verdict(r.get("speedup"), target) if applies else "")
            for key, a in g["agreement"].items():
                if "max_abs_diff" in a:
                    add("centrality", f"{gname} max|diff| {key.replace('_', ' ')}",
                        f"{a['max_abs_diff']:.2e} ({a['nodes_compared']:,} nodes)",
                        f"<= {TARGET_MAX_DIFF:g}", verdict(a["max_abs_diff"], TARGET_MAX_DIFF, False))
                else:
                    add("centrality", f"{gname} {key}", a.get("error", "n/a"))
    e = stages.get("export")
    if e:
        for name, r in e["runs"].items():
            add("export", name, f"{fmt(r['wall_s'])} s, {fmt_bytes(r.get('output_bytes'))}"
                + ("" if r["rc"] == 0 else f", rc {r['rc']}"))
    return rows


def print_table(rows, out=sys.stdout):
    header = ["stage", "figure", "value", "target", "result"]
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(5)]
    line = "  ".join("-" * w for w in widths)
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)), file=out)
    print(line, file=out)
    last = None
    for r in rows:
        if last and r[0] != last:
            print(file=out)
        last = r[0]
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip(), file=out)


# --------------------------------------------------------------------------


def parse_args(argv):
    ap = argparse.ArgumentParser(description="dipgraph benchmarks (see the module docstring)")
    ap.add_argument("--bin", required=True, help="the dipgraph release binary")
    ap.add_argument("--data", required=True, help="bench-data dir (archive/, 1k/, 10k/, graph-*.csv)")
    ap.add_argument("--out", default="out/bench.json")
    ap.add_argument("--work", help="stores, logs, values (default DATA/work)")
    ap.add_argument("--peer-python", default=sys.executable,
                    help="Python with networkx and igraph (the bench venv)")
    ap.add_argument("--only", default=",".join(STAGES), help="comma-separated: " + ",".join(STAGES))
    ap.add_argument("--sizes", default=",".join(SIZES), help="ingest sizes: " + ",".join(SIZES))
    ap.add_argument("--parse-size", default="10k", choices=SIZES, help="corpus of the parse stage")
    ap.add_argument("--store-size", default="full", choices=SIZES,
                    help="store of the queries and export stages")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each parse/extract timing (best kept)")
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--reps", type=int, default=20, help="timed calls of each canned query")
    ap.add_argument("--query-budget", type=float, default=60.0,
                    help="seconds of timed calls per query at most (3 calls at least)")
    ap.add_argument("--query-timeout", type=float, default=120.0)
    ap.add_argument("--samples-100k", type=int, default=1000,
                    help="betweenness pivots on the 100k graph (dipgraph and igraph)")
    ap.add_argument("--nx-samples-100k", type=int, default=20,
                    help="networkx's pivots on the 100k graph (its time is scaled to --samples-100k)")
    ap.add_argument("--seed", type=int, default=0, help="pivot seed (dipgraph --seed)")
    ap.add_argument("--allow-slow", action="store_true",
                    help="run dipgraph metrics on the 100k graph even without a metric-selection flag")
    ap.add_argument("--reuse-peers", action="store_true",
                    help="reuse peer timings of an earlier run (same graph, lib, metric, k)")
    ap.add_argument("--timeout", type=float, default=1800.0, help="limit of one parse/extract/export run")
    ap.add_argument("--ingest-timeout", type=float, default=3600.0)
    ap.add_argument("--centrality-timeout", type=float, default=1800.0, help="limit of one dipgraph metrics run")
    ap.add_argument("--peer-timeout", type=float, default=3600.0, help="limit of one peer metric run")
    ap.add_argument("--table-only", action="store_true", help="print the table of --out and exit")
    args = ap.parse_args(argv)
    args.only = [s for s in args.only.split(",") if s]
    args.sizes = [s for s in args.sizes.split(",") if s]
    for s in args.only:
        if s not in STAGES:
            ap.error(f"--only: unknown stage {s!r} (stages: {', '.join(STAGES)})")
    for s in args.sizes:
        if s not in SIZES:
            ap.error(f"--sizes: unknown size {s!r} (sizes: {', '.join(SIZES)})")
    return args


def main(argv=None):
    args = parse_args(argv)
    # SIGTERM (make interrupted, a time limit) unwinds like Ctrl-C, so the
    # children and the server are stopped.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    previous = {}
    if os.path.exists(args.out):
        try:
            with open(args.out) as f:
                previous = json.load(f)
        except ValueError:
            previous = {}
    if args.table_only:
        print_table(table_rows(previous.get("stages", {})))
        return 0
    bench = Bench(args)
    bench.previous = previous
    started = time.time()
    log(f"binary {bench.bin.path}; capabilities {bench.caps}")
    failed = []
    for stage in STAGES:
        if stage not in args.only:
            continue
        log(f"=== {stage}")
        try:
            getattr(bench, f"stage_{stage}")()
        except Exception as e:  # keep the other stages' figures
            import traceback

            traceback.print_exc()
            bench.note(f"stage {stage} failed: {e!r}")
            failed.append(stage)
    stages = dict(previous.get("stages", {}))
    stages.update(bench.results)
    doc = {
        "schema": 1,
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine_info(),
        "git": git_info(),
        "binary": bench.bin.info(),
        "capabilities": bench.caps,
        "args": {k: v for k, v in vars(args).items() if k != "table_only"},
        "stages_run_now": [s for s in STAGES if s in args.only],
        "wall_s": round(time.time() - started, 1),
        "notes": bench.notes,
        "targets": {
            "extract_sentences_per_s_1t": TARGET_SENTENCES_PER_S_1T,
            "ingest_full_wall_s": TARGET_INGEST_FULL_S,
            "ingest_full_peak_rss_bytes": TARGET_INGEST_RSS_BYTES,
            "speedup_vs_networkx": TARGET_NX_SPEEDUP,
            "speedup_vs_igraph": TARGET_IGRAPH_SPEEDUP,
            "query_p50_ms": TARGET_QUERY_P50_MS,
            "panel_first_page_p50_ms": TARGET_PANEL_P50_MS,
            "max_abs_diff_vs_networkx": TARGET_MAX_DIFF,
        },
        "stages": stages,
    }
    doc["table"] = table_rows(stages)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    tmp = args.out + ".tmp"
    with open(tmp, "w") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
    os.replace(tmp, args.out)
    m = doc["machine"]
    print(f"\ndipgraph benchmarks — {doc['date']}, commit {(doc['git']['commit'] or '?')[:10]}"
          f"{' (dirty)' if doc['git']['dirty'] else ''}, {m['nproc']} cores {m['cpu_model']}, "
          f"{m['ram_gib']} GiB, load {m['loadavg_at_start']}")
    print(f"binary {doc['binary']['path']} ({doc['binary']['mtime']})\n")
    print_table(doc["table"])
    if bench.notes:
        print("\nnotes:")
        for n in bench.notes:
            print(f"  - {n}")
    print(f"\nwrote {args.out} ({doc['wall_s']} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
