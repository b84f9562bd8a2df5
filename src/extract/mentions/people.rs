//! Who a spelling is: the registry's or the miner's person it sounds like
//! or shortens, the namesake an office next to it picks, or someone unknown
//! by the pinyin of the name.

use super::full_names::{ends_a_name, longest_prefix};
use super::*;

impl MentionFinder<'_> {
    /// Someone unknown named `zh`, a spelling several mined people share:
    /// named by the surname they share where their English names agree on
    /// it (`clinton`, "Clinton"), else by pinyin; of their state, if one.
    pub(super) fn surname_person(&self, zh: &str, shared: &SharedSpelling) -> ActorRef {
        let mut u = self.pinyin_person(zh, shared.state.as_deref());
        if let Some(en) = &shared.surname_en {
            let id: String = en
                .to_lowercase()
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect();
            u.id = if self.lex.registry.index(&id).is_some() {
                format!("{id}_surname")
            } else {
                id
            };
            u.label_en = en.clone();
            u.label_is_pinyin = false;
        }
        u
    }

    /// A known person's two-character spelling ([`Registry::by_short_spelling`])
    /// starting at `at` and ending where a name can end (a stop, a bracket,
    /// punctuation): its end and the person.
    ///
    /// [`Registry::by_short_spelling`]: super::registry::Registry::by_short_spelling
    pub(super) fn short_spelling_at(&self, s: &str, at: usize) -> Option<(usize, usize)> {
        let end = s[at..]
            .char_indices()
            .nth(2)
            .map_or(s.len(), |(i, _)| at + i);
        if s[at..end].chars().count() != 2 {
            return None;
        }
        let ends = s[end..]
            .chars()
            .next()
            .is_none_or(|c| !is_cjk(c) || NAME_STOPS.contains(c));
        let p = self.lex.registry.by_short_spelling(&s[at..end])?;
        (ends && self.lex.registry.actors[p].kind == ActorType::Person).then_some((end, p))
    }

    /// A person the lexicon did not tag, named `name` (of `state`, holding
    /// `role`, when a title says so): a known person's two-character
    /// spelling (舒默) or short form (印度国防部长辛格: the office holder
    /// first), else someone new with a pinyin id.
    pub(in crate::extract) fn unknown_person(
        &self,
        name: &str,
        state: Option<&str>,
        role: Option<&str>,
    ) -> ActorRef {
        let reg = &self.lex.registry;
        let short = reg.by_short_spelling(name).filter(|&i| {
            let a = &reg.actors[i];
            a.kind == ActorType::Person && of_state(a, state)
        });
        let known = short.or_else(|| match (state, role) {
            (Some(st), _) => self.known_by_short_name(name, st, role),
            // 总统约翰逊 with no state: whoever of the name held the office.
            (None, Some(role)) => self.office_namesake(name, role, None),
            (None, None) => None,
        });
        // A spelling several people share (克林顿, the miner's 布莱克) is
        // none of them, even one whose spelling sounds alike (布雷克).
        if known.is_none()
            && let Some(shared) = reg.shared_spelling(name)
        {
            return self.surname_person(name, shared);
        }
        let known = known
            .or_else(|| self.sounds_like(name, state))
            .or_else(|| self.given_and_known_surname(name, state))
            .or_else(|| self.known_by_fewer_parts(name, state))
            .or_else(|| self.known_after_article(name, state));
        match known {
            Some(p) => self.actor_ref(p, name),
            None => self.pinyin_person(name, state),
        }
    }

    /// The known person (of `state`, if given) a name of three parts or
    /// more is written short as: its first parts (费萨尔·本·法尔汉 of
    /// 费萨尔·本·法尔汉·阿勒沙特) or its first and last (the miner's
    /// 阿卜杜拉蒂夫·扎亚尼 of 阿卜杜拉蒂夫·本·拉希德·扎亚尼, Abdullatif bin Rashid
    /// al-Zayani: Arabic names add a father's name after 本, bin).
    fn known_by_fewer_parts(&self, name: &str, state: Option<&str>) -> Option<usize> {
        let parts: Vec<&str> = name.split('·').collect();
        if parts.len() < 3 {
            return None;
        }
        let shorter = (2..parts.len())
            .rev()
            .map(|n| parts[..n].join("·"))
            .chain(std::iter::once(format!(
                "{}·{}",
                parts[0],
                parts[parts.len() - 1]
            )));
        shorter.into_iter().find_map(|short| {
            self.lex.actor_spelled(&short).filter(|&i| {
                let a = &self.lex.registry.actors[i];
                a.kind == ActorType::Person && of_state(a, state)
            })
        })
    }

    /// The known person (of `state`, if given) a name is with the Arabic
    /// article al- written in front ([`Lexicon::name_articles`]): 阿尔扎亚尼
    /// is the miner's 扎亚尼 (札亚尼, Abdullatif al-Zayani), by the rest's
    /// spelling or its sounds, three characters or more.
    ///
    /// [`Lexicon::name_articles`]: crate::extract::lexicon::Lexicon::name_articles
    fn known_after_article(&self, name: &str, state: Option<&str>) -> Option<usize> {
        let rest = self.lex.name_articles.iter().find_map(|a| {
            name.strip_prefix(a.as_str())
                .map(|r| r.trim_start_matches(['·', '-']))
                .filter(|r| r.chars().count() >= 3)
        })?;
        let person = |i: usize| {
            let a = &self.lex.registry.actors[i];
            a.kind == ActorType::Person && of_state(a, state)
        };
        self.lex
            .actor_spelled(rest)
            .filter(|&i| person(i))
            .or_else(|| self.sounds_like(rest, state).filter(|&i| person(i)))
    }

    /// The foreign person (of `state`, if given) another spelling of the
    /// same sounds names: 彭培奥 is 蓬佩奥, 柯林顿 克林顿. Names of three
    /// characters or more only: two-character sounds are shared too often.
    pub(super) fn sounds_like(&self, name: &str, state: Option<&str>) -> Option<usize> {
        if name.chars().filter(|&c| c != '·').count() < 3 {
            return None;
        }
        let i = match self.lex.by_sound.get(&sound_key(name)) {
            Some(&i) => i,
            // One syllable off a long name's sounds, when every such sound
            // is the same person's (弗雷泽里克森 → 弗雷德里克森).
            None => {
                let mut near = near_sound_keys(name)
                    .into_iter()
                    .filter_map(|k| self.lex.by_near_sound.get(&k).copied());
                let first = near.next()?;
                if near.any(|j| j != first) {
                    return None;
                }
                first
            }
        };
        of_state(&self.lex.registry.actors[i], state).then_some(i)
    }

    /// The known foreign person (of `state`, if given) a dotted name ends
    /// with, when its given name sounds like theirs ([`given_name_agrees`]):
    /// 利纳斯·林克维丘斯 is the mined 林克维丘斯 (Linas Linkevicius), 比尔·盖茨
    /// Bill Gates; 吉尔·拜登 is not Joe Biden, nor 希拉里·克林顿 Bill Clinton
    /// (a spelling two people share names neither).
    pub(super) fn given_and_known_surname(&self, name: &str, state: Option<&str>) -> Option<usize> {
        let mut parts = name.rsplit('·');
        let (surname, given) = (parts.next()?, parts.next()?);
        // A spelling of the registry's or the miner's, written whole.
        let i = match self.lex.tag(surname)[..] {
            [(0, end, &Tag::Actor(i))] if end == surname.len() && surname.chars().count() >= 2 => i,
            _ => return None,
        };
        let a = &self.lex.registry.actors[i];
        let (latin_given, latin_surname) = a.label_en.split_once(' ')?;
        (a.kind == ActorType::Person
            && !latin_surname.is_empty()
            && of_state(a, state)
            && given_name_agrees(given, latin_given))
        .then_some(i)
    }

    /// Someone the registry does not know, by the pinyin of their name
    /// ([`pinyin_name`]).
    /// The person a name written in Latin letters names (`latin` from its
    /// first letter): the registry's or the miner's with that Latin name,
    /// else someone new with the id and label it gives.
    pub(super) fn latin_person(
        &self,
        latin: &str,
        state: Option<&str>,
        role: &Option<String>,
    ) -> ActorRef {
        let latin = latin.trim_start();
        let mut r = match self.lex.by_latin.get(&latin_key(latin)) {
            Some(&p) => self.actor_ref(p, latin),
            None => ActorRef {
                id: latin_id(latin),
                zh: latin.to_owned(),
                kind: ActorType::Person,
                label_en: latin.to_owned(),
                label_is_pinyin: false,
                state: state.map(str::to_owned),
                role: None,
            },
        };
        r.role = role.clone();
        r
    }

    /// A spelling several mined people write (麦卡锡: Kevin, Gina and
    /// Joseph McCarthy; 洛德: Ellen and Winston Lord) is the one whose title
    /// the text writes next to it (环保署长麦卡锡 is Gina, the EPA
    /// administrator; 洛德大使 Winston, the former ambassador), and later
    /// in the article the one it so named. Only offices tell them apart
    /// (`offices`), and only when one of them holds the office: a spelling
    /// read as the person written most often had made the smaller namesakes
    /// the hand checks' largest class of wrong people.
    pub(in crate::extract) fn pick_namesake(&self, s: &str, m: &mut Mention, ctx: &mut Context) {
        let reg = &self.lex.registry;
        let [r] = &m.actors[..] else { return };
        let writers = reg.namesakes(&r.zh);
        let mine = writers.iter().any(|(k, _)| reg.actors[*k].id == r.id);
        if r.kind != ActorType::Person || writers.is_empty() || !(mine || r.label_is_pinyin) {
            return;
        }
        let Some(name_start) = s[..m.end].strip_suffix(r.zh.as_str()).map(str::len) else {
            return;
        };
        let (before, after) = (&s[..name_start], &s[m.end..]);
        let office = self
            .lex
            .offices
            .iter()
            .filter(|w| before.ends_with(w.as_str()) || after.starts_with(w.as_str()))
            .max_by_key(|w| w.len());
        let picked = match office {
            Some(w) => {
                let mut holders = writers.iter().filter(|(_, title)| {
                    !title.is_empty()
                        && (title.ends_with(w.as_str()) || w.ends_with(title.as_str()))
                });
                match (holders.next(), holders.next()) {
                    (Some(&(k, _)), None) => Some(self.actor_ref(k, &r.zh)),
                    _ => None,
                }
            }
            None => ctx
                .known_person(&r.zh)
                .filter(|known| writers.iter().any(|(k, _)| reg.actors[*k].id == known.id)),
        };
        if let Some(p) = picked
            && p.id != r.id
        {
            let p = ActorRef {
                role: r.role.clone(),
                ..p
            };
            ctx.relearn(&p.zh, &p);
            if ctx.last_person.as_ref().is_some_and(|l| l.id == r.id) {
                ctx.last_person = Some(p.clone());
            }
            m.actors = vec![p];
        }
    }

    /// Is `w` written only in the registry's foreign-name characters (and
    /// the dot of `名·姓`)?
    pub(super) fn transliteration(&self, w: &str) -> bool {
        w.chars()
            .all(|c| c == '·' || self.lex.transliteration_chars.contains(&c))
    }

    /// Is `name` shaped as a Chinese (or Korean) full name: a surname of
    /// `data/lexicon/surnames.txt` and a given name of two characters
    /// (蔡明宪, 欧阳娜娜)? A cut (汪忠 of 汪忠一) or a word (罗织) is
    /// shorter, a transliteration starts with no surname or runs longer.
    ///
    /// ```
    /// use dipgraph::extract::lexicon::LEXICON;
    /// use dipgraph::extract::mentions::MentionFinder;
    /// let f = MentionFinder { lex: &LEXICON, anchor: None };
    /// assert!(f.chinese_full_name("蔡明宪"));
    /// assert!(!f.chinese_full_name("罗织"));
    /// assert!(!f.chinese_full_name("奥尼亚马"));
    /// ```
    pub fn chinese_full_name(&self, name: &str) -> bool {
        let n = name.chars().count();
        self.lex
            .surnames
            .iter()
            .any(|x| name.starts_with(x.as_str()) && x.chars().count() + 2 == n)
    }

    /// Is the name at `start..end` of `s` a surname and one character right
    /// after a word that says a person follows (发言人吴谦表示, 副主任仇鸿。)?
    /// The word says a person follows, the name's end is a name's end, and
    /// a numeral after it makes it a cut (汪忠|一).
    ///
    /// ```
    /// use dipgraph::extract::lexicon::LEXICON;
    /// use dipgraph::extract::mentions::MentionFinder;
    /// let f = MentionFinder { lex: &LEXICON, anchor: None };
    /// let s = "国防部发言人吴谦表示反对。";
    /// let at = s.find("吴谦").unwrap();
    /// assert!(f.titled_short_name(s, at, at + "吴谦".len()));
    /// let s = "发言人汪忠一表示反对。";
    /// let at = s.find("汪忠").unwrap();
    /// assert!(!f.titled_short_name(s, at, at + "汪忠".len()));
    /// ```
    pub fn titled_short_name(&self, s: &str, start: usize, end: usize) -> bool {
        let name = &s[start..end];
        name.chars().count() == 2
            && self
                .lex
                .surnames
                .iter()
                .any(|x| x.chars().count() == 1 && name.starts_with(x.as_str()))
            && self
                .lex
                .person_cues
                .iter()
                .any(|c| s[..start].ends_with(c.as_str()))
            && ends_a_name(&s[end..])
            && s[end..]
                .chars()
                .next()
                .is_none_or(|c| !"一二三四五六七八九十".contains(c))
    }

    pub(super) fn pinyin_person(&self, name: &str, state: Option<&str>) -> ActorRef {
        // Korean names written in Chinese characters (赵贤东) use the
        // registry's foreign-name characters too: the surname decides.
        // So does a Japanese one (古屋圭司 → `guwu_guisi`, as the text gives no
        // reading of it).
        let surname_chars = if name.contains('·') {
            0
        } else if self.japanese_full_name_at(name) == Some(name.len())
            && let Some(x) = longest_prefix(&self.lex.japanese_surnames, name)
        {
            x.chars().count()
        } else if name.chars().count() > 4 {
            0
        } else {
            self.lex
                .surnames
                .iter()
                .filter(|x| name.starts_with(x.as_str()) && name.len() > x.len())
                .map(|x| x.chars().count())
                .max()
                .unwrap_or(0)
        };
        let (id, label_en) = pinyin_name(name, surname_chars);
        ActorRef {
            id,
            zh: name.to_owned(),
            kind: ActorType::Person,
            label_en,
            label_is_pinyin: true,
            state: state.map(str::to_owned),
            role: None,
        }
    }
}

