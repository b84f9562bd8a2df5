//! `dipgraph mine-names`: the names an archive writes with their original
//! spelling in brackets.

use crate::cli::MineNamesArgs;
use anyhow::Result;
use dipgraph::extract::registry::Registry;
use dipgraph::mine;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

/// Mines bracketed names; a reviewed class already in the output file is
/// kept for its id.
pub fn run(args: &MineNamesArgs) -> Result<ExitCode> {
    let (mut names, stats) = mine::mine(&args.paths, Registry::hand(), mine::NameCues::builtin())?;
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
        None => {
            let mut out = super::stdout();
            mine::write_csv(&names, &mut out)?;
            out.flush()?;
        }
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
