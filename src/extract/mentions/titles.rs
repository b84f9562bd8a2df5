//! A name after a title: where the untagged text after 外长, 参议员 or
//! 驻美大使 ends, and who an office names (its holder on the date, or the
//! holder a shorter or other spelling after it means).

use super::*;

impl MentionFinder<'_> {
    /// A known person of `state` whose spelling sounds like `rest`'s run of
    /// a transliteration's characters through a stop that cut `name` short
    /// (巴西总统博索尔那罗: 那 stops names, and 博索尔 had been someone new
    /// beside 博索尔纳罗): that run, when it is longer than `name`.
    pub(super) fn sounded_through_stop<'s>(
        &self,
        rest: &'s str,
        name: &str,
        state: &str,
    ) -> Option<&'s str> {
        let end: usize = rest
            .chars()
            .take_while(|c| *c == '·' || self.lex.transliteration_chars.contains(c))
            .take(2 * MAX_NAME_CHARS)
            .map(char::len_utf8)
            .sum();
        let run = rest[..end].trim_end_matches('·');
        (run.len() > name.len()
            && run.starts_with(name)
            && self.sounds_like(run, Some(state)).is_some())
        .then_some(run)
    }

    /// How much of `name`, the untagged text after a title at `at`, is a
    /// name: what the name tagger tags from there (辛格举行 → 辛格), or a
    /// transliteration whole (the tagger misses rare ones); nothing when
    /// neither holds — the text after a title is often no name at all
    /// (外交部长措手不及, 官员行动, 大使馆最后表示).
    pub(super) fn confirmed_name<'s>(
        &self,
        s: &'s str,
        tags: &[(usize, usize, &Tag)],
        at: usize,
        name: &'s str,
        names: &SentenceNames,
    ) -> Option<&'s str> {
        // A given name alone names nobody whole (总统弗拉基米尔·V·普京).
        let whole = |n: &&str| !self.lex.given_names.contains(n.trim_end_matches('·'));
        if let Some(&(_, b)) = self
            .whole_names(s, tags, names)
            .iter()
            .find(|&&(a, _)| a == at)
        {
            // Where the tagger's name ends is where the name ends: the text
            // up to the next stop runs on (辛格举行, 舒曼提出, 扬沙第一个).
            // A Chinese full name may end in a stop that ends names often
            // (驻捷克代表汪忠一离席, 驻法代表吴志中出席: the stops had cut
            // 汪忠 and 吴志): where the tagger reads through it, so does
            // the name.
            let through_ending = b == at + name.len() + 3
                && s[at + name.len()..b]
                    .chars()
                    .all(|c| NAME_ENDINGS.contains(c))
                && self.chinese_full_name(&s[at..b]);
            let end = if through_ending {
                b
            } else {
                b.min(at + name.len())
            };
            let confirmed = &s[at..end];
            return (confirmed.chars().count() >= 2)
                .then_some(confirmed)
                .filter(whole);
        }
        (name.chars().count() >= 3 && self.transliteration(name))
            .then_some(name)
            .filter(whole)
    }

    /// The office a title names for a state: a leader (领导人) is the head
    /// of government where the head of state is ceremonial (日本领导人).
    pub(super) fn office_of<'r>(&self, role: &'r str, title: &str, state: &str) -> &'r str {
        if role == "head_of_state"
            && title.ends_with("领导人")
            && self.lex.government_led.contains(state)
        {
            "head_of_government"
        } else {
            role
        }
    }

    /// The registry person of `state` whose Chinese name ends with `name`
    /// (拉杰纳特·辛格 for 辛格), or is `name` without the given name: the
    /// holder of `role` on the article's (or the sentence's) date if that
    /// fits, else the only person of the state that does, else the only one
    /// of those who ever held `role` there (美国前总统克林顿: Bill, not
    /// Hillary; 美国总统卡特 in an article of 2020: Jimmy, not Ash Carter);
    /// when none fits and the registry keeps no terms of the office there,
    /// the state's one person whose spelling is another transliteration of
    /// `name` ([`Self::respelt_of_state`]: 奥地利总理库茨 is 库尔茨).
    pub(super) fn known_by_short_name(
        &self,
        name: &str,
        state: &str,
        role: Option<&str>,
    ) -> Option<usize> {
        let reg = &self.lex.registry;
        let fits = |i: usize| self.spelling_fits(i, name);
        // The office's holder on the date also by a cut of their spelling
        // the text wrote (以色列总理内塔尼亚及国防部长…: 内塔尼亚 of
        // 内塔尼亚胡, the hand check of seed 25).
        let cut_of = |i: usize| {
            let a = &reg.actors[i];
            name.chars().count() >= 3
                && std::iter::once(&a.label_zh)
                    .chain(&a.aliases_zh)
                    .any(|l| l.len() > name.len() && l.starts_with(name))
        };
        // Another transliteration of the holder's foreign name after their
        // office (沙特阿拉伯外交部长费瑟 for 费萨尔, a hand check's second id,
        // seed 28): it starts with the same character. Only where both are
        // transliterations: Chinese names share surnames.
        // So is a spelling of the holder's sounds (埃及总统赛西 for 塞西) or
        // one character off theirs between the same first and last
        // (澳大利亚总理莫斯森 for 莫里森): one person holds the office on a
        // date, and these are not another name of theirs but a slip.
        let respelt = |i: usize| {
            let a = &reg.actors[i];
            let first = name.chars().next();
            let sounds = pinyin_name(name, 0).0;
            let n = name.chars().count();
            std::iter::once(&a.label_zh).chain(&a.aliases_zh).any(|l| {
                let one_off = l.chars().count() == n
                    && n >= 3
                    && l.chars().next() == first
                    && l.chars().next_back() == name.chars().next_back()
                    && l.chars().zip(name.chars()).filter(|(x, y)| x != y).count() == 1;
                l != name
                    && ((self.transliteration(name)
                        && !self.chinese_full_name(name)
                        && self.transliteration(l)
                        && l.chars().next() == first)
                        || pinyin_name(l, 0).0 == sounds
                        || one_off)
            })
        };
        if let (Some(role), Some(date)) = (role, self.anchor)
            && let Some(h) = reg.holder(role, state, date)
            && (fits(h) || cut_of(h) || respelt(h))
        {
            return Some(h);
        }
        let found: Vec<usize> = (0..reg.actors.len())
            .filter(|&i| reg.actors[i].state.as_deref() == Some(state) && fits(i))
            .collect();
        if let [only] = found[..] {
            return Some(only);
        }
        // Where the registry keeps the office's terms, they decide (a name
        // that is not the holder's is someone else: 兰斯伯吉斯 as Lithuania's
        // foreign minister in August 2020, before the registry's
        // Landsbergis held it); where it keeps none, the state's people do.
        if found.is_empty() && !role.is_some_and(|role| reg.keeps_terms(role, state)) {
            return self.respelt_of_state(name, state);
        }
        self.office_namesake(name, role?, Some(state))
    }

    /// The one person of `state` the lists know whose spelling is another
    /// transliteration of `name`, written after a title of the state whose
    /// terms the registry does not keep: it starts
    /// with the same character and shares another with it (奥地利总理库茨 is
    /// 库尔茨, Sebastian Kurz; the hand checks' most frequent second ids were
    /// the tagger's own spelling of someone the lists know under another).
    /// Only transliterations: Chinese names share surnames.
    fn respelt_of_state(&self, name: &str, state: &str) -> Option<usize> {
        let reg = &self.lex.registry;
        if !self.transliteration(name) || self.chinese_full_name(name) {
            return None;
        }
        let first = name.chars().next()?;
        // Against the surname of a dotted spelling (摩根·奥塔格斯's given
        // name is Morgan), sharing half the longer one's characters; a name
        // that runs on past a whole known surname is another name (摩根索,
        // Morgenthau, is not Mark Morgan's 摩根).
        let akin = |l: &String| {
            let surname = l.rsplit('·').next().unwrap_or(l);
            let shared = surname.chars().filter(|&c| name.contains(c)).count();
            let longer = surname.chars().count().max(name.chars().count());
            self.transliteration(surname)
                && surname.starts_with(first)
                && shared >= 2
                && 2 * shared >= longer
                && !name.starts_with(surname)
        };
        only_one((0..reg.actors.len()).filter(|&i| {
            let a = &reg.actors[i];
            a.kind == ActorType::Person
                && a.state.as_deref() == Some(state)
                && std::iter::once(&a.label_zh).chain(&a.aliases_zh).any(akin)
        }))
    }

    /// Is `name` registry person `i`'s spelling, or its end (辛格
    /// abbreviates 拉杰纳特·辛格), or it with a given name before (迈克·庞皮欧
    /// is 庞皮欧)?
    fn spelling_fits(&self, i: usize, name: &str) -> bool {
        let a = &self.lex.registry.actors[i];
        a.kind == ActorType::Person
            && std::iter::once(&a.label_zh).chain(&a.aliases_zh).any(|l| {
                l.ends_with(name)
                    || name
                        .strip_suffix(l.as_str())
                        .is_some_and(|given| given.ends_with('·'))
            })
    }

    /// The one person `name` may be who held `role` (of `state`, or of any
    /// state when the text names none) on the date, else the only one of
    /// them who ever held it: the registry lists past holders of the offices
    /// the news recalls most, so 总统约翰逊 in 1965 is Lyndon Johnson and
    /// 美国前总统克林顿 Bill Clinton, not Hillary.
    pub(super) fn office_namesake(
        &self,
        name: &str,
        role: &str,
        state: Option<&str>,
    ) -> Option<usize> {
        let terms: Vec<&Term> = self
            .lex
            .registry
            .terms
            .iter()
            .filter(|t| {
                t.role == role
                    && state.is_none_or(|st| t.of == st)
                    && self.spelling_fits(t.actor, name)
            })
            .collect();
        // One person may hold several of these terms.
        self.anchor
            .and_then(|date| only_one(terms.iter().filter(|t| t.covers(date)).map(|t| t.actor)))
            .or_else(|| only_one(terms.iter().map(|t| t.actor)))
    }
}

