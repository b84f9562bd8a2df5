//! Scoring extracted interactions against a gold file, with the matching
//! rules of the annotation guideline (the same numbers as `score.py`).

pub use crate::export::GOLD_COLUMNS;
use crate::extract::Interaction;
use crate::extract::lexicon::Relation;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// One row in the gold format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub article: String,
    pub subject: String,
    pub subject_zh: String,
    pub relation: String,
    pub object: String,
    pub object_zh: String,
    pub date: String,
    pub status: String,
}

impl From<&Interaction> for Row {
    fn from(i: &Interaction) -> Row {
        Row {
            article: i.article.clone(),
            subject: i.subject.id.clone(),
            subject_zh: i.subject.zh.clone(),
            relation: i.relation.as_str().to_owned(),
            object: i.object.id.clone(),
            object_zh: i.object.zh.clone(),
            date: i.date.map(|d| d.to_string()).unwrap_or_default(),
            status: i.status.as_str().to_owned(),
        }
    }
}

/// Reads a gold (or predicted) CSV. Errors name the file, the line and what
/// is wrong with it.
pub fn read_rows(path: &Path) -> Result<Vec<Row>, String> {
    let name = path.display();
    let mut rdr = csv::Reader::from_path(path).map_err(|e| format!("{name}: {e}"))?;
    let headers = rdr.headers().map_err(|e| format!("{name}: {e}"))?.clone();
    let col = |c: &str| {
        headers.iter().position(|h| h.trim() == c).ok_or_else(|| {
            format!(
                "{name}: missing column {c:?} (expected {})",
                GOLD_COLUMNS.join(",")
            )
        })
    };
    let idx: Vec<usize> = GOLD_COLUMNS[..8]
        .iter()
        .map(|c| col(c))
        .collect::<Result<_, _>>()?;
    let mut rows = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| format!("{name} line {}: {e}", i + 2))?;
        let f = |k: usize| rec.get(idx[k]).unwrap_or("").trim().to_owned();
        let relation = f(3).to_ascii_lowercase();
        if relation.parse::<Relation>().is_err() {
            return Err(format!(
                "{name} line {}: unknown relation {relation:?}",
                i + 2
            ));
        }
        rows.push(Row {
            article: f(0).rsplit('/').next().unwrap_or("").to_owned(),
            subject: f(1),
            subject_zh: f(2),
            relation,
            object: f(4),
            object_zh: f(5),
            date: f(6),
            status: f(7),
        });
    }
    Ok(rows)
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub date_accuracy: f64,
    /// relation → (matched, gold)
    pub recall_by_relation: BTreeMap<String, (usize, usize)>,
    pub false_positives: Vec<Row>,
    pub missed: Vec<Row>,
}

fn undirected(relation: &str) -> bool {
    relation.parse::<Relation>().is_ok_and(|r| !r.directed())
}

fn same_actor(p_id: &str, p_zh: &str, g_id: &str, g_zh: &str) -> bool {
    (!p_id.is_empty() && p_id == g_id) || (!p_zh.is_empty() && p_zh == g_zh)
}

fn matches(p: &Row, g: &Row) -> bool {
    if p.relation != g.relation {
        return false;
    }
    let fwd = same_actor(&p.subject, &p.subject_zh, &g.subject, &g.subject_zh)
        && same_actor(&p.object, &p.object_zh, &g.object, &g.object_zh);
    if fwd || !undirected(&g.relation) {
        return fwd;
    }
    same_actor(&p.subject, &p.subject_zh, &g.object, &g.object_zh)
        && same_actor(&p.object, &p.object_zh, &g.subject, &g.subject_zh)
}

