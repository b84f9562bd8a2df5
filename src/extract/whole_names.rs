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
use crate::model::{ActorRef, ActorType, Interaction};
use crate::text::is_han;

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
    let mut nobodys: Vec<bool> = Vec::with_capacity(found.len());
    for i in found.iter_mut() {
        let mut nobody = false;
        for a in [&mut i.subject, &mut i.object] {
            if !unknown(a) {
                // A known person named by one part of the dotted name the
                // article writes for them (杰奎琳 … 杰奎琳·肯尼迪, 亨特 … 亨特·
                // 拜登) is written as that whole name, as someone unknown
                // is (the whole list at 698a94d: given names alone).
                if a.kind == ActorType::Person
                    && !a.zh.contains('·')
                    && let Some(name) = dotted_whole(&a.zh, &texts, finder)
                    && finder
                        .lex
                        .actor_spelled(&name)
                        .is_some_and(|i| finder.lex.registry.actors[i].id == a.id)
                {
                    a.zh = name;
                }
                continue;
            }
            if let Some(name) =
                dotted_whole(&a.zh, &texts, finder).or_else(|| dotted_run(&a.zh, &texts, finder))
            {
                let role = a.role.take();
                *a = ActorRef {
                    role: role.clone(),
                    ..finder.unknown_person(&name, a.state.as_deref(), role.as_deref())
                };
                changed = true;
            } else if let Some(w) = whole(&a.zh) {
                *a = ActorRef {
                    role: a.role.take(),
                    ..w
                };
                changed = true;
            } else if !finder.chinese_full_name(&a.zh)
                && let Some(name) = grown(&a.zh, &texts)
            {
                // Grown into a word that ends no one's name (张教|授: a
                // surname and a title, 张教授 in eight sentences), it names
                // nobody: the interaction goes (the whole list at 698a94d).
                if finder.lex.ends_no_name(&name) {
                    nobody = true;
                    continue;
                }
                let role = a.role.take();
                *a = ActorRef {
                    role: role.clone(),
                    ..finder.unknown_person(&name, a.state.as_deref(), role.as_deref())
                };
                changed = true;
            }
        }
        nobodys.push(nobody);
    }
    if nobodys.iter().any(|&n| n) {
        let mut k = 0;
        found.retain(|_| {
            k += 1;
            !nobodys[k - 1]
        });
    }
    if changed {
        super::drop_repeats(found);
    }
}

/// The dotted name the article's `texts` write `short` as the first or
/// last part of (夏洛特 of 夏洛特·查尔斯, the hand check of seed 25: the
/// given name alone had been a second person), when every such name is one.
/// The other part runs over a transliteration's characters in no other
/// word of the lexicon; a name of three parts or more, or one a place's or
/// body's name holds (贾瓦哈拉尔·尼赫鲁大学), is none.
fn dotted_whole(short: &str, texts: &[&str], finder: &MentionFinder) -> Option<String> {
    let lex = finder.lex;
    // Not a spelling the article always runs on by the same characters
    // ([`grown`]): 扎尔 of 大卫·扎尔卡利亚尼 … 扎尔卡利亚尼会晤 is the head of a
    // longer surname, not the surname of 大卫·扎尔 (the whole list at
    // cc2f024).
    if short.contains('·') || grown(short, texts).is_some() {
        return None;
    }
    let mut found: Option<String> = None;
    for t in texts {
        for (at, _) in t.match_indices(short) {
            let end = at + short.len();
            let whole = if let Some(rest) = t[end..].strip_prefix('·') {
                let n: usize = rest
                    .chars()
                    .take_while(|&c| c != '·' && lex.transliteration_chars.contains(&c))
                    .take(MAX_NAME_CHARS)
                    .map(char::len_utf8)
                    .sum();
                let whole_end = end + '·'.len_utf8() + n;
                (rest[..n].chars().count() >= 2
                    && !rest[n..].starts_with('·')
                    && !finder.ends_a_place_or_body(t, whole_end, &lex.name_followers))
                .then(|| format!("{short}·{}", &rest[..n]))
            } else if let Some(head) = t[..at].strip_suffix('·') {
                // Not into a lexicon word before the given name (总理|奥尔基,
                // 新德里|贾瓦哈拉尔).
                let tags = lex.tag(t);
                let n: usize = head
                    .char_indices()
                    .rev()
                    .take_while(|&(i, c)| {
                        c != '·'
                            && lex.transliteration_chars.contains(&c)
                            && !tags.iter().any(|&(x, y, _)| x <= i && i < y)
                    })
                    .take(MAX_NAME_CHARS)
                    .map(|(_, c)| c.len_utf8())
                    .sum();
                // Two parts only: the part before of a longer name is no
                // given name (拉希德 of 阿卜杜拉蒂夫·本·拉希德·阿尔扎亚尼).
                let given = &head[head.len() - n..];
                (n > 0
                    && !head[..head.len() - n].ends_with('·')
                    && !t[end..].starts_with('·')
                    && !finder.ends_a_place_or_body(t, end, &lex.name_followers))
                .then(|| format!("{given}·{short}"))
            } else {
                None
            };
            let Some(whole) = whole else { continue };
            // One writing that runs on into the next word is the other's
            // (夏洛特·查尔斯一直为孩子维权: 一 is also a transliteration's
            // character; the caption 夏洛特·查尔斯 ends the name): the
            // shorter holds.
            match &found {
                Some(f) if f.contains(whole.as_str()) => found = Some(whole),
                Some(f) if whole.contains(f.as_str()) => {}
                Some(_) => return None,
                None => found = Some(whole),
            }
        }
    }
    found
}

