//! Parse and extraction throughput on one thread, over the 3,000-article
//! corpus (or any directory given as the first argument). Prints figures;
//! asserts nothing. Run with `make bench-extract`.

use dipgraph::article::{find_article_files, parse};
use dipgraph::extract::classifier::BUNDLED;
use dipgraph::extract::{Decider, extract, extract_by};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../shared/corpus/news"
            ))
        });
    let (files, _) = find_article_files(std::slice::from_ref(&dir));
    let blobs: Vec<(PathBuf, Vec<u8>)> = files
        .into_iter()
        .filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b)))
        .collect();
    let bytes: usize = blobs.iter().map(|(_, b)| b.len()).sum();

    let t = Instant::now();
    let articles: Vec<_> = blobs.iter().filter_map(|(p, b)| parse(p, b).ok()).collect();
    let parse_s = t.elapsed().as_secs_f64();
    let sentences: usize = articles.iter().map(|a| a.sentences.len()).sum();

    // Warm the lexicon automaton outside the timing.
    if let Some(a) = articles.first() {
        extract(a);
    }
    let t = Instant::now();
    let interactions: usize = articles.iter().map(|a| extract(a).len()).sum();
    let extract_s = t.elapsed().as_secs_f64();

    // The learned decision: every candidate pair scored by the bundled model.
    let decider = Decider::model(&BUNDLED);
    let t = Instant::now();
    let modelled: usize = articles
        .iter()
        .map(|a| extract_by(a, decider, None).len())
        .sum();
    let model_s = t.elapsed().as_secs_f64();

    println!(
        "input: {} ({} files, {:.1} MB)",
        dir.display(),
        blobs.len(),
        bytes as f64 / 1e6
    );
    println!(
        "parse (1 thread):   {:>8.0} articles/s {:>8.1} MB/s  ({:.2} s)",
        articles.len() as f64 / parse_s,
        bytes as f64 / 1e6 / parse_s,
        parse_s
    );
    println!(
        "extract (1 thread): {:>8.0} articles/s {:>8.0} sentences/s  ({:.2} s, {} interactions)",
        articles.len() as f64 / extract_s,
        sentences as f64 / extract_s,
        extract_s,
        interactions
    );
    println!(
        "extract, model (1 thread): {:>8.0} articles/s {:>8.0} sentences/s  ({:.2} s, {} interactions)",
        articles.len() as f64 / model_s,
        sentences as f64 / model_s,
        model_s,
        modelled
    );
}
