//! Articles on disk → the store: read, extract (in parallel with rayon) and
//! write in batches, each batch one transaction; then re-derive events.
//! The store is the embedded one or a remote SPARQL store ([`Backend`]);
//! with a [`Shard`], only that share of the files is read and events are
//! left for `dipgraph fold-events` once every shard is in.

use crate::article::{self, Article, ArticleError, ReadSummary};
use crate::extract::{self, registry::Registry};
use crate::model::Interaction;
use crate::shard::Shard;
use crate::store::{Backend, IngestRun, StoreError, StoreStats};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Articles per transaction: big enough to amortise the commit, small
/// enough that an interruption loses little work.
pub const DEFAULT_BATCH: usize = 256;

/// Bytes of files per batch: a batch also closes once its files hold this
/// much (a file larger than this is a batch of its own). A batch's articles
/// and extractions are held in memory together, and the next batch is read
/// while one is written, so memory grew with the bytes of a batch (six 60 MB
/// files in one batch took 2.2 GB); this bounds it whatever the files are
/// (each is at most [`article::MAX_FILE_BYTES`]). The corpus's posts average
/// 7 KB: its batches still close at 256 files.
pub const BATCH_BYTES: u64 = 16 << 20;

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
    /// Files whose content another file of the run holds (stored once).
    pub duplicates: usize,
    /// Files holding an older version of an article (same url) that a
    /// file read later in the run replaces.
    pub superseded: usize,
    /// Reports written by this run.
    pub reports: usize,
    /// The whole store after the run.
    pub store: StoreStats,
    pub seconds: f64,
    /// Of `seconds`: writing articles to the store (overlapping the next
    /// batch's extraction), and re-deriving events.
    pub write_seconds: f64,
    pub fold_seconds: f64,
    /// A sharded run leaves events to `dipgraph fold-events`.
    pub events_pending: bool,
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
            "; added {} replaced {} unchanged {}; reports written {}; duplicates {} superseded {}\n{}; {:.2} s",
            self.added,
            self.replaced,
            self.unchanged,
            self.reports,
            self.duplicates,
            self.superseded,
            self.store,
            self.seconds
        )?;
        write!(
            f,
            "\ntime: store writes {:.2} s (while the next batch is extracted), events {:.2} s",
            self.write_seconds, self.fold_seconds
        )?;
        if self.events_pending {
            write!(
                f,
                "\nevents not folded (sharded ingest): run `dipgraph fold-events` once every shard is in"
            )?;
        }
        Ok(())
    }
}

/// Callbacks of a running ingest (a progress bar, error lines).
pub trait IngestProgress: Sync {
    /// The files to read are known.
    fn found(&self, _files: usize) {}
    /// A file failed and is skipped.
    fn error(&self, error: &ArticleError);
    /// A file was read, passing over something (see [`Article::warnings`]).
    fn warning(&self, _path: &Path, _warning: &str) {}
    /// A file was read (or failed).
    fn done(&self) {}
}

/// How to ingest.
#[derive(Debug, Clone, Copy)]
pub struct IngestOptions {
    /// Articles per batch (one transaction on the embedded store).
    pub batch: usize,
    /// Only this share of the files; events are then not folded.
    pub shard: Option<Shard>,
}

