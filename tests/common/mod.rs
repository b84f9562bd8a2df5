//! Fixtures the integration tests share (`crate::common`): the repository's
//! root, the shared corpus beside the clone, and a small actor graph.

use dipgraph::graph::model::{ActorGraph, Edge, Node};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The repository's root, where Cargo.toml is.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/corpus/NAME` beside the clone (`news`: the 3,000 posts;
/// `train`: the annotated training pool) when it is there. A user's clone
/// has no `../shared`: then `None`, after one line on stderr naming the test
/// that is skipped (libtest runs each test on a thread of its name). Under
/// `CI=true` the corpus must be there, and its absence fails the test.
pub fn shared_corpus(name: &str) -> Option<PathBuf> {
    let dir = root().join("../shared/corpus").join(name);
    if dir.is_dir() {
        return Some(dir);
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    assert!(
        !ci,
        "{} is missing: under CI=true the shared corpus must be beside the repo",
        dir.display()
    );
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("a test");
    // Written to the stream itself: libtest hides what `eprintln!` prints
    // in a test that passes.
    let _ = writeln!(
        std::io::stderr(),
        "skipped {test}: {} is not beside this clone",
        dir.display()
    );
    None
}

pub const NASTY_ID: &str = "we\"ird\\id {x}; a=b";
pub const NASTY_LABEL: &str = "Quote \" back\\slash \\N 王毅 <b>AT&T end\\";

pub fn node(id: &str, en: &str, zh: &str, kind: &str) -> Node {
    Node {
        id: id.into(),
        label_en: en.into(),
        label_zh: zh.into(),
        kind: kind.into(),
    }
}

pub fn edge(relation: &str, weight: f64, first: Option<&str>, last: Option<&str>) -> Edge {
    Edge {
        relation: relation.into(),
        weight,
        first_date: first.map(Into::into),
        last_date: last.map(Into::into),
        directed: relation
            .parse::<dipgraph::model::Relation>()
            .is_ok_and(|r| r.directed()),
    }
}

/// Six actors: a hub (Wang Yi), three states, an org with a nasty id and
/// label, and a leaf; a parallel meet + call pair.
pub fn sample() -> ActorGraph {
    let mut g = ActorGraph::new();
    g.add_node(node("wang_yi", "Wang Yi", "王毅", "person"));
    g.add_node(node("kang", "Kang Kyung-wha", "康京和", "person"));
    g.add_node(node("CHN", "China", "中国", "state"));
    g.add_node(node("KOR", "South Korea", "韩国", "state"));
    g.add_node(node("USA", "United States", "美国", "state"));
    g.add_node(node(NASTY_ID, NASTY_LABEL, "联合国\"", "org"));
    g.add_edge(
        "wang_yi",
        "kang",
        edge("meet", 3.0, Some("2020-01-05"), Some("2020-11-26")),
    );
    g.add_edge(
        "wang_yi",
        "kang",
        edge("call", 5.0, Some("2020-02"), Some("2020-09")),
    );
    g.add_edge(
        "wang_yi",
        "KOR",
        edge("visit", 1.0, Some("2020-11-25"), None),
    );
    g.add_edge("wang_yi", "USA", edge("criticize", 6.0, None, None));
    g.add_edge(
        "CHN",
        "KOR",
        edge("cooperate", 4.0, Some("2020"), Some("2023")),
    );
    g.add_edge(
        "CHN",
        NASTY_ID,
        edge("support", 2.0, Some("2021-01-01"), Some("2021-06-30")),
    );
    g
}

pub fn dot_available() -> bool {
    let ok = std::process::Command::new("dot")
        .arg("-V")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        eprintln!("note: Graphviz `dot` is not on PATH; skipping rendering test");
    }
    ok
}
