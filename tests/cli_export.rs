//! `dipgraph export` and `dipgraph metrics` on the samples, through the
//! binary: every file parses back with a real parser, Gephi's columns are
//! exact, and the store's interactions.csv equals `dipgraph extract`'s.

use std::path::{Path, PathBuf};
use std::process::Command;

fn dipgraph(args: &[&str]) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_dipgraph"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "dipgraph {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn samples() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/samples")
        .display()
        .to_string()
}

struct Fixture {
    _dir: tempfile::TempDir,
    store: String,
    out: PathBuf,
}

fn ingested() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store").display().to_string();
    dipgraph(&["ingest", &samples(), "--store", &store]);
    let out = dir.path().join("out");
    Fixture {
        store,
        out,
        _dir: dir,
    }
}

fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn csv_exports_parse_back_with_their_columns() {
    let f = ingested();
    let out = f.out.display().to_string();
    dipgraph(&[
        "export", "--store", &f.store, "--format", "csv", "--output", &out,
    ]);

    let (nodes_header, nodes) = read_csv(&f.out.join("nodes.csv"));
    assert_eq!(
        &nodes_header[..5],
        ["Id", "Label", "Type", "label_en", "label_zh"]
    );
    assert!(nodes_header.contains(&"pagerank".to_string()));
    assert!(
        nodes
            .iter()
            .any(|n| n[0] == "wang_yi" && n[1] == "Wang Yi" && n[4] == "王毅")
    );

    let (edges_header, edges) = read_csv(&f.out.join("edges.csv"));
    assert_eq!(
        edges_header,
        [
            "Source",
            "Target",
            "Type",
            "Kind",
            "Label",
            "Weight",
            "relation",
            "first_date",
            "last_date"
        ]
    );
    assert!(
        edges
            .iter()
            .all(|e| e[2] == "Directed" || e[2] == "Undirected")
    );
    let talks = edges
        .iter()
        .find(|e| e[3] == "meet" && [&e[0], &e[1]].contains(&&"kang_kyung_wha".to_string()))
        .expect("the Wang Yi–Kang talks");
    assert_eq!(talks[5], "1", "one event, though two articles report it");
    assert_eq!(talks[4], "Meeting");
    // Gephi merges parallel edges of one pair unless their Kind differs.
    let mut pairs = std::collections::HashMap::new();
    for e in &edges {
        *pairs.entry((&e[0], &e[1], &e[3])).or_insert(0) += 1;
    }
    assert!(pairs.values().all(|&n| n == 1), "one row per pair and Kind");

    let (c_header, centrality) = read_csv(&f.out.join("centrality.csv"));
    assert_eq!(
        c_header,
        [
            "id",
            "label_en",
            "label_zh",
            "type",
            "degree",
            "weighted_degree",
            "betweenness",
            "closeness",
            "pagerank",
            "eigenvector"
        ]
    );
    assert_eq!(centrality[0][0], "wang_yi", "highest PageRank first");
    let total: f64 = centrality
        .iter()
        .map(|r| r[8].parse::<f64>().unwrap())
        .sum();
    assert!((total - 1.0).abs() < 1e-9, "PageRank sums to 1: {total}");

    let (e_header, events) = read_csv(&f.out.join("events.csv"));
    assert_eq!(e_header[0], "event");
    let col = |name: &str| e_header.iter().position(|c| c == name).unwrap();
    assert!(events.iter().any(|e| e[col("reports")] == "2"));
    // Every event has a source URL, and (GDELT's actor country codes) a
    // state for each side that is a state or a person representing one.
    assert!(
        events
            .iter()
            .all(|e| e[col("source_url")].starts_with("https://"))
    );
    let talks = events
        .iter()
        .find(|e| e[col("relation")] == "meet" && e[col("date")] == "2020-11-26")
        .unwrap();
    let states = [&talks[col("subject_state")], &talks[col("object_state")]];
    assert!(states.contains(&&"CHN".to_string()) && states.contains(&&"KOR".to_string()));
    // Dates split for spreadsheets, beside the original.
    assert_eq!(col("date_start"), col("date") + 1);
    for e in &events {
        let (date, start, precision) = (
            &e[col("date")],
            &e[col("date_start")],
            &e[col("date_precision")],
        );
        let expected = match date.len() {
            0 => "",
            4 => "year",
            7 => "month",
            _ => "day",
        };
        assert_eq!(precision, expected, "{date}");
        assert!(start.starts_with(date.as_str()), "{date} {start}");
    }

    // The store's interactions.csv is extract's, row for row, then the
    // columns only the store knows.
    let extracted = dipgraph(&["extract", &samples()]).stdout;
    let mut a = csv::Reader::from_reader(extracted.as_slice());
    let mut b = csv::Reader::from_path(f.out.join("interactions.csv")).unwrap();
    let (ha, hb) = (a.headers().unwrap().clone(), b.headers().unwrap().clone());
    let n = ha.len();
    assert_eq!(
        &hb.iter().take(n).collect::<Vec<_>>(),
        &ha.iter().collect::<Vec<_>>()
    );
    assert_eq!(
        hb.iter().skip(n).collect::<Vec<_>>(),
        [
            "event",
            "subject_en",
            "object_en",
            "subject_state",
            "object_state"
        ]
    );
    let mut from_extract: Vec<Vec<String>> = a
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let store_rows: Vec<Vec<String>> = b
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let mut from_store: Vec<Vec<String>> = store_rows.iter().map(|r| r[..n].to_vec()).collect();
    from_extract.sort();
    from_store.sort();
    assert_eq!(from_store, from_extract);
    // Reports join events by id, and carry English labels and states.
    let event_ids: std::collections::HashSet<&String> = events.iter().map(|e| &e[0]).collect();
    assert!(store_rows.iter().all(|r| event_ids.contains(&r[n])));
    let wang = store_rows.iter().find(|r| r[1] == "wang_yi").unwrap();
    assert_eq!(
        (wang[n + 1].as_str(), wang[n + 3].as_str()),
        ("Wang Yi", "CHN")
    );
}

