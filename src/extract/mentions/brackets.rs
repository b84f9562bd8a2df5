//! What Latin names say: a spelling with a known person's Latin name in
//! brackets after it is that person for the whole article (with the parts
//! of a dotted spelling), and a name written in Latin letters after a title
//! is a person.

use super::*;
use crate::extract::lexicon::other_given_name;

/// Whom an article's brackets say a spelling is.
enum Whom {
    /// The registry's person of the bracket's Latin name.
    Known(usize),
    /// Someone new, not the known person the spelling reads as
    /// ([`MentionFinder::someone_else`]).
    Other(ActorRef),
}

impl Whom {
    fn same(&self, other: &Whom) -> bool {
        match (self, other) {
            (Whom::Known(p), Whom::Known(q)) => p == q,
            (Whom::Other(a), Whom::Other(b)) => a.id == b.id,
            _ => false,
        }
    }
}

impl MentionFinder<'_> {
    /// A name with a known person's Latin name in brackets after it
    /// (人民党主席甘地（Rahul Gandhi）, 伊拉克总理穆斯塔法·卡德希米（Mustafa
    /// al-Kadhimi）) is that person, here and later in the article, whatever
    /// the spelling: the brackets say who it is. The spelling is the Chinese
    /// text between the last lexicon word (a title, a state) and the bracket.
    pub(super) fn learn_bracketed_names(
        &self,
        s: &str,
        tags: &[(usize, usize, &Tag)],
        ctx: &mut Context,
        names: &SentenceNames,
    ) {
        for (spelling, p, latin) in self.bracketed_spellings(s, tags, names) {
            // Whoever the spelling named before, the brackets say who it is
            // from here on, and so who its surname is where other people
            // write it too: 丹麦前首相拉斯穆森 (Lars Løkke, by the title) …
            // 安诺斯·福格·拉斯穆森（Anders Fogh Rasmussen） … 拉斯穆森在推特上
            // (Anders Fogh; hand check seed 32).
            if let Some(p) = p {
                let r = self.actor_ref(p, spelling);
                ctx.relearn(spelling, &r);
                for part in self.name_parts(spelling, &r) {
                    ctx.relearn(part, &r);
                }
                let reg = &self.lex.registry;
                if let Some((_, surname)) = spelling.rsplit_once('·')
                    && r.kind == ActorType::Person
                    && (reg.shared_spelling(surname).is_some()
                        || !reg.namesakes(surname).is_empty())
                {
                    ctx.relearn(surname, &r);
                }
            } else if let Some((written, r)) = self.someone_else(spelling, latin) {
                ctx.set_other(written, &r);
            }
        }
    }

    /// The person the brackets name where the spelling before them ends in
    /// a known person's of the same family name and another given name
    /// ([`other_given_name`]): the miner's 戴维斯 is Anthony Davis, a
    /// basketball player written in three times the articles of anyone
    /// else, but 前脱欧大臣戴维斯（David Davis） is the British minister (hand
    /// check seed 33; 林惠勒（Lyn Wheeler） beside the miner's Andrew Wheeler,
    /// 华莱士（Chris Wallace） beside the registry's Ben Wallace). The known
    /// spelling, with someone new by the Latin name's id and label; none
    /// where the spelling ends in nobody known, or in a form of the
    /// bracket's name.
    pub(super) fn someone_else<'s>(
        &self,
        spelling: &'s str,
        latin: &str,
    ) -> Option<(&'s str, ActorRef)> {
        let &(start, end, &Tag::Actor(i)) = self.lex.tag(spelling).last()? else {
            return None;
        };
        let known = &self.lex.registry.actors[i];
        let written = &spelling[start..];
        // Not the family name of a dotted name (蒂芙尼·特朗普（Tiffany Trump）
        // leaves 特朗普 Donald Trump's).
        (end == spelling.len()
            && !spelling[..start].ends_with('·')
            && known.kind == ActorType::Person
            && other_given_name(latin, &known.label_en))
        .then(|| {
            let r = ActorRef {
                zh: written.to_owned(),
                ..self.latin_person(latin, None, &None)
            };
            (written, r)
        })
    }

    /// The spellings of sentence `s` with a Latin name in brackets after
    /// them, each with the known person that Latin name is (`None`: a name
    /// nobody known has) and the Latin name.
    pub(super) fn bracketed_spellings<'s>(
        &self,
        s: &'s str,
        tags: &[(usize, usize, &Tag)],
        names: &SentenceNames,
    ) -> Vec<(&'s str, Option<usize>, &'s str)> {
        let mut out = Vec::new();
        for (at, b) in s.match_indices(['（', '(']) {
            let rest = &s[at..];
            let Some(close) = rest.find(['）', ')']) else {
                continue;
            };
            let inside = rest[b.len()..close].trim_start();
            if !inside.starts_with(|c: char| c.is_ascii_uppercase()) {
                continue;
            }
            let p = self.lex.by_latin.get(&latin_key(inside)).copied();
            let before = s[..at].trim_end();
            let after_tag = tags
                .iter()
                .map(|t| t.1)
                .filter(|&e| e <= before.len())
                .max()
                .unwrap_or(0);
            let start = before
                .char_indices()
                .rev()
                .take_while(|&(i, c)| i >= after_tag && is_cjk(c))
                .last()
                .map_or(before.len(), |(i, _)| i);
            // A person's spelling the lexicon knows right before the bracket
            // may be the tail of the name: the name is the tagger's that
            // ends there (拉胡尔·甘地 holds the miner's 胡尔·甘地; the
            // spelling had been empty, and 拉胡尔·甘地 a second id of Rahul
            // Gandhi).
            let start = match tags.iter().find(|t| {
                t.1 == before.len()
                    && matches!(t.2, Tag::Actor(p) if self.lex.actor_type(*p) == ActorType::Person)
            }) {
                Some(&(tag_start, _, _)) if start == before.len() => self
                    .whole_names(s, tags, names)
                    .iter()
                    .find(|&&(a, b)| b == before.len() && a < tag_start)
                    .map_or(tag_start, |&(a, _)| a),
                _ => start,
            };
            let spelling = self.lex.without_no_name_start(after_person_cue(
                self.lex,
                before[start..].trim_matches('·'),
            ));
            // A body's name is no spelling of the person the brackets
            // name, however the miner typed them (华平投资集团（Warburg
            // Pincus）: 集团 after the tagged 华平投资 became Warburg Pincus
            // for the rest of the article, 黑石集团 too). Endings of two
            // characters or more: a Japanese surname may end like a place
            // (鸠山, 福山).
            if self
                .lex
                .body_endings
                .iter()
                .any(|e| e.chars().count() >= 2 && spelling.ends_with(e.as_str()))
            {
                continue;
            }
            let n = spelling.chars().filter(|&c| c != '·').count();
            // Written whole, a foreign name runs longer (穆斯塔法·卡德希米).
            let longest = if spelling.contains('·') {
                2 * MAX_NAME_CHARS
            } else {
                MAX_NAME_CHARS
            };
            if (2..=longest).contains(&n) {
                out.push((spelling, p, inside.trim_end()));
            }
        }
        out
    }

    /// The spellings the article ties to people by their Latin names in
    /// brackets, anywhere in it ([`Self::learn_bracketed_names`] over every
    /// sentence): what an article's context starts with. The brackets say
    /// who a spelling is wherever it is written, so the headline and the
    /// sentences before the brackets read it too (环保少女成年 格蕾塔·桑伯格…
    /// before 瑞典环保少女格蕾塔·桑伯格（Greta Thunberg）: the headline's
    /// had been a second id).
    ///
    /// Each sentence comes with its lexicon `tags` and its tagged `names`
    /// (what the sentence's own turn reads again).
    ///
    /// ```
    /// use dipgraph::extract::lexicon::LEXICON;
    /// use dipgraph::extract::mentions::{MentionFinder, SentenceNames};
    /// let finder = MentionFinder { lex: &LEXICON, anchor: None };
    /// let s = "瑞典环保少女格蕾塔·桑伯格（Greta Thunberg）说";
    /// let ctx = finder.bracketed_names([(s, &LEXICON.tag(s)[..], &SentenceNames::default())]);
    /// let names: Vec<_> = ctx.names.iter().map(|(n, r)| (n.as_str(), r.id.as_str())).collect();
    /// assert!(names.contains(&("格蕾塔·桑伯格", "greta_thunberg")));
    /// assert!(names.contains(&("桑伯格", "greta_thunberg")));
    /// ```
    pub fn bracketed_names<'s, 'l: 's>(
        &self,
        sentences: impl IntoIterator<Item = (&'s str, &'s [(usize, usize, &'l Tag)], &'s SentenceNames)>,
    ) -> Context {
        // Each spelling (and part of one) with whom the brackets say it is.
        let mut whose: Vec<(&str, Option<Whom>)> = Vec::new();
        for (s, tags, names) in sentences {
            if !s.contains(['（', '(']) {
                continue;
            }
            for (spelling, p, latin) in self.bracketed_spellings(s, tags, names) {
                if let Some(p) = p {
                    whose.push((spelling, Some(Whom::Known(p))));
                    let parts = self.name_parts(spelling, &self.actor_ref(p, spelling));
                    whose.extend(parts.into_iter().map(|part| (part, Some(Whom::Known(p)))));
                } else if let Some((written, r)) = self.someone_else(spelling, latin) {
                    whose.push((written, Some(Whom::Other(r))));
                } else {
                    whose.push((spelling, None));
                }
            }
        }
        // A spelling bracketed with two people (高普兰（Shyamala Gopalan）,
        // later 高普兰（PV Gopalan）) is each of them from their brackets
        // on, as the sentences come ([`Self::learn_bracketed_names`]).
        let mut ctx = Context::default();
        for (spelling, who) in &whose {
            let Some(who) = who else { continue };
            if whose
                .iter()
                .all(|(x, q)| x != spelling || q.as_ref().is_some_and(|q| q.same(who)))
            {
                match who {
                    Whom::Known(p) => ctx.learn(spelling, &self.actor_ref(*p, spelling)),
                    Whom::Other(r) => ctx.set_other(spelling, r),
                }
            }
        }
        ctx
    }

    /// The parts of a known person's `名·姓` spelling that name them too in
    /// the article that wrote it (玛莎·布莱克本恩 … 布莱克本恩表示, 亨特·拜登
    /// … 亨特): each of two characters or more that is nobody's spelling of
    /// its own (拜登 of 亨特·拜登 is Joe Biden's) and no common given name.
    /// Not the parts of longer names: 本 and 阿勒萨尼 of 塔米姆·本·哈马德·
    /// 阿勒萨尼 (bin, Al Thani) name his whole family.
    pub(super) fn name_parts<'n>(&self, zh: &'n str, r: &ActorRef) -> Vec<&'n str> {
        if r.kind != ActorType::Person || r.label_is_pinyin || zh.matches('·').count() != 1 {
            return Vec::new();
        }
        zh.split('·')
            .filter(|part| {
                let own_word = matches!(self.lex.tag(part)[..], [(0, end, _)] if end == part.len());
                part.chars().count() >= 2
                    && part.chars().all(crate::text::is_han)
                    && !own_word
                    && !self.lex.given_names.contains(*part)
            })
            .collect()
    }
}

