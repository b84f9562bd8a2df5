//! Actor mentions in a sentence, assembled from lexicon tags: names with the
//! titles and states around them (韩国外长朴振, 王毅外长), offices resolved to
//! their holder on the article's date (韩国外长 → the minister then), unknown
//! people by pattern (韩国驻美大使赵贤东), sides and bodies (中方, 韩国外交部),
//! groups of states (中韩两国) and pronouns (他, 双方).

use super::lexicon::{
    Lexicon, Prep, Pronoun, Tag, given_name_agrees, latin_key, near_sound_keys, sound_key,
};
use super::names::NAME_TAGGER;
use super::registry::{Actor, SharedSpelling};
use crate::model::{ActorRef, ActorType, latin_id};
use chrono::NaiveDate;

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
    /// Boris Johnson, a British prime minister). Lesser titles are written
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
        // A spelling several people share (美国前总统克林顿) is no more
        // the mined person it is tagged as after a title than alone.
        if let Some(mut r) = self.shared_reading(p, zh, ctx) {
            r.role = role.clone();
            return r;
        }
        let reg = &self.lex.registry;
        let person = &reg.actors[p];
        let other_state =
            matches!((state, person.state.as_deref()), (Some(s), Some(own)) if s != own);
        let never_held = role.as_deref().is_some_and(|role| {
            let mut terms = reg.terms.iter().filter(|t| t.actor == p).peekable();
            matches!(title, "总统" | "首相" | "总理")
                && terms.peek().is_some()
                && !terms.any(|t| t.role == role)
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
    /// miner's 布莱克), tagged as the mined person `p`: the one the article
    /// named in full, else someone unknown by it — never a guess. None for
    /// any other spelling or person.
    fn shared_reading(&self, p: usize, zh: &str, ctx: &Context) -> Option<ActorRef> {
        let shared = self
            .lex
            .registry
            .shared_spelling(zh)
            .filter(|_| self.lex.registry.actors[p].mined)?;
        Some(
            ctx.known(zh)
                .unwrap_or_else(|| self.surname_person(zh, shared)),
        )
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
                    if let Some(&(_, bend, Tag::GenericBody)) = adjacent(i + 1, end) {
                        mention(self.one(start, bend, self.actor_ref(*a, zh)));
                        i += 2;
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
    fn tagger_people(
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
        // So does one running into a word of time (沙马|周一表示).
        let cut = |(a, b): (usize, usize)| -> (usize, usize) {
            let time = self.lex.time_words.iter().filter_map(|w| {
                s[a..b]
                    .match_indices(w.as_str())
                    .map(|(i, _)| a + i)
                    .find(|&x| x > a)
            });
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
                || self
                    .lex
                    .not_name_starts
                    .iter()
                    .any(|w| name.starts_with(w.as_str()))
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
    fn whole_names<'n>(
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
    fn whole_dotted_name(
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

    /// A known person of `state` whose spelling sounds like `rest`'s run of
    /// a transliteration's characters through a stop that cut `name` short
    /// (巴西总统博索尔那罗: 那 stops names, and 博索尔 had been someone new
    /// beside 博索尔纳罗): that run, when it is longer than `name`.
    fn sounded_through_stop<'s>(&self, rest: &'s str, name: &str, state: &str) -> Option<&'s str> {
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
    fn confirmed_name<'s>(
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

    /// A name with a known person's Latin name in brackets after it
    /// (人民党主席甘地（Rahul Gandhi）, 伊拉克总理穆斯塔法·卡德希米（Mustafa
    /// al-Kadhimi）) is that person, here and later in the article, whatever
    /// the spelling: the brackets say who it is. The spelling is the Chinese
    /// text between the last lexicon word (a title, a state) and the bracket.
    fn learn_bracketed_names(
        &self,
        s: &str,
        tags: &[(usize, usize, &Tag)],
        ctx: &mut Context,
        names: &SentenceNames,
    ) {
        for (spelling, p) in self.bracketed_spellings(s, tags, names) {
            if let Some(p) = p {
                let r = self.actor_ref(p, spelling);
                ctx.learn(spelling, &r);
                for part in self.name_parts(spelling, &r) {
                    ctx.learn(part, &r);
                }
            }
        }
    }

    /// The spellings of sentence `s` with a Latin name in brackets after
    /// them, each with the known person that Latin name is (`None`: a name
    /// nobody known has).
    fn bracketed_spellings<'s>(
        &self,
        s: &'s str,
        tags: &[(usize, usize, &Tag)],
        names: &SentenceNames,
    ) -> Vec<(&'s str, Option<usize>)> {
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
            let spelling = after_person_cue(self.lex, before[start..].trim_matches('·'));
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
                out.push((spelling, p));
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
        let mut whose: Vec<(&str, Option<usize>)> = Vec::new();
        for (s, tags, names) in sentences {
            if !s.contains(['（', '(']) {
                continue;
            }
            for (spelling, p) in self.bracketed_spellings(s, tags, names) {
                whose.push((spelling, p));
                if let Some(p) = p {
                    let parts = self.name_parts(spelling, &self.actor_ref(p, spelling));
                    whose.extend(parts.into_iter().map(|part| (part, Some(p))));
                }
            }
        }
        // A spelling bracketed with two people (高普兰（Shyamala Gopalan）,
        // later 高普兰（PV Gopalan）) is each of them from their brackets
        // on, as the sentences come ([`Self::learn_bracketed_names`]).
        let mut ctx = Context::default();
        for &(spelling, p) in &whose {
            if let Some(p) = p
                && whose.iter().all(|&(x, q)| x != spelling || q == Some(p))
            {
                ctx.learn(spelling, &self.actor_ref(p, spelling));
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
    fn name_parts<'n>(&self, zh: &'n str, r: &ActorRef) -> Vec<&'n str> {
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
    fn mined_inside_another_name(
        &self,
        p: usize,
        s: &str,
        start: usize,
        end: usize,
        names: &SentenceNames,
    ) -> bool {
        self.lex.registry.actors[p].mined && self.inside_another_name(s, start, end, names)
    }

    fn inside_another_name(
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

    /// Someone unknown named `zh`, a spelling several mined people share:
    /// named by the surname they share where their English names agree on
    /// it (`clinton`, "Clinton"), else by pinyin; of their state, if one.
    fn surname_person(&self, zh: &str, shared: &SharedSpelling) -> ActorRef {
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
    fn place_body_or_ship_after(&self, s: &str, end: usize) -> bool {
        names_a_ship(s, end) || self.ends_a_place_or_body(s, end, &self.lex.name_followers)
    }

    pub(super) fn ends_a_place_or_body(&self, s: &str, end: usize, endings: &[String]) -> bool {
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

    /// A known person's two-character spelling ([`Registry::by_short_spelling`])
    /// starting at `at` and ending where a name can end (a stop, a bracket,
    /// punctuation): its end and the person.
    ///
    /// [`Registry::by_short_spelling`]: super::registry::Registry::by_short_spelling
    fn short_spelling_at(&self, s: &str, at: usize) -> Option<(usize, usize)> {
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
    pub(super) fn unknown_person(
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
        let known = short.or_else(|| state.and_then(|st| self.known_by_short_name(name, st, role)));
        // A spelling several people share (克林顿, the miner's 布莱克) is
        // none of them, even one whose spelling sounds alike (布雷克).
        if known.is_none()
            && let Some(shared) = reg.shared_spelling(name)
        {
            return self.surname_person(name, shared);
        }
        let known = known
            .or_else(|| self.sounds_like(name, state))
            .or_else(|| self.given_and_known_surname(name, state));
        match known {
            Some(p) => self.actor_ref(p, name),
            None => self.pinyin_person(name, state),
        }
    }

    /// The foreign person (of `state`, if given) another spelling of the
    /// same sounds names: 彭培奥 is 蓬佩奥, 柯林顿 克林顿. Names of three
    /// characters or more only: two-character sounds are shared too often.
    fn sounds_like(&self, name: &str, state: Option<&str>) -> Option<usize> {
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
    fn given_and_known_surname(&self, name: &str, state: Option<&str>) -> Option<usize> {
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
    fn latin_person(&self, latin: &str, state: Option<&str>, role: &Option<String>) -> ActorRef {
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
    pub(super) fn pick_namesake(&self, s: &str, m: &mut Mention, ctx: &mut Context) {
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
    fn full_names_after_person_cues(
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
            if in_a_name
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

    /// The length in bytes of the Chinese full name `text` starts with
    /// ([`MentionFinder::chinese_full_name`]), when no character of its
    /// given name ends names ([`NAME_STOPS`]) and the character after it
    /// does, or is no Chinese one.
    fn full_name_at(&self, text: &str) -> Option<usize> {
        let surname = self
            .lex
            .surnames
            .iter()
            .filter(|x| text.starts_with(x.as_str()))
            .max_by_key(|x| x.len())?;
        let given: String = text[surname.len()..].chars().take(2).collect();
        // 曾两次 (once twice) is no name either.
        let ends_names = |c: char| !is_cjk(c) || NAME_STOPS.contains(c) || c == '两';
        if given.chars().count() < 2 || given.chars().any(ends_names) {
            return None;
        }
        let end = surname.len() + given.len();
        text[end..]
            .chars()
            .next()
            .is_none_or(|c| !is_cjk(c) || NAME_STOPS.contains(c))
            .then_some(end)
    }

    /// Is `w` written only in the registry's foreign-name characters (and
    /// the dot of `名·姓`)?
    fn transliteration(&self, w: &str) -> bool {
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

    fn pinyin_person(&self, name: &str, state: Option<&str>) -> ActorRef {
        // Korean names written in Chinese characters (赵贤东) use the
        // registry's foreign-name characters too: the surname decides.
        let surname_chars = if name.contains('·') || name.chars().count() > 4 {
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

    /// The office a title names for a state: a leader (领导人) is the head
    /// of government where the head of state is ceremonial (日本领导人).
    fn office_of<'r>(&self, role: &'r str, title: &str, state: &str) -> &'r str {
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
    /// (拉杰纳特·辛格 for 辛格), or is `name` without the given name: the holder of `role` on the article's date
    /// if that fits, else the only person of the state that does.
    fn known_by_short_name(&self, name: &str, state: &str, role: Option<&str>) -> Option<usize> {
        let reg = &self.lex.registry;
        // 辛格 abbreviates 拉杰纳特·辛格; 迈克·庞皮欧 is 庞皮欧 with his
        // given name.
        let fits = |i: usize| {
            let a = &reg.actors[i];
            a.kind == ActorType::Person
                && std::iter::once(&a.label_zh).chain(&a.aliases_zh).any(|l| {
                    l.ends_with(name)
                        || name
                            .strip_suffix(l.as_str())
                            .is_some_and(|given| given.ends_with('·'))
                })
        };
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
        let respelt = |i: usize| {
            let a = &reg.actors[i];
            let first = name.chars().next();
            self.transliteration(name)
                && !self.chinese_full_name(name)
                && std::iter::once(&a.label_zh)
                    .chain(&a.aliases_zh)
                    .any(|l| self.transliteration(l) && l != name && l.chars().next() == first)
        };
        if let (Some(role), Some(date)) = (role, self.anchor)
            && let Some(h) = reg.holder(role, state, date)
            && (fits(h) || cut_of(h) || respelt(h))
        {
            return Some(h);
        }
        let mut found = (0..reg.actors.len())
            .filter(|&i| reg.actors[i].state.as_deref() == Some(state) && fits(i));
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }

    /// Several actors one pronoun names (双方, 两国): indirect.
    fn group(&self, start: usize, end: usize, actors: Vec<ActorRef>) -> Mention {
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

    /// Runs of 2–3 state abbreviations followed by a group word (中韩两国,
    /// 韩美同盟, 中日韩领导人), or acting (中韩同意…), outside any other tag;
    /// and lists of up to five set off by 、 and closed by a count of states
    /// or 等 (法、美等国呼吁…, 美、日、印、澳四国).
    fn groups(&self, s: &str, tags: &[(usize, usize, &Tag)]) -> Vec<Mention> {
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

/// What may stand before a pronoun that opens a sentence (“他说…).
const OPENING_QUOTES: &[char] = &['“', '「', '『', '"', ' '];

/// Characters at most between a group of abbreviations and the relation
/// word it qualifies (美台双边进一步经贸合作: seven).
const GROUP_RELATION_GAP: usize = 7;

/// Is the next tag after `at` a relation's trigger, a few characters on in
/// the same clause? Then a group of abbreviations ending at `at` names the
/// relation's parties (美台经贸合作, 台美防疫合作, 中美卫生健康合作: the
/// training corpus's gold records a cooperation of the two for each).
fn relation_after(s: &str, tags: &[(usize, usize, &Tag)], at: usize) -> bool {
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
const UNNAMED_PARTICIPANTS: &[&str] = &["首脑", "领导人", "元首", "外长", "防长", "高官", "官员"];

/// What closes a list of state abbreviations set off by 、 (法、美等国).
const LIST_CLOSERS: &[&str] = &["等国", "两国", "三国", "四国", "五国", "等"];

/// The characters of one part of a dotted name at most, when a tagged name
/// reaches across a `·` to it (穆罕默德·本·萨勒曼: parts run 1–5).
const DOTTED_PART_CHARS: usize = 5;

pub const CLAUSE_BREAKS: &[char] = &[',', '，', ';', '；', ':', '：', '。', '!', '?', '！', '？'];

/// Words between a state and a title that keep the office (美国现任总统).
const TITLE_MODIFIERS: &[&str] = &["现任", "新任", "代理"];
/// Words between a state and a title that name someone not (or no longer)
/// in the office (美国当选总统拜登): a name after it, never its holder.
const NOT_IN_OFFICE: &[&str] = &["当选", "候任", "前", "时任"];

/// A title right after position `end` (directly, or after 驻X: 驻美大使).
fn title_after<'t>(
    tags: &'t [(usize, usize, &Tag)],
    j: usize,
    s: &str,
    end: usize,
) -> Option<(usize, usize, usize, &'t Option<String>)> {
    let mut j = j;
    let mut end = end;
    // 台湾驻荷兰代表: the state after 驻 is where the office sits.
    if let Some(&(pstart, pend, Tag::Actor(_))) = tags.get(j)
        && &s[end..pstart] == "驻"
    {
        j += 1;
        end = pend;
    }
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
        || (gap.starts_with('驻') && gap.chars().count() <= 4)
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
const MAX_NAME_CHARS: usize = 7;

/// A name right after a title, up to a function word.
fn unknown_name<'s>(rest: &'s str, lex: &Lexicon) -> Option<&'s str> {
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
    if lex
        .not_name_starts
        .iter()
        .any(|w| name.starts_with(w.as_str()))
    {
        return None;
    }
    // Past four characters only a transliterated name (姆纳察卡尼扬), not
    // a phrase the stops missed (举行了为期两天).
    let plausible = n <= 4 || name.chars().all(|c| lex.transliteration_chars.contains(&c));
    ((2..=MAX_NAME_CHARS).contains(&n) && plausible).then_some(name)
}

/// Does the bracket opening `rest` hold the Latin name `label` (its last
/// word at least: 舒默（Chuck Schumer）, 舒默（Schumer）)?
fn latin_names(rest: &str, label: &str) -> bool {
    let inside = rest
        .char_indices()
        .skip(1)
        .find(|&(_, c)| matches!(c, '）' | ')'))
        .map_or("", |(i, _)| &rest[..i]);
    let last = label.split_whitespace().last().unwrap_or("");
    last.len() >= 3 && inside.to_lowercase().contains(&last.to_lowercase())
}

/// The Latin name `rest` opens with (after one space at most), as the byte
/// range of `rest` it takes: two to four capitalised words, with the
/// particles of names between them (Peter Stano, Michael McCaul,
/// Pierre-Edouard Éon, Ursula von der Leyen, Brett P. Giroir). Words in
/// capitals only (WHO, AIT), with a body's word (Human Rights Watch,
/// Tsinghua University) or run on into more Latin text are no name.
fn latin_name_at(rest: &str, lex: &Lexicon) -> Option<(usize, usize)> {
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

/// Who 双方 or 两国 means: the meeting's parties in focus; else the two
/// parties the sentence so far (`found`) or the last sentence naming any
/// named (俄罗斯和中国…，双方不仅定期举行联合军演).
fn pair_in_focus(ctx: &Context, found: &[Mention]) -> Option<(ActorRef, ActorRef)> {
    ctx.focus
        .clone()
        .or_else(|| two_parties(found))
        .or_else(|| ctx.parties.clone())
}

/// The states and organisations `mentions` name (places and parties found
/// through a pronoun aside).
fn parties(mentions: &[Mention]) -> impl Iterator<Item = &ActorRef> {
    mentions
        .iter()
        .filter(|m| m.place.is_none() && !m.indirect)
        .flat_map(|m| &m.actors)
        .filter(|a| a.kind != ActorType::Person)
}

/// The two parties (states or organisations: 英国与欧盟) `mentions` name,
/// if exactly two.
fn two_parties(mentions: &[Mention]) -> Option<(ActorRef, ActorRef)> {
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

/// A letter of the Latin alphabets (ASCII to Latin Extended-B: Éon, Miloš).
fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic() && (c as u32) < 0x250
}

/// Is the name ending at `end` a ship's, quoted before 号 (美国“罗斯福”号
/// 航空母舰: the hand check of seed 25 found the carrier as a person)?
fn names_a_ship(s: &str, end: usize) -> bool {
    ["”号", "」号", "』号"]
        .iter()
        .any(|q| s[end..].starts_with(q))
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || c == '·'
}

/// Items of a list after a governed mention (与A、B及C) share its preposition.
fn resolve_lists(mentions: &mut [Mention], s: &str) {
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

/// Can `a` be the person of `state` a text names (none given: anyone)?
/// People of no state (officials of international bodies) are named after
/// any state's or body's title (欧盟委员会主席冯·德·莱恩).
fn of_state(a: &Actor, state: Option<&str>) -> bool {
    state.is_none() || a.state.is_none() || a.state.as_deref() == state
}

/// The spelling after the last word that says a person follows (参议员,
/// 总领事; `data/lexicon/mining.csv`'s titles), when two characters or more
/// follow it: the lexicon tags offices, not every title, and a title it does
/// not tag ran on into the spelling a bracket names (佐治亚州参议员珀杜（David
/// Perdue）: 州参议员珀杜 for the rest of the article, a hand check's
/// "title run on").
///
/// A title at the end stays (撒切尔夫人 is how the text names her).
fn after_person_cue<'s>(lex: &Lexicon, spelling: &'s str) -> &'s str {
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
    use crate::extract::lexicon::LEXICON;

    fn mentions(s: &str, anchor: &str) -> (Vec<Mention>, Context) {
        let f = finder(anchor);
        let mut ctx = Context::default();
        let tags = LEXICON.tag(s);
        (f.find(s, &tags, &mut ctx, &SentenceNames::default()), ctx)
    }

    fn ids(ms: &[Mention]) -> Vec<String> {
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
        // A kin word tells no namesake apart: 妻子 is not the mined title of
        // whichever namesake the miner saw after it.
        assert!(LEXICON.person_cues.iter().any(|w| w == "妻子"));
        assert!(!LEXICON.offices.iter().any(|w| w == "妻子"));
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
        // A time, a number of times, a building, a verb run on: no names.
        for (s, not_a_name) in [
            ("民主党候选人周三晚些时候表示反对。", "周三晚"),
            ("外交官曾两次试图促成会晤。", "曾两次"),
            ("蓬佩奥参观了巴顿将军纪念馆。", "纪念馆"),
            // 许艳 and the 接 of 接到.
            ("余文生的妻子许艳接到检察署的电话。", "许艳接"),
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
        // and foreign secretary, never a president nor American.
        let (ms, _) = mentions("美国总统约翰逊会见蒋经国", "1965-09-23");
        assert_eq!(ms[0].actors[0].id, "yuehanxun");
        assert_eq!(ms[0].actors[0].state.as_deref(), Some("USA"));
        let (ms, _) = mentions("约翰逊总统会晤陈诚", "1961-07-01");
        assert_eq!(ms[0].actors[0].id, "yuehanxun");
        let (ms, _) = mentions("总统约翰逊会晤陈诚", "1961-07-01");
        assert_eq!(ms[0].actors[0].id, "yuehanxun");
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

    /// A finder over the bundled lexicon for articles of `anchor`'s day.
    fn finder(anchor: &str) -> MentionFinder<'static> {
        MentionFinder {
            lex: &LEXICON,
            anchor: Some(anchor.parse().unwrap()),
        }
    }

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
        assert_eq!(find("美国前总统克林顿会见了江泽民", &mut ctx)[0], "clinton");
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

    #[test]
    fn sides_bodies_groups_and_outlets() {
        let (ms, _) = mentions(
            "美国之音报道，中方支持韩方，韩国外交部表示，中韩两国互为伙伴",
            "2023-08-31",
        );
        assert_eq!(ids(&ms), vec!["CHN", "KOR", "KOR", "CHN+KOR"]);
        assert_eq!(ms[0].actors[0].zh, "中方");
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
