//! Training the name tagger (`crate::extract::names`) by distillation: the
//! LAC model's person names of each training article (`data/ner/lac_train.tsv`,
//! written once by `scripts/lac_tag.py`) are projected onto the article's
//! sentences as labels, cleaned of what `data/ner/README.md` found LAC gets
//! wrong, and an averaged perceptron learns to label characters the same way.
//!
//! Cleaning, each from the hand check of LAC's output: Latin-only "names" are
//! fragments (TikTok, Mike), one character is no name, a title or 案 glued to
//! a name is cut (叶女士 → 叶, then dropped as one character), a string LAC
//! also calls a place or an organisation in the same article is left
//! unlabelled rather than taught both ways, and the registry's people are
//! names wherever they stand. Projection is longest-first, so 林郑月娥 wins
//! over 郑月娥.
//!
//! Evaluation holds out every tenth article: span precision and recall
//! against the projected names, and recall of the gold corpus's people
//! outside the registry — the names the tagger exists for.

use crate::article::{Article, read_paths};
use crate::eval::{EvalError, Row};
use crate::extract::lexicon::LEXICON;
use crate::extract::names::{self, NL, NameTagger};
use crate::model::ActorType;
use crate::rng::SplitMix64;
use crate::text::{fold_width, to_simplified};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Suffixes LAC glues to a name (a form of address, a case).
const GLUED_SUFFIXES: [&str; 6] = ["女士", "先生", "律师", "教授", "博士", "案"];

/// Strings LAC tags as people that never are (a dateline's agency, a brand).
const NOT_PEOPLE: [&str; 3] = ["路透", "美联", "法新"];

/// The names of one article the tagger should find.
#[derive(Debug, Default, Clone)]
pub struct ArticleNames {
    pub people: BTreeSet<String>,
}

/// The silver names of every article, by file name.
pub type Silver = BTreeMap<String, ArticleNames>;

fn normalise(s: &str) -> String {
    to_simplified(&fold_width(s))
        .replace(['．', '˙', '‧', '•', '・'], "·")
        .replace('.', "·")
}

/// A LAC person name cleaned, or `None` when it is no name.
pub fn clean_person(raw: &str) -> Option<String> {
    let mut s = normalise(raw.trim());
    for suffix in GLUED_SUFFIXES {
        if let Some(t) = s.strip_suffix(suffix) {
            s = t.to_owned();
        }
    }
    let s = s.trim_matches('·').to_owned();
    let n = s.chars().count();
    let cjk = s
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    let ok = (2..=names::MAX_NAME_CHARS).contains(&n)
        && cjk >= 2
        && s.chars()
            .all(|c| c == '·' || ('\u{4e00}'..='\u{9fff}').contains(&c))
        && !NOT_PEOPLE.contains(&s.as_str());
    ok.then_some(s)
}

/// Reads `lac_train.tsv` (`file, type, text, count`).
pub fn read_silver(path: &Path) -> Result<Silver, EvalError> {
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .from_path(path)
        .map_err(|source| EvalError::Csv {
            path: path.to_owned(),
            source,
        })?;
    let mut people: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut other: HashMap<String, BTreeSet<String>> = HashMap::new();
    for (n, rec) in r.records().enumerate() {
        let rec = rec.map_err(|source| EvalError::Csv {
            path: path.to_owned(),
            source,
        })?;
        let bad = |problem: &str| EvalError::BadRow {
            path: path.to_owned(),
            line: n + 2,
            problem: problem.to_owned(),
        };
        let (Some(file), Some(kind), Some(text)) = (rec.get(0), rec.get(1), rec.get(2)) else {
            return Err(bad("expected file, type, text, count"));
        };
        match kind {
            "PER" => {
                let entry = people.entry(file.to_owned()).or_default();
                if let Some(p) = clean_person(text) {
                    entry.insert(p);
                }
            }
            "ORG" | "LOC" => {
                // An article LAC found no person in still teaches where
                // names are not.
                people.entry(file.to_owned()).or_default();
                other
                    .entry(file.to_owned())
                    .or_default()
                    .insert(normalise(text));
            }
            _ => return Err(bad("type is not PER, ORG or LOC")),
        }
    }
    Ok(people
        .into_iter()
        .map(|(file, mut p)| {
            if let Some(o) = other.get(&file) {
                p.retain(|x| !o.contains(x));
            }
            (file, ArticleNames { people: p })
        })
        .collect())
}

