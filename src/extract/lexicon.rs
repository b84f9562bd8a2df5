//! The lexicons of `data/lexicon/` and one Aho-Corasick automaton over all of
//! them, so a sentence is tagged in a single leftmost-longest pass: actor
//! names, titles, triggers, prepositions, modality markers, places…

use super::registry::Registry;
use crate::model::{ActorType, Relation, UnknownRelation};
use crate::text::{fold_width, to_simplified};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// A name's sound: the toneless pinyin of its characters, dots dropped
/// (彭培奥 and 蓬佩奥 are both `pengpeiao`).
///
/// ```
/// use dipgraph::extract::lexicon::sound_key;
/// assert_eq!(sound_key("彭培奥"), sound_key("蓬佩奥"));
/// assert_eq!(sound_key("埃尔多安"), "aierduoan");
/// ```
pub fn sound_key(name: &str) -> String {
    use pinyin::ToPinyin;
    name.to_pinyin().flatten().map(|p| p.plain()).collect()
}

/// Does a transliterated given name sound like a Latin one (利纳斯 and
/// Linas, 比尔 and Bill, 凯文 and Kevin)? Their consonants, each by its
/// class (l and r one, f v and w one, the sibilants and j one…), agree on
/// the first two; a name of fewer than two agrees only whole (吉尔 is not
/// Joe). For a given name before a known person's surname: 利纳斯·林克维丘斯
/// is the mined Linas Linkevicius, 吉尔·拜登 is not Joe Biden.
///
/// ```
/// use dipgraph::extract::lexicon::given_name_agrees;
/// assert!(given_name_agrees("利纳斯", "Linas"));
/// assert!(given_name_agrees("比尔", "Bill"));
/// assert!(given_name_agrees("伊尔法恩", "Irfaan"));
/// assert!(!given_name_agrees("吉尔", "Joe"));
/// assert!(!given_name_agrees("马库斯", "Helge"));
/// ```
pub fn given_name_agrees(zh: &str, latin: &str) -> bool {
    use pinyin::ToPinyin;
    let class = |c: char| -> Option<char> {
        Some(match c {
            'b' | 'p' => 'B',
            'd' | 't' => 'D',
            'g' | 'k' | 'q' => 'G',
            'l' | 'r' => 'L',
            'm' => 'M',
            'n' => 'N',
            'f' | 'v' | 'w' => 'F',
            'h' => 'H',
            's' | 'z' | 'x' | 'j' | 'c' => 'S',
            _ => return None,
        })
    };
    // Pinyin: each syllable's initial (zh, ch, sh are one; y none; 尔 "er"
    // writes an r). Pinyin's q is a sibilant, not a k.
    let heard: Vec<char> = zh
        .to_pinyin()
        .flatten()
        .filter_map(|p| {
            let p = p.plain();
            match p {
                "er" => Some('L'),
                _ if p.starts_with(['z', 'c', 's']) && p[1..].starts_with('h') => Some('S'),
                _ if p.starts_with('q') => Some('S'),
                _ => p.chars().next().and_then(class),
            }
        })
        .collect();
    // Latin: th, ph, sh and ch are one sound; c is hard before a, o, u;
    // a letter written twice is one.
    let latin: Vec<char> = latin
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect();
    let mut written: Vec<char> = Vec::new();
    let mut i = 0;
    while i < latin.len() {
        let (c, next) = (latin[i], latin.get(i + 1).copied());
        let (sound, width) = match (c, next) {
            ('t', Some('h')) => (Some('D'), 2),
            ('p', Some('h')) => (Some('F'), 2),
            ('s' | 'c', Some('h')) => (Some('S'), 2),
            ('c', Some('a' | 'o' | 'u' | 'l' | 'r')) => (Some('G'), 1),
            ('h', _) if i > 0 => (None, 1),
            _ => (class(c), 1),
        };
        if let Some(sound) = sound
            && written.last() != Some(&sound)
        {
            written.push(sound);
        }
        i += width;
    }
    if heard.len() < 2 || written.len() < 2 {
        return heard == written;
    }
    heard[..2] == written[..2]
}

/// The keys of the sounds near a name's, for two spellings of one long
/// foreign name: one syllable off ([`sound_key`] with one syllable masked:
/// `fu|lei|*|li|ke|sen`) for names of at least [`NEAR_SOUND_MIN_SYLLABLES`]
/// syllables, and one letter of the pinyin off (the key and its one-letter
/// deletions, `~neitanyahu`, `~eitanyahu`…: two spellings share one when
/// their keys differ by a letter) for keys of at least
/// [`NEAR_SOUND_MIN_LETTERS`] letters. Transliterations of one long name
/// differ so (弗雷泽里克森 / 弗雷德里克森, 内坦亚胡 / 内塔尼亚胡); short names that
/// differ by as much are different people too often (约翰逊 / 约翰森).
///
/// ```
/// use dipgraph::extract::lexicon::near_sound_keys;
/// let near = |a: &str, b: &str| {
///     let b = near_sound_keys(b);
///     near_sound_keys(a).iter().any(|k| b.contains(k))
/// };
/// assert!(near("弗雷泽里克森", "弗雷德里克森")); // a syllable
/// assert!(near("内坦亚胡", "内塔尼亚胡")); // a letter: neitanyahu, neitaniyahu
/// assert!(!near("弗雷泽里克森", "佛瑞德里克森")); // three syllables
/// assert!(!near("诺贝尔", "索贝尔")); // another first sound
/// assert!(!near("斯蒂芬斯", "斯蒂芬·李")); // a name in parts
/// assert!(near_sound_keys("卡迪米").is_empty());
/// ```
pub fn near_sound_keys(name: &str) -> Vec<String> {
    use pinyin::ToPinyin;
    let syllables: Vec<&str> = name.to_pinyin().flatten().map(|p| p.plain()).collect();
    let mut keys = Vec::new();
    if syllables.len() >= NEAR_SOUND_MIN_SYLLABLES {
        keys.extend((0..syllables.len()).map(|i| {
            let mut k = String::new();
            for (j, x) in syllables.iter().enumerate() {
                if j > 0 {
                    k.push('|');
                }
                k.push_str(if j == i { "*" } else { x });
            }
            k
        }));
    }
    // One-part spellings only (内塔尼亚胡, 卡伦鲍尔): a letter off a name in
    // parts is often another person's (斯蒂芬斯 is not 斯蒂芬·李). And the
    // first syllable must agree: a different first sound is another name
    // (诺贝尔 nuobeier is not 索贝尔 suobeier).
    let Some((first, rest)) = syllables.split_first().filter(|_| !name.contains('·')) else {
        return keys;
    };
    let letters: Vec<char> = rest.concat().chars().collect();
    if letters.len() >= NEAR_SOUND_MIN_LETTERS {
        keys.push(format!("~{first}|{}", letters.iter().collect::<String>()));
        keys.extend((0..letters.len()).map(|i| {
            let mut k = format!("~{first}|");
            k.extend(
                letters
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != i)
                    .map(|(_, c)| c),
            );
            k
        }));
    }
    keys
}

