//! Command-line definitions (clap). Parsing only: every command is carried
//! out by the library.

use clap::{Parser, Subcommand, ValueEnum};
use dipgraph::export::Labels;
use dipgraph::graph::metrics::Metric;
use dipgraph::model::{ActorType, Relation, Status};
use dipgraph::query::OutputFormat;
use std::path::PathBuf;

/// The bundled sample articles every command reads by default.
pub const DEFAULT_INPUT: &str = "data/samples";

#[derive(Debug, Parser)]
#[command(
    name = "dipgraph",
    version,
    about = "Turn Chinese news about diplomacy into a knowledge graph of who met, called, visited, urged or criticised whom, and when."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse articles into clean text with title, URL, outlet and publication time.
    #[command(
        after_help = "Example:\n  dipgraph parse data/samples --format jsonl > out/articles.jsonl"
    )]
    Parse(ParseArgs),
    /// Extract typed, dated, sourced interactions between actors.
    #[command(
        after_help = "Examples:\n  dipgraph extract data/samples --format csv > out/interactions.csv\n  dipgraph extract ../shared/corpus/news --format jsonl\n  dipgraph extract archive/ --format nquads --shard 1/4 > shard1.nq"
    )]
    Extract(ExtractArgs),
    /// Score extraction against a gold file (precision, recall, F1, date accuracy).
    #[command(
        after_help = "Examples:\n  dipgraph eval --gold data/gold/samples.gold.csv data/samples\n  dipgraph eval --gold data/gold/train/train.gold.csv --articles data/gold/train/articles.txt ../shared/corpus/train -v\n  dipgraph eval --sets data/gold/sets.csv   # the table of `make eval`"
    )]
    Eval(EvalArgs),
    /// Mine the foreign names an archive writes with their original spelling in brackets (克拉奇（Keith Krach）).
    #[command(
        after_help = "Example:\n  dipgraph mine-names archive/ --output ontology/mined_names.csv\n\nRows whose `reviewed` column a person filled in keep it when the file is written again."
    )]
    MineNames(MineNamesArgs),
    /// Train the interaction model on an annotated corpus; prints its k-fold cross-validation.
    #[command(
        after_help = "Example:\n  dipgraph train --gold data/gold/train ../shared/corpus/train --out data/model/interactions.model\n\nDeterministic: the same corpus and seed give the same file. `make model` runs this."
    )]
    Train(TrainArgs),
    /// Train the name tagger on silver names (LAC's, data/ner/lac_train.tsv) of the training pool; prints its held-out scores.
    #[command(
        after_help = "Example:\n  dipgraph train-names --silver data/ner/lac_train.tsv ../shared/corpus/train --gold data/gold/train/train.gold.csv --out data/model/names.tagger\n\nDeterministic: the same input and seed give the same file. `make model` runs this before `train`."
    )]
    TrainNames(TrainNamesArgs),
    /// Parse, extract and store articles in the knowledge graph (Oxigraph on disk, or a SPARQL 1.1 store).
    #[command(
        after_help = "Examples:\n  dipgraph ingest data/samples --store out/store\n  dipgraph ingest archive/ --endpoint http://127.0.0.1:7878\n  dipgraph ingest archive/ --endpoint http://db:7878 --shard 2/8   # then: dipgraph fold-events --endpoint http://db:7878\n\nAn article is its url, else its content (never its file name). Re-ingesting an unchanged article changes nothing; a changed one (same url, other bytes) replaces its reports; a byte-identical copy is stored once and counted as a duplicate."
    )]
    Ingest(IngestArgs),
    /// Fold the stored reports into events, after sharded ingests or a bulk load (idempotent).
    #[command(
        after_help = "Examples:\n  dipgraph fold-events --endpoint http://127.0.0.1:7878\n  dipgraph fold-events --store out/store\n\nAlso writes the ontology and registry graphs if missing, and of articles stored under two file names with one url keeps the file name that sorts last, as a single ingest of the directory would."
    )]
    FoldEvents(FoldEventsArgs),
    /// Run a SPARQL query (inline or a .rq file) against the store.
    #[command(
        after_help = "Examples:\n  dipgraph query 'SELECT (COUNT(*) AS ?n) WHERE { ?e a dip:Interaction }'\n  dipgraph query --file queries/partners_ranked.rq --param actor=actor:park_jin\n\nPrefixes dip: actor: ev: rep: art: prov: schema: skos: owl: wd: rdf: rdfs: xsd: are predeclared.\nThe default graph is the union of all graphs."
    )]
    Query(QueryArgs),
    /// Serve the store as a SPARQL 1.1 Protocol endpoint.
    #[command(
        after_help = "Example:\n  dipgraph serve --bind 127.0.0.1:7878\n  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' http://127.0.0.1:7878/sparql"
    )]
    Serve(ServeArgs),
    /// Centrality of the actor graph: degree, betweenness, closeness, PageRank, eigenvector.
    #[command(
        after_help = "Examples:\n  dipgraph metrics --top 20\n  dipgraph metrics --relation meet,call --since 2023-01-01 --format csv --output out/centrality.csv\n  dipgraph metrics --edges my_graph.csv --samples 500"
    )]
    Metrics(MetricsArgs),
    /// Export the graph: Graphviz drawings, CSV tables for spreadsheets and Gephi, GraphML, RDF dumps.
    #[command(
        after_help = "Examples:\n  dipgraph export --format png --output out/graph.png\n  dipgraph export --format csv --output out/\n  dipgraph export --format xlsx --output out/dipgraph.xlsx\n  dipgraph export --format svg --min-weight 3 --top 80 --labels both --since 2020-07 --until 2020-12 --output big.svg"
    )]
    Export(ExportArgs),
    /// A query worker of `serve` (internal: started by the server, answers
    /// jobs on stdin).
    #[command(name = "__query-worker", hide = true)]
    QueryWorker(QueryWorkerArgs),
    /// The sources sampled betweenness starts from, one node index a line
    /// (internal: for scripts comparing with networkx on the same sample).
    #[command(name = "__pivots", hide = true)]
    Pivots(PivotsArgs),
}

