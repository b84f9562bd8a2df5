//! Articles on disk → the store: read, extract (in parallel with rayon) and
//! write in batches, each batch one transaction; then re-derive events.

use crate::article::{self, ArticleError};
use crate::extract::{self, registry::Registry};
use crate::store::{GraphStore, StoreError, StoreStats};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

/// Articles per transaction: big enough to amortise the commit, small
/// enough that an interruption loses little work.
pub const DEFAULT_BATCH: usize = 256;

#[derive(Debug, Default, Clone)]
pub struct IngestSummary {
    /// Files found.
    pub read: usize,
    pub ok: usize,
    /// Failures by reason.
    pub failed: BTreeMap<&'static str, usize>,
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    /// Reports written by this run.
    pub reports: usize,
    /// The whole store after the run.
    pub store: StoreStats,
    pub seconds: f64,
}

impl std::fmt::Display for IngestSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let failed: usize = self.failed.values().sum();
        write!(
            f,
            "articles read {} ok {} failed {}",
            self.read, self.ok, failed
        )?;
        if failed > 0 {
            let reasons: Vec<String> = self
                .failed
                .iter()
                .map(|(r, n)| format!("{r}: {n}"))
                .collect();
            write!(f, " ({})", reasons.join(", "))?;
        }
        write!(
            f,
            "; added {} replaced {} unchanged {}; reports written {}\nstore: articles {} reports {} events {} actors {} triples {}; {:.2} s",
            self.added,
            self.replaced,
            self.unchanged,
            self.reports,
            self.store.articles,
            self.store.reports,
            self.store.events,
            self.store.actors,
            self.store.triples,
            self.seconds
        )
    }
}

/// Callbacks of a running ingest (a progress bar, error lines).
pub trait IngestProgress: Sync {
    /// The files to read are known.
    fn found(&self, _files: usize) {}
    /// A file failed and is skipped.
    fn error(&self, error: &ArticleError);
    /// A file was read (or failed).
    fn done(&self) {}
}

/// Ingests every article under `paths`. Bad files are reported to
/// `progress` and skipped.
pub fn ingest(
    store: &GraphStore,
    paths: &[PathBuf],
    batch_size: usize,
    progress: &impl IngestProgress,
) -> Result<IngestSummary, StoreError> {
    let start = Instant::now();
    let mut summary = IngestSummary::default();
    store.write_static_graphs(Registry::builtin())?;
    let (files, errors) = article::find_article_files(paths);
    summary.read = files.len() + errors.len();
    progress.found(files.len());
    for e in &errors {
        progress.error(e);
        *summary.failed.entry(e.error.reason()).or_default() += 1;
    }
    for chunk in files.chunks(batch_size.max(1)) {
        let results: Vec<_> = chunk
            .par_iter()
            .map(|path| {
                let r = article::read_file(path).map(|a| {
                    let interactions = extract::extract(&a);
                    (a, interactions)
                });
                progress.done();
                r
            })
            .collect();
        let mut batch = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(item) => batch.push(item),
                Err(e) => {
                    progress.error(&e);
                    *summary.failed.entry(e.error.reason()).or_default() += 1;
                }
            }
        }
        summary.ok += batch.len();
        let outcome = store.write_articles(&batch)?;
        summary.added += outcome.added;
        summary.replaced += outcome.replaced;
        summary.unchanged += outcome.unchanged;
        summary.reports += outcome.reports;
    }
    if store.events_stale()? {
        store.rebuild_events()?;
    }
    store.flush()?;
    summary.store = store.stats()?;
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}