/// The fewest pinyin letters after its first syllable a name needs for the
/// one-letter keys of [`near_sound_keys`].
pub const NEAR_SOUND_MIN_LETTERS: usize = 7;

/// A Latin name as a key: lower case, letters only, words one space apart
/// (`Rahul Gandhi ` → `rahul gandhi`), the given name in its full form
/// ([`full_given_name`]: `Mike Pompeo` → `michael pompeo`); empty for a
/// name of one word.
///
/// ```
/// use dipgraph::extract::lexicon::latin_key;
/// assert_eq!(latin_key(" Rahul  Gandhi "), "rahul gandhi");
/// assert_eq!(latin_key("Mustafa al-Kadhimi"), "mustafa alkadhimi");
/// assert_eq!(latin_key("Gandhi"), "");
/// assert_eq!(latin_key("Bill Barr"), latin_key("William Barr"));
/// ```
pub fn latin_key(latin: &str) -> String {
    let words: Vec<String> = latin
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphabetic())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 2 {
        return String::new();
    }
    given_name_in_full(&words.join(" "))
}

/// A person's Latin name as its first and last word, without initials or
/// middle names (Antony J. Blinken and Antony Blinken are `antony blinken`;
/// Terry Edward Branstad is Terry Branstad), to find a registry person by:
/// only for names written that way — none for a single word, and none where the words are no given,
/// middle and family name (Kim Jong-hyun is not Kim Yong-hyun; bin, Al,
/// von, a title or a generation: Donald Trump Jr. is not his father).
///
/// ```
/// use dipgraph::extract::lexicon::first_last;
/// assert_eq!(first_last("Michael William Studeman").as_deref(), Some("michael studeman"));
/// assert_eq!(first_last("Antony J. Blinken"), first_last("Antony Blinken"));
/// assert_eq!(first_last("Bob Lighthizer"), first_last("Robert E. Lighthizer"));
/// assert_eq!(first_last("Donald Trump Jr."), None);
/// assert_eq!(first_last("Kim Jong-hyun"), None);
/// assert_eq!(first_last("Biden"), None);
/// ```
pub fn first_last(latin: &str) -> Option<String> {
    const NOT_GIVEN_MIDDLE_FAMILY: &[&str] = &[
        "bin", "bint", "ibn", "al", "el", "von", "van", "der", "den", "de", "da", "di", "la", "le",
        "du", "sheikh", "prince", "princess", "king", "queen", "emir", "sir", "dr", "pope", "lord",
        "lady", "ii", "iii", "iv", "jr", "sr",
    ];
    if latin.contains('-') {
        return None;
    }
    let key = folded_key(latin);
    let words: Vec<&str> = key.split(' ').filter(|w| w.len() > 1).collect();
    if words.len() < 2 || words.iter().any(|w| NOT_GIVEN_MIDDLE_FAMILY.contains(w)) {
        return None;
    }
    Some(format!("{} {}", words[0], words[words.len() - 1]))
}

/// A Latin name's words folded as ids are (António is `antonio`), one
/// space apart, the given name in full: the key of [`first_last`] and of
/// the name miner's grouping.
///
/// ```
/// use dipgraph::extract::lexicon::folded_key;
/// assert_eq!(folded_key("António  Guterres"), "antonio guterres");
/// assert_eq!(folded_key("Bill Barr"), "william barr");
/// ```
pub fn folded_key(latin: &str) -> String {
    given_name_in_full(&id_key(latin))
}

/// A Latin name's words folded as ids are, one space apart, the given name
/// as written: the name miner's grouping key (Bill Barr and William Barr
/// are two forms it keeps apart; [`folded_key`] joins them).
///
/// ```
/// use dipgraph::extract::lexicon::id_key;
/// assert_eq!(id_key("Miloš  Vystrčil"), "milos vystrcil");
/// assert_eq!(id_key("Bill Barr"), "bill barr");
/// ```
pub fn id_key(latin: &str) -> String {
    crate::model::latin_id(latin).replace('_', " ")
}

/// Is `word` (lower case) a title news writes inside the brackets before a
/// Latin name (`latin_title` of `data/lexicon/mining.csv`: Sheikh, Rep.,
/// Kanzler)?
///
/// ```
/// use dipgraph::extract::lexicon::latin_title;
/// assert!(latin_title("sheikh") && latin_title("rep"));
/// assert!(!latin_title("mohammed"));
/// ```
pub fn latin_title(word: &str) -> bool {
    static TITLES: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| mining_words("latin_title").collect());
    TITLES.contains(word)
}