/// The dotted name of three parts or more `short` is the head of, cut
/// inside its first part: every time the article writes `short`, a
/// transliteration's characters run on from it to a dot and on over parts
/// of such characters to one same name (巴林外交大臣阿卜杜拉|蒂夫·本·拉希德·
/// 扎亚尼, the tagger's cut; hand checks of seeds 29–33), which
/// [`MentionFinder::unknown_person`] then reads by its first parts or its
/// first and last (the miner's 阿卜杜拉蒂夫·扎亚尼, al-Zayani). Not a name a
/// place's or body's name holds.
fn dotted_run(short: &str, texts: &[&str], finder: &MentionFinder) -> Option<String> {
    let lex = finder.lex;
    if short.contains('·') {
        return None;
    }
    let foreign = |c: char| c != '·' && lex.transliteration_chars.contains(&c);
    let mut found: Option<&str> = None;
    for t in texts {
        for (at, _) in t.match_indices(short) {
            let rest = &t[at + short.len()..];
            let head: usize = rest
                .chars()
                .take_while(|&c| foreign(c))
                .map(char::len_utf8)
                .sum();
            if head == 0 || !rest[head..].starts_with('·') {
                return None;
            }
            // Parts of a transliteration's characters, each of one to
            // MAX_NAME_CHARS, a dot apart, none into a word of the lexicon
            // or a time word (扎亚尼|本周三).
            let tags = lex.tag(rest);
            let mut end = head;
            let mut parts = 1;
            while let Some(next) = rest[end..].strip_prefix('·') {
                let from = end + '·'.len_utf8();
                let n: usize = next
                    .char_indices()
                    .take_while(|&(i, c)| {
                        foreign(c)
                            && !tags.iter().any(|&(x, y, _)| x <= from + i && from + i < y)
                            && !lex.starts_time_word(&next[i..])
                    })
                    .take(MAX_NAME_CHARS)
                    .map(|(_, c)| c.len_utf8())
                    .sum();
                if n == 0 {
                    break;
                }
                end += '·'.len_utf8() + n;
                parts += 1;
            }
            let whole = &t[at..at + short.len() + end];
            if parts < 3
                || finder.ends_a_place_or_body(t, at + whole.len(), &lex.name_followers)
                || found.is_some_and(|f| f != whole)
            {
                return None;
            }
            found = Some(whole);
        }
    }
    found.map(str::to_owned)
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
    use crate::extract::testing::{actor, interaction};
    use crate::model::Relation;

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
        actor(zh, id, ActorType::Person, true)
    }

    fn found(pairs: &[(&str, &str, Relation)]) -> Vec<Interaction> {
        pairs
            .iter()
            .map(|&(s, o, relation)| {
                interaction(
                    person(s, &format!("id_{s}")),
                    relation,
                    person(o, &format!("id_{o}")),
                )
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
    fn a_cut_inside_a_long_dotted_name_is_the_known_person_it_names() {
        // The tagger cut 阿卜杜拉 from the Bahraini minister's four-part name;
        // its first and last parts are the miner's spelling of him.
        let a = article("巴林外交大臣阿卜杜拉蒂夫·本·拉希德·扎亚尼本周三将首度访问以色列。");
        let mut f = found(&[("阿卜杜拉", "以色列", Relation::Visit)]);
        join_cut_names(&mut f, &a, &finder());
        assert_eq!(f[0].subject.id, "abdullatif_al_zayani");
        assert_eq!(f[0].subject.zh, "阿卜杜拉蒂夫·本·拉希德·扎亚尼");
        // A spelling the article also writes alone is no cut.
        let a = article("阿卜杜拉蒂夫·本·拉希德·扎亚尼访问以色列。阿卜杜拉说。");
        let mut f = found(&[("阿卜杜拉", "以色列", Relation::Visit)]);
        join_cut_names(&mut f, &a, &finder());
        assert_eq!(f[0].subject.id, "id_阿卜杜拉");
    }

    #[test]
    fn a_part_of_a_dotted_name_the_article_writes_is_that_name() {
        let texts = |body: &str| -> Vec<String> {
            article(body)
                .sentences
                .iter()
                .map(|s| s.norm.clone())
                .collect()
        };
        let whole = |short: &str, body: &str| {
            let t = texts(body);
            let t: Vec<&str> = t.iter().map(String::as_str).collect();
            dotted_whole(short, &t, &finder())
        };
        // The given name alone and the surname alone (the hand check of
        // seed 25: 夏洛特, a second person beside 夏洛特·查尔斯).
        let body = "邓恩的妈妈夏洛特·查尔斯向英国喊话。夏洛特向蓬佩奥求助。";
        assert_eq!(whole("夏洛特", body).as_deref(), Some("夏洛特·查尔斯"));
        let body = "外长大卫·扎尔卡利亚尼会见蓬佩奥。扎尔卡利亚尼表示欢迎。";
        assert_eq!(
            whole("扎尔卡利亚尼", body).as_deref(),
            Some("大卫·扎尔卡利亚尼")
        );
        // Not a part of a longer name, nor of a body's name, nor the
        // head of a longer surname (the whole list at cc2f024).
        let body = "外长大卫·扎尔卡利亚尼会见蓬佩奥。蓬佩奥与扎尔卡利亚尼会晤。";
        assert_eq!(whole("扎尔", body), None);
        let body = "大臣阿卜杜拉蒂夫·本·拉希德·阿尔扎亚尼到访。阿尔扎亚尼说";
        assert_eq!(whole("阿尔扎亚尼", body), None);
        let body = "新德里贾瓦哈拉尔·尼赫鲁大学的学者说。总理尼赫鲁访华";
        assert_eq!(whole("尼赫鲁", body), None);
        // A writing that runs on into the next word (一 is also a
        // transliteration's character) is the shorter one's.
        let body = "妈妈夏洛特·查尔斯。夏洛特·查尔斯一直为孩子维权。夏洛特向蓬佩奥求助。";
        assert_eq!(whole("夏洛特", body).as_deref(), Some("夏洛特·查尔斯"));
        // Two dotted names hold it: neither.
        let body = "夏洛特·查尔斯说。夏洛特·勃朗特写道。夏洛特说";
        assert_eq!(whole("夏洛特", body), None);
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
    fn a_known_person_named_by_a_part_of_their_dotted_name_is_written_whole() {
        // The miner's Hunter Biden, 亨特 alone after 亨特·拜登 (the whole
        // list at 698a94d: a given name alone).
        let a = article("亨特·拜登接受调查。亨特批评媒体。");
        let written = |id: &str| {
            let known = |zh: &str, id: &str| actor(zh, id, ActorType::Person, false);
            let mut f = vec![interaction(
                known("亨特", id),
                Relation::Criticize,
                known("特朗普", "donald_trump"),
            )];
            join_cut_names(&mut f, &a, &finder());
            f[0].subject.zh.clone()
        };
        assert_eq!(written("hunter_biden"), "亨特·拜登");
        // Not where the whole name is someone else's.
        assert_eq!(written("jeremy_hunt"), "亨特");
    }

    #[test]
    fn a_cut_that_grows_into_a_title_names_nobody() {
        // The tagger's 张教 of 张教授 (a surname and a title): the
        // interaction goes; another stays (the whole list at 698a94d).
        let a =
            article("张教授说，他需要时间。张教授访问武汉。布瓦什查克会见了蓬佩奥。布瓦什查克说");
        let mut f = found(&[
            ("张教", "武汉", Relation::Visit),
            ("布瓦", "蓬佩奥", Relation::Meet),
        ]);
        join_cut_names(&mut f, &a, &finder());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].subject.zh, "布瓦什查克");
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
