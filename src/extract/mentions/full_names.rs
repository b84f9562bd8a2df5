//! Chinese full names right after a word that says a person follows
//! (政务次长曾厚仁), where neither the lexicon nor the tagger found one.

use super::*;

impl MentionFinder<'_> {
    /// Chinese full names right after a word that says a person follows
    /// (the miner's titles, `person_cues`: 次长, 委员, 局长) where neither
    /// the lexicon nor the tagger found anything: 台湾外交部政务次长曾厚仁批评
    /// 中国 had given Taiwan criticising China and no 曾厚仁 (the lexicon's
    /// offices, `titles.csv`, are what the title path reads, and 次长 is
    /// none). The name is a surname and two characters, none of which ends
    /// names (周三, 其, 于: 候选人周三晚些, 人士尤其是在, 外长曾于去年 are no
    /// names; nor 两), no place's or building's name starts in it (巴顿将军
    /// 纪念馆), and what follows it ends one (批评, 在, a comma). Each with
    /// its start, end and person, of the state written right before the
    /// title's words if any.
    pub(super) fn full_names_after_person_cues(
        &self,
        s: &str,
        tags: &[(usize, usize, &Tag)],
        found: &[Mention],
    ) -> Vec<(usize, usize, ActorRef)> {
        let mut out = Vec::new();
        for cue in self.lex.person_cue_finder.find_overlapping_iter(s) {
            let (at, start) = (cue.start(), cue.end());
            let Some(end) = self.full_name_at(&s[start..]).map(|n| start + n) else {
                continue;
            };
            let covered = |a: usize, b: usize| a < end && start < b;
            // 巴顿将军纪念馆: a building's name, not a person's.
            let in_a_name = s[start..end]
                .char_indices()
                .any(|(k, _)| self.ends_a_place_or_body(s, start + k, &self.lex.name_followers));
            // Nor a word that starts no name after a title (首相任期内).
            if in_a_name
                || self.lex.starts_no_name(&s[start..])
                || tags.iter().any(|&(a, b, _)| covered(a, b))
                || found.iter().any(|m| covered(m.start, m.end))
                || out.iter().any(|&(a, b, _)| covered(a, b))
            {
                continue;
            }
            // 台湾外交部政务次长: the state that starts the title's words.
            let words = s[..at]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| is_cjk(c) && !NAME_STOPS.contains(c))
                .last()
                .map_or(at, |(i, _)| i);
            let state = tags.iter().find_map(|&(a, b, t)| match t {
                Tag::Actor(x)
                    if a >= words && b <= at && self.lex.actor_type(*x) == ActorType::State =>
                {
                    Some(self.lex.registry.actors[*x].id.as_str())
                }
                _ => None,
            });
            out.push((start, end, self.unknown_person(&s[start..end], state, None)));
        }
        out
    }

    /// The length in bytes of the full name `text` starts with: a
    /// Japanese one ([`Self::japanese_full_name_at`]) or else a Chinese one
    /// ([`MentionFinder::chinese_full_name`]), when no character of its
    /// given name ends names ([`NAME_STOPS`]) and the character after it
    /// does, or is no Chinese one.
    pub(super) fn full_name_at(&self, text: &str) -> Option<usize> {
        if let Some(end) = self.japanese_full_name_at(text) {
            return Some(end);
        }
        let surname = longest_prefix(&self.lex.surnames, text)?;
        let given: String = text[surname.len()..].chars().take(2).collect();
        // 曾两次 (once twice) is no name either.
        let ends_names = |c: char| !is_cjk(c) || NAME_STOPS.contains(c) || c == '两';
        if given.chars().count() < 2 || given.chars().any(ends_names) {
            return None;
        }
        // A given name of one character where a word of time starts after
        // it (学生李华|本将在今年4月: the full name is 李华).
        let one = surname.len() + given.chars().next().map_or(0, char::len_utf8);
        if self.lex.starts_time_word(&text[one..]) {
            return Some(one);
        }
        let end = surname.len() + given.len();
        ends_a_name(&text[end..]).then_some(end)
    }

    /// The length in bytes of the Japanese full name `text` starts with: a
    /// surname of `data/lexicon/surnames_ja.txt` and a given name of one to
    /// three characters of `data/lexicon/given_chars_ja.txt` (古屋圭司,
    /// 山口那津男, 小泉纯一郎, 山田宏 of 山田宏追究称), after which no such
    /// character follows or a name ends.
    ///
    /// ```
    /// use dipgraph::extract::lexicon::LEXICON;
    /// use dipgraph::extract::mentions::MentionFinder;
    /// let f = MentionFinder { lex: &LEXICON, anchor: None };
    /// assert_eq!(f.japanese_full_name_at("山口那津男在记者会上说"), Some("山口那津男".len()));
    /// assert_eq!(f.japanese_full_name_at("古屋圭司会见了吴钊燮"), Some("古屋圭司".len()));
    /// assert_eq!(f.japanese_full_name_at("小泉纯一郎，"), Some("小泉纯一郎".len()));
    /// assert_eq!(f.japanese_full_name_at("山田宏追究称"), Some("山田宏".len()));
    /// assert_eq!(f.japanese_full_name_at("山口县知事村冈嗣政"), None);
    /// ```
    pub fn japanese_full_name_at(&self, text: &str) -> Option<usize> {
        let surname = longest_prefix(&self.lex.japanese_surnames, text)?;
        let rest = &text[surname.len()..];
        let given = rest
            .char_indices()
            .take(3)
            .take_while(|&(_, c)| self.lex.japanese_given_chars.contains(&c))
            .last()
            .map(|(i, c)| i + c.len_utf8())?;
        let after = &rest[given..];
        let runs_on = after
            .chars()
            .next()
            .is_some_and(|c| self.lex.japanese_given_chars.contains(&c));
        (!runs_on || ends_a_name(after)).then_some(surname.len() + given)
    }
}

