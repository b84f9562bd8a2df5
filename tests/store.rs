//! The knowledge graph end to end: extract → store → SPARQL, events
//! folding, idempotent and replacing re-ingest, canned queries, dumps.

use dipgraph::article;
use dipgraph::extract;
use dipgraph::ingest::{IngestProgress, ingest};
use dipgraph::query::{QueryFile, run_file};
use dipgraph::rdf;
use dipgraph::store::{Backend, GraphStore};
use oxigraph::io::RdfFormat;
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples")
}

/// Collects error lines; the tests assert on them.
#[derive(Default)]
struct Errors(std::sync::Mutex<Vec<String>>);

impl IngestProgress for Errors {
    fn error(&self, e: &dipgraph::article::ArticleError) {
        self.0.lock().unwrap().push(e.to_string());
    }
}

fn ingest_all(store: &GraphStore, paths: &[PathBuf]) -> dipgraph::ingest::IngestSummary {
    let errors = Errors::default();
    let summary = ingest(store, paths, 2, &errors).unwrap();
    assert!(errors.0.into_inner().unwrap().is_empty());
    summary
}

fn sample_store() -> GraphStore {
    let store = GraphStore::in_memory().unwrap();
    ingest_all(&store, &[samples()]);
    store
}

/// Rows of a SELECT as compact strings.
fn select(store: &GraphStore, q: &str) -> Vec<Vec<String>> {
    let QueryResults::Solutions(solutions) = store.query(q, &[]).unwrap() else {
        panic!("not a SELECT")
    };
    let vars = solutions.variables().to_vec();
    solutions
        .map(|s| {
            let s = s.unwrap();
            vars.iter()
                .map(|v| s.get(v).map(rdf::compact).unwrap_or_default())
                .collect()
        })
        .collect()
}

fn file_rows(store: &GraphStore, name: &str, params: &[(&str, &str)]) -> Vec<Vec<String>> {
    let q =
        QueryFile::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("queries/{name}.rq")))
            .unwrap();
    let given: Vec<(String, String)> = params
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let QueryResults::Solutions(solutions) = run_file(store, &q, &given).unwrap() else {
        panic!("{name} is not a SELECT")
    };
    let vars = solutions.variables().to_vec();
    solutions
        .map(|s| {
            let s = s.unwrap();
            vars.iter()
                .map(|v| {
                    format!(
                        "{}={}",
                        v.as_str(),
                        s.get(v).map(rdf::compact).unwrap_or_default()
                    )
                })
                .collect()
        })
        .collect()
}

fn has_row(rows: &[Vec<String>], cells: &[&str]) -> bool {
    rows.iter()
        .any(|r| cells.iter().all(|c| r.iter().any(|x| x == c)))
}

#[test]
fn round_trip_gives_back_the_extracted_interactions() {
    let store = sample_store();
    let (articles, errors, _) = article::read_paths(&[samples()], || {});
    assert!(errors.is_empty());
    // Articles are named after their content.
    let key: std::collections::HashMap<&str, &str> = articles
        .iter()
        .map(|a| (a.file_name.as_str(), a.key()))
        .collect();
    let expected: BTreeSet<Vec<String>> = articles
        .iter()
        .flat_map(extract::extract)
        .map(|i| {
            vec![
                format!("art:{}", rdf::escape(key[i.article.as_str()])),
                format!("actor:{}", rdf::escape(&i.subject.id)),
                i.relation.as_str().to_string(),
                format!("actor:{}", rdf::escape(&i.object.id)),
                i.date.map(|d| d.to_string()).unwrap_or_default(),
                i.status.as_str().to_string(),
                i.evidence.clone(),
            ]
        })
        .collect();
    let got: BTreeSet<Vec<String>> = select(
        &store,
        "SELECT ?a ?s ?rel ?o ?date ?status ?ev WHERE {
           ?r a dip:Report ; prov:wasDerivedFrom ?a ; dip:subject ?s ; dip:relation ?rel ;
              dip:object ?o ; dip:status ?status ; dip:evidence ?ev .
           OPTIONAL { ?r dip:date ?date } }",
    )
    .into_iter()
    .collect();
    assert!(expected.len() > 20, "{}", expected.len());
    assert_eq!(got, expected);
}

