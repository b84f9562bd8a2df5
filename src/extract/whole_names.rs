//! A name the tagger cut short in one sentence is the whole name it found in
//! another sentence of the same article: the tagger reads 阿扎尔与陈时|中进行
//! (中 starts many words) but 阿扎尔也与陈时中签署, and 陈时 and 陈时中 would be
//! two people, the first of them nobody. The test is the article's own
//! text: the short spelling is a cut only if every time the article writes
//! it, the whole name's next character follows.

use crate::article::Article;
use crate::model::{ActorRef, ActorType, Interaction, Relation};
use std::collections::HashSet;

/// Gives every interaction's unknown person whose spelling the tagger cut
/// short the whole name's actor, and drops the interactions that then
/// repeat an earlier one.
pub(super) fn join_cut_names(found: &mut Vec<Interaction>, article: &Article) {
    let unknown = |a: &ActorRef| a.kind == ActorType::Person && a.label_is_pinyin;
    let people: Vec<ActorRef> = found
        .iter()
        .flat_map(|i| [&i.subject, &i.object])
        .filter(|a| unknown(a))
        .cloned()
        .collect();
    let texts: Vec<&str> = article.sentences.iter().map(|s| s.norm.as_str()).collect();
    let whole = |short: &str| -> Option<ActorRef> {
        let mut longer = people.iter().filter(|p| {
            p.zh.len() > short.len()
                && p.zh.starts_with(short)
                && p.zh[short.len()..].chars().count() == 1
        });
        let first = longer.next()?;
        if longer.any(|p| p.zh != first.zh) {
            return None;
        }
        let rest = &first.zh[short.len()..];
        let always_followed = texts.iter().all(|t| {
            t.match_indices(short)
                .all(|(at, _)| t[at + short.len()..].starts_with(rest))
        });
        always_followed.then(|| first.clone())
    };
    let mut changed = false;
    for i in found.iter_mut() {
        for a in [&mut i.subject, &mut i.object] {
            if unknown(a)
                && let Some(w) = whole(&a.zh)
            {
                *a = ActorRef {
                    role: a.role.take(),
                    ..w
                };
                changed = true;
            }
        }
    }
    if changed {
        let mut seen: HashSet<(Relation, String, String)> = HashSet::new();
        found.retain(|i| {
            i.subject.id != i.object.id
                && seen.insert((i.relation, i.subject.id.clone(), i.object.id.clone()))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    fn article(body: &str) -> Article {
        let post = format!(
            "---\ntitle: \"测试\"\ndate: 2020-08-10T02:00:00.000Z\nauthor: 联合早报\n\
             from: https://example.com/a\n---\n<div><p>{body}</p></div>"
        );
        crate::article::parse("a.txt".as_ref(), post.as_bytes()).unwrap()
    }

    fn person(zh: &str, id: &str) -> ActorRef {
        ActorRef {
            id: id.to_owned(),
            zh: zh.to_owned(),
            kind: ActorType::Person,
            label_en: id.to_owned(),
            label_is_pinyin: true,
            state: None,
            role: None,
        }
    }

    fn found(pairs: &[(&str, &str, Relation)]) -> Vec<Interaction> {
        pairs
            .iter()
            .map(|&(s, o, relation)| Interaction {
                article: "a.txt".into(),
                article_id: String::new(),
                subject: person(s, &format!("id_{s}")),
                relation,
                object: person(o, &format!("id_{o}")),
                date: None,
                status: Status::Occurred,
                evidence: String::new(),
                location: None,
                location_state: None,
                confidence: 1.0,
                provenance: Default::default(),
                published: None,
                url: None,
                outlet: None,
            })
            .collect()
    }

    #[test]
    fn a_cut_spelling_always_followed_by_the_rest_is_the_whole_name() {
        let a = article("阿扎尔与陈时中进行视讯会议。阿扎尔也与陈时中签署了意向书。");
        let mut f = found(&[
            ("阿扎尔", "陈时", Relation::Call),
            ("阿扎尔", "陈时中", Relation::Agree),
            ("阿扎尔", "陈时", Relation::Agree),
        ]);
        join_cut_names(&mut f, &a);
        let objects: Vec<(&str, &str)> = f
            .iter()
            .map(|i| (i.object.zh.as_str(), i.object.id.as_str()))
            .collect();
        // The repeated agreement is dropped.
        assert_eq!(objects, [("陈时中", "id_陈时中"), ("陈时中", "id_陈时中")]);
    }

    #[test]
    fn a_spelling_the_article_also_writes_alone_is_kept() {
        let a = article("阿扎尔与陈时中进行视讯会议。陈时表示欢迎。");
        let mut f = found(&[
            ("阿扎尔", "陈时", Relation::Call),
            ("阿扎尔", "陈时中", Relation::Agree),
        ]);
        join_cut_names(&mut f, &a);
        assert_eq!(f[0].object.zh, "陈时");
    }
}
