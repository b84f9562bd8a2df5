//! `dipgraph metrics`: the centralities of the actor graph, as a table,
//! CSV or JSON; from a store, the run is also kept in it.

use super::{LoadedGraph, load_graph};
use crate::cli::{MetricsArgs, PivotsArgs, TableFormat};
use anyhow::Result;
use dipgraph::export::centrality::{
    CENTRALITY_COLUMNS, centrality_display_rows, sort_by_metric, write_centrality_csv,
    write_centrality_json,
};
use dipgraph::graph::metrics::{
    Metric, MetricOptions, MetricSet, centrality_with_status, sampled_sources,
};
use dipgraph::graph::metrics_run::store_run;
use dipgraph::query::write_table;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

pub fn run(args: &MetricsArgs) -> Result<ExitCode> {
    let LoadedGraph {
        graph,
        store,
        filter,
    } = load_graph(&args.graph)?;
    let opts = MetricOptions {
        directed: args.directed,
        damping: args.damping,
        tolerance: args.tolerance,
        max_iter: args.max_iter,
        betweenness_samples: args.samples,
        seed: args.seed,
        compute: MetricSet::of(&args.metrics),
    };
    let metric = sort_metric(args.sort_by, opts.compute)?;
    let started = chrono::Utc::now();
    let result = centrality_with_status(&graph, &opts);
    if args.timings {
        let steps: Vec<String> = result
            .timings
            .iter()
            .map(|(step, s)| format!("{step}={s:.3}"))
            .collect();
        eprintln!("timings: {}", steps.join(" "));
    }
    if !result.converged() {
        eprintln!(
            "warning: PageRank or eigenvector centrality did not converge in {} iterations; values are the last iterate",
            args.max_iter
        );
    }
    let mut scores = result.scores;
    sort_by_metric(&mut scores, metric);
    if let Some(store) = &store {
        store_run(store.as_ref(), &filter, &opts, started, &scores)?;
    }
    if let Some(path) = &args.output {
        let file =
            std::fs::File::create(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        write_centrality_csv(&graph, &scores, BufWriter::new(file))?;
    }
    let shown = &scores[..args.top.unwrap_or(scores.len()).min(scores.len())];
    let mut out = super::stdout();
    match args.format {
        TableFormat::Csv => write_centrality_csv(&graph, shown, &mut out)?,
        TableFormat::Json => write_centrality_json(&graph, shown, &mut out)?,
        TableFormat::Table => {
            let header = CENTRALITY_COLUMNS.map(String::from);
            write_table(&header, &centrality_display_rows(&graph, shown), &mut out)?;
        }
    }
    out.flush()?;
    eprintln!(
        "{} actors, {} edges ({})",
        graph.node_count(),
        graph.edge_count(),
        filter.describe()
    );
    Ok(ExitCode::SUCCESS)
}

/// `--sort-by`, checked against what is computed; by default PageRank, or
/// the first metric computed.
fn sort_metric(asked: Option<Metric>, computed: MetricSet) -> Result<Metric> {
    match asked {
        Some(m) if !computed.has(m) => anyhow::bail!(
            "--sort-by {}: that metric is not among --metrics",
            clap::ValueEnum::to_possible_value(&m)
                .map(|v| v.get_name().to_string())
                .unwrap_or_default()
        ),
        Some(m) => Ok(m),
        None => Ok(computed.default_ranking()),
    }
}

/// `dipgraph __pivots NODES SAMPLES SEED`: the sampled sources, a line each.
pub fn pivots(args: &PivotsArgs) -> Result<ExitCode> {
    let mut out = super::stdout();
    for s in sampled_sources(args.nodes, args.samples, args.seed) {
        writeln!(out, "{s}")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
