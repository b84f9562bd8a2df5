//! Why each gold row was missed and each prediction was wrong, in causes one
//! can act on: the map of the next extraction work (`dipgraph eval -v`).
//!
//! A miss is put down to the first of these that holds: the pair was found
//! the other way round (direction) or under another relation; an actor was
//! never recognised anywhere in the article; the two actors were recognised
//! but never together in the evidence sentence (a carried subject or
//! coreference was needed); no trigger of the relation was in that sentence;
//! else the argument patterns did not reach. A matched row can still carry a
//! wrong date or status. A false positive is a reversed or mislabelled gold
//! pair, a row in an article with no interaction, an actor the gold never
//! names in the article (not an actor, or the wrong person), or two gold
//! actors the gold never pairs.

use super::{Row, Score, date_agrees, same_actor as same, undirected};
use crate::extract::SentenceTrace;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cause {
    // Misses.
    ActorNotRecognised,
    ActorsNeverPaired,
    TriggerNotInLexicon,
    PatternMissed,
    MissedDirection,
    MissedOtherRelation,
    // Matched rows.
    Date,
    Status,
    // False positives.
    WrongDirection,
    WrongRelation,
    ArticleWithoutInteraction,
    ActorNotInGold,
    PairNotInGold,
}

impl Cause {
    pub fn label(self) -> &'static str {
        match self {
            Cause::ActorNotRecognised => "miss: actor not recognised",
            Cause::ActorsNeverPaired => "miss: actors recognised but never paired",
            Cause::TriggerNotInLexicon => "miss: trigger not in the lexicon",
            Cause::PatternMissed => "miss: pattern did not reach the argument",
            Cause::MissedDirection => "miss: found the other way round (direction)",
            Cause::MissedOtherRelation => "miss: pair found under another relation",
            Cause::Date => "matched: wrong date",
            Cause::Status => "matched: wrong status",
            Cause::WrongDirection => "false positive: direction",
            Cause::WrongRelation => "false positive: gold pair, other relation",
            Cause::ArticleWithoutInteraction => "false positive: article has no interaction",
            Cause::ActorNotInGold => "false positive: actor the gold never names",
            Cause::PairNotInGold => "false positive: gold actors the gold never pairs",
        }
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One row and why it is an error.
#[derive(Debug, Clone)]
pub struct Diagnosis {
    pub cause: Cause,
    pub row: Row,
    /// For an actor not recognised: which (its name as the gold writes it).
    pub unrecognised: Vec<String>,
}

fn pair_eq(a: &Row, b: &Row, either_order: bool) -> bool {
    let fwd = same(&a.subject, &a.subject_zh, &b.subject, &b.subject_zh)
        && same(&a.object, &a.object_zh, &b.object, &b.object_zh);
    fwd || (either_order && reversed(a, b))
}

fn reversed(a: &Row, b: &Row) -> bool {
    same(&a.subject, &a.subject_zh, &b.object, &b.object_zh)
        && same(&a.object, &a.object_zh, &b.subject, &b.subject_zh)
}

/// The sentences a gold row's evidence is (part of), or every sentence when
/// the splitter cut it elsewhere.
fn evidence_sentences<'t>(row: &Row, trace: &'t [SentenceTrace]) -> Vec<&'t SentenceTrace> {
    let ev = row.evidence.trim();
    let hits: Vec<&SentenceTrace> = trace
        .iter()
        .filter(|s| {
            let t = s.text.trim();
            !ev.is_empty() && !t.is_empty() && (ev.contains(t) || t.contains(ev))
        })
        .collect();
    if hits.is_empty() {
        trace.iter().collect()
    } else {
        hits
    }
}

fn names(s: &SentenceTrace, id: &str, zh: &str) -> bool {
    s.actors.iter().any(|a| same(&a.id, &a.zh, id, zh))
}