/// Does the bracket opening `rest` hold the Latin name `label` (its last
/// word at least: 舒默（Chuck Schumer）, 舒默（Schumer）)?
/// Not where the bracket names someone else of that family name
/// ([`other_given_name`]: 81岁的林惠勒（Lyn Wheeler） is not the miner's
/// Andrew Wheeler, whose spelling 惠勒 ends the name).
pub(super) fn latin_names(rest: &str, label: &str) -> bool {
    let open = rest.chars().next().map_or(0, char::len_utf8);
    let close = rest
        .char_indices()
        .skip(1)
        .find(|&(_, c)| matches!(c, '）' | ')'))
        .map_or(0, |(i, _)| i);
    let inside = rest.get(open..close).unwrap_or("").trim();
    let last = label.split_whitespace().last().unwrap_or("");
    last.len() >= 3
        && inside.to_lowercase().contains(&last.to_lowercase())
        && !other_given_name(inside, label)
}

/// The Latin name `rest` opens with (after one space at most), as the byte
/// range of `rest` it takes: two to four capitalised words, with the
/// particles of names between them (Peter Stano, Michael McCaul,
/// Pierre-Edouard Éon, Ursula von der Leyen, Brett P. Giroir). Words in
/// capitals only (WHO, AIT), with a body's word (Human Rights Watch,
/// Tsinghua University) or run on into more Latin text are no name.
pub(super) fn latin_name_at(rest: &str, lex: &Lexicon) -> Option<(usize, usize)> {
    const MAX_WORDS: usize = 5;
    let start = usize::from(rest.starts_with(' '));
    let (mut pos, mut end) = (start, start);
    let (mut words, mut capitals, mut last_capital) = (0, 0, false);
    loop {
        let len = rest[pos..]
            .find(|c: char| !(is_latin_letter(c) || matches!(c, '-' | '\'' | '’' | '.')))
            .unwrap_or(rest.len() - pos);
        let word = &rest[pos..pos + len];
        let letters = word.trim_end_matches('.');
        let mut chars = letters.chars();
        let first_upper = chars.next().is_some_and(char::is_uppercase);
        // An initial (P.) or a word with a lower-case letter (McCaul).
        let initial = letters.chars().count() == 1 && word.len() == letters.len() + 1;
        let capitalised = first_upper
            && !letters.contains('.')
            && (initial || (word == letters && chars.any(char::is_lowercase)));
        if capitalised {
            if lex.latin_org_words.contains(letters) {
                return None;
            }
            capitals += 1;
            last_capital = true;
        } else if words > 0 && lex.latin_particles.contains(&word.to_lowercase()) {
            last_capital = false;
        } else {
            break;
        }
        words += 1;
        end = pos + len;
        if words > MAX_WORDS {
            return None;
        }
        match rest[end..].strip_prefix(' ') {
            Some(next) if next.starts_with(is_latin_letter) => pos = end + 1,
            _ => break,
        }
    }
    // It ends its run of Latin text: "Joe Biden and" is no name.
    let after = &rest[end..];
    let latin = |c: char| is_latin_letter(c) || c.is_ascii_digit();
    let runs_on = after.starts_with(latin)
        || after
            .strip_prefix(' ')
            .is_some_and(|n| n.starts_with(latin));
    (capitals >= 2 && last_capital && !runs_on).then_some((start, end))
}