#[derive(Debug, clap::Args)]
pub struct PivotsArgs {
    /// Nodes of the graph.
    pub nodes: usize,
    /// `--samples`.
    pub samples: usize,
    /// `--seed`.
    pub seed: u64,
}

/// Which events make the actor graph.
#[derive(Debug, clap::Args)]
pub struct GraphArgs {
    #[command(flatten)]
    pub store: StoreArg,
    #[command(flatten)]
    pub remote: RemoteArgs,
    /// Read the graph from an edge list CSV (Gephi's Source,Target[,Weight][,Type]) instead of the store.
    #[arg(long, value_name = "FILE.csv")]
    pub edges: Option<PathBuf>,
    /// Keep only these relations (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_parser = clap::builder::PossibleValuesParser::new(Relation::ALL.map(Relation::as_str)))]
    pub relation: Vec<String>,
    /// Keep events on or after this date: YYYY-MM-DD, YYYY-MM or YYYY (a month or year from its first day).
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    pub since: Option<chrono::NaiveDate>,
    /// Keep events on or before this date: YYYY-MM-DD, YYYY-MM or YYYY (a month or year to its last day).
    #[arg(long, value_name = "DATE", value_parser = parse_until)]
    pub until: Option<chrono::NaiveDate>,
    /// Keep only occurred or only planned events.
    #[arg(long, value_enum)]
    pub status: Option<Status>,
    /// Keep events whose two actors are of these types (comma-separated).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub actor_type: Vec<ActorType>,
    /// Drop edges with fewer events than this.
    #[arg(long, default_value_t = 1.0)]
    pub min_weight: f64,
    /// Also count background events (over more than a year before the first article reporting them), left out by default.
    #[arg(long)]
    pub include_background: bool,
    /// Keep events of at least this confidence (the model's calibrated probability, 0–1; see `make eval`'s curve).
    #[arg(long, default_value_t = 0.0, value_parser = parse_probability::<f64>)]
    pub min_confidence: f64,
}