#[test]
fn reingesting_unchanged_articles_changes_nothing() {
    let store = GraphStore::in_memory().unwrap();
    let first = ingest_all(&store, &[samples()]);
    assert_eq!(first.added, 5);
    let dump1 = dump(&store, RdfFormat::NQuads);
    let second = ingest_all(&store, &[samples()]);
    assert_eq!(second.unchanged, 5);
    assert_eq!(second.added + second.replaced, 0);
    assert_eq!(second.store.triples, first.store.triples);
    assert_eq!(
        sorted_lines(&dump(&store, RdfFormat::NQuads)),
        sorted_lines(&dump1)
    );
}

#[test]
fn a_changed_article_replaces_its_reports_and_events() {
    let dir = tempfile::tempdir().unwrap();
    let name = "002_d10638c81e7154b2.txt";
    let original = std::fs::read_to_string(samples().join(name)).unwrap();
    std::fs::write(dir.path().join(name), &original).unwrap();
    let store = GraphStore::in_memory().unwrap();
    ingest_all(&store, &[dir.path().to_owned()]);
    let calls = "SELECT ?e WHERE { ?e a dip:PhoneCall }";
    assert_eq!(select(&store, calls).len(), 1);

    // The same file, corrected: the call paragraph is gone.
    let edited: String = original
        .lines()
        .filter(|l| !l.contains("通电话"))
        .collect::<Vec<_>>()
        .join("\n");
    assert_ne!(edited, original);
    std::fs::write(dir.path().join(name), &edited).unwrap();
    let summary = ingest_all(&store, &[dir.path().to_owned()]);
    assert_eq!(summary.replaced, 1);
    assert!(
        select(&store, calls).is_empty(),
        "the old call event is gone"
    );
    let hashes = select(&store, "SELECT ?h WHERE { ?a dip:contentHash ?h }");
    assert_eq!(hashes.len(), 1, "one version of the article: {hashes:?}");
    assert!(!store.events_stale().unwrap());
}

#[test]
fn two_articles_on_the_same_talks_make_one_event_with_two_reports() {
    let store = sample_store();
    let rows = select(
        &store,
        "SELECT ?e ?n ?date WHERE {
           ?e a dip:Meeting ; dip:subject ?s ; dip:object ?o ; dip:reportCount ?n ; dip:date ?date .
           FILTER ((?s = actor:wang_yi && ?o = actor:kang_kyung_wha) || (?o = actor:wang_yi && ?s = actor:kang_kyung_wha)) }",
    );
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0][1], "2");
    // The two articles date it 25 and 26 November (time zones); one date.
    assert!(rows[0][2].starts_with("2020-11-2"), "{rows:?}");
    // Its reports come from the two articles.
    let articles = select(
        &store,
        &format!(
            "SELECT DISTINCT ?a WHERE {{ <{}{}> dip:hasReport ?r . ?r prov:wasDerivedFrom ?a }}",
            rdf::EVENT,
            rows[0][0].trim_start_matches("ev:")
        ),
    );
    assert_eq!(articles.len(), 2, "{articles:?}");
    // And a direct edge keeps the simple question simple, both ways: a
    // symmetric relation's edge is stored in either direction.
    for query in [
        "SELECT * WHERE { actor:kang_kyung_wha dip:metWith actor:wang_yi }",
        "SELECT * WHERE { actor:wang_yi dip:metWith actor:kang_kyung_wha }",
    ] {
        assert_eq!(select(&store, query).len(), 1, "{query}");
    }
}

/// Every occurred event of a symmetric relation has its direct edge both
/// ways, a directed relation's only one way; and counting stays with the
/// events (one per pair and date, whichever way it is written).
#[test]
fn symmetric_direct_edges_go_both_ways() {
    let store = sample_store();
    for (class, edge, symmetric) in [
        ("Meeting", "metWith", true),
        ("PhoneCall", "spokeWith", true),
        ("Visit", "visited", false),
        ("Criticism", "criticized", false),
    ] {
        let missing = select(
            &store,
            &format!(
                "SELECT ?e WHERE {{ ?e a dip:{class} ; dip:status \"occurred\" ;
                   dip:subject ?s ; dip:object ?o FILTER(?s != ?o)
                   FILTER NOT EXISTS {{ ?o dip:{edge} ?s }} }}"
            ),
        );
        let events = select(
            &store,
            &format!(
                "SELECT ?e WHERE {{ ?e a dip:{class} ; dip:status \"occurred\" ;
                   dip:subject ?s ; dip:object ?o FILTER(?s != ?o) }}"
            ),
        );
        if symmetric {
            assert!(!events.is_empty(), "{class}: the samples have some");
            assert!(
                missing.is_empty(),
                "{class}: no reverse edge for {missing:?}"
            );
        } else if !events.is_empty() {
            // (Two actors may criticise each other: not every one.)
            assert!(!missing.is_empty(), "{class} is directed, one way");
        }
    }
}