/// The registry's people's Chinese names (label and aliases, normalised, two
/// characters or more).
fn registry_people() -> BTreeSet<String> {
    LEXICON
        .registry
        .actors
        .iter()
        .filter(|a| a.kind == ActorType::Person)
        .flat_map(|a| std::iter::once(&a.label_zh).chain(&a.aliases_zh))
        .map(|n| normalise(n))
        .filter(|n| n.chars().count() >= 2)
        .collect()
}

/// One training sentence: its characters as the features see them and its
/// labels.
pub struct Labelled {
    pub sentence: names::Prepared,
    pub labels: Vec<usize>,
}

/// Labels a normalised sentence with the given names, longest first, never
/// overlapping.
///
/// ```
/// use dipgraph::train::names::label;
/// use std::collections::BTreeSet;
/// let names: BTreeSet<String> = ["林郑月娥", "郑月娥"].map(String::from).into();
/// let l = label("特首林郑月娥说", &names);
/// assert_eq!(l.labels, [0, 0, 1, 2, 3, 3, 0]);
/// ```
pub fn label(s: &str, names: &BTreeSet<String>) -> Labelled {
    let sentence = names::prepare(s);
    let raw: Vec<char> = s.chars().collect();
    let mut labels = vec![0; raw.len()];
    let mut by_length: Vec<Vec<char>> = names.iter().map(|n| n.chars().collect()).collect();
    by_length.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    for name in &by_length {
        if name.len() > raw.len() {
            continue;
        }
        let mut i = 0;
        while i + name.len() <= raw.len() {
            if raw[i..i + name.len()] == name[..]
                && labels[i..i + name.len()].iter().all(|&l| l == 0)
            {
                // First, second, third and later characters.
                for (k, l) in labels[i..i + name.len()].iter_mut().enumerate() {
                    *l = k.min(2) + 1;
                }
                i += name.len();
            } else {
                i += 1;
            }
        }
    }
    Labelled { sentence, labels }
}

/// The labelled sentences of articles (headline and body).
pub fn labelled(
    articles: &[&Article],
    silver: &Silver,
    registry: &BTreeSet<String>,
) -> Vec<Labelled> {
    let empty = ArticleNames::default();
    let mut out = Vec::new();
    for a in articles {
        let mine = silver.get(&a.file_name).unwrap_or(&empty);
        let names: BTreeSet<String> = mine.people.union(registry).cloned().collect();
        // Only the names that occur in this article matter for labelling.
        let text: String = a.sentences.iter().map(|s| s.norm.as_str()).collect();
        let names: BTreeSet<String> = names
            .into_iter()
            .filter(|n| text.contains(n.as_str()))
            .collect();
        let title = a.title.as_deref().map(normalise);
        for s in title
            .iter()
            .map(String::as_str)
            .chain(a.sentences.iter().map(|s| s.norm.as_str()))
        {
            out.push(label(s, &names));
        }
    }
    out
}

