//! The exports opened by the programs researchers use: networkx reads the
//! GraphML (it refused mixed directed/undirected edges before) and
//! openpyxl reads the workbook with codes and ids as text. Both come from
//! PyPI into a venv `make export-readers` makes (as `make test` does);
//! point EXPORT_READERS_PYTHON at another Python with both installed.
//! Missing is a failure, not a skip: these readers are the point.

use crate::common::root;
use std::path::PathBuf;
use std::process::Command;

fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("EXPORT_READERS_PYTHON") {
        return PathBuf::from(p);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    let bin = target.join("export-readers-venv/bin/python");
    assert!(
        bin.exists(),
        "networkx and openpyxl are not installed at {}: run `make export-readers` (it pip-installs them into that venv), or set EXPORT_READERS_PYTHON",
        bin.display()
    );
    bin
}

fn dipgraph(args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_dipgraph"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "dipgraph {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn networkx_and_openpyxl_read_the_exports() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store").display().to_string();
    let samples = root().join("data/samples").display().to_string();
    dipgraph(&["ingest", &samples, "--store", &store]);
    let graphml = dir.path().join("g.graphml").display().to_string();
    let xlsx = dir.path().join("d.xlsx").display().to_string();
    dipgraph(&[
        "export", "--store", &store, "--format", "graphml", "--labels", "both", "--output",
        &graphml,
    ]);
    dipgraph(&[
        "export", "--store", &store, "--format", "xlsx", "--output", &xlsx,
    ]);
    let out = Command::new(python())
        .arg(root().join("scripts/check_exports.py"))
        .args([&graphml, &xlsx])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seen: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let g = &seen["graphml"];
    // The same graph dipgraph wrote: every node, every edge.
    let text = std::fs::read_to_string(&graphml).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let count = |tag: &str| doc.descendants().filter(|n| n.has_tag_name(tag)).count();
    assert_eq!(g["nodes"], count("node"));
    assert_eq!(g["edges"], count("edge"));
    assert!(g["directed"].as_u64().unwrap() > 0 && g["undirected"].as_u64().unwrap() > 0);
    assert!(g["parallel_pairs"].as_u64().unwrap() > 0, "{g}");
    assert_eq!(g["labels"]["wang_yi"], "Wang Yi 王毅");
    let x = &seen["xlsx"];
    assert_eq!(
        x["sheets"],
        serde_json::json!(["interactions", "events", "nodes", "edges", "centrality"])
    );
    assert!(x["events"].as_u64().unwrap() > 30, "{x}");
    assert!(x["cameo_with_leading_zero"].as_u64().unwrap() > 0, "{x}");
}
