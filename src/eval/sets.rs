//! The evaluation sets `make eval` scores, read from a CSV
//! (`data/gold/sets.csv`: name, gold, articles, input), each extracted,
//! scored, given bootstrap intervals and diagnosed, and printed as one table.

use super::bootstrap::{self, Interval, Intervals};
use super::causes::{self, Diagnosis};
use super::{CurvePoint, EvalError, Row, Score, read_article_list, read_rows, score};
use crate::article::{ArticleError, read_paths};
use crate::extract::{Decider, SentenceTrace, extract_traced};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One gold set and where its articles are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalSet {
    pub name: String,
    pub gold: PathBuf,
    /// Every annotated article, those without rows included; without it the
    /// articles the gold file names are scored.
    pub articles: Option<PathBuf>,
    /// The directory holding the articles.
    pub input: PathBuf,
    /// The model was trained on this set: it is scored by cross-validation.
    pub trained: bool,
}

/// Reads the sets file. Its paths are relative to the current directory
/// (`make eval` runs at the repository's root).
pub fn read_sets(path: &Path) -> Result<Vec<EvalSet>, EvalError> {
    let csv_error = |source| EvalError::Csv {
        path: path.to_owned(),
        source,
    };
    let mut rdr = csv::Reader::from_path(path).map_err(csv_error)?;
    let mut sets = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(csv_error)?;
        let field = |k: usize| rec.get(k).unwrap_or("").trim();
        if field(0).is_empty() || field(1).is_empty() || field(3).is_empty() {
            return Err(EvalError::BadRow {
                path: path.to_owned(),
                line: i + 2,
                problem: "a set needs a name, a gold file and an input directory".into(),
            });
        }
        sets.push(EvalSet {
            name: field(0).to_owned(),
            gold: field(1).into(),
            articles: Some(field(2)).filter(|a| !a.is_empty()).map(PathBuf::from),
            input: field(3).into(),
            trained: field(4) == "yes",
        });
    }
    Ok(sets)
}

/// A scored set.
#[derive(Debug)]
pub struct SetResult {
    pub name: String,
    pub score: Score,
    pub intervals: Option<Intervals>,
    pub diagnoses: Vec<Diagnosis>,
    /// Articles of the set that could not be read (each names its file).
    pub read_errors: Vec<ArticleError>,
    /// With the model: the score of the interactions at least 0.1, 0.2 …
    /// 0.9 confident (`extract --min-confidence`); empty for the rules,
    /// whose confidence is no probability.
    pub curve: Vec<CurvePoint>,
}

/// The minimum confidences the curve of a model's set is scored at.
pub fn curve_thresholds() -> impl Iterator<Item = f32> {
    (1..=9).map(|k| k as f32 / 10.0)
}

/// Extracts the set's articles (only those), scores them against its gold
/// with `resamples` bootstrap draws, and diagnoses every error.
pub fn run_set(set: &EvalSet, decider: Decider, resamples: usize) -> Result<SetResult, EvalError> {
    let gold: Vec<Row> = read_rows(&set.gold)?;
    let mut names: BTreeSet<String> = gold.iter().map(|g| g.article.clone()).collect();
    if let Some(list) = &set.articles {
        names.extend(read_article_list(list)?);
    }
    let paths: Vec<PathBuf> = names.iter().map(|n| set.input.join(n)).collect();
    let (articles, read_errors, _) = read_paths(&paths, || {});
    let extracted: Vec<_> = articles
        .par_iter()
        .map(|a| (a.file_name.clone(), extract_traced(a, decider)))
        .collect();
    let mut pred = Vec::new();
    let mut traces: HashMap<String, Vec<SentenceTrace>> = HashMap::new();
    for (name, (found, trace)) in extracted {
        pred.extend(found.iter().map(Row::from));
        traces.insert(name, trace);
    }
    let scored: HashSet<String> = names.into_iter().collect();
    // What `extract --min-confidence t` keeps: one threshold for every
    // candidate, the patterns' and the model's own.
    let curve = match decider {
        Decider::Model { model, .. } => curve_thresholds()
            .map(|t| {
                let at_t = Decider::Model {
                    model,
                    keep: Some(t),
                };
                let kept: Vec<Row> = articles
                    .par_iter()
                    .flat_map_iter(|a| {
                        let (found, _) = extract_traced(a, at_t);
                        found.iter().map(Row::from).collect::<Vec<_>>()
                    })
                    .collect();
                CurvePoint {
                    threshold: t,
                    counts: score(&gold, &kept, Some(&scored)).counts(),
                }
            })
            .collect(),
        Decider::Rules => Vec::new(),
    };
    let score = score(&gold, &pred, Some(&scored));
    let per_article: Vec<_> = score.by_article.values().copied().collect();
    Ok(SetResult {
        name: set.name.clone(),
        intervals: bootstrap::intervals(&per_article, resamples, bootstrap::SEED),
        diagnoses: causes::diagnose(&score, &traces),
        score,
        read_errors,
        curve,
    })
}

