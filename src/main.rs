mod cli;

use anyhow::Result;
use clap::Parser;
use cli::{Cli, Command, ParseFormat};
use dipgraph::article;
use indicatif::{ProgressBar, ProgressStyle};
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
            Ok(exit_code(args.strict && !errors.is_empty()))
        }
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
    let bar = ProgressBar::new(files.len() as u64).with_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} articles {elapsed}")
            .expect("valid template"),
    );
    let result = article::read_paths(paths, || bar.inc(1));
    bar.finish_and_clear();
    result
}

/// Every failure on its own line naming the file, then the summary.
fn report(errors: &[article::ArticleError], summary: &article::ReadSummary) {
    for e in errors {
        eprintln!("error: {e}");
    }
    eprintln!("{summary}");
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