/// Ingests every article under `paths`. Bad files are reported to
/// `progress` and skipped.
///
/// The path of the data, from files to answers: open a store, ingest, query.
///
/// ```
/// use dipgraph::article::ArticleError;
/// use dipgraph::ingest::{IngestProgress, ingest};
/// use dipgraph::store::{Backend, GraphStore};
/// use std::path::Path;
///
/// /// Bad files would be named here; the samples have none.
/// struct FailOnBadFiles;
/// impl IngestProgress for FailOnBadFiles {
///     fn error(&self, error: &ArticleError) {
///         panic!("{error}");
///     }
/// }
///
/// let dir = tempfile::tempdir().unwrap();
/// let store = GraphStore::open(&dir.path().join("store")).unwrap();
/// let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
/// let first = ingest(&store, &[samples.clone()], 256, &FailOnBadFiles).unwrap();
/// assert_eq!((first.read, first.added, first.store.articles), (5, 5, 5));
/// assert!(first.store.events > 0 && first.store.events <= first.reports);
///
/// // The same files again: every article is stored already, nothing is written.
/// let again = ingest(&store, &[samples], 256, &FailOnBadFiles).unwrap();
/// assert_eq!((again.added, again.unchanged, again.reports), (0, 5, 0));
///
/// // Who met Kang Kyung-wha, and when (the default graph is the union of all graphs).
/// let rows = store
///     .select(
///         "PREFIX dip: <https://w3id.org/dipgraph/ontology#>
///          PREFIX actor: <https://w3id.org/dipgraph/actor/>
///          SELECT DISTINCT ?partner ?date WHERE {
///            ?event a dip:Interaction ; dip:relation \"meet\" ; dip:date ?date ;
///                   dip:subject|dip:object actor:kang_kyung_wha, ?partner .
///            FILTER(?partner != actor:kang_kyung_wha)
///          }",
///     )
///     .unwrap();
/// // Wang Yi, on the day of the more confident of the two outlets' reports
/// // (26日; 25日深夜抵达…并与…会面: a tie, the model's to break).
/// let wang_yi = "https://w3id.org/dipgraph/actor/wang_yi".to_string();
/// assert!(["2020-11-25", "2020-11-26"]
///     .iter()
///     .any(|d| rows.contains(&vec![Some(wang_yi.clone()), Some(d.to_string())])));
/// ```
pub fn ingest(
    store: &dyn Backend,
    paths: &[PathBuf],
    batch_size: usize,
    progress: &impl IngestProgress,
) -> Result<IngestSummary, StoreError> {
    let options = IngestOptions {
        batch: batch_size,
        shard: None,
    };
    ingest_with(store, paths, &options, progress)
}

/// [`ingest`] with options (a shard).
pub fn ingest_with(
    store: &dyn Backend,
    paths: &[PathBuf],
    options: &IngestOptions,
    progress: &impl IngestProgress,
) -> Result<IngestSummary, StoreError> {
    let start = Instant::now();
    let mut summary = IngestSummary::default();
    store.write_static_graphs(Registry::builtin())?;
    let mut counts = ReadSummary::default();
    let files = find_files(paths, options, progress, &mut counts);
    // A stored version of an article read from a file this run reads later
    // (still holding it) stays: that file wins, as in the run that stored it.
    let later = |current: &Path, stored: &str, hash: &str| {
        let stored = Path::new(stored);
        stored > current
            && files.binary_search_by(|f| f.as_path().cmp(stored)).is_ok()
            && std::fs::read(stored).is_ok_and(|bytes| hex::encode(Sha256::digest(bytes)) == hash)
    };
    // Shards run in any order on any machine, so a url held by two files
    // is settled by fold-events, not by which came last.
    let mut run = IngestRun::new(options.shard.is_none()).with_later(&later);
    read_files(&files, options, progress, &mut counts, |batch| {
        let writing = Instant::now();
        store.write_articles(&batch, &mut run)?;
        summary.write_seconds += writing.elapsed().as_secs_f64();
        Ok::<(), StoreError>(())
    })?;
    summary.added = run.counts.added;
    summary.replaced = run.counts.replaced;
    summary.unchanged = run.counts.unchanged;
    summary.duplicates = run.counts.duplicates;
    summary.superseded = run.counts.superseded;
    summary.reports = run.counts.reports;
    summary.read = counts.read;
    summary.ok = counts.ok;
    summary.failed = counts.failed;
    if options.shard.is_some() {
        summary.events_pending = store.events_stale()?;
    } else if store.events_stale()? {
        let folding = Instant::now();
        store.rebuild_events()?;
        summary.fold_seconds = folding.elapsed().as_secs_f64();
    }
    store.flush()?;
    summary.store = store.stats()?;
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}

/// Reads and extracts the articles under `paths` (the shard's only), a
/// batch at a time in parallel, and hands each batch to `each` in file
/// order. Bad files are reported to `progress` and counted.
pub fn read_batches<E>(
    paths: &[PathBuf],
    options: &IngestOptions,
    progress: &impl IngestProgress,
    counts: &mut ReadSummary,
    each: impl FnMut(Vec<(Article, Vec<Interaction>)>) -> Result<(), E>,
) -> Result<(), E> {
    let files = find_files(paths, options, progress, counts);
    read_files(&files, options, progress, counts, each)
}

