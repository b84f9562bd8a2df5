//! A character tagger for people's names the registry and the mined list do
//! not know (许章润, 耿潇男, 罗冠聪): most people who act in real news are not
//! heads of state, and a sentence's actors must be found before anything can
//! be said of them.
//!
//! It is an averaged structured perceptron over characters with four labels
//! (outside, a name's first, second, third or later character: [`LABELS`]),
//! each sentence decoded whole by Viterbi, distilled from the LAC BiGRU-CRF model: `scripts/lac_tag.py`
//! tagged the training pool once (`data/ner/lac_train.tsv`), and `dipgraph
//! train-names` learns from those names projected onto the sentences
//! (`crate::train::names`). LAC runs at ~750 sentences/s; this runs at
//! hundreds of thousands, so extraction keeps its speed bar. Features are
//! named (`c0=林`, `b-1=外长`, `k0=TTT`, `p=B`), the weights live in
//! `data/model/names.tagger`, and a feature is looked up by the FNV-1a hash
//! of its name, built without allocating.
//!
//! It runs on the normalised sentence (simplified, width-folded), like every
//! matcher of the extractor.

use super::lexicon::LEXICON;
use rustc_hash::FxHashMap as HashMap;
use std::fmt::Write as _;
use std::sync::LazyLock;

/// Labels: outside a name, a name's first character, its second, its
/// third or later. The second and the third are told apart because a
/// Chinese name's third character is often a word of its own elsewhere
/// (陈时中, 吴志中: 中 "in"; 艾未未: 未 "not yet"): with one label for both,
/// the weight of 中 inside a name was the weight of 中 as a second
/// character too, and the tagger cut 陈时|中.
pub const LABELS: [&str; NL] = ["O", "B", "I", "J"];
/// The number of labels.
pub const NL: usize = 4;
const O: usize = 0;
const B: usize = 1;
const I: usize = 2;
const J: usize = 3;

/// Whether label `l` may follow label `p`: a name's second character
/// follows its first, its third or later one its second or another third.
pub fn may_follow(p: usize, l: usize) -> bool {
    match l {
        I => p == B,
        J => p == I || p == J,
        _ => true,
    }
}

/// The longest name the tagger returns, in characters (迈克尔·麦考尔 is 7;
/// longer runs are a tagging accident).
pub const MAX_NAME_CHARS: usize = 12;

/// The weights `make model` writes, built into the binary.
pub const BUNDLED: &str = include_str!("../../data/model/names.tagger");

/// The bundled tagger, parsed on first use.
pub static NAME_TAGGER: LazyLock<NameTagger> =
    LazyLock::new(|| NameTagger::parse(BUNDLED).expect("the bundled name tagger is valid"));

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a over bytes written piece by piece: the hash of a feature's name,
/// whether it comes whole from the model file or in parts from a sentence.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(FNV_OFFSET)
    }
    fn bytes(mut self, b: &[u8]) -> Self {
        for &x in b {
            self.0 ^= u64::from(x);
            self.0 = self.0.wrapping_mul(FNV_PRIME);
        }
        self
    }
    fn char(self, c: char) -> Self {
        let mut buf = [0u8; 4];
        self.bytes(c.encode_utf8(&mut buf).as_bytes())
    }
}

/// What a position's features see of a character: Latin letters and digits
/// by class (a name is never cut inside `G7`), everything else as itself.
pub fn class_of(c: char) -> char {
    if c.is_ascii_alphabetic() {
        'A'
    } else if c.is_ascii_digit() {
        '0'
    } else {
        c
    }
}

/// The character at `i` of a sentence padded with `^` before and `$` after.
fn at(chars: &[char], i: isize) -> char {
    if i < 0 {
        '^'
    } else if i as usize >= chars.len() {
        '$'
    } else {
        chars[i as usize]
    }
}

