//! Candidates at high recall for the learned decision ([`super::classifier`]):
//! every pair of actors a sentence names, with every trigger of the lexicon
//! among or near them, each described by named features.
//!
//! The argument patterns of `Extractor::candidates` are features here — did a
//! pattern produce this pair at this trigger, the reverse pair, another pair —
//! not gates: a sentence whose shape no pattern foresaw still yields its
//! candidates, and the model trained on the annotated corpus
//! (`dipgraph train`) weighs what the patterns know with the words, order,
//! distances, prepositions and modality around the pair. Every feature has a
//! name (`order|meet|STO`), so an interaction can say which weighed most.

use super::Candidate;
use super::lexicon::{Lexicon, Modality, Prep, Tag};
use super::mentions::{CLAUSE_BREAKS, Mention};
use crate::model::{ActorRef, ActorType, Relation};
use std::fmt::Write;

/// A candidate farther apart than this (characters from the first of the two
/// actors and the trigger to the last) is not generated: on the training
/// corpus no gold row's evidence joins a pair and a trigger across more.
const MAX_SPAN_CHARS: usize = 120;

/// The mentions nearest a trigger that pair with it (see
/// `pairs_of_mentions`); real sentences rarely name more around one trigger.
const MAX_MENTIONS_PER_TRIGGER: usize = 10;

/// A sentence's candidate pairs at most: a bound on the work one
/// pathological sentence can cost.
const MAX_PAIRS_PER_SENTENCE: usize = 2_000;

/// The features of one candidate, as hashes of their names (what the model
/// looks up), and the names themselves when asked for (training, provenance).
#[derive(Debug, Clone, Default)]
pub struct Features {
    pub hashes: Vec<u64>,
    pub names: Option<Vec<String>>,
    scratch: String,
}

impl Features {
    /// An empty feature set; `named` keeps each feature's name beside its hash.
    pub fn new(named: bool) -> Features {
        Features {
            hashes: Vec::with_capacity(48),
            names: named.then(Vec::new),
            scratch: String::new(),
        }
    }

    fn add(&mut self, name: std::fmt::Arguments) {
        match &mut self.names {
            // Extraction needs only the hash: FNV-1a takes the name's pieces
            // as they are formatted, with no string built (the hash of the
            // whole name, as `feature_hash` gives it).
            None => {
                let mut h = FnvWriter(FNV_OFFSET);
                let _ = h.write_fmt(name);
                self.hashes.push(h.0);
            }
            Some(names) => {
                self.scratch.clear();
                let _ = self.scratch.write_fmt(name);
                self.hashes.push(feature_hash(&self.scratch));
                names.push(self.scratch.clone());
            }
        }
    }

    /// `add(prefix + a + b)` for a prefix hashed once ([`Prefix`]): the
    /// character pairs of spans and quotations are most of a candidate's
    /// features, and formatting each cost more than the model's sum.
    fn add_pair(&mut self, prefix: &Prefix, a: char, b: char) {
        let mut buf = [0u8; 8];
        let n = a.encode_utf8(&mut buf).len();
        let m = b.encode_utf8(&mut buf[n..]).len();
        self.hashes.push(fnv_continue(prefix.hash, &buf[..n + m]));
        if let Some(names) = &mut self.names {
            names.push(format!("{}{a}{b}", prefix.text));
        }
    }
}

/// A feature name's beginning, hashed once for many endings.
struct Prefix {
    text: String,
    hash: u64,
}

impl Prefix {
    fn new(text: String) -> Prefix {
        let hash = feature_hash(&text);
        Prefix { text, hash }
    }
}

/// FNV-1a's starting state.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// A formatter target that hashes what is written to it (FNV-1a).
struct FnvWriter(u64);

impl std::fmt::Write for FnvWriter {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0 = fnv_continue(self.0, s.as_bytes());
        Ok(())
    }
}

/// FNV-1a from state `h` over `bytes`: hashing a name in two parts is
/// hashing it whole.
fn fnv_continue(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// FNV-1a, 64 bits: the key of a feature's weight. Fixed, so a model file's
/// names hash to the same keys on every machine and in every version.
///
/// ```
/// use dipgraph::extract::pairs::feature_hash;
/// assert_eq!(feature_hash(""), 0xcbf2_9ce4_8422_2325);
/// assert_ne!(feature_hash("order|meet|STO"), feature_hash("order|meet|SOT"));
/// ```
pub fn feature_hash(name: &str) -> u64 {
    fnv_continue(FNV_OFFSET, name.as_bytes())
}

/// One candidate: a relation (its trigger's) between two actors of a
/// sentence, with what the model decides on.
#[derive(Debug, Clone)]
pub struct Pair<'m> {
    pub relation: Relation,
    pub subject: &'m ActorRef,
    pub object: &'m ActorRef,
    pub trigger_start: usize,
    /// A planning or expectation word governs the trigger (as the patterns
    /// decide status).
    pub planned: bool,
    /// The place the object mention names, with its state (visits).
    pub place: Option<(String, String)>,
    /// The pattern candidate this pair repeats, if any (its status, date
    /// precision and location are the pattern's).
    pub rule: Option<usize>,
    pub features: Features,
}

fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=5 => "3-5",
        6..=10 => "6-10",
        11..=20 => "11-20",
        21..=40 => "21-40",
        _ => "41+",
    }
}

fn kind(a: &ActorRef) -> &'static str {
    match a.kind {
        ActorType::Person => "person",
        ActorType::State => "state",
        ActorType::Org => "org",
    }
}