#[test]
fn csv_output_is_a_directory_and_reruns_replace_its_files() {
    let f = ingested();
    std::fs::create_dir_all(&f.out).unwrap();
    let out = f.out.display().to_string();
    let export = |output: &str| {
        Command::new(env!("CARGO_BIN_EXE_dipgraph"))
            .args([
                "export", "--store", &f.store, "--format", "csv", "--output", output,
            ])
            .output()
            .unwrap()
    };
    // A second run over the first replaces the export's own files.
    assert!(export(&out).status.success());
    std::fs::write(f.out.join("edges.csv"), "stale").unwrap();
    assert!(export(&out).status.success());
    assert!(
        std::fs::read_to_string(f.out.join("edges.csv"))
            .unwrap()
            .starts_with("Source,")
    );
    // An existing file, or a new name that looks like one, is refused
    // with what to do instead ("File exists (os error 17)" before).
    let file = f.out.join("edges.csv").display().to_string();
    let refused = export(&file);
    assert_eq!(refused.status.code(), Some(2));
    let msg = String::from_utf8_lossy(&refused.stderr);
    assert!(
        msg.contains("that is a file") && msg.contains("give a directory"),
        "{msg}"
    );
    let one = f.out.join("new/graph.csv").display().to_string();
    let refused = export(&one);
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--format xlsx for one file"));
    assert!(!f.out.join("new").exists(), "nothing written");
}

#[test]
fn drawings_take_partial_dates_labels_and_a_publication_window_title() {
    let f = ingested();
    let dot = |extra: &[&str]| {
        let mut args = vec!["export", "--store", &f.store, "--format", "dot"];
        args.extend(extra);
        String::from_utf8(dipgraph(&args).stdout).unwrap()
    };
    // The samples were published 2020-11-26 … 2024-02-07 (UTC); an event dated
    // 2020 (a year) would otherwise open the title's period.
    let all = dot(&[]);
    let title = all
        .lines()
        .find(|l| l.contains("label=\"dipgraph"))
        .unwrap();
    assert!(
        title.contains("articles 2020-11-26 – 2024-02-07 · all events but background"),
        "{title}"
    );
    // --since takes a month, from its first day to --until's last.
    let nov = dot(&["--since", "2020-11", "--until", "2020-11"]);
    assert!(nov.contains("since=2020-11-01 until=2020-11-30"), "{nov}");
    // Chinese names, and a legend row saying what size means.
    let zh = dot(&["--labels", "zh"]);
    assert!(zh.contains("label=\"王毅\""), "{zh}");
    assert!(zh.contains("Size: PageRank"));
    let both = dot(&["--labels", "both"]);
    assert!(both.contains("label=\"Wang Yi\\n王毅\""), "{both}");
    // An impossible date is refused with the reason.
    let bad = Command::new(env!("CARGO_BIN_EXE_dipgraph"))
        .args([
            "export",
            "--store",
            &f.store,
            "--format",
            "dot",
            "--since",
            "2020-13-01",
        ])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    let msg = String::from_utf8_lossy(&bad.stderr);
    assert!(msg.contains("there is no month 13"), "{msg}");
}

