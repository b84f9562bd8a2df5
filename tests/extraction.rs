//! Extraction quality regression: the five samples against their gold
//! (`data/gold/samples.gold.csv`, a copy of the shared one)
//! (the bar: F1 ≥ 0.90, date accuracy ≥ 0.90) and the second,
//! independently annotated dev set of corpus articles (tests/gold/).

use crate::common::{root, shared_corpus};
use dipgraph::article::read_paths;
use dipgraph::eval::{Row, Score, read_rows, score};
use dipgraph::extract::extract;
use std::path::{Path, PathBuf};

/// Scores extraction on `input` against `gold`.
fn evaluate(gold: &Path, input: &Path) -> Score {
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
        &root().join("data/gold/samples.gold.csv"),
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
    let Some(news) = shared_corpus("news") else {
        return;
    };
    let s = evaluate(&root().join("tests/gold/corpus.gold.csv"), &news);
    eprintln!(
        "corpus dev set: P {:.3} R {:.3} F1 {:.3} dates {:.3}",
        s.precision, s.recall, s.f1, s.date_accuracy
    );
    // Floor set just under the score; raise it as extraction improves. The
    // rules were written from these articles (0.748 alone); the model's
    // additions, which raise F1 on every set nobody wrote rules from
    // (training corpus by cross-validation, held-out), cost them 0.03.
    assert!(s.f1 >= 0.70, "F1 {:.3}", s.f1);
}

#[test]
fn held_out_set_stays_above_its_floor() {
    // Twelve more corpus articles annotated without looking at the code's
    // output; not used to develop the rules, only to watch them generalise.
    let Some(news) = shared_corpus("news") else {
        return;
    };
    let s = evaluate(&root().join("tests/gold/heldout.gold.csv"), &news);
    eprintln!(
        "held-out set: P {:.3} R {:.3} F1 {:.3} dates {:.3}",
        s.precision, s.recall, s.f1, s.date_accuracy
    );
    // 0.500 with the rules alone; with the model's additions 0.514 to 0.543
    // from one retraining to the next (twelve articles: the interval is
    // ±0.12). The floor is the rules' score: the model must not do worse.
    assert!(s.f1 >= 0.50, "F1 {:.3}", s.f1);
}

#[test]
fn training_corpus_stays_above_its_floor() {
    // All 2,000 posts of ../shared/corpus/train, annotated without seeing
    // the extractor (data/gold/train/): the honest figure (F1 0.303, dates
    // 0.658 when the floors were set; 0.264 and 0.524 before this session).
    let Some(input) = shared_corpus("train") else {
        return;
    };
    let set = dipgraph::eval::sets::EvalSet {
        name: "train".into(),
        gold: root().join("data/gold/train/train.gold.csv"),
        articles: Some(root().join("data/gold/train/articles.txt")),
        input,
        trained: true,
    };
    let r = dipgraph::eval::sets::run_set(&set, dipgraph::extract::Decider::Rules, 0).unwrap();
    assert!(r.read_errors.is_empty(), "{:?}", r.read_errors);
    let s = &r.score;
    eprintln!(
        "training corpus: P {:.3} R {:.3} F1 {:.3} dates {:.3}",
        s.precision, s.recall, s.f1, s.date_accuracy
    );
    assert_eq!(s.by_article.len(), 2000);
    assert!(s.f1 >= 0.295, "F1 {:.3}", s.f1);
    assert!(s.date_accuracy >= 0.64, "dates {:.3}", s.date_accuracy);
}

#[test]
fn the_bundled_name_tagger_is_what_training_produces() {
    // data/model/names.tagger must be exactly `make model`'s output on LAC's
    // names of the training pool: retrain and compare (seconds).
    let Some(input) = shared_corpus("train") else {
        return;
    };
    let gold = dipgraph::eval::read_rows(&root().join("data/gold/train/train.gold.csv")).unwrap();
    let (tagger, r) = dipgraph::train::names::train_names(
        &root().join("data/ner/lac_train.tsv"),
        &input,
        Some(&gold),
        5,
        1,
    )
    .unwrap();
    // Held out, it finds most of what LAC finds and most gold people the
    // registry does not know (floors a little under the values when set).
    // (P 0.925, R 0.867, 66 of 79 gold people when set; P 0.922, R 0.868, 65 of 76
    // since the registry keeps the mined two-character spellings).
    assert!(
        r.held_out.precision() >= 0.90,
        "{:.3}",
        r.held_out.precision()
    );
    assert!(r.held_out.recall() >= 0.84, "{:.3}", r.held_out.recall());
    let (found, all) = r.gold_people;
    assert!(found as f64 >= 0.78 * all as f64, "{found} of {all}");
    let bundled = std::fs::read_to_string(root().join("data/model/names.tagger")).unwrap();
    let text = tagger.to_text(&dipgraph::train::names::header(&r, 5, 1));
    assert!(
        text == bundled,
        "data/model/names.tagger is stale: run `make model`"
    );
}

#[test]
fn the_bundled_model_is_what_training_produces() {
    // data/model/interactions.model must be exactly `make model`'s output on
    // the annotated corpus: retrain and compare (seconds).
    let Some(input) = shared_corpus("train") else {
        return;
    };
    let gold = root().join("data/gold/train");
    let corpus = dipgraph::train::read_corpus(
        &gold.join("train.gold.csv"),
        Some(&gold.join("articles.txt")),
        &input,
    )
    .unwrap();
    let config = dipgraph::extract::classifier::TrainConfig::default();
    let examples = dipgraph::train::examples(&corpus);
    let cv = dipgraph::train::cross_validate(&corpus, &examples, 5, config);
    let source = "data/gold/train/train.gold.csv";
    let model = dipgraph::train::train_model(&corpus, &examples, &cv, config, source);
    // Cross-validated, the model's additions keep the rules' precision and
    // find more (rules alone: P 0.573, F1 0.305 [0.28–0.32]; with the
    // additions P 0.617, F1 0.346 [0.32–0.37] when this floor was set).
    let s = &cv.score;
    assert!(
        s.precision >= 0.573 && s.f1 >= 0.34,
        "{:.3} {:.3}",
        s.precision,
        s.f1
    );
    let bundled = std::fs::read_to_string(root().join("data/model/interactions.model")).unwrap();
    assert!(
        model.to_text() == bundled,
        "data/model/interactions.model is stale: run `make model`"
    );
}
