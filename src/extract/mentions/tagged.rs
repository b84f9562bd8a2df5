//! The name tagger's people: names [`NAME_TAGGER`] finds where neither
//! the registry nor the mined names know anyone, with the checks that keep
//! places, bodies, lists of states and given names out, and dotted names
//! made whole.

use super::*;

impl MentionFinder<'_> {
    /// People outside the registry that the statistical name tagger finds
    /// ([`super::names::NAME_TAGGER`]), kept only where a trigger's argument
    /// slot makes a person certain: the object ending a clause right after
    /// the trigger (会见了X。, 会见X和Y) or the partner after 与/同 before a
    /// trigger that takes one (与X会谈). Only sentences with a trigger are
    /// tagged. With `gated` false, every name the tagger finds in a sentence
    /// with a trigger, wherever it stands: candidates for the learned model,
    /// which weighs where they stand ([`Self::tagged_people`]).
    ///
    /// The jieba segmenter's `nr` words filled these slots before the tagger
    /// existed; beside the tagger they added mostly words (令人, 严正, 上周三,
    /// 明白, 东道主: 60 of the 204 unknown "people" extraction named on the
    /// 3,000-post corpus) and no recall (training corpus 5-fold CV F1 0.372
    /// with them, 0.377 without), so they are gone.
    pub(super) fn tagger_people(
        &self,
        s: &str,
        tags: &[(usize, usize, &Tag)],
        found: &[Mention],
        gated: bool,
        names: &SentenceNames,
    ) -> Vec<Mention> {
        let is_trigger = |t: &Tag| matches!(t, Tag::Trigger(_));
        // The model also reads reported speech (迪里夏提表示，中共…): a
        // sentence with a verb of speech and no trigger has people to find.
        if !tags.iter().any(|t| is_trigger(t.2))
            && (gated || !self.lex.speech_verbs.iter().any(|v| s.contains(v.as_str())))
        {
            return Vec::new();
        }
        // A person's spelling inside a tagged name is no boundary: where
        // it is a person, `found` holds it; where it was vetoed as part of
        // a longer name (阿齐兹 in 阿卜杜勒阿齐兹), the tagged name is the name.
        let person =
            |t: &Tag| matches!(t, Tag::Actor(p) if self.lex.actor_type(*p) == ActorType::Person);
        let free = |a: usize, b: usize| {
            !tags.iter().any(|&(x, y, t)| x < b && a < y && !person(t))
                && !found.iter().any(|m| m.start < b && a < m.end)
        };
        // An open slot first (cheap): untagged Chinese text right after a
        // trigger (or its 了) or after 与/同; otherwise nothing to tag.
        let open_at = |p: usize| {
            let p = if s[p..].starts_with('了') {
                p + '了'.len_utf8()
            } else {
                p
            };
            s[p..].chars().next().is_some_and(is_cjk) && free(p, p + 1)
        };
        if gated
            && !tags.iter().any(|&(_, e, t)| {
                (is_trigger(t) || matches!(t, Tag::Prep(Prep::With))) && open_at(e)
            })
        {
            return Vec::new();
        }
        // A tagged name running into a lexicon word ends where the word
        // starts (唐凤政|务委员 → 唐凤, 陈日君|枢机 → 陈日君).
        // So does one running into a word of time (沙马|周一表示), or
        // running over its first character (李华|本来今年).
        let cut = |(a, b): (usize, usize)| -> (usize, usize) {
            let time = s[a..b]
                .char_indices()
                .skip(1)
                .map(|(i, _)| a + i)
                .filter(|&x| self.lex.starts_time_word(&s[x..]));
            let end = tags
                .iter()
                .filter(|t| !person(t.2))
                .map(|t| t.0)
                .chain(time)
                .filter(|&x| a < x && x < b)
                .min()
                .unwrap_or(b);
            (a, end)
        };
        let mut spans: Vec<(usize, usize)> = self
            .whole_names(s, tags, names)
            .iter()
            .copied()
            .map(cut)
            .filter(|&(a, b)| s[a..b].chars().count() >= 2 && free(a, b))
            .collect();
        spans.sort_unstable();
        // Two parts of one dotted name are one name (伊力哈木 is inside
        // 伊力哈木·土赫提, the whole of 土赫提: 土 is rare in a
        // transliteration, so the first part did not reach it).
        spans.dedup();
        let inside = spans.clone();
        spans.retain(|&(a, b)| {
            !inside
                .iter()
                .any(|&(x, y)| x <= a && b <= y && (x, y) != (a, b))
        });
        let mut out = Vec::new();
        for (a, b) in spans {
            let name = &s[a..b];
            // One that qualifies a noun (与X的案件) is no party, nor one
            // inside a place's or body's name (路易斯安那州).
            // Nor is a long one that ends like a place or body (喜玛拉亚山):
            // a person's name of four characters or more is a
            // transliteration, which no such word ends.
            let place_like = name.chars().count() >= 4
                && !name.contains('·')
                && self
                    .lex
                    .body_endings
                    .iter()
                    .any(|e| name.ends_with(e.as_str()));
            // A given name before a middle initial (威廉·P·巴尔) is no
            // name of its own: the surname after the initial is.
            let before_initial = s[b..]
                .strip_prefix('·')
                .and_then(|t| t.chars().next())
                .is_some_and(|c| c.is_ascii_uppercase());
            // One of a list of states or places is a place (造访土耳其、
            // 乔治亚、以色列: the hand check of seed 25).
            let place_at = |x: usize, before: bool| {
                tags.iter().any(|&(ts, te, t)| {
                    let at = if before { te == x } else { ts == x };
                    at && match t {
                        Tag::Actor(i) => self.lex.actor_type(*i) == ActorType::State,
                        Tag::Place(_) => true,
                        _ => false,
                    }
                })
            };
            // (After a place in the list, and before another or at its end:
            // a list may name people and states, 罗冠聪、英国驻港总领事.)
            let listed_place = s[..a].ends_with('、')
                && place_at(a - '、'.len_utf8(), true)
                && (!s[b..].starts_with('、') || place_at(b + '、'.len_utf8(), false));
            // Two states' abbreviations are the two states (韩美关系:
            // Korea and the US, tagged as a name Han Mei).
            let state_pair = name.chars().count() == 2
                && name
                    .chars()
                    .all(|c| self.lex.abbreviations.contains_key(&c));
            if s[b..].starts_with('的')
                || place_like
                || listed_place
                || state_pair
                || before_initial
                || self.place_body_or_ship_after(s, b)
                || name.starts_with('·')
                || name.ends_with('·')
                || !name.chars().all(is_cjk)
                || self.lex.given_names.contains(name)
                || self.lex.starts_no_name(name)
                // Nor one a pronoun could carry on (张教授和他的团队 … 他还准备:
                // the whole list at cc2f024), where it is no actor anyway.
                || self.lex.ends_no_name(name)
            {
                continue;
            }
            let clause_end = s[b..].find(CLAUSE_BREAKS).map_or(s.len(), |i| b + i);
            let object_ends = b == s.len()
                || s[b..].starts_with(CLAUSE_BREAKS)
                || ["和", "与", "及", "、", "等"]
                    .iter()
                    .any(|w| s[b..].starts_with(w));
            let object_slot = object_ends
                && tags
                    .iter()
                    .any(|&(_, te, t)| is_trigger(t) && te <= a && matches!(&s[te..a], "" | "了"));
            let partner_slot = tags
                .iter()
                .any(|&(_, pe, t)| matches!(t, Tag::Prep(Prep::With)) && pe == a)
                && tags.iter().any(|&(ts, _, t)| {
                    matches!(t, Tag::Trigger(k) if self.lex.triggers[*k].args.with)
                        && ts >= b
                        && ts < clause_end
                });
            if gated && !object_slot && !partner_slot {
                continue;
            }
            let mut m = self.one(a, b, self.unknown_person(name, None, None));
            m.indirect = true;
            m.tagged = true;
            out.push(m);
        }
        out
    }

    /// People outside the registry the name tagger finds anywhere in a
    /// sentence with a trigger, beyond the `found` mentions (the checks of
    /// [`Self::tagger_people`] hold, its slot gates do not): for the
    /// learned model's candidates, never for the patterns.
    pub fn tagged_people(
        &self,
        s: &str,
        tags: &[(usize, usize, &Tag)],
        found: &[Mention],
        names: &SentenceNames,
    ) -> Vec<Mention> {
        self.tagger_people(s, tags, found, false, names)
    }

    /// The name tagger's names of the sentence with every dotted name made
    /// whole ([`Self::whole_dotted_name`]), computed once per sentence.
    pub(super) fn whole_names<'n>(
        &self,
        s: &str,
        tags: &[(usize, usize, &Tag)],
        names: &'n SentenceNames,
    ) -> &'n [(usize, usize)] {
        names.whole.get_or_init(|| {
            let tagged = names.tagged(s);
            tagged
                .iter()
                .map(|&span| self.whole_dotted_name(s, tags, tagged, span))
                .collect()
        })
    }

    /// A tagged name that touches a `·` is one part of a dotted name: the
    /// whole runs through every `·` to the other parts: the tagger's, else
    /// a run of at most [`DOTTED_PART_CHARS`] of a transliteration's
    /// characters (one fewer before the dot) in no lexicon word (伊尔法恩|·阿里:
    /// the hand check of seed 17 found the tagger's parts typed as people).
    pub(super) fn whole_dotted_name(
        &self,
        s: &str,
        tags: &[(usize, usize, &Tag)],
        tagged: &[(usize, usize)],
        (mut a, mut b): (usize, usize),
    ) -> (usize, usize) {
        let part = |c: char, at: usize| {
            self.lex.transliteration_chars.contains(&c)
                && !tags.iter().any(|&(x, y, _)| x <= at && at < y)
        };
        let dot = '·'.len_utf8();
        // The tagger's span may hold the dot (伊力哈木·|土赫提).
        while a < b && s[a..b].ends_with('·') {
            b -= dot;
        }
        while a < b && s[a..b].starts_with('·') {
            a += dot;
        }
        while s[b..].starts_with('·') {
            let from = b + dot;
            // Another part the tagger found is the part.
            if let Some(&(_, y)) = tagged.iter().find(|&&(x, y)| x == from && y > from) {
                b = y;
                continue;
            }
            let run: usize = s[from..]
                .char_indices()
                .take(DOTTED_PART_CHARS)
                .take_while(|&(k, c)| part(c, from + k))
                .map(|(_, c)| c.len_utf8())
                .sum();
            if run == 0 {
                break;
            }
            b = from + run;
        }
        while s[..a].ends_with('·') {
            let to = a - dot;
            if let Some(&(x, _)) = tagged.iter().find(|&&(x, y)| x < to && (y == to || y == a)) {
                a = x;
                continue;
            }
            let mut start = to;
            // One fewer backwards: a word ends there more often (学者|伊力哈木).
            for (k, c) in s[..to].char_indices().rev().take(DOTTED_PART_CHARS - 1) {
                if !part(c, k) {
                    break;
                }
                start = k;
            }
            if start == to {
                break;
            }
            a = start;
        }
        (a, b)
    }
}