/// What a position's features see of a character's kind, beside the
/// character itself: `T` a character of foreign names as Chinese media
/// transliterate them ([`Lexicon::transliteration_chars`]), `S` a
/// one-character Chinese surname that is not one (章; 许 and 马 are `T`:
/// marking the surnames among them apart read fewer gold people whole),
/// `H` any other Chinese character, `A` a
/// Latin letter, `0` a digit, `P` anything else. Rare names are rare
/// characters; their kinds are not (奥尼亚马 is `TTTT` like 蓬佩奥 is `TTT`),
/// so a name the training pool never wrote is read as a whole.
///
/// [`Lexicon::transliteration_chars`]: super::lexicon::Lexicon::transliteration_chars
pub fn kind_of(c: char) -> char {
    static SURNAME_CHARS: LazyLock<rustc_hash::FxHashSet<char>> = LazyLock::new(|| {
        LEXICON
            .surnames
            .iter()
            .filter_map(|s| {
                let mut cs = s.chars();
                cs.next().filter(|_| cs.next().is_none())
            })
            .collect()
    });
    if LEXICON.transliteration_chars.contains(&c) {
        'T'
    } else if SURNAME_CHARS.contains(&c) {
        'S'
    } else if crate::text::is_han(c) {
        'H'
    } else if c.is_ascii_alphabetic() {
        'A'
    } else if c.is_ascii_digit() {
        '0'
    } else {
        'P'
    }
}

/// The hashed features of position `i` (what it emits; the label before
/// it is the transition, [`TRANSITIONS`]), and with `names` their names
/// (for training, and for reading a model file). Templates: characters at
/// −2…+2 (`c-2=`…), the bigrams ending and starting there and the two
/// beside them (`b-2=`, `b-1=`, `b0=`, `b1=`), the trigram around it
/// (`t0=`), and the kinds ([`kind_of`]) of the three characters ending,
/// around and starting there (`k-1=`, `k0=`, `k1=`) and of the five around
/// it (`k=`).
pub fn features(s: &Prepared, i: usize, out: &mut Vec<u64>, mut names: Option<&mut Vec<String>>) {
    out.clear();
    if let Some(n) = names.as_deref_mut() {
        n.clear();
    }
    let (chars, kinds) = (&s.chars[..], &s.kinds[..]);
    let i = i as isize;
    let mut push = |prefix: &str, cs: &[char]| {
        let mut h = Fnv::new().bytes(prefix.as_bytes());
        for &c in cs {
            h = h.char(c);
        }
        out.push(h.0);
        if let Some(n) = names.as_deref_mut() {
            let mut s = prefix.to_owned();
            s.extend(cs);
            n.push(s);
        }
    };
    for (prefix, d) in [
        ("c-2=", -2),
        ("c-1=", -1),
        ("c0=", 0),
        ("c1=", 1),
        ("c2=", 2),
    ] {
        push(prefix, &[at(chars, i + d)]);
    }
    for (prefix, d) in [("b-2=", -2), ("b-1=", -1), ("b0=", 0), ("b1=", 1)] {
        push(prefix, &[at(chars, i + d), at(chars, i + d + 1)]);
    }
    for (prefix, d) in [("k-1=", -1), ("k0=", 0), ("k1=", 1)] {
        push(
            prefix,
            &[at(kinds, i + d - 1), at(kinds, i + d), at(kinds, i + d + 1)],
        );
    }
    push(
        "k=",
        &[
            at(kinds, i - 2),
            at(kinds, i - 1),
            at(kinds, i),
            at(kinds, i + 1),
            at(kinds, i + 2),
        ],
    );
    push("t0=", &[at(chars, i - 1), at(chars, i), at(chars, i + 1)]);
}

/// The transition features' names, by the label before: the weight of
/// `p=B` for label I is how much a name goes on after its first character.
pub const TRANSITIONS: [&str; NL] = ["p=O", "p=B", "p=I", "p=J"];