#[test]
fn registry_and_ontology_are_in_their_graphs() {
    let store = sample_store();
    let holder = select(
        &store,
        "SELECT ?p WHERE { GRAPH <https://w3id.org/dipgraph/graph/registry> {
           ?r dip:roleName \"foreign_minister\" ; dip:roleOf actor:CHN ; dip:holder ?p } }",
    );
    assert!(has_row(&holder, &["actor:wang_yi"]), "{holder:?}");
    let classes = select(
        &store,
        "SELECT ?c WHERE { GRAPH <https://w3id.org/dipgraph/graph/ontology> { ?c rdfs:subClassOf dip:Interaction } }",
    );
    assert_eq!(classes.len(), 10, "{classes:?}");
    let wd = select(&store, "SELECT ?q WHERE { actor:xi_jinping owl:sameAs ?q }");
    assert_eq!(wd, [["wd:Q15031"]]);
}

#[test]
fn every_canned_query_runs_and_answers_on_the_samples() {
    let store = sample_store();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    for q in QueryFile::read_dir(&dir).unwrap() {
        let QueryResults::Solutions(s) = run_file(&store, &q, &[]).unwrap() else {
            panic!("{} is not a SELECT", q.name)
        };
        let n = s.count();
        // central_actors reads the metrics graph, filled by `dipgraph metrics`.
        if q.name != "central_actors" {
            assert!(n > 0, "{} returned nothing on the samples", q.name);
        }
    }
    let rows = file_rows(&store, "actor_interactions", &[("actor", "actor:wang_yi")]);
    assert!(
        has_row(
            &rows,
            &["relation=meet", "partner=actor:kang_kyung_wha", "reports=2"]
        ),
        "{rows:?}"
    );
    let rows = file_rows(&store, "partners_ranked", &[("actor", "actor:wang_yi")]);
    assert!(
        has_row(&rows, &["partner=actor:kang_kyung_wha"]),
        "{rows:?}"
    );
    let rows = file_rows(
        &store,
        "met_in_period",
        &[("since", "2023-08-01"), ("until", "2023-08-31")],
    );
    // Events whose period overlaps the range: August 2023 days, and events
    // known only to the year 2023.
    assert!(
        rows.iter().all(|r| r
            .iter()
            .any(|c| c.starts_with("date=2023-08") || c == "date=2023")),
        "{rows:?}"
    );
    assert!(
        has_row(&rows, &["relation=call", "date=2023-08-31"]),
        "{rows:?}"
    );
    let rows = file_rows(
        &store,
        "office_holder_on_date",
        &[
            ("role_name", "foreign_minister"),
            ("of", "actor:KOR"),
            ("on", "2020-11-26"),
        ],
    );
    assert!(has_row(&rows, &["holder=actor:kang_kyung_wha"]), "{rows:?}");
    assert_eq!(rows.len(), 1, "{rows:?}");
    let rows = file_rows(&store, "multi_outlet_events", &[]);
    assert!(!rows.is_empty(), "the Wang Yi–Kang talks have two outlets");
    // Every report says why it exists: the pattern flag and the model (PROV).
    let rows = file_rows(&store, "why_reported", &[("actor", "actor:wang_yi")]);
    assert!(!rows.is_empty());
    for r in &rows {
        assert!(
            r.iter()
                .any(|c| c == "found_by_pattern=true" || c == "found_by_pattern=false"),
            "{r:?}"
        );
        let model = r.iter().find_map(|c| c.strip_prefix("model=")).unwrap();
        assert_eq!(model, dipgraph::extract::classifier::BUNDLED.id(), "{r:?}");
    }
    let rows = file_rows(
        &store,
        "dyad_timeline",
        &[("a", "actor:wang_yi"), ("b", "actor:kang_kyung_wha")],
    );
    // (What else the pair did that day depends on the model: the timeline is
    // checked for the meeting both outlets report. Their dates tie — one
    // outlet's sentence says 26日, the other's 25日深夜抵达…并与…会面 — and a
    // tie takes the more confident report's day, which is the model's: either
    // day, one event of two reports.)
    assert!(
        ["2020-11-25", "2020-11-26"]
            .iter()
            .any(|d| has_row(&rows, &["relation=meet", &format!("date={d}"), "reports=2"])),
        "{rows:?}"
    );
    let rows = file_rows(&store, "counts_by_relation_year", &[]);
    assert!(
        rows.iter().any(|r| r.iter().any(|c| c == "relation=meet")),
        "{rows:?}"
    );
}

