//! `dipgraph eval`: extraction scored on one gold set or on every set of a
//! sets file.

use super::{exit_code, load_model};
use crate::cli::{DeciderArg, EvalArgs};
use anyhow::Result;
use dipgraph::eval::sets::{self, EvalSet, SetResult};
use dipgraph::extract;
use std::io::Write;
use std::process::ExitCode;

/// The table with intervals, and with `-v` the error report of each set;
/// status 1 when a set's F1 is below `--min-f1`.
pub fn run(args: &EvalArgs) -> Result<ExitCode> {
    let sets = match (&args.sets, &args.gold) {
        (Some(sets), _) => sets::read_sets(sets)?,
        (None, Some(gold)) => vec![EvalSet {
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
            let mut result = score(set, d, &model, args.bootstrap, args.verbose)?;
            if deciders.len() > 1 && !result.name.ends_with("CV)") {
                let who = match d {
                    DeciderArg::Rules => "rules",
                    DeciderArg::Model => "model",
                };
                result.name = format!("{} ({who})", result.name);
            }
            for e in &result.read_errors {
                eprintln!("error: {e}");
            }
            results.push(result);
        }
    }
    let mut out = super::stdout();
    write!(out, "{}", sets::table(&results))?;
    if args.verbose {
        for r in &results {
            writeln!(out)?;
            write!(out, "{}", sets::error_report(r, true))?;
        }
    }
    out.flush()?;
    let below = |r: &SetResult| args.min_f1.is_some_and(|m| r.score.f1 < m);
    Ok(exit_code(results.iter().any(below)))
}

/// One set scored by one decider; the model on a set it was trained on by
/// 5-fold cross-validation (its errors diagnosed only for the report,
/// `verbose`).
fn score(
    set: &EvalSet,
    decider: DeciderArg,
    model: &extract::classifier::Model,
    bootstrap: usize,
    verbose: bool,
) -> Result<SetResult> {
    Ok(match decider {
        DeciderArg::Model if set.trained => {
            let config = extract::classifier::TrainConfig::default();
            let mut r = dipgraph::train::cross_validated_set(set, 5, config, verbose)?;
            r.name = format!("{} (model, 5-fold CV)", r.name);
            r
        }
        DeciderArg::Model => sets::run_set(set, extract::Decider::model(model), bootstrap)?,
        DeciderArg::Rules => sets::run_set(set, extract::Decider::Rules, bootstrap)?,
    })
}
