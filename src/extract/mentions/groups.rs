//! Groups: runs of state abbreviations with a group word (中韩两国,
//! 法、美等国), lists after a governed mention, and who 双方 or 两国 means.

use super::*;

impl MentionFinder<'_> {
    /// Several actors one pronoun names (双方, 两国): indirect.
    pub(super) fn group(&self, start: usize, end: usize, actors: Vec<ActorRef>) -> Mention {
        Mention {
            start,
            end,
            actors,
            place: None,
            governed: None,
            indirect: true,
            tagged: false,
        }
    }

    /// Runs of 2–3 state abbreviations followed by a group word (中韩两国,
    /// 韩美同盟, 中日韩领导人), or acting (中韩同意…), outside any other tag;
    /// and lists of up to five set off by 、 and closed by a count of states
    /// or 等 (法、美等国呼吁…, 美、日、印、澳四国).
    pub(super) fn groups(&self, s: &str, tags: &[(usize, usize, &Tag)]) -> Vec<Mention> {
        let covered = |b: usize| {
            tags.iter()
                .any(|&(st, en, t)| st <= b && b < en && !matches!(t, Tag::Pronoun(_)))
        };
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let mut out = Vec::new();
        let mut k = 0;
        while k < chars.len() {
            let mut run = Vec::new();
            let mut listed = false;
            let mut j = k;
            while j < chars.len() && run.len() < 5 {
                match self.lex.abbreviations.get(&chars[j].1) {
                    Some(&a) if !covered(chars[j].0) && !run.contains(&a) => run.push(a),
                    _ => break,
                }
                j += 1;
                // 法、美: a list goes on after 、 with another abbreviation.
                if chars.get(j).is_some_and(|c| c.1 == '、')
                    && chars
                        .get(j + 1)
                        .is_some_and(|c| self.lex.abbreviations.contains_key(&c.1))
                {
                    listed = true;
                    j += 1;
                } else if !listed && run.len() == 3 {
                    break;
                }
            }
            // A run starts after no free abbreviation (意 of 同意 is taken).
            let prev_is_abbrev = k > 0
                && self.lex.abbreviations.contains_key(&chars[k - 1].1)
                && !covered(chars[k - 1].0);
            if run.len() >= 2 && !prev_is_abbrev {
                let after = chars.get(j).map_or(s.len(), |c| c.0);
                let rest = &s[after..];
                let end = if listed {
                    // 等国, 等, 四国 close a list; nothing else does.
                    LIST_CLOSERS
                        .iter()
                        .find(|c| rest.starts_with(*c))
                        .map(|c| after + c.len())
                } else {
                    let follower = self
                        .lex
                        .group_followers
                        .iter()
                        .find(|f| rest.starts_with(f.as_str()));
                    // 中韩同意…, 中韩将…: the pair acts itself.
                    let acts = tags.iter().any(|&(st, _, t)| {
                        st == after && matches!(t, Tag::Trigger(_) | Tag::Modality(_))
                    });
                    (follower.is_some() || acts || relation_after(s, tags, after)).then(|| {
                        match follower.map(String::as_str) {
                            Some(f @ ("两国" | "三国" | "双方" | "三方")) => {
                                after + f.len()
                            }
                            _ => after,
                        }
                    })
                };
                if let Some(end) = end {
                    out.push(Mention {
                        start: chars[k].0,
                        end,
                        actors: run.iter().map(|&a| self.registry_ref(a)).collect(),
                        place: None,
                        governed: None,
                        indirect: false,
                        tagged: false,
                    });
                    k = j;
                    continue;
                }
            }
            k += 1;
        }
        out
    }
}

/// Characters at most between a group of abbreviations and the relation
/// word it qualifies (美台双边进一步经贸合作: seven).
pub(super) const GROUP_RELATION_GAP: usize = 7;

/// Is the next tag after `at` a relation's trigger, a few characters on in
/// the same clause? Then a group of abbreviations ending at `at` names the
/// relation's parties (美台经贸合作, 台美防疫合作, 中美卫生健康合作: the
/// training corpus's gold records a cooperation of the two for each).
pub(super) fn relation_after(s: &str, tags: &[(usize, usize, &Tag)], at: usize) -> bool {
    // Tags come in the order of the text.
    tags.iter()
        .find(|&&(st, _, _)| st >= at)
        .is_some_and(|&(st, en, t)| {
            let gap = &s[at..st];
            matches!(t, Tag::Trigger(_))
                && gap.chars().count() <= GROUP_RELATION_GAP
                && !gap.contains(CLAUSE_BREAKS)
                // The trigger itself may name them (首脑会谈).
                && !UNNAMED_PARTICIPANTS.iter().any(|w| s[at..en].contains(w))
        })
}

/// Offices after a group of abbreviations: the relation is between
/// participants left unnamed (美中首脑会谈, 中韩外长会谈), which the guideline
/// does not annotate, not between the states.
pub(super) const UNNAMED_PARTICIPANTS: &[&str] =
    &["首脑", "领导人", "元首", "外长", "防长", "高官", "官员"];

/// What closes a list of state abbreviations set off by 、 (法、美等国).
pub(super) const LIST_CLOSERS: &[&str] = &["等国", "两国", "三国", "四国", "五国", "等"];

/// Who 双方 or 两国 means: the meeting's parties in focus; else the two
/// parties the sentence so far (`found`) or the last sentence naming any
/// named (俄罗斯和中国…，双方不仅定期举行联合军演).
pub(super) fn pair_in_focus(ctx: &Context, found: &[Mention]) -> Option<(ActorRef, ActorRef)> {
    ctx.focus
        .clone()
        .or_else(|| two_parties(found))
        .or_else(|| ctx.parties.clone())
}

