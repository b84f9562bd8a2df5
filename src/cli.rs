//! Command-line definitions (clap). Parsing only: every command is carried
//! out by the library.

use clap::{Parser, Subcommand, ValueEnum};
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
        after_help = "Examples:\n  dipgraph extract data/samples --format csv > out/interactions.csv\n  dipgraph extract ../shared/corpus/news --format jsonl"
    )]
    Extract(ExtractArgs),
    /// Score extraction against a gold file (precision, recall, F1, date accuracy).
    #[command(
        after_help = "Example:\n  dipgraph eval --gold ../shared/eval/seeds.gold.csv data/samples"
    )]
    Eval(EvalArgs),
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Files or directories of articles.
    #[arg(default_value = DEFAULT_INPUT)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Csv)]
    pub format: ExtractFormat,
    /// Exit with status 1 if any file fails to parse.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// The gold columns first, then location, CAMEO, PLOVER, confidence, published, url…
    Csv,
    /// One JSON object per interaction.
    Jsonl,
}

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// The gold CSV (article,subject,subject_zh,relation,object,object_zh,date,status,evidence).
    #[arg(long)]
    pub gold: PathBuf,
    /// Articles to extract from (only those named in the gold file are scored).
    #[arg(default_value = DEFAULT_INPUT)]
    pub paths: Vec<PathBuf>,
    /// Exit with status 1 when F1 falls below this.
    #[arg(long)]
    pub min_f1: Option<f64>,
    /// Print false positives and misses too.
    #[arg(long, short)]
    pub verbose: bool,
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