fn prep(p: Option<Prep>) -> &'static str {
    match p {
        None => "-",
        Some(Prep::With) => "with",
        Some(Prep::List) => "list",
        Some(Prep::To) => "to",
        Some(Prep::Toward) => "toward",
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// The characters of `s` outside brackets.
fn chars_outside_brackets(s: &str) -> usize {
    let mut depth = 0usize;
    let mut n = 0;
    for c in s.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => n += 1,
            _ => {}
        }
    }
    n
}

/// The text between two spans, in characters, and the text itself.
fn gap(s: &str, a: (usize, usize), b: (usize, usize)) -> (usize, &str) {
    let (x, y) = if a.1 <= b.0 {
        (a.1, b.0)
    } else if b.1 <= a.0 {
        (b.1, a.0)
    } else {
        return (0, "");
    };
    (chars(&s[x..y]), &s[x..y])
}

/// The mentions of a sentence with the person carried from earlier ones
/// as a mention of its own at the sentence's start, when the sentence opens
/// without naming anyone before its first trigger (`None`: nothing to add).
/// That mention is empty (start = end = 0) and indirect; it is only ever a
/// subject.
pub(super) fn with_carried_subject(
    s: &str,
    tags: &[(usize, usize, &Tag)],
    mentions: &[Mention],
    carried: Option<ActorRef>,
) -> Option<Vec<Mention>> {
    let person = carried?;
    let first_trigger = tags
        .iter()
        .find(|t| matches!(t.2, Tag::Trigger(_)))
        .map(|t| t.0)?;
    if mentions.iter().any(|m| m.start < first_trigger) || s.is_empty() {
        return None;
    }
    let mut all = Vec::with_capacity(mentions.len() + 1);
    all.push(Mention {
        start: 0,
        end: 0,
        actors: vec![person],
        place: None,
        governed: None,
        indirect: true,
        tagged: false,
    });
    all.extend(mentions.iter().cloned());
    Some(all)
}

fn is_carried(m: &Mention) -> bool {
    m.start == 0 && m.end == 0 && m.indirect
}

/// Every candidate of one sentence (normalised text `s`, its lexicon `tags`
/// and actor `mentions`), with the pattern candidates `rules` found in it as
/// features. `named` keeps feature names (training, provenance).
///
/// Directed relations yield both orders of a pair; undirected ones the text's
/// order. An actor is never paired with itself; a person and their own
/// state are, named so (`own_state`: someone urging their own government);
/// a place is where a visit goes, or its government (北京).
pub(super) fn pairs<'m>(
    lex: &Lexicon,
    s: &str,
    tags: &[(usize, usize, &Tag)],
    mentions: &'m [Mention],
    rules: &'m [Candidate],
    headline: bool,
    named: bool,
) -> Vec<Pair<'m>> {
    let mut out = Vec::new();
    let cues = if mentions.len() >= 2 {
        lex.cues.find(s)
    } else {
        Vec::new()
    };
    if mentions.iter().map(|m| m.actors.len()).sum::<usize>() >= 2 {
        pairs_of_mentions(
            lex, s, tags, &cues, mentions, rules, headline, named, &mut out,
        );
    }
    if mentions.len() >= 2 {
        speech_pairs(lex, s, &cues, mentions, headline, named, &mut out);
    }
    // Pattern candidates whose object no mention names (访华: the state of an
    // abbreviation; 会见到访的王毅: the host's state) are candidates too,
    // described by the pattern alone.
    let mut paired = vec![false; rules.len()];
    for k in out.iter().filter_map(|p| p.rule) {
        paired[k] = true;
    }
    for (k, c) in rules.iter().enumerate() {
        if paired[k] {
            continue;
        }
        let r = c.relation.as_str();
        let mut f = Features::new(named);
        f.add(format_args!("bias"));
        f.add(format_args!("rel|{r}"));
        f.add(format_args!("rule_only|{r}"));
        f.add(format_args!("rule_only|{r}|{:.1}", c.confidence));
        f.add(format_args!(
            "kinds|{r}|{}|{}",
            kind(&c.subject),
            kind(&c.object)
        ));
        if headline {
            f.add(format_args!("headline|{r}"));
        }
        out.push(Pair {
            relation: c.relation,
            subject: &c.subject,
            object: &c.object,
            trigger_start: c.trigger_start,
            planned: c.status == super::Status::Planned,
            place: None,
            rule: Some(k),
            features: f,
        });
    }
    out
}

