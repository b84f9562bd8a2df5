//! A name the tagger cut short in one sentence is the whole name it found in
//! another sentence of the same article: the tagger reads 阿扎尔与陈时|中进行
//! (中 starts many words) but 阿扎尔也与陈时中签署, and 陈时 and 陈时中 would be
//! two people, the first of them nobody. The test is the article's own
//! text: the short spelling is a cut only if every time the article writes
//! it, the whole name's next character follows.
//!
//! Where no sentence found the whole name, the text still says how long it
//! is: a spelling the article writes twice or more, each time followed by
//! the same character, runs on by that character until the next ones
//! differ (布瓦|什查克 three times, 阿莫斯·霍克斯|坦 six, 康京|和 three) — not
//! a Chinese full name (黄严忠|说 twice is a name and a verb), and never into
//! a character that ends names (说, 表, 的: [`NAME_STOPS`]).

use super::mentions::{MentionFinder, NAME_ENDINGS, NAME_STOPS};
use super::names::MAX_NAME_CHARS;
use crate::article::Article;
use crate::model::{ActorRef, ActorType, Interaction, Relation};
use crate::text::is_han;
use std::collections::HashSet;

/// Gives every interaction's unknown person whose spelling the tagger cut
/// short the whole name's actor (another found person's, else the name as
/// long as the article always writes it, [`grown`], read by `finder`), and
/// drops the interactions that then repeat an earlier one.
pub(super) fn join_cut_names(
    found: &mut Vec<Interaction>,
    article: &Article,
    finder: &MentionFinder,
) {
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
            if !unknown(a) {
                continue;
            }
            if let Some(w) = whole(&a.zh) {
                *a = ActorRef {
                    role: a.role.take(),
                    ..w
                };
                changed = true;
            } else if !finder.chinese_full_name(&a.zh)
                && let Some(name) = grown(&a.zh, &texts)
            {
                let role = a.role.take();
                *a = ActorRef {
                    role: role.clone(),
                    ..finder.unknown_person(&name, a.state.as_deref(), role.as_deref())
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

/// `short` as long as the article's `texts` always write it: while it
/// occurs twice or more and every time the same Chinese character follows
/// (no stop of [`NAME_STOPS`] but [`NAME_ENDINGS`]), that character is the
/// name's; `None` when nothing follows so.
fn grown(short: &str, texts: &[&str]) -> Option<String> {
    let mut name = short.to_owned();
    while name.chars().count() < MAX_NAME_CHARS {
        let mut next: Option<char> = None;
        let mut times = 0;
        let mut same = true;
        for t in texts {
            for (at, _) in t.match_indices(name.as_str()) {
                let c = t[at + name.len()..].chars().next();
                times += 1;
                match (next, c) {
                    (_, None) => same = false,
                    (None, Some(c)) => next = Some(c),
                    (Some(n), Some(c)) => same &= n == c,
                }
            }
        }
        match next {
            Some(c)
                if same
                    && times >= 2
                    && is_han(c)
                    && (!NAME_STOPS.contains(c) || NAME_ENDINGS.contains(c)) =>
            {
                name.push(c)
            }
            _ => break,
        }
    }
    (name != short).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lexicon::LEXICON;
    use crate::model::Status;

    fn finder() -> MentionFinder<'static> {
        MentionFinder {
            lex: &LEXICON,
            anchor: None,
        }
    }

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
        join_cut_names(&mut f, &a, &finder());
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
        join_cut_names(&mut f, &a, &finder());
        assert_eq!(f[0].object.zh, "陈时");
    }

    #[test]
    fn a_spelling_always_followed_by_the_same_character_runs_on() {
        let texts = [
            "国防部长布瓦什查克会见了他。",
            "布瓦什查克表示欢迎。",
            "布瓦什查克说",
        ];
        assert_eq!(grown("布瓦", &texts).as_deref(), Some("布瓦什查克"));
        // Written once, the next character says nothing (辛格举行).
        assert_eq!(grown("辛格", &["辛格举行会谈"]), None);
        // Nor does a character that ends names, however often.
        assert_eq!(grown("辛格", &["辛格说好", "辛格说不"]), None);
        // Nor the end of a sentence.
        assert_eq!(grown("辛格", &["会见辛格", "辛格访华"]), None);
    }

    #[test]
    fn an_unknown_person_cut_short_takes_the_name_the_article_repeats() {
        let a = article(
            "国防部长布瓦什查克会见了蓬佩奥。布瓦什查克表示欢迎。卫生专家黄严忠说，美方需要合作。黄严忠说：“这是好事。”",
        );
        let mut f = found(&[
            ("布瓦", "蓬佩奥", Relation::Meet),
            ("黄严忠", "蓬佩奥", Relation::Appeal),
        ]);
        join_cut_names(&mut f, &a, &finder());
        assert_eq!(f[0].subject.zh, "布瓦什查克");
        assert!(f[0].subject.label_is_pinyin);
        // A Chinese full name is whole, though 说 follows it each time.
        assert_eq!(f[1].subject.zh, "黄严忠");
    }
}