/// Scores `pred` against `gold` over the articles `gold` names (or
/// `articles` when given).
pub fn score(gold: &[Row], pred: &[Row], articles: Option<&HashSet<String>>) -> Score {
    let gold_articles: HashSet<String> = gold.iter().map(|g| g.article.clone()).collect();
    let articles = articles.unwrap_or(&gold_articles);
    let gold: Vec<&Row> = gold
        .iter()
        .filter(|g| articles.contains(&g.article))
        .collect();
    let mut seen = HashSet::new();
    let mut uniq: Vec<&Row> = Vec::new();
    for p in pred.iter().filter(|p| articles.contains(&p.article)) {
        let a = if p.subject.is_empty() {
            &p.subject_zh
        } else {
            &p.subject
        };
        let b = if p.object.is_empty() {
            &p.object_zh
        } else {
            &p.object
        };
        let (a, b) = if undirected(&p.relation) && b < a {
            (b, a)
        } else {
            (a, b)
        };
        if seen.insert((p.article.clone(), p.relation.clone(), a.clone(), b.clone())) {
            uniq.push(p);
        }
    }
    let mut used = vec![false; gold.len()];
    let mut s = Score {
        gold: gold.len(),
        predicted: uniq.len(),
        ..Default::default()
    };
    let mut dates_ok = 0;
    for p in &uniq {
        let hit = gold
            .iter()
            .enumerate()
            .find(|(i, g)| !used[*i] && g.article == p.article && matches(p, g));
        match hit {
            Some((i, g)) => {
                used[i] = true;
                s.matched += 1;
                s.recall_by_relation
                    .entry(g.relation.clone())
                    .or_default()
                    .0 += 1;
                if g.date.is_empty() || p.date.starts_with(&g.date) {
                    dates_ok += 1;
                }
            }
            None => s.false_positives.push((*p).clone()),
        }
    }
    for (i, g) in gold.iter().enumerate() {
        s.recall_by_relation
            .entry(g.relation.clone())
            .or_default()
            .1 += 1;
        if !used[i] {
            s.missed.push((*g).clone());
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    s.precision = ratio(s.matched, s.predicted);
    s.recall = ratio(s.matched, s.gold);
    s.f1 = if s.precision + s.recall > 0.0 {
        2.0 * s.precision * s.recall / (s.precision + s.recall)
    } else {
        0.0
    };
    s.date_accuracy = ratio(dates_ok, s.matched);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(article: &str, s: &str, rel: &str, o: &str, date: &str) -> Row {
        Row {
            article: article.into(),
            subject: s.into(),
            subject_zh: String::new(),
            relation: rel.into(),
            object: o.into(),
            object_zh: String::new(),
            date: date.into(),
            status: "occurred".into(),
        }
    }

    #[test]
    fn undirected_relations_match_either_way_and_dates_by_precision() {
        let gold = vec![
            row("a", "x", "meet", "y", "2020-11"),
            row("a", "x", "visit", "KOR", "2020-11-25"),
        ];
        let pred = vec![
            row("a", "y", "meet", "x", "2020-11-26"),
            row("a", "KOR", "visit", "x", "2020-11-25"),
            row("a", "y", "meet", "x", ""),
            row("b", "q", "call", "r", ""),
        ];
        let s = score(&gold, &pred, None);
        assert_eq!((s.gold, s.predicted, s.matched), (2, 2, 1));
        assert_eq!(s.precision, 0.5);
        assert_eq!(s.recall, 0.5);
        assert_eq!(s.date_accuracy, 1.0);
        assert_eq!(s.missed[0].relation, "visit");
        assert_eq!(s.false_positives[0].relation, "visit");
    }

    #[test]
    fn chinese_names_match_too() {
        let mut g = row("a", "lee_hae_chan", "meet", "wang_yi", "");
        g.subject_zh = "李海瓒".into();
        let mut p = row("a", "li_hai_zan", "meet", "wang_yi", "");
        p.subject_zh = "李海瓒".into();
        assert_eq!(score(&[g], &[p], None).f1, 1.0);
    }

    #[test]
    fn bad_gold_files_name_the_problem() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.csv");
        std::fs::write(&p, "article,subject\na,b\n").unwrap();
        assert!(
            read_rows(&p)
                .unwrap_err()
                .contains("missing column \"subject_zh\"")
        );
        std::fs::write(
            &p,
            format!("{}\na,b,c,hug,d,e,,occurred,x\n", GOLD_COLUMNS.join(",")),
        )
        .unwrap();
        assert!(
            read_rows(&p)
                .unwrap_err()
                .contains("line 2: unknown relation \"hug\"")
        );
        std::fs::write(&p, format!("{}\na,b,\"c\n", GOLD_COLUMNS.join(","))).unwrap();
        assert!(read_rows(&p).is_err());
    }
}
