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
    assert_eq!(&nodes_header[..4], ["Id", "Label", "Type", "label_zh"]);
    assert!(nodes_header.contains(&"pagerank".to_string()));
    assert!(
        nodes
            .iter()
            .any(|n| n[0] == "wang_yi" && n[1] == "Wang Yi" && n[3] == "王毅")
    );

    let (edges_header, edges) = read_csv(&f.out.join("edges.csv"));
    assert_eq!(
        edges_header,
        [
            "Source",
            "Target",
            "Type",
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
        .find(|e| e[4] == "meet" && [&e[0], &e[1]].contains(&&"kang_kyung_wha".to_string()))
        .expect("the Wang Yi–Kang talks");
    assert_eq!(talks[3], "1", "one event, though two articles report it");

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
    let reports = e_header.iter().position(|c| c == "reports").unwrap();
    assert!(events.iter().any(|e| e[reports] == "2"));

    // The store's interactions.csv is extract's, row for row.
    let extracted = dipgraph(&["extract", &samples()]).stdout;
    let mut a = csv::Reader::from_reader(extracted.as_slice());
    let mut b = csv::Reader::from_path(f.out.join("interactions.csv")).unwrap();
    assert_eq!(a.headers().unwrap(), b.headers().unwrap());
    let key = |r: csv::StringRecord| -> Vec<String> {
        // Gold columns, location, codes, confidence, urls, types.
        r.iter().map(String::from).collect()
    };
    let mut from_extract: Vec<Vec<String>> = a.records().map(|r| key(r.unwrap())).collect();
    let mut from_store: Vec<Vec<String>> = b.records().map(|r| key(r.unwrap())).collect();
    from_extract.sort();
    from_store.sort();
    assert_eq!(from_store, from_extract);
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