#[derive(Debug, clap::Args)]
pub struct MetricsArgs {
    #[command(flatten)]
    pub graph: GraphArgs,
    /// Respect edge direction (visit, criticize…); by default the graph is undirected.
    #[arg(long)]
    pub directed: bool,
    /// PageRank damping factor.
    #[arg(long, default_value_t = 0.85)]
    pub damping: f64,
    /// Convergence tolerance of PageRank and eigenvector centrality.
    #[arg(long, default_value_t = 1e-10)]
    pub tolerance: f64,
    /// Iteration limit of PageRank and eigenvector centrality.
    #[arg(long, default_value_t = 1000)]
    pub max_iter: usize,
    /// Approximate betweenness from K sampled source nodes (large graphs).
    #[arg(long, value_name = "K")]
    pub samples: Option<usize>,
    /// Seed of the sampling.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Compute only these metrics (comma-separated); the others are left
    /// empty. Degree and weighted degree are always computed. Exact
    /// closeness searches from every node: leave it out on large graphs.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub metrics: Vec<Metric>,
    /// Print each step's wall time to stderr (`timings: collapse=… pagerank=…`).
    #[arg(long)]
    pub timings: bool,
    /// Sort by this metric [default: pagerank, or the first one computed].
    #[arg(long, value_enum)]
    pub sort_by: Option<Metric>,
    /// Show only the first N actors.
    #[arg(long)]
    pub top: Option<usize>,
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
    /// Also write the full table as CSV to this file.
    #[arg(long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Graphviz source (graphviz-rust).
    Dot,
    /// Drawn by Graphviz (dot for small graphs, sfdp for large ones).
    Svg,
    Png,
    /// interactions.csv, events.csv, nodes.csv, edges.csv, centrality.csv into a directory.
    Csv,
    /// The same five tables as one Excel workbook (typed cells: codes and ids stay text).
    Xlsx,
    /// For networkx, Gephi and yEd.
    Graphml,
    /// RDF dumps of the whole store.
    Turtle,
    Nquads,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output file (a directory for csv: its five files are replaced); standard output when omitted (text formats).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub graph: GraphArgs,
    /// Size nodes by this metric (drawings) .
    #[arg(long, value_enum, default_value_t = Metric::Pagerank)]
    pub size_by: Metric,
    /// Draw only the N actors ranked highest by --size-by.
    #[arg(long)]
    pub top: Option<usize>,
    /// Title of the drawing (default: the articles' publication window, or the period asked for, and the filters).
    #[arg(long)]
    pub title: Option<String>,
    /// Name actors in English, Chinese or both (drawings, GraphML's label, the Gephi nodes' Label).
    #[arg(long, value_enum, default_value_t = Labels::En)]
    pub labels: Labels,
}

fn parse_since(s: &str) -> Result<chrono::NaiveDate, String> {
    dipgraph::query::date_arg::parse_since(s).map_err(|e| e.to_string())
}

fn parse_until(s: &str) -> Result<chrono::NaiveDate, String> {
    dipgraph::query::date_arg::parse_until(s).map_err(|e| e.to_string())
}

#[derive(Debug, clap::Args)]
pub struct StoreArg {
    /// The store directory (created if missing).
    #[arg(long, default_value = dipgraph::store::DEFAULT_STORE)]
    pub store: PathBuf,
}

/// A SPARQL 1.1 store over HTTP instead of the embedded one.
#[derive(Debug, clap::Args)]
pub struct RemoteArgs {
    /// Use this SPARQL 1.1 store instead of --store: the base URL of an Oxigraph
    /// server (queries at URL/query, updates at URL/update, Graph Store at URL/store),
    /// or a query URL ending in /query (siblings update and store) or /sparql (also updates).
    #[arg(long, value_name = "URL", conflicts_with = "store")]
    pub endpoint: Option<String>,
    /// SPARQL 1.1 Update URL, when not where --endpoint implies.
    #[arg(long, value_name = "URL", requires = "endpoint")]
    pub update_url: Option<String>,
    /// SPARQL 1.1 Graph Store Protocol URL, when not where --endpoint implies (Fuseki: …/DATASET/data).
    #[arg(long, value_name = "URL", requires = "endpoint")]
    pub graph_store: Option<String>,
    /// Sent to the store as `Authorization: Bearer TOKEN`.
    #[arg(long, env = "DIPGRAPH_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Keep retrying an unreachable or failing (5xx) store this long before giving up.
    #[arg(long, value_name = "SECONDS", default_value = "60", value_parser = parse_seconds)]
    pub retry_for: std::time::Duration,
}

