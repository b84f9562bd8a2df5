//! Actor mentions in a sentence, assembled from lexicon tags: names with the
//! titles and states around them (韩国外长朴振, 王毅外长), offices resolved to
//! their holder on the article's date (韩国外长 → the minister then), unknown
//! people by pattern (韩国驻美大使赵贤东), sides and bodies (中方, 韩国外交部),
//! groups of states (中韩两国) and pronouns (他, 双方).
//!
//! [`MentionFinder::find`] assembles a sentence's mentions here; each family
//! of rules it consults has a file of its own, with its tests:
//! `titles` (the name after a title, and who an office names), `people`
//! (who a spelling is: sound-alikes, short spellings, namesakes, pinyin),
//! `brackets` (Latin names in brackets and in Latin letters), `tagged` (the
//! name tagger's people), `full_names` (Chinese full names after a word for
//! a person), `places` (spellings inside a place's, body's or ship's name)
//! and `groups` (abbreviation runs, lists, 双方 and 两国).

mod brackets;
mod full_names;
mod groups;
mod people;
mod places;
mod tagged;
mod titles;

use super::lexicon::{
    Lexicon, Prep, Pronoun, Tag, given_name_agrees, latin_key, near_sound_keys, sound_key,
};
use super::names::NAME_TAGGER;
use super::registry::{Actor, SharedSpelling, Term};
use crate::model::{ActorRef, ActorType, latin_id};
use brackets::{is_latin_letter, latin_name_at, latin_names};
use chrono::NaiveDate;
use full_names::after_person_cue;
use groups::{pair_in_focus, parties, relation_after, resolve_lists, two_parties};
use places::names_a_ship;
use titles::{MAX_NAME_CHARS, NOT_IN_OFFICE, body_after, title_after, unknown_name};

/// One mention: a span of the normalised sentence naming one actor, a group
/// (中韩两国 → two states), or a place (首尔 → its state).
#[derive(Debug, Clone)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub actors: Vec<ActorRef>,
    /// The place name when the mention is a place.
    pub place: Option<String>,
    /// The preposition governing it (与 Y, 对 Y), if any.
    pub governed: Option<Prep>,
    /// Found through a pronoun or an office (less certain).
    pub indirect: bool,
    /// A name only the statistical name tagger found
    /// ([`super::names::NAME_TAGGER`]).
    pub tagged: bool,
}

impl Mention {
    pub fn single(&self) -> Option<&ActorRef> {
        (self.actors.len() == 1 && self.place.is_none()).then(|| &self.actors[0])
    }
}

/// What earlier sentences of the article tell the current one.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The person last mentioned (for 他, 该外长).
    pub last_person: Option<ActorRef>,
    /// The first person the last sentence naming anyone named: who a
    /// sentence that opens with 他 or 她 goes on about (美国国务卿蓬佩奥…在
    /// 尼克松总统图书馆发表演说。他在演说中…: Pompeo, not Nixon). Set by
    /// the extractor, which also sees the people only the tagger finds.
    pub subject_person: Option<ActorRef>,
    /// The two parties of the meeting or call in focus (for 双方, 两人).
    pub focus: Option<(ActorRef, ActorRef)>,
    /// The two parties (states, organisations) the last sentence naming
    /// any named, if two (for 双方 and 两国 when no meeting is in focus).
    pub parties: Option<(ActorRef, ActorRef)>,
    /// Names this article introduced with a title (印度国防部长辛格 → 辛格),
    /// so that the bare name later in the article is the same person.
    pub names: Vec<(String, ActorRef)>,
    /// Spellings of known people that the article's brackets gave someone
    /// else ([`MentionFinder::someone_else`]: 前脱欧大臣戴维斯（David Davis）,
    /// where the miner's 戴维斯 is Anthony Davis), with that someone.
    pub others: Vec<(String, ActorRef)>,
}

impl Context {
    /// The person the article introduced as `name`, written as here.
    pub(super) fn known(&self, name: &str) -> Option<ActorRef> {
        let (_, r) = self.names.iter().find(|(n, _)| n == name)?;
        Some(ActorRef {
            zh: name.to_owned(),
            ..r.clone()
        })
    }

    /// The known person (not someone new by the pinyin of a name) the
    /// article tied `name` to.
    pub(super) fn known_person(&self, name: &str) -> Option<ActorRef> {
        self.known(name).filter(|r| !r.label_is_pinyin)
    }

    /// Whom the article's brackets made `name` instead of the known person
    /// the registry reads it as, written as here.
    fn other(&self, name: &str) -> Option<ActorRef> {
        let (_, r) = self.others.iter().find(|(n, _)| n == name)?;
        Some(ActorRef {
            zh: name.to_owned(),
            ..r.clone()
        })
    }

    /// `name` is `r`, not the known person the registry reads it as, from
    /// here on.
    fn set_other(&mut self, name: &str, r: &ActorRef) {
        self.others.retain(|(n, _)| n != name);
        self.others.push((name.to_owned(), r.clone()));
    }

    /// The first person learned for a name keeps it, but a known person
    /// takes it from someone new (the tagger's 亨特 is Hunter Biden once
    /// the sentence writes 亨特·拜登).
    fn learn(&mut self, name: &str, r: &ActorRef) {
        match self.names.iter_mut().find(|(n, _)| n == name) {
            None => self.names.push((name.to_owned(), r.clone())),
            Some((_, old)) if old.label_is_pinyin && !r.label_is_pinyin => *old = r.clone(),
            Some(_) => {}
        }
    }

