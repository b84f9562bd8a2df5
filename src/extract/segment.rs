//! A word segmenter with part-of-speech tags (jieba-rs), for one job only:
//! person names (`nr`, `nrf`, `nrt`, `nrfg`) that neither the registry nor
//! the <state><title><name> pattern of `mentions.rs` finds. It is built
//! once, lazily, and shared; the lexicons' strings are added to its
//! dictionary so that it cuts where they do (马克龙 stays one word, not
//! 马克/龙; 外长王毅 is a title and a name).

use super::lexicon::{LEXICON, Tag};
use jieba_rs::Jieba;
use std::sync::LazyLock;

/// The segmenter, with every lexicon string as a word of its kind.
pub static SEGMENTER: LazyLock<Jieba> = LazyLock::new(|| {
    let mut j = Jieba::new();
    let lex = &*LEXICON;
    for (word, tag) in lex.patterns() {
        let pos = match tag {
            Tag::Actor(a) => match lex.actor_type(*a) {
                crate::model::ActorType::Person => "nr",
                crate::model::ActorType::State => "ns",
                crate::model::ActorType::Org => "nt",
            },
            Tag::Place(_) => "ns",
            Tag::Side(_) | Tag::Body(_) | Tag::GenericBody | Tag::NotActor => "nt",
            Tag::Title(_) => "n",
            Tag::Trigger(_) => "v",
            Tag::Pronoun(_) => "r",
            Tag::Modality(_) => "d",
            Tag::Prep(_) => "p",
            Tag::Neutral => "n",
        };
        // A frequency of None makes jieba keep the word whole.
        j.add_word(word, None, Some(pos));
    }
    j
});

/// The words of `s` as byte spans, each with whether the segmenter tags it
/// a person's name.
pub fn words(s: &str) -> Vec<(usize, usize, bool)> {
    SEGMENTER
        .tag(s, true)
        .into_iter()
        .map(|t| {
            let person = matches!(t.tag, "nr" | "nrf" | "nrt" | "nrfg");
            (t.byte_start, t.byte_end, person)
        })
        .collect()
}

/// Byte spans of the words of `s` the segmenter tags as person names.
pub fn person_names(s: &str) -> Vec<(usize, usize)> {
    words(s)
        .into_iter()
        .filter(|w| w.2)
        .map(|w| (w.0, w.1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_names_stay_whole() {
        let s = "马克龙会见了李文涛。";
        let ws: Vec<&str> = words(s).iter().map(|w| &s[w.0..w.1]).collect();
        assert!(ws.contains(&"马克龙"), "{ws:?}");
        assert!(person_names(s).iter().any(|&(a, b)| &s[a..b] == "马克龙"));
    }
}