#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Files or directories of articles.
    #[arg(default_value = DEFAULT_INPUT)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub store: StoreArg,
    #[command(flatten)]
    pub remote: RemoteArgs,
    /// Articles per batch (a transaction on the embedded store); a batch
    /// also closes at 16 MiB of files, so memory stays bounded.
    #[arg(long, default_value_t = dipgraph::ingest::DEFAULT_BATCH)]
    pub batch: usize,
    /// Only the I-th of N shards of the files (by file name; 1-based: 1/3, 2/3, 3/3).
    /// Events are then left to `dipgraph fold-events`.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<dipgraph::shard::Shard>,
    /// Serve the store read-only at this address while ingesting (and after,
    /// until interrupted), so readers can query during a long ingest.
    #[arg(long, value_name = "ADDR", conflicts_with = "endpoint")]
    pub serve: Option<String>,
    /// Exit with status 1 if any file fails to parse.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    /// The SPARQL query text (or use --file).
    #[arg(required_unless_present = "file", conflicts_with = "file")]
    pub sparql: Option<String>,
    /// A .rq file; its `# param:` defaults apply unless overridden.
    #[arg(long, short)]
    pub file: Option<PathBuf>,
    /// Bind a variable: NAME=VALUE, VALUE being <iri>, actor:id, "text", "text"@zh,
    /// 2020-11-26 (xsd:date), 2020-11, a number or true/false.
    #[arg(long = "param", short = 'p', value_parser = parse_key_value)]
    pub params: Vec<(String, String)>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
    #[command(flatten)]
    pub store: StoreArg,
    #[command(flatten)]
    pub remote: RemoteArgs,
}

#[derive(Debug, clap::Args)]
pub struct FoldEventsArgs {
    #[command(flatten)]
    pub store: StoreArg,
    #[command(flatten)]
    pub remote: RemoteArgs,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub store: StoreArg,
    /// Address to listen on (loopback by default).
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub bind: String,
    /// Accept SPARQL updates that carry `Authorization: Bearer TOKEN`.
    /// Without it the endpoint is read-only.
    #[arg(long, env = "DIPGRAPH_UPDATE_TOKEN")]
    pub update_token: Option<String>,
    /// Cancel queries running longer than this many seconds.
    #[arg(long, value_name = "SECONDS", default_value = "30", value_parser = parse_timeout)]
    pub timeout: std::time::Duration,
    /// Return at most this many result rows.
    #[arg(long)]
    pub max_rows: Option<usize>,
    /// HTTP threads; also how many of the explorer's own requests
    /// (`/api/…`) evaluate at once, on slots no SPARQL query can take.
    #[arg(long, default_value_t = 4)]
    pub threads: usize,
    /// SPARQL queries evaluated at once, each in a worker process that is
    /// killed at the timeout (more wait for a free worker, at most the
    /// timeout).
    #[arg(long, default_value_t = 4, value_parser = parse_workers)]
    pub workers: usize,
    /// Memory a query may use, in MiB: a worker past it is stopped and the
    /// client gets a 503 naming the cap.
    #[arg(long, value_name = "MIB", default_value_t = dipgraph::serve::workers::DEFAULT_QUERY_MEMORY_MB, value_parser = clap::value_parser!(u64).range(128..=1 << 30))]
    pub query_memory: u64,
}

#[derive(Debug, clap::Args)]
pub struct QueryWorkerArgs {
    /// The memory cap, MiB.
    #[arg(long)]
    pub memory_mb: u64,
    /// The server's process id: a worker whose parent is another exits.
    #[arg(long)]
    pub server_pid: u32,
    /// A snapshot to open before the first job.
    #[arg(long)]
    pub open: Option<PathBuf>,
}

/// The longest wait a flag takes: a week (longer is a typo; `inf` and
/// `1e20` cannot be a `Duration`).
const MAX_SECONDS: f64 = 7.0 * 24.0 * 3600.0;

