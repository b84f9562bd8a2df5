//! `dipgraph serve`, and the query workers it starts (`__query-worker`).

use crate::cli::{QueryWorkerArgs, ServeArgs};
use anyhow::Result;
use dipgraph::serve;
use dipgraph::store::GraphStore;
use std::process::ExitCode;

/// Serves the store until the process ends.
pub fn run(args: ServeArgs) -> Result<ExitCode> {
    let store = GraphStore::open_existing(&args.store.store)?;
    serve::serve(
        store,
        serve::ServeOptions {
            bind: args.bind,
            update_token: args.update_token,
            timeout: args.timeout,
            max_rows: args.max_rows,
            threads: args.threads,
            workers: args.workers,
            query_memory_mb: args.query_memory,
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

/// A worker process of `serve`: answers query jobs on stdin.
pub fn query_worker(args: &QueryWorkerArgs) -> Result<ExitCode> {
    serve::workers::run_worker(args.memory_mb, args.server_pid, args.open.as_deref())?;
    Ok(ExitCode::SUCCESS)
}