/// The candidates between mentions (see [`pairs`]).
#[allow(clippy::too_many_arguments)]
fn pairs_of_mentions<'m>(
    lex: &Lexicon,
    s: &str,
    tags: &[(usize, usize, &Tag)],
    cues: &[(usize, usize, Relation)],
    mentions: &'m [Mention],
    rules: &'m [Candidate],
    headline: bool,
    named: bool,
    out: &mut Vec<Pair<'m>>,
) {
    let clause_start = |pos: usize| {
        s[..pos]
            .rfind(CLAUSE_BREAKS)
            .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8))
    };
    let triggers: Vec<(usize, usize, Relation)> = tags
        .iter()
        .filter_map(|&(a, b, t)| match t {
            Tag::Trigger(k) => Some((a, b, lex.triggers[*k].relation)),
            _ => None,
        })
        .collect();
    // Content regions: what follows an appeal, praise, criticism or concern
    // is often what it is about, not a further interaction.
    let content_from = triggers
        .iter()
        .filter(|t| {
            matches!(
                t.2,
                Relation::Appeal | Relation::Support | Relation::Criticize | Relation::Concern
            )
        })
        .map(|t| t.1)
        .collect::<Vec<_>>();
    let n_actors = mentions.iter().map(|m| m.actors.len()).sum::<usize>();
    for &(ts, te, rel) in &triggers {
        let word = &s[ts..te];
        let r = rel.as_str();
        let cs = clause_start(ts);
        let mut modality = [false; 4];
        for &(ms, _, t) in tags {
            if let Tag::Modality(m) = t
                && ms < ts
                && ms >= cs
            {
                modality[*m as usize] = true;
            }
        }
        let topic = lex
            .topic_verbs
            .iter()
            .any(|v| s[cs..ts].contains(v.as_str()));
        let attributive = s[te..].starts_with('的');
        // Where it happened: a place after 在/赴/于 in the trigger's clause.
        let clause_place = mentions
            .iter()
            .filter(|m| m.place.is_some() && m.start >= cs && m.end <= ts)
            .find(|m| s[..m.start].ends_with(['在', '赴', '于']))
            .map(|m| (m.place.clone().unwrap_or_default(), m.actors[0].id.clone()));
        let rules_here: Vec<usize> = (0..rules.len())
            .filter(|&k| rules[k].trigger_start == ts && rules[k].relation == rel)
            .collect();
        // The mentions a pair with this trigger can take: within the span
        // limit, and only the nearest few — a sentence that lists dozens of
        // actors (or repeats 王毅会见朴振， a hundred times) would otherwise
        // give a number of pairs that grows with the cube of its length.
        let mut near: Vec<(usize, usize)> = mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| {
                m.start + 4 * MAX_SPAN_CHARS >= ts && m.start <= te + 4 * MAX_SPAN_CHARS
            })
            .map(|(i, m)| {
                let d = if m.end <= ts {
                    ts - m.end
                } else {
                    m.start.saturating_sub(te)
                };
                (d, i)
            })
            .collect();
        near.sort_unstable();
        near.truncate(MAX_MENTIONS_PER_TRIGGER);
        near.sort_unstable_by_key(|&(_, i)| i);
        for &(_, i) in &near {
            if out.len() >= MAX_PAIRS_PER_SENTENCE {
                return;
            }
            // Places pair too: 北京 and 华盛顿 stand for their governments
            // (意大利议会谴责北京); the model weighs it (`place|R|S|...`).
            let mi = &mentions[i];
            for (ai, a) in mi.actors.iter().enumerate() {
                for &(_, j) in &near {
                    let mj = &mentions[j];
                    if is_carried(mj) {
                        continue;
                    }
                    for (bi, b) in mj.actors.iter().enumerate() {
                        if a.id == b.id || (i == j && ai == bi) {
                            continue;
                        }
                        if !rel.directed() && (j, bi) < (i, ai) {
                            continue;
                        }
                        let lo = mi.start.min(mj.start).min(ts);
                        let hi = mi.end.max(mj.end).max(te);
                        if chars(&s[lo..hi]) > MAX_SPAN_CHARS {
                            continue;
                        }
                        let mut f = Features::new(named);
                        let rule = rules_here.iter().copied().find(|&k| {
                            let c = &rules[k];
                            (c.subject.id == a.id && c.object.id == b.id)
                                || (!rel.directed() && c.subject.id == b.id && c.object.id == a.id)
                        });
                        describe(
                            &mut f,
                            &Scene {
                                s,
                                relation: rel,
                                word,
                                trigger: (ts, te),
                                mentions,
                                subject: (i, a),
                                object: (j, b),
                            },
                        );
                        add_cues(&mut f, "span", r, cues, (lo, hi));
                        let after_end = s[hi..]
                            .char_indices()
                            .nth(CUE_AFTER_CHARS)
                            .map_or(s.len(), |(k, _)| hi + k);
                        add_cues(&mut f, "after", r, cues, (hi, after_end));
                        // A person and their own state: mostly the same
                        // side named twice (美国国务卿蓬佩奥), sometimes
                        // someone urging their own government (佩洛西…希望
                        // 特朗普政府继续追究: 98 gold rows of the training
                        // corpus, half of them appeals).
                        if a.own_state_pair(b) {
                            f.add(format_args!("own_state|{r}"));
                        }
                        // What the patterns say.
                        match rule {
                            Some(k) => {
                                let c = rules[k].confidence;
                                f.add(format_args!("rule|{r}|here"));
                                f.add(format_args!("rule|{r}|here|{:.1}", c));
                            }
                            None if rules_here.is_empty() => f.add(format_args!("rule|{r}|silent")),
                            None => f.add(format_args!("rule|{r}|other_pair")),
                        }
                        if rule.is_none()
                            && rules.iter().any(|c| {
                                c.relation == rel && c.subject.id == a.id && c.object.id == b.id
                            })
                        {
                            f.add(format_args!("rule|{r}|pair_elsewhere"));
                        }
                        if rel.directed()
                            && rules.iter().any(|c| {
                                c.relation == rel && c.subject.id == b.id && c.object.id == a.id
                            })
                        {
                            f.add(format_args!("rule|{r}|reversed"));
                        }
                        // Modality and topic in the trigger's clause.
                        for (m, name) in [
                            (Modality::Planned, "planned"),
                            (Modality::Expected, "expected"),
                            (Modality::Negation, "negation"),
                            (Modality::Hypothetical, "hypothetical"),
                        ] {
                            if modality[m as usize] {
                                f.add(format_args!("mod|{r}|{name}"));
                            }
                        }
                        if topic {
                            f.add(format_args!("topic|{r}"));
                        }
                        if attributive {
                            f.add(format_args!("attributive|{r}"));
                        }
                        if headline {
                            f.add(format_args!("headline|{r}"));
                        }
                        if is_carried(mi) {
                            f.add(format_args!("carried|{r}"));
                        }
                        for (side, x) in [("S", a), ("O", b)] {
                            if lex.registry.index(&x.id).is_none() {
                                f.add(format_args!("unknown|{r}|{side}|{}", kind(x)));
                            }
                        }
                        for (side, m) in [("S", mi), ("O", mj)] {
                            if m.tagged {
                                f.add(format_args!("tagged|{r}|{side}"));
                            }
                        }
                        for (side, m) in [("S", mi), ("O", mj)] {
                            if content_from.iter().any(|&e| e <= m.start && e != te) {
                                f.add(format_args!("in_content|{r}|{side}"));
                            }
                        }
                        f.add(format_args!("actors|{r}|{}", bucket(n_actors)));
                        let place = mj
                            .place
                            .as_ref()
                            .filter(|_| rel == Relation::Visit)
                            .map(|p| (p.clone(), mj.actors[0].id.clone()));
                        let planned = modality[Modality::Planned as usize]
                            || modality[Modality::Expected as usize];
                        out.push(Pair {
                            relation: rel,
                            subject: a,
                            object: b,
                            trigger_start: ts,
                            planned,
                            place: place.or_else(|| clause_place.clone()),
                            rule,
                            features: f,
                        });
                    }
                }
            }
        }
    }
}