    /// Ties `name` to `r` whoever it was tied to: a title has said which of
    /// two people of one spelling the article means.
    fn relearn(&mut self, name: &str, r: &ActorRef) {
        match self.names.iter_mut().find(|(n, _)| n == name) {
            None => self.names.push((name.to_owned(), r.clone())),
            Some((_, old)) => *old = r.clone(),
        }
    }
}

/// Verbs after which an office names a role taken up, not its holder.
const OFFICE_VERBS: &[&str] = &[
    "就职", "就任", "出任", "当选", "担任", "成为", "接任", "竞选", "参选",
];

/// Nouns after an office that it only qualifies (总统大选, 总统候选人).
const OFFICE_NOUNS: &[&str] = &[
    "大选",
    "选举",
    "候选人",
    "竞选",
    "任期",
    "职位",
    "一职",
    "宝座",
    "就职",
];

/// Characters of [`NAME_STOPS`] that end names too often to stop one
/// for good (陈时中, 康京和, 汪忠一): a name runs on into no other stop.
pub(super) const NAME_ENDINGS: &str = "中和一";

/// Characters that end an unknown person's name after a title.
pub(super) const NAME_STOPS: &str = "选暨兼在与和同及对向就将于的说表称指强是也还已曾则等日月年今昨周星、，,。：:；;！!？?（(）)“”\"《》「」等再又均都并但而被把从到所其此该这那各一二三四五六七八九十前后上下中时会访抵出赴通发呼要希感支反谴批接";

/// The id and English label of a person nothing names in English, from the
/// pinyin of the Chinese name: a Chinese name (a known surname first, not a
/// transliteration) as the guideline writes one, surname apart from the
/// given name (胡锦涛 → `hu_jintao`, "Hu Jintao"); a transliterated name one
/// word per part between its dots (拉吉夫·甘地 → `lajifu_gandi`).
///
/// ```
/// use dipgraph::extract::mentions::pinyin_name;
/// assert_eq!(pinyin_name("胡锦涛", 1), ("hu_jintao".to_owned(), "Hu Jintao".to_owned()));
/// assert_eq!(pinyin_name("拉吉夫·甘地", 0).0, "lajifu_gandi");
/// ```
pub fn pinyin_name(name: &str, surname_chars: usize) -> (String, String) {
    use pinyin::ToPinyin;
    let syllables = |part: &str| -> String {
        part.chars()
            .zip(part.to_pinyin())
            .filter_map(|(c, p)| match p {
                Some(p) => Some(p.plain().to_owned()),
                None if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase().to_string()),
                None => None,
            })
            .collect()
    };
    let parts: Vec<String> = if surname_chars > 0 && !name.contains('·') {
        let cut = name
            .char_indices()
            .nth(surname_chars)
            .map_or(name.len(), |(i, _)| i);
        vec![syllables(&name[..cut]), syllables(&name[cut..])]
    } else {
        name.split('·').map(syllables).collect()
    };
    let parts: Vec<String> = parts.into_iter().filter(|p| !p.is_empty()).collect();
    let label = parts
        .iter()
        .map(|p| {
            let mut c = p.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ");
    (parts.join("_"), label)
}

/// What the name tagger makes of one sentence: computed at most once,
/// however often the sentence's people are looked for (the patterns'
/// slots, the names after titles, then the model's candidates).
#[derive(Debug, Default)]
pub struct SentenceNames {
    tagged: std::cell::OnceCell<Vec<(usize, usize)>>,
    /// The tagged names with each dotted name made whole
    /// ([`MentionFinder::whole_names`]).
    whole: std::cell::OnceCell<Vec<(usize, usize)>>,
}

impl SentenceNames {
    fn tagged(&self, s: &str) -> &[(usize, usize)] {
        self.tagged.get_or_init(|| NAME_TAGGER.tag(s))
    }
}

pub struct MentionFinder<'a> {
    pub lex: &'a Lexicon,
    /// The article's local publication date, for offices and dates.
    pub anchor: Option<NaiveDate>,
}