/// Averaged structured perceptron over the tagger's features: each
/// sentence is decoded whole ([`names::decode`]) under the current weights,
/// and where its labels differ from the silver ones the emission features
/// of the differing positions and the transitions into them move towards
/// the silver labels.
pub fn train(sentences: &[Labelled], epochs: usize, seed: u64, min_count: usize) -> NameTagger {
    // Feature names by hash, and how often each occurs.
    let mut names: HashMap<u64, (String, usize)> = HashMap::new();
    let mut f = Vec::new();
    let mut n = Vec::new();
    for s in sentences {
        for i in 0..s.labels.len() {
            names::features(&s.sentence, i, &mut f, Some(&mut n));
            for (h, name) in f.iter().zip(n.drain(..)) {
                names.entry(*h).or_insert_with(|| (name, 0)).1 += 1;
            }
        }
    }
    names.retain(|_, (_, c)| *c >= min_count);
    let mut ordered: Vec<(u64, String)> = names.into_iter().map(|(h, (n, _))| (h, n)).collect();
    ordered.sort_by(|a, b| a.1.cmp(&b.1));
    let index: HashMap<u64, usize> = ordered
        .iter()
        .enumerate()
        .map(|(i, (h, _))| (*h, i))
        .collect();
    // The transitions are weights like the others, after the emissions.
    let k = ordered.len();
    ordered.extend(names::TRANSITIONS.map(|t| (0, t.to_owned())));
    // Each order's averaged weights, summed: one run's weights depend on
    // the order it saw the sentences in, and a retrain on barely changed
    // labels had moved single names (福田|康夫 cut as 福|田康夫); the mean of
    // several orders moves less, as the interaction model's does.
    let runs: Vec<Vec<[f64; NL]>> = (0..ORDERS)
        .into_par_iter()
        .map(|r| one_order(sentences, &index, k, epochs, seed.wrapping_add(r as u64)))
        .collect();
    let mut mean = vec![[0f64; NL]; k + NL];
    for avg in &runs {
        for (m, a) in mean.iter_mut().zip(avg) {
            for l in 0..NL {
                m[l] += a[l] / ORDERS as f64;
            }
        }
    }
    let weights = ordered
        .into_iter()
        .zip(mean)
        .filter_map(|((_, name), m)| {
            let avg: [f32; NL] = m.map(|x| x as f32);
            // Four decimals are what the file keeps.
            avg.iter()
                .any(|x| x.abs() >= 0.00005)
                .then_some((name, avg))
        })
        .collect();
    NameTagger::from_weights(weights)
}

/// Shuffle orders the tagger is trained in and averaged over
/// ([`train`]).
pub const ORDERS: usize = 4;

/// One averaged-perceptron run over `sentences` in the shuffle order of
/// `seed`: each feature's weights averaged over every step (`index` maps a
/// feature's hash to its row; the `NL` transitions follow the `k`
/// emissions).
fn one_order(
    sentences: &[Labelled],
    index: &HashMap<u64, usize>,
    k: usize,
    epochs: usize,
    seed: u64,
) -> Vec<[f64; NL]> {
    let mut w = vec![[0f32; NL]; k + NL];
    let mut total = vec![[0f64; NL]; k + NL];
    let mut stamp = vec![[0u64; NL]; k + NL];
    let mut t: u64 = 0;
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = SplitMix64(seed);
    let mut feats = Vec::new();
    let mut update = |w: &mut [[f32; NL]], id: usize, l: usize, d: f32, t: u64| {
        total[id][l] += f64::from(w[id][l]) * (t - stamp[id][l]) as f64;
        stamp[id][l] = t;
        w[id][l] += d;
    };
    for _ in 0..epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i as u64 + 1) as usize);
        }
        for &si in &order {
            let s = &sentences[si];
            t += 1;
            let ids: Vec<Vec<usize>> = (0..s.labels.len())
                .map(|i| {
                    names::features(&s.sentence, i, &mut feats, None);
                    feats.iter().filter_map(|h| index.get(h).copied()).collect()
                })
                .collect();
            let emit: Vec<[f32; NL]> = ids
                .iter()
                .map(|ids| {
                    let mut score = [0f32; NL];
                    for &id in ids {
                        for l in 0..NL {
                            score[l] += w[id][l];
                        }
                    }
                    score
                })
                .collect();
            let trans: [[f32; NL]; NL] = std::array::from_fn(|p| w[k + p]);
            let guess = names::decode(&emit, &trans);
            for i in 0..s.labels.len() {
                let (truth, got) = (s.labels[i], guess[i]);
                let before = |l: &[usize]| if i == 0 { 0 } else { l[i - 1] };
                let (tp, gp) = (before(&s.labels), before(&guess));
                if truth != got {
                    for &id in &ids[i] {
                        update(&mut w, id, truth, 1.0, t);
                        update(&mut w, id, got, -1.0, t);
                    }
                }
                if (tp, truth) != (gp, got) {
                    update(&mut w, k + tp, truth, 1.0, t);
                    update(&mut w, k + gp, got, -1.0, t);
                }
            }
        }
    }
    (0..k + NL)
        .map(|id| {
            std::array::from_fn(|l| {
                let sum = total[id][l] + f64::from(w[id][l]) * (t - stamp[id][l]) as f64;
                sum / t.max(1) as f64
            })
        })
        .collect()
}