#[test]
fn graphml_dot_and_rdf_parse_back() {
    let f = ingested();
    std::fs::create_dir_all(&f.out).unwrap();
    let graphml = f.out.join("g.graphml").display().to_string();
    dipgraph(&[
        "export", "--store", &f.store, "--format", "graphml", "--output", &graphml,
    ]);
    let text = std::fs::read_to_string(&graphml).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let nodes = doc.descendants().filter(|n| n.has_tag_name("node")).count();
    let edges = doc.descendants().filter(|n| n.has_tag_name("edge")).count();
    assert!(
        nodes >= 10 && edges >= nodes,
        "{nodes} nodes, {edges} edges"
    );
    assert!(text.contains("王毅"));

    let dot = dipgraph(&["export", "--store", &f.store, "--format", "dot"]).stdout;
    let dot = String::from_utf8(dot).unwrap();
    graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("DOT does not parse: {e}"));
    assert!(dot.contains("Wang Yi") && dot.contains("cluster_legend"));

    let filtered = dipgraph(&[
        "export",
        "--store",
        &f.store,
        "--format",
        "dot",
        "--relation",
        "call",
    ])
    .stdout;
    let filtered = String::from_utf8(filtered).unwrap();
    assert!(
        filtered.contains("relation=call"),
        "the title names the filter"
    );

    for (format, file) in [("nquads", "dump.nq"), ("turtle", "dump.ttl")] {
        let path = f.out.join(file).display().to_string();
        dipgraph(&[
            "export", "--store", &f.store, "--format", format, "--output", &path,
        ]);
        let rdf_format = if format == "nquads" {
            oxigraph::io::RdfFormat::NQuads
        } else {
            oxigraph::io::RdfFormat::Turtle
        };
        let quads = oxigraph::io::RdfParser::from_format(rdf_format)
            .for_slice(&std::fs::read(&path).unwrap())
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        assert!(quads.len() > 5000, "{format}: {}", quads.len());
    }
}

#[test]
fn drawings_are_rendered() {
    let f = ingested();
    std::fs::create_dir_all(&f.out).unwrap();
    for (format, magic) in [("svg", &b"<?xml"[..]), ("png", &b"\x89PNG"[..])] {
        let path = f.out.join(format!("graph.{format}"));
        dipgraph(&[
            "export",
            "--store",
            &f.store,
            "--format",
            format,
            "--output",
            &path.display().to_string(),
        ]);
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(magic), "{format}");
    }
}

#[test]
fn metrics_are_recorded_in_the_store_and_read_from_edge_lists() {
    let f = ingested();
    let out = dipgraph(&[
        "metrics", "--store", &f.store, "--format", "json", "--top", "3",
    ])
    .stdout;
    let rows: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 3);
    assert_eq!(rows[0]["id"], "wang_yi");
    let central = dipgraph(&[
        "query",
        "--store",
        &f.store,
        "--file",
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("queries/central_actors.rq")
            .display()
            .to_string(),
        "--format",
        "csv",
    ])
    .stdout;
    let central = String::from_utf8(central).unwrap();
    assert!(central.contains("wang_yi"), "{central}");

    let edges = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/random_graph/edges.csv")
        .display()
        .to_string();
    let out = dipgraph(&["metrics", "--edges", &edges, "--format", "csv"]).stdout;
    let mut r = csv::Reader::from_reader(out.as_slice());
    assert!(r.records().count() > 250);
}
