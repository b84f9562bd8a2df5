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
