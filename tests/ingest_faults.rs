//! Faults around `dipgraph ingest`.
//!
//! Interruption: `dipgraph ingest` killed with SIGKILL at random points: the store it
//! leaves holds every article graph completely or not at all, no report
//! without its article, no event without its reports, and events that are
//! not flagged stale are exactly those the reports give; a re-run then ends
//! with the store of an uninterrupted run, triple for triple.
//!
//! Concurrency: queries through the endpoint of a running ingest see a
//! consistent store at every moment; a second ingest, or a CLI query, on
//! the store the ingest owns fails with a clear message and harms nothing.
//!
//! Input: 2,000 real posts of `../shared/corpus/news` (one per url, so
//! the reference store holds each file's own graph).

use crate::common::shared_corpus;
use dipgraph::rdf;
use dipgraph::store::{Backend, GraphStore};
use oxigraph::model::{GraphName, Quad};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const ARTICLES: usize = 2000;
const TRIALS: usize = 20;

fn dipgraph() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dipgraph"))
}

/// A directory of links to 2,000 posts of `corpus` with distinct urls.
fn input(dir: &Path, corpus: &Path) -> PathBuf {
    let out = dipgraph()
        .arg("parse")
        .arg(corpus)
        .args(["--format", "jsonl"])
        .stderr(Stdio::null())
        .output()
        .unwrap();
    let mut seen = BTreeSet::new();
    let mut files: Vec<(String, String)> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["file_name"].as_str().unwrap().to_string(),
                v["url"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    files.sort();
    let input = dir.join("input");
    std::fs::create_dir(&input).unwrap();
    let mut n = 0;
    for (file, url) in files {
        if n == ARTICLES {
            break;
        }
        if !url.is_empty() && !seen.insert(url) {
            continue;
        }
        std::os::unix::fs::symlink(corpus.join(&file), input.join(&file)).unwrap();
        n += 1;
    }
    assert_eq!(n, ARTICLES);
    input
}

fn ingest(input: &Path, store: &Path) -> Command {
    let mut c = dipgraph();
    c.arg("ingest")
        .arg(input)
        .arg("--store")
        .arg(store)
        .args(["--batch", "64"])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// A quad as an N-Quads line with blank-node labels erased (the ontology's
/// OWL lists get fresh labels on every load).
fn line(q: &Quad) -> String {
    let text = q.to_string();
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find("_:") {
        out.push_str(&rest[..i]);
        out.push_str("_:b");
        rest = rest[i + 2..].trim_start_matches(|c: char| c.is_ascii_alphanumeric());
    }
    out.push_str(rest);
    out
}

/// The store's quads by graph, as sorted lines (a multiset: erased blank
/// nodes may repeat a line).
fn graphs(store: &GraphStore) -> BTreeMap<String, Vec<String>> {
    let mut by_graph: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for q in store.inner().iter() {
        let q: Quad = q.unwrap();
        let g = match &q.graph_name {
            GraphName::NamedNode(n) => n.as_str().to_string(),
            other => other.to_string(),
        };
        by_graph.entry(g).or_default().push(line(&q));
    }
    for lines in by_graph.values_mut() {
        lines.sort();
    }
    by_graph
}

fn check(trial: usize, store_dir: &Path, reference: &BTreeMap<String, Vec<String>>) {
    let store = GraphStore::open(store_dir)
        .unwrap_or_else(|e| panic!("trial {trial}: the store does not reopen: {e}"));
    let found = graphs(&store);
    let article_prefix = rdf::article_graph("").as_str().to_string();
    let events = rdf::events_graph().as_str().to_string();
    let meta = rdf::meta_graph().as_str().to_string();
    for (g, quads) in &found {
        if g.starts_with(&article_prefix)
            || g == rdf::ontology_graph().as_str()
            || g == rdf::registry_graph().as_str()
        {
            let want = reference.get(g).unwrap_or_else(|| {
                panic!("trial {trial}: graph {g} is not in an uninterrupted run")
            });
            assert!(
                quads == want,
                "trial {trial}: graph {g} is incomplete ({} of {} quads)",
                quads.len(),
                want.len()
            );
        } else {
            assert!(
                g == &events || g == &meta,
                "trial {trial}: unexpected graph {g}"
            );
        }
    }
    // Every report's article is in its graph (graphs are complete, above),
    // and every event's reports exist.
    let orphans = store
        .select(
            "SELECT ?e WHERE {
               GRAPH <https://w3id.org/dipgraph/graph/events> { ?e a dip:Interaction }
               FILTER NOT EXISTS { GRAPH <https://w3id.org/dipgraph/graph/events> { ?e dip:hasReport ?r } }
             }",
        )
        .unwrap();
    assert!(
        orphans.is_empty(),
        "trial {trial}: events without reports: {orphans:?}"
    );
    let dangling = store
        .select(
            "SELECT ?r WHERE {
               GRAPH <https://w3id.org/dipgraph/graph/events> { ?e dip:hasReport ?r }
               FILTER NOT EXISTS { ?r a dip:Report }
             }",
        )
        .unwrap();
    // Reports are only ever added here (distinct urls, unchanged files), so
    // an event can only point to a report that exists.
    assert!(
        dangling.is_empty(),
        "trial {trial}: events naming missing reports: {dangling:?}"
    );
    let reports_without_article = store
        .select(
            "SELECT ?r WHERE { GRAPH ?g { ?r a dip:Report ; prov:wasDerivedFrom ?a }
                               FILTER NOT EXISTS { GRAPH ?g { ?a a dip:Article } } }",
        )
        .unwrap();
    assert!(
        reports_without_article.is_empty(),
        "trial {trial}: {reports_without_article:?}"
    );
    // Unless flagged stale, the events are exactly what the reports give.
    if !store.events_stale().unwrap() {
        let before = found.get(&events).cloned().unwrap_or_default();
        store.rebuild_events().unwrap();
        let after = graphs(&store).remove(&events).unwrap_or_default();
        assert!(
            before == after,
            "trial {trial}: events not flagged stale differ from the reports' ({} vs {} quads)",
            before.len(),
            after.len()
        );
    }
}