/// Three made-up articles: two report one call of a person outside the
/// registry (兰斯伯吉斯), a third a later call with the name spelled 蓝斯伯吉斯
/// (the same id). Each article graph describes him again. In 2020, before
/// the registry's Gabrielius Landsbergis (兰茨贝吉斯) was foreign minister:
/// from December 2020 a spelling of his office's holder that starts as his
/// does is he.
fn store_with_an_unregistered_person() -> (GraphStore, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    // Each at ten in the morning where its outlet writes: relative dates
    // count from that day (VOA's is New York's).
    for (n, date, day, first, host) in [
        (1, "2020-08-03 10:00:00 +0800", 3, "兰", "www.zaobao.com.sg"),
        (2, "2020-08-03 10:00:00 +0200", 3, "兰", "www.dw.com"),
        (
            3,
            "2020-09-10 10:00:00 -0400",
            10,
            "蓝",
            "www.voachinese.com",
        ),
    ] {
        std::fs::write(
            dir.path().join(format!("made-up-{n}.md")),
            format!(
                "---\ntitle: 通话\nurl: https://{host}/{n}\ndate: {date}\n---\n\n\
                 <p>立陶宛外长{first}斯伯吉斯{day}日与台湾外长吴钊燮通电话。</p>\n"
            ),
        )
        .unwrap();
    }
    let store = GraphStore::in_memory().unwrap();
    ingest_all(&store, &[samples(), dir.path().to_path_buf()]);
    (store, dir)
}

/// The union default graph keeps every article graph's copy of such a
/// person's label; the events graph describes him once, so canned queries
/// neither repeat rows nor count an event twice.
#[test]
fn people_outside_the_registry_are_described_once_and_counted_once() {
    let (store, _dir) = store_with_an_unregistered_person();
    let described = select(
        &store,
        "SELECT ?p ?v WHERE { GRAPH <https://w3id.org/dipgraph/graph/events> {
           actor:lansibojisi ?p ?v FILTER(?p IN (rdfs:label, skos:altLabel, dip:represents)) } }
         ORDER BY ?p ?v",
    );
    assert_eq!(
        described,
        [
            ["rdfs:label", "Lansibojisi"],
            ["rdfs:label", "兰斯伯吉斯"],
            ["skos:altLabel", "蓝斯伯吉斯"],
            ["dip:represents", "actor:LTU"],
        ],
        "{described:?}"
    );
    // Every canned query, with parameters that reach him: no repeated row.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    for q in QueryFile::read_dir(&dir).unwrap() {
        let params: &[(&str, &str)] = match q.name.as_str() {
            "actor_interactions" | "partners_ranked" => &[("actor", "actor:lansibojisi")],
            "dyad_timeline" => &[("a", "actor:lansibojisi"), ("b", "actor:joseph_wu")],
            "met_in_period" => &[("since", "2020-01-01"), ("until", "2020-12-31")],
            _ => &[],
        };
        let rows = file_rows(&store, &q.name, params);
        let distinct: BTreeSet<&Vec<String>> = rows.iter().collect();
        assert_eq!(
            distinct.len(),
            rows.len(),
            "{} repeats rows: {rows:?}",
            q.name
        );
    }
    let rows = file_rows(
        &store,
        "met_in_period",
        &[("since", "2020-01-01"), ("until", "2020-12-31")],
    );
    // A call is stored once, oriented as its most confident report wrote it.
    let calls: Vec<_> = rows
        .iter()
        .filter(|r| {
            r.iter()
                .any(|c| c == "subject=actor:lansibojisi" || c == "object=actor:lansibojisi")
        })
        .collect();
    assert_eq!(calls.len(), 2, "{rows:?}");
    assert!(
        calls.iter().all(|r| r
            .iter()
            .any(|c| c == "subjectZh=兰斯伯吉斯" || c == "objectZh=兰斯伯吉斯")),
        "{calls:?}"
    );
    let rows = file_rows(&store, "calls_vs_visits_by_pair", &[]);
    assert!(
        has_row(&rows, &["stateA=actor:LTU", "stateB=actor:TWN", "calls=2"]),
        "{rows:?}"
    );
    let rows = file_rows(&store, "multi_outlet_events", &[]);
    assert!(
        has_row(
            &rows,
            &["object=actor:lansibojisi", "outlets=2", "reports=2"]
        ) || has_row(
            &rows,
            &["subject=actor:lansibojisi", "outlets=2", "reports=2"]
        ),
        "{rows:?}"
    );
}

