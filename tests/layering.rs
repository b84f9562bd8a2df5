//! The library's top-level modules import each other in layers, never in
//! a circle, and `model` (the shared vocabulary) imports nothing of
//! dipgraph: README's Layout section says which module stands on which.
//! Read from the sources: every `crate::NAME` outside comments, tests
//! included, counts as an import of NAME.

use crate::common::root;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The binary's files, which may use any module of the library.
const BINARY: [&str; 3] = ["main", "cli", "commands"];

/// Top-level module → the top-level modules it names.
fn imports(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut imports: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in walk(src) {
        let rel = entry.strip_prefix(src).unwrap();
        let first = rel.components().next().unwrap().as_os_str();
        let module = first.to_string_lossy().trim_end_matches(".rs").to_string();
        if module == "lib" || BINARY.contains(&module.as_str()) {
            continue;
        }
        let text: String = std::fs::read_to_string(&entry)
            .unwrap()
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let named = imports.entry(module.clone()).or_default();
        for (i, _) in text.match_indices("crate::") {
            for n in first_names(&text[i + "crate::".len()..]) {
                if n != module {
                    named.insert(n.to_string());
                }
            }
        }
    }
    imports
}

/// The first name of a path (`store::GraphStore` → `store`), or of each
/// path in a list (`{rdf::{self, dip}, store}` → `rdf`, `store`).
fn first_names(path: &str) -> Vec<&str> {
    let ident = |s: &str| -> usize {
        s.find(|c: char| !c.is_alphanumeric() && c != '_')
            .unwrap_or(s.len())
    };
    let Some(list) = path.strip_prefix('{') else {
        return vec![&path[..ident(path)]];
    };
    let (mut names, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in list.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                names.push(&list[start..i]);
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                names.push(&list[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    names
        .into_iter()
        .map(str::trim)
        .map(|n| &n[..ident(n)])
        .filter(|n| !n.is_empty())
        .collect()
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else if path.extension().is_some_and(|x| x == "rs") {
            files.push(path);
        }
    }
    files
}

/// A circle through `from`, if any (depth-first; `path` the way so far).
fn circle(
    imports: &BTreeMap<String, BTreeSet<String>>,
    from: &str,
    path: &mut Vec<String>,
    done: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    if let Some(i) = path.iter().position(|m| m == from) {
        let mut found = path[i..].to_vec();
        found.push(from.to_string());
        return Some(found);
    }
    if !done.insert(from.to_string()) {
        return None;
    }
    path.push(from.to_string());
    for next in imports.get(from).into_iter().flatten() {
        if let Some(c) = circle(imports, next, path, done) {
            return Some(c);
        }
    }
    path.pop();
    None
}

#[test]
fn top_level_modules_import_each_other_in_layers() {
    let imports = imports(&root().join("src"));
    assert!(imports.len() > 10, "modules found: {:?}", imports.keys());
    assert_eq!(
        imports["model"],
        BTreeSet::new(),
        "model imports nothing of dipgraph"
    );
    assert!(
        imports["store"].contains("rdf"),
        "the reading sees imports: {imports:?}"
    );
    let mut done = BTreeSet::new();
    for module in imports.keys() {
        let found = circle(&imports, module, &mut Vec::new(), &mut done);
        assert_eq!(found, None, "a circle of imports");
    }
}

#[test]
fn imports_are_read_from_paths_and_lists() {
    assert_eq!(first_names("store::GraphStore;"), ["store"]);
    assert_eq!(
        first_names("{rdf::{self, dip},\n    store::{Backend, StoreError},\n};"),
        ["rdf", "store"]
    );
}

#[test]
fn a_circle_is_found() {
    let imports: BTreeMap<String, BTreeSet<String>> = [
        ("rdf", vec!["model"]),
        ("graph", vec!["store"]),
        ("store", vec!["rdf"]),
        ("model", vec![]),
    ]
    .into_iter()
    .map(|(m, to)| (m.to_string(), to.into_iter().map(String::from).collect()))
    .collect();
    let mut done = BTreeSet::new();
    assert_eq!(circle(&imports, "graph", &mut Vec::new(), &mut done), None);
    let mut with_circle = imports.clone();
    with_circle.get_mut("rdf").unwrap().insert("graph".into());
    let found = circle(&with_circle, "graph", &mut Vec::new(), &mut BTreeSet::new());
    assert_eq!(
        found,
        Some(vec![
            "graph".to_string(),
            "store".into(),
            "rdf".into(),
            "graph".into()
        ])
    );
}
