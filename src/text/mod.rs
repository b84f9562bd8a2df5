//! Text normalisation for matching, and sentence splitting.
//!
//! Matching runs on a *normalised* copy of the text (traditional → simplified,
//! full-width ASCII folded) while evidence must be quoted exactly as the article
//! wrote it. [`Normalized`] keeps the two aligned character by character, so a
//! span found in the normalised text maps straight back to the original.

mod normalize;
mod sentences;

pub use normalize::{Normalized, fold_width, is_han, normalize, to_simplified};
pub use sentences::{SentenceSpan, split_sentences};

/// Collapses every run of whitespace (including `\r`, no-break and ideographic
/// spaces) to one ASCII space and trims the ends.
pub fn fold_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_is_folded_and_trimmed() {
        assert_eq!(fold_whitespace("  a\r\n\t b\u{3000}c  "), "a b c");
        assert_eq!(fold_whitespace("\r\r"), "");
    }
}
