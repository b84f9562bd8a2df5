//! Names that are no person: a spelling written as part of a place's,
//! body's, ship's or doctrine's name, or inside a longer name.

use super::*;

impl MentionFinder<'_> {
    /// Is the mined spelling at `start..end` part of a longer name rather
    /// than the person's? The miner's spellings are matched anywhere, and
    /// the hand checks of extracted people (data/mined_review) found them
    /// inside the names of bodies, agreements, places and doctrines
    /// (马歇尔基金会, 亚伯拉罕协议, 詹姆斯暗沙, 马克思主义:
    /// [`Lexicon::mined_name_followers`] after it) and inside longer names
    /// the tagger finds (斯坦恩 in 费勒斯坦恩, tagged 费勒斯坦: a tagged name
    /// that contains it or starts earlier and reaches into it), and inside
    /// a dotted name (路易斯 of 路易斯·阿比纳德尔). A
    /// transliteration character right before it (维|多利亚, 杜|科瓦尼) is no
    /// sign: as a rule it cost the training corpus 19 matched rows (recall
    /// 0.212 -> 0.209), people named right after a word.
    /// [`Self::inside_another_name`] for actor `p` if it is a mined one.
    pub(super) fn mined_inside_another_name(
        &self,
        p: usize,
        s: &str,
        start: usize,
        end: usize,
        names: &SentenceNames,
    ) -> bool {
        self.lex.registry.actors[p].mined && self.inside_another_name(s, start, end, names)
    }

    pub(super) fn inside_another_name(
        &self,
        s: &str,
        start: usize,
        end: usize,
        names: &SentenceNames,
    ) -> bool {
        let followed = self.ends_a_place_or_body(s, end, &self.lex.mined_name_followers);
        // A part of a dotted name: 路易斯 of 路易斯·阿比纳德尔 is not the mined
        // John Lewis (路易斯).
        let dotted = s[end..].starts_with('·') || s[..start].ends_with('·');
        followed
            || dotted
            || names
                .tagged(s)
                .iter()
                .any(|&(a, b)| a < end && start < b && (a < start || b > end))
    }

    /// Does a body's, place's or doctrine's ending (one of `endings`) follow
    /// `end`, right after it or after more of a transliteration (路易斯 in
    /// 路易斯安那州, Louisiana)?
    /// Does any of an article's `texts` write `name` as part of a place's,
    /// body's or ship's name (萨赫勒地区, 孔子学院, “罗斯福”号)? A name only
    /// the tagger finds is then no person in that article, wherever it
    /// stands alone (在萨赫勒 … 萨赫勒、苏丹).
    ///
    /// ```
    /// use dipgraph::extract::lexicon::LEXICON;
    /// use dipgraph::extract::mentions::MentionFinder;
    /// let f = MentionFinder { lex: &LEXICON, anchor: None };
    /// assert!(f.written_as_place_or_body(["在萨赫勒地区，古特雷斯…"], "萨赫勒"));
    /// assert!(f.written_as_place_or_body(["美国“罗斯福”号航母"], "罗斯福"));
    /// assert!(!f.written_as_place_or_body(["许章润表示"], "许章润"));
    /// ```
    pub fn written_as_place_or_body<'t>(
        &self,
        texts: impl IntoIterator<Item = &'t str>,
        name: &str,
    ) -> bool {
        texts.into_iter().any(|t| {
            t.match_indices(name)
                .any(|(at, _)| self.place_body_or_ship_after(t, at + name.len()))
        })
    }

    /// Does a place's, body's or ship's name go on after the name ending
    /// at `end` of `s` (孔子|学院, “罗斯福|”号)?
    pub(super) fn place_body_or_ship_after(&self, s: &str, end: usize) -> bool {
        names_a_ship(s, end) || self.ends_a_place_or_body(s, end, &self.lex.name_followers)
    }

    pub(in crate::extract) fn ends_a_place_or_body(
        &self,
        s: &str,
        end: usize,
        endings: &[String],
    ) -> bool {
        // Every position along the transliteration after it (州 is one
        // of its characters too).
        std::iter::once(end)
            .chain(
                s[end..]
                    .char_indices()
                    .take_while(|&(k, c)| k < 12 && self.lex.transliteration_chars.contains(&c))
                    .map(|(k, c)| end + k + c.len_utf8()),
            )
            .any(|at| endings.iter().any(|e| s[at..].starts_with(e.as_str())))
    }
}

/// Is the name ending at `end` a ship's, quoted before 号 (美国“罗斯福”号
/// 航空母舰: the hand check of seed 25 found the carrier as a person)?
pub(super) fn names_a_ship(s: &str, end: usize) -> bool {
    ["”号", "」号", "』号"]
        .iter()
        .any(|q| s[end..].starts_with(q))
}
