//! The `dipgraph` command: `cli` defines the command line (clap), `run`
//! hands each command to its function in `commands`, which calls into the
//! library.

mod cli;
mod commands;

use clap::Parser;
use cli::{Cli, Command};
use commands::{eval, export, extract, ingest, metrics, mine_names, parse, query, serve, train};
use std::process::ExitCode;

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        // `dipgraph query … | head -1`: the reader has what it wanted.
        Err(_) if commands::reader_gone() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dipgraph: {}", commands::error_line(&e));
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Parse(args) => parse::run(&args),
        Command::Extract(args) => extract::run(&args),
        Command::Eval(args) => eval::run(&args),
        Command::MineNames(args) => mine_names::run(&args),
        Command::Train(args) => train::run(&args),
        Command::TrainNames(args) => train::run_names(&args),
        Command::Ingest(args) => ingest::run(&args),
        Command::FoldEvents(args) => ingest::fold_events(&args),
        Command::Query(args) => query::run(&args),
        Command::Serve(args) => serve::run(args),
        Command::QueryWorker(args) => serve::query_worker(&args),
        Command::Metrics(args) => metrics::run(&args),
        Command::Pivots(args) => metrics::pivots(&args),
        Command::Export(args) => export::run(&args),
    }
}