/// The longest of `words` that `text` starts with (a surname: 欧阳 before 欧).
pub(super) fn longest_prefix<'w>(words: &'w [String], text: &str) -> Option<&'w String> {
    words
        .iter()
        .filter(|x| text.starts_with(x.as_str()))
        .max_by_key(|x| x.len())
}

/// Does a name end before `rest` (nothing, no Chinese character, or one
/// of [`NAME_STOPS`])?
pub(super) fn ends_a_name(rest: &str) -> bool {
    rest.chars()
        .next()
        .is_none_or(|c| !is_cjk(c) || NAME_STOPS.contains(c))
}

/// The spelling after the last word that says a person follows (参议员,
/// 总领事; `data/lexicon/mining.csv`'s titles), when two characters or more
/// follow it: the lexicon tags offices, not every title, and a title it does
/// not tag ran on into the spelling a bracket names (佐治亚州参议员珀杜（David
/// Perdue）: 州参议员珀杜 for the rest of the article, a hand check's
/// "title run on").
///
/// A title at the end stays (撒切尔夫人 is how the text names her).
pub(super) fn after_person_cue<'s>(lex: &Lexicon, spelling: &'s str) -> &'s str {
    lex.person_cues
        .iter()
        .filter_map(|w| spelling.rfind(w.as_str()).map(|i| i + w.len()))
        .max()
        .map(|e| spelling[e..].trim_start_matches('·'))
        .filter(|rest| rest.chars().count() >= 2)
        .unwrap_or(spelling)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::mentions::testing::{ids, mentions};

    #[test]
    fn a_japanese_full_name_after_a_word_for_a_person_is_one() {
        for (s, name) in [
            (
                "日本自民党议员古屋圭司会见了台湾外交部长吴钊燮。",
                "古屋圭司",
            ),
            ("公明党代表山口那津男批评了日本首相菅义伟。", "山口那津男"),
            ("立宪民主党党首枝野幸男批评菅义伟政府。", "枝野幸男"),
        ] {
            let (ms, _) = mentions(s, "2020-12-15");
            let found = ms.iter().flat_map(|m| &m.actors).find(|a| a.zh == name);
            assert_eq!(
                found.map(|a| a.kind),
                Some(ActorType::Person),
                "{name} in {s}"
            );
        }
        // A prefecture and its governor: no name starts with the place.
        let (ms, _) = mentions("山口县知事村冈嗣政表示欢迎。", "2020-12-15");
        assert!(
            !ms.iter()
                .flat_map(|m| &m.actors)
                .any(|a| a.zh.starts_with("山口"))
        );
    }

    #[test]
    fn a_chinese_full_name_after_a_word_for_a_person_is_one() {
        let (ms, _) = mentions("台湾外交部政务次长曾厚仁批评中国打压台湾。", "2020-11-12");
        let zeng = ms.iter().flat_map(|m| &m.actors).find(|a| a.zh == "曾厚仁");
        let zeng = zeng.expect("曾厚仁 found");
        assert_eq!(
            (zeng.kind, zeng.state.as_deref()),
            (ActorType::Person, Some("TWN"))
        );
        let (ms, _) = mentions("湖南学生李华本将在今年4月飞往澳大利亚。", "2020-11-12");
        assert!(
            ms.iter().flat_map(|m| &m.actors).any(|a| a.zh == "李华"),
            "{:?}",
            ids(&ms)
        );
        // A time, a number of times, a building, a verb run on: no names.
        for (s, not_a_name) in [
            ("民主党候选人周三晚些时候表示反对。", "周三晚"),
            ("外交官曾两次试图促成会晤。", "曾两次"),
            ("蓬佩奥参观了巴顿将军纪念馆。", "纪念馆"),
            // 许艳 and the 接 of 接到.
            ("余文生的妻子许艳接到检察署的电话。", "许艳接"),
            // An adverb of when run on (the whole list at b5a69c7).
            ("湖南学生李华本将在今年4月飞往澳大利亚。", "李华本"),
        ] {
            let (ms, _) = mentions(s, "2020-11-12");
            assert!(
                ms.iter()
                    .flat_map(|m| &m.actors)
                    .all(|a| a.zh != not_a_name),
                "{s}: {:?}",
                ids(&ms)
            );
        }
    }
}