/// Every miss, false positive and flawed match of `score`, with its cause.
/// `traces` holds what extraction saw in each article of the set.
pub fn diagnose(score: &Score, traces: &HashMap<String, Vec<SentenceTrace>>) -> Vec<Diagnosis> {
    let empty = Vec::new();
    let mut gold_by_article: HashMap<&str, Vec<&Row>> = HashMap::new();
    for (_, g) in &score.matches {
        gold_by_article.entry(&g.article).or_default().push(g);
    }
    for g in &score.missed {
        gold_by_article.entry(&g.article).or_default().push(g);
    }
    let mut pred_by_article: HashMap<&str, Vec<&Row>> = HashMap::new();
    for (p, _) in &score.matches {
        pred_by_article.entry(&p.article).or_default().push(p);
    }
    for p in &score.false_positives {
        pred_by_article.entry(&p.article).or_default().push(p);
    }
    let mut out = Vec::new();
    for g in &score.missed {
        let trace = traces.get(&g.article).unwrap_or(&empty);
        let preds = pred_by_article
            .get(g.article.as_str())
            .map_or(&[][..], |v| v);
        let missing: Vec<String> = [(&g.subject, &g.subject_zh), (&g.object, &g.object_zh)]
            .into_iter()
            .filter(|(id, zh)| !trace.iter().any(|s| names(s, id, zh)))
            .map(|(id, zh)| {
                if zh.is_empty() {
                    id.clone()
                } else {
                    zh.clone()
                }
            })
            .collect();
        let cause = if preds
            .iter()
            .any(|p| p.relation == g.relation && reversed(p, g))
        {
            Cause::MissedDirection
        } else if preds
            .iter()
            .any(|p| p.relation != g.relation && pair_eq(p, g, true))
        {
            Cause::MissedOtherRelation
        } else if !missing.is_empty() {
            Cause::ActorNotRecognised
        } else {
            let both: Vec<&SentenceTrace> = evidence_sentences(g, trace)
                .into_iter()
                .filter(|s| {
                    names(s, &g.subject, &g.subject_zh) && names(s, &g.object, &g.object_zh)
                })
                .collect();
            if both.is_empty() {
                Cause::ActorsNeverPaired
            } else if !both
                .iter()
                .any(|s| s.relations.iter().any(|r| r.as_str() == g.relation))
            {
                Cause::TriggerNotInLexicon
            } else {
                Cause::PatternMissed
            }
        };
        out.push(Diagnosis {
            cause,
            row: g.clone(),
            unrecognised: if cause == Cause::ActorNotRecognised {
                missing
            } else {
                Vec::new()
            },
        });
    }
    for (p, g) in &score.matches {
        if !date_agrees(&p.date, &g.date) {
            out.push(Diagnosis {
                cause: Cause::Date,
                row: p.clone(),
                unrecognised: Vec::new(),
            });
        }
        if !g.status.is_empty() && p.status != g.status {
            out.push(Diagnosis {
                cause: Cause::Status,
                row: p.clone(),
                unrecognised: Vec::new(),
            });
        }
    }
    for p in &score.false_positives {
        let golds = gold_by_article
            .get(p.article.as_str())
            .map_or(&[][..], |v| v);
        let in_gold = |id: &str, zh: &str| {
            golds.iter().any(|g| {
                same(id, zh, &g.subject, &g.subject_zh) || same(id, zh, &g.object, &g.object_zh)
            })
        };
        let cause = if golds
            .iter()
            .any(|g| g.relation == p.relation && !undirected(&g.relation) && reversed(p, g))
        {
            Cause::WrongDirection
        } else if golds.iter().any(|g| pair_eq(p, g, true)) {
            Cause::WrongRelation
        } else if golds.is_empty() {
            Cause::ArticleWithoutInteraction
        } else if !in_gold(&p.subject, &p.subject_zh) || !in_gold(&p.object, &p.object_zh) {
            Cause::ActorNotInGold
        } else {
            Cause::PairNotInGold
        };
        out.push(Diagnosis {
            cause,
            row: p.clone(),
            unrecognised: Vec::new(),
        });
    }
    out
}