/// Are two Latin names of one family name two people, by given names that
/// are no forms of one name (Chris and Ben Wallace, David and Anthony
/// Davis)? Not for forms the keys join (Bill and William Barr), nor for
/// given names a letter or two apart (Antony and Anthony Blinken, a
/// misspelt Rindsey Graham: a normalised edit distance's similarity of
/// 0.6 or more) or beginning alike, nor where one's given name is among
/// the other's words, nor where either name has no given and family name
/// ([`first_last`]: King Vajiralongkorn, Donald Trump Jr.) or holds a
/// title (`latin_title` of `data/lexicon/mining.csv`: Kanzler Kurz).
///
/// ```
/// use dipgraph::extract::lexicon::other_given_name;
/// assert!(other_given_name("David Davis", "Anthony Davis"));
/// assert!(!other_given_name("Bill Barr", "William Barr"));
/// assert!(!other_given_name("Tony Blinken", "Antony Blinken"));
/// assert!(!other_given_name("Rindsey Graham", "Lindsey Graham"));
/// assert!(!other_given_name("King Vajiralongkorn", "Maha Vajiralongkorn"));
/// assert!(!other_given_name("Ron Johnson", "Boris Johnson Jr."));
/// assert!(!other_given_name("Hunter Biden", "Hunter Bidden"));
/// assert!(!other_given_name("William Brent Christensen", "Brent Christensen"));
/// assert!(!other_given_name("Rep. Nancy Pelosi", "Nancy Pelosi"));
/// assert!(!other_given_name("Jacqueline Kennedy", "Jackie Kennedy"));
/// assert!(!other_given_name("Kanzler Kurz", "Sebastian Kurz"));
/// ```
pub fn other_given_name(a_name: &str, b_name: &str) -> bool {
    let titled = |name: &str| folded_key(name).split(' ').any(latin_title);
    if titled(a_name) || titled(b_name) {
        return false;
    }
    let (Some(a), Some(b)) = (first_last(a_name), first_last(b_name)) else {
        return false;
    };
    let (Some((given_a, family_a)), Some((given_b, family_b))) =
        (a.split_once(' '), b.split_once(' '))
    else {
        return false;
    };
    // A given name the other writes as a middle one (William Brent
    // Christensen, Brent Christensen), or that begins as the other does
    // (Jackie and Jacqueline Kennedy), may be the same person's.
    let words = |key: &str| key.split(' ').map(str::to_owned).collect::<Vec<_>>();
    let (all_a, all_b) = (words(&folded_key(a_name)), words(&folded_key(b_name)));
    let prefix = given_a
        .chars()
        .zip(given_b.chars())
        .take_while(|(x, y)| x == y)
        .count();
    family_a == family_b
        && strsim::normalized_levenshtein(given_a, given_b) < 0.6
        && prefix < 3
        && !all_a.iter().any(|w| w == given_b)
        && !all_b.iter().any(|w| w == given_a)
}

/// A key of lower-case words one space apart with its first word, when a
/// family name follows, in its full form ([`full_given_name`]): the one
/// rule by which the Latin-name keys of extraction and of the miner say
/// that two forms are one person.
///
/// ```
/// use dipgraph::extract::lexicon::given_name_in_full;
/// assert_eq!(given_name_in_full("bill barr"), "william barr");
/// assert_eq!(given_name_in_full("bill"), "bill");
/// ```
pub fn given_name_in_full(key: &str) -> String {
    match key.split_once(' ') {
        Some((given, rest)) => format!("{} {rest}", full_given_name(given)),
        None => key.to_owned(),
    }
}

/// The full form of an English given name (lower case) that the Latin-name
/// keys use: `bill` → `william`, `steve` → `stephen`; any other word is
/// itself. The forms are the `given_name` rows of the miner's list
/// (`data/lexicon/mining.csv`): news writes one person as Bill and William
/// Barr, Chuck and Charles Schumer.
///
/// ```
/// use dipgraph::extract::lexicon::full_given_name;
/// assert_eq!(full_given_name("mike"), "michael");
/// assert_eq!(full_given_name("michael"), "michael");
/// assert_eq!(full_given_name("ted"), "ted");
/// ```
pub fn full_given_name(word: &str) -> &str {
    static FULL: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
        mining_words("given_name")
            .filter_map(|w| w.split_once('='))
            .collect()
    });
    FULL.get(word).copied().unwrap_or(word)
}

/// Claims `key` for actor `i` in an index being built: a key two actors
/// claim reads as neither ([`unambiguous`]).
fn claim(index: &mut HashMap<String, Option<usize>>, key: String, i: usize) {
    let held = index.entry(key).or_insert(Some(i));
    if *held != Some(i) {
        *held = None;
    }
}

/// The keys of an index one actor alone claimed.
fn unambiguous(index: HashMap<String, Option<usize>>) -> HashMap<String, usize> {
    index
        .into_iter()
        .filter_map(|(k, i)| Some((k, i?)))
        .collect()
}

/// The fewest syllables a name needs for [`near_sound_keys`].
pub const NEAR_SOUND_MIN_SYLLABLES: usize = 5;

/// How many foreign people's spellings a character must be part of to
/// count as one transliterations use.
pub const TRANSLITERATION_MIN_NAMES: usize = 3;

/// Why the lexicon cannot be built.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// A row of one of `data/lexicon/`'s CSV files.
    #[error("{file} line {line}: {problem}")]
    Row {
        file: &'static str,
        line: usize,
        problem: RowProblem,
    },
    #[error("the lexicon's automaton: {0}")]
    Automaton(#[from] aho_corasick::BuildError),
}

