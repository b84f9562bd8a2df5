mod cli;

use anyhow::Result;
use clap::Parser;
use cli::{Cli, Command, ExtractFormat, ParseFormat};
use dipgraph::{article, eval, export, extract};
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
            Ok(exit_code(args.strict && !errors.is_empty()))
        }
        Command::Extract(args) => {
            let (articles, errors, summary) = read_articles(&args.paths);
            let rows = extract_all(&articles);
            let out = BufWriter::new(std::io::stdout().lock());
            match args.format {
                ExtractFormat::Csv => export::write_interactions_csv(out, &rows)?,
                ExtractFormat::Jsonl => export::write_interactions_jsonl(out, &rows)?,
            }
            report(&errors, &summary);
            report_undated(&articles);
            eprintln!("{} interactions", rows.len());
            Ok(exit_code(args.strict && !errors.is_empty()))
        }
        Command::Eval(args) => {
            let gold = eval::read_rows(&args.gold).map_err(anyhow::Error::msg)?;
            let (articles, errors, summary) = read_articles(&args.paths);
            report(&errors, &summary);
            let rows: Vec<eval::Row> = extract_all(&articles).iter().map(eval::Row::from).collect();
            let s = eval::score(&gold, &rows, None);
            if args.verbose {
                for p in &s.false_positives {
                    println!(
                        "false positive: {} {} {} {} {}",
                        p.article, p.subject, p.relation, p.object, p.date
                    );
                }
                for m in &s.missed {
                    println!(
                        "missed: {} {} {} {} {}",
                        m.article, m.subject, m.relation, m.object, m.date
                    );
                }
            }
            let by_rel: Vec<String> = s
                .recall_by_relation
                .iter()
                .map(|(r, (m, g))| format!("{r} {m}/{g}"))
                .collect();
            println!("recall by relation: {}", by_rel.join(", "));
            println!(
                "gold {} predicted {} matched {} date_accuracy {:.4}",
                s.gold, s.predicted, s.matched, s.date_accuracy
            );
            println!(
                "precision {:.4} recall {:.4} f1 {:.4}",
                s.precision, s.recall, s.f1
            );
            Ok(exit_code(args.min_f1.is_some_and(|m| s.f1 < m)))
        }
    }
}

/// Interactions of every article, in article order, extracted in parallel.
fn extract_all(articles: &[article::Article]) -> Vec<extract::Interaction> {
    articles
        .par_iter()
        .flat_map_iter(extract::extract)
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
