//! `dipgraph extract`: interactions as CSV or JSON lines, or each
//! article's graph as N-Quads for a store's bulk loader.

use super::{Bar, load_model, read_articles, read_status, report};
use crate::cli::{DeciderArg, ExtractArgs, ExtractFormat};
use anyhow::{Context, Result};
use dipgraph::article::Article;
use dipgraph::model::Interaction;
use dipgraph::{bulk, export, extract, ingest};
use rayon::prelude::*;
use std::process::ExitCode;

pub fn run(args: &ExtractArgs) -> Result<ExitCode> {
    if args.format == ExtractFormat::Nquads {
        return nquads(args);
    }
    if args.shard.is_some() {
        anyhow::bail!("--shard is for --format nquads (and for ingest)");
    }
    let clock = std::time::Instant::now();
    let model = match args.decider {
        DeciderArg::Model => Some(load_model(args.model.as_deref())?),
        DeciderArg::Rules => None,
    };
    let decider = match &model {
        Some(model) => extract::Decider::Model {
            model,
            keep: args.min_confidence,
        },
        None => extract::Decider::Rules,
    };
    let (articles, errors, read) = read_articles(&args.paths);
    let mut rows = extract_all(&articles, decider);
    if let Some(min) = args.min_confidence {
        rows.retain(|i| i.confidence >= min);
    }
    let seconds = clock.elapsed().as_secs_f64();
    let out = super::stdout();
    match args.format {
        ExtractFormat::Csv => export::write_interactions_csv(out, &rows)?,
        ExtractFormat::Jsonl => export::write_interactions_jsonl(out, &rows)?,
        ExtractFormat::Nquads => unreachable!("written by nquads()"),
    }
    report(&errors, &read);
    report_undated(&articles);
    eprintln!("{} interactions", rows.len());
    if args.stats {
        // Reading and extraction only (the output is not timed); bytes
        // of the articles' clean text.
        let sentences: usize = articles.iter().map(|a| a.sentences.len()).sum();
        let bytes: usize = articles
            .iter()
            .flat_map(|a| &a.sentences)
            .map(|s| s.text.len())
            .sum();
        eprintln!(
            "articles={} sentences={sentences} bytes={bytes} seconds={seconds:.3}",
            articles.len()
        );
    }
    Ok(read_status(args.strict, &read.summary.failed))
}

/// `--format nquads`: batch by batch, as ingest reads, never all at once.
fn nquads(args: &ExtractArgs) -> Result<ExitCode> {
    let bar = Bar::new();
    let options = ingest::IngestOptions {
        batch: ingest::DEFAULT_BATCH,
        shard: args.shard,
    };
    let summary = bulk::extract_nquads(&args.paths, &options, &bar, super::stdout())
        .context("writing N-Quads")?;
    bar.0.finish_and_clear();
    eprintln!("{summary}");
    Ok(read_status(args.strict, &summary.counts.failed))
}

/// Interactions of every article, in article order, extracted in parallel.
fn extract_all(articles: &[Article], decider: extract::Decider) -> Vec<Interaction> {
    articles
        .par_iter()
        .flat_map_iter(|a| extract::extract_by(a, decider, None))
        .collect()
}

/// Articles without a publication date keep their relative dates unresolved.
fn report_undated(articles: &[Article]) {
    for a in articles.iter().filter(|a| a.published.is_none()) {
        eprintln!(
            "warning: {}: no publication date; relative dates (26日, 周二) left unresolved",
            a.path.display()
        );
    }
}