/// How far past a candidate's span its cues are read (characters): what
/// follows the last of the pair and trigger is often what the act was
/// (抨击北京|的做法违背了…).
const CUE_AFTER_CHARS: usize = 30;

/// The tones of the cues ([`super::lexicon::Cues`]) within `range` of the
/// sentence, each once, as `{region}_cue|R|{tone}`, and how many of the
/// candidate's own relation's there are.
fn add_cues(
    f: &mut Features,
    region: &str,
    r: &str,
    cues: &[(usize, usize, Relation)],
    (from, to): (usize, usize),
) {
    let mut seen = [0usize; Relation::ALL.len()];
    for &(a, b, rel) in cues {
        if a >= from && b <= to {
            seen[rel.index()] += 1;
        }
    }
    for (k, &n) in seen.iter().enumerate() {
        if n > 0 {
            let tone = Relation::ALL[k].as_str();
            f.add(format_args!("{region}_cue|{r}|{tone}"));
            if tone == r {
                f.add(format_args!("{region}_cues|{r}|{}", bucket(n)));
            }
        }
    }
}

/// The feature groups that read the text's own characters: the span's
/// character pairs (`span|R|与O`) and what was said (`said|R|违反`). There
/// are hundreds of thousands of them, most seen in a handful of candidates,
/// so training holds them to a stronger L2 than the features of structure
/// (`TrainConfig::text_l2`).
pub const TEXT_GROUPS: [&str; 2] = ["span", "said"];

/// Whether a feature reads the text's characters ([`TEXT_GROUPS`]).
///
/// ```
/// use dipgraph::extract::pairs::reads_the_text;
/// assert!(reads_the_text("span|meet|与O"));
/// assert!(!reads_the_text("span_cue|criticize|criticize"));
/// assert!(!reads_the_text("order|meet|STO"));
/// ```
pub fn reads_the_text(feature: &str) -> bool {
    feature
        .split_once('|')
        .is_some_and(|(group, _)| TEXT_GROUPS.contains(&group))
}

/// The relations a statement can carry without a verb of its own.
const SPOKEN: [Relation; 4] = [
    Relation::Criticize,
    Relation::Support,
    Relation::Appeal,
    Relation::Concern,
];

/// The names of what was said, per relation of [`SPOKEN`] (`said|R|`).
static SAID_PREFIXES: std::sync::LazyLock<[Prefix; 4]> =
    std::sync::LazyLock::new(|| SPOKEN.map(|r| Prefix::new(format!("said|{}|", r.as_str()))));

/// How much of what was said the model reads (characters after the verb).
const SAID_CHARS: usize = 60;

/// How far (characters outside brackets) the mention nearest a verb of
/// speech may stand before it and still speak.
const NEAREST_SPEAKER_GAP: usize = 20;

/// How far (characters outside brackets) the sentence's subject may stand
/// before a verb of speech when another mention is nearer it: 台湾外交部长
/// 吴钊燮在会见美国卫生部长阿扎尔时指出 puts 13 between.
const FIRST_SPEAKER_GAP: usize = 40;