/// A letter of the Latin alphabets (ASCII to Latin Extended-B: Éon, Miloš).
pub(super) fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic() && (c as u32) < 0x250
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lexicon::LEXICON;
    use crate::extract::mentions::testing::{finder, ids, mentions};

    #[test]
    fn what_brackets_say_of_a_spelling_holds_article_wide_with_its_parts() {
        let f = finder("2020-11-01");
        let learned = |sentences: &[&str]| -> Vec<(String, String)> {
            let tags: Vec<_> = sentences.iter().map(|s| LEXICON.tag(s)).collect();
            let names: Vec<SentenceNames> = sentences.iter().map(|_| Default::default()).collect();
            let each = (0..sentences.len()).map(|i| (sentences[i], &tags[i][..], &names[i]));
            f.bracketed_names(each)
                .names
                .into_iter()
                .map(|(n, r)| (n, r.id))
                .collect()
        };
        let has = |got: &[(String, String)], n: &str, id: &str| {
            got.iter().any(|(x, y)| x == n && y == id)
        };
        // The name runs on over a transliteration's characters before the
        // miner's 胡尔·甘地; then its parts name him too.
        let got = learned(&["国大党领袖拉胡尔·甘地（Rahul Gandhi）说"]);
        assert!(has(&got, "拉胡尔·甘地", "rahul_gandhi"), "{got:?}");
        assert!(has(&got, "甘地", "rahul_gandhi"), "{got:?}");
        assert!(!got.iter().any(|(n, _)| n.contains("领袖")), "{got:?}");
        // A spelling bracketed with two people is neither's in advance.
        let got = learned(&[
            "国大党领袖拉胡尔·甘地（Rahul Gandhi）说",
            "前总理英迪拉·甘地（Indira Gandhi）遇刺",
        ]);
        assert!(has(&got, "拉胡尔·甘地", "rahul_gandhi"), "{got:?}");
        assert!(has(&got, "英迪拉·甘地", "indira_gandhi"), "{got:?}");
        assert!(!got.iter().any(|(n, _)| n == "甘地"), "{got:?}");
        let got = learned(&["母亲诗雅马拉·高普兰（Shyamala Gopalan）是研究人员"]);
        assert!(has(&got, "诗雅马拉·高普兰", "shyamala_gopalan"), "{got:?}");
        // A title the lexicon does not tag is no part of the spelling; one
        // at its end is how the text names her.
        let got = learned(&["代表共和党的佐治亚州参议员珀杜（David Perdue）力求连任"]);
        assert!(has(&got, "珀杜", "david_perdue"), "{got:?}");
        assert!(!got.iter().any(|(n, _)| n.contains("议员")), "{got:?}");
        assert_eq!(after_person_cue(&LEXICON, "撒切尔夫人"), "撒切尔夫人");
        assert_eq!(after_person_cue(&LEXICON, "州参议员珀杜"), "珀杜");
        // The parts of a longer name name the family (bin, Al Thani).
        let got = learned(&["埃米尔塔米姆·本·哈马德·阿勒萨尼（Tamim bin Hamad Al Thani）"]);
        assert!(!got.iter().any(|(n, _)| n == "阿勒萨尼"), "{got:?}");
        // A part is learned only where it is nobody's spelling of its own.
        let mut ctx = Context::default();
        let s = "亨特·拜登批评北京";
        f.find(s, &LEXICON.tag(s), &mut ctx, &SentenceNames::default());
        assert_eq!(
            ctx.known("亨特").map(|r| r.id),
            Some("hunter_biden".to_owned())
        );
        assert!(ctx.known("拜登").is_none());
        // In the sentence that names them in full too.
        let (ms, _) = mentions(
            "亨特·拜登的前商业伙伴波布林斯基正在谈论他与亨特和副总统拜登的会面",
            "2020-10-23",
        );
        assert!(
            !ids(&ms).iter().any(|i| i.contains("hengte")),
            "{:?}",
            ids(&ms)
        );
    }

    #[test]
    fn a_known_spelling_bracketed_with_another_given_name_is_that_other_person() {
        // The miner's 戴维斯 is Anthony Davis, a basketball player written in
        // three times the articles of any other Davis; the brackets say which
        // (hand check seed 33), there and later in the article.
        let (ms, mut ctx) = mentions("前脱欧大臣戴维斯（David Davis）致信拉布", "2020-07-18");
        assert!(
            ids(&ms).contains(&"david_davis".to_owned()),
            "{:?}",
            ids(&ms)
        );
        let later = "戴维斯批评中国";
        let tags = LEXICON.tag(later);
        let ms = finder("2020-07-18").find(later, &tags, &mut ctx, &SentenceNames::default());
        assert_eq!(ids(&ms), ["david_davis", "CHN"]);
        // Without the brackets, the registry's reading.
        assert_eq!(
            ids(&mentions(later, "2020-07-18").0),
            ["anthony_davis", "CHN"]
        );
        // A form of the known person's own name is that person.
        let (ms, _) = mentions("美国国务卿布林肯（Tony Blinken）说", "2021-03-01");
        assert!(
            ids(&ms).contains(&"antony_blinken".to_owned()),
            "{:?}",
            ids(&ms)
        );
        // The article's brackets say so before they are written (the
        // headline's 华莱士 is the news anchor too).
        let f = finder("2020-10-01");
        let sentences = ["华莱士批评特朗普", "霍士新闻主播华莱士（Chris Wallace）说"];
        let tags: Vec<_> = sentences.iter().map(|s| LEXICON.tag(s)).collect();
        let names = SentenceNames::default();
        let mut ctx = f.bracketed_names(
            sentences
                .iter()
                .zip(&tags)
                .map(|(s, t)| (*s, &t[..], &names)),
        );
        let ms = f.find(sentences[0], &tags[0], &mut ctx, &names);
        assert_eq!(ids(&ms)[0], "chris_wallace");
        // A known two-character spelling ending the name before such
        // brackets is not the known person either (the whole list at
        // b5a69c7: the miner's Andrew Wheeler for an 81-year-old patient).
        let (ms, _) = mentions(
            "英国首相约翰逊与81岁的林惠勒（Lyn Wheeler）交谈。",
            "2020-12-09",
        );
        assert!(
            !ids(&ms).contains(&"andrew_wheeler".to_owned()),
            "{:?}",
            ids(&ms)
        );
        let (ms, _) = mentions(
            "蔡英文会见美国环保署长惠勒（Andrew Wheeler）。",
            "2020-12-09",
        );
        assert!(
            ids(&ms).contains(&"andrew_wheeler".to_owned()),
            "{:?}",
            ids(&ms)
        );
    }

    #[test]
    fn names_written_in_latin_letters() {
        // After a title: the person, known or new, with the title's state.
        let (ms, _) = mentions("欧盟外交事务发言人Peter Stano批评北京", "2020-08-01");
        assert_eq!(ids(&ms), vec!["eu", "peter_stano", "CHN"]);
        assert_eq!(ms[1].actors[0].label_en, "Peter Stano");
        assert!(!ms[1].actors[0].label_is_pinyin);
        let (ms, _) = mentions("美国参议员 Josh Hawley批评北京", "2020-08-01");
        assert_eq!(ids(&ms), vec!["USA", "josh_hawley", "CHN"]);
        assert_eq!(ms[1].actors[0].state.as_deref(), Some("USA"));
        let (ms, _) = mentions("美国众议员Michael McCaul批评北京", "2020-08-01");
        assert_eq!(ids(&ms), vec!["USA", "michael_mccaul", "CHN"]);
        // Anywhere, a known person's Latin name; not inside brackets (the
        // spelling before them is the name), not inside Latin text.
        let (ms, _) = mentions("Emmanuel Macron批评北京", "2020-08-01");
        assert_eq!(ids(&ms), vec!["emmanuel_macron", "CHN"]);
        let (ms, _) = mentions("马克龙（Emmanuel Macron）批评北京", "2020-08-01");
        assert_eq!(ids(&ms), vec!["emmanuel_macron", "CHN"]);
        let (ms, _) = mentions(
            "他在推特写道“Thank you Emmanuel Macron”，批评北京",
            "2020-08-01",
        );
        assert_eq!(ids(&ms), vec!["CHN"]);
        // No person: capitals only, a body's word, unknown without a title.
        for s in [
            "发言人WHO批评北京",
            "发言人Human Rights Watch批评北京",
            "Robert Smithfield批评北京",
        ] {
            let (ms, _) = mentions(s, "2020-08-01");
            let people = ms
                .iter()
                .flat_map(|m| &m.actors)
                .filter(|a| a.kind == ActorType::Person)
                .count();
            assert_eq!(people, 0, "{s}: {:?}", ids(&ms));
        }
    }
}
