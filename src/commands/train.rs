//! `dipgraph train` and `dipgraph train-names`: the interaction model and
//! the name tagger, each with its held-out scores.

use super::exit_code;
use crate::cli::{TrainArgs, TrainNamesArgs};
use anyhow::Result;
use dipgraph::extract::classifier::TrainConfig;
use dipgraph::train;
use std::io::Write;
use std::process::ExitCode;

/// Cross-validates the interaction model on a gold corpus and, with
/// `--out`, writes the model trained on all of it.
pub fn run(args: &TrainArgs) -> Result<ExitCode> {
    let (gold, list) = if args.gold.is_dir() {
        let list = args.gold.join("articles.txt");
        (
            args.gold.join("train.gold.csv"),
            list.exists().then_some(list),
        )
    } else {
        (args.gold.clone(), None)
    };
    let corpus = train::read_corpus(&gold, list.as_deref(), &args.input)?;
    for e in &corpus.read_errors {
        eprintln!("error: {e}");
    }
    let config = TrainConfig {
        epochs: args.epochs,
        l2: args.l2,
        text_l2: args.text_l2,
        orders: args.orders.into(),
        bags: args.bags,
        seed: args.seed,
        ..Default::default()
    };
    let examples = train::examples(&corpus);
    let cv = train::cross_validate(&corpus, &examples, args.folds.into(), config);
    let mut out = super::stdout();
    write!(out, "{cv}")?;
    out.flush()?;
    if let Some(path) = &args.candidates {
        let file =
            std::fs::File::create(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        train::write_candidates(&corpus, &examples, &cv, std::io::BufWriter::new(file))
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    if let Some(path) = &args.out {
        let source = gold.display().to_string();
        let model = train::train_model(&corpus, &examples, &cv, config, &source);
        std::fs::write(path, model.to_text())
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        eprintln!("wrote {} ({} weights)", path.display(), model.len());
    }
    Ok(exit_code(!corpus.read_errors.is_empty()))
}

/// Trains the name tagger on silver names; prints its held-out scores
/// and, with `--gold`, how many gold people outside the registry it tags.
pub fn run_names(args: &TrainNamesArgs) -> Result<ExitCode> {
    let gold = args
        .gold
        .as_deref()
        .map(dipgraph::eval::read_rows)
        .transpose()?;
    let (tagger, r) = train::names::train_names(
        &args.silver,
        &args.input,
        gold.as_deref(),
        args.epochs,
        args.seed,
    )?;
    let mut out = super::stdout();
    writeln!(
        out,
        "articles {}, sentences {}; held out (every tenth article): precision {:.3} recall {:.3} against the silver names ({} predicted, {} expected, {} matched)",
        r.articles,
        r.sentences,
        r.held_out.precision(),
        r.held_out.recall(),
        r.held_out.predicted,
        r.held_out.expected,
        r.held_out.matched,
    )?;
    if gold.is_some() {
        writeln!(
            out,
            "gold actors outside the registry named in their evidence, held-out articles: {} of {} tagged exactly ({:.3})",
            r.gold_people.0,
            r.gold_people.1,
            r.gold_people.0 as f64 / r.gold_people.1.max(1) as f64
        )?;
    }
    out.flush()?;
    if let Some(path) = &args.out {
        let header = train::names::header(&r, args.epochs, args.seed);
        std::fs::write(path, tagger.to_text(&header))
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        eprintln!("wrote {} ({} features)", path.display(), r.features);
    }
    Ok(ExitCode::SUCCESS)
}