/// The states and organisations `mentions` name (places and parties found
/// through a pronoun aside).
pub(super) fn parties(mentions: &[Mention]) -> impl Iterator<Item = &ActorRef> {
    mentions
        .iter()
        .filter(|m| m.place.is_none() && !m.indirect)
        .flat_map(|m| &m.actors)
        .filter(|a| a.kind != ActorType::Person)
}

/// The two parties (states or organisations: 英国与欧盟) `mentions` name,
/// if exactly two.
pub(super) fn two_parties(mentions: &[Mention]) -> Option<(ActorRef, ActorRef)> {
    let mut seen: Vec<&ActorRef> = Vec::new();
    for a in parties(mentions) {
        if !seen.iter().any(|s| s.id == a.id) {
            seen.push(a);
        }
    }
    match seen[..] {
        [a, b] => Some((a.clone(), b.clone())),
        _ => None,
    }
}

/// Items of a list after a governed mention (与A、B及C) share its preposition.
pub(super) fn resolve_lists(mentions: &mut [Mention], s: &str) {
    for k in 0..mentions.len() {
        let prev_governed = k.checked_sub(1).and_then(|p| {
            let p = &mentions[p];
            let gap = &s[p.end.min(mentions[k].start)..mentions[k].start];
            let continues = matches!(gap, "、" | "及" | "以及" | "和" | "与");
            (p.governed.is_some() && (continues || mentions[k].governed == Some(Prep::List)))
                .then_some(p.governed)
                .flatten()
        });
        let c = &mut mentions[k];
        // 、 continues a governed list; after an ungoverned name (or at the
        // start) it only separates titles (政治局委员、中国外长王毅).
        if c.governed == Some(Prep::List) || c.governed.is_none() {
            c.governed = prev_governed.or(c.governed.filter(|g| *g != Prep::List));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lexicon::LEXICON;
    use crate::extract::mentions::testing::{finder, ids, mentions};

    #[test]
    fn pair_pronouns_without_a_meeting_take_the_two_parties_named() {
        // In the same sentence, before the pronoun…
        let (ms, _) = mentions(
            "俄罗斯和中国建立伙伴关系以来，双方定期举行联合军演",
            "2020-08-01",
        );
        let last = ms.last().expect("双方");
        assert!(last.indirect);
        assert_eq!(ids(std::slice::from_ref(last)), vec!["RUS+CHN"]);
        // …or in the sentence before.
        let f = finder("2020-08-01");
        let mut ctx = Context::default();
        let find = |s: &str, ctx: &mut Context| {
            ids(&f.find(s, &LEXICON.tag(s), ctx, &SentenceNames::default()))
        };
        find("英国与欧盟的谈判陷入僵局，法国表示关切。", &mut ctx);
        find("英国与欧盟举行新一轮谈判。", &mut ctx);
        assert_eq!(find("双方同意延长谈判。", &mut ctx), vec!["GBR+eu"]);
        // A meeting in focus still comes first.
        let mut ctx = Context {
            focus: Some((
                f.actor_ref(LEXICON.registry.index("wang_yi").unwrap(), "王毅"),
                f.actor_ref(LEXICON.registry.index("cho_tae_yul").unwrap(), "赵兑烈"),
            )),
            ..Context::default()
        };
        find("中国与韩国举行会谈。", &mut ctx);
        assert_eq!(
            find("双方同意加强合作。", &mut ctx),
            vec!["wang_yi+cho_tae_yul"]
        );
    }

    #[test]
    fn abbreviations_listed_with_commas_are_a_group_when_counted() {
        let (ms, _) = mentions("法、美等国呼吁双方停火", "2020-10-31");
        assert_eq!(ids(&ms)[0], "FRA+USA");
        assert_eq!(ms[0].end, "法、美等国".len());
        let (ms, _) = mentions("美、日、印、澳四国外长会谈", "2020-10-31");
        assert_eq!(ids(&ms)[0], "USA+JPN+IND+AUS");
        // Without a count or 等 a list is no group (中、美 of a table).
        let (ms, _) = mentions("中、美贸易额", "2020-10-31");
        assert!(ids(&ms).iter().all(|i| !i.contains('+')), "{:?}", ids(&ms));
        // Capitals and variant names are their states.
        let (ms, _) = mentions("白罗斯与阿联批评维尔纽斯", "2020-10-31");
        assert_eq!(ids(&ms), vec!["BLR", "ARE", "LTU"]);
    }

    #[test]
    fn a_group_qualifying_a_relation_names_its_parties() {
        // 美台经贸合作: the cooperation of the two; 双边 and other words may
        // come between, up to GROUP_RELATION_GAP characters of one clause.
        let (ms, _) = mentions("美台推动进一步经贸合作", "2020-08-10");
        assert_eq!(ids(&ms), vec!["USA+TWN"]);
        let (ms, _) = mentions("这将为美台双边进一步经贸合作打开大门", "2020-08-10");
        assert_eq!(ids(&ms), vec!["USA+TWN"]);
        // A group qualifying another noun is no actor (中韩关系).
        let (ms, _) = mentions("中韩关系紧张，双方会谈", "2020-08-10");
        assert!(ids(&ms).iter().all(|i| i != "CHN+KOR"), "{:?}", ids(&ms));
        let (ms, _) = mentions("中美贸易数据显示出口增加", "2020-08-10");
        assert!(ids(&ms).is_empty(), "{:?}", ids(&ms));
        // Nor a group whose offices meet: the participants are unnamed.
        let (ms, _) = mentions("布林肯将在美中首脑会谈临近之际访韩", "2023-11-01");
        assert!(ids(&ms).iter().all(|i| i != "USA+CHN"), "{:?}", ids(&ms));
    }
}
