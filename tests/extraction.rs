//! Extraction quality regression: the five samples against the shared gold
//! (the bar: F1 ≥ 0.90, date accuracy ≥ 0.90) and the second,
//! independently annotated dev set of corpus articles (tests/gold/).

use dipgraph::article::read_paths;
use dipgraph::eval::{Row, Score, read_rows, score};
use dipgraph::extract::extract;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn evaluate(gold: &Path, input: &Path) -> Score {
    assert!(
        gold.exists(),
        "{} missing: the shared data must sit beside the repo",
        gold.display()
    );
    let gold = read_rows(gold).unwrap();
    let (articles, errors, _) = read_paths(&[PathBuf::from(input)], || {});
    assert!(errors.is_empty() || input.ends_with("news"), "{errors:?}");
    let pred: Vec<Row> = articles
        .iter()
        .flat_map(extract)
        .map(|i| Row::from(&i))
        .collect();
    score(&gold, &pred, None)
}

#[test]
fn samples_meet_the_f1_and_date_floor() {
    let s = evaluate(
        &root().join("../shared/eval/seeds.gold.csv"),
        &root().join("data/samples"),
    );
    eprintln!(
        "samples: P {:.3} R {:.3} F1 {:.3} dates {:.3}",
        s.precision, s.recall, s.f1, s.date_accuracy
    );
    assert!(s.f1 >= 0.90, "F1 {:.3} < 0.90; missed {:?}", s.f1, s.missed);
    assert!(
        s.date_accuracy >= 0.90,
        "date accuracy {:.3} < 0.90",
        s.date_accuracy
    );
}

#[test]
fn corpus_dev_set_does_not_regress() {
    let s = evaluate(
        &root().join("tests/gold/corpus.gold.csv"),
        &root().join("../shared/corpus/news"),
    );
    eprintln!(
        "corpus dev set: P {:.3} R {:.3} F1 {:.3} dates {:.3}",
        s.precision, s.recall, s.f1, s.date_accuracy
    );
    // Floor set just under the score when the set was made; raise it as
    // extraction improves.
    assert!(s.f1 >= 0.74, "F1 {:.3}", s.f1);
}

#[test]
fn held_out_set_stays_above_its_floor() {
    // Twelve more corpus articles annotated without looking at the code's
    // output; not used to develop the rules, only to watch them generalise.
    let s = evaluate(
        &root().join("tests/gold/heldout.gold.csv"),
        &root().join("../shared/corpus/news"),
    );
    eprintln!(
        "held-out set: P {:.3} R {:.3} F1 {:.3} dates {:.3}",
        s.precision, s.recall, s.f1, s.date_accuracy
    );
    assert!(s.f1 >= 0.49, "F1 {:.3}", s.f1);
}