/// Span precision and recall of a tagger against labelled sentences.
#[derive(Debug, Default, Clone, Copy)]
pub struct SpanScore {
    pub predicted: usize,
    pub expected: usize,
    pub matched: usize,
}

impl SpanScore {
    pub fn precision(&self) -> f64 {
        self.matched as f64 / self.predicted.max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.matched as f64 / self.expected.max(1) as f64
    }
}

pub fn score(tagger: &NameTagger, sentences: &[Labelled]) -> SpanScore {
    let mut sc = SpanScore::default();
    for s in sentences {
        let text: String = s.sentence.chars.iter().collect();
        let offsets = names::prepare(&text).offsets;
        let got: BTreeSet<(usize, usize)> = tagger.tag(&text).into_iter().collect();
        let want: BTreeSet<(usize, usize)> = names::spans(&s.labels)
            .into_iter()
            .filter(|(a, b)| (2..=names::MAX_NAME_CHARS).contains(&(b - a)))
            .map(|(a, b)| (offsets[a], offsets[b]))
            .collect();
        sc.predicted += got.len();
        sc.expected += want.len();
        sc.matched += got.intersection(&want).count();
    }
    sc
}

/// What training reports.
pub struct NamesReport {
    pub articles: usize,
    pub sentences: usize,
    pub held_out: SpanScore,
    /// Gold people outside the registry in held-out articles: (found, all).
    pub gold_people: (usize, usize),
    pub features: usize,
}

/// Gold people outside the registry named in their evidence, per article.
fn gold_people(gold: &[Row]) -> BTreeMap<String, BTreeSet<(String, String)>> {
    let mut out: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for g in gold {
        for (id, zh) in [(&g.subject, &g.subject_zh), (&g.object, &g.object_zh)] {
            let zh = normalise(zh);
            let person_shaped = id.contains('_') || id.chars().any(|c| c.is_ascii_lowercase());
            if LEXICON.registry.index(id).is_none()
                && person_shaped
                && zh.chars().count() >= 2
                && normalise(&g.evidence).contains(&zh)
            {
                out.entry(g.article.clone())
                    .or_default()
                    .insert((normalise(&g.evidence), zh));
            }
        }
    }
    out
}