/// Can `a` be the person of `state` a text names (none given: anyone)?
/// People of no state (officials of international bodies) are named after
/// any state's or body's title (欧盟委员会主席冯·德·莱恩).
pub(super) fn of_state(a: &Actor, state: Option<&str>) -> bool {
    state.is_none() || a.state.is_none() || a.state.as_deref() == state
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lexicon::LEXICON;
    use crate::extract::mentions::testing::{finder, ids, mentions};

    #[test]
    fn an_office_next_to_a_spelling_says_which_namesake_it_is() {
        // 麦卡锡 is Kevin McCarthy (a House leader) unless an office says
        // otherwise; 洛德 Ellen Lord (under secretary) unless one says
        // ambassador.
        for (s, id) in [
            (
                "2014年奥巴马总统任内，环保署长麦卡锡曾访台。",
                "gina_mccarthy",
            ),
            ("众议院少数党领袖麦卡锡批评民主党。", "kevin_mccarthy"),
            ("前驻华大使洛德会见了王毅。", "winston_lord"),
        ] {
            let (ms, ctx) = mentions(s, "2020-11-12");
            assert!(ids(&ms).contains(&id.to_owned()), "{s}: {:?}", ids(&ms));
            if id == "winston_lord" {
                // And so for the rest of the article.
                assert_eq!(ctx.known("洛德").map(|r| r.id).as_deref(), Some(id));
            }
        }
        // A namesake the article then names by the Latin name in brackets is
        // the one the spelling names from there on (Anders Fogh Rasmussen, PM
        // 2001–2009, after 首相 had picked Lars Løkke Rasmussen, PM 2015–2019).
        let f = finder("2020-12-10");
        let mut ctx = Context::default();
        let mut find = |s: &str| {
            let ms = f.find(s, &LEXICON.tag(s), &mut ctx, &SentenceNames::default());
            ids(&ms)
        };
        assert!(
            find("许智峰与丹麦前首相拉斯穆森会面。").contains(&"lars_lokke_rasmussen".to_owned())
        );
        find("安诺斯·福格·拉斯穆森（Anders Fogh Rasmussen）曾在2001至2009年间担任丹麦首相。");
        assert_eq!(
            find("拉斯穆森在推特上呼吁各国支持香港。")[0],
            "anders_fogh_rasmussen"
        );
        // A kin word tells no namesake apart: 妻子 is not the mined title of
        // whichever namesake the miner saw after it.
        assert!(LEXICON.person_cues.iter().any(|w| w == "妻子"));
        assert!(!LEXICON.offices.iter().any(|w| w == "妻子"));
    }

    #[test]
    fn a_known_surname_after_the_arabic_article_is_that_person() {
        // 阿尔扎亚尼 is al-Zayani, the miner's 札亚尼 (the whole list at
        // b5a69c7 had him twice).
        let f = finder("2020-10-18");
        assert_eq!(
            f.unknown_person("阿尔扎亚尼", None, None).id,
            "abdullatif_al_zayani"
        );
        // Not a rest of two characters, nor a rest nobody has.
        assert!(f.unknown_person("阿尔巴尼", None, None).label_is_pinyin);
        assert!(f.unknown_person("艾尔林德曼", None, None).label_is_pinyin);
    }

    #[test]
    fn short_spellings_once_named_in_full_and_sound_alikes() {
        let f = finder("2020-08-01");
        let mut ctx = Context::default();
        let find = |s: &str, ctx: &mut Context| {
            ids(&f.find(s, &LEXICON.tag(s), ctx, &SentenceNames::default()))
        };
        // 舒默 alone is no name before the article names 查克·舒默.
        assert_eq!(find("舒默批评北京", &mut ctx), vec!["CHN"]);
        assert_eq!(
            find("参议员查克·舒默批评北京", &mut ctx)[0],
            "chuck_schumer"
        );
        assert_eq!(
            find("舒默还批评北京", &mut ctx),
            vec!["chuck_schumer", "CHN"]
        );
        // With a title before it, or the Latin name in brackets after it, in
        // an article that never named the person in full.
        let mut ctx = Context::default();
        assert_eq!(find("民主党党首舒默批评北京", &mut ctx)[0], "chuck_schumer");
        let mut ctx = Context::default();
        assert_eq!(
            find("舒默（Chuck Schumer）批评北京", &mut ctx)[0],
            "chuck_schumer"
        );
        let mut ctx = Context::default();
        assert_eq!(find("舒默（Robert Shum）批评北京", &mut ctx), vec!["CHN"]);
        // A mined spelling inside a longer name the tagger finds is not
        // that person (斯坦恩, Aaron Stein, in Mark Feierstein's name).
        let (ms, _) = mentions("德国马歇尔基金会批评北京", "2020-08-01");
        assert_eq!(ids(&ms), vec!["DEU", "CHN"]);
        let (ms, _) = mentions("路易斯安那州州长批评北京", "2020-08-01");
        assert!(
            !ids(&ms).contains(&"john_lewis".to_owned()),
            "{:?}",
            ids(&ms)
        );
        let (ms, _) = mentions("中国称詹姆斯暗沙是领土，菲律宾批评北京", "2020-08-01");
        assert!(
            !ids(&ms).iter().any(|i| i.contains("james")),
            "{:?}",
            ids(&ms)
        );
        let (ms, _) = mentions("前顾问费勒斯坦恩指责北京", "2020-08-01");
        assert!(
            !ids(&ms).contains(&"aaron_stein".to_owned()),
            "{:?}",
            ids(&ms)
        );
        // Nor is any person's name inside a doctrine's or a place's (the
        // registry's too): 毛泽东思想, 金日成广场.
        let (ms, _) = mentions("朝鲜在金日成广场举行阅兵，毛泽东思想", "2020-08-01");
        assert_eq!(ids(&ms), vec!["PRK"]);
        let (ms, _) = mentions("1972年毛泽东会见尼克松", "1972-02-21");
        assert_eq!(ids(&ms)[0], "mao_zedong");
        // Another transliteration of the same sounds after a title is the
        // known person, not someone new.
        let (ms, _) = mentions("美国国务卿彭培奥会见王毅", "2020-08-01");
        assert_eq!(ids(&ms), vec!["mike_pompeo", "wang_yi"]);
        // A surname two mined people share is the one the article named in
        // full, else nobody known: 克林顿 is Bill or Hillary.
        let mut ctx = Context::default();
        assert_eq!(find("克林顿会见了江泽民", &mut ctx)[0], "clinton");
        assert_eq!(
            find("前国务卿希拉里·克林顿批评北京", &mut ctx)[0],
            "hillary_clinton"
        );
        assert_eq!(find("克林顿会见了王毅", &mut ctx)[0], "hillary_clinton");
        // After a title too (not the mined person it is tagged as); and a
        // spelling the archive brackets with several people (the miner's
        // `shared` rows: 布莱克 is Melody Black, Jacob Blake…) is nobody known.
        let mut ctx = Context::default();
        // (An office one of them held names that one: 美国前总统克林顿 is
        // Bill, `an_office_says_which_of_a_names_people_held_it`.)
        assert_eq!(
            find("前国务卿克林顿会见了杨洁篪", &mut ctx)[0],
            "hillary_clinton"
        );
        assert_eq!(find("布莱克会见了江泽民", &mut ctx)[0], "bulaike");
        // A name with a known person's Latin name in brackets is that
        // person, whatever the spelling, here and later in the article.
        let mut ctx = Context::default();
        assert!(
            find("人民党主席甘地（Rahul Gandhi）批评莫迪", &mut ctx)
                .contains(&"rahul_gandhi".to_owned())
        );
        assert!(find("甘地还批评了莫迪", &mut ctx).contains(&"rahul_gandhi".to_owned()));
        // A tagged name running into a lexicon word ends where it starts.
        let s = "香港天主教区荣休主教陈日君枢机批评北京";
        let tags = LEXICON.tag(s);
        let names = SentenceNames::default();
        let found = f.find(s, &tags, &mut Context::default(), &names);
        let tagged: Vec<String> = f
            .tagged_people(s, &tags, &found, &names)
            .iter()
            .flat_map(|m| m.actors.iter().map(|a| a.zh.clone()))
            .collect();
        assert_eq!(tagged, ["陈日君"]);
        // The model's candidates read people in a sentence with a verb of
        // speech and no trigger; the patterns' slots do not.
        let s = "世界维吾尔大会发言人迪里夏提表示，中共掩盖疫情";
        let tags = LEXICON.tag(s);
        let names = SentenceNames::default();
        let at = s.find("迪里夏提").unwrap();
        let _ = names.tagged.set(vec![(at, at + "迪里夏提".len())]);
        let found: Vec<Mention> = Vec::new();
        let spoken = f.tagged_people(s, &tags, &found, &names);
        assert_eq!(spoken.len(), 1, "{:?}", ids(&spoken));
        assert!(f.tagger_people(s, &tags, &found, true, &names).is_empty());
        // So does one running into a word of time (the tagger's span given).
        let s = "英国商务大臣沙马周一表示支持合作";
        let tags = LEXICON.tag(s);
        let names = SentenceNames::default();
        let at = s.find("沙马").unwrap();
        let _ = names.tagged.set(vec![(at, at + "沙马周一".len())]);
        let found = f.find(s, &tags, &mut Context::default(), &names);
        let all: Vec<String> = f
            .tagged_people(s, &tags, &found, &names)
            .iter()
            .chain(&found)
            .flat_map(|m| m.actors.iter().map(|a| a.zh.clone()))
            .collect();
        assert!(!all.iter().any(|n| n.contains("周一")), "{all:?}");
        // The tagger's parts of one dotted name are the whole name, and
        // one part reaches the others across the dots (伊尔法恩|·阿里).
        let people = |s: &str, spans: Vec<(&str, &str)>| {
            let tags = LEXICON.tag(s);
            let names = SentenceNames::default();
            let spans = spans
                .iter()
                .map(|(from, to)| (s.find(from).unwrap(), s.find(to).unwrap() + to.len()))
                .collect();
            let _ = names.tagged.set(spans);
            let found = f.find(s, &tags, &mut Context::default(), &names);
            f.tagged_people(s, &tags, &found, &names)
                .iter()
                .flat_map(|m| m.actors.iter().map(|a| a.zh.clone()))
                .collect::<Vec<_>>()
        };
        let s = "学者伊力哈木·土赫提表示反对中共";
        let whole = vec!["伊力哈木·土赫提".to_owned()];
        let parts = vec![("伊力哈木", "伊力哈木·"), ("土赫提", "土赫提")];
        assert_eq!(people(s, parts), whole);
        assert_eq!(people(s, vec![("土赫提", "土赫提")]), whole);
        let s = "总统伊尔法恩·阿里表示反对中共";
        let whole = vec!["伊尔法恩·阿里".to_owned()];
        assert_eq!(people(s, vec![("伊尔法恩", "伊尔法恩")]), whole);
        // A known person's spelling inside a tagged name is no such word:
        // 阿齐兹 (a mined Aziz) in 阿卜杜勒阿齐兹 is vetoed, the name whole.
        // (The tagger's spans given, as the tagger of the day may split it.)
        let s = "诺瓦克在利雅得与沙特能源大臣阿卜杜勒阿齐兹亲王会谈后并称";
        let tags = LEXICON.tag(s);
        let names = SentenceNames::default();
        let at = s.find("阿卜杜勒").unwrap();
        let _ = names.tagged.set(vec![(at, at + "阿卜杜勒阿齐兹".len())]);
        let found = f.find(s, &tags, &mut Context::default(), &names);
        assert!(!ids(&found).contains(&"freroza_aziz".to_owned()));
        let tagged: Vec<String> = f
            .tagged_people(s, &tags, &found, &names)
            .iter()
            .flat_map(|m| m.actors.iter().map(|a| a.zh.clone()))
            .collect();
        assert!(tagged.contains(&"阿卜杜勒阿齐兹".to_owned()), "{tagged:?}");
        // A mined spelling that is part of a dotted name is not that person
        // (路易斯 is the mined John Lewis), nor is a given name after a title.
        let s = crate::text::normalize("获得总统路易斯‧阿比纳德尔〈Luis Abinader〉接见").norm;
        let (ms, _) = mentions(&s, "2020-08-01");
        assert!(
            !ids(&ms).contains(&"john_lewis".to_owned()),
            "{:?}",
            ids(&ms)
        );
        // (so with no tagged name to say so)
        let untagged = SentenceNames::default();
        let _ = untagged.tagged.set(Vec::new());
        let at = s.find("路易斯").unwrap();
        assert!(f.inside_another_name(&s, at, at + "路易斯".len(), &untagged));
        let (ms, _) = mentions("特朗普会晤俄罗斯总统弗拉基米尔·V·普京", "2019-06-29");
        assert!(
            ms.iter()
                .all(|m| m.actors.iter().all(|a| a.zh != "弗拉基米尔")),
            "{:?}",
            ids(&ms)
        );
        // A given name alone names nobody whole (the crown prince here).
        assert!(LEXICON.given_names.contains("约翰"));
        assert!(!LEXICON.given_names.contains("克林顿"));
        let s = "蓬佩奥在推特上说，他与穆罕默德亲王在纽姆进行了建设性的会谈";
        let tags = LEXICON.tag(s);
        let names = SentenceNames::default();
        let found = f.find(s, &tags, &mut Context::default(), &names);
        let mut all = f.tagged_people(s, &tags, &found, &names);
        all.extend(found);
        assert!(
            all.iter().all(|m| m.actors[0].zh != "穆罕默德"),
            "{:?}",
            ids(&all)
        );
        // So is a long name one syllable off (弗雷泽里克森 / 弗雷德里克森).
        let (ms, _) = mentions("丹麦首相弗雷泽里克森批评北京", "2020-08-01");
        assert_eq!(ids(&ms)[0], "mette_frederiksen", "{:?}", ids(&ms));
        // So is one the name tagger finds (an official of no state).
        let (ms, _) = mentions("王毅会见了冯·德·莱恩。", "2020-08-01");
        assert_eq!(ids(&ms), vec!["wang_yi", "ursula_von_der_leyen"]);
    }

    #[test]
    fn a_given_name_before_a_known_surname_is_that_person_when_it_sounds_like_theirs() {
        let f = finder("2020-10-01");
        // The miner knows 米克斯 (Gregory Meeks) and 林克维丘斯 (Linas
        // Linkevicius) by their surnames alone.
        assert_eq!(
            f.unknown_person("格雷戈里·米克斯", None, None).id,
            "gregory_meeks"
        );
        let linas = f.unknown_person("利纳斯·林克维丘斯", Some("LTU"), None);
        assert_eq!(
            (linas.id.as_str(), linas.zh.as_str()),
            ("linas_linkevicius", "利纳斯·林克维丘斯")
        );
        // Another given name is another person: Jill Biden is not Joe.
        let jill = f.unknown_person("吉尔·拜登", None, None);
        assert_ne!(jill.id, "joe_biden");
        assert_eq!(jill.zh, "吉尔·拜登");
        // A known person's spelling a dot follows is a given name.
        let (ms, _) = mentions("卡特·威廉姆斯批评中国", "2020-10-01");
        assert_eq!(ids(&ms), vec!["CHN"]);
    }
}