/// The materialised outlets of each event are those of its reports'
/// articles (what multi_outlet_events lists).
#[test]
fn event_outlets_are_their_reports_articles_outlets() {
    let (store, _dir) = store_with_an_unregistered_person();
    let stored = select(
        &store,
        "SELECT ?e ?n (GROUP_CONCAT(?o; SEPARATOR=\"|\") AS ?os) WHERE {
           GRAPH <https://w3id.org/dipgraph/graph/events> {
             ?e dip:outletCount ?n . OPTIONAL { ?e dip:reportedBy ?o } } }
         GROUP BY ?e ?n",
    );
    let derived = select(
        &store,
        "SELECT ?e (COUNT(DISTINCT ?o) AS ?n) WHERE {
           GRAPH <https://w3id.org/dipgraph/graph/events> { ?e a dip:Interaction ; dip:hasReport ?r }
           OPTIONAL { ?r prov:wasDerivedFrom ?a . ?a dip:outlet ?o } }
         GROUP BY ?e",
    );
    assert!(stored.len() > 10, "{stored:?}");
    assert_eq!(stored.len(), derived.len());
    let count_of: std::collections::HashMap<&String, &String> =
        derived.iter().map(|r| (&r[0], &r[1])).collect();
    for r in &stored {
        assert_eq!(Some(&&r[1]), count_of.get(&r[0]), "{r:?}");
        let listed = if r[2].is_empty() {
            0
        } else {
            r[2].split('|').count()
        };
        assert_eq!(r[1], listed.to_string(), "{r:?}");
    }
}

/// A store whose events an older dipgraph folded (no layout stamp, no
/// actor descriptions) is re-folded by the next ingest, though no article
/// changed.
#[test]
fn events_of_an_older_layout_are_refolded() {
    let (store, dir) = store_with_an_unregistered_person();
    assert!(!store.events_stale().unwrap());
    store
        .update(
            "PREFIX dip: <https://w3id.org/dipgraph/ontology#>
             PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
             DELETE WHERE { GRAPH <https://w3id.org/dipgraph/graph/meta> { <https://w3id.org/dipgraph/store> dip:eventsFormat ?v } } ;
             DELETE WHERE { GRAPH <https://w3id.org/dipgraph/graph/events> { <https://w3id.org/dipgraph/actor/lansibojisi> rdfs:label ?l } }",
        )
        .unwrap();
    assert!(store.events_stale().unwrap());
    let summary = ingest_all(&store, &[samples(), dir.path().to_path_buf()]);
    assert_eq!(summary.added + summary.replaced, 0);
    assert!(!store.events_stale().unwrap());
    let labels = select(
        &store,
        "SELECT ?l WHERE { GRAPH <https://w3id.org/dipgraph/graph/events> { actor:lansibojisi rdfs:label ?l } } ORDER BY ?l",
    );
    assert_eq!(labels, [["Lansibojisi"], ["兰斯伯吉斯"]]);
}

#[test]
fn parameters_are_bound_not_pasted() {
    let store = sample_store();
    let q =
        QueryFile::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("queries/partners_ranked.rq"))
            .unwrap();
    // A value that would break out of a pasted query is only an odd literal.
    let evil = vec![(
        "actor".to_string(),
        "\"x\" } } DROP ALL ; SELECT * { \"".to_string(),
    )];
    let QueryResults::Solutions(s) = run_file(&store, &q, &evil).unwrap() else {
        panic!()
    };
    assert_eq!(s.count(), 0);
    assert!(store.stats().unwrap().triples > 1000);
}

fn dump(store: &GraphStore, format: RdfFormat) -> Vec<u8> {
    let mut out = Vec::new();
    store.dump(format, &mut out).unwrap();
    out
}

fn sorted_lines(bytes: &[u8]) -> Vec<String> {
    let mut lines: Vec<String> = String::from_utf8_lossy(bytes)
        .lines()
        .map(String::from)
        .collect();
    lines.sort();
    lines
}

/// The store's quads with blank nodes canonicalised (the ontology's
/// owl:unionOf lists), so two stores compare as graphs.
fn canonical(store: &GraphStore) -> Vec<String> {
    let mut ds = oxigraph::model::Dataset::new();
    for q in store.inner().iter() {
        ds.insert(&q.unwrap());
    }
    ds.canonicalize(oxigraph::model::dataset::CanonicalizationAlgorithm::Unstable);
    let mut lines: Vec<String> = ds.iter().map(|q| q.to_string()).collect();
    lines.sort();
    lines
}

#[test]
fn dumps_parse_back_to_the_same_graph() {
    let store = sample_store();
    let expected = canonical(&store);
    for format in [RdfFormat::NQuads, RdfFormat::TriG] {
        let bytes = dump(&store, format);
        let copy = GraphStore::in_memory().unwrap();
        copy.inner()
            .load_from_slice(oxigraph::io::RdfParser::from_format(format), &bytes)
            .unwrap();
        assert_eq!(canonical(&copy), expected, "{format}");
    }
    // Turtle holds the union of the graphs as one graph.
    let ttl = dump(&store, RdfFormat::Turtle);
    let triples = oxigraph::io::RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(&ttl)
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
        .len();
    let union = select(
        &store,
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
    );
    assert_eq!(union[0][0], triples.to_string());
}

#[test]
fn bad_files_are_reported_and_the_rest_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        samples().join("000_f63178d633100759.txt"),
        dir.path().join("good.txt"),
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    std::fs::write(dir.path().join("binary.txt"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    let store = GraphStore::in_memory().unwrap();
    let errors = Errors::default();
    let summary = ingest(&store, &[dir.path().to_owned()], 8, &errors).unwrap();
    let errors = errors.0.into_inner().unwrap();
    assert_eq!(summary.ok, 1);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("empty.txt")), "{errors:?}");
    assert!(summary.store.reports > 0);
}

