mod cli;

use anyhow::Result;
use clap::{Parser, ValueEnum};
use cli::{Cli, Command, ExtractFormat, MetricArg, ParseFormat, QueryFormat, TableFormat};
use dipgraph::{
    article, bulk, eval, export, extract, graph, ingest, mine, query, serve, store, store::remote,
};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dipgraph: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Parse(args) => {
            let (articles, errors, summary) = read_articles(&args.paths);
            let mut out = BufWriter::new(std::io::stdout().lock());
            for a in &articles {
                match args.format {
                    ParseFormat::Jsonl => {
                        serde_json::to_writer(&mut out, a)?;
                        writeln!(out)?;
                    }
                    ParseFormat::Text => write_text(&mut out, a)?,
                }
            }
            out.flush()?;
            report(&errors, &summary);
            Ok(exit_code(
                (args.strict && !errors.is_empty()) || bad_input(&summary.failed),
            ))
        }
        Command::Extract(args) if args.format == ExtractFormat::Nquads => {
            let bar = Bar(progress_bar(0, "articles"));
            let options = ingest::IngestOptions {
                batch: ingest::DEFAULT_BATCH,
                shard: args.shard,
            };
            let out = BufWriter::new(std::io::stdout().lock());
            let summary = bulk::extract_nquads(&args.paths, &options, &bar, out)?;
            bar.0.finish_and_clear();
            eprintln!("{summary}");
            let failed = summary.counts.failed.values().sum::<usize>() > 0;
            Ok(exit_code(
                (args.strict && failed) || bad_input(&summary.counts.failed),
            ))
        }
        Command::Extract(args) => {
            if args.shard.is_some() {
                anyhow::bail!("--shard is for --format nquads (and for ingest)");
            }
            let clock = std::time::Instant::now();
            let model = match args.decider {
                cli::DeciderArg::Model => Some(load_model(args.model.as_deref())?),
                cli::DeciderArg::Rules => None,
            };
            let decider = match &model {
                Some(model) => extract::Decider::Model {
                    model,
                    keep: args.min_confidence,
                },
                None => extract::Decider::Rules,
            };
            let (articles, errors, summary) = read_articles(&args.paths);
            let mut rows = extract_all(&articles, decider);
            if let Some(min) = args.min_confidence {
                rows.retain(|i| i.confidence >= min);
            }
            let seconds = clock.elapsed().as_secs_f64();
            let out = BufWriter::new(std::io::stdout().lock());
            match args.format {
                ExtractFormat::Csv => export::write_interactions_csv(out, &rows)?,
                ExtractFormat::Jsonl => export::write_interactions_jsonl(out, &rows)?,
                ExtractFormat::Nquads => unreachable!("handled above"),
            }
            report(&errors, &summary);
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
            Ok(exit_code(
                (args.strict && !errors.is_empty()) || bad_input(&summary.failed),
            ))
        }
        Command::Eval(args) => eval_command(&args),
        Command::MineNames(args) => mine_names_command(&args),
        Command::Train(args) => train_command(&args),
        Command::TrainNames(args) => train_names_command(&args),
        Command::Ingest(args) if args.remote.endpoint.is_some() => {
            let store = open_remote(&args.remote)?;
            let options = ingest::IngestOptions {
                batch: args.batch,
                shard: args.shard,
            };
            let bar = Bar(progress_bar(0, "articles"));
            let summary = ingest::ingest_with(&store, &args.paths, &options, &bar)?;
            bar.0.finish_and_clear();
            eprintln!("{summary}");
            let failed = summary.failed.values().sum::<usize>() > 0;
            Ok(exit_code(
                (args.strict && failed) || bad_input(&summary.failed),
            ))
        }
        Command::Ingest(args) => {
            let store = store::GraphStore::open(&args.store.store)?;
            let endpoint = match &args.serve {
                Some(bind) => Some(
                    serve::start(
                        store.clone(),
                        serve::ServeOptions {
                            bind: bind.clone(),
                            update_token: None,
                            timeout: std::time::Duration::from_secs(30),
                            max_rows: None,
                            threads: 2,
                            workers: 2,
                            query_memory_mb: serve::workers::DEFAULT_QUERY_MEMORY_MB,
                        },
                    )
                    .map_err(anyhow::Error::msg)?,
                ),
                None => None,
            };
            let bar = Bar(progress_bar(0, "articles"));
            let options = ingest::IngestOptions {
                batch: args.batch,
                shard: args.shard,
            };
            let summary = ingest::ingest_with(&store, &args.paths, &options, &bar)?;
            bar.0.finish_and_clear();
            eprintln!("{summary}");
            if let Some(endpoint) = endpoint {
                eprintln!(
                    "ingest done; still serving http://{}/sparql (Ctrl-C to stop)",
                    endpoint.addr
                );
                endpoint.wait();
            }
            let failed = summary.failed.values().sum::<usize>() > 0;
            Ok(exit_code(
                (args.strict && failed) || bad_input(&summary.failed),
            ))
        }
        Command::FoldEvents(args) => {
            let store = open_store(&args.store, &args.remote)?;
            let summary = bulk::fold_events(store.as_ref())?;
            eprintln!("{summary}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Query(args) => {
            let store = open_store(&args.store, &args.remote)?;
            if store.events_stale()? {
                eprintln!(
                    "warning: events are not folded from the latest reports (an interrupted ingest, or shards still coming in); run `dipgraph ingest` again or `dipgraph fold-events`"
                );
            }
            // The text, its bindings, and the parameters that take an actor
            // (a query file's whose default is one).
            let (text, bindings, actor_params) = match &args.file {
                Some(path) => {
                    let q = query::QueryFile::read(path).map_err(anyhow::Error::msg)?;
                    let bindings = q
                        .bindings(&args.params)
                        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
                    let actor_params = q.actor_params();
                    (q.text, bindings, actor_params)
                }
                None => {
                    let mut bindings = Vec::new();
                    for (name, value) in &args.params {
                        let term = query::parse_param(value)
                            .map_err(|e| anyhow::anyhow!("--param {name}: {e}"))?;
                        bindings.push((name.clone(), term));
                    }
                    (
                        args.sparql.clone().unwrap_or_default(),
                        bindings,
                        Vec::new(),
                    )
                }
            };
            let actor_params: Vec<&str> = actor_params.iter().map(String::as_str).collect();
            for warning in
                query::actors::check_actor_params(store.as_ref(), &bindings, &actor_params)?
            {
                eprintln!("{warning}");
            }
            let results = store.query(&text, &bindings)?;
            let format = match args.format {
                QueryFormat::Table => query::OutputFormat::Table,
                QueryFormat::Csv => query::OutputFormat::Csv,
                QueryFormat::Tsv => query::OutputFormat::Tsv,
                QueryFormat::Json => query::OutputFormat::Json,
            };
            let mut out = BufWriter::new(std::io::stdout().lock());
            let rows = query::write_results(results, format, &mut out)?;
            out.flush()?;
            if format == query::OutputFormat::Table {
                eprintln!("{rows} rows");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(args) => {
            let store = store::GraphStore::open_existing(&args.store.store)?;
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
            )
            .map_err(anyhow::Error::msg)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::QueryWorker(args) => {
            serve::workers::run_worker(args.memory_mb, args.server_pid, args.open.as_deref())
                .map_err(anyhow::Error::msg)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Metrics(args) => {
            let (graph, store, filter) = load_graph(&args.graph)?;
            let opts = graph::metrics::MetricOptions {
                directed: args.directed,
                damping: args.damping,
                tolerance: args.tolerance,
                max_iter: args.max_iter,
                betweenness_samples: args.samples,
                seed: args.seed,
                compute: metric_set(&args.metrics),
            };
            let metric = sort_metric(args.sort_by, opts.compute)?;
            let started = chrono::Utc::now();
            let result = graph::metrics::centrality_with_status(&graph, &opts);
            if args.timings {
                let steps: Vec<String> = result
                    .timings
                    .iter()
                    .map(|(step, s)| format!("{step}={s:.3}"))
                    .collect();
                eprintln!("timings: {}", steps.join(" "));
            }
            if result.pagerank_iterations.is_none() || result.eigenvector_iterations.is_none() {
                eprintln!(
                    "warning: PageRank or eigenvector centrality did not converge in {} iterations; values are the last iterate",
                    args.max_iter
                );
            }
            let mut scores = result.scores;
            export::centrality::sort_by_metric(&mut scores, metric);
            if let Some(store) = &store {
                let description = format!(
                    "{}{}{}",
                    filter.describe(),
                    if args.directed { " directed" } else { "" },
                    args.samples
                        .map(|k| format!(" samples={k}"))
                        .unwrap_or_default()
                );
                let run_graph = dipgraph::rdf::metrics_run_graph(&description);
                store.write_graph(
                    &run_graph,
                    &dipgraph::rdf::metrics_quads(&description, started, &scores),
                )?;
            }
            if let Some(path) = &args.output {
                let file = std::fs::File::create(path)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
                export::centrality::write_centrality_csv(&graph, &scores, BufWriter::new(file))?;
            }
            let shown = &scores[..args.top.unwrap_or(scores.len()).min(scores.len())];
            let mut out = BufWriter::new(std::io::stdout().lock());
            match args.format {
                TableFormat::Csv => {
                    export::centrality::write_centrality_csv(&graph, shown, &mut out)?
                }
                TableFormat::Json => {
                    export::centrality::write_centrality_json(&graph, shown, &mut out)?
                }
                TableFormat::Table => {
                    let header: Vec<String> = export::centrality::CENTRALITY_COLUMNS
                        .iter()
                        .map(|c| c.to_string())
                        .collect();
                    let rows: Vec<Vec<String>> = export::centrality::centrality_rows(&graph, shown)
                        .into_iter()
                        .map(|r| {
                            r.into_iter()
                                .map(|c| match c.parse::<f64>() {
                                    Ok(v) if c.contains('.') || c.contains('e') => {
                                        format!("{v:.4}")
                                    }
                                    _ => c,
                                })
                                .collect()
                        })
                        .collect();
                    query::write_table(&header, &rows, &mut out)?;
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
        Command::Export(args) => export_command(args),
    }
}

/// `dipgraph export`: one format to one file (or a directory for csv).
fn export_command(args: cli::ExportArgs) -> Result<ExitCode> {
    use cli::ExportFormat as F;
    let create = |path: &std::path::Path| -> Result<BufWriter<std::fs::File>> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", parent.display()))?;
        }
        let file = std::fs::File::create(path)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
        Ok(BufWriter::new(file))
    };
    if args.format == F::Csv
        && let Some(dir) = &args.output
    {
        check_csv_directory(dir)?;
    }
    let output: Box<dyn Write> = match (&args.output, args.format) {
        (_, F::Csv | F::Svg | F::Png | F::Xlsx) => Box::new(std::io::sink()),
        (Some(path), _) => Box::new(create(path)?),
        (None, _) => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    if matches!(args.format, F::Turtle | F::Nquads) {
        let store = open_store(&args.graph.store, &args.graph.remote)?;
        let format = if args.format == F::Turtle {
            oxigraph::io::RdfFormat::Turtle
        } else {
            oxigraph::io::RdfFormat::NQuads
        };
        let mut output = output;
        store.dump(format, &mut output)?;
        output.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let labels: export::Labels = args.labels.into();
    let (graph, store, filter) = load_graph(&args.graph)?;
    let scores = graph::metrics::centrality(&graph, &graph::metrics::MetricOptions::default());
    let metrics = export::metric_columns(&scores);
    match args.format {
        F::Dot | F::Svg | F::Png => {
            let size_by = metric(args.size_by).name();
            let title = match &args.title {
                Some(t) => t.clone(),
                None => {
                    let window = match &store {
                        Some(s) => graph::from_store::publication_window(s.as_ref())?,
                        None => None,
                    };
                    export::default_title(&graph, &filter, window, args.top)
                }
            };
            let opts = export::dot::DrawOptions {
                title,
                size_by: metrics.iter().find(|(n, _)| n == size_by).cloned(),
                top: args.top,
                min_weight: args.graph.min_weight,
                labels,
            };
            let text = export::dot::dot_string(&graph, &opts);
            if args.format == F::Dot {
                let mut output = output;
                output.write_all(text.as_bytes())?;
                output.flush()?;
            } else {
                let path = args
                    .output
                    .clone()
                    .ok_or_else(|| anyhow::anyhow!("--output FILE is needed for svg and png"))?;
                let format = if args.format == F::Svg {
                    export::render::Format::Svg
                } else {
                    export::render::Format::Png
                };
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent)?;
                }
                export::render::render(&text, format, None, &path)?;
                eprintln!("wrote {}", path.display());
            }
        }
        F::Graphml => {
            let mut output = output;
            export::graphml::write_graphml(&graph, Some(&metrics), labels, &mut output)?;
            output.flush()?;
        }
        F::Csv | F::Xlsx => {
            let mut tables = vec![
                export::gephi::nodes_table(&graph, Some(&metrics), labels),
                export::gephi::edges_table(&graph),
            ];
            let mut sorted = scores.clone();
            export::centrality::sort_by_metric(&mut sorted, export::centrality::Metric::Pagerank);
            tables.push(export::centrality::centrality_table(&graph, &sorted));
            if let Some(store) = &store {
                tables.push(export::tables::reports_table(store.as_ref())?);
                tables.push(export::tables::events_table(store.as_ref())?);
            }
            if args.format == F::Xlsx {
                let path = args.output.clone().ok_or_else(|| {
                    anyhow::anyhow!("--output FILE.xlsx is needed for xlsx (a workbook is binary)")
                })?;
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent)?;
                }
                // Spreadsheets open sheets in order: the interactions first.
                let from_store = tables.len() - 3;
                tables.rotate_right(from_store);
                export::xlsx::write_workbook(&tables, &path)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
                let sheets: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
                eprintln!("wrote {} (sheets {})", path.display(), sheets.join(", "));
            } else {
                let dir = args.output.clone().unwrap_or_else(|| "out".into());
                std::fs::create_dir_all(&dir)
                    .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
                let mut written = Vec::new();
                for t in &tables {
                    let file = format!("{}.csv", t.name);
                    t.write_csv(create(&dir.join(&file))?)
                        .map_err(|e| anyhow::anyhow!("{}: {e}", dir.join(&file).display()))?;
                    written.push(file);
                }
                eprintln!("wrote {} in {}", written.join(", "), dir.display());
            }
        }
        F::Turtle | F::Nquads => unreachable!("handled above"),
    }
    Ok(ExitCode::SUCCESS)
}

/// `--output` of `--format csv` names a directory: the export writes its
/// five files there, replacing earlier ones of the same names (a re-run
/// is the common case). An existing file, or a new path that looks like
/// one file (`out/edges.csv`), is refused before anything is written.
fn check_csv_directory(dir: &std::path::Path) -> Result<()> {
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

/// `--metrics`: none named means all.
fn metric_set(named: &[MetricArg]) -> graph::metrics::MetricSet {
    use graph::metrics::MetricSet;
    if named.is_empty() {
        return MetricSet::ALL;
    }
    let has = |m: MetricArg| named.contains(&m);
    MetricSet {
        betweenness: has(MetricArg::Betweenness),
        closeness: has(MetricArg::Closeness),
        pagerank: has(MetricArg::Pagerank),
        eigenvector: has(MetricArg::Eigenvector),
    }
}

/// `--sort-by`, checked against what is computed; by default PageRank, or
/// the first metric computed.
fn sort_metric(
    asked: Option<MetricArg>,
    computed: graph::metrics::MetricSet,
) -> Result<export::centrality::Metric> {
    let is_computed = |m: MetricArg| match m {
        MetricArg::Degree | MetricArg::WeightedDegree => true,
        MetricArg::Betweenness => computed.betweenness,
        MetricArg::Closeness => computed.closeness,
        MetricArg::Pagerank => computed.pagerank,
        MetricArg::Eigenvector => computed.eigenvector,
    };
    match asked {
        Some(m) if !is_computed(m) => anyhow::bail!(
            "--sort-by {}: that metric is not among --metrics",
            m.to_possible_value()
                .map(|v| v.get_name().to_string())
                .unwrap_or_default()
        ),
        Some(m) => Ok(metric(m)),
        None => Ok(metric(
            [
                MetricArg::Pagerank,
                MetricArg::Betweenness,
                MetricArg::Eigenvector,
                MetricArg::Closeness,
            ]
            .into_iter()
            .find(|&m| is_computed(m))
            .unwrap_or(MetricArg::Degree),
        )),
    }
}

fn metric(m: MetricArg) -> export::centrality::Metric {
    use export::centrality::Metric;
    match m {
        MetricArg::Degree => Metric::Degree,
        MetricArg::WeightedDegree => Metric::WeightedDegree,
        MetricArg::Betweenness => Metric::Betweenness,
        MetricArg::Closeness => Metric::Closeness,
        MetricArg::Pagerank => Metric::Pagerank,
        MetricArg::Eigenvector => Metric::Eigenvector,
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
type LoadedGraph = (
    graph::model::ActorGraph,
    Option<Box<dyn store::Backend>>,
    graph::from_store::GraphFilter,
);

/// The actor graph from the store (with the filters) or from an edge list.
fn load_graph(args: &cli::GraphArgs) -> Result<LoadedGraph> {
    let filter = graph::from_store::GraphFilter {
        relations: args.relation.clone(),
        since: args.since,
        until: args.until,
        status: args.status.clone(),
        actor_types: args.actor_type.clone(),
        min_weight: args.min_weight,
        include_background: args.include_background,
    };
    match &args.edges {
        Some(path) => {
            let mut g = graph::edge_list::read_edge_list(path)?;
            if args.min_weight > 1.0 {
                g.graph.retain_edges(|g, e| g[e].weight >= args.min_weight);
            }
            Ok((g, None, filter))
        }
        None => {
            let store = open_store(&args.store, &args.remote)?;
            let g = graph::from_store::graph_from_store(store.as_ref(), &filter)?;
            Ok((g, Some(store), filter))
        }
    }
}

/// Ingest progress on a progress bar; errors printed above it.
struct Bar(ProgressBar);

impl ingest::IngestProgress for Bar {
    fn found(&self, files: usize) {
        self.0.set_length(files as u64);
    }
    fn error(&self, e: &article::ArticleError) {
        self.0.suspend(|| eprintln!("error: {e}"));
    }
    fn warning(&self, path: &std::path::Path, warning: &str) {
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

/// Interactions of every article, in article order, extracted in parallel.
/// Scores extraction on one gold set or on every set of a sets file: the
/// table with intervals, and with `-v` the error report of each set.
fn eval_command(args: &cli::EvalArgs) -> Result<ExitCode> {
    let sets = match (&args.sets, &args.gold) {
        (Some(sets), _) => eval::sets::read_sets(sets)?,
        (None, Some(gold)) => vec![eval::sets::EvalSet {
            name: gold.display().to_string(),
            gold: gold.clone(),
            articles: args.articles.clone(),
            input: args.input.clone(),
            trained: false,
        }],
        (None, None) => unreachable!("clap requires --gold or --sets"),
    };
    let model = load_model(args.model.as_deref())?;
    let deciders = &args.decider;
    let mut results = Vec::new();
    for set in &sets {
        for &d in deciders {
            let mut result = match d {
                cli::DeciderArg::Model if set.trained => {
                    let config = extract::classifier::TrainConfig::default();
                    let mut r = dipgraph::train::cross_validated_set(set, 5, config)?;
                    r.name = format!("{} (model, 5-fold CV)", r.name);
                    r
                }
                cli::DeciderArg::Model => {
                    let decider = extract::Decider::model(&model);
                    eval::sets::run_set(set, decider, args.bootstrap)?
                }
                cli::DeciderArg::Rules => {
                    eval::sets::run_set(set, extract::Decider::Rules, args.bootstrap)?
                }
            };
            if deciders.len() > 1 && !result.name.ends_with("CV)") {
                let who = if d == cli::DeciderArg::Rules {
                    "rules"
                } else {
                    "model"
                };
                result.name = format!("{} ({who})", result.name);
            }
            for e in &result.read_errors {
                eprintln!("error: {e}");
            }
            results.push(result);
        }
    }
    print!("{}", eval::sets::table(&results));
    if args.verbose {
        for r in &results {
            println!();
            print!("{}", eval::sets::error_report(r, true));
        }
    }
    let below = |r: &eval::sets::SetResult| args.min_f1.is_some_and(|m| r.score.f1 < m);
    Ok(exit_code(results.iter().any(below)))
}

/// The model file given, or the bundled one.
fn load_model(path: Option<&std::path::Path>) -> Result<extract::classifier::Model> {
    match path {
        None => Ok(extract::classifier::BUNDLED.clone()),
        Some(p) => {
            let text =
                std::fs::read_to_string(p).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
            extract::classifier::Model::parse(&text)
                .map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))
        }
    }
}

/// Cross-validates the interaction model on a gold corpus and, with
/// `--out`, writes the model trained on all of it.
fn train_command(args: &cli::TrainArgs) -> Result<ExitCode> {
    let (gold, list) = if args.gold.is_dir() {
        let list = args.gold.join("articles.txt");
        (
            args.gold.join("train.gold.csv"),
            list.exists().then_some(list),
        )
    } else {
        (args.gold.clone(), None)
    };
    let corpus = dipgraph::train::read_corpus(&gold, list.as_deref(), &args.input)?;
    for e in &corpus.read_errors {
        eprintln!("error: {e}");
    }
    let config = extract::classifier::TrainConfig {
        epochs: args.epochs,
        l2: args.l2,
        seed: args.seed,
        ..Default::default()
    };
    let examples = dipgraph::train::examples(&corpus);
    let cv = dipgraph::train::cross_validate(&corpus, &examples, args.folds.into(), config);
    print!("{cv}");
    if let Some(out) = &args.out {
        let source = gold.display().to_string();
        let model = dipgraph::train::train_model(&corpus, &examples, &cv, config, &source);
        std::fs::write(out, model.to_text())
            .map_err(|e| anyhow::anyhow!("{}: {e}", out.display()))?;
        eprintln!("wrote {} ({} weights)", out.display(), model.len());
    }
    Ok(exit_code(!corpus.read_errors.is_empty()))
}

fn train_names_command(args: &cli::TrainNamesArgs) -> Result<ExitCode> {
    let gold = args
        .gold
        .as_deref()
        .map(dipgraph::eval::read_rows)
        .transpose()?;
    let (tagger, r) = dipgraph::train::names::train_names(
        &args.silver,
        &args.input,
        gold.as_deref(),
        args.epochs,
        args.seed,
    )?;
    println!(
        "articles {}, sentences {}; held out (every tenth article): precision {:.3} recall {:.3} against the silver names ({} predicted, {} expected, {} matched)",
        r.articles,
        r.sentences,
        r.held_out.precision(),
        r.held_out.recall(),
        r.held_out.predicted,
        r.held_out.expected,
        r.held_out.matched,
    );
    if gold.is_some() {
        println!(
            "gold actors outside the registry named in their evidence, held-out articles: {} of {} tagged exactly ({:.3})",
            r.gold_people.0,
            r.gold_people.1,
            r.gold_people.0 as f64 / r.gold_people.1.max(1) as f64
        );
    }
    if let Some(out) = &args.out {
        let header = dipgraph::train::names::header(&r, args.epochs, args.seed);
        std::fs::write(out, tagger.to_text(&header))
            .map_err(|e| anyhow::anyhow!("{}: {e}", out.display()))?;
        eprintln!("wrote {} ({} features)", out.display(), r.features);
    }
    Ok(ExitCode::SUCCESS)
}

/// Mines bracketed names; a reviewed class already in the output file is
/// kept for its id.
fn mine_names_command(args: &cli::MineNamesArgs) -> Result<ExitCode> {
    let registry = extract::registry::Registry::hand();
    let (mut names, stats) = mine::mine(&args.paths, registry, mine::NameCues::builtin())?;
    let reviewed = match &args.output {
        Some(path) if path.exists() => mine::read_reviewed(path)?,
        _ => Default::default(),
    };
    for n in &mut names {
        n.reviewed = reviewed.get(&n.id).cloned();
    }
    match &args.output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            mine::write_csv(&names, BufWriter::new(file))?;
        }
        None => mine::write_csv(&names, std::io::stdout().lock())?,
    }
    let classes: Vec<String> = stats
        .by_class
        .iter()
        .map(|(c, n)| format!("{} {n}", c.as_str()))
        .collect();
    eprintln!(
        "files {} (unreadable {}), bracketed pairs {}, names {}: {}",
        stats.files,
        stats.unreadable,
        stats.pairs,
        names.len(),
        classes.join(", ")
    );
    Ok(ExitCode::SUCCESS)
}

fn extract_all(
    articles: &[article::Article],
    decider: extract::Decider,
) -> Vec<dipgraph::model::Interaction> {
    articles
        .par_iter()
        .flat_map_iter(|a| extract::extract_by(a, decider, None))
        .collect()
}

/// Articles without a publication date keep their relative dates unresolved.
fn report_undated(articles: &[article::Article]) {
    for a in articles.iter().filter(|a| a.published.is_none()) {
        eprintln!(
            "warning: {}: no publication date; relative dates (26日, 周二) left unresolved",
            a.path.display()
        );
    }
}

/// Reads articles with a progress bar on a terminal (hidden otherwise).
fn read_articles(
    paths: &[std::path::PathBuf],
) -> (
    Vec<article::Article>,
    Vec<article::ArticleError>,
    article::ReadSummary,
) {
    let (files, _) = article::find_article_files(paths);
    let bar = progress_bar(files.len() as u64, "articles");
    let result = article::read_paths(paths, || bar.inc(1));
    bar.finish_and_clear();
    for a in &result.0 {
        for w in &a.warnings {
            eprintln!("warning: {}: {w}", article::shown_path(&a.path));
        }
    }
    result
}

/// Every failure on its own line naming the file, then the summary.
fn report(errors: &[article::ArticleError], summary: &article::ReadSummary) {
    for e in errors {
        eprintln!("error: {e}");
    }
    eprintln!("{summary}");
}

/// Was the input named on the command line wrong (a path that does not
/// exist, a directory without articles)? The run fails then, after doing
/// what it could with the rest.
fn bad_input(failed: &std::collections::BTreeMap<&'static str, usize>) -> bool {
    article::ReadError::BAD_INPUT
        .iter()
        .any(|e| failed.contains_key(e.reason()))
}

fn exit_code(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn write_text(out: &mut impl Write, a: &article::Article) -> std::io::Result<()> {
    writeln!(out, "# {}", a.title.as_deref().unwrap_or("(untitled)"))?;
    writeln!(out, "file: {}", a.path.display())?;
    writeln!(out, "url: {}", a.url.as_deref().unwrap_or("-"))?;
    writeln!(out, "outlet: {}", a.outlet.as_deref().unwrap_or("-"))?;
    let published = a.published.map(|t| t.to_rfc3339());
    writeln!(out, "published: {}", published.as_deref().unwrap_or("-"))?;
    writeln!(out, "id: {}", a.id)?;
    for p in &a.paragraphs {
        writeln!(out)?;
        match p.kind {
            article::ParagraphKind::Caption => writeln!(out, "[caption] {}", p.text)?,
            _ => writeln!(out, "{}", p.text)?,
        }
    }
    writeln!(out)
}