/// The one value `items` yields, however often: none when it yields none or
/// two different ones.
fn only_one(mut items: impl Iterator<Item = usize>) -> Option<usize> {
    let first = items.next()?;
    items.all(|i| i == first).then_some(first)
}

/// Words between a state and a title that keep the office (美国现任总统).
pub(super) const TITLE_MODIFIERS: &[&str] = &["现任", "新任", "代理"];

/// Words between a state and a title that name someone not (or no longer)
/// in the office (美国当选总统拜登): a name after it, never its holder.
pub(super) const NOT_IN_OFFICE: &[&str] = &["当选", "候任", "前", "时任"];

/// Past the post abroad right after `end`, when a tagged state or place
/// follows 驻 (台湾驻荷兰代表, 中国驻瑞典大使馆, 美国驻海牙大使馆: the state or
/// city after 驻 is where the office or mission sits): the next tag's index
/// and where the post ends.
fn past_post(tags: &[(usize, usize, &Tag)], j: usize, s: &str, end: usize) -> (usize, usize) {
    match tags.get(j) {
        Some(&(pstart, pend, Tag::Actor(_) | Tag::Place(_))) if &s[end..pstart] == "驻" => {
            (j + 1, pend)
        }
        _ => (j, end),
    }
}

/// Is `gap` a post abroad the lexicon tags no state in (驻美, 驻华, 驻上海)?
fn untagged_post(gap: &str) -> bool {
    gap.starts_with('驻') && gap.chars().count() <= 4
}

