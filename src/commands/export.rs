//! `dipgraph export`: one format to one file (or a directory for csv):
//! drawings, the tables for spreadsheets and Gephi, GraphML, RDF dumps.

use super::{LoadedGraph, load_graph, open_store};
use crate::cli::{ExportArgs, ExportFormat};
use anyhow::{Context, Result};
use dipgraph::export::{self, centrality, dot, gephi, graphml, render, tables, xlsx};
use dipgraph::graph::from_store::publication_window;
use dipgraph::graph::metrics::{Metric, MetricOptions, centrality as compute_centrality};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(args: &ExportArgs) -> Result<ExitCode> {
    use ExportFormat as F;
    if args.format == F::Csv
        && let Some(dir) = &args.output
    {
        check_csv_directory(dir)?;
    }
    if matches!(args.format, F::Turtle | F::Nquads) {
        return dump(args);
    }
    let loaded = load_graph(&args.graph)?;
    let scores = compute_centrality(&loaded.graph, &MetricOptions::default());
    let metrics = export::metric_columns(&scores);
    match args.format {
        F::Dot | F::Svg | F::Png => draw(args, &loaded, &metrics)?,
        F::Graphml => {
            let mut out = text_output(args.output.as_deref())?;
            graphml::write_graphml(&loaded.graph, Some(&metrics), args.labels, &mut out)?;
            out.flush()?;
        }
        F::Csv | F::Xlsx => write_tables(args, &loaded, &scores, &metrics)?,
        F::Turtle | F::Nquads => unreachable!("written by dump()"),
    }
    Ok(ExitCode::SUCCESS)
}

/// Every metric as (name, id → value).
type MetricColumns = [(String, std::collections::HashMap<String, f64>)];

/// The whole store as Turtle or N-Quads.
fn dump(args: &ExportArgs) -> Result<ExitCode> {
    let mut out = text_output(args.output.as_deref())?;
    let store = open_store(&args.graph.store, &args.graph.remote)?;
    let format = if args.format == ExportFormat::Turtle {
        oxigraph::io::RdfFormat::Turtle
    } else {
        oxigraph::io::RdfFormat::NQuads
    };
    store.dump(format, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Graphviz source, or the drawing Graphviz renders from it.
fn draw(args: &ExportArgs, loaded: &LoadedGraph, metrics: &MetricColumns) -> Result<()> {
    let title = match &args.title {
        Some(t) => t.clone(),
        None => {
            let window = match &loaded.store {
                Some(s) => publication_window(s.as_ref())?,
                None => None,
            };
            export::default_title(&loaded.graph, &loaded.filter, window, args.top)
        }
    };
    let size_by = args.size_by.name();
    let opts = dot::DrawOptions {
        title,
        size_by: metrics.iter().find(|(n, _)| n == size_by).cloned(),
        top: args.top,
        min_weight: args.graph.min_weight,
        labels: args.labels,
    };
    let text = dot::dot_string(&loaded.graph, &opts);
    let format = match args.format {
        ExportFormat::Svg => render::Format::Svg,
        ExportFormat::Png => render::Format::Png,
        _ => {
            let mut out = text_output(args.output.as_deref())?;
            out.write_all(text.as_bytes())?;
            out.flush()?;
            return Ok(());
        }
    };
    let path = args
        .output
        .as_deref()
        .context("--output FILE is needed for svg and png")?;
    create_parent(path)?;
    render::render(&text, format, None, path)?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

/// The five tables: as CSV files into a directory, or as one workbook.
fn write_tables(
    args: &ExportArgs,
    loaded: &LoadedGraph,
    scores: &[dipgraph::graph::metrics::Scores],
    metrics: &MetricColumns,
) -> Result<()> {
    let g = &loaded.graph;
    let mut all = vec![
        gephi::nodes_table(g, Some(metrics), args.labels),
        gephi::edges_table(g),
    ];
    let mut sorted = scores.to_vec();
    centrality::sort_by_metric(&mut sorted, Metric::Pagerank);
    all.push(centrality::centrality_table(g, &sorted));
    if let Some(store) = &loaded.store {
        all.push(tables::reports_table(store.as_ref())?);
        all.push(tables::events_table(store.as_ref())?);
    }
    if args.format == ExportFormat::Xlsx {
        let path = args
            .output
            .as_deref()
            .context("--output FILE.xlsx is needed for xlsx (a workbook is binary)")?;
        create_parent(path)?;
        // Spreadsheets open sheets in order: the interactions first.
        let from_store = all.len() - 3;
        all.rotate_right(from_store);
        xlsx::write_workbook(&all, path).with_context(|| path.display().to_string())?;
        let sheets: Vec<&str> = all.iter().map(|t| t.name.as_str()).collect();
        eprintln!("wrote {} (sheets {})", path.display(), sheets.join(", "));
    } else {
        let dir = args.output.clone().unwrap_or_else(|| PathBuf::from("out"));
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        let mut written = Vec::new();
        for t in &all {
            let file = format!("{}.csv", t.name);
            let path = dir.join(&file);
            t.write_csv(create(&path)?)
                .with_context(|| path.display().to_string())?;
            written.push(file);
        }
        eprintln!("wrote {} in {}", written.join(", "), dir.display());
    }
    Ok(())
}

/// The file named, or standard output.
fn text_output(path: Option<&Path>) -> Result<Box<dyn Write>> {
    Ok(match path {
        Some(path) => Box::new(create(path)?),
        None => Box::new(super::stdout()),
    })
}

/// A new file (and its directory).
fn create(path: &Path) -> Result<BufWriter<std::fs::File>> {
    create_parent(path)?;
    let file =
        std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(BufWriter::new(file))
}

fn create_parent(path: &Path) -> Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    Ok(())
}

/// `--output` of `--format csv` names a directory: the export writes its
/// five files there, replacing earlier ones of the same names (a re-run
/// is the common case). An existing file, or a new path that looks like
/// one file (`out/edges.csv`), is refused before anything is written.
fn check_csv_directory(dir: &Path) -> Result<()> {
    // The directory to suggest: the one the path is in, else out/.
    let example = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or("out".to_string(), |p| p.display().to_string());
    if dir.exists() && !dir.is_dir() {
        anyhow::bail!(
            "--output {}: that is a file, and --format csv writes five files (interactions, events, nodes, edges, centrality .csv) into a directory: give a directory, e.g. --output {}",
            dir.display(),
            example
        );
    }
    if !dir.exists()
        && dir
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        anyhow::bail!(
            "--output {}: --format csv writes five files into a directory, and this names one file; give a directory (e.g. --output {}), or use --format xlsx for one file",
            dir.display(),
            example
        );
    }
    Ok(())
}
