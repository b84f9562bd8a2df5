//! `dipgraph query`: a SPARQL query, inline or from a `.rq` file, with
//! its parameters checked before it runs.

use super::open_store;
use crate::cli::QueryArgs;
use anyhow::Result;
use dipgraph::query::{self, OutputFormat};
use oxigraph::model::Term;
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: &QueryArgs) -> Result<ExitCode> {
    let store = open_store(&args.store, &args.remote)?;
    if store.events_stale()? {
        eprintln!(
            "warning: events are not folded from the latest reports (an interrupted ingest, or shards still coming in); run `dipgraph ingest` again or `dipgraph fold-events`"
        );
    }
    let q = prepare(args)?;
    let actor_params: Vec<&str> = q.actor_params.iter().map(String::as_str).collect();
    for warning in query::actors::check_actor_params(store.as_ref(), &q.bindings, &actor_params)? {
        eprintln!("{warning}");
    }
    let results = store.query(&q.text, &q.bindings)?;
    let mut out = super::stdout();
    let rows = query::write_results(results, args.format, &mut out)?;
    out.flush()?;
    if args.format == OutputFormat::Table {
        eprintln!("{rows} rows");
    }
    Ok(ExitCode::SUCCESS)
}

/// A query to run: its text, its bindings, and the parameters that take
/// an actor (a query file's whose default is one).
struct Prepared {
    text: String,
    bindings: Vec<(String, Term)>,
    actor_params: Vec<String>,
}

fn prepare(args: &QueryArgs) -> Result<Prepared> {
    match &args.file {
        Some(path) => {
            let q = query::QueryFile::read(path)?;
            let bindings = q
                .bindings(&args.params)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            Ok(Prepared {
                actor_params: q.actor_params(),
                text: q.text,
                bindings,
            })
        }
        None => {
            let mut bindings = Vec::new();
            for (name, value) in &args.params {
                let term = query::parse_param(value)
                    .map_err(|e| anyhow::anyhow!("--param {name}: {e}"))?;
                bindings.push((name.clone(), term));
            }
            Ok(Prepared {
                text: args.sparql.clone().unwrap_or_default(),
                bindings,
                actor_params: Vec::new(),
            })
        }
    }
}