/// A state's body right after position `end`, directly (中国外交部) or
/// after its post as its missions abroad are named (中国驻瑞典大使馆, 美国驻华大使馆:
/// the guideline's "a government, its ministry … speaking for it is the
/// state"; the training corpus's gold writes 中国驻英国大使馆 as `CHN`): the
/// index of the body's tag and where it ends.
pub(super) fn body_after(
    tags: &[(usize, usize, &Tag)],
    j: usize,
    s: &str,
    end: usize,
) -> Option<(usize, usize)> {
    let (j, end) = past_post(tags, j, s, end);
    let &(bstart, bend, tag) = tags.get(j)?;
    let gap = &s[end..bstart];
    (matches!(tag, Tag::GenericBody) && (gap.is_empty() || untagged_post(gap))).then_some((j, bend))
}

/// A title right after position `end` (directly, or after its post: 驻美大使).
pub(super) fn title_after<'t>(
    tags: &'t [(usize, usize, &Tag)],
    j: usize,
    s: &str,
    end: usize,
) -> Option<(usize, usize, usize, &'t Option<String>)> {
    let (j, end) = past_post(tags, j, s, end);
    let &(tstart, tend, tag) = tags.get(j)?;
    let Tag::Title(role) = tag else { return None };
    let gap = &s[end..tstart];
    // 美国、澳洲及印度3国外交部长: a count of the states listed.
    let state_count = gap.strip_suffix('国').is_some_and(|n| {
        !n.is_empty()
            && n.chars().count() <= 2
            && n.chars()
                .all(|c| c.is_ascii_digit() || "两三四五六七八九十".contains(c))
    });
    let ok = gap.is_empty()
        || untagged_post(gap)
        || TITLE_MODIFIERS.contains(&gap)
        || NOT_IN_OFFICE.contains(&gap)
        || state_count;
    if !ok {
        return None;
    }
    // 国务委员兼外长, 副总统暨行政院长, 总统外事顾问: the last of chained titles names the
    // office (the president's adviser is not the president).
    if let Some(&(nstart, nend, Tag::Title(next))) = tags.get(j + 1)
        && matches!(&s[tend..nstart], "" | "兼" | "暨")
    {
        return Some((j + 1, nstart, nend, next));
    }
    Some((j, tstart, tend, role))
}