/// The characters of one part of a dotted name at most, when a tagged name
/// reaches across a `·` to it (穆罕默德·本·萨勒曼: parts run 1–5).
pub(super) const DOTTED_PART_CHARS: usize = 5;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lexicon::LEXICON;
    use crate::extract::mentions::testing::{finder, mentions};

    #[test]
    fn tagger_names_fill_open_slots_only() {
        let people = |s: &str| {
            let (ms, _) = mentions(s, "2023-08-31");
            ms.iter()
                .flat_map(|m| m.actors.iter())
                .filter(|a| a.kind == ActorType::Person)
                .map(|a| a.zh.clone())
                .collect::<Vec<_>>()
        };
        // The object ending the clause after a trigger, and the partner
        // after 与 before a trigger that takes one.
        assert!(people("王毅会见了李文涛。").contains(&"李文涛".to_owned()));
        assert!(people("王毅与赵明华在北京举行会谈。").contains(&"赵明华".to_owned()));
        // No slot, no person: a modifier before a trigger, a name that
        // qualifies a noun.
        assert!(people("两国不断拓宽合作。").is_empty());
        assert!(
            people("王毅谈到与赵明华的合作。")
                .iter()
                .all(|p| p != "赵明华")
        );
    }

    #[test]
    fn a_tagged_people_or_foundation_is_no_person() {
        // The hand check of seed 18: 维吾尔 (a people) and 马歇尔 of
        // 德国马歇尔基金会 were tagged as people; of seed 20, 梵中 of
        // 梵中协议 and the Himalayas.
        let f = finder("2020-08-01");
        for (s, name) in [
            ("外交部发言人表示，维吾尔人权项目批评中共", "维吾尔"),
            ("苏利文曾率德国马歇尔基金会代表团访台", "马歇尔"),
            // Seed 20's: an agreement and a mountain range.
            ("赵立坚批评梵中协议的批评者", "梵中"),
            ("莫迪批评中国军队进入喜玛拉亚山。", "喜玛拉亚山"),
            // A surname and a title (the whole list at cc2f024).
            ("张教授批评中国当局。", "张教授"),
            // A given name before a middle initial (read as the mined
            // Harald Wilhelm).
            ("司法部长威廉·P·巴尔批评中国。", "威廉"),
            // Seed 22's: two states' abbreviations.
            ("朝鲜批评韩美联合军演。", "韩美"),
        ] {
            let tags = LEXICON.tag(s);
            let names = SentenceNames::default();
            let at = s.find(name).unwrap();
            let _ = names.tagged.set(vec![(at, at + name.len())]);
            let found = f.find(s, &tags, &mut Context::default(), &names);
            let people: Vec<String> = f
                .tagged_people(s, &tags, &found, &names)
                .iter()
                .flat_map(|m| m.actors.iter().map(|a| a.zh.clone()))
                .collect();
            assert!(!people.iter().any(|p| p.contains(name)), "{s}: {people:?}");
        }
    }
}