#[test]
fn stored_terms_are_well_typed() {
    let store = sample_store();
    let rows = select(
        &store,
        "SELECT DISTINCT (DATATYPE(?d) AS ?t) WHERE { ?e a dip:Interaction ; dip:date ?d }",
    );
    let types: BTreeSet<String> = rows.into_iter().map(|r| r[0].clone()).collect();
    assert!(types.contains("xsd:date"), "{types:?}");
    assert!(
        types
            .iter()
            .all(|t| ["xsd:date", "xsd:gYearMonth", "xsd:gYear"].contains(&t.as_str())),
        "{types:?}"
    );
    let QueryResults::Boolean(b) = store
        .query(
            "ASK { ?r a dip:Report ; dip:evidence ?e FILTER(LANG(?e) = \"zh\") }",
            &[],
        )
        .unwrap()
    else {
        panic!()
    };
    assert!(b);
    let _ = Term::from(rdf::actor_iri("x"));
}

/// A sample's bytes, without its url line when `url` is false.
fn sample_bytes(name: &str, url: bool) -> Vec<u8> {
    let text = std::fs::read_to_string(samples().join(name)).unwrap();
    if url {
        return text.into_bytes();
    }
    // The url is in the front matter or the title link.
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| {
            let title_link = l.starts_with('[') && l.ends_with(')');
            !l.starts_with("from:") && !title_link
        })
        .collect();
    let bytes = kept.join("\n").into_bytes();
    let a = article::parse(Path::new(name), &bytes).unwrap();
    assert_eq!(a.url, None, "{name}");
    bytes
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// The values of a property of the stored articles, sorted.
fn article_values(store: &GraphStore, property: &str) -> Vec<String> {
    let mut v: Vec<String> = select(
        store,
        &format!("SELECT ?v WHERE {{ ?a a dip:Article ; {property} ?v }}"),
    )
    .into_iter()
    .map(|r| r[0].clone())
    .collect();
    v.sort();
    v
}

/// Re-ingests `paths` and checks that nothing is written and events are
/// not re-folded; returns the summary.
fn reingest_changes_nothing(
    store: &GraphStore,
    paths: &[PathBuf],
) -> dipgraph::ingest::IngestSummary {
    let before = sorted_lines(&dump(store, RdfFormat::NQuads));
    let again = ingest_all(store, paths);
    assert_eq!(again.added + again.replaced + again.reports, 0, "{again}");
    assert_eq!(again.fold_seconds, 0.0, "events not re-folded: {again}");
    assert_eq!(sorted_lines(&dump(store, RdfFormat::NQuads)), before);
    again
}

