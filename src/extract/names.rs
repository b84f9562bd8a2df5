//! A character tagger for people's names the registry and the mined list do
//! not know (许章润, 耿潇男, 罗冠聪): most people who act in real news are not
//! heads of state, and a sentence's actors must be found before anything can
//! be said of them.
//!
//! It is a greedy left-to-right averaged perceptron over characters with
//! three labels (outside, begins a name, inside a name), distilled from the
//! LAC BiGRU-CRF model: `scripts/lac_tag.py` tagged the training pool once
//! (`data/ner/lac_train.tsv`), and `dipgraph train-names` learns from those
//! names projected onto the sentences (`crate::train::names`). LAC runs at
//! ~750 sentences/s; this runs at hundreds of thousands, so extraction keeps
//! its speed bar. Features are named (`c0=林`, `b-1=外长`, `p=B`), the weights
//! live in `data/model/names.tagger`, and a feature is looked up by the
//! FNV-1a hash of its name, built without allocating.
//!
//! It runs on the normalised sentence (simplified, width-folded), like every
//! matcher of the extractor.

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

/// Labels: outside a name, first character of a name, later character.
pub const LABELS: [&str; 3] = ["O", "B", "I"];
const O: usize = 0;
const B: usize = 1;
const I: usize = 2;

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

/// The hashed features of position `i` given the previous label, and with
/// `names` their names (for training, and for reading a model file).
/// Templates: characters at −2…+2 (`c-2=`…), the bigrams ending and
/// starting there and the two beside them (`b-2=`, `b-1=`, `b0=`, `b1=`),
/// and the previous label (`p=`).
pub fn features(
    chars: &[char],
    i: usize,
    prev: usize,
    out: &mut Vec<u64>,
    mut names: Option<&mut Vec<String>>,
) {
    out.clear();
    if let Some(n) = names.as_deref_mut() {
        n.clear();
    }
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
    push("p=", &[LABELS[prev].chars().next().unwrap_or('O')]);
}

/// The sentence as the tagger's features see it.
pub fn prepare(s: &str) -> (Vec<char>, Vec<usize>) {
    let mut chars = Vec::new();
    let mut offsets = Vec::new();
    for (o, c) in s.char_indices() {
        chars.push(class_of(c));
        offsets.push(o);
    }
    offsets.push(s.len());
    (chars, offsets)
}

/// Greedy decoding: the best label at each position given the one before;
/// a name never starts with "inside".
pub fn decode(chars: &[char], mut score: impl FnMut(&[u64]) -> [f32; 3]) -> Vec<usize> {
    let mut labels = Vec::with_capacity(chars.len());
    let mut feats = Vec::with_capacity(10);
    let mut prev = O;
    for i in 0..chars.len() {
        features(chars, i, prev, &mut feats, None);
        let w = score(&feats);
        let mut best = O;
        for l in [B, I] {
            if l == I && prev == O {
                continue;
            }
            if w[l] > w[best] {
                best = l;
            }
        }
        labels.push(best);
        prev = best;
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
    weights: HashMap<u64, [f32; 3]>,
    /// Feature names in the file's order, for writing it back.
    names: Vec<(String, [f32; 3])>,
}

impl NameTagger {
    /// A tagger from its feature weights.
    pub fn from_weights(names: Vec<(String, [f32; 3])>) -> Self {
        let weights = names
            .iter()
            .map(|(n, w)| (Fnv::new().bytes(n.as_bytes()).0, *w))
            .collect();
        NameTagger { weights, names }
    }

    /// Reads a tagger file: `#` comments, then `feature<TAB>wO<TAB>wB<TAB>wI`.
    ///
    /// ```
    /// use dipgraph::extract::names::NameTagger;
    /// let t = NameTagger::parse("# a tagger\nc0=许\t-1\t2\t0\n").unwrap();
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
            let mut w = [0f32; 3];
            for x in &mut w {
                *x = f
                    .next()
                    .ok_or_else(|| bad("expected a feature and three weights"))?
                    .parse()
                    .map_err(|_| bad("a weight is not a number"))?;
            }
            if f.next().is_some() {
                return Err(bad("expected a feature and three weights"));
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
            out.push_str(&format!("{n}\t{:.4}\t{:.4}\t{:.4}\n", w[0], w[1], w[2]));
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

    fn score(&self, feats: &[u64]) -> [f32; 3] {
        let mut s = [0f32; 3];
        for f in feats {
            if let Some(w) = self.weights.get(f) {
                for l in 0..3 {
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
    /// // A toy tagger: 许 begins a name, 章 and 润 continue one.
    /// let t = NameTagger::parse("c0=许\t0\t1\t0\nc0=章\t0\t0\t1\nc0=润\t0\t0\t1\n").unwrap();
    /// let s = "学者许章润说";
    /// let names: Vec<&str> = t.tag(s).into_iter().map(|(a, b)| &s[a..b]).collect();
    /// assert_eq!(names, ["许章润"]);
    /// ```
    pub fn tag(&self, s: &str) -> Vec<(usize, usize)> {
        let (chars, offsets) = prepare(s);
        let labels = decode(&chars, |f| self.score(f));
        spans(&labels)
            .into_iter()
            .filter(|(a, b)| (2..=MAX_NAME_CHARS).contains(&(b - a)))
            .map(|(a, b)| (offsets[a], offsets[b]))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_follow_the_labels() {
        assert_eq!(spans(&[O, B, I, I, O, B, I]), vec![(1, 4), (5, 7)]);
        assert_eq!(spans(&[B, B, I]), vec![(0, 1), (1, 3)]);
        assert!(spans(&[O, O]).is_empty());
    }

    #[test]
    fn a_feature_hashes_the_same_whole_or_in_parts() {
        let chars: Vec<char> = "许章润".chars().collect();
        let mut f = Vec::new();
        let mut n = Vec::new();
        features(&chars, 1, B, &mut f, Some(&mut n));
        assert_eq!(n.len(), f.len());
        for (h, name) in f.iter().zip(&n) {
            assert_eq!(*h, Fnv::new().bytes(name.as_bytes()).0, "{name}");
        }
        assert!(n.contains(&"b-1=许章".to_owned()));
        assert!(n.contains(&"c2=$".to_owned()));
        assert!(n.contains(&"p=B".to_owned()));
    }

    #[test]
    fn inside_never_follows_outside() {
        // "inside" scores highest everywhere, yet cannot open a name.
        let t = NameTagger::parse("p=O\t0\t0\t5\np=B\t0\t0\t5\np=I\t0\t0\t5\n").unwrap();
        assert!(t.tag("一二三").is_empty());
    }

    #[test]
    fn the_file_round_trips() {
        let t = NameTagger::from_weights(vec![("c0=许".into(), [0.5, -0.25, 1.0])]);
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
    }
}