/// The article files under `paths` (the shard's only), sorted; the paths
/// that cannot be walked are reported to `progress` and counted.
pub fn find_files(
    paths: &[PathBuf],
    options: &IngestOptions,
    progress: &impl IngestProgress,
    counts: &mut ReadSummary,
) -> Vec<PathBuf> {
    let (mut files, mut errors) = article::find_article_files(paths);
    if let Some(shard) = options.shard {
        files.retain(|f| shard.contains(f));
        // A wrong path on the command line is every shard's problem.
        errors.retain(|e| e.error.is_bad_input() || shard.contains(&e.path));
    }
    *counts = ReadSummary::found(&files, &errors);
    progress.found(files.len());
    for e in &errors {
        progress.error(e);
    }
    files
}

/// Reads and extracts `files` ([`find_files`]), a batch at a time in
/// parallel, and hands each batch to `each` in file order. Bad files are
/// reported to `progress` and counted.
pub fn read_files<E>(
    files: &[PathBuf],
    options: &IngestOptions,
    progress: &impl IngestProgress,
    counts: &mut ReadSummary,
    mut each: impl FnMut(Vec<(Article, Vec<Interaction>)>) -> Result<(), E>,
) -> Result<(), E> {
    // The next batch is read and extracted (on rayon's threads) while this
    // one is handed to `each` (a store write), so the cores do not idle
    // during writes. `each` stays on this thread: it need not be `Send`.
    let read_chunk = |chunk: &[PathBuf]| -> Vec<Result<(Article, Vec<Interaction>), ArticleError>> {
        chunk
            .par_iter()
            .map(|path| {
                let r = article::read_file(path).map(|a| {
                    let interactions = extract::extract(&a);
                    (a, interactions)
                });
                progress.done();
                r
            })
            .collect()
    };
    let chunks = batches(files, options.batch, BATCH_BYTES);
    std::thread::scope(|scope| {
        let mut next = chunks.first().map(|&c| scope.spawn(move || read_chunk(c)));
        for i in 0..chunks.len() {
            let reading = next.take().expect("a reader per chunk");
            let results = reading
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            next = chunks
                .get(i + 1)
                .map(|&c| scope.spawn(move || read_chunk(c)));
            let mut batch = Vec::with_capacity(results.len());
            for r in results {
                match r {
                    Ok(item) => {
                        for w in &item.0.warnings {
                            progress.warning(&item.0.path, w);
                        }
                        batch.push(item)
                    }
                    Err(e) => {
                        progress.error(&e);
                        counts.count_failure(&e);
                    }
                }
            }
            counts.ok += batch.len();
            each(batch)?;
        }
        Ok(())
    })
}

/// Splits `files` into batches of at most `max_files` files and, unless a
/// file alone is larger, `max_bytes` bytes (sizes as the file system gives
/// them; a file it cannot stat counts 0 and fails when it is read).
pub fn batches(files: &[PathBuf], max_files: usize, max_bytes: u64) -> Vec<&[PathBuf]> {
    let max_files = max_files.max(1);
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for (i, f) in files.iter().enumerate() {
        let size = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
        if i > start && (i - start == max_files || bytes.saturating_add(size) > max_bytes) {
            out.push(&files[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes = bytes.saturating_add(size);
    }
    if start < files.len() {
        out.push(&files[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_close_at_a_count_of_files_or_of_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str, len: u64| {
            let p = dir.path().join(name);
            std::fs::File::create(&p).unwrap().set_len(len).unwrap();
            p
        };
        let sizes =
            |batches: Vec<&[PathBuf]>| -> Vec<usize> { batches.iter().map(|b| b.len()).collect() };
        // Small files: by count.
        let small: Vec<PathBuf> = (0..10).map(|i| file(&format!("s{i}.txt"), 100)).collect();
        assert_eq!(sizes(batches(&small, 4, 1 << 20)), [4, 4, 2]);
        assert_eq!(sizes(batches(&small, 0, 1 << 20)), [1; 10]);
        // Big files: by bytes; one larger than the bound is a batch alone.
        let big = vec![
            file("a.txt", 600),
            file("b.txt", 300),
            file("c.txt", 200),
            file("d.txt", 5000),
            file("e.txt", 100),
            dir.path().join("missing.txt"),
        ];
        assert_eq!(sizes(batches(&big, 256, 1000)), [2, 1, 1, 2]);
        assert!(batches(&[], 256, 1000).is_empty());
    }
}