/// Trains on the articles of `input` that the silver file covers, holding
/// out every tenth for the report, then on all of them for the tagger.
pub fn train_names(
    silver_path: &Path,
    input: &Path,
    gold: Option<&[Row]>,
    epochs: usize,
    seed: u64,
) -> Result<(NameTagger, NamesReport), EvalError> {
    let silver = read_silver(silver_path)?;
    let paths: Vec<PathBuf> = silver.keys().map(|f| input.join(f)).collect();
    let (mut articles, _errors, _) = read_paths(&paths, || {});
    articles.sort_by(|a, b| a.file_name.cmp(&b.file_name));
    let registry = registry_people();
    let is_held = |i: usize| i % 10 == 9;
    let held: Vec<&Article> = articles
        .iter()
        .enumerate()
        .filter(|(i, _)| is_held(*i))
        .map(|(_, a)| a)
        .collect();
    let kept: Vec<&Article> = articles
        .iter()
        .enumerate()
        .filter(|(i, _)| !is_held(*i))
        .map(|(_, a)| a)
        .collect();
    let train_part = labelled(&kept, &silver, &registry);
    let test_part = labelled(&held, &silver, &registry);
    let trial = train(&train_part, epochs, seed, MIN_COUNT);
    let held_out = score(&trial, &test_part);
    let mut found = (0, 0);
    if let Some(gold) = gold {
        let people = gold_people(gold);
        for a in &held {
            for (evidence, name) in people.get(&a.file_name).into_iter().flatten() {
                found.1 += 1;
                if trial
                    .tag(evidence)
                    .iter()
                    .any(|&(x, y)| evidence[x..y] == **name)
                {
                    found.0 += 1;
                }
            }
        }
    }
    let all: Vec<&Article> = articles.iter().collect();
    let every = labelled(&all, &silver, &registry);
    let tagger = train(&every, epochs, seed, MIN_COUNT);
    let report = NamesReport {
        articles: articles.len(),
        sentences: every.len(),
        held_out,
        gold_people: found,
        features: tagger.len(),
    };
    Ok((tagger, report))
}

/// The tagger file's header: what it is and how it was made.
pub fn header(r: &NamesReport, epochs: usize, seed: u64) -> String {
    format!(
        "dipgraph name tagger (src/extract/names.rs): averaged structured perceptron over characters, labels O B I J (outside, first, second, third or later character), Viterbi decoding.\n\
         Written by `make model` (dipgraph train-names --silver data/ner/lac_train.tsv ...): \
         {} sentences of {} articles, {epochs} epochs, the mean of {ORDERS} shuffle orders from seed {seed}, features seen {MIN_COUNT} times or more.\n\
         feature\tweight O\tweight B\tweight I\tweight J",
        r.sentences, r.articles
    )
}

/// A feature seen fewer times than this in training is left out (it cannot
/// be learnt, and it would swell the file).
pub const MIN_COUNT: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lac_names_are_cleaned() {
        assert_eq!(clean_person("許章潤").as_deref(), Some("许章润"));
        assert_eq!(clean_person("麥克．蓬佩奧").as_deref(), Some("麦克·蓬佩奥"));
        assert_eq!(clean_person("赖律师"), None, "one character left");
        assert_eq!(clean_person("张展女士").as_deref(), Some("张展"));
        assert_eq!(clean_person("TikTok"), None);
        assert_eq!(clean_person("路透"), None);
        assert_eq!(clean_person("林"), None);
    }

    #[test]
    fn labels_never_overlap_and_prefer_the_longer_name() {
        let names: BTreeSet<String> = ["林郑月娥", "郑月娥", "王毅"].map(String::from).into();
        let l = label("林郑月娥与王毅会面，郑月娥说", &names);
        assert_eq!(names::spans(&l.labels), vec![(0, 4), (5, 7), (10, 13)]);
    }

    #[test]
    fn a_perceptron_learns_a_name_in_a_new_context() {
        let names: BTreeSet<String> = ["许章润", "罗冠聪", "张展"].map(String::from).into();
        let sentences: Vec<Labelled> = [
            "教授许章润表示反对",
            "学者罗冠聪表示反对",
            "律师张展表示支持",
            "今天天气很好",
            "会议表示支持合作",
        ]
        .iter()
        .map(|s| label(s, &names))
        .collect();
        let t = train(&sentences, 10, 1, 1);
        let s = "学者许章润表示支持";
        let got: Vec<&str> = t.tag(s).into_iter().map(|(a, b)| &s[a..b]).collect();
        assert_eq!(got, ["许章润"]);
        assert!(t.tag("今天天气很好").is_empty());
        // Deterministic.
        assert_eq!(train(&sentences, 10, 1, 1).to_text(""), t.to_text(""));
    }
}