/// Seconds, as a duration: a finite number from 0 to a week.
fn parse_seconds(s: &str) -> Result<std::time::Duration, String> {
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number of seconds"))?;
    if !v.is_finite() || !(0.0..=MAX_SECONDS).contains(&v) {
        return Err(format!(
            "{s} seconds is out of range: give a number from 0 to {MAX_SECONDS} (a week)"
        ));
    }
    Ok(std::time::Duration::from_secs_f64(v))
}

/// A timeout: [`parse_seconds`], and more than zero.
fn parse_workers(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n @ 1..=256) => Ok(n),
        _ => Err(format!("{s:?}: give a number of workers from 1 to 256")),
    }
}

fn parse_timeout(s: &str) -> Result<std::time::Duration, String> {
    let d = parse_seconds(s)?;
    if d.is_zero() {
        return Err(
            "a timeout of 0 seconds would cancel every query: give a positive number".into(),
        );
    }
    Ok(d)
}

fn parse_key_value(s: &str) -> Result<(String, String), String> {
    let (k, v) = s
        .split_once('=')
        .ok_or_else(|| format!("expected NAME=VALUE, got {s:?}"))?;
    Ok((k.trim().trim_start_matches('?').to_string(), v.to_string()))
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Files or directories of articles.
    #[arg(default_value = DEFAULT_INPUT)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Csv)]
    pub format: ExtractFormat,
    /// Only the I-th of N shards of the files (by file name; 1-based), as `ingest --shard`.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<dipgraph::shard::Shard>,
    /// Exit with status 1 if any file fails to parse.
    #[arg(long)]
    pub strict: bool,
    /// Print `articles=N sentences=N bytes=N seconds=S` to stderr (reading
    /// and extraction time; bytes of clean text), for throughput figures.
    #[arg(long)]
    pub stats: bool,
    /// Who decides which candidates are interactions (the model keeps the patterns' candidates it does not find unlikely, and adds what it finds probable).
    #[arg(long, value_enum, default_value_t = DeciderArg::Model)]
    pub decider: DeciderArg,
    /// A model file instead of the bundled one (data/model/interactions.model).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Keep only interactions at least this confident (0–1). With the model it is a probability: higher is more precise, lower finds more.
    #[arg(long, value_parser = parse_probability::<f32>)]
    pub min_confidence: Option<f32>,
}

fn parse_probability<F: std::str::FromStr + PartialOrd + From<u8>>(s: &str) -> Result<F, String> {
    match s.parse::<F>() {
        Ok(p) if (F::from(0)..=F::from(1)).contains(&p) => Ok(p),
        _ => Err(format!("{s:?} is not a number from 0 to 1")),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// The gold columns first, then location, CAMEO, PLOVER, confidence, published, url…
    Csv,
    /// One JSON object per interaction.
    Jsonl,
    /// Each article's graph as `ingest` stores it, as N-Quads for a store's bulk
    /// loader (then run `dipgraph fold-events`).
    Nquads,
}

#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("which").required(true).args(["gold", "sets"]))]
pub struct EvalArgs {
    /// The gold CSV (article,subject,subject_zh,relation,object,object_zh,date,status,evidence).
    #[arg(long)]
    pub gold: Option<PathBuf>,
    /// Every annotated article of the gold, one file name a line: articles without rows count too.
    #[arg(long, requires = "gold")]
    pub articles: Option<PathBuf>,
    /// The directory holding the gold's articles (only those are read and scored).
    #[arg(default_value = DEFAULT_INPUT)]
    pub input: PathBuf,
    /// Score every set of this CSV (name,gold,articles,input) and print one table.
    #[arg(long, conflicts_with_all = ["gold", "articles"])]
    pub sets: Option<PathBuf>,
    /// Bootstrap draws for the 95% intervals (0: none).
    #[arg(long, default_value_t = dipgraph::eval::bootstrap::RESAMPLES)]
    pub bootstrap: usize,
    /// Exit with status 1 when a set's F1 falls below this.
    #[arg(long)]
    pub min_f1: Option<f64>,
    /// The error report: misses, false positives and flawed matches sorted into causes, with counts; each row too.
    #[arg(long, short)]
    pub verbose: bool,
    /// Who decides: the patterns, the learned model, or both side by side (`rules,model`); a set the model was trained on is scored by 5-fold cross-validation.
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [DeciderArg::Rules, DeciderArg::Model])]
    pub decider: Vec<DeciderArg>,
    /// A model file instead of the bundled one (data/model/interactions.model).
    #[arg(long)]
    pub model: Option<PathBuf>,
}