#[test]
fn sigkill_during_ingest_loses_nothing_stored() {
    let Some(corpus) = shared_corpus("news") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let input = input(dir.path(), &corpus);

    let reference_dir = dir.path().join("reference");
    let started = Instant::now();
    assert!(ingest(&input, &reference_dir).status().unwrap().success());
    let full_run = started.elapsed();
    let reference = {
        let store = GraphStore::open(&reference_dir).unwrap();
        graphs(&store)
    };
    let reference_triples: usize = reference.values().map(Vec::len).sum();

    // Deterministic pseudo-random kill points over the length of a full run.
    let mut rng = dipgraph::rng::SplitMix64(19);
    let store_dir = dir.path().join("store");
    // A run that ends before its kill (a continuing run has less to do, and
    // the machine's load varies) is checked too, but does not count: the
    // next delay is halved until TRIALS runs have been killed mid-way.
    let mut killed = 0;
    let mut scale = 1.0;
    for attempt in 0..TRIALS * 4 {
        if killed == TRIALS {
            break;
        }
        // Half the kills hit a run from an empty store, half one continuing
        // an interrupted store (so kills also land in later batches and in
        // the re-derivation of events).
        if killed % 2 == 0 && scale == 1.0 {
            let _ = std::fs::remove_dir_all(&store_dir);
        }
        let fraction = rng.below(1000) as f64 / 1000.0;
        let delay = full_run.mul_f64((0.05 + fraction) * scale);
        let mut child = ingest(&input, &store_dir).spawn().unwrap();
        std::thread::sleep(delay.min(Duration::from_secs(60)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            killed += 1;
            scale = 1.0;
        } else {
            scale /= 2.0;
        }
        child.wait().unwrap();
        check(attempt, &store_dir, &reference);
    }
    assert_eq!(killed, TRIALS, "only {killed} runs could be killed mid-way");

    assert!(ingest(&input, &store_dir).status().unwrap().success());
    let store = GraphStore::open(&store_dir).unwrap();
    let after = graphs(&store);
    let triples: usize = after.values().map(Vec::len).sum();
    // Which graphs differ, and a few of their differing quads.
    let differing: Vec<String> = after
        .keys()
        .chain(reference.keys())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter(|g| after.get(*g) != reference.get(*g))
        .map(|g| {
            let (a, r) = (
                after.get(g).cloned().unwrap_or_default(),
                reference.get(g).cloned().unwrap_or_default(),
            );
            let extra: Vec<_> = a.iter().filter(|q| !r.contains(q)).take(3).collect();
            let missing: Vec<_> = r.iter().filter(|q| !a.contains(q)).take(3).collect();
            format!("{g}: extra {extra:?}, missing {missing:?}")
        })
        .collect();
    assert_eq!(
        triples, reference_triples,
        "triple count after the re-run; differing graphs: {differing:#?}"
    );
    assert!(
        after == reference,
        "the re-run's store differs from an uninterrupted run's"
    );
}

/// Runs a SELECT through the endpoint; the CSV rows after the header.
fn sparql(base: &str, query: &str) -> Vec<String> {
    let out = Command::new("curl")
        .args(["-s", "--fail", "--max-time", "30", "-H", "Accept: text/csv"])
        .arg("--data-urlencode")
        .arg(format!("query={query}"))
        .arg(format!("{base}/sparql"))
        .output()
        .expect("curl is installed (make setup)");
    assert!(out.status.success(), "query failed: {query}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn readers_and_a_second_writer_during_an_ingest() {
    let Some(corpus) = shared_corpus("news") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let input = input(dir.path(), &corpus);
    let store_dir = dir.path().join("store");
    let mut child = ingest(&input, &store_dir)
        .args(["--serve", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Stderr lines in the background: the address first, "ingest done" last.
    let (tx, rx) = mpsc::channel::<String>();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for l in BufReader::new(stderr).lines() {
            let Ok(l) = l else { break };
            if tx.send(l).is_err() {
                break;
            }
        }
    });
    let base = loop {
        let l = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the endpoint's address");
        if let Some(url) = l.split_whitespace().find(|w| w.starts_with("http://")) {
            break url.trim_end_matches("/sparql").to_string();
        }
    };

    let mut queries = 0;
    let mut last_articles = 0usize;
    let mut second_writer_checked = false;
    let mut lines: Vec<String> = Vec::new();
    let done = loop {
        lines.extend(rx.try_iter());
        if lines.iter().any(|l| l.starts_with("ingest done")) {
            break true;
        }
        // One query, one snapshot: no report without its article, no event
        // naming a missing report, and the article count never goes down.
        let row = sparql(
            &base,
            "SELECT (COUNT(DISTINCT ?a) AS ?articles)
                    (SUM(IF(BOUND(?lost), 1, 0)) AS ?lost)
             WHERE {
               { GRAPH ?g { ?a a dip:Article } }
               UNION
               { GRAPH ?g { ?lost a dip:Report ; prov:wasDerivedFrom ?art }
                 FILTER NOT EXISTS { GRAPH ?g { ?art a dip:Article } } }
               UNION
               { GRAPH <https://w3id.org/dipgraph/graph/events> { ?e dip:hasReport ?lost }
                 FILTER NOT EXISTS { ?lost a dip:Report } }
             }",
        );
        let fields: Vec<&str> = row[0].split(',').collect();
        let articles: usize = fields[0].parse().unwrap();
        assert_eq!(fields[1], "0", "inconsistent snapshot: {row:?}");
        assert!(
            articles >= last_articles,
            "articles went from {last_articles} to {articles}"
        );
        last_articles = articles;
        queries += 1;

        if !second_writer_checked && articles > 0 {
            second_writer_checked = true;
            for args in [
                vec!["ingest", input.to_str().unwrap()],
                vec!["query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"],
            ] {
                let out = dipgraph()
                    .args(&args)
                    .arg("--store")
                    .arg(&store_dir)
                    .output()
                    .unwrap();
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert!(!out.status.success(), "{args:?} ran beside the ingest");
                assert!(
                    stderr.contains("in use by another dipgraph process"),
                    "{args:?}: {stderr}"
                );
            }
        }
        if child.try_wait().unwrap().is_some() {
            break false;
        }
    };
    assert!(done, "the ingest ended without finishing");
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        second_writer_checked,
        "the ingest ended before a second writer could try"
    );
    assert!(queries >= 3, "only {queries} queries ran during the ingest");
    // The refused second ingest harmed nothing: the store is whole.
    let store = GraphStore::open(&store_dir).unwrap();
    let stats = store.stats().unwrap();
    // "articles read N ok K failed F …; added A …"
    let summary = lines
        .iter()
        .find(|l| l.starts_with("articles read"))
        .expect("the ingest summary");
    let added: usize = summary
        .split_whitespace()
        .skip_while(|w| *w != "added")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {summary}"));
    assert!(added > ARTICLES * 9 / 10, "{summary}");
    assert_eq!(stats.articles, added, "{summary}");
    assert!(!store.events_stale().unwrap());
}
