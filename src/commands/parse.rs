//! `dipgraph parse`: articles as JSON lines or readable text.

use super::{read_articles, read_status, report};
use crate::cli::{ParseArgs, ParseFormat};
use anyhow::Result;
use dipgraph::article::{Article, ParagraphKind};
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: &ParseArgs) -> Result<ExitCode> {
    let (articles, errors, read) = read_articles(&args.paths);
    let mut out = super::stdout();
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
    report(&errors, &read);
    Ok(read_status(args.strict, &read.summary.failed))
}

fn write_text(out: &mut impl Write, a: &Article) -> std::io::Result<()> {
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
            ParagraphKind::Caption => writeln!(out, "[caption] {}", p.text)?,
            _ => writeln!(out, "{}", p.text)?,
        }
    }
    writeln!(out)
}
