//! Compiles the web explorer's files (`web/src/`, and the JavaScript
//! libraries `make web` copies into `web/vendor/`) and the canned queries
//! (`queries/*.rq`) into the binary, so `dipgraph serve` needs no files at
//! run time. Cargo cannot see new files behind `include_bytes!`, so the
//! list is generated here and the directories are watched.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            files(&p, out);
        } else if p.is_file() {
            out.push(p);
        }
    }
}

/// `pub static NAME: &[(&str, &[u8])]` over the files of `dir`, keyed by
/// their path relative to `dir` with `/` separators.
fn table(name: &str, dir: &Path, keep: impl Fn(&Path) -> bool, code: &mut String) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut found = Vec::new();
    files(dir, &mut found);
    writeln!(code, "pub static {name}: &[(&str, &[u8])] = &[").unwrap();
    for path in found.into_iter().filter(|p| keep(p)) {
        let key = path
            .strip_prefix(dir)
            .expect("under dir")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        writeln!(
            code,
            "    ({key:?}, include_bytes!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    writeln!(code, "];").unwrap();
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let mut code = String::new();
    table("WEB_PAGE", &root.join("web/src"), |_| true, &mut code);
    table(
        "WEB_VENDOR",
        &root.join("web/vendor"),
        |p| p.file_name().is_none_or(|n| n != ".gitkeep"),
        &mut code,
    );
    table(
        "QUERIES",
        &root.join("queries"),
        |p| p.extension().is_some_and(|e| e == "rq"),
        &mut code,
    );
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("embedded.rs");
    std::fs::write(out, code).expect("write embedded.rs");
}
