//! Scoring extracted interactions against a gold file, with the matching
//! rules of the annotation guideline (the same numbers as `score.py`), and
//! what a score is worth: bootstrap intervals over articles
//! ([`bootstrap`]), the causes of each miss and false positive
//! ([`causes`]), and the table of every evaluation set ([`sets`]).

pub mod bootstrap;
pub mod causes;
pub mod sets;

pub use crate::export::GOLD_COLUMNS;
use crate::model::{Interaction, Relation};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// Why a gold or evaluation-set file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{}: {source}", path.display())]
    Csv { path: PathBuf, source: csv::Error },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: missing column {column:?} (expected {expected})", path.display())]
    MissingColumn {
        path: PathBuf,
        column: &'static str,
        expected: String,
    },
    #[error("{} line {line}: {problem}", path.display())]
    BadRow {
        path: PathBuf,
        line: usize,
        problem: String,
    },
}

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
    /// The sentence stating it (empty when the file has no evidence column).
    pub evidence: String,
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
            evidence: i.evidence.clone(),
        }
    }
}

/// Reads a gold (or predicted) CSV. Errors name the file, the line and what
/// is wrong with it.
pub fn read_rows(path: &Path) -> Result<Vec<Row>, EvalError> {
    let csv_error = |source| EvalError::Csv {
        path: path.to_owned(),
        source,
    };
    let mut rdr = csv::Reader::from_path(path).map_err(csv_error)?;
    let headers = rdr.headers().map_err(csv_error)?.clone();
    let col = |c: &'static str| headers.iter().position(|h| h.trim() == c);
    let idx: Vec<usize> = GOLD_COLUMNS[..8]
        .iter()
        .map(|c| {
            col(c).ok_or_else(|| EvalError::MissingColumn {
                path: path.to_owned(),
                column: c,
                expected: GOLD_COLUMNS.join(","),
            })
        })
        .collect::<Result<_, _>>()?;
    let evidence = col(GOLD_COLUMNS[8]);
    let mut rows = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(csv_error)?;
        let f = |k: usize| rec.get(idx[k]).unwrap_or("").trim().to_owned();
        let relation = f(3).to_ascii_lowercase();
        if relation.parse::<Relation>().is_err() {
            return Err(EvalError::BadRow {
                path: path.to_owned(),
                line: i + 2,
                problem: format!("unknown relation {relation:?}"),
            });
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
            evidence: evidence
                .and_then(|k| rec.get(k))
                .unwrap_or("")
                .trim()
                .to_owned(),
        });
    }
    Ok(rows)
}

/// Reads a list of annotated article file names, one a line (`#` starts a
/// comment): the articles a gold file covers, those without rows included.
pub fn read_article_list(path: &Path) -> Result<Vec<String>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_owned(),
        source,
    })?;
    Ok(text
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(|l| l.rsplit('/').next().unwrap_or(l).to_owned())
        .collect())
}

/// One point of a precision–recall curve: the tallies of the interactions
/// at least `threshold` confident.
#[derive(Debug, Clone, Copy)]
pub struct CurvePoint {
    pub threshold: f32,
    pub counts: Counts,
}

/// One article's tallies, the unit the bootstrap resamples.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    /// Matched rows whose date equals the gold's at the gold's precision.
    pub dates_ok: usize,
}

impl Counts {
    pub fn add(&mut self, other: &Counts) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.matched += other.matched;
        self.dates_ok += other.dates_ok;
    }

    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }

    pub fn date_accuracy(&self) -> f64 {
        ratio(self.dates_ok, self.matched)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
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
    /// Each match: (predicted, gold).
    pub matches: Vec<(Row, Row)>,
    /// Tallies of every scored article, those without gold rows included.
    pub by_article: BTreeMap<String, Counts>,
}

/// Does a predicted date agree with the gold's, at the gold's precision?
pub fn date_agrees(predicted: &str, gold: &str) -> bool {
    gold.is_empty() || predicted.starts_with(gold)
}

pub(crate) fn undirected(relation: &str) -> bool {
    relation.parse::<Relation>().is_ok_and(|r| !r.directed())
}

