//! `dipgraph ingest` and `dipgraph fold-events`: articles into the store,
//! embedded or remote, by one path.

use super::{Bar, open_remote, open_store, read_status};
use crate::cli::{FoldEventsArgs, IngestArgs};
use anyhow::Result;
use dipgraph::store::{Backend, GraphStore};
use dipgraph::{bulk, ingest, serve};
use std::process::ExitCode;
use std::time::Duration;

/// Ingests into the remote store when `--endpoint` is given, else into the
/// embedded one, which `--serve` also serves read-only while (and after)
/// ingesting.
pub fn run(args: &IngestArgs) -> Result<ExitCode> {
    if args.remote.endpoint.is_some() {
        return ingest_into(&open_remote(&args.remote)?, args, None);
    }
    let store = GraphStore::open(&args.store.store)?;
    let endpoint = match &args.serve {
        Some(bind) => Some(serve::start(store.clone(), serve_options(bind))?),
        None => None,
    };
    ingest_into(&store, args, endpoint)
}

/// The one ingest, whatever the store; then serves on until interrupted
/// if an endpoint was started.
fn ingest_into(
    store: &dyn Backend,
    args: &IngestArgs,
    endpoint: Option<serve::Endpoint>,
) -> Result<ExitCode> {
    let bar = Bar::new();
    let options = ingest::IngestOptions {
        batch: args.batch,
        shard: args.shard,
    };
    let summary = ingest::ingest_with(store, &args.paths, &options, &bar)?;
    bar.0.finish_and_clear();
    eprintln!("{summary}");
    if let Some(endpoint) = endpoint {
        eprintln!(
            "ingest done; still serving http://{}/sparql (Ctrl-C to stop)",
            endpoint.addr
        );
        endpoint.wait();
    }
    Ok(read_status(args.strict, &summary.failed))
}

/// `ingest --serve`: a small read-only endpoint beside the ingest.
fn serve_options(bind: &str) -> serve::ServeOptions {
    serve::ServeOptions {
        bind: bind.to_string(),
        update_token: None,
        timeout: Duration::from_secs(30),
        max_rows: None,
        threads: 2,
        workers: 2,
        query_memory_mb: serve::workers::DEFAULT_QUERY_MEMORY_MB,
    }
}

/// Folds the stored reports into events (after sharded ingests or a bulk
/// load).
pub fn fold_events(args: &FoldEventsArgs) -> Result<ExitCode> {
    let store = open_store(&args.store, &args.remote)?;
    let summary = bulk::fold_events(store.as_ref())?;
    eprintln!("{summary}");
    Ok(ExitCode::SUCCESS)
}