/// A normalised sentence as the tagger sees it: each character by its
/// class ([`class_of`]) and kind ([`kind_of`]), and the byte offset of
/// each (and of the end).
pub struct Prepared {
    pub chars: Vec<char>,
    pub kinds: Vec<char>,
    pub offsets: Vec<usize>,
}

/// The sentence as the tagger's features see it.
pub fn prepare(s: &str) -> Prepared {
    let mut chars = Vec::new();
    let mut kinds = Vec::new();
    let mut offsets = Vec::new();
    for (o, c) in s.char_indices() {
        chars.push(class_of(c));
        kinds.push(kind_of(c));
        offsets.push(o);
    }
    offsets.push(s.len());
    Prepared {
        chars,
        kinds,
        offsets,
    }
}

/// The best labels of a sentence under a first-order model (Viterbi):
/// `emit[i]` the scores of each label at `i`, `trans[p][l]` of label `l`
/// after `p` (the first position follows an O); a name never starts with
/// a later character, nor skips one ([`may_follow`]). Greedy decoding, left to right, cut names whose middle looked
/// like an end (福田|康夫, 康京|和); the whole sequence's best weighs what
/// follows too.
pub fn decode(emit: &[[f32; NL]], trans: &[[f32; NL]; NL]) -> Vec<usize> {
    let n = emit.len();
    if n == 0 {
        return Vec::new();
    }
    let mut score = vec![[f32::NEG_INFINITY; NL]; n];
    let mut back = vec![[O; NL]; n];
    for l in [O, B] {
        score[0][l] = emit[0][l] + trans[O][l];
    }
    for i in 1..n {
        for l in 0..NL {
            for p in 0..NL {
                if !may_follow(p, l) {
                    continue;
                }
                let v = score[i - 1][p] + trans[p][l] + emit[i][l];
                if v > score[i][l] {
                    score[i][l] = v;
                    back[i][l] = p;
                }
            }
        }
    }
    let mut l = (0..NL).fold(O, |best, l| {
        if score[n - 1][l] > score[n - 1][best] {
            l
        } else {
            best
        }
    });
    let mut labels = vec![O; n];
    for i in (0..n).rev() {
        labels[i] = l;
        l = back[i][l];
    }
    labels
}

/// Spans (character indices, end exclusive) of the names in a label
/// sequence.
pub fn spans(labels: &[usize]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &l) in labels.iter().enumerate() {
        if l != I
            && l != J
            && let Some(a) = start.take()
        {
            out.push((a, i));
        }
        if l == B {
            start = Some(i);
        }
    }
    if let Some(a) = start {
        out.push((a, labels.len()));
    }
    out
}

/// Errors reading a tagger file.
#[derive(Debug, thiserror::Error)]
pub enum NamesError {
    #[error("line {line}: {problem}")]
    Line { line: usize, problem: String },
}

/// A trained name tagger: one weight per label for each named feature.
#[derive(Debug, Clone, Default)]
pub struct NameTagger {
    weights: HashMap<u64, [f32; NL]>,
    /// The weights of [`TRANSITIONS`]: `transitions[p][l]`.
    transitions: [[f32; NL]; NL],
    /// Feature names in the file's order, for writing it back.
    names: Vec<(String, [f32; NL])>,
}

impl NameTagger {
    /// A tagger from its feature weights.
    pub fn from_weights(names: Vec<(String, [f32; NL])>) -> Self {
        let weights: HashMap<u64, [f32; NL]> = names
            .iter()
            .map(|(n, w)| (Fnv::new().bytes(n.as_bytes()).0, *w))
            .collect();
        let transitions = TRANSITIONS.map(|t| {
            weights
                .get(&Fnv::new().bytes(t.as_bytes()).0)
                .copied()
                .unwrap_or_default()
        });
        NameTagger {
            weights,
            transitions,
            names,
        }
    }