fn cell(value: f64, interval: Option<Interval>) -> String {
    match interval {
        Some(i) => format!("{value:.3} [{:.2}–{:.2}]", i.low, i.high),
        None => format!("{value:.3}"),
    }
}

/// The table of scores with their 95% intervals, then recall per relation
/// (matched/gold) for every set.
pub fn table(results: &[SetResult]) -> String {
    let mut out = String::new();
    let head = [
        "set",
        "articles",
        "gold",
        "found",
        "precision",
        "recall",
        "F1",
        "dates",
    ];
    let mut rows: Vec<[String; 8]> = vec![head.map(String::from)];
    for r in results {
        let s = &r.score;
        let ci = r.intervals;
        rows.push([
            r.name.clone(),
            s.by_article.len().to_string(),
            s.gold.to_string(),
            s.predicted.to_string(),
            cell(s.precision, ci.map(|c| c.precision)),
            cell(s.recall, ci.map(|c| c.recall)),
            cell(s.f1, ci.map(|c| c.f1)),
            cell(s.date_accuracy, ci.map(|c| c.date_accuracy)),
        ]);
    }
    write_aligned(&mut out, &rows);
    out.push_str("(95% bootstrap intervals over articles; dates: share of matched rows with the gold's date)\n\n");
    let relations: BTreeSet<&String> = results
        .iter()
        .flat_map(|r| r.score.recall_by_relation.keys())
        .collect();
    let mut rows: Vec<Vec<String>> = vec![
        std::iter::once("recall".to_string())
            .chain(results.iter().map(|r| r.name.clone()))
            .collect(),
    ];
    for rel in relations {
        let mut row = vec![rel.clone()];
        for r in results {
            row.push(match r.score.recall_by_relation.get(rel) {
                Some((m, g)) if *g > 0 => format!("{:.2} ({m}/{g})", *m as f64 / *g as f64),
                _ => "–".into(),
            });
        }
        rows.push(row);
    }
    write_aligned(&mut out, &rows);
    let curves: Vec<&SetResult> = results.iter().filter(|r| !r.curve.is_empty()).collect();
    if !curves.is_empty() {
        out.push_str("\nprecision / recall / F1 of the interactions at least this confident (extract --min-confidence)\n");
        let mut rows: Vec<Vec<String>> = vec![
            std::iter::once("min".to_string())
                .chain(curves.iter().map(|r| r.name.clone()))
                .collect(),
        ];
        for t in curve_thresholds() {
            let mut row = vec![format!("{t:.1}")];
            for r in &curves {
                row.push(
                    r.curve
                        .iter()
                        .find(|p| (p.threshold - t).abs() < 1e-4)
                        .map_or("–".into(), |p| {
                            let c = &p.counts;
                            format!("{:.2} / {:.2} / {:.2}", c.precision(), c.recall(), c.f1())
                        }),
                );
            }
            rows.push(row);
        }
        write_aligned(&mut out, &rows);
    }
    out
}

