//! Someone new gets the English name the archive gave them, where it gave
//! one: the name tagger finds people no list loads (the miner keeps its
//! commentators and the names it saw in one article out of the registry),
//! and a pinyin id (`fu_gaoyi`, "Fu Gaoyi") was their name even where the
//! archive had written 学者傅高义（Ezra Vogel）. The graph's actors are named
//! as researchers know them, by the miner's Latin name, and one person has
//! one id whichever article names them.
//!
//! Applied to the interactions an article's extraction found, after every
//! decision about who the people are: it renames, it decides nothing.

use super::registry::Registry;
use crate::model::{ActorRef, ActorType, Interaction, Relation};
use std::collections::HashSet;

/// Gives every person of `found` named by pinyin whose spelling the
/// registry has an English name for ([`Registry::english_name`]) that
/// name's id and label (and its state, where the text gave none), then
/// drops the interactions that repeat an earlier one (two spellings of one
/// person).
pub(super) fn name_in_english(found: &mut Vec<Interaction>, registry: &Registry) {
    let mut changed = false;
    for i in found.iter_mut() {
        for a in [&mut i.subject, &mut i.object] {
            if a.kind != ActorType::Person || !a.label_is_pinyin {
                continue;
            }
            if let Some(e) = registry.english_name(&a.zh) {
                *a = ActorRef {
                    id: e.id.clone(),
                    label_en: e.label_en.clone(),
                    label_is_pinyin: false,
                    state: a.state.take().or_else(|| e.state.clone()),
                    zh: std::mem::take(&mut a.zh),
                    kind: ActorType::Person,
                    role: a.role.take(),
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
    use crate::extract::extract;
    use crate::model::Status;

    fn article(body: &str) -> crate::article::Article {
        let post = format!(
            "---\ntitle: \"测试\"\ndate: 2020-10-10T02:00:00.000Z\nauthor: 中央社\n\
             from: https://example.com/a\n---\n<div><p>{body}</p></div>"
        );
        crate::article::parse("a.txt".as_ref(), post.as_bytes()).unwrap()
    }

    fn actor(zh: &str, id: &str, kind: ActorType, pinyin: bool) -> ActorRef {
        ActorRef {
            id: id.into(),
            zh: zh.into(),
            kind,
            label_en: id.into(),
            label_is_pinyin: pinyin,
            state: None,
            role: None,
        }
    }

    fn interaction(subject: ActorRef, relation: Relation, object: ActorRef) -> Interaction {
        Interaction {
            article: "a.txt".into(),
            article_id: String::new(),
            subject,
            relation,
            object,
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
        }
    }

    #[test]
    fn a_name_the_archive_wrote_in_latin_letters_once_is_that_person() {
        // The miner saw 阿雷亚萨 (Jorge Arreaza, Venezuela's foreign
        // minister) bracketed in one article: not loaded, but the tagger
        // finds him.
        let found = extract(&article("委内瑞拉外长阿雷亚萨周二会见了王毅。"));
        let arreaza = found
            .iter()
            .flat_map(|i| [&i.subject, &i.object])
            .find(|a| a.zh == "阿雷亚萨")
            .expect("the meeting is found");
        assert_eq!(arreaza.id, "jorge_arreaza");
        assert_eq!(arreaza.label_en, "Jorge Arreaza");
        assert!(!arreaza.label_is_pinyin);
        assert_eq!(arreaza.state.as_deref(), Some("VEN"));
    }

    #[test]
    fn a_commentator_the_tagger_finds_is_named_as_the_archive_names_him() {
        let mut found = vec![interaction(
            actor("傅高义", "fu_gaoyi", ActorType::Person, true),
            Relation::Meet,
            actor("王毅", "wang_yi", ActorType::Person, false),
        )];
        name_in_english(&mut found, Registry::builtin());
        assert_eq!(found[0].subject.id, "ezra_vogel");
        assert_eq!(found[0].subject.label_en, "Ezra Vogel");
        assert!(!found[0].subject.label_is_pinyin);
        assert_eq!(found[0].subject.zh, "傅高义");
    }

    #[test]
    fn a_spelling_with_no_english_name_keeps_its_pinyin() {
        let mut found = vec![interaction(
            actor("林晓旭", "lin_xiaoxu", ActorType::Person, true),
            Relation::Criticize,
            actor("中国", "CHN", ActorType::State, false),
        )];
        name_in_english(&mut found, Registry::builtin());
        assert_eq!(found[0].subject.id, "lin_xiaoxu");
        assert!(found[0].subject.label_is_pinyin);
    }

    #[test]
    fn an_interaction_renaming_repeats_is_dropped() {
        let us = || actor("美国", "USA", ActorType::State, false);
        let mut found = vec![
            interaction(
                actor("傅高义", "ezra_vogel", ActorType::Person, false),
                Relation::Criticize,
                us(),
            ),
            interaction(
                actor("傅高义", "fu_gaoyi", ActorType::Person, true),
                Relation::Criticize,
                us(),
            ),
        ];
        name_in_english(&mut found, Registry::builtin());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subject.id, "ezra_vogel");
    }
}