#[test]
fn two_posts_with_one_file_name_are_both_stored() {
    // In two folders (with urls), and with names that differ only in bytes
    // that are not UTF-8 (without urls): one file name as text.
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        &d.join("a/post.txt"),
        &sample_bytes("000_f63178d633100759.txt", true),
    );
    write(
        &d.join("b/post.txt"),
        &sample_bytes("001_53fa6b5a9f8df96e.txt", true),
    );
    for (byte, sample) in [
        (0xfe, "002_d10638c81e7154b2.txt"),
        (0xff, "003_ec1509589b2ba0ae.txt"),
    ] {
        let name = [b'p', byte, b'.', b't', b'x', b't'];
        let name = std::ffi::OsStr::from_bytes(&name);
        write(&d.join("c").join(name), &sample_bytes(sample, false));
    }
    let store = GraphStore::in_memory().unwrap();
    let first = ingest_all(&store, &[d.to_owned()]);
    assert_eq!(first.added, 4, "{first}");
    assert_eq!(
        first.replaced + first.unchanged + first.duplicates,
        0,
        "{first}"
    );
    assert_eq!(first.store.articles, 4);
    let names = article_values(&store, "dip:fileName");
    assert_eq!(
        names.iter().filter(|n| *n == "post.txt").count(),
        2,
        "{names:?}"
    );
    assert_eq!(
        names.iter().filter(|n| *n == "p\u{fffd}.txt").count(),
        2,
        "{names:?}"
    );
    let paths = article_values(&store, "dip:sourcePath");
    assert_eq!(paths.len(), 4, "each path kept: {paths:?}");
    assert!(
        paths.iter().any(|p| p.ends_with("/a/post.txt")),
        "{paths:?}"
    );
    let again = reingest_changes_nothing(&store, &[d.to_owned()]);
    assert_eq!(again.unchanged, 4, "{again}");
}

#[test]
fn identical_posts_under_two_names_are_stored_once_as_duplicates() {
    for url in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let bytes = sample_bytes("000_f63178d633100759.txt", url);
        write(&d.join("one.txt"), &bytes);
        write(&d.join("copies/two.txt"), &bytes);
        write(
            &d.join("other.txt"),
            &sample_bytes("002_d10638c81e7154b2.txt", url),
        );
        let store = GraphStore::in_memory().unwrap();
        let first = ingest_all(&store, &[d.to_owned()]);
        assert_eq!(
            (first.added, first.duplicates, first.replaced),
            (2, 1, 0),
            "url {url}: {first}"
        );
        assert!(first.to_string().contains("duplicates 1"), "{first}");
        assert_eq!(first.store.articles, 2);
        // The same reports and events as without the copy.
        let single = GraphStore::in_memory().unwrap();
        let alone = ingest_all(&single, &[d.join("one.txt"), d.join("other.txt")]);
        assert_eq!(
            (first.store.reports, first.store.events),
            (alone.store.reports, alone.store.events)
        );
        // Both files are the article's provenance.
        let names = article_values(&store, "dip:fileName");
        assert_eq!(names, ["one.txt", "other.txt", "two.txt"]);
        let again = reingest_changes_nothing(&store, &[d.to_owned()]);
        assert_eq!((again.unchanged, again.duplicates), (2, 1), "{again}");
    }
}

#[test]
fn a_changed_post_with_the_same_url_replaces_the_old_one_whatever_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let name = "002_d10638c81e7154b2.txt";
    let original = std::fs::read_to_string(samples().join(name)).unwrap();
    write(&dir.path().join("2020/post.txt"), original.as_bytes());
    let store = GraphStore::in_memory().unwrap();
    ingest_all(&store, &[dir.path().join("2020")]);
    let before = select(&store, "SELECT ?h WHERE { ?a dip:contentHash ?h }");
    // A corrected copy under another name in another folder.
    let edited = format!("{original}\n<p>（本文已更正。）</p>\n");
    write(&dir.path().join("2021/corrected.txt"), edited.as_bytes());
    let summary = ingest_all(&store, &[dir.path().join("2021")]);
    assert_eq!((summary.replaced, summary.added), (1, 0), "{summary}");
    assert_eq!(summary.store.articles, 1);
    let after = select(&store, "SELECT ?h WHERE { ?a dip:contentHash ?h }");
    assert_eq!(after.len(), 1, "one version of the article: {after:?}");
    assert_ne!(after, before);
    assert_eq!(article_values(&store, "dip:fileName"), ["corrected.txt"]);
    assert!(!store.events_stale().unwrap());
}

#[test]
fn two_versions_of_one_url_in_one_input_keep_the_later_and_stay_put() {
    let dir = tempfile::tempdir().unwrap();
    let name = "002_d10638c81e7154b2.txt";
    let original = std::fs::read_to_string(samples().join(name)).unwrap();
    let edited = format!("{original}\n<p>（本文已更正。）</p>\n");
    write(&dir.path().join("1_old.txt"), original.as_bytes());
    write(&dir.path().join("2_new.txt"), edited.as_bytes());
    let store = GraphStore::in_memory().unwrap();
    let first = ingest_all(&store, &[dir.path().to_owned()]);
    assert_eq!((first.added, first.superseded), (1, 1), "{first}");
    assert_eq!(article_values(&store, "dip:fileName"), ["2_new.txt"]);
    let again = reingest_changes_nothing(&store, &[dir.path().to_owned()]);
    assert_eq!((again.unchanged, again.superseded), (1, 1), "{again}");
}