/// Candidates of reported speech: the speaker (a mention before the verb,
/// in its clause or the one before) and each actor named in what was said,
/// for each relation a statement can carry; what decides is the words said,
/// as character pairs.
///
/// Two mentions may speak: the nearest before the verb, and the sentence's
/// first, its subject, when another stands between — 王毅在会见布林肯时表示，
/// 美方应… is Wang Yi speaking, not Blinken, the commonest shape of a
/// statement in diplomatic news. Each candidate names which it is
/// (`speech|R|speaker|nearest`, `…|first`) and whether the verb follows a
/// clause of time (…时表示, …后表示), where the subject speaks.
fn speech_pairs<'m>(
    lex: &Lexicon,
    s: &str,
    cues: &[(usize, usize, Relation)],
    mentions: &'m [Mention],
    headline: bool,
    named: bool,
    out: &mut Vec<Pair<'m>>,
) {
    for verb in &lex.speech_verbs {
        for (vs, _) in s.match_indices(verb) {
            let ve = vs + verb.len();
            let said: String = s[ve..].chars().take(SAID_CHARS).collect();
            let said_end = ve + said.len();
            let can_speak = |m: &&Mention| m.end <= vs && m.place.is_none() && m.governed.is_none();
            // A bracketed original spelling or aside between speaker and
            // verb is no distance (卡西斯（Ignazio Cassis）8月初曾表态，称…).
            let gap = |m: &Mention| chars_outside_brackets(&s[m.end..vs]);
            let Some(nearest) = mentions.iter().rev().find(can_speak) else {
                continue;
            };
            // The sentence's subject, when another mention stands between it
            // and the verb and no other verb of speech does (X表示…Y说 is Y's).
            let first = mentions
                .iter()
                .find(can_speak)
                .filter(|m| !std::ptr::eq(*m, nearest))
                .map(|m| (m, "first", gap(m)))
                .filter(|&(m, _, g)| {
                    g <= FIRST_SPEAKER_GAP
                        && !lex
                            .speech_verbs
                            .iter()
                            .any(|v| s[m.end..vs].contains(v.as_str()))
                });
            let nearest = Some((nearest, "nearest", gap(nearest)))
                .filter(|&(_, _, g)| g <= NEAREST_SPEAKER_GAP);
            let after_time = s[..vs].ends_with('时') || s[..vs].ends_with('后');
            let said_chars: Vec<char> = said.chars().collect();
            // After a clause of time the subject speaks, not whom the clause
            // names (王毅在会见布林肯时表示); elsewhere the nearest may.
            let speakers = match first {
                Some(first) if after_time => [Some(first), None],
                _ => [nearest, first],
            };
            for (speaker, which, gap) in speakers.into_iter().flatten() {
                for m in mentions
                    .iter()
                    .filter(|m| m.start >= ve && m.end <= said_end)
                {
                    let obj_prev: String = {
                        let mut p: Vec<char> = s[..m.start].chars().rev().take(2).collect();
                        p.reverse();
                        p.into_iter().collect()
                    };
                    let obj_next: String = s[m.end..].chars().take(2).collect();
                    for a in &speaker.actors {
                        for b in &m.actors {
                            if a.id == b.id {
                                continue;
                            }
                            let own = a.own_state_pair(b);
                            for (k, rel) in SPOKEN.into_iter().enumerate() {
                                let r = rel.as_str();
                                let mut f = Features::new(named);
                                f.add(format_args!("bias"));
                                f.add(format_args!("speech|{r}"));
                                f.add(format_args!("speech|{r}|{verb}"));
                                f.add(format_args!("speech|{r}|{}|{}", kind(a), kind(b)));
                                f.add(format_args!("speech|{r}|gap|{}", bucket(gap)));
                                f.add(format_args!("speech|{r}|speaker|{which}"));
                                if after_time {
                                    f.add(format_args!("speech|{r}|speaker|{which}|after_time"));
                                }
                                let into = chars(&s[ve..m.start]);
                                f.add(format_args!("speech|{r}|into|{}", bucket(into)));
                                f.add(format_args!("speech|{r}|governed|{}", prep(m.governed)));
                                if m.place.is_some() {
                                    f.add(format_args!("speech|{r}|place"));
                                }
                                // What is said of the actor right around it:
                                // 呼吁|美国, 中国|需要遵守, 对|加拿大|不满.
                                f.add(format_args!("speech|{r}|prev|{obj_prev}"));
                                f.add(format_args!("speech|{r}|next|{obj_next}"));
                                if own {
                                    f.add(format_args!("own_state|{r}"));
                                }
                                if headline {
                                    f.add(format_args!("headline|{r}"));
                                }
                                for w in said_chars.windows(2) {
                                    f.add_pair(&SAID_PREFIXES[k], w[0], w[1]);
                                }
                                add_cues(&mut f, "said", r, cues, (ve, said_end));
                                out.push(Pair {
                                    relation: rel,
                                    subject: a,
                                    object: b,
                                    trigger_start: vs,
                                    planned: false,
                                    place: None,
                                    rule: None,
                                    features: f,
                                });
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One candidate in its sentence: the text, the relation's name, the trigger
/// word and span, and the two mentions with the actor taken from each.
struct Scene<'a> {
    s: &'a str,
    relation: Relation,
    word: &'a str,
    trigger: (usize, usize),
    mentions: &'a [Mention],
    subject: (usize, &'a ActorRef),
    object: (usize, &'a ActorRef),
}

/// The features of the pair's shape: order, distances, the words between,
/// prepositions, kinds, clauses.
fn describe(f: &mut Features, c: &Scene) {
    let (s, r, word) = (c.s, c.relation.as_str(), c.word);
    let (ts, te) = c.trigger;
    let (i, a) = c.subject;
    let (j, b) = c.object;
    let (mi, mj) = (&c.mentions[i], &c.mentions[j]);
    f.add(format_args!("bias"));
    f.add(format_args!("rel|{r}"));
    f.add(format_args!("word|{word}"));
    // The order of subject (S), object (O) and trigger (T) in the text.
    let mut order = [('S', mi.start), ('O', mj.start), ('T', ts)];
    order.sort_by_key(|x| x.1);
    let order: String = order.iter().map(|x| x.0).collect();
    f.add(format_args!("order|{r}|{order}"));
    f.add(format_args!("order_word|{word}|{order}"));
    f.add(format_args!("kinds|{r}|{}|{}", kind(a), kind(b)));
    f.add(format_args!(
        "kind_order|{r}|{}|{}|{order}",
        kind(a),
        kind(b)
    ));
    f.add(format_args!("governed|{r}|S|{}", prep(mi.governed)));
    f.add(format_args!("governed|{r}|O|{}|{order}", prep(mj.governed)));
    if i == j {
        f.add(format_args!("same_mention|{r}"));
    }
    if mi.indirect {
        f.add(format_args!("indirect|{r}|S"));
    }
    if mj.indirect {
        f.add(format_args!("indirect|{r}|O"));
    }
    for (side, m) in [("S", mi), ("O", mj)] {
        if let Some(place) = &m.place {
            f.add(format_args!("place|{r}|{side}"));
            f.add(format_args!("place_name|{side}|{place}"));
        }
    }
    // Each party's reach to the trigger, coarse (how many mentions stand
    // nearer, how far): conjoined below into the candidate's shape.
    let mut reach = [("", ""); 2];
    for (k, (side, m)) in [("S", mi), ("O", mj)].into_iter().enumerate() {
        let (n, between) = gap(s, (m.start, m.end), (ts, te));
        f.add(format_args!("dist|{r}|{side}|{}", bucket(n)));
        if n <= 4 && !between.is_empty() {
            let before = m.end <= ts;
            f.add(format_args!(
                "gap|{r}|{side}|{}|{between}",
                if before { "<" } else { ">" }
            ));
        }
        // The mentions between this one and the trigger: is it the nearest?
        let nearer = c
            .mentions
            .iter()
            .filter(|x| {
                (m.end <= ts && x.start >= m.end && x.end <= ts)
                    || (m.start >= te && x.start >= te && x.end <= m.start)
            })
            .count();
        f.add(format_args!("nearer|{r}|{side}|{}", bucket(nearer)));
        reach[k] = (
            match nearer {
                0 => "0",
                1 => "1",
                _ => "2+",
            },
            match n {
                0 => "0",
                1..=4 => "1-4",
                5..=15 => "5-15",
                _ => "16+",
            },
        );
        let before_char = s[..m.start]
            .char_indices()
            .next_back()
            .map_or('^', |(at, ch)| role_at(c, at).unwrap_or(ch));
        f.add(format_args!("char_before|{r}|{side}|{before_char}"));
    }
    // The shape of the candidate as a whole: the order of the three with
    // how near each party stands to the trigger. Apart, `order|`, `nearer|`
    // and `dist|` cannot say "the mention right before the verb and the one
    // right after it" (王荔蕻…来声援张展), which every relation shares.
    let [(ns, ds), (no, do_)] = reach;
    f.add(format_args!("shape|{order}|S{ns}:{ds}|O{no}:{do_}"));
    f.add(format_args!("shape|{r}|{order}|S{ns}:{ds}|O{no}:{do_}"));
    let lo = mi.start.min(mj.start).min(ts);
    let hi = mi.end.max(mj.end).max(te);
    let span = &s[lo..hi];
    span_bigrams(
        f,
        s,
        &SPAN_PREFIXES[c.relation.index()],
        (lo, hi),
        [
            (mi.start, mi.end, 'S'),
            (mj.start, mj.end, 'O'),
            (ts, te, 'T'),
        ],
    );
    let breaks = span.matches(CLAUSE_BREAKS).count();
    f.add(format_args!("clauses|{r}|{}", bucket(breaks)));
    if span.contains(['“', '”', '「', '」', '"']) {
        f.add(format_args!("quote|{r}"));
    }
    if span.contains(['。', '；', ';']) {
        f.add(format_args!("sentence_break|{r}"));
    }
    // The characters either side of the trigger, a party's or another
    // mention's written as its letter (S, O, M): 佐科|举行会谈 reads O, not
    // the last character of a name.
    let next: String = s[te..]
        .char_indices()
        .take(2)
        .map(|(k, ch)| role_at(c, te + k).unwrap_or(ch))
        .collect();
    let prev = s[..ts]
        .char_indices()
        .next_back()
        .map_or('^', |(at, ch)| role_at(c, at).unwrap_or(ch));
    f.add(format_args!("after|{r}|{next}"));
    f.add(format_args!("before|{r}|{prev}"));
    f.add(format_args!(
        "after1|{r}|{}",
        next.chars().next().unwrap_or('$')
    ));
}

/// The letter of the mention the character at byte `at` belongs to: S or O
/// for the candidate's parties, M for another.
fn role_at(c: &Scene, at: usize) -> Option<char> {
    let (i, j) = (c.subject.0, c.object.0);
    let inside = |m: &Mention| m.start <= at && at < m.end;
    if inside(&c.mentions[i]) {
        Some('S')
    } else if inside(&c.mentions[j]) {
        Some('O')
    } else {
        c.mentions.iter().any(inside).then_some('M')
    }
}

/// The names of span words, per relation (`span|R|`), by [`Relation::index`].
static SPAN_PREFIXES: std::sync::LazyLock<Vec<Prefix>> = std::sync::LazyLock::new(|| {
    Relation::ALL
        .iter()
        .map(|r| Prefix::new(format!("span|{}|", r.as_str())))
        .collect()
});

/// The text from the first of subject, object and trigger to the last, as
/// character pairs, with each of the three written as one letter (S, O, T):
/// `S与O会谈` reads `S与`, `与O`, `O会`, `会谈` — the words a pattern would
/// have read, without the names that make them sparse.
fn span_bigrams(
    f: &mut Features,
    s: &str,
    prefix: &Prefix,
    (lo, hi): (usize, usize),
    marks: [(usize, usize, char); 3],
) {
    // Every candidate's span is read, however long (up to MAX_SPAN_CHARS):
    // 5-fold CV F1 0.370 reading spans of 25 characters at most, 0.378 of
    // 60, 0.382 of any length.
    let span = &s[lo..hi];
    let mut prev: Option<char> = None;
    for (k, c) in span.char_indices() {
        let at = lo + k;
        let c = marks
            .iter()
            .find(|m| m.0 <= at && at < m.1)
            .map_or(c, |m| m.2);
        if let Some(p) = prev {
            if p == c && matches!(c, 'S' | 'O' | 'T') {
                continue;
            }
            f.add_pair(prefix, p, c);
        }
        prev = Some(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lexicon::LEXICON;
    use crate::extract::mentions::{Context, MentionFinder};

    #[test]
    fn features_hash_the_same_with_or_without_their_names() {
        // Extraction hashes names as they are formatted; training keeps the
        // names and hashes them whole: the model's keys must agree.
        let s = "王毅在北京与美国国务卿布林肯举行会谈，双方同意加强合作。";
        let lex = &*LEXICON;
        let tags = lex.tag(s);
        let finder = MentionFinder { lex, anchor: None };
        let mentions = finder.find(s, &tags, &mut Context::default(), &Default::default());
        let named = pairs(lex, s, &tags, &mentions, &[], false, true);
        let bare = pairs(lex, s, &tags, &mentions, &[], false, false);
        assert!(!named.is_empty());
        assert_eq!(named.len(), bare.len());
        for (n, b) in named.iter().zip(&bare) {
            assert_eq!(n.features.hashes, b.features.hashes);
            let names = n.features.names.as_ref().unwrap();
            let whole: Vec<u64> = names.iter().map(|x| feature_hash(x)).collect();
            assert_eq!(whole, b.features.hashes);
        }
    }

    fn candidates_of(s: &str) -> Vec<(String, String, String, Vec<String>)> {
        let lex = &*LEXICON;
        let tags = lex.tag(s);
        let finder = MentionFinder { lex, anchor: None };
        let mentions = finder.find(s, &tags, &mut Context::default(), &Default::default());
        pairs(lex, s, &tags, &mentions, &[], false, true)
            .into_iter()
            .map(|p| {
                (
                    p.subject.id.clone(),
                    p.relation.as_str().to_owned(),
                    p.object.id.clone(),
                    p.features.names.unwrap(),
                )
            })
            .collect()
    }

    /// The feature names of the candidate `subject relation object` among
    /// `got` ([`candidates_of`]); panics with `what` when there is none.
    fn features_of<'g>(
        got: &'g [(String, String, String, Vec<String>)],
        (subject, relation, object): (&str, &str, &str),
        what: &str,
    ) -> &'g [String] {
        &got.iter()
            .find(|g| g.0 == subject && g.1 == relation && g.2 == object)
            .expect(what)
            .3
    }

    #[test]
    fn every_pair_with_every_trigger_in_both_orders_when_directed() {
        let got = candidates_of("美国国务卿蓬佩奥批评中国，并会见了日本外相茂木敏充。");
        let has = |s: &str, r: &str, o: &str| got.iter().any(|g| g.0 == s && g.1 == r && g.2 == o);
        assert!(has("mike_pompeo", "criticize", "CHN"));
        assert!(has("CHN", "criticize", "mike_pompeo"));
        // Meetings are undirected: one order only.
        let meets = got.iter().filter(|g| g.1 == "meet").count();
        assert!(meets >= 1);
        assert!(!(has("mike_pompeo", "meet", "CHN") && has("CHN", "meet", "mike_pompeo")));
        // Never a person with their own state.
        assert!(!has("mike_pompeo", "criticize", "USA"));
    }

    #[test]
    fn features_name_order_and_the_pattern_silence() {
        let got = candidates_of("蓬佩奥批评中国。");
        let (_, _, _, names) = got
            .iter()
            .find(|g| g.0 == "mike_pompeo" && g.2 == "CHN")
            .expect("pair");
        assert!(
            names.contains(&"order|criticize|STO".to_owned()),
            "{names:?}"
        );
        assert!(names.contains(&"rule|criticize|silent".to_owned()));
        assert!(
            names.contains(&"gap|criticize|O|>|".to_owned())
                || names.iter().any(|n| n.starts_with("dist|criticize|O|0"))
        );
    }

    #[test]
    fn the_shape_conjoins_order_and_reach_and_names_read_as_letters() {
        let got = candidates_of("蓬佩奥批评中国。");
        let names = features_of(&got, ("mike_pompeo", "criticize", "CHN"), "pair");
        for f in [
            "shape|STO|S0:0|O0:0",
            "shape|criticize|STO|S0:0|O0:0",
            // Either side of the trigger: the parties, not 奥 and 中国.
            "before|criticize|S",
            "after|criticize|OO",
        ] {
            assert!(names.contains(&f.to_owned()), "{f}: {names:?}");
        }
        // The party one mention farther from the trigger says so.
        let got = candidates_of("蓬佩奥批评中国和俄罗斯。");
        let names = features_of(&got, ("mike_pompeo", "criticize", "RUS"), "pair");
        assert!(
            names
                .iter()
                .any(|n| n.starts_with("shape|criticize|STO|S0:0|O1:")),
            "{names:?}"
        );
    }

    #[test]
    fn reported_speech_pairs_the_speaker_with_actors_in_what_was_said() {
        let got = candidates_of("汪文斌表示，美方的做法毫无道理。");
        let spoken: Vec<_> = got
            .iter()
            .filter(|g| g.3.iter().any(|n| n == "speech|criticize|表示"))
            .collect();
        assert_eq!(spoken.len(), 1, "{got:?}");
        assert_eq!(
            (spoken[0].0.as_str(), spoken[0].2.as_str()),
            ("wang_wenbin", "USA")
        );
        assert!(spoken[0].3.contains(&"said|criticize|道理".to_owned()));
        // One candidate per relation a statement can carry.
        assert_eq!(
            got.iter()
                .filter(|g| g.0 == "wang_wenbin" && g.2 == "USA")
                .count(),
            4
        );
    }

    #[test]
    fn after_a_clause_of_time_the_subject_speaks_not_whom_it_names() {
        let spoken = |s: &str| -> Vec<(String, String)> {
            candidates_of(s)
                .into_iter()
                .filter(|g| g.1 == "appeal" && g.3.iter().any(|n| n == "speech|appeal"))
                .map(|g| (g.0, g.2))
                .collect()
        };
        // 王毅 speaks, not 布林肯 whom his clause of time names.
        let got = spoken("王毅在会见美国国务卿布林肯时表示，美方应停止干涉中国内政。");
        assert!(got.contains(&("wang_yi".into(), "USA".into())), "{got:?}");
        assert!(!got.iter().any(|g| g.0 == "antony_blinken"), "{got:?}");
        // Elsewhere both are candidates, each named for which it is, and
        // the model weighs them (here the nearer speaks).
        let got = candidates_of("王毅会见了布林肯，布林肯说，中方应停止施压。");
        let which = |s: &str| {
            got.iter()
                .find(|g| g.0 == s && g.1 == "appeal" && g.2 == "CHN")
                .map(|g| g.3.clone())
                .unwrap_or_default()
        };
        assert!(which("antony_blinken").contains(&"speech|appeal|speaker|nearest".into()));
        assert!(which("wang_yi").contains(&"speech|appeal|speaker|first".into()));
    }

    #[test]
    fn speech_reaches_across_a_bracketed_name_and_reads_around_the_actor() {
        // 26 characters between speaker and verb, 13 of them outside the
        // brackets: the speaker still speaks.
        let got = candidates_of(
            "汪文斌（Wang Wenbin）昨天在例行记者会上回答提问时表示，美方需要停止打压。",
        );
        let spoken = got
            .iter()
            .find(|g| g.0 == "wang_wenbin" && g.1 == "appeal" && g.2 == "USA")
            .expect("a speech candidate");
        assert!(
            spoken.3.contains(&"speech|appeal|prev|示，".to_owned()),
            "{:?}",
            spoken.3
        );
        assert!(
            spoken.3.contains(&"speech|appeal|next|需要".to_owned()),
            "{:?}",
            spoken.3
        );
    }

    #[test]
    fn a_person_and_their_own_state_pair_and_say_so() {
        let got = candidates_of("美国众议院议长佩洛西敦促特朗普政府追究中国官员的责任。");
        let names = features_of(
            &got,
            ("nancy_pelosi", "appeal", "USA"),
            "Pelosi urging her own government",
        );
        assert!(names.contains(&"own_state|appeal".to_owned()), "{names:?}");
        let got = candidates_of("美国国务卿蓬佩奥批评北京。");
        let names = features_of(
            &got,
            ("mike_pompeo", "criticize", "CHN"),
            "Pompeo and China",
        );
        assert!(
            !names.iter().any(|n| n.starts_with("own_state")),
            "{names:?}"
        );
    }

    #[test]
    fn a_capital_pairs_as_its_government() {
        let got = candidates_of("美国国务卿蓬佩奥批评北京。");
        let names = features_of(
            &got,
            ("mike_pompeo", "criticize", "CHN"),
            "北京 as the object of a criticism",
        );
        assert!(names.contains(&"place|criticize|O".to_owned()), "{names:?}");
        assert!(names.contains(&"place_name|O|北京".to_owned()), "{names:?}");
    }

    #[test]
    fn the_span_reads_as_character_pairs_with_the_parties_as_letters() {
        let got = candidates_of("王毅与康京和举行会谈。");
        let (_, _, _, names) = got
            .iter()
            .find(|g| g.1 == "meet")
            .expect("a meeting candidate");
        let span: Vec<&str> = names
            .iter()
            .filter_map(|n| n.strip_prefix("span|meet|"))
            .collect();
        // 王毅 与 康京和 举行会谈 (the trigger): S与, 与O, OT.
        assert_eq!(span, ["S与", "与O", "OT"], "{names:?}");
    }

    #[test]
    fn cues_name_the_tone_of_what_was_said_and_of_what_follows_a_pair() {
        // 违背 and 践踏 criticise, 必须 urges: the statement's tones, for
        // each relation it may carry, and how many of its own.
        let got = candidates_of("汪文斌表示，美方必须停止违背承诺、践踏规则的做法。");
        let criticism = got
            .iter()
            .find(|g| g.1 == "criticize" && g.3.iter().any(|n| n.starts_with("speech|")))
            .expect("a spoken criticism");
        for cue in [
            "said_cue|criticize|criticize",
            "said_cue|criticize|appeal",
            "said_cues|criticize|2",
        ] {
            assert!(
                criticism.3.contains(&cue.to_owned()),
                "{cue} in {:?}",
                criticism.3
            );
        }
        // Past a trigger's pair: 谴责中国|对香港的镇压.
        let got = candidates_of("美国谴责中国对香港的镇压。");
        let names = features_of(&got, ("USA", "criticize", "CHN"), "USA criticize CHN");
        assert!(
            names.contains(&"after_cue|criticize|criticize".to_owned()),
            "{names:?}"
        );
        assert!(
            !names.iter().any(|n| n.starts_with("span_cue|")),
            "{names:?}"
        );
    }

    #[test]
    fn a_single_actor_gives_no_candidate() {
        assert!(candidates_of("蓬佩奥批评了这一决定。").is_empty());
    }
}