    /// Reads a tagger file: `#` comments, then
    /// `feature<TAB>wO<TAB>wB<TAB>wI<TAB>wJ`.
    ///
    /// ```
    /// use dipgraph::extract::names::NameTagger;
    /// let t = NameTagger::parse("# a tagger\nc0=许\t-1\t2\t0\t0\n").unwrap();
    /// assert_eq!(t.len(), 1);
    /// assert!(NameTagger::parse("c0=许\t1\n").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Self, NamesError> {
        let mut names = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |problem: &str| NamesError::Line {
                line: n + 1,
                problem: problem.to_owned(),
            };
            let mut f = line.split('\t');
            let name = f
                .next()
                .filter(|s| !s.is_empty())
                .ok_or_else(|| bad("no feature"))?;
            let mut w = [0f32; NL];
            for x in &mut w {
                *x = f
                    .next()
                    .ok_or_else(|| bad("expected a feature and four weights"))?
                    .parse()
                    .map_err(|_| bad("a weight is not a number"))?;
            }
            if f.next().is_some() {
                return Err(bad("expected a feature and four weights"));
            }
            names.push((name.to_owned(), w));
        }
        Ok(Self::from_weights(names))
    }

    /// The file [`Self::parse`] reads, weights rounded to four decimals.
    pub fn to_text(&self, header: &str) -> String {
        let mut out = String::new();
        for l in header.lines() {
            out.push_str("# ");
            out.push_str(l);
            out.push('\n');
        }
        for (n, w) in &self.names {
            out.push_str(n);
            for x in w {
                write!(out, "\t{x:.4}").expect("writing to a String");
            }
            out.push('\n');
        }
        out
    }

    /// Number of features.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The scores of each label at position `i` of a prepared sentence
    /// (its emission), `feats` scratch space.
    fn emit(&self, s: &Prepared, i: usize, feats: &mut Vec<u64>) -> [f32; NL] {
        features(s, i, feats, None);
        self.score(feats)
    }

    fn score(&self, feats: &[u64]) -> [f32; NL] {
        let mut s = [0f32; NL];
        for f in feats {
            if let Some(w) = self.weights.get(f) {
                for l in 0..NL {
                    s[l] += w[l];
                }
            }
        }
        s
    }

    /// Byte spans of the names in a normalised sentence, of 2 to
    /// [`MAX_NAME_CHARS`] characters.
    ///
    /// ```
    /// use dipgraph::extract::names::NameTagger;
    /// // A toy tagger: 许 begins a name, 章 is a second character, 润 a third.
    /// let t = NameTagger::parse("c0=许\t0\t1\t0\t0\nc0=章\t0\t0\t1\t0\nc0=润\t0\t0\t0\t1\n")
    ///     .unwrap();
    /// let s = "学者许章润说";
    /// let names: Vec<&str> = t.tag(s).into_iter().map(|(a, b)| &s[a..b]).collect();
    /// assert_eq!(names, ["许章润"]);
    /// ```
    pub fn tag(&self, s: &str) -> Vec<(usize, usize)> {
        let p = prepare(s);
        let mut feats = Vec::with_capacity(16);
        let emit: Vec<[f32; NL]> = (0..p.chars.len())
            .map(|i| self.emit(&p, i, &mut feats))
            .collect();
        let labels = decode(&emit, &self.transitions);
        spans(&labels)
            .into_iter()
            .filter(|(a, b)| (2..=MAX_NAME_CHARS).contains(&(b - a)))
            .map(|(a, b)| (p.offsets[a], p.offsets[b]))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_follow_the_labels() {
        assert_eq!(spans(&[O, B, I, J, O, B, I]), vec![(1, 4), (5, 7)]);
        assert_eq!(spans(&[B, B, I, J, J]), vec![(0, 1), (1, 5)]);
        assert!(spans(&[O, O]).is_empty());
    }

    #[test]
    fn a_feature_hashes_the_same_whole_or_in_parts() {
        let p = prepare("许章润");
        let mut f = Vec::new();
        let mut n = Vec::new();
        features(&p, 1, &mut f, Some(&mut n));
        assert_eq!(n.len(), f.len());
        for (h, name) in f.iter().zip(&n) {
            assert_eq!(*h, Fnv::new().bytes(name.as_bytes()).0, "{name}");
        }
        assert!(n.contains(&"b-1=许章".to_owned()));
        assert!(n.contains(&"c2=$".to_owned()));
        // 许 a character of foreign names (and a surname), 章 a surname, 润
        // another Chinese character.
        assert!(n.contains(&"k0=TSH".to_owned()), "{n:?}");
        assert!(n.contains(&"k1=SH$".to_owned()), "{n:?}");
        assert_eq!(kind_of('奥'), 'T');
        assert_eq!(kind_of('润'), 'H');
        assert_eq!(kind_of('G'), 'A');
    }

    #[test]
    fn inside_never_follows_outside() {
        // "inside" scores highest everywhere, yet cannot open a name: a
        // name needs a first character worth its cost.
        let none = [[0.0, -20.0, 5.0, 5.0]; 3];
        assert_eq!(decode(&none, &[[0.0; NL]; NL]), [O, O, O]);
        // The whole sequence decides: a weak start the middle confirms.
        let weak_start = [
            [0.0, -1.0, -1.0, -1.0],
            [0.0, -1.0, 4.0, -1.0],
            [0.0, 0.0, -1.0, -1.0],
        ];
        assert_eq!(decode(&weak_start, &[[0.0; NL]; NL]), [B, I, O]);
        assert!(decode(&[], &[[0.0; NL]; NL]).is_empty());
        // A third character follows a second, never a first: a strong
        // third label right after a first cannot be taken.
        let skip = [[0.0, 2.0, -9.0, -9.0], [0.0, -9.0, -9.0, 9.0]];
        assert_eq!(decode(&skip, &[[0.0; NL]; NL]), [B, O]);
        let third = [
            [0.0, 2.0, -9.0, -9.0],
            [0.0, -9.0, 1.0, -9.0],
            [0.0, -9.0, -9.0, 1.0],
        ];
        assert_eq!(decode(&third, &[[0.0; NL]; NL]), [B, I, J]);
    }

    #[test]
    fn the_file_round_trips() {
        let t = NameTagger::from_weights(vec![("c0=许".into(), [0.5, -0.25, 1.0, -2.0])]);
        let text = t.to_text("made by a test");
        let u = NameTagger::parse(&text).unwrap();
        assert_eq!(u.to_text("made by a test"), text);
    }

    #[test]
    fn the_bundled_tagger_finds_names_it_was_not_given() {
        // Names of people outside the registry, in sentences of the shapes
        // news writes them.
        let t = &*NAME_TAGGER;
        let found = |s: &str| -> Vec<String> {
            t.tag(s)
                .into_iter()
                .map(|(a, b)| s[a..b].to_owned())
                .collect()
        };
        assert!(found("清华大学法学教授许章润周一被警方带走。").contains(&"许章润".to_owned()));
        assert!(found("香港众志前主席罗冠聪表示，他已离开香港。").contains(&"罗冠聪".to_owned()));
        // Whole, where greedy decoding over characters and bigrams alone
        // cut them (福田|康夫: 田 ends many names; 吴志|中: 中 starts many
        // words). A statistical tagger: retraining on slightly other
        // labels moves single cases (康京|和, 和 "and", has been cut by
        // some retrainings and kept by others; 康京和 is a registry person,
        // and a cut the article repeats grows whole, `whole_names`).
        assert!(
            found("王毅会见了日本前首相福田康夫、自民党干事长二阶俊博等日本友人。")
                .contains(&"福田康夫".to_owned())
        );
        assert!(found("驻法代表吴志中出席听证会。").contains(&"吴志中".to_owned()));
    }
}