/// How many rows each cause explains.
pub fn counts(diagnoses: &[Diagnosis]) -> BTreeMap<Cause, usize> {
    let mut n = BTreeMap::new();
    for d in diagnoses {
        *n.entry(d.cause).or_default() += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::score;
    use crate::model::{ActorRef, ActorType, Relation};

    fn row(s: &str, rel: &str, o: &str, evidence: &str) -> Row {
        Row {
            article: "a".into(),
            subject: s.into(),
            subject_zh: String::new(),
            relation: rel.into(),
            object: o.into(),
            object_zh: String::new(),
            date: "2020-11-26".into(),
            status: "occurred".into(),
            evidence: evidence.into(),
        }
    }

    fn actor(id: &str) -> ActorRef {
        ActorRef {
            id: id.into(),
            zh: String::new(),
            kind: ActorType::Person,
            label_en: String::new(),
            label_is_pinyin: false,
            state: None,
            role: None,
        }
    }

    fn sentence(text: &str, actors: &[&str], relations: &[Relation]) -> SentenceTrace {
        SentenceTrace {
            text: text.into(),
            headline: false,
            actors: actors.iter().map(|a| actor(a)).collect(),
            relations: relations.to_vec(),
        }
    }

    fn causes(gold: &[Row], pred: &[Row], trace: Vec<SentenceTrace>) -> Vec<(Cause, String)> {
        let s = score(gold, pred, None);
        let traces = HashMap::from([("a".to_string(), trace)]);
        let mut d: Vec<(Cause, String)> = diagnose(&s, &traces)
            .into_iter()
            .map(|d| {
                (
                    d.cause,
                    format!("{}-{}-{}", d.row.subject, d.row.relation, d.row.object),
                )
            })
            .collect();
        d.sort();
        d
    }

    #[test]
    fn misses_are_put_down_to_the_first_cause_that_holds() {
        let gold = vec![
            row("x", "meet", "y", "S1"),
            row("x", "criticize", "z", "S2"),
            row("y", "support", "z", "S3"),
            row("w", "call", "x", "S1"),
            row("x", "appeal", "y", "S4"),
        ];
        let trace = vec![
            sentence("S1", &["x", "y"], &[Relation::Meet]),
            sentence("S2", &["x"], &[Relation::Criticize]),
            sentence("S2b", &["z"], &[]),
            sentence("S3", &["y", "z"], &[Relation::Criticize]),
            sentence("S4", &["x", "y"], &[Relation::Appeal]),
        ];
        assert_eq!(
            causes(&gold, &[], trace),
            vec![
                (Cause::ActorNotRecognised, "w-call-x".into()),
                (Cause::ActorsNeverPaired, "x-criticize-z".into()),
                (Cause::TriggerNotInLexicon, "y-support-z".into()),
                (Cause::PatternMissed, "x-meet-y".into()),
                (Cause::PatternMissed, "x-appeal-y".into()),
            ]
            .into_iter()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
        );
    }

    #[test]
    fn direction_relation_and_false_positive_causes() {
        let gold = vec![row("x", "appeal", "y", "S1"), row("x", "meet", "y", "S1")];
        let mut late = row("x", "meet", "y", "");
        late.date = "2020-11-27".into();
        late.status = "planned".into();
        let pred = vec![
            row("y", "appeal", "x", ""),
            late,
            row("x", "support", "y", ""),
            row("x", "call", "q", ""),
        ];
        let got = causes(&gold, &pred, vec![sentence("S1", &["x", "y"], &[])]);
        assert!(got.contains(&(Cause::MissedDirection, "x-appeal-y".into())));
        assert!(got.contains(&(Cause::WrongDirection, "y-appeal-x".into())));
        assert!(got.contains(&(Cause::WrongRelation, "x-support-y".into())));
        assert!(got.contains(&(Cause::ActorNotInGold, "x-call-q".into())));
        assert!(got.contains(&(Cause::Date, "x-meet-y".into())));
        assert!(got.contains(&(Cause::Status, "x-meet-y".into())));
    }
}