impl MentionFinder<'_> {
    pub fn actor_ref(&self, i: usize, zh: &str) -> ActorRef {
        let a = &self.lex.registry.actors[i];
        ActorRef {
            id: a.id.clone(),
            zh: zh.to_owned(),
            kind: a.kind,
            label_en: a.label_en.clone(),
            label_is_pinyin: false,
            state: a.state.clone(),
            role: None,
        }
    }

    fn registry_ref(&self, i: usize) -> ActorRef {
        self.actor_ref(i, &self.lex.registry.actors[i].label_zh)
    }

    /// The registry person `p` named `zh` with a title (of `state`, when the
    /// text gives one) — unless the title cannot be theirs: a person of
    /// another state is someone else of the same name (美国部长约翰逊 is not
    /// Britain's Boris Johnson), and so is a 总统, 首相 or 总理 the
    /// registry knows never held that office (美国总统约翰逊 in 1965 is not
    /// Boris Johnson, a British prime minister, but Lyndon Johnson, who
    /// held it then: the registry lists past holders of the offices the
    /// news recalls most). Lesser titles are written
    /// loosely (世卫秘书长 for its director-general) and the registry lists
    /// only recent terms, so they are not checked.
    fn titled_person(
        &self,
        p: usize,
        zh: &str,
        role: &Option<String>,
        title: &str,
        state: Option<&str>,
        ctx: &Context,
    ) -> ActorRef {
        let reg = &self.lex.registry;
        // An office names whoever of the spelling's people held it: on the
        // date, or the only one who ever did (美国总统约翰逊 in 1965 is
        // Lyndon Johnson, tagged as Boris by the spelling; 美国前总统克林顿
        // is Bill, not Hillary), else the tagged person if they held it.
        if let Some(role) = role.as_deref()
            && let Some(h) = self
                .office_namesake(zh, role, state)
                .or_else(|| reg.held(p, role, state).then_some(p))
        {
            let mut r = self.actor_ref(h, zh);
            r.role = Some(role.to_owned());
            return r;
        }
        // A spelling several people share (美国前总统克林顿 where no
        // Clinton held the office) is no more the mined person it is
        // tagged as after a title than alone.
        if let Some(mut r) = self.shared_reading(p, zh, ctx) {
            r.role = role.clone();
            return r;
        }
        let person = &reg.actors[p];
        let other_state =
            matches!((state, person.state.as_deref()), (Some(s), Some(own)) if s != own);
        let never_held = role.as_deref().is_some_and(|role| {
            matches!(title, "总统" | "首相" | "总理")
                && reg.terms.iter().any(|t| t.actor == p)
                && !reg.held(p, role, None)
        });
        let mut r = if other_state || never_held {
            self.pinyin_person(zh, state)
        } else {
            self.actor_ref(p, zh)
        };
        r.role = role.clone();
        r
    }

    /// A spelling several people share (克林顿: Bill and Hillary; the
    /// miner's 布莱克), tagged as one of them: the one the article named in
    /// full, else someone unknown by it — never a guess. None for any other
    /// spelling (the hand registry's own spellings are never shared).
    fn shared_reading(&self, p: usize, zh: &str, ctx: &Context) -> Option<ActorRef> {
        let shared = self
            .lex
            .registry
            .shared_spelling(zh)
            .filter(|_| self.lex.registry.actors[p].kind == ActorType::Person)?;
        Some(
            ctx.known(zh)
                .unwrap_or_else(|| self.surname_person(zh, shared)),
        )
    }

    /// A known person's spelling the article's brackets gave someone else
    /// ([`Self::someone_else`]: 前脱欧大臣戴维斯（David Davis） … 戴维斯 is
    /// not the miner's Anthony Davis): that someone. None for any other
    /// spelling.
    fn bracketed_reading(&self, p: usize, zh: &str, ctx: &Context) -> Option<ActorRef> {
        ctx.other(zh)
            .filter(|_| self.lex.registry.actors[p].kind == ActorType::Person)
    }

    /// Mentions of a normalised sentence, left to right. Updates `ctx` with
    /// the people it names.
    pub fn find(
        &self,
        s: &str,
        tags: &[(usize, usize, &Tag)],
        ctx: &mut Context,
        names: &SentenceNames,
    ) -> Vec<Mention> {
        self.learn_bracketed_names(s, tags, ctx, names);
        let groups = self.groups(s, tags);
        let mut out = self.find_tagged(s, tags, ctx, &groups, names);
        // 舒默（Chuck Schumer）: a two-character spelling with the person's
        // Latin name in brackets after it.
        for (at, _) in s.match_indices(['（', '(']) {
            let Some((start, _)) = s[..at].char_indices().rev().nth(1) else {
                continue;
            };
            let covered = tags.iter().any(|&(a, b, _)| a < at && start < b)
                || out.iter().any(|m| m.start < at && start < m.end);
            if let Some((end, p)) = self.short_spelling_at(s, start)
                && end == at
                && !covered
                && latin_names(&s[at..], &self.lex.registry.actors[p].label_en)
            {
                let r = self.actor_ref(p, &s[start..end]);
                ctx.learn(&s[start..end], &r);
                ctx.last_person = Some(r.clone());
                out.push(self.one(start, end, r));
            }
        }
        // Louis DeJoy, Emmanuel Macron: a known person's Latin name written
        // in the text, or anyone's after a word that says a person follows
        // (参议员 Josh Hawley); outside brackets (a name's original spelling
        // in brackets is the name before it, read above).
        if s.bytes().any(|b| b.is_ascii_uppercase()) {
            for (at, c) in s.char_indices() {
                // Not inside a run of Latin text (…said Joe Biden).
                let prev = s[..at].trim_end_matches(' ').chars().next_back();
                if !c.is_ascii_uppercase()
                    || prev.is_some_and(|p| {
                        is_latin_letter(p) || p.is_ascii_punctuation() || p.is_ascii_digit()
                    })
                    || s[..at].rfind(['（', '(']) > s[..at].rfind(['）', ')'])
                {
                    continue;
                }
                let Some((_, end)) = latin_name_at(&s[at..], self.lex) else {
                    continue;
                };
                let end = at + end;
                let covered = tags.iter().any(|&(a, b, _)| a < end && at < b)
                    || out.iter().any(|m| m.start < end && at < m.end);
                if covered {
                    continue;
                }
                // After a word that says a person follows (参议员, 女士):
                // whoever it is, of the state before that word.
                let before = s[..at].trim_end_matches(' ');
                let cue = self
                    .lex
                    .person_cues
                    .iter()
                    .find(|w| before.ends_with(w.as_str()));
                let known = self
                    .lex
                    .by_latin
                    .get(&latin_key(&s[at..end]))
                    .filter(|&&p| self.lex.actor_type(p) == ActorType::Person);
                let r = match (known, cue) {
                    (Some(&p), _) => self.actor_ref(p, &s[at..end]),
                    (None, Some(w)) => {
                        let cue_start = before.len() - w.len();
                        let state = tags.iter().find_map(|&(_, e, t)| match t {
                            Tag::Actor(a)
                                if e == cue_start
                                    && self.lex.actor_type(*a) == ActorType::State =>
                            {
                                Some(self.lex.registry.actors[*a].id.as_str())
                            }
                            _ => None,
                        });
                        self.latin_person(&s[at..end], state, &None)
                    }
                    (None, None) => continue,
                };
                ctx.learn(&r.zh, &r);
                ctx.last_person = Some(r.clone());
                out.push(self.one(at, end, r));
            }
        }
        for (start, end, r) in self.full_names_after_person_cues(s, tags, &out) {
            ctx.learn(&r.zh, &r);
            ctx.last_person = Some(r.clone());
            out.push(self.one(start, end, r));
        }
        out.sort_by_key(|m| m.start);
        for k in 0..out.len() {
            let before = out[k].actors.first().map(|a| a.id.clone());
            self.pick_namesake(s, &mut out[k], ctx);
            // 前驻华大使洛德时，他对…: the 他 read before the title was
            // weighed is the namesake too.
            if let (Some(old), [p]) = (before, &out[k].actors[..])
                && p.id != old
            {
                let p = p.clone();
                for a in out.iter_mut().flat_map(|m| m.actors.iter_mut()) {
                    if a.id == old {
                        *a = ActorRef {
                            zh: a.zh.clone(),
                            role: a.role.clone(),
                            ..p.clone()
                        };
                    }
                }
            }
        }
        // 查克·舒默 … 舒默: once the article names a person in full, the
        // two-character spellings the miner found name them too.
        let reg = &self.lex.registry;
        for m in &out {
            if let Some(r) = m.single()
                && r.kind == ActorType::Person
                && let Some(i) = reg.index(&r.id)
            {
                for short in &reg.actors[i].short_zh {
                    ctx.learn(short, r);
                }
                for part in self.name_parts(&r.zh, r) {
                    ctx.learn(part, r);
                }
                // 凯文·麦卡锡 … 麦卡锡: the surname is the person named in full
                // (or after a title that says who: 美国总统克林顿).
                if let Some((_, surname)) = r.zh.rsplit_once('·')
                    && reg.shared_spelling(surname).is_some()
                {
                    ctx.learn(surname, r);
                }
                if reg.shared_spelling(&r.zh).is_some() {
                    ctx.learn(&r.zh, r);
                }
            }
        }
        // A name the tagger gave someone new that the sentence has just
        // tied to a known person (与亨特和副总统拜登 after 亨特·拜登 in the
        // same sentence) is theirs.
        for m in &mut out {
            if let [a] = &m.actors[..]
                && a.kind == ActorType::Person
                && a.label_is_pinyin
                && let Some(r) = ctx.known_person(&s[m.start..m.end])
            {
                m.actors = vec![ActorRef {
                    role: a.role.clone(),
                    ..r
                }];
            }
        }
        // Names the article introduced earlier, where no tag covers them
        // and no other dotted name holds them (亨特 of 亨特·拜登 is not in
        // 亨特·奥尔森).
        for (name, r) in &ctx.names {
            for (at, _) in s.match_indices(name.as_str()) {
                let span = at..at + name.len();
                let covered = |a: usize, b: usize| a < span.end && span.start < b;
                let dotted = !name.contains('·')
                    && (s[..span.start].ends_with('·') || s[span.end..].starts_with('·'));
                // Nor in a place's or body's name after it (孔子 … 孔子学院).
                let named_after = self.place_body_or_ship_after(s, span.end);
                if !dotted
                    && !named_after
                    && !tags.iter().any(|&(a, b, _)| covered(a, b))
                    && !out.iter().any(|m| covered(m.start, m.end))
                {
                    let mut r = r.clone();
                    r.zh = name.clone();
                    out.push(self.one(span.start, span.end, r));
                }
            }
        }
        // A group acting itself (中韩同意…, 中韩将…) has no tag inside, so
        // the tag walk does not meet it; nor does a group qualifying the
        // relation that follows it (美台经贸合作). Groups qualifying another
        // noun (中韩关系) are not actors and stay out.
        for g in groups {
            let acts = (!self
                .lex
                .group_followers
                .iter()
                .any(|f| s[g.end..].starts_with(f.as_str()))
                && tags.iter().any(|&(st, _, t)| {
                    st == g.end && matches!(t, Tag::Trigger(_) | Tag::Modality(_))
                }))
                || relation_after(s, tags, g.end);
            if acts && !out.iter().any(|m| m.start == g.start) {
                out.push(g);
            }
        }
        out.sort_by_key(|m| m.start);
        if parties(&out).next().is_some() {
            ctx.parties = two_parties(&out);
        }
        out
    }

    fn find_tagged(
        &self,
        s: &str,
        tags: &[(usize, usize, &Tag)],
        ctx: &mut Context,
        groups: &[Mention],
        names: &SentenceNames,
    ) -> Vec<Mention> {
        let mut out: Vec<Mention> = Vec::new();
        let mut preps: Vec<(usize, Prep)> = Vec::new();
        let mut i = 0;
        let adjacent = |j: usize, end: usize| tags.get(j).filter(|t| t.0 == end);
        while i < tags.len() {
            let (start, end, tag) = tags[i];
            if let Some(g) = groups.iter().find(|g| g.start <= start && start < g.end) {
                if !out.iter().any(|m| m.start == g.start) {
                    out.push(g.clone());
                }
                i += 1;
                continue;
            }
            let mut mention = |m: Mention| out.push(m);
            match tag {
                Tag::Actor(a) if self.lex.actor_type(*a) != ActorType::Person => {
                    let zh = &s[start..end];
                    // 中国外交部, 中国驻瑞典大使馆: the state speaks.
                    if let Some((j, bend)) = body_after(tags, i + 1, s, end) {
                        mention(self.one(start, bend, self.actor_ref(*a, zh)));
                        i = j + 1;
                        continue;
                    }
                    // <state> [驻X] <title> [<name>]
                    if let Some((j, tstart, tend, role)) = title_after(tags, i + 1, s, end) {
                        if let Some(&(_, pend, Tag::Actor(p))) = adjacent(j + 1, tend)
                            && self.lex.actor_type(*p) == ActorType::Person
                            && !self.mined_inside_another_name(*p, s, tend, pend, names)
                        {
                            // An organisation's officer has a nationality of
                            // their own (联合国秘书长古特雷斯).
                            let of = &self.lex.registry.actors[*a];
                            let state = (of.kind == ActorType::State).then_some(of.id.as_str());
                            let r = self.titled_person(
                                *p,
                                &s[tend..pend],
                                role,
                                &s[tstart..tend],
                                state,
                                ctx,
                            );
                            mention(self.one(start, pend, r));
                            ctx.last_person = Some(out.last().unwrap().actors[0].clone());
                            i = j + 2;
                            continue;
                        }
                        // The name ends where the next lexicon word starts
                        // (胡克斯特拉邀请).
                        let limit = tags[j + 1..]
                            .iter()
                            .filter(|t| {
                                matches!(t.2, Tag::Trigger(_) | Tag::Modality(_) | Tag::Prep(_))
                            })
                            .map(|t| t.0)
                            .find(|&st| st > tend)
                            .unwrap_or(s.len());
                        let state = &self.lex.registry.actors[*a].id;
                        if let Some(name) = unknown_name(&s[tend..limit], self.lex)
                            && adjacent(j + 1, tend).is_none()
                            && let Some(name) = self
                                .sounded_through_stop(&s[tend..limit], name, state)
                                .or_else(|| self.confirmed_name(s, tags, tend, name, names))
                        {
                            // A name the article already tied to someone
                            // (its Latin name in brackets) stays theirs.
                            let mut r = match ctx.known(name) {
                                Some(r) => r,
                                None => self.unknown_person(name, Some(state), role.as_deref()),
                            };
                            r.role = role.clone();
                            ctx.learn(name, &r);
                            ctx.last_person = Some(r.clone());
                            mention(self.one(start, tend + name.len(), r));
                            i = j + 1;
                            continue;
                        }
                        // 美国联邦参议员Josh Hawley: a name written in Latin
                        // letters after the title.
                        if let Some((_, lend)) = latin_name_at(&s[tend..], self.lex) {
                            let state = &self.lex.registry.actors[*a].id;
                            let r = self.latin_person(&s[tend..tend + lend], Some(state), role);
                            ctx.learn(&r.zh, &r);
                            ctx.last_person = Some(r.clone());
                            mention(self.one(start, tend + lend, r));
                            i = j + 1;
                            continue;
                        }
                        // An office named without a person: its holder then —
                        // unless the office is what someone takes up
                        // (就职美国总统, 当选总统): then no one holds it here.
                        // 美国总统大选: the office qualifies a noun.
                        let taken_up = OFFICE_VERBS.iter().any(|v| s[..start].ends_with(v))
                            || OFFICE_NOUNS.iter().any(|w| s[tend..].starts_with(w))
                            || NOT_IN_OFFICE.iter().any(|w| s[start..tstart].contains(w));
                        if let (Some(role), Some(date), false) = (role, self.anchor, taken_up) {
                            let title = &s[tstart..tend];
                            let holder = |of: usize| {
                                let of = &self.lex.registry.actors[of].id;
                                let role = self.office_of(role, title, of);
                                self.lex.registry.holder(role, of, date).map(|h| {
                                    let mut r = self.registry_ref(h);
                                    r.role = Some(role.to_owned());
                                    r
                                })
                            };
                            if let Some(r) = holder(*a) {
                                ctx.last_person = Some(r.clone());
                                // 日本、韩国和澳洲领导人: each listed state's
                                // holder of the office.
                                let mut actors = vec![r];
                                let mut first = start;
                                while let Some(prev) = out.last()
                                    && matches!(
                                        &s[prev.end..first],
                                        "、" | "和" | "与" | "及" | "以及"
                                    )
                                    && prev.place.is_none()
                                    && !prev.indirect
                                    && let Some(st) = prev.single()
                                    && st.kind == ActorType::State
                                    && let Some(i) = self.lex.registry.index(&st.id)
                                    && let Some(h) = holder(i)
                                {
                                    first = prev.start;
                                    actors.insert(0, h);
                                    out.pop();
                                }
                                preps.retain(|&(e, _)| e <= first || e > tend);
                                let mut m = self.one(first, tend, actors.remove(0));
                                m.actors.extend(actors);
                                m.indirect = true;
                                out.push(m);
                            }
                        }
                        i = j + 1;
                        continue;
                    }
                    mention(self.one(start, end, self.actor_ref(*a, zh)));
                }
                Tag::Actor(p) => {
                    let zh = &s[start..end];
                    let actor = &self.lex.registry.actors[*p];
                    // A person's spelling a dot follows is someone else's
                    // given name (亨特·拜登 is Hunter Biden, not the 亨特 of
                    // Jeremy Hunt).
                    if self.mined_inside_another_name(*p, s, start, end, names)
                        || (actor.kind == ActorType::Person
                            && s[end..].starts_with('·')
                            && !s[..start].ends_with('·'))
                        || (actor.kind == ActorType::Person
                            && (names_a_ship(s, end)
                                || self
                                    .lex
                                    .name_followers
                                    .iter()
                                    .any(|e| s[end..].starts_with(e.as_str()))))
                    {
                        i += 1;
                        continue;
                    }
                    let mut span_end = end;
                    // (拜登政府-style bodies below still read as the state.)
                    let mut r = self
                        .shared_reading(*p, zh, ctx)
                        .or_else(|| self.bracketed_reading(*p, zh, ctx))
                        .unwrap_or_else(|| self.actor_ref(*p, zh));
                    // 拜登政府 → the person's state, written as the text
                    // writes it (the state is not 拜登).
                    if let Some(&(_, bend, Tag::GenericBody)) = adjacent(i + 1, end)
                        && let Some(st) =
                            r.state.clone().and_then(|st| self.lex.registry.index(&st))
                    {
                        mention(self.one(start, bend, self.actor_ref(st, &s[start..bend])));
                        i += 2;
                        continue;
                    }
                    // 王毅外长, 朴振长官: the title is part of the mention.
                    if let Some(&(tstart, tend, Tag::Title(role))) = adjacent(i + 1, end) {
                        span_end = tend;
                        r = self.titled_person(*p, zh, role, &s[tstart..tend], None, ctx);
                        i += 1;
                    }
                    ctx.last_person = Some(r.clone());
                    mention(self.one(start, span_end, r));
                }
                Tag::Title(role) => {
                    // 外长王毅: a title right before a known person (not a
                    // mined spelling inside a longer name: 总统路易斯·阿比纳德尔).
                    if let Some(&(_, pend, Tag::Actor(p))) = adjacent(i + 1, end)
                        && self.lex.actor_type(*p) == ActorType::Person
                        && !self.mined_inside_another_name(*p, s, end, pend, names)
                    {
                        let r =
                            self.titled_person(*p, &s[end..pend], role, &s[start..end], None, ctx);
                        ctx.last_person = Some(r.clone());
                        mention(self.one(start, pend, r));
                        i += 2;
                        continue;
                    }
                    // 参议院少数党领袖舒默（Chuck Schumer）: a title right
                    // before a known person's two-character spelling.
                    if adjacent(i + 1, end).is_none()
                        && let Some((pend, p)) = self.short_spelling_at(s, end)
                    {
                        let mut r = self.actor_ref(p, &s[end..pend]);
                        r.role = role.clone();
                        ctx.learn(&s[end..pend], &r);
                        ctx.last_person = Some(r.clone());
                        mention(self.one(start, pend, r));
                        i += 1;
                        continue;
                    }
                    // 欧盟外交事务发言人Peter Stano: the same in Latin letters.
                    if adjacent(i + 1, end).is_none()
                        && let Some((_, lend)) = latin_name_at(&s[end..], self.lex)
                    {
                        let r = self.latin_person(&s[end..end + lend], None, role);
                        ctx.learn(&r.zh, &r);
                        ctx.last_person = Some(r.clone());
                        mention(self.one(start, end + lend, r));
                        i += 1;
                        continue;
                    }
                }
                // A body's officer named after it is who acts (国台办发言人马晓光,
                // 陆委会主委邱太三): the title and name that follow make the
                // mention, as they do with no body before them.
                Tag::Body(_) if matches!(adjacent(i + 1, end), Some(&(_, _, Tag::Title(_)))) => {}
                Tag::Side(a) | Tag::Body(a) => {
                    mention(self.one(start, end, self.actor_ref(*a, &s[start..end])));
                }
                Tag::Place(a) => {
                    let mut m = self.one(start, end, self.registry_ref(*a));
                    m.place = Some(s[start..end].to_owned());
                    mention(m);
                }
                Tag::Pronoun(Pronoun::Person) => {
                    let opens = s[..start].trim_start_matches(OPENING_QUOTES).is_empty();
                    let referent = match &ctx.subject_person {
                        Some(p) if opens => Some(p.clone()),
                        _ => ctx.last_person.clone(),
                    };
                    if let Some(p) = referent {
                        let mut m = self.one(start, end, p);
                        m.indirect = true;
                        mention(m);
                    }
                }
                Tag::Pronoun(Pronoun::Pair) => {
                    if let Some((a, b)) = pair_in_focus(ctx, &out) {
                        out.push(self.group(start, end, vec![a, b]));
                    }
                }
                Tag::Pronoun(Pronoun::States) => {
                    if let Some((a, b)) = pair_in_focus(ctx, &out) {
                        let states: Vec<ActorRef> = [a, b]
                            .iter()
                            .filter_map(|p| match p.kind {
                                ActorType::Person => p
                                    .state
                                    .as_deref()
                                    .and_then(|s| self.lex.registry.index(s))
                                    .map(|i| self.registry_ref(i)),
                                _ => Some(p.clone()),
                            })
                            .collect();
                        if states.len() == 2 && states[0].id != states[1].id {
                            out.push(self.group(start, end, states));
                        }
                    }
                }
                Tag::Prep(p) => preps.push((end, *p)),
                _ => {}
            }
            i += 1;
        }
        // People the name tagger finds where a pattern's slot is open.
        let extra = self.tagger_people(s, tags, &out, true, names);
        if !extra.is_empty() {
            for m in extra {
                let r = m.actors[0].clone();
                ctx.learn(&r.zh, &r);
                if !out.iter().any(|o| {
                    o.start > m.start && o.single().is_some_and(|a| a.kind == ActorType::Person)
                }) {
                    ctx.last_person = Some(r);
                }
                out.push(m);
            }
            out.sort_by_key(|m| m.start);
        }
        // A preposition governs the first mention after it, if that follows
        // closely within the clause.
        for &(pend, prep) in &preps {
            // 与自行宣布胜选的前副总统拜登会谈: the person after an attributive
            // 的-clause is the partner; what the clause names is no argument.
            if prep == Prep::With
                && let Some(k) = out.iter().position(|m| m.start >= pend)
                && s[pend..out[k].start].chars().count() > 2
                && let Some(p) = (k..out.len()).find(|&p| {
                    let gap = &s[pend..out[p].start];
                    out[p].single().is_some_and(|a| a.kind == ActorType::Person)
                        && gap.chars().count() <= 30
                        && !gap.contains(CLAUSE_BREAKS)
                        && gap
                            .rfind('的')
                            .is_some_and(|d| gap[d..].chars().count() <= 3)
                        && !tags.iter().any(|&(ts, _, t)| {
                            matches!(t, Tag::Trigger(_)) && ts >= pend && ts < out[p].start
                        })
                })
                && (k..p).all(|x| out[x].single().is_none_or(|a| a.kind != ActorType::Person))
            {
                out[p].governed = Some(prep);
                out.drain(k..p);
                continue;
            }
            if let Some(m) = out.iter_mut().find(|m| m.start >= pend) {
                if prep == Prep::List && m.start > pend {
                    continue;
                }
                let gap = &s[pend..m.start];
                if m.governed.is_none() && gap.chars().count() <= 12 && !gap.contains(CLAUSE_BREAKS)
                {
                    m.governed = Some(prep);
                }
            }
        }
        // A state or body right after 在/赴/到/于 is where something happens
        // (赴青瓦台, 在韩国安装), not who acts.
        // So is one right after such a place (在巴黎爱丽舍宫会见).
        let mut place_end = None;
        for m in &mut out {
            if m.place.is_none()
                && m.actors.len() == 1
                && m.actors[0].kind != ActorType::Person
                && (s[..m.start].ends_with(['在', '赴', '到', '于', '往'])
                    || place_end == Some(m.start))
            {
                m.place = Some(s[m.start..m.end].to_owned());
            }
            place_end = m.place.is_some().then_some(m.end).filter(|_| {
                s[..m.start].ends_with(['在', '赴', '到', '于', '往']) || place_end == Some(m.start)
            });
        }
        resolve_lists(&mut out, s);
        out
    }

    fn one(&self, start: usize, end: usize, r: ActorRef) -> Mention {
        Mention {
            start,
            end,
            actors: vec![r],
            place: None,
            governed: None,
            indirect: false,
            tagged: false,
        }
    }
}

