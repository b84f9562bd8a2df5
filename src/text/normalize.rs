use std::ops::Range;
use zhconv::{Variant, zhconv};

/// A text and its normalised form, aligned character by character.
///
/// Traditional→simplified conversion and width folding both map one character
/// to one character, so the i-th character of `norm` comes from the i-th
/// character of `orig`. `offsets` records, for every character boundary of
/// `norm`, the matching byte offset in `orig`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub orig: String,
    pub norm: String,
    /// `(norm_byte, orig_byte)` for each character start, plus the end.
    offsets: Vec<(usize, usize)>,
}

impl Normalized {
    /// Maps a byte range of `norm` (on character boundaries) to the same
    /// characters of `orig`.
    pub fn orig_range(&self, norm: Range<usize>) -> Range<usize> {
        let find = |b: usize| match self.offsets.binary_search_by_key(&b, |&(n, _)| n) {
            Ok(i) => self.offsets[i].1,
            // Not a boundary: round down to the character containing it.
            Err(i) => self.offsets[i.saturating_sub(1)].1,
        };
        find(norm.start)..find(norm.end)
    }

    /// The original text of a byte range of `norm`.
    pub fn orig_slice(&self, norm: Range<usize>) -> &str {
        &self.orig[self.orig_range(norm)]
    }
}

/// Normalises `text` for matching: simplified characters, ASCII instead of
/// full-width forms, with an alignment back to the original.
pub fn normalize(text: &str) -> Normalized {
    let folded = fold_width(text);
    let simplified = to_simplified(&folded);
    let norm = if simplified.chars().count() == text.chars().count() {
        simplified
    } else {
        // A phrase rule changed the length somewhere (rare): convert
        // character by character so the alignment holds.
        let mut out = String::with_capacity(folded.len());
        let mut buf = [0u8; 4];
        for c in folded.chars() {
            let one = to_simplified(c.encode_utf8(&mut buf));
            let mut it = one.chars();
            match (it.next(), it.next()) {
                (Some(s), None) => out.push(s),
                _ => out.push(c),
            }
        }
        out
    };
    let mut offsets = Vec::with_capacity(norm.len() / 2 + 1);
    let mut orig_iter = text.char_indices();
    for (nb, _) in norm.char_indices() {
        let (ob, _) = orig_iter.next().expect("aligned by construction");
        offsets.push((nb, ob));
    }
    offsets.push((norm.len(), text.len()));
    Normalized {
        orig: text.to_owned(),
        norm,
        offsets,
    }
}

/// Traditional → simplified Chinese (OpenCC tables).
pub fn to_simplified(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    zhconv(text, Variant::ZhHans)
}

/// Folds full-width ASCII (U+FF01–FF5E) to ASCII and the ideographic space to
/// a space, and writes every dot that joins the parts of a transliterated
/// name as the interpunct `·`; every other character is kept. One character
/// in, one out.
///
/// Outlets join a foreign name's parts with whatever dot their keyboard
/// gives: 安东尼‧泽克尔 (U+2027), 伊兹•贾亚辛哈, 肯尼思∙布雷斯韦, 艾瑞克．叶
/// (full width), 亨特.拜登 — one name in eight of the training pool's
/// (119 of 1,018 dotted names between Chinese characters). Names are read,
/// mined and listed with `·`, so the others would cut a name at its dot.
/// A full stop is such a dot only between two Chinese characters (a
/// sentence never ends in `.` inside Chinese text; `U.S.`, `3.5` stay).
pub fn fold_width(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        out.push(match c {
            '\u{ff01}'..='\u{ff5e}' if c != '．' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            // Taiwanese texts list with the radical 丶 for the comma 、.
            '丶' => '、',
            '‧' | '•' | '∙' | '⋅' | '・' | '･' => '·',
            '．' | '.'
                if i > 0
                    && chars.get(i + 1).is_some_and(|&n| is_han(n))
                    && is_han(chars[i - 1]) =>
            {
                '·'
            }
            '．' => '.',
            _ => c,
        });
    }
    out
}

/// A CJK unified ideograph (the basic block: names are written in it).
pub fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_becomes_simplified() {
        assert_eq!(to_simplified("會談"), "会谈");
        assert_eq!(to_simplified("會後"), "会后");
        assert_eq!(to_simplified("長官"), "长官");
        assert_eq!(to_simplified("美國國務卿蓬佩奧"), "美国国务卿蓬佩奥");
        assert_eq!(to_simplified("王毅"), "王毅");
    }

    #[test]
    fn full_width_ascii_is_folded() {
        assert_eq!(fold_width("Ｇ７（２６日）"), "G7(26日)");
        assert_eq!(fold_width("a\u{3000}b"), "a b");
    }

    #[test]
    fn every_dot_joining_a_name_is_the_interpunct() {
        for name in [
            "安东尼‧泽克尔",
            "伊兹•贾亚辛哈",
            "肯尼思∙布雷斯韦",
            "艾瑞克．叶",
            "亨特.拜登",
        ] {
            let folded = fold_width(name);
            assert_eq!(
                folded.chars().filter(|&c| c == '·').count(),
                1,
                "{name} -> {folded}"
            );
            assert_eq!(folded.chars().count(), name.chars().count());
        }
        // A full stop elsewhere stays one.
        assert_eq!(fold_width("U.S.和3.5%"), "U.S.和3.5%");
        assert_eq!(fold_width("拜登．"), "拜登.");
    }

    #[test]
    fn normalised_spans_map_back_to_the_original() {
        let n = normalize("文在寅的辦公室在會後指出（２６日）");
        assert_eq!(n.norm, "文在寅的办公室在会后指出(26日)");
        let start = n.norm.find("会后").unwrap();
        assert_eq!(n.orig_slice(start..start + "会后".len()), "會後");
        let start = n.norm.find("26").unwrap();
        assert_eq!(n.orig_slice(start..start + 2), "２６");
        assert_eq!(n.orig_slice(0..n.norm.len()), n.orig);
    }
}