/// Who decides which candidates are interactions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DeciderArg {
    /// The argument patterns of the lexicon (data/lexicon/triggers.csv).
    Rules,
    /// The model trained on the annotated corpus (`dipgraph train`): every candidate pair scored, confidence a probability.
    Model,
}

#[derive(Debug, clap::Args)]
pub struct TrainArgs {
    /// The gold: a CSV, or a directory holding train.gold.csv and articles.txt (every annotated article).
    #[arg(long)]
    pub gold: PathBuf,
    /// The directory holding the gold's articles.
    pub input: PathBuf,
    /// Where to write the model; without it only the cross-validation is printed.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Folds of the cross-validation (over articles).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u16).range(2..=100))]
    pub folds: u16,
    /// Passes over the training examples.
    #[arg(long, default_value_t = dipgraph::extract::classifier::TrainConfig::default().epochs)]
    pub epochs: usize,
    /// L2 penalty on the weights (larger: smaller weights, less fit to the training articles).
    #[arg(long, default_value_t = dipgraph::extract::classifier::TrainConfig::default().l2)]
    pub l2: f32,
    /// The L2 of the features that read the text's characters (span|, said|), as a multiple of --l2.
    #[arg(long, default_value_t = dipgraph::extract::classifier::TrainConfig::default().text_l2)]
    pub text_l2: f32,
    /// Shuffle orders trained and averaged (more: a model that moves less between retrains).
    #[arg(long, default_value_t = dipgraph::extract::classifier::TrainConfig::default().orders as u16, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub orders: u16,
    /// How the candidates that stand for one gold row learn as positives.
    #[arg(long, value_enum, default_value_t = dipgraph::extract::classifier::TrainConfig::default().bags)]
    pub bags: dipgraph::extract::classifier::Bags,
    /// Seed of the shuffles (folds and training order).
    #[arg(long, default_value_t = dipgraph::extract::classifier::TrainConfig::default().seed)]
    pub seed: u64,
    /// Write every candidate with its out-of-fold probability and strongest features to this CSV (to see what the model gets wrong).
    #[arg(long)]
    pub candidates: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct TrainNamesArgs {
    /// The silver names: `file, type, text, count` per article (scripts/lac_tag.py writes it).
    #[arg(long)]
    pub silver: PathBuf,
    /// The directory holding the articles the silver file names.
    pub input: PathBuf,
    /// A gold file, to report how many of its people outside the registry the tagger finds in held-out articles.
    #[arg(long)]
    pub gold: Option<PathBuf>,
    /// Where to write the tagger; without it only the held-out scores are printed.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Passes over the sentences.
    #[arg(long, default_value_t = 5)]
    pub epochs: usize,
    /// Seed of the training order.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[derive(Debug, clap::Args)]
pub struct MineNamesArgs {
    /// Files or directories of the archive.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Where to write the names (CSV); standard output when absent.
    #[arg(long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// Files or directories (read recursively: .txt .md .markdown .html .htm).
    #[arg(default_value = DEFAULT_INPUT)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ParseFormat::Jsonl)]
    pub format: ParseFormat,
    /// Exit with status 1 if any file fails to parse.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ParseFormat {
    /// One JSON object a line with every field.
    Jsonl,
    /// Readable text: header fields, then paragraphs.
    Text,
}

#[cfg(test)]
mod tests {
    use super::{parse_seconds, parse_timeout};
    use std::time::Duration;

    #[test]
    fn durations_are_finite_bounded_and_timeouts_positive() {
        assert_eq!(parse_seconds("2.5"), Ok(Duration::from_millis(2500)));
        assert_eq!(parse_seconds("0"), Ok(Duration::ZERO));
        for bad in ["inf", "1e20", "nan", "-5", "ten", "604801"] {
            assert!(parse_seconds(bad).is_err(), "{bad}");
        }
        assert!(parse_timeout("0").is_err());
        assert_eq!(parse_timeout("30"), Ok(Duration::from_secs(30)));
    }
}