fn write_aligned<R: AsRef<[String]>>(out: &mut String, rows: &[R]) {
    let columns = rows.iter().map(|r| r.as_ref().len()).max().unwrap_or(0);
    let width = |c: usize| {
        rows.iter()
            .filter_map(|r| r.as_ref().get(c))
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..columns).map(width).collect();
    for r in rows {
        let line: Vec<String> = r
            .as_ref()
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(c, (s, w))| {
                if c == 0 {
                    format!("{s:<w$}")
                } else {
                    format!("{s:>w$}")
                }
            })
            .collect();
        let _ = writeln!(out, "{}", line.join("  ").trim_end());
    }
}

/// Counts per cause, then (when `rows`) every diagnosed row.
pub fn error_report(result: &SetResult, rows: bool) -> String {
    let mut out = format!("errors of {} by cause:\n", result.name);
    for (cause, n) in causes::counts(&result.diagnoses) {
        let _ = writeln!(out, "  {n:>5}  {cause}");
    }
    let mut unknown: HashMap<&str, usize> = HashMap::new();
    for d in &result.diagnoses {
        for a in &d.unrecognised {
            *unknown.entry(a).or_default() += 1;
        }
    }
    let mut unknown: Vec<(&str, usize)> = unknown.into_iter().collect();
    unknown.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    if !unknown.is_empty() {
        let top: Vec<String> = unknown
            .iter()
            .take(30)
            .map(|(a, n)| format!("{a} {n}"))
            .collect();
        let _ = writeln!(out, "actors most often not recognised: {}", top.join(", "));
    }
    if rows {
        for d in &result.diagnoses {
            let r = &d.row;
            let _ = writeln!(
                out,
                "{}\t{}\t{} {} {} {}\t{}{}",
                d.cause,
                r.article,
                r.subject,
                r.relation,
                r.object,
                r.date,
                r.evidence,
                if d.unrecognised.is_empty() {
                    String::new()
                } else {
                    format!("\t(not recognised: {})", d.unrecognised.join(", "))
                }
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_files_are_read_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sets.csv");
        std::fs::write(
            &p,
            "name,gold,articles,input\nsamples,g.csv,,data/samples\ntrain,t.csv,t.txt,train\n",
        )
        .unwrap();
        let sets = read_sets(&p).unwrap();
        assert_eq!(sets[0].articles, None);
        assert_eq!(sets[1].articles, Some(PathBuf::from("t.txt")));
        std::fs::write(&p, "name,gold,articles,input\nbad,,,\n").unwrap();
        assert!(read_sets(&p).unwrap_err().to_string().contains("line 2"));
    }

    #[test]
    fn the_table_aligns_sets_and_relations() {
        let mut score = Score::default();
        score.recall_by_relation.insert("meet".into(), (1, 2));
        score.by_article.insert("a".into(), Default::default());
        let r = SetResult {
            name: "dev".into(),
            score,
            intervals: None,
            diagnoses: Vec::new(),
            read_errors: Vec::new(),
            curve: Vec::new(),
        };
        let t = table(std::slice::from_ref(&r));
        assert!(t.lines().next().unwrap().starts_with("set"));
        assert!(t.contains("0.50 (1/2)"), "{t}");
        assert!(!t.contains("min-confidence"), "no curve for the rules: {t}");
        // A model's set prints its curve: each threshold a row.
        let counts = super::super::Counts {
            gold: 4,
            predicted: 2,
            matched: 1,
            dates_ok: 1,
        };
        let r = SetResult {
            curve: curve_thresholds()
                .map(|threshold| CurvePoint { threshold, counts })
                .collect(),
            ..r
        };
        let t = table(&[r]);
        assert!(t.contains("min-confidence"), "{t}");
        assert!(
            t.lines()
                .any(|l| l.starts_with("0.9") && l.contains("0.50 / 0.25 / 0.33")),
            "{t}"
        );
    }
}