/// Longest unknown name after a title: transliterated names run long
/// (姆纳察卡尼扬, 巴伊拉莫夫), Chinese ones are 2–4 characters.
pub(super) const MAX_NAME_CHARS: usize = 7;

/// A name right after a title, up to a function word.
pub(super) fn unknown_name<'s>(rest: &'s str, lex: &Lexicon) -> Option<&'s str> {
    let mut end = 0;
    let mut n = 0;
    for c in rest.chars() {
        if NAME_STOPS.contains(c) || !is_cjk(c) {
            break;
        }
        end += c.len_utf8();
        n += 1;
        if n > MAX_NAME_CHARS {
            return None;
        }
    }
    let name = &rest[..end];
    // 领导人首次…, 总统举行…: words no name starts with.
    if lex.starts_no_name(name) {
        return None;
    }
    // Past four characters only a transliterated name (姆纳察卡尼扬), not
    // a phrase the stops missed (举行了为期两天).
    let plausible = n <= 4 || name.chars().all(|c| lex.transliteration_chars.contains(&c));
    ((2..=MAX_NAME_CHARS).contains(&n) && plausible).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lexicon::LEXICON;
    use crate::extract::mentions::testing::{ids, mentions};

    #[test]
    fn a_states_missions_abroad_and_its_bodies_speak_for_it() {
        // 大使馆 is one word, so no ambassador is read with a name 馆.
        let (ms, _) = mentions("中国驻瑞典大使馆批评美国驻华大使馆", "2020-02-10");
        assert_eq!(ids(&ms), vec!["CHN", "USA"]);
        assert_eq!(ms[0].actors[0].zh, "中国");
        assert_eq!((ms[0].start, ms[0].end), (0, "中国驻瑞典大使馆".len()));
        let (ms, _) = mentions("香港中联办支持特区政府，陆委会批评国台办", "2020-07-01");
        assert_eq!(ids(&ms), vec!["CHN", "HKG", "TWN", "CHN"]);
        // A body's officer named after it is who acts, as with no body.
        let (ms, _) = mentions("国台办发言人马晓光批评民进党当局", "2020-07-01");
        assert_eq!(ids(&ms), vec!["ma_xiaoguang", "TWN"]);
        // 行政院长 is an office (Taiwan's head of government), not the body
        // 行政院 with a name after it.
        let (ms, _) = mentions("台湾行政院长会见美国国务次卿", "2020-09-18");
        assert_eq!(ids(&ms)[0], "su_tseng_chang");
    }

    #[test]
    fn unknown_people_by_pattern() {
        let (ms, _) = mentions("韩国驻美大使赵贤东在华盛顿表示", "2023-08-31");
        assert_eq!(ms[0].actors[0].id, "zhao_xiandong");
        assert_eq!(ms[0].actors[0].label_en, "Zhao Xiandong");
        assert!(ms[0].actors[0].label_is_pinyin);
        assert_eq!(ms[0].actors[0].zh, "赵贤东");
        assert_eq!(ms[0].actors[0].state.as_deref(), Some("KOR"));

        // Words after a title that start no name.
        for s in [
            "法国领导人首次表态",
            "巴西总统举行记者会",
            "泰国总理率团出访",
            "中国官员经常谴责美国",
            "鼓励美国总统或国务卿访台",
            "安倍晋三在其第一个首相任期内访问印度",
        ] {
            let (ms, _) = mentions(s, "2020-11-11");
            assert!(
                ms.iter().all(|m| m
                    .actors
                    .iter()
                    .all(|a| a.kind != ActorType::Person || LEXICON.registry.get(&a.id).is_some())),
                "{s}: {:?}",
                ids(&ms)
            );
        }
    }

    #[test]
    fn a_name_a_stop_cut_short_after_a_title() {
        // 中 ends names: the tagger reads 吴志中 whole, so does the title's
        // name; 那 stops names, but 博索尔那罗 sounds like 博索尔纳罗.
        let (ms, _) = mentions("中华民国驻法代表吴志中出席听证会", "2020-09-09");
        assert!(
            ids(&ms).contains(&"wu_zhizhong".to_owned()),
            "{:?}",
            ids(&ms)
        );
        let (ms, _) = mentions("巴西总统博索尔那罗批评北京", "2020-08-01");
        assert_eq!(ids(&ms), vec!["jair_bolsonaro", "CHN"]);
        // A cut of the office holder's spelling is the holder (the text
        // wrote 内塔尼亚及…).
        let (ms, _) = mentions("蓬佩奥会见以色列总理内塔尼亚及国防部长", "2020-08-01");
        assert!(
            ids(&ms).contains(&"benjamin_netanyahu".to_owned()),
            "{:?}",
            ids(&ms)
        );
    }

    #[test]
    fn an_office_says_which_of_a_names_people_held_it() {
        // The anchor is the date the sentence is about (its year, when it
        // writes one): a surname several people write is whoever of them
        // held the office then, tagged as someone else or untagged.
        let cases = [
            ("美国总统约翰逊会见了蒋经国", "1965-09-23", "lyndon_johnson"),
            ("约翰逊总统会晤蒋经国部长", "1965-09-23", "lyndon_johnson"),
            ("陈诚与副总统约翰逊会晤", "1961-07-01", "lyndon_johnson"),
            (
                "美国总统布什派特使访问北京",
                "1989-07-01",
                "george_h_w_bush",
            ),
            ("美国总统布什会见温家宝", "2003-12-09", "george_w_bush"),
            ("邓小平会见了卡特总统", "1979-01-29", "jimmy_carter"),
            ("美国国防部长卡特访问印度", "2016-04-11", "ash_carter"),
            // No year: the only one of them who ever held it.
            ("美国前总统克林顿批评特朗普", "2020-08-19", "bill_clinton"),
            ("英国首相约翰逊会见拜登", "2021-06-10", "boris_johnson"),
        ];
        for (s, day, id) in cases {
            let (ms, _) = mentions(s, day);
            assert!(ids(&ms).contains(&id.to_owned()), "{s}: {:?}", ids(&ms));
        }
        // Nobody of the name held it: no guess (Hillary Clinton was no
        // president).
        let (ms, _) = mentions("美国总统希拉里批评特朗普", "2020-08-19");
        assert!(
            !ids(&ms).contains(&"hillary_clinton".to_owned()),
            "{:?}",
            ids(&ms)
        );
    }

    #[test]
    fn another_transliteration_after_an_office_is_its_holder() {
        let (ms, _) = mentions(
            "沙特阿拉伯外交部长费瑟5日宣布恢复与卡塔尔的关系。",
            "2021-01-06",
        );
        assert!(
            ids(&ms).contains(&"faisal_bin_farhan".to_owned()),
            "{:?}",
            ids(&ms)
        );
        // Its sounds (赛西, 塞西) or one character off between the same first
        // and last (莫斯森, 莫里森), Chinese-shaped or not.
        for (s, id) in [
            ("埃及总统赛西周二会见了王毅。", "abdel_fattah_el_sisi"),
            ("澳大利亚总理莫斯森周二批评中国。", "scott_morrison"),
        ] {
            let (ms, _) = mentions(s, "2020-12-08");
            assert!(ids(&ms).contains(&id.to_owned()), "{s}: {:?}", ids(&ms));
        }
        // Of a person the lists know without an office's term: the one of
        // the state whose spelling starts alike and shares half of it.
        let (ms, _) = mentions("马克龙在巴黎跟奥地利总理库茨会面", "2020-11-10");
        assert!(
            ids(&ms).contains(&"sebastian_kurz".to_owned()),
            "{:?}",
            ids(&ms)
        );
        // A name running on past a known surname is another name (摩根索,
        // Henry Morgenthau, is not Mark Morgan's 摩根).
        let (ms, _) = mentions("美国财长摩根索和英国大使吃饭，摩根索嘲讽英国", "2020-11-10");
        assert!(
            !ids(&ms).contains(&"mark_morgan".to_owned()),
            "{:?}",
            ids(&ms)
        );
        // Another first character is someone else (a predecessor, a guest).
        let (ms, _) = mentions(
            "沙特阿拉伯外交部长朱拜尔宣布恢复与卡塔尔的关系。",
            "2021-01-06",
        );
        assert!(
            !ids(&ms).contains(&"faisal_bin_farhan".to_owned()),
            "{:?}",
            ids(&ms)
        );
    }
}
