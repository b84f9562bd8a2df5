//! Names mined from the archive. Chinese news writes a foreign name once
//! with its original spelling in brackets — 凯斯·克拉奇（Keith Krach），
//! 维斯特奇尔（Milos Vystrcil）— so the archive itself says who the people
//! beyond the registry are and how each is spelled. This module finds every
//! such pair (both bracket widths; traditional text is read in its
//! simplified form), cuts the title and state words in front of the name
//! (美国副国务卿 | 克拉奇), sorts out what the brackets hold that is not a
//! person (organisations, acronyms, places, commentators), groups the
//! spellings of one person by their Latin name (克拉奇 / 柯拉克 with Keith
//! Krach), and ties a group to a registry person when it shares a spelling
//! or an English name with one (彭培奥 becomes another spelling of Mike
//! Pompeo). `dipgraph mine-names ARCHIVE --output ontology/mined_names.csv`
//! writes the result; the registry loads its people beside its own.
//!
//! The steps, one file each with its tests: finding the pairs and cutting
//! the words in front of them (here, with the words in `cues`), trimming
//! run-ons (`run_ons`), grouping spellings into people (`group`), deciding
//! what a group is (`classify`), and the CSV file (`file`).

mod classify;
mod cues;
mod file;
mod group;
mod run_ons;

use classify::{describe, most};
pub use cues::NameCues;
pub use file::{COLUMNS, read_reviewed, write_csv};
use group::{STRAY_AGAINST, one_letter_apart};
pub use group::{group, near_keys};
use run_ons::{run_on, trim_run_ons};

use crate::article::{find_article_files, read_file};
use crate::extract::lexicon::{first_last, folded_key, given_name_in_full, id_key, latin_title};
use crate::extract::registry::Registry;
use crate::model::ActorType;
use crate::model::latin_id;
use crate::text::to_simplified;
use rayon::prelude::*;
use regex::Regex;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::LazyLock;

/// A Chinese run, then a bracketed Latin name: `克拉奇（Keith Krach）` in
/// the normalised text (full-width brackets are folded to ASCII there).
static PAIR: LazyLock<Regex> = LazyLock::new(|| {
    // Latin letters only inside the brackets (\p{L} would take Han too:
    // 网站（Dev 渠道）).
    Regex::new(r"([\p{Han}·‧•・]{2,16})\s*\(\s*([A-Z][\p{Latin}\.'’\- ]{0,40}[\p{Latin}\.])\s*\)")
        .expect("valid pattern")
});

/// One bracketed pair as an article writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// The name in simplified characters, title and state cut away.
    pub spelling: String,
    pub latin: String,
    /// The title word right before the name (副国务卿), if any.
    pub title: Option<String>,
    /// The registry state named before the name (美国 → USA), if any.
    pub state: Option<String>,
}

/// What a mined group is, and so whether the registry loads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// A person the registry does not know: loaded as an actor.
    Person,
    /// A registry person: its new spellings are loaded as aliases.
    Known,
    /// Journalists, analysts, scholars (by their title): never actors.
    Commentator,
    /// Companies, media, institutions, laws, events: the guideline's
    /// non-actors, or bodies the registry lists by hand.
    Organisation,
    /// All-capital abbreviations (WHO, NHK, ADIZ).
    Acronym,
    /// A one-word Latin name never written out in full: a place, a thing,
    /// or a surname alone — too uncertain to load.
    Single,
    /// Seen in one article only, or not shaped like a name: not loaded.
    Uncertain,
    /// A spelling the archive brackets with the full names of several
    /// people (克林顿: Bill and Hillary; 布莱克: Melody Black, Jacob Blake,
    /// George Blake): loaded as a spelling that names none of them unless
    /// the article names one in full.
    Shared,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Person => "person",
            Class::Known => "known",
            Class::Commentator => "commentator",
            Class::Organisation => "organisation",
            Class::Acronym => "acronym",
            Class::Single => "single",
            Class::Uncertain => "uncertain",
            Class::Shared => "shared",
        }
    }

    pub fn parse(s: &str) -> Option<Class> {
        [
            Class::Person,
            Class::Known,
            Class::Commentator,
            Class::Organisation,
            Class::Acronym,
            Class::Single,
            Class::Uncertain,
            Class::Shared,
        ]
        .into_iter()
        .find(|c| c.as_str() == s)
    }
}

/// One person (or one non-person the brackets held), with every spelling.
#[derive(Debug, Clone, PartialEq)]
pub struct MinedName {
    /// From the Latin name, by the registry's id rule (`keith_krach`); a
    /// registry person's own id for [`Class::Known`].
    pub id: String,
    pub class: Class,
    pub label_en: String,
    /// The spelling most articles use.
    pub label_zh: String,
    /// Every other spelling, most used first.
    pub aliases_zh: Vec<String>,
    /// The state most often named before the person.
    pub state: Option<String>,
    /// The title most often written before the person.
    pub title: Option<String>,
    /// Articles naming the group, and bracketed mentions in all.
    pub articles: usize,
    pub mentions: usize,
    /// A person's verdict on the row (a class, e.g. `organisation`), kept
    /// when the file is mined again; it overrides `class` when loaded.
    pub reviewed: Option<String>,
}

/// Why mining stopped.
#[derive(Debug, thiserror::Error)]
pub enum MineError {
    /// None of the paths given holds an article file.
    #[error("{}: no article files found", shown(.0))]
    NoArticles(Vec<PathBuf>),
    #[error("reading {}: {source}", path.display())]
    Read { path: PathBuf, source: csv::Error },
}

