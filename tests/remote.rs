//! dipgraph against a SPARQL store that is not its own: the Oxigraph
//! server from PyPI (`make remote-test-server` installs it; or point
//! OXIGRAPH_SERVER at an `oxigraph` binary), started on loopback by each
//! test. Whatever reaches the store remotely — a direct ingest, sharded
//! ingests with a final fold, extracted N-Quads bulk-loaded by Oxigraph's
//! own loader, an ingest whose server is killed and restarted under it —
//! must leave exactly the quads the embedded store holds after a direct
//! ingest, and query, metrics and export must answer the same.

use crate::common::{root, shared_corpus};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Dataset;
use oxigraph::model::dataset::CanonicalizationAlgorithm;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn samples() -> PathBuf {
    root().join("data/samples")
}

/// The `oxigraph` binary: $OXIGRAPH_SERVER, else the venv that
/// `make remote-test-server` makes. Missing is a failure, not a skip.
fn oxigraph() -> PathBuf {
    if let Some(p) = std::env::var_os("OXIGRAPH_SERVER") {
        return PathBuf::from(p);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    let bin = target.join("oxigraph-venv/bin/oxigraph");
    assert!(
        bin.exists(),
        "the Oxigraph server these tests run against is not installed at {}: run `make remote-test-server` (it pip-installs oxigraph==0.5.13 into that venv), or set OXIGRAPH_SERVER to an oxigraph binary",
        bin.display()
    );
    bin
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// An Oxigraph server on a store directory; killed when dropped.
struct Server {
    child: Child,
    location: PathBuf,
    port: u16,
    union: bool,
}

impl Server {
    fn start(location: &Path) -> Server {
        Server::start_on(location, free_port(), true)
    }

    fn start_on(location: &Path, port: u16, union: bool) -> Server {
        let mut cmd = Command::new(oxigraph());
        cmd.arg("serve")
            .arg("--location")
            .arg(location)
            .arg("--bind")
            .arg(format!("127.0.0.1:{port}"));
        if union {
            cmd.arg("--union-default-graph");
        }
        let child = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start oxigraph serve");
        let server = Server {
            child,
            location: location.to_owned(),
            port,
            union,
        };
        server.wait_ready();
        server
    }

    fn wait_ready(&self) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(60) {
            let q = ureq::get(&format!("{}/query", self.url()))
                .query("query", "ASK {}")
                .call();
            if q.is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("oxigraph serve on port {} did not come up", self.port);
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// SIGKILL: no chance to flush or answer in-flight requests.
    fn kill(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// A new server process on the same store and port.
    fn restart(&mut self) {
        *self = Server::start_on(&self.location.clone(), self.port, self.union);
    }

    /// Articles stored so far (straight SPARQL, not through dipgraph).
    fn articles(&self) -> usize {
        let answer = ureq::post(&format!("{}/query", self.url()))
            .set("Accept", "text/csv")
            .set("Content-Type", "application/sparql-query")
            .send_string(
                "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a a <https://w3id.org/dipgraph/ontology#Article> } }",
            );
        match answer {
            Ok(r) => r
                .into_string()
                .unwrap()
                .lines()
                .nth(1)
                .and_then(|l| l.trim().parse().ok())
                .unwrap_or(0),
            Err(_) => 0,
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn dipgraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dipgraph"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run dipgraph")
}

/// Runs dipgraph and insists it succeeds; returns stdout.
fn ok(args: &[&str]) -> String {
    let out = dipgraph(args);
    assert!(
        out.status.success(),
        "dipgraph {args:?} failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The quads behind `where_` (`--store DIR` or `--endpoint URL`), via
/// `dipgraph export --format nquads`, blank nodes (the ontology's
/// owl:unionOf lists) canonicalised, metrics runs left out (they carry
/// the time they ran).
fn quads(where_: &[&str]) -> Vec<String> {
    let mut args = vec!["export", "--format", "nquads"];
    args.extend(where_);
    let dump = ok(&args);
    let mut ds = Dataset::new();
    for q in RdfParser::from_format(RdfFormat::NQuads).for_slice(dump.as_bytes()) {
        ds.insert(&q.unwrap());
    }
    ds.canonicalize(CanonicalizationAlgorithm::Unstable);
    let mut lines: Vec<String> = ds
        .iter()
        .map(|q| q.to_string())
        .filter(|l| !l.ends_with("graph/metrics/") && !l.contains("/graph/metrics/"))
        .collect();
    lines.sort();
    lines
}

fn assert_same_quads(expected: &[String], actual: &[String], what: &str) {
    if expected != actual {
        let missing: Vec<_> = expected
            .iter()
            .filter(|q| !actual.contains(q))
            .take(5)
            .collect();
        let extra: Vec<_> = actual
            .iter()
            .filter(|q| !expected.contains(q))
            .take(5)
            .collect();
        panic!(
            "{what}: {} quads expected, {} found\nmissing: {missing:#?}\nextra: {extra:#?}",
            expected.len(),
            actual.len()
        );
    }
}

/// An embedded store with `paths` ingested directly: the reference.
fn reference(dir: &Path, paths: &[&str]) -> (PathBuf, Vec<String>) {
    let store = dir.join("embedded");
    let mut args = vec!["ingest"];
    args.extend(paths);
    args.extend(["--store", s(&store)]);
    ok(&args);
    let q = quads(&["--store", s(&store)]);
    (store, q)
}

/// A directory of symlinks to the first `n` files of `corpus`, plus `extra`.
fn corpus_slice(dir: &Path, corpus: &Path, n: usize, extra: &[&str]) -> PathBuf {
    let input = dir.join("input");
    std::fs::create_dir_all(&input).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(corpus)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names.truncate(n);
    names.extend(extra.iter().map(|e| e.to_string()));
    for name in names {
        let link = input.join(&name);
        if !link.exists() {
            std::os::unix::fs::symlink(corpus.join(&name), link).unwrap();
        }
    }
    input
}

/// A CSV answer with the items of GROUP_CONCAT lists ("call, agree")
/// sorted: SPARQL leaves their order to the evaluation plan, which the
/// remote query's VALUES binding changes.
fn sorted_lists(csv_text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes());
    reader
        .records()
        .map(|r| {
            r.unwrap()
                .iter()
                .map(|cell| {
                    let mut items: Vec<&str> = cell.split(", ").collect();
                    items.sort_unstable();
                    items.join(", ")
                })
                .collect()
        })
        .collect()
}

#[test]
fn remote_ingest_query_metrics_export_equal_embedded() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, expected) = reference(tmp.path(), &[s(&samples())]);
    let server = Server::start(&tmp.path().join("oxigraph"));
    let url = server.url();
    let remote = ["--endpoint", url.as_str()];
    let embedded = ["--store", s(&store)];

    let first = dipgraph(&["ingest", s(&samples()), "--endpoint", &url]);
    let log = String::from_utf8_lossy(&first.stderr);
    assert!(first.status.success(), "{log}");
    assert!(log.contains("added 5 replaced 0 unchanged 0"), "{log}");
    assert_same_quads(&expected, &quads(&remote), "remote ingest");

    // Re-ingest: nothing to write, same store.
    let again = dipgraph(&["ingest", s(&samples()), "--endpoint", &url]);
    let log = String::from_utf8_lossy(&again.stderr);
    assert!(log.contains("added 0 replaced 0 unchanged 5"), "{log}");
    assert_same_quads(&expected, &quads(&remote), "re-ingest");

    // Every canned query (with its default parameters, and one bound by
    // hand) answers the same. central_actors reads metrics runs, whose
    // time differs; it is compared after `metrics` below.
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("queries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rq"))
        .filter(|p| !p.ends_with("central_actors.rq"))
        .collect();
    files.sort();
    assert!(files.len() >= 8);
    for file in &files {
        let q = |w: &[&str]| {
            let mut args = vec!["query", "--file", s(file), "--format", "csv"];
            args.extend(w);
            sorted_lists(&ok(&args))
        };
        let answer = q(&embedded);
        assert_eq!(q(&remote), answer, "{}", file.display());
    }
    let bound = |w: &[&str]| {
        let mut args = vec![
            "query",
            "--file",
            "queries/partners_ranked.rq",
            "--param",
            "actor=actor:kang_kyung_wha",
            "--format",
            "csv",
        ];
        args.extend(w);
        sorted_lists(&ok(&args))
    };
    let answer = bound(&embedded);
    assert!(answer.len() > 1, "{answer:?}");
    assert_eq!(bound(&remote), answer);
    let inline = |w: &[&str]| {
        let mut args = vec![
            "query",
            "SELECT ?who ?p WHERE { { ?p dip:metWith ?who } UNION { ?who dip:metWith ?p } } ORDER BY ?p",
            "--param",
            "who=actor:wang_yi",
        ];
        args.extend(w);
        ok(&args)
    };
    assert_eq!(inline(&remote), inline(&embedded));
    let construct = |w: &[&str]| {
        let mut args = vec![
            "query",
            "CONSTRUCT WHERE { ?e a dip:Meeting ; dip:date ?d }",
        ];
        args.extend(w);
        let mut lines: Vec<String> = ok(&args).lines().map(String::from).collect();
        lines.sort();
        lines
    };
    assert_eq!(construct(&remote), construct(&embedded));

    // Metrics and every CSV export.
    let metrics = |w: &[&str]| {
        let mut args = vec!["metrics", "--format", "csv"];
        args.extend(w);
        ok(&args)
    };
    let table = metrics(&embedded);
    assert!(table.lines().count() > 5);
    assert_eq!(metrics(&remote), table);
    let central = |w: &[&str]| {
        let mut args = vec![
            "query",
            "--file",
            "queries/central_actors.rq",
            "--format",
            "csv",
        ];
        args.extend(w);
        // Without the run's start time.
        ok(&args)
            .lines()
            .map(|l| l.rsplitn(3, ',').nth(2).unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(central(&remote), central(&embedded));
    for (w, dir) in [(&embedded, "csv-embedded"), (&remote, "csv-remote")] {
        let out = tmp.path().join(dir);
        let mut args = vec!["export", "--format", "csv", "--output", s(&out)];
        args.extend(w.iter());
        ok(&args);
    }
    for file in [
        "interactions.csv",
        "events.csv",
        "nodes.csv",
        "edges.csv",
        "centrality.csv",
    ] {
        let read = |d: &str| std::fs::read_to_string(tmp.path().join(d).join(file)).unwrap();
        assert_eq!(read("csv-remote"), read("csv-embedded"), "{file}");
    }

    // Folding again is idempotent.
    ok(&["fold-events", "--endpoint", &url]);
    ok(&["fold-events", "--endpoint", &url]);
    assert_same_quads(&expected, &quads(&remote), "after fold-events");
}

#[test]
fn remote_ingest_keys_articles_as_the_embedded_store_does() {
    // Two posts named post.txt in two folders, a byte-identical copy, and
    // two versions of one url.
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("input");
    let sample = |name: &str| std::fs::read_to_string(samples().join(name)).unwrap();
    let v1 = sample("002_d10638c81e7154b2.txt");
    let files = [
        ("a/post.txt", sample("000_f63178d633100759.txt")),
        ("b/post.txt", sample("001_53fa6b5a9f8df96e.txt")),
        ("copy/000.txt", sample("000_f63178d633100759.txt")),
        ("v/1.txt", v1.clone()),
        ("v/2.txt", format!("{v1}\n<p>（本文已更正。）</p>\n")),
    ];
    for (name, text) in &files {
        let path = input.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let (_, expected) = reference(tmp.path(), &[s(&input)]);
    let server = Server::start(&tmp.path().join("oxigraph"));
    let url = server.url();
    let first = dipgraph(&["ingest", s(&input), "--endpoint", &url]);
    let log = String::from_utf8_lossy(&first.stderr);
    assert!(first.status.success(), "{log}");
    assert!(log.contains("added 3 replaced 0 unchanged 0;"), "{log}");
    assert!(log.contains("; duplicates 1 superseded 1"), "{log}");
    assert!(log.contains("store: articles 3 "), "{log}");
    assert_same_quads(&expected, &quads(&["--endpoint", &url]), "remote ingest");
    let again = dipgraph(&["ingest", s(&input), "--endpoint", &url]);
    let log = String::from_utf8_lossy(&again.stderr);
    assert!(
        log.contains(
            "added 0 replaced 0 unchanged 3; reports written 0; duplicates 1 superseded 1"
        ),
        "{log}"
    );
    assert!(log.contains("events 0.00 s"), "events not re-folded: {log}");
    assert_same_quads(&expected, &quads(&["--endpoint", &url]), "re-ingest");
}

#[test]
fn sharded_ingest_and_bulk_load_equal_a_direct_ingest() {
    let Some(corpus) = shared_corpus("news") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    // The samples, 30 corpus articles, and two pairs of corpus files that
    // share a url: 0844 and 0845 byte for byte (one article read from two
    // files), 1181 and 1182 two versions (a single ingest keeps the later).
    let input = corpus_slice(
        tmp.path(),
        &corpus,
        30,
        &[
            "0844_46d3710b5a818a01.txt",
            "0845_46d3710b5a818a01.txt",
            "1181_af4e1f27fbe10108.txt",
            "1182_e2f799e50f39e1ed.txt",
        ],
    );
    for e in std::fs::read_dir(samples()).unwrap() {
        let e = e.unwrap();
        std::os::unix::fs::symlink(e.path(), input.join(e.file_name())).unwrap();
    }
    let (_, expected) = reference(tmp.path(), &[s(&input)]);

    // Three shards, in an arbitrary order, then one fold.
    let server = Server::start(&tmp.path().join("sharded"));
    let url = server.url();
    let mut shard_articles = 0;
    for shard in ["3/3", "1/3", "2/3"] {
        let out = dipgraph(&["ingest", s(&input), "--endpoint", &url, "--shard", shard]);
        let log = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{log}");
        assert!(log.contains("events not folded"), "{log}");
        let read: usize = log
            .split("articles read ")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap();
        shard_articles += read;
    }
    assert_eq!(shard_articles, 39, "each file in exactly one shard");
    let fold = dipgraph(&["fold-events", "--endpoint", &url]);
    let log = String::from_utf8_lossy(&fold.stderr);
    assert!(fold.status.success(), "{log}");
    assert!(log.contains("superseded articles dropped 1"), "{log}");
    assert_same_quads(&expected, &quads(&["--endpoint", &url]), "sharded");
    ok(&["fold-events", "--endpoint", &url]);
    assert_same_quads(&expected, &quads(&["--endpoint", &url]), "fold again");
    drop(server);

    // The same on the embedded store.
    let local = tmp.path().join("local-shards");
    for shard in ["2/2", "1/2"] {
        ok(&["ingest", s(&input), "--store", s(&local), "--shard", shard]);
    }
    ok(&["fold-events", "--store", s(&local)]);
    assert_same_quads(
        &expected,
        &quads(&["--store", s(&local)]),
        "embedded shards",
    );

    // Extract shards to N-Quads, bulk-load them with Oxigraph's own
    // loader, serve, fold.
    let mut files = Vec::new();
    for shard in ["1/3", "2/3", "3/3"] {
        let nq = ok(&["extract", s(&input), "--format", "nquads", "--shard", shard]);
        let path = tmp.path().join(format!("shard{}.nq", &shard[..1]));
        std::fs::write(&path, nq).unwrap();
        files.push(path);
    }
    let bulk = tmp.path().join("bulk");
    let load = Command::new(oxigraph())
        .arg("load")
        .arg("--location")
        .arg(&bulk)
        .arg("--file")
        .args(&files)
        .output()
        .unwrap();
    assert!(
        load.status.success(),
        "{}",
        String::from_utf8_lossy(&load.stderr)
    );
    let server = Server::start(&bulk);
    let url = server.url();
    ok(&["fold-events", "--endpoint", &url]);
    assert_same_quads(&expected, &quads(&["--endpoint", &url]), "bulk load");
}

#[test]
fn a_server_killed_mid_ingest_is_retried_and_a_rerun_completes() {
    let Some(corpus) = shared_corpus("news") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let input = corpus_slice(tmp.path(), &corpus, 300, &[]);
    let (_, expected) = reference(tmp.path(), &[s(&input)]);

    // Killed and back within the retry budget: the ingest rides it out.
    let mut server = Server::start(&tmp.path().join("oxigraph"));
    let url = server.url();
    let ingest = Command::new(env!("CARGO_BIN_EXE_dipgraph"))
        .args(["ingest", s(&input), "--endpoint", &url, "--batch", "8"])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut ingest = ingest;
    wait_for_articles(&server, &mut ingest);
    server.kill();
    std::thread::sleep(Duration::from_millis(1500));
    server.restart();
    let out = ingest.wait_with_output().unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    assert!(log.contains("retry 1 in"), "no retry reported:\n{log}");
    assert_same_quads(&expected, &quads(&["--endpoint", &url]), "after restart");
    drop(server);

    // Down longer than the retry budget: the ingest stops with a clear
    // error; once the server is back, a re-run completes the store.
    let mut server = Server::start(&tmp.path().join("oxigraph-2"));
    let url = server.url();
    let mut ingest = Command::new(env!("CARGO_BIN_EXE_dipgraph"))
        .args([
            "ingest",
            s(&input),
            "--endpoint",
            &url,
            "--batch",
            "8",
            "--retry-for",
            "2",
        ])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_articles(&server, &mut ingest);
    server.kill();
    let out = ingest.wait_with_output().unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{log}");
    assert!(log.contains("gave up after"), "{log}");
    assert!(log.contains(&url), "{log}");
    server.restart();
    let stored = server.articles();
    assert!(
        stored > 0 && stored < 300,
        "{stored} articles before the re-run"
    );
    let rerun = dipgraph(&["ingest", s(&input), "--endpoint", &url]);
    let log = String::from_utf8_lossy(&rerun.stderr);
    assert!(rerun.status.success(), "{log}");
    assert!(log.contains(&format!("unchanged {stored}")), "{log}");
    assert_same_quads(&expected, &quads(&["--endpoint", &url]), "re-run");
}

/// Waits until some articles are in the remote store while the ingest
/// still runs, so the kill lands mid-ingest.
fn wait_for_articles(server: &Server, ingest: &mut Child) {
    let start = Instant::now();
    while server.articles() < 16 {
        assert!(
            ingest.try_wait().unwrap().is_none(),
            "the ingest ended before the server could be killed"
        );
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no article arrived"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        ingest.try_wait().unwrap().is_none(),
        "the ingest ended before the server could be killed"
    );
}

#[test]
fn refusals_are_reported_at_once_with_the_servers_message() {
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(&tmp.path().join("oxigraph"));
    let url = server.url();

    // A wrong update URL: 404, no retrying.
    let start = Instant::now();
    let wrong = format!("{url}/nowhere");
    let out = dipgraph(&[
        "ingest",
        s(&samples()),
        "--endpoint",
        &url,
        "--update-url",
        &wrong,
    ]);
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(log.contains("HTTP 404"), "{log}");
    assert!(log.contains(&wrong), "{log}");
    assert!(log.contains("is not supported by this server"), "{log}");
    assert!(!log.contains("retry"), "{log}");
    assert!(start.elapsed() < Duration::from_secs(20));

    // A malformed query is refused locally, before anything is sent.
    let out = dipgraph(&["query", "SELECT WHERE {", "--endpoint", &url]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("SPARQL syntax"));

    // Not a URL.
    let out = dipgraph(&["query", "ASK {}", "--endpoint", "localhost:7878"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an http:// or https:// URL"));

    // A store whose default graph is not the union of the graphs: ingest
    // works (it names its graphs), queries say what to configure.
    let plain = Server::start_on(&tmp.path().join("plain"), free_port(), false);
    ok(&["ingest", s(&samples()), "--endpoint", &plain.url()]);
    let out = dipgraph(&["metrics", "--endpoint", &plain.url()]);
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(log.contains("--union-default-graph"), "{log}");

    // A wrong bearer token, against an endpoint that checks it
    // (`dipgraph serve --update-token`): 403 with its message.
    let store = tmp.path().join("served");
    let ingested = dipgraph(&["ingest", s(&samples()), "--store", s(&store)]);
    assert!(ingested.status.success());
    // The events the embedded ingest folded ("store: … events N …"): a fold
    // through the endpoint must find the same.
    let summary = String::from_utf8_lossy(&ingested.stdout).to_string()
        + &String::from_utf8_lossy(&ingested.stderr);
    let events = summary
        .lines()
        .find(|l| l.starts_with("store:"))
        .and_then(|l| l.split(" events ").nth(1))
        .and_then(|t| t.split_whitespace().next())
        .expect("ingest prints the store's events")
        .to_owned();
    let port = free_port();
    let mut serve = Command::new(env!("CARGO_BIN_EXE_dipgraph"))
        .args(["serve", "--store", s(&store), "--update-token", "sesame"])
        .args(["--bind", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let sparql = format!("http://127.0.0.1:{port}/sparql");
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < Duration::from_secs(30));
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = dipgraph(&["fold-events", "--endpoint", &sparql, "--token", "guess"]);
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{log}");
    assert!(log.contains("HTTP 403"), "{log}");
    assert!(log.contains("wrong bearer token"), "{log}");
    // The right one folds through that endpoint's SPARQL Update.
    let out = dipgraph(&["fold-events", "--endpoint", &sparql, "--token", "sesame"]);
    let log = String::from_utf8_lossy(&out.stderr);
    let _ = serve.kill();
    let _ = serve.wait();
    assert!(out.status.success(), "{log}");
    assert!(log.contains(&format!("events folded {events} ")), "{log}");
}
