//! The bulk path for archives too big for one machine: each machine
//! extracts its shard of the archive to N-Quads (`dipgraph extract
//! --format nquads --shard I/N`), any store's bulk loader loads the files,
//! and one final `dipgraph fold-events` writes the ontology and registry
//! graphs and folds every stored report into events. The result is the
//! store a single `dipgraph ingest` of the whole archive makes.

use crate::article::ReadSummary;
use crate::extract::registry::Registry;
use crate::ingest::{IngestOptions, IngestProgress, read_batches};
use crate::rdf::{self, dip};
use crate::store::{Backend, StoreError, StoreStats};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::NamedNode;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

/// What `extract --format nquads` wrote.
#[derive(Debug, Default, Clone)]
pub struct NquadsSummary {
    pub counts: ReadSummary,
    pub quads: usize,
    pub seconds: f64,
}

impl std::fmt::Display for NquadsSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let failed: usize = self.counts.failed.values().sum();
        write!(
            f,
            "articles read {} ok {} failed {}; quads written {}; {:.2} s",
            self.counts.read, self.counts.ok, failed, self.quads, self.seconds
        )
    }
}

/// Writes each article's graph (the article, its reports, the actors the
/// registry lacks) as N-Quads, exactly the quads `ingest` stores for it.
/// Files that fail are reported to `progress` and skipped; the error is
/// `out`'s (a full disk, a closed pipe).
pub fn extract_nquads(
    paths: &[PathBuf],
    options: &IngestOptions,
    progress: &impl IngestProgress,
    out: impl Write,
) -> std::io::Result<NquadsSummary> {
    let start = Instant::now();
    let mut summary = NquadsSummary::default();
    let mut serializer = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(out);
    read_batches(paths, options, progress, &mut summary.counts, |batch| {
        for (article, reports) in &batch {
            for q in rdf::article_quads(article, reports) {
                serializer.serialize_quad(&q)?;
                summary.quads += 1;
            }
        }
        Ok::<(), std::io::Error>(())
    })?;
    serializer.finish()?.flush()?;
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}

/// What `fold-events` did.
#[derive(Debug, Default, Clone)]
pub struct FoldSummary {
    /// Article graphs dropped because a later file had the same url.
    pub superseded: usize,
    pub events: usize,
    pub store: StoreStats,
    pub seconds: f64,
}

impl std::fmt::Display for FoldSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "events folded {} (superseded articles dropped {})\n{}; {:.2} s",
            self.events, self.superseded, self.store, self.seconds
        )
    }
}

/// Finishes a sharded ingest or a bulk load: writes the static graphs if
/// they are missing or old, settles articles stored under two file names
/// with one url, and re-derives the events graph from every report.
/// Idempotent: a second run changes nothing.
pub fn fold_events(store: &dyn Backend) -> Result<FoldSummary, StoreError> {
    let start = Instant::now();
    store.write_static_graphs(Registry::builtin())?;
    let superseded = superseded_graphs(store)?;
    if !superseded.is_empty() {
        store.drop_graphs(&superseded)?;
    }
    let events = store.rebuild_events()?;
    store.flush()?;
    Ok(FoldSummary {
        superseded: superseded.len(),
        events,
        store: store.stats()?,
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// Article graphs that share their url with an article whose file name
/// sorts later (then: whose path does). A single ingest keeps the last
/// file it reads with a url (files are read in path order; for one
/// directory, file name order), so these are the ones it would have
/// replaced; shards and bulk loads keep them all until this settles them.
/// An article read from several files (the same bytes) sorts by the last.
fn superseded_graphs(store: &dyn Backend) -> Result<Vec<NamedNode>, StoreError> {
    let rows = store.select_named(&format!(
        "SELECT ?url ?g ?file ?path WHERE {{
           {{ SELECT ?url WHERE {{ GRAPH ?h {{ ?x <{schema}url> ?url }} }}
              GROUP BY ?url HAVING (COUNT(DISTINCT ?h) > 1) }}
           GRAPH ?g {{
             ?a a <{article}> ; <{schema}url> ?url ; <{file}> ?file .
             OPTIONAL {{ ?a <{path}> ?path }}
           }}
         }}",
        schema = rdf::SCHEMA,
        article = dip("Article").as_str(),
        file = dip("fileName").as_str(),
        path = dip("sourcePath").as_str(),
    ))?;
    // url → graph → its last (file name, path).
    type Last = (String, Option<String>);
    let mut by_url: BTreeMap<String, BTreeMap<String, Last>> = BTreeMap::new();
    for r in rows {
        if let (Some(url), Some(g), Some(file)) = (&r[0], &r[1], &r[2]) {
            let last = (file.clone(), r[3].clone());
            let held = by_url
                .entry(url.clone())
                .or_default()
                .entry(g.clone())
                .or_insert_with(|| last.clone());
            if last > *held {
                *held = last;
            }
        }
    }
    let mut superseded = Vec::new();
    for (_, holders) in by_url {
        let mut holders: Vec<(Last, String)> =
            holders.into_iter().map(|(g, last)| (last, g)).collect();
        holders.sort();
        holders.pop();
        superseded.extend(
            holders
                .into_iter()
                .map(|(_, g)| NamedNode::new_unchecked(g)),
        );
    }
    Ok(superseded)
}
