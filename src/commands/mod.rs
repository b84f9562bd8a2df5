//! One function per command (`run` in each file), and what several share:
//! standard output that notices its reader leaving, exit statuses, reading
//! articles with a progress bar, opening the store, loading the graph.

pub mod eval;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod metrics;
pub mod mine_names;
pub mod parse;
pub mod query;
pub mod serve;
pub mod train;

use crate::cli;
use anyhow::Result;
use dipgraph::{article, extract as extraction, graph, ingest as ingestion, store, store::remote};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set when a write to standard output found its reader gone
/// (`dipgraph query … | head -1`).
static READER_GONE: AtomicBool = AtomicBool::new(false);

/// Has standard output's reader gone away? Then whatever failed after it
/// did is no error: the reader has all it wanted.
pub fn reader_gone() -> bool {
    READER_GONE.load(Ordering::Relaxed)
}

/// An error and its causes on one line, as anyhow's `{:#}` writes them,
/// but a cause the line already ends with is not repeated: the library's
/// errors quote their source in their own message (`PATH: reason`) and
/// also hand it on as their source, which `{:#}` would print twice.
pub fn error_line(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if line.is_empty() {
            line = text;
        } else if !line.ends_with(&text) {
            line.push_str(": ");
            line.push_str(&text);
        }
    }
    line
}

/// Standard output, buffered. Every command writes its results here, so
/// that a closed pipe is noticed however deep in the library the write
/// that met it was.
pub fn stdout() -> BufWriter<Stdout> {
    BufWriter::new(Stdout(std::io::stdout().lock()))
}

/// Standard output, noting a broken pipe (see [`reader_gone`]).
pub struct Stdout(std::io::StdoutLock<'static>);

impl Stdout {
    fn noted<T>(result: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &result
            && e.kind() == std::io::ErrorKind::BrokenPipe
        {
            READER_GONE.store(true, Ordering::Relaxed);
        }
        result
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        Self::noted(self.0.write(buf))
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Self::noted(self.0.flush())
    }
}

fn exit_code(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Was the input named on the command line wrong (a path that does not
/// exist, a directory without articles)? The run fails then, after doing
/// what it could with the rest.
fn bad_input(failed: &std::collections::BTreeMap<&'static str, usize>) -> bool {
    article::ReadError::BAD_INPUT
        .iter()
        .any(|e| failed.contains_key(e.reason()))
}

/// The exit status of a run that read files: 1 when the input named was
/// wrong, or with `--strict` when any file failed.
fn read_status(strict: bool, failed: &std::collections::BTreeMap<&'static str, usize>) -> ExitCode {
    let any_failed = failed.values().sum::<usize>() > 0;
    exit_code((strict && any_failed) || bad_input(failed))
}

/// Reads articles with a progress bar on a terminal (hidden otherwise),
/// printing each article's warnings.
fn read_articles(paths: &[PathBuf]) -> (Vec<article::Article>, Vec<article::ArticleError>, Read) {
    let (files, _) = article::find_article_files(paths);
    let bar = progress_bar(files.len() as u64, "articles");
    let start = std::time::Instant::now();
    let (articles, errors, summary) = article::read_paths(paths, || bar.inc(1));
    bar.finish_and_clear();
    for a in &articles {
        for w in &a.warnings {
            eprintln!("warning: {}: {w}", article::shown_path(&a.path));
        }
    }
    let read = Read {
        summary,
        seconds: start.elapsed().as_secs_f64(),
    };
    (articles, errors, read)
}

/// What [`read_articles`] did, and how long it took.
struct Read {
    summary: article::ReadSummary,
    seconds: f64,
}

/// Every failure on its own line naming the file, then the summary.
fn report(errors: &[article::ArticleError], read: &Read) {
    for e in errors {
        eprintln!("error: {e}");
    }
    eprintln!("{} in {:.2} s", read.summary, read.seconds);
}

/// Ingest progress on a progress bar; errors printed above it.
struct Bar(ProgressBar);

impl Bar {
    fn new() -> Bar {
        Bar(progress_bar(0, "articles"))
    }
}

impl ingestion::IngestProgress for Bar {
    fn found(&self, files: usize) {
        self.0.set_length(files as u64);
    }
    fn error(&self, e: &article::ArticleError) {
        self.0.suspend(|| eprintln!("error: {e}"));
    }
    fn warning(&self, path: &Path, warning: &str) {
        self.0
            .suspend(|| eprintln!("warning: {}: {warning}", article::shown_path(path)));
    }
    fn done(&self) {
        self.0.inc(1);
    }
}

/// A progress bar on a terminal; hidden when stderr is not one.
fn progress_bar(len: u64, what: &str) -> ProgressBar {
    ProgressBar::new(len).with_style(
        ProgressStyle::with_template(&format!("{{bar:40}} {{pos}}/{{len}} {what} {{elapsed}}"))
            .expect("valid template"),
    )
}

/// The model file given, or the bundled one.
fn load_model(path: Option<&Path>) -> Result<extraction::classifier::Model> {
    match path {
        None => Ok(extraction::classifier::BUNDLED.clone()),
        Some(p) => {
            let text =
                std::fs::read_to_string(p).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
            extraction::classifier::Model::parse(&text)
                .map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))
        }
    }
}

/// The embedded store (which must exist: only ingest creates one), or the
/// remote one when `--endpoint` is given.
fn open_store(
    embedded: &cli::StoreArg,
    remote: &cli::RemoteArgs,
) -> Result<Box<dyn store::Backend>> {
    Ok(match remote.endpoint {
        Some(_) => Box::new(open_remote(remote)?),
        None => Box::new(store::GraphStore::open_existing(&embedded.store)?),
    })
}

fn open_remote(args: &cli::RemoteArgs) -> Result<remote::RemoteStore> {
    let config = remote::RemoteConfig {
        endpoint: args.endpoint.clone().unwrap_or_default(),
        update_url: args.update_url.clone(),
        graph_store: args.graph_store.clone(),
        token: args.token.clone(),
        retry_for: args.retry_for,
    };
    Ok(remote::RemoteStore::new(&config)?)
}

/// An actor graph, the store it came from (none for an edge list) and the
/// filters that made it.
struct LoadedGraph {
    graph: graph::model::ActorGraph,
    store: Option<Box<dyn store::Backend>>,
    filter: graph::from_store::GraphFilter,
}

/// The actor graph from the store (with the filters) or from an edge list.
fn load_graph(args: &cli::GraphArgs) -> Result<LoadedGraph> {
    let filter = graph::from_store::GraphFilter {
        relations: args.relation.clone(),
        since: args.since,
        until: args.until,
        status: args.status,
        actor_types: args.actor_type.clone(),
        min_weight: args.min_weight,
        include_background: args.include_background,
        min_confidence: args.min_confidence,
    };
    match &args.edges {
        Some(path) => {
            let mut g = graph::edge_list::read_edge_list(path)?;
            if args.min_weight > 1.0 {
                g.graph.retain_edges(|g, e| g[e].weight >= args.min_weight);
            }
            Ok(LoadedGraph {
                graph: g,
                store: None,
                filter,
            })
        }
        None => {
            let store = open_store(&args.store, &args.remote)?;
            let graph = graph::from_store::graph_from_store(store.as_ref(), &filter)?;
            Ok(LoadedGraph {
                graph,
                store: Some(store),
                filter,
            })
        }
    }
}
