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

use super::lexicon::Lexicon;
use super::mentions::pinyin_name;
use crate::model::{ActorRef, ActorType, Interaction};

/// Gives every person of `found` named by pinyin whose spelling the
/// registry has an English name for ([`Registry::english_name`]) that
/// name's id and label (and its state, where the text gave none), then
/// drops the interactions that repeat an earlier one (two spellings of one
/// person). A whole name (名·姓, or a Chinese one: 傅高义, 张惇涵) is that
/// person; a spelling that is the sounds of the Latin name's surname
/// ([`sounds_like_surname`]), a surname alone, only where the text ties it to a
/// state the archive's person is not of another (委内瑞拉外长阿雷亚萨 is Jorge
/// Arreaza): the archive's only 巴内特, Robbie Barnett, a Tibet scholar, is
/// not the Capitol rioter Richard Barnett of an article that names no
/// state (hand check seed 33).
///
/// [`Registry::english_name`]: super::registry::Registry::english_name
pub(super) fn name_in_english(found: &mut Vec<Interaction>, lex: &Lexicon) {
    let mut changed = false;
    for i in found.iter_mut() {
        for a in [&mut i.subject, &mut i.object] {
            if a.kind != ActorType::Person || !a.label_is_pinyin {
                continue;
            }
            if let Some(e) = lex.registry.english_name(&a.zh)
                && (a.zh.contains('·')
                    || !sounds_like_surname(&a.zh, &e.label_en)
                    || a.state.is_some() && (e.state.is_none() || e.state == a.state))
            {
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
        super::drop_repeats(found);
    }
}

/// Is `zh` the sounds of the last word of `latin`, a surname written alone
/// (巴内特, baneite: Barnett; 帕霍尔, pahuoer: Pahor), not a Chinese name of its
/// own (傅高义, fugaoyi, for Ezra Vogel; 王松莲 for Maya Wang) nor the whole
/// name (任全牛, Ren Quanniu)? Their pinyin is nearer the surname than the
/// whole name, and near it: a normalised edit distance's similarity of 0.45
/// or more (the surnames alone of the news posts' tagger finds score 0.50–0.71,
/// the Chinese names of foreigners 0.11–0.40).
fn sounds_like_surname(zh: &str, latin: &str) -> bool {
    let letters = |s: &str| -> String {
        s.chars()
            .filter(char::is_ascii_alphabetic)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let pinyin = letters(&pinyin_name(zh, 0).0);
    let surname = letters(latin.split_whitespace().next_back().unwrap_or(""));
    let to_surname = strsim::normalized_levenshtein(&pinyin, &surname);
    !surname.is_empty()
        && to_surname >= 0.45
        && to_surname > strsim::normalized_levenshtein(&pinyin, &letters(latin))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;
    use crate::extract::lexicon::LEXICON;
    use crate::extract::testing::{actor, interaction};
    use crate::model::Relation;

    fn article(body: &str) -> crate::article::Article {
        let post = format!(
            "---\ntitle: \"测试\"\ndate: 2020-10-10T02:00:00.000Z\nauthor: 中央社\n\
             from: https://example.com/a\n---\n<div><p>{body}</p></div>"
        );
        crate::article::parse("a.txt".as_ref(), post.as_bytes()).unwrap()
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
        name_in_english(&mut found, &LEXICON);
        assert_eq!(found[0].subject.id, "ezra_vogel");
        assert_eq!(found[0].subject.label_en, "Ezra Vogel");
        assert!(!found[0].subject.label_is_pinyin);
        assert_eq!(found[0].subject.zh, "傅高义");
    }

    #[test]
    fn a_surname_alone_is_the_archive_s_person_only_of_the_state_the_text_says() {
        let barnett = || actor("巴内特", "ba_neite", ActorType::Person, true);
        let mut found = vec![interaction(
            barnett(),
            Relation::Criticize,
            actor("佩洛西", "nancy_pelosi", ActorType::Person, false),
        )];
        name_in_english(&mut found, &LEXICON);
        assert_eq!(found[0].subject.id, "ba_neite");
        let mut arreaza = actor("阿雷亚萨", "a_leiyasa", ActorType::Person, true);
        arreaza.state = Some("VEN".into());
        let mut found = vec![interaction(
            arreaza,
            Relation::Criticize,
            actor("美国", "USA", ActorType::State, false),
        )];
        name_in_english(&mut found, &LEXICON);
        assert_eq!(found[0].subject.id, "jorge_arreaza");
    }

    #[test]
    fn a_surname_s_sounds_are_told_from_a_chinese_name() {
        assert!(sounds_like_surname("巴内特", "Robbie Barnett"));
        assert!(sounds_like_surname("朱利安尼", "Rudy Giuliani"));
        assert!(sounds_like_surname("帕霍尔", "Borut Pahor"));
        assert!(!sounds_like_surname("任全牛", "Ren Quanniu"));
        assert!(!sounds_like_surname("傅高义", "Ezra Vogel"));
        assert!(!sounds_like_surname("王松莲", "Maya Wang"));
        assert!(!sounds_like_surname("黎智英", "Jimmy Lai"));
    }

    #[test]
    fn a_spelling_with_no_english_name_keeps_its_pinyin() {
        let mut found = vec![interaction(
            actor("林晓旭", "lin_xiaoxu", ActorType::Person, true),
            Relation::Criticize,
            actor("中国", "CHN", ActorType::State, false),
        )];
        name_in_english(&mut found, &LEXICON);
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
        name_in_english(&mut found, &LEXICON);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subject.id, "ezra_vogel");
    }
}