#[test]
fn articles_stored_by_older_versions_are_found_not_duplicated() {
    // A store as older versions wrote it: articles, graphs and reports
    // keyed by file name, no source paths.
    let (articles, _, _) = article::read_paths(&[samples()], || {});
    let new = sample_store();
    let mut old = String::new();
    for line in sorted_lines(&dump(&new, RdfFormat::NQuads)) {
        if line.contains("#sourcePath>") {
            continue;
        }
        let mut line = line;
        for a in &articles {
            line = line
                .replace(
                    &format!("/article/{}>", a.key()),
                    &format!("/article/{}>", rdf::escape(&a.file_name)),
                )
                .replace(
                    &format!("/report/{}/", a.key()),
                    &format!("/report/{}/", rdf::escape(&a.file_name)),
                );
        }
        old.push_str(&line);
        old.push('\n');
    }
    assert!(old.contains("/article/000_f63178d633100759.txt>"));
    let store = GraphStore::in_memory().unwrap();
    let quads: Vec<oxigraph::model::Quad> = oxigraph::io::RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(old.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap();
    store.inner().extend(quads).unwrap();
    let again = ingest_all(&store, &[samples()]);
    assert_eq!(
        (again.unchanged, again.added, again.replaced),
        (5, 0, 0),
        "{again}"
    );
    assert_eq!(again.store.articles, 5);
    assert_eq!(again.fold_seconds, 0.0, "events not re-folded");
    // The paths are noted, once.
    assert_eq!(article_values(&store, "dip:sourcePath").len(), 5);
    reingest_changes_nothing(&store, &[samples()]);
}

/// Background events (over more than a year before their first article)
/// are marked, listed by SPARQL, and left out of the actor graph unless
/// the filter includes them.
#[test]
fn background_events_are_marked_and_left_out_of_the_graph() {
    use dipgraph::graph::from_store::{GraphFilter, graph_from_store};
    // The samples and an article recalling Nixon's visit of 1972.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("history.md"),
        "---\ntitle: 回顾\nurl: https://example.org/history\ndate: 2020-07-24 10:00:00 +0800\n---\n\n\
         <p>1972年2月，美国总统尼克松访问中国。</p>\n",
    )
    .unwrap();
    let store = GraphStore::in_memory().unwrap();
    ingest_all(&store, &[samples(), dir.path().to_path_buf()]);
    let count = |q: &str| select(&store, q)[0][0].parse::<f64>().unwrap();
    let background =
        count("SELECT (COUNT(?e) AS ?n) WHERE { ?e a dip:Interaction ; dip:background true }");
    let news =
        count("SELECT (COUNT(?e) AS ?n) WHERE { ?e a dip:Interaction ; dip:background false }");
    let all = count("SELECT (COUNT(?e) AS ?n) WHERE { ?e a dip:Interaction }");
    assert!(background >= 1.0, "Nixon's visit is history in 2020");
    assert_eq!(background + news, all, "every event is marked");
    // No background event is dated in the year of an article reporting
    // it or later (it ended over a year before all of them).
    let recent = select(
        &store,
        "SELECT ?e WHERE { ?e a dip:Interaction ; dip:background true ; dip:date ?d ;
           dip:hasReport ?r . ?r prov:wasDerivedFrom ?a . ?a schema:datePublished ?p
           FILTER(xsd:integer(SUBSTR(STR(?d), 1, 4)) >= YEAR(?p)) }",
    );
    assert!(recent.is_empty(), "{recent:?}");
    // The graph's edge weights count events: self-interactions aside, the
    // events left out are the background ones.
    let weight = |filter: &GraphFilter| -> f64 {
        let g = graph_from_store(&store, filter).unwrap();
        g.graph.edge_weights().map(|e| e.weight).sum()
    };
    let self_loops = |bg: &str| {
        count(&format!(
            "SELECT (COUNT(?e) AS ?n) WHERE {{ ?e a dip:Interaction ; dip:background {bg} ;
               dip:subject ?a ; dip:object ?a }}"
        ))
    };
    let default = weight(&GraphFilter::default());
    let with = weight(&GraphFilter {
        include_background: true,
        ..Default::default()
    });
    assert_eq!(default, news - self_loops("false"));
    assert_eq!(with, all - self_loops("false") - self_loops("true"));
}