fn shown(paths: &[PathBuf]) -> String {
    let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    shown.join(", ")
}

/// The bracketed pairs of one normalised text.
///
/// ```
/// use dipgraph::mine::{NameCues, pairs_in};
/// let cues = NameCues::builtin();
/// let found = pairs_in("美国副国务卿克拉奇(Keith Krach)周四抵达台北。", cues);
/// assert_eq!(found[0].spelling, "克拉奇");
/// assert_eq!(found[0].latin, "Keith Krach");
/// assert_eq!(found[0].title.as_deref(), Some("副国务卿"));
/// assert_eq!(found[0].state.as_deref(), Some("USA"));
/// ```
pub fn pairs_in(norm: &str, cues: &NameCues) -> Vec<Occurrence> {
    PAIR.captures_iter(norm)
        .filter_map(|c| {
            let run = c.get(1)?.as_str();
            let latin = c.get(2)?.as_str().trim().trim_end_matches('.').trim();
            let (spelling, title, state) = cues.split(run)?;
            Some(Occurrence {
                spelling,
                latin: latin.to_owned(),
                title,
                state,
            })
        })
        .collect()
}

/// What one run found, for the report.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MineStats {
    pub files: usize,
    pub unreadable: usize,
    pub pairs: usize,
    pub by_class: BTreeMap<Class, usize>,
}

/// Mines every article under `paths` and groups what it finds.
pub fn mine(
    paths: &[PathBuf],
    registry: &Registry,
    cues: &NameCues,
) -> Result<(Vec<MinedName>, MineStats), MineError> {
    let (files, _) = find_article_files(paths);
    if files.is_empty() {
        return Err(MineError::NoArticles(paths.to_vec()));
    }
    let per_file: Vec<Option<Vec<Occurrence>>> = files
        .par_iter()
        .map(|f| {
            let article = read_file(f).ok()?;
            let mut found = Vec::new();
            if let Some(t) = &article.title {
                found.extend(pairs_in(&crate::text::normalize(t).norm, cues));
            }
            for s in &article.sentences {
                found.extend(pairs_in(&s.norm, cues));
            }
            Some(found)
        })
        .collect();
    let mut stats = MineStats {
        files: files.len(),
        unreadable: per_file.iter().filter(|f| f.is_none()).count(),
        ..MineStats::default()
    };
    let occurrences: Vec<(usize, Occurrence)> = per_file
        .into_iter()
        .enumerate()
        .flat_map(|(i, f)| f.unwrap_or_default().into_iter().map(move |o| (i, o)))
        .collect();
    stats.pairs = occurrences.len();
    let names = group(&occurrences, registry, cues);
    for n in &names {
        *stats.by_class.entry(n.class).or_default() += 1;
    }
    Ok((names, stats))
}

/// What the tests of every step of the miner share.
#[cfg(test)]
mod testing {
    use super::*;

    pub(super) fn cues() -> &'static NameCues {
        NameCues::builtin()
    }

    pub(super) fn occ(spelling: &str, latin: &str) -> Occurrence {
        Occurrence {
            spelling: spelling.into(),
            latin: latin.into(),
            title: None,
            state: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::cues;
    use super::*;

    #[test]
    fn both_bracket_widths_and_traditional_text() {
        for text in [
            "美國副國務卿克拉奇（Keith Krach）抵台",
            "美国副国务卿克拉奇(Keith Krach)抵台",
        ] {
            let norm = crate::text::normalize(text).norm;
            let found = pairs_in(&norm, cues());
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].spelling, "克拉奇");
            assert_eq!(found[0].latin, "Keith Krach");
            assert_eq!(found[0].state.as_deref(), Some("USA"));
        }
        let norm = crate::text::normalize("捷克參議院議長維斯特奇爾（Miloš Vystrčil）").norm;
        let found = pairs_in(&norm, cues());
        assert_eq!(found[0].spelling, "维斯特奇尔");
        assert_eq!(found[0].latin, "Miloš Vystrčil");
        assert_eq!(found[0].state.as_deref(), Some("CZE"));
        // Chinese inside the brackets is no Latin name.
        let norm = crate::text::normalize("推特等网站（Dev 渠道）").norm;
        assert!(pairs_in(&norm, cues()).is_empty());
    }

    #[test]
    fn words_before_the_name_are_cut() {
        let f = |t: &str| pairs_in(&crate::text::normalize(t).norm, cues());
        assert_eq!(
            f("他会见了凯斯·克拉奇(Keith Krach)")[0].spelling,
            "凯斯·克拉奇"
        );
        assert_eq!(
            f("据彭博社报道,维斯特奇尔(Milos Vystrcil)说")[0].spelling,
            "维斯特奇尔"
        );
        assert_eq!(f("与荷兰首相吕特(Mark Rutte)通话")[0].spelling, "吕特");
        // A form of address after the name is cut too, and a title of a body.
        assert_eq!(
            f("英国首相撒切尔夫人(Margaret Thatcher)")[0].spelling,
            "撒切尔"
        );
        assert_eq!(
            f("英格兰国民保健署负责人西蒙·史蒂文斯爵士(Sir Simon Stevens)")[0].spelling,
            "西蒙·史蒂文斯"
        );
        assert_eq!(f("协会执行理事蓝莺(Ingrid Larson)")[0].spelling, "蓝莺");
        // 党员 (titles.csv) is a title.
        assert_eq!(f("德国社民党党员朗耶(Bernd Lange)")[0].spelling, "朗耶");
        assert!(f("会谈(Talks)").is_empty() || f("会谈(Talks)")[0].spelling.chars().count() >= 2);
    }
}