/// What may stand before a pronoun that opens a sentence (“他说…).
const OPENING_QUOTES: &[char] = &['“', '「', '『', '"', ' '];

pub const CLAUSE_BREAKS: &[char] = &[',', '，', ';', '；', ':', '：', '。', '!', '?', '！', '？'];

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || c == '·'
}

/// What the tests of every rule family share.
#[cfg(test)]
mod testing {
    use super::*;
    use crate::extract::lexicon::LEXICON;

    pub(super) fn mentions(s: &str, anchor: &str) -> (Vec<Mention>, Context) {
        let f = finder(anchor);
        let mut ctx = Context::default();
        let tags = LEXICON.tag(s);
        (f.find(s, &tags, &mut ctx, &SentenceNames::default()), ctx)
    }

    pub(super) fn ids(ms: &[Mention]) -> Vec<String> {
        ms.iter()
            .map(|m| {
                m.actors
                    .iter()
                    .map(|a| a.id.as_str())
                    .collect::<Vec<_>>()
                    .join("+")
            })
            .collect()
    }

    /// A finder over the bundled lexicon for articles of `anchor`'s day.
    pub(super) fn finder(anchor: &str) -> MentionFinder<'static> {
        MentionFinder {
            lex: &LEXICON,
            anchor: Some(anchor.parse().unwrap()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{finder, ids, mentions};
    use super::*;
    use crate::extract::lexicon::LEXICON;

    #[test]
    fn no_person_starts_inside_a_place_the_miner_knows_as_a_name() {
        // 多利亚 (the mined João Doria) inside 维多利亚, the Seychelles'
        // capital; 路易斯 (the mined John Lewis) inside 路易斯安那州.
        let (ms, _) = mentions("王毅在维多利亚同塞舌尔外交部长会谈。", "2020-10-10");
        assert!(
            !ids(&ms).contains(&"joao_doria".to_owned()),
            "{:?}",
            ids(&ms)
        );
        let (ms, _) = mentions("特朗普在路易斯安那州批评拜登。", "2020-10-10");
        assert!(
            !ids(&ms).contains(&"john_lewis".to_owned()),
            "{:?}",
            ids(&ms)
        );
        // The name itself stays a name where no place holds it.
        let (ms, _) = mentions("多利亚批评博索纳罗。", "2020-10-10");
        assert!(
            ids(&ms).contains(&"joao_doria".to_owned()),
            "{:?}",
            ids(&ms)
        );
    }

    #[test]
    fn the_ruling_party_standing_for_china_is_china() {
        let (ms, _) = mentions("蓬佩奥批评中国共产党打压宗教自由。", "2020-10-01");
        assert!(ids(&ms).contains(&"CHN".to_owned()), "{:?}", ids(&ms));
        // Its central committee names a place of office: no actor.
        let (ms, _) = mentions("中共中央政治局委员杨洁篪会见了蓬佩奥。", "2020-10-01");
        assert!(!ids(&ms).contains(&"CHN".to_owned()), "{:?}", ids(&ms));
    }

    #[test]
    fn names_with_titles_and_states() {
        let (ms, ctx) = mentions(
            "韩国外交部长官康京和同到访的中国外交部长王毅举行会谈",
            "2020-11-26",
        );
        assert_eq!(ids(&ms), vec!["kang_kyung_wha", "wang_yi"]);
        assert_eq!(ms[0].actors[0].zh, "康京和");
        assert_eq!(ms[1].governed, Some(Prep::With));
        assert_eq!(ctx.last_person.unwrap().id, "wang_yi");
        let (ms, _) = mentions("王毅外长与朴振长官通话", "2023-08-31");
        assert_eq!(ids(&ms), vec!["wang_yi", "park_jin"]);
    }

    #[test]
    fn a_title_the_person_never_held_names_someone_else() {
        // 约翰逊 is Boris Johnson in the registry, a British prime minister
        // and foreign secretary, never a president nor American: the
        // president of that name in 1961–1969 is Lyndon Johnson.
        let (ms, _) = mentions("美国总统约翰逊会见蒋经国", "1965-09-23");
        assert_eq!(ms[0].actors[0].id, "lyndon_johnson");
        let (ms, _) = mentions("约翰逊总统会晤陈诚", "1961-07-01");
        assert_eq!(ms[0].actors[0].id, "lyndon_johnson");
        let (ms, _) = mentions("总统约翰逊会晤陈诚", "1961-07-01");
        assert_eq!(ms[0].actors[0].id, "lyndon_johnson");
        // Someone of another state (Jeh Johnson, not Boris Johnson).
        let (ms, _) = mentions("美国部长约翰逊会见王毅", "2016-08-30");
        assert_eq!(ms[0].actors[0].id, "yuehanxun");
        assert_eq!(ms[0].actors[0].state.as_deref(), Some("USA"));
        // His own offices stay his.
        let (ms, _) = mentions("英国首相约翰逊与美国总统拜登通电话", "2021-06-01");
        assert_eq!(ids(&ms), vec!["boris_johnson", "joe_biden"]);
        let (ms, _) = mentions("约翰逊首相会见王毅", "2021-06-01");
        assert_eq!(ms[0].actors[0].id, "boris_johnson");
        // An organisation's officer keeps their own nationality.
        let (ms, _) = mentions("联合国秘书长古特雷斯会见王毅", "2021-06-01");
        assert_eq!(ms[0].actors[0].id, "antonio_guterres");
    }

    #[test]
    fn offices_resolve_to_the_holder_on_the_date() {
        let (ms, _) = mentions("王毅在与韩国外长通电话时表示", "2024-02-07");
        assert_eq!(ids(&ms), vec!["wang_yi", "cho_tae_yul"]);
        assert!(ms[1].indirect);
        let (ms, _) = mentions("王毅在与韩国外长通电话时表示", "2020-11-26");
        assert_eq!(ids(&ms)[1], "kang_kyung_wha");
        // A count of the listed states between them and the office.
        let (ms, _) = mentions("菅义伟跟美国、澳洲及印度3国外交部长会谈", "2020-10-06");
        assert_eq!(
            ids(&ms),
            vec![
                "suga_yoshihide",
                "mike_pompeo+marise_payne+subrahmanyam_jaishankar"
            ]
        );
    }

    #[test]
    fn sides_bodies_groups_and_outlets() {
        let (ms, _) = mentions(
            "美国之音报道，中方支持韩方，韩国外交部表示，中韩两国互为伙伴",
            "2023-08-31",
        );
        assert_eq!(ids(&ms), vec!["CHN", "KOR", "KOR", "CHN+KOR"]);
        assert_eq!(ms[0].actors[0].zh, "中方");
        // Taiwan's news writes the mainland side 陆方.
        let (ms, _) = mentions("陆委会反驳陆方说法", "2020-12-31");
        assert!(ids(&ms).contains(&"CHN".to_owned()), "{:?}", ids(&ms));
        let (ms, _) = mentions("拜登政府一名高级官员表示", "2023-10-31");
        assert_eq!(ids(&ms), vec!["USA"]);
        assert_eq!(ms[0].actors[0].zh, "拜登政府");
        let (ms, _) = mentions("特朗普政府批评中国", "2020-10-31");
        assert_eq!(ids(&ms), vec!["USA", "CHN"]);
        // 华府 (Washington) speaks for the United States; the Taliban is
        // an organisation, not a person.
        let (ms, _) = mentions("华府批评北京，塔利班与阿富汗政府会谈", "2020-09-12");
        assert_eq!(ids(&ms), vec!["USA", "CHN", "taliban", "AFG"]);
    }

    #[test]
    fn pronouns_follow_the_context() {
        let f = finder("2024-02-07");
        let mut ctx = Context::default();
        let s1 = "赵兑烈表示了忧虑";
        f.find(s1, &LEXICON.tag(s1), &mut ctx, &SentenceNames::default());
        let s2 = "他呼吁中方发挥作用";
        let ms = f.find(s2, &LEXICON.tag(s2), &mut ctx, &SentenceNames::default());
        assert_eq!(ids(&ms), vec!["cho_tae_yul", "CHN"]);
        ctx.focus = Some((
            ms[0].actors[0].clone(),
            f.registry_ref(LEXICON.registry.index("wang_yi").unwrap()),
        ));
        let s3 = "双方重申共识";
        let ms = f.find(s3, &LEXICON.tag(s3), &mut ctx, &SentenceNames::default());
        assert_eq!(ids(&ms), vec!["cho_tae_yul+wang_yi"]);
    }
}