/// What is wrong with a row of a lexicon file.
#[derive(Debug, thiserror::Error)]
pub enum RowProblem {
    #[error("{0}")]
    Csv(csv::Error),
    #[error(transparent)]
    Relation(UnknownRelation),
    /// A value outside the column's closed set (`args`, `kind`).
    #[error("unknown {column} {value:?}")]
    Unknown { column: &'static str, value: String },
    #[error("bad confidence {0}")]
    Confidence(String),
    #[error("unknown state {0}")]
    UnknownState(String),
    #[error("unknown actor {0}")]
    UnknownActor(String),
    #[error("empty abbreviation")]
    EmptyAbbreviation,
}

/// Argument patterns a trigger takes (see data/lexicon/triggers.csv).
#[derive(Debug, Clone, Copy, Default)]
pub struct Args {
    pub with: bool,
    pub after: bool,
    pub prep: bool,
    pub group: bool,
    pub abbrev: bool,
    /// A headline's shorthand (批 for 批评, 晤 for 会晤): a trigger only in
    /// headlines, where it is common and its longer readings are not.
    pub headline: bool,
    /// No argument pattern reads it: it only proposes candidates to the
    /// learned model, which weighs the word with everything around it
    /// (声援, 召见, 担心: words the patterns were never written for).
    pub learned: bool,
}

#[derive(Debug, Clone)]
pub struct Trigger {
    pub relation: Relation,
    pub args: Args,
    pub confidence: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modality {
    /// 将, 愿: the clause it stands in is a plan.
    Planned,
    /// 预计, 计划, 打算: a plan or expectation that carries over to the
    /// clauses continuing its subject (预期王毅10月访日，与茂木会面).
    Expected,
    Negation,
    Hypothetical,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prep {
    /// 与, 同, 和: co-participant follows.
    With,
    /// 及, 、: continues a list.
    List,
    /// 对, 就, 为: an object that is not the subject follows.
    To,
    /// 向: the addressee of a statement (向王毅表示).
    Toward,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pronoun {
    /// 他, 该外长: the person last mentioned.
    Person,
    /// 双方, 两人: the two parties of the interaction in focus.
    Pair,
    /// 两国: the states of the interaction in focus.
    States,
}

/// What a matched string is.
#[derive(Debug, Clone, PartialEq)]
pub enum Tag {
    /// A registry actor by name.
    Actor(usize),
    /// 中方 → the state.
    Side(usize),
    /// 白宫 → the state.
    Body(usize),
    /// 外交部, 政府: speaks for the state named before it.
    GenericBody,
    /// A title, with the office it names if any.
    Title(Option<String>),
    /// A place, with its state.
    Place(usize),
    Trigger(usize),
    Modality(Modality),
    Prep(Prep),
    Pronoun(Pronoun),
    /// Agencies, outlets, 朝鲜半岛…: contain a name but are no actor.
    NotActor,
    /// 和平, 同时…: contain a marker but are none.
    Neutral,
}

pub struct Lexicon {
    pub registry: &'static Registry,
    pub triggers: Vec<Trigger>,
    /// Single-character state abbreviations (韩 → KOR).
    pub abbreviations: HashMap<char, usize>,
    pub group_followers: Vec<String>,
    /// Verbs that make what precedes them a topic (就…合作交换意见).
    pub topic_verbs: Vec<String>,
    /// After a state: it modifies a noun (韩国内外, 中国各界), it does not act.
    pub modifier_suffixes: Vec<String>,
    /// After a mined person's spelling: the spelling is part of the name of
    /// a body, an agreement, a place or a doctrine (马歇尔基金会, 亚伯拉罕协议,
    /// 荷梅尔市, 马克思主义), not the person.
    pub mined_name_followers: Vec<String>,
    /// How the names of bodies and places end (the miner's `body` rows:
    /// 组织, 山, 岛, 会): a long name the tagger finds that ends so is one
    /// of them (喜玛拉亚山), not a person.
    pub body_endings: Vec<String>,
    /// After any person's name, the registry's too: the name is part of a
    /// place's, building's or doctrine's name (毛泽东思想, 金日成广场,
    /// 马克思主义): `data/lexicon/name_followers.txt` alone — the miner's
    /// body endings are words after a person too (与舒默对话).
    pub name_followers: Vec<String>,
    /// Words of time (周一, 今天): a name the tagger finds ends where one
    /// starts (`data/lexicon/time_words.txt`).
    pub time_words: Vec<String>,
    /// After a date: it dates something other than the event (以来, 电).
    pub date_blockers: Vec<String>,
    /// Words of a Latin name that make it a body or a thing (University,
    /// Party, Times: the miner's `org_word` rows): a Latin name written in
    /// the text with one is no person.
    pub latin_org_words: HashSet<String>,
    /// Lower-case words a person's Latin name may hold (von, bin, al: the
    /// miner's `particle` rows).
    pub latin_particles: HashSet<String>,
    /// Verbs of reported speech (`data/lexicon/speech_verbs.txt`): what
    /// follows is what the speaker said.
    pub speech_verbs: Vec<String>,
    /// Words that tell what a statement does (`data/lexicon/cues.csv`).
    pub cues: Cues,
    /// Given names ([`given_names`]): a name the tagger finds that is one
    /// alone names nobody whole.
    pub given_names: HashSet<String>,
    /// Words before a name that say it is a person's (参议员, 发言人, 女士:
    /// the miner's `title` and `person_word` rows), for names written in
    /// Latin letters.
    pub person_cues: Vec<String>,
    /// Finds every [`Lexicon::person_cues`] word in a sentence at once
    /// (overlapping: 参议员 and 议员 both end where a name starts).
    pub person_cue_finder: AhoCorasick,
    /// The miner's `title` rows alone (署长, 大使, 参议员): offices, which
    /// tell apart people of one spelling (环保署长麦卡锡 is Gina McCarthy).
    pub offices: Vec<String>,
    /// Characters of the registry's foreign names (纳, 尼, 斯, 扬…), each
    /// in at least [`TRANSLITERATION_MIN_NAMES`] of them: an unknown name
    /// longer than a Chinese one must be made of them.
    pub transliteration_chars: HashSet<char>,
    /// Foreign people by the sound of their spellings ([`sound_key`]): another transliteration of the same sounds is the
    /// same person (彭培奥 → 蓬佩奥, 艾尔多安 → 埃尔多安, 柯林顿 → 克林顿).
    pub by_sound: HashMap<String, usize>,
    /// People by their Latin name ([`latin_key`] of the English label, and
    /// of its first and last word): a spelling with that name in brackets
    /// after it is that person (甘地（Rahul Gandhi）). A key two people
    /// share reads as neither.
    pub by_latin: HashMap<String, usize>,
    /// Foreign people by sounds one syllable off a spelling's
    /// ([`near_sound_keys`]): a key two people share reads as neither.
    pub by_near_sound: HashMap<String, usize>,
    /// Words that start no name after a title (总统首次, 官员经常):
    /// [`Lexicon::starts_no_name`].
    not_name_starts: Vec<String>,
    /// Words that end no one's name (陈先生, 蒙古族): [`Lexicon::ends_no_name`].
    not_name_ends: Vec<String>,
    /// Chinese and Korean surnames: a name starting with one (not a
    /// transliteration) has its pinyin id written surname apart (胡锦涛 →
    /// `hu_jintao`).
    pub surnames: Vec<String>,
    /// Spellings of the Arabic article al- before a surname
    /// (`data/lexicon/name_articles.txt`: 阿尔扎亚尼 is al-Zayani).
    pub name_articles: Vec<String>,
    /// Japanese surnames of two characters or more (古屋, 山口, 枝野): a
    /// full name after a word for a person starts with one and runs one to
    /// three characters more (`data/lexicon/surnames_ja.txt`).
    pub japanese_surnames: Vec<String>,
    /// Characters of Japanese given names (`data/lexicon/given_chars_ja.txt`).
    pub japanese_given_chars: HashSet<char>,
    /// States whose leader (领导人) is the head of government (日本领导人 →
    /// the prime minister).
    pub government_led: HashSet<String>,
    pub tags: Vec<Tag>,
    /// The strings the automaton matches, in the order of `tags`.
    strings: Vec<String>,
    automaton: AhoCorasick,
}

/// Words that tell what a statement does, by the relation they speak for
/// (`data/lexicon/cues.csv`): 违背, 践踏 criticise; 必须, 停止 urge; 感谢,
/// 典范 praise; 担忧 worries. Most criticism and many appeals in the news
/// are reported speech with no verb of their own (training corpus: 556
/// criticisms' evidence holds no criticism trigger), and what was said is
/// read as character pairs, each seen a few times; a cue pools the words of
/// one tone into one feature the model can weigh from every example.
#[derive(Debug)]
pub struct Cues {
    automaton: AhoCorasick,
    relations: Vec<Relation>,
}

impl Cues {
    /// Every cue in a normalised sentence (overlapping: 不可接受 and 接受
    /// alike), as start, end and relation.
    ///
    /// ```
    /// use dipgraph::extract::lexicon::LEXICON;
    /// use dipgraph::model::Relation;
    /// let hits = LEXICON.cues.find("北京必须停止打压");
    /// assert!(hits.iter().any(|h| h.2 == Relation::Appeal));
    /// assert!(hits.iter().any(|h| h.2 == Relation::Criticize));
    /// ```
    pub fn find(&self, s: &str) -> Vec<(usize, usize, Relation)> {
        self.automaton
            .find_overlapping_iter(s)
            .map(|m| (m.start(), m.end(), self.relations[m.pattern().as_usize()]))
            .collect()
    }
}

pub static LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::build(Registry::builtin()).expect("bundled lexicons are valid"));

/// Lines of a one-column list, without comments and blanks.
fn list(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Rows of a CSV with a header, as string vectors, each with its line
/// number and the file's name for errors.
fn rows(file: &'static str, text: &str) -> Result<Vec<Row>, LexiconError> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .enumerate()
        .map(|(i, r)| {
            let row = Row {
                file,
                line: i + 2,
                fields: Vec::new(),
            };
            match r {
                Ok(r) => Ok(Row {
                    fields: r.iter().map(|f| f.trim().to_owned()).collect(),
                    ..row
                }),
                Err(e) => Err(row.error(RowProblem::Csv(e))),
            }
        })
        .collect()
}

/// A row of a lexicon CSV.
struct Row {
    file: &'static str,
    line: usize,
    fields: Vec<String>,
}

impl Row {
    fn error(&self, problem: RowProblem) -> LexiconError {
        LexiconError::Row {
            file: self.file,
            line: self.line,
            problem,
        }
    }

    /// A value outside `column`'s closed set.
    fn unknown(&self, column: &'static str, value: &str) -> LexiconError {
        self.error(RowProblem::Unknown {
            column,
            value: value.to_string(),
        })
    }
}

impl std::ops::Index<usize> for Row {
    type Output = String;
    fn index(&self, i: usize) -> &String {
        &self.fields[i]
    }
}

/// Given names: the first part of at least two people's dotted spellings
/// (约翰 of 约翰·博尔顿 and 约翰·凯瑞, 卡尔 of 卡尔·比尔特…) that is no
/// person's whole spelling. Written alone it names nobody whole: the hand
/// checks of extracted people found 穆罕默德 (他与穆罕默德亲王会谈: the crown
/// prince) and 卡尔 (卡尔-特奥多尔·楚·古滕贝格) as people of their own.
fn given_names(registry: &Registry) -> HashSet<String> {
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut whole: HashSet<String> = HashSet::new();
    for a in registry
        .actors
        .iter()
        .filter(|a| a.kind == ActorType::Person)
    {
        for l in std::iter::once(&a.label_zh)
            .chain(&a.aliases_zh)
            .chain(&a.short_zh)
        {
            let l = norm(l);
            match l.split_once('·') {
                Some((given, _)) if given.chars().count() >= 2 => {
                    *first.entry(given.to_owned()).or_default() += 1;
                }
                Some(_) => {}
                None => {
                    whole.insert(l);
                }
            }
        }
    }
    first
        .into_iter()
        .filter(|(g, n)| *n >= 2 && !whole.contains(g))
        .map(|(g, _)| g)
        .collect()
}

/// The words of one kind (`org_word`, `particle`…) of the name miner's list
/// (`data/lexicon/mining.csv`).
fn mining_words(kind: &str) -> impl Iterator<Item = &'static str> + '_ {
    include_str!("../../data/lexicon/mining.csv")
        .lines()
        .filter_map(|l| l.split_once(','))
        .filter(move |(k, _)| *k == kind)
        .map(|(_, w)| w.trim())
}

/// The words of these kinds of the name miner's list, normalised, sorted,
/// each once.
fn mining_set(kinds: &[&str]) -> Vec<String> {
    let mut words: Vec<String> = kinds
        .iter()
        .flat_map(|k| mining_words(k))
        .map(norm)
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// The form patterns are matched in: simplified, width-folded.
pub fn norm(s: &str) -> String {
    to_simplified(&fold_width(s))
}

impl Lexicon {
    /// Does `text` start with a word no name starts with after a title or
    /// a word for a person (`data/lexicon/not_name_starts.txt`: 首次, 任期)?
    ///
    /// ```
    /// use dipgraph::extract::lexicon::LEXICON;
    /// assert!(LEXICON.starts_no_name("任期内访问印度"));
    /// assert!(!LEXICON.starts_no_name("吴钊燮表示"));
    /// ```
    pub fn starts_no_name(&self, text: &str) -> bool {
        self.not_name_starts
            .iter()
            .any(|w| text.starts_with(w.as_str()))
    }

    /// Does `text` start with a word of time or of when
    /// (`data/lexicon/time_words.txt`: 周一, 本来), which no name runs into?
    ///
    /// ```
    /// use dipgraph::extract::lexicon::LEXICON;
    /// assert!(LEXICON.starts_time_word("本将在今年4月"));
    /// assert!(!LEXICON.starts_time_word("华本将"));
    /// ```
    pub fn starts_time_word(&self, text: &str) -> bool {
        self.time_words.iter().any(|w| text.starts_with(w.as_str()))
    }

    /// The registry's or the miner's actor `spelling` is, written whole (one
    /// lexicon word from its first character to its last).
    ///
    /// ```
    /// use dipgraph::extract::lexicon::LEXICON;
    /// let i = LEXICON.actor_spelled("蓬佩奥").unwrap();
    /// assert_eq!(LEXICON.registry.actors[i].id, "mike_pompeo");
    /// assert!(LEXICON.actor_spelled("蓬佩奥表示").is_none());
    /// ```
    pub fn actor_spelled(&self, spelling: &str) -> Option<usize> {
        match self.tag(spelling)[..] {
            [(0, end, &Tag::Actor(i))] if end == spelling.len() => Some(i),
            _ => None,
        }
    }

    /// `spelling` without the word no name starts with at its front
    /// ([`Self::starts_no_name`]), where two characters of a name are left
    /// after it: what the word before the name ran on into (特别协调员林格:
    /// 协调 is a trigger, so the text after it read 员林格).
    ///
    /// ```
    /// use dipgraph::extract::lexicon::LEXICON;
    /// assert_eq!(LEXICON.without_no_name_start("员林格"), "林格");
    /// assert_eq!(LEXICON.without_no_name_start("员林"), "员林");
    /// assert_eq!(LEXICON.without_no_name_start("傅德恩"), "傅德恩");
    /// ```
    pub fn without_no_name_start<'s>(&self, spelling: &'s str) -> &'s str {
        self.not_name_starts
            .iter()
            .filter(|w| spelling.starts_with(w.as_str()))
            .map(|w| spelling[w.len()..].trim_start_matches('·'))
            .filter(|rest| rest.chars().count() >= 2)
            .min_by_key(|rest| rest.len())
            .unwrap_or(spelling)
    }

    /// Does `name` end in a word that ends no one's name
    /// (`data/lexicon/not_name_ends.txt`: 陈先生, 蒙古族)?
    ///
    /// ```
    /// use dipgraph::extract::lexicon::LEXICON;
    /// assert!(LEXICON.ends_no_name("陈先生"));
    /// assert!(!LEXICON.ends_no_name("陈建国"));
    /// ```
    pub fn ends_no_name(&self, name: &str) -> bool {
        self.not_name_ends
            .iter()
            .any(|w| name.ends_with(w.as_str()))
    }

    /// The lexicon of `data/lexicon/` (compiled in) over `registry`'s
    /// actors. It fails only on a defect of the bundled files (or a
    /// registry without a state or actor they name).
    ///
    /// ```
    /// use dipgraph::extract::lexicon::{Lexicon, norm};
    /// use dipgraph::extract::registry::Registry;
    /// let lexicon = Lexicon::build(Registry::builtin()).unwrap();
    /// assert!(!lexicon.tag(&norm("王毅会见朴振")).is_empty());
    /// ```
    pub fn build(registry: &'static Registry) -> Result<Lexicon, LexiconError> {
        let mut patterns: Vec<String> = Vec::new();
        let mut tags: Vec<Tag> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        // Earlier additions win when one string is listed twice.
        let mut add = |s: &str, tag: Tag| {
            let n = norm(s);
            if !n.is_empty() && seen.insert(n.clone()) {
                patterns.push(n);
                tags.push(tag);
            }
        };
        for s in list(include_str!("../../data/lexicon/not_actors.txt")) {
            add(s, Tag::NotActor);
        }
        for s in list(include_str!("../../data/lexicon/neutral.txt")) {
            add(s, Tag::Neutral);
        }
        for (i, a) in registry.actors.iter().enumerate() {
            for name in std::iter::once(&a.label_zh).chain(&a.aliases_zh) {
                if a.short_zh.contains(name) {
                    continue;
                }
                add(name, Tag::Actor(i));
            }
        }
        for (i, a) in registry.actors.iter().enumerate() {
            for s in &a.sides_zh {
                add(s, Tag::Side(i));
            }
            for s in &a.bodies_zh {
                add(s, Tag::Body(i));
            }
        }
        let mut triggers = Vec::new();
        for r in rows(
            "triggers.csv",
            include_str!("../../data/lexicon/triggers.csv"),
        )? {
            let relation: Relation = r[0].parse().map_err(|e| r.error(RowProblem::Relation(e)))?;
            let mut args = Args::default();
            for a in r[2].split('|') {
                match a {
                    "with" => args.with = true,
                    "after" => args.after = true,
                    "prep" => args.prep = true,
                    "group" => args.group = true,
                    "abbrev" => args.abbrev = true,
                    "headline" => args.headline = true,
                    "learned" => args.learned = true,
                    other => return Err(r.unknown("args", other)),
                }
            }
            let confidence = r[3]
                .parse()
                .map_err(|_| r.error(RowProblem::Confidence(r[3].clone())))?;
            add(&r[1], Tag::Trigger(triggers.len()));
            triggers.push(Trigger {
                relation,
                args,
                confidence,
            });
        }
        for r in rows("titles.csv", include_str!("../../data/lexicon/titles.csv"))? {
            add(&r[0], Tag::Title((!r[1].is_empty()).then(|| r[1].clone())));
        }
        for r in rows("places.csv", include_str!("../../data/lexicon/places.csv"))? {
            let state = registry
                .index(&r[1])
                .ok_or_else(|| r.error(RowProblem::UnknownState(r[1].clone())))?;
            add(&r[0], Tag::Place(state));
        }
        for s in list(include_str!("../../data/lexicon/bodies.txt")) {
            add(s, Tag::GenericBody);
        }
        for r in rows(
            "pronouns.csv",
            include_str!("../../data/lexicon/pronouns.csv"),
        )? {
            let p = match r[1].as_str() {
                "person" => Pronoun::Person,
                "pair" => Pronoun::Pair,
                "states" => Pronoun::States,
                other => return Err(r.unknown("kind", other)),
            };
            add(&r[0], Tag::Pronoun(p));
        }
        for r in rows(
            "modality.csv",
            include_str!("../../data/lexicon/modality.csv"),
        )? {
            let m = match r[1].as_str() {
                "planned" => Modality::Planned,
                "expected" => Modality::Expected,
                "negation" => Modality::Negation,
                "hypothetical" => Modality::Hypothetical,
                other => return Err(r.unknown("kind", other)),
            };
            add(&r[0], Tag::Modality(m));
        }
        for r in rows(
            "prepositions.csv",
            include_str!("../../data/lexicon/prepositions.csv"),
        )? {
            let p = match r[1].as_str() {
                "with" => Prep::With,
                "list" => Prep::List,
                "to" => Prep::To,
                "toward" => Prep::Toward,
                other => return Err(r.unknown("kind", other)),
            };
            add(&r[0], Tag::Prep(p));
        }
        // The places the name miner knows are also names (维多利亚, 路易斯安那),
        // where nothing above tags them: words of their own, so a person's
        // spelling never starts inside one (多利亚 of 维多利亚 had been the
        // mined João Doria, 路易斯 of 路易斯安那州 John Lewis).
        for w in mining_words("place") {
            add(w, Tag::Neutral);
        }
        let mut abbreviations = HashMap::new();
        for r in rows(
            "abbreviations.csv",
            include_str!("../../data/lexicon/abbreviations.csv"),
        )? {
            let c = r[0]
                .chars()
                .next()
                .ok_or_else(|| r.error(RowProblem::EmptyAbbreviation))?;
            let actor = registry
                .index(&r[1])
                .ok_or_else(|| r.error(RowProblem::UnknownActor(r[1].clone())))?;
            abbreviations.insert(c, actor);
        }
        let topic_verbs = list(include_str!("../../data/lexicon/topic_verbs.txt"))
            .map(norm)
            .collect();
        let group_followers = list(include_str!("../../data/lexicon/group_followers.txt"))
            .map(norm)
            .collect();
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)?;
        // Foreign people's names, as Chinese media transliterate them: the
        // characters of at least three foreign people's spellings. The mined
        // spellings hold a few phrases (李登辉开创实务外交); a character
        // only they use (权, 纳) would make 有权动用武力 a name.
        let domestic = ["CHN", "TWN"];
        let mut names_with: HashMap<char, usize> = HashMap::new();
        let spellings: HashSet<String> = registry
            .actors
            .iter()
            .filter(|a| {
                a.kind == ActorType::Person
                    && !a.state.as_deref().is_some_and(|st| domestic.contains(&st))
            })
            .flat_map(|a| std::iter::once(&a.label_zh).chain(&a.aliases_zh))
            .map(|l| norm(l))
            .collect();
        for l in &spellings {
            let chars: HashSet<char> = l.chars().collect();
            for c in chars {
                *names_with.entry(c).or_default() += 1;
            }
        }
        let transliteration_chars = names_with
            .into_iter()
            .filter(|&(_, n)| n >= TRANSLITERATION_MIN_NAMES)
            .map(|(c, _)| c)
            .collect();
        // Foreign people by the sound of each spelling of three characters
        // or more — the registry's (its officials of international bodies
        // have no state: 冯德莱恩), the mined ones' of a known state; a sound
        // two people share reads as neither.
        let mut by_sound: HashMap<String, Option<usize>> = HashMap::new();
        let mut by_near_sound: HashMap<String, Option<usize>> = HashMap::new();
        let mut by_latin: HashMap<String, Option<usize>> = HashMap::new();
        for (i, a) in registry.actors.iter().enumerate() {
            if a.kind != ActorType::Person {
                continue;
            }
            let full = latin_key(&a.label_en);
            let words: Vec<&str> = full.split(' ').collect();
            let first_last = match words[..] {
                [first, _, .., last] => format!("{first} {last}"),
                _ => String::new(),
            };
            for k in [full, first_last].into_iter().filter(|k| !k.is_empty()) {
                claim(&mut by_latin, k, i);
            }
        }
        for (i, a) in registry.actors.iter().enumerate() {
            let foreign = match a.state.as_deref() {
                Some(st) => !domestic.contains(&st),
                None => !a.mined,
            };
            if a.kind != ActorType::Person || !foreign {
                continue;
            }
            for l in std::iter::once(&a.label_zh).chain(&a.aliases_zh) {
                if l.chars().filter(|&c| c != '·').count() >= 3 {
                    let l = norm(l);
                    claim(&mut by_sound, sound_key(&l), i);
                    for k in near_sound_keys(&l) {
                        claim(&mut by_near_sound, k, i);
                    }
                }
            }
        }
        let given_names = given_names(registry);
        let body_endings: Vec<String> = mining_words("body").map(norm).collect();
        let name_followers: Vec<String> =
            list(include_str!("../../data/lexicon/name_followers.txt"))
                .map(norm)
                .collect();
        let person_cues = mining_set(&["title", "person_word"]);
        Ok(Lexicon {
            given_names,
            registry,
            transliteration_chars,
            by_sound: unambiguous(by_sound),
            by_near_sound: unambiguous(by_near_sound),
            by_latin: unambiguous(by_latin),
            not_name_starts: list(include_str!("../../data/lexicon/not_name_starts.txt"))
                .map(norm)
                .collect(),
            not_name_ends: list(include_str!("../../data/lexicon/not_name_ends.txt"))
                .map(norm)
                .collect(),
            surnames: list(include_str!("../../data/lexicon/surnames.txt"))
                .flat_map(str::split_whitespace)
                .map(norm)
                .collect(),
            name_articles: list(include_str!("../../data/lexicon/name_articles.txt"))
                .map(norm)
                .collect(),
            japanese_surnames: list(include_str!("../../data/lexicon/surnames_ja.txt"))
                .map(norm)
                .collect(),
            japanese_given_chars: list(include_str!("../../data/lexicon/given_chars_ja.txt"))
                .flat_map(|l| norm(l).chars().collect::<Vec<_>>())
                .filter(|c| !c.is_whitespace())
                .collect(),
            triggers,
            abbreviations,
            group_followers,
            topic_verbs,
            modifier_suffixes: list(include_str!("../../data/lexicon/modifier_suffixes.txt"))
                .map(norm)
                .collect(),
            // The name miner's body endings (`body` rows), those of two
            // characters or more (one character, 会 or 党, starts too many
            // words), and the places' and doctrines' endings.
            mined_name_followers: body_endings
                .iter()
                .filter(|w| w.chars().count() >= 2)
                .chain(&name_followers)
                .cloned()
                .collect(),
            body_endings,
            name_followers,
            time_words: list(include_str!("../../data/lexicon/time_words.txt"))
                .map(norm)
                .collect(),
            date_blockers: list(include_str!("../../data/lexicon/date_blockers.txt"))
                .map(norm)
                .collect(),
            latin_org_words: mining_words("org_word").map(str::to_owned).collect(),
            latin_particles: mining_words("particle").map(str::to_owned).collect(),
            speech_verbs: list(include_str!("../../data/lexicon/speech_verbs.txt"))
                .map(norm)
                .collect(),
            cues: {
                let mut words = Vec::new();
                let mut relations = Vec::new();
                for r in rows("cues.csv", include_str!("../../data/lexicon/cues.csv"))? {
                    relations.push(r[0].parse().map_err(|e| r.error(RowProblem::Relation(e)))?);
                    words.push(norm(&r[1]));
                }
                Cues {
                    automaton: AhoCorasick::new(&words)?,
                    relations,
                }
            },
            person_cue_finder: AhoCorasick::new(&person_cues)?,
            person_cues,
            offices: mining_set(&["title"]),
            government_led: list(include_str!("../../data/lexicon/government_led.txt"))
                .map(str::to_owned)
                .collect(),
            tags,
            strings: patterns,
            automaton,
        })
    }

    /// Tags every lexicon string in a normalised sentence, leftmost-longest.
    pub fn tag(&self, norm: &str) -> Vec<(usize, usize, &Tag)> {
        self.automaton
            .find_iter(norm)
            .map(|m| (m.start(), m.end(), &self.tags[m.pattern().as_usize()]))
            .collect()
    }

    /// Every lexicon string with what it is.
    pub fn patterns(&self) -> impl Iterator<Item = (&str, &Tag)> {
        self.strings.iter().map(String::as_str).zip(&self.tags)
    }

    pub fn actor_type(&self, actor: usize) -> ActorType {
        self.registry.actors[actor].kind
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_load_and_cover_every_relation() {
        let lex = &*LEXICON;
        for r in Relation::ALL {
            assert!(
                lex.triggers.iter().any(|t| t.relation == r),
                "no trigger for {r:?}"
            );
        }
    }

    /// A mined spelling that is also a title, trigger or place (国家主席 once
    /// came in as someone's name) would turn that word into a person.
    #[test]
    fn mined_names_never_shadow_other_words() {
        use std::collections::HashSet;
        let lex = &*LEXICON;
        let hand = Registry::hand();
        let mut mined: HashSet<&str> = HashSet::new();
        for (i, a) in lex.registry.actors.iter().enumerate() {
            let own: HashSet<&String> = hand
                .actors
                .get(i)
                .map(|h| std::iter::once(&h.label_zh).chain(&h.aliases_zh).collect())
                .unwrap_or_default();
            for s in std::iter::once(&a.label_zh).chain(&a.aliases_zh) {
                if !own.contains(s) {
                    mined.insert(s);
                }
            }
        }
        assert!(mined.len() > 1000, "the mined names are loaded");
        for (word, tag) in lex.patterns() {
            if mined.contains(lexicon_norm(word).as_str()) || mined.contains(word) {
                assert!(
                    matches!(tag, Tag::Actor(_)),
                    "{word}: mined name and {tag:?}"
                );
            }
        }
    }

    fn lexicon_norm(s: &str) -> String {
        norm(s)
    }

    #[test]
    fn longest_match_prefers_outlets_and_titles_over_names() {
        let lex = &*LEXICON;
        let tags: Vec<_> = lex
            .tag("美国之音报道，韩国外交部长官康京和与王毅会谈")
            .into_iter()
            .map(|(_, _, t)| t.clone())
            .collect();
        assert_eq!(tags[0], Tag::NotActor);
        assert!(matches!(tags[1], Tag::Actor(_))); // 韩国
        assert_eq!(tags[2], Tag::Title(Some("foreign_minister".into())));
        assert!(matches!(tags[3], Tag::Actor(_))); // 康京和
        assert_eq!(tags[4], Tag::Prep(Prep::With));
        assert!(matches!(tags[6], Tag::Trigger(_)));
    }
}