pub(crate) fn same_actor(p_id: &str, p_zh: &str, g_id: &str, g_zh: &str) -> bool {
    (!p_id.is_empty() && p_id == g_id) || (!p_zh.is_empty() && p_zh == g_zh)
}

/// Does a predicted row match a gold row (relation, actors by id or name,
/// either order when the relation is undirected)?
pub(crate) fn matches(p: &Row, g: &Row) -> bool {
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
///
/// ```
/// use dipgraph::eval::{Row, score};
/// let row = |s: &str, o: &str| Row {
///     article: "a.txt".into(), subject: s.into(), subject_zh: String::new(),
///     relation: "meet".into(), object: o.into(), object_zh: String::new(),
///     date: "2020-11-26".into(), status: "occurred".into(), evidence: String::new(),
/// };
/// // A meeting is undirected: either order matches.
/// let s = score(&[row("wang_yi", "kang_kyung_wha")], &[row("kang_kyung_wha", "wang_yi")], None);
/// assert_eq!((s.precision, s.recall, s.date_accuracy), (1.0, 1.0, 1.0));
/// ```
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
    let mut s = Score::default();
    for a in articles {
        s.by_article.insert(a.clone(), Counts::default());
    }
    for p in &uniq {
        let hit = gold
            .iter()
            .enumerate()
            .find(|(i, g)| !used[*i] && g.article == p.article && matches(p, g));
        let counts = s.by_article.entry(p.article.clone()).or_default();
        counts.predicted += 1;
        match hit {
            Some((i, g)) => {
                used[i] = true;
                counts.matched += 1;
                counts.dates_ok += usize::from(date_agrees(&p.date, &g.date));
                s.recall_by_relation
                    .entry(g.relation.clone())
                    .or_default()
                    .0 += 1;
                s.matches.push(((*p).clone(), (*g).clone()));
            }
            None => s.false_positives.push((*p).clone()),
        }
    }
    for (i, g) in gold.iter().enumerate() {
        s.by_article.entry(g.article.clone()).or_default().gold += 1;
        s.recall_by_relation
            .entry(g.relation.clone())
            .or_default()
            .1 += 1;
        if !used[i] {
            s.missed.push((*g).clone());
        }
    }
    let total = s.counts();
    s.gold = total.gold;
    s.predicted = total.predicted;
    s.matched = total.matched;
    s.precision = total.precision();
    s.recall = total.recall();
    s.f1 = total.f1();
    s.date_accuracy = total.date_accuracy();
    s
}

impl Score {
    /// The whole set's tallies.
    pub fn counts(&self) -> Counts {
        let mut total = Counts::default();
        for c in self.by_article.values() {
            total.add(c);
        }
        total
    }
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
            evidence: String::new(),
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
        assert_eq!(
            s.by_article["a"],
            Counts {
                gold: 2,
                predicted: 2,
                matched: 1,
                dates_ok: 1
            }
        );
    }

    #[test]
    fn listed_articles_without_gold_rows_count_their_false_positives() {
        let gold = vec![row("a", "x", "meet", "y", "")];
        let pred = vec![
            row("a", "x", "meet", "y", ""),
            row("b", "q", "call", "r", ""),
        ];
        let listed: HashSet<String> = ["a", "b"].map(String::from).into();
        let s = score(&gold, &pred, Some(&listed));
        assert_eq!((s.gold, s.predicted, s.matched), (1, 2, 1));
        assert_eq!(s.by_article["b"].predicted, 1);
        assert_eq!(s.counts().predicted, 2);
    }

    #[test]
    fn article_lists_skip_comments_and_folders() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("list.txt");
        std::fs::write(&p, "# annotated\nt1.txt\n\ntrain/t2.txt  # no rows\n").unwrap();
        assert_eq!(read_article_list(&p).unwrap(), vec!["t1.txt", "t2.txt"]);
        assert!(
            read_article_list(&dir.path().join("none"))
                .unwrap_err()
                .to_string()
                .contains("none")
        );
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
                .to_string()
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
                .to_string()
                .contains("line 2: unknown relation \"hug\"")
        );
        std::fs::write(&p, format!("{}\na,b,\"c\n", GOLD_COLUMNS.join(","))).unwrap();
        assert!(read_rows(&p).is_err());
    }
}
