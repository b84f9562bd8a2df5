//! What the miner knows about the words around a bracketed name: titles
//! and states to cut from the front (美国副国务卿 | 克拉奇), characters a
//! name never starts after (据…报道, | 维斯特奇尔), endings of bodies and
//! places (世界卫生组织), words of Latin names of bodies (University), and
//! the titles of commentators. The words are data: `data/lexicon/mining.csv`
//! and `data/lexicon/titles.csv`; states come from the registry.

use crate::extract::registry::Registry;
use crate::model::ActorType;
use crate::text::to_simplified;
use std::collections::HashSet;
use std::sync::LazyLock;

pub struct NameCues {
    /// Titles and state names, longest first: (word, state id if a state,
    /// whether a commentator's title).
    cuts: Vec<(String, Option<String>, bool)>,
    breaks: HashSet<char>,
    bodies: Vec<String>,
    org_words: HashSet<String>,
    particles: HashSet<String>,
    /// Places that are also surnames (华盛顿): never a person's spelling.
    places: HashSet<String>,
    /// Forms of address written after a name (撒切尔夫人): not part of it.
    addresses: Vec<String>,
    /// Words of time (`data/lexicon/time_words.txt`): a spelling holding one
    /// ran on into the sentence (奥布莱恩周三（Robert O'Brien）).
    times: Vec<String>,
}

static BUILTIN: LazyLock<NameCues> = LazyLock::new(|| {
    NameCues::from_data(
        include_str!("../../data/lexicon/mining.csv"),
        include_str!("../../data/lexicon/titles.csv"),
        include_str!("../../data/lexicon/places.csv"),
        Registry::builtin(),
    )
});

impl NameCues {
    /// The cues bundled with dipgraph.
    pub fn builtin() -> &'static NameCues {
        &BUILTIN
    }

    /// Cues from the mining table, the registry's titles, the lexicon's
    /// places and the registry's states. Rows of an unknown kind are
    /// ignored (comments start with `#`).
    pub fn from_data(
        mining_csv: &str,
        titles_csv: &str,
        places_csv: &str,
        registry: &Registry,
    ) -> NameCues {
        let mut cuts: Vec<(String, Option<String>, bool)> = Vec::new();
        let mut cues = NameCues {
            cuts: Vec::new(),
            breaks: HashSet::new(),
            bodies: Vec::new(),
            org_words: HashSet::new(),
            particles: HashSet::new(),
            places: places_csv
                .lines()
                .skip(1)
                .filter_map(|l| l.split(',').next())
                .map(|p| p.trim().to_owned())
                .collect(),
            addresses: Vec::new(),
            times: include_str!("../../data/lexicon/time_words.txt")
                .lines()
                .map(str::trim)
                .filter(|l| l.chars().count() >= 2 && !l.starts_with('#'))
                .map(str::to_owned)
                .collect(),
        };
        for line in mining_csv.lines().skip(1) {
            let Some((kind, word)) = line.split_once(',') else {
                continue;
            };
            let word = word.trim();
            match kind.trim() {
                "title" | "person_word" => cuts.push((word.to_owned(), None, false)),
                "commentator" => cuts.push((word.to_owned(), None, true)),
                "break" => cues.breaks.extend(word.chars()),
                "body" => cues.bodies.push(word.to_owned()),
                "org_word" => {
                    cues.org_words.insert(word.to_owned());
                }
                "particle" => {
                    cues.particles.insert(word.to_owned());
                }
                "place" => {
                    cues.places.insert(word.to_owned());
                }
                "address" => cues.addresses.push(word.to_owned()),
                _ => {}
            }
        }
        for line in titles_csv.lines().skip(1) {
            if let Some(title) = line.split(',').next().filter(|t| !t.trim().is_empty()) {
                cuts.push((title.trim().to_owned(), None, false));
            }
        }
        for a in registry
            .actors
            .iter()
            .filter(|a| a.kind == ActorType::State)
        {
            for name in std::iter::once(&a.label_zh)
                .chain(&a.aliases_zh)
                .chain(&a.sides_zh)
            {
                let name = to_simplified(name);
                if name.chars().count() >= 2 {
                    cuts.push((name, Some(a.id.clone()), false));
                }
            }
        }
        cuts.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        cuts.dedup_by(|a, b| a.0 == b.0);
        cues.cuts = cuts;
        cues
    }

    /// Splits the Chinese run before a bracket into the name and what stood
    /// before it: (name, title, state). `None` when no name is left.
    pub fn split(&self, run: &str) -> Option<(String, Option<String>, Option<String>)> {
        let run: String = run
            .chars()
            .map(|c| {
                if matches!(c, '‧' | '•' | '・') {
                    '·'
                } else {
                    c
                }
            })
            .collect();
        let run = run.trim_matches('·');
        let chars: Vec<(usize, char)> = run.char_indices().collect();
        let len_after = |byte: usize| run[byte..].chars().filter(|c| *c != '·').count();
        // The rightmost title or state that leaves a name of two characters.
        let mut cut = 0usize;
        let mut title = None;
        let (mut state, mut state_end) = (None, 0usize);
        for (word, state_id, _) in &self.cuts {
            let mut from = 0;
            while let Some(i) = run[from..].find(word.as_str()) {
                let end = from + i + word.len();
                if len_after(end) >= 2 {
                    if let Some(id) = state_id
                        && end > state_end
                        && !self.names_a_post_or_topic(&run[..from + i])
                    {
                        state = Some(id.clone());
                        state_end = end;
                    }
                    if end > cut {
                        cut = end;
                        title = if state_id.is_none() {
                            Some(word.clone())
                        } else {
                            None
                        };
                    }
                }
                from = end;
            }
        }
        let mut start = cut;
        // Then a break character inside what is left (据…报道，维斯特奇尔).
        for &(i, c) in chars.iter().rev() {
            if i < start {
                break;
            }
            if self.breaks.contains(&c) && len_after(i + c.len_utf8()) >= 2 {
                start = i + c.len_utf8();
                title = None;
                break;
            }
        }
        let mut name = run[start..].trim_matches('·');
        // 首相撒切尔夫人（Margaret Thatcher）: the form of address is no
        // part of the name.
        if let Some(a) = self.addresses.iter().find(|a| name.ends_with(a.as_str()))
            && name.chars().count() >= a.chars().count() + 2
        {
            name = name[..name.len() - a.len()].trim_end_matches('·');
        }
        let n = name.chars().filter(|c| *c != '·').count();
        if !(2..=10).contains(&n) || name.contains("··") {
            return None;
        }
        Some((name.to_owned(), title, state))
    }

    /// Does a state word after `before` name where someone is posted (英国
    /// 驻|香港总领事) or what a body is about (参议院|台湾连线共同主席,
    /// 美国国会及行政当局|中国委员会主席, 美国|中国问题专家), not whose the
    /// person is? It does after 驻 and after a body's ending. Taking the
    /// state nearest the name had made Robert Menendez, co-chair of the
    /// Senate Taiwan Caucus, Taiwan's.
    fn names_a_post_or_topic(&self, before: &str) -> bool {
        before.ends_with('驻') || self.bodies.iter().any(|b| before.ends_with(b.as_str()))
    }

    /// Is the title a commentator's (记者, 分析师…)?
    pub fn is_commentator(&self, title: &str) -> bool {
        self.cuts.iter().any(|(w, _, c)| *c && w == title)
    }

    /// An all-capital abbreviation (WHO, NHK, RCEP).
    pub fn is_acronym(&self, latin: &str) -> bool {
        let letters: Vec<char> = latin.chars().filter(|c| c.is_alphabetic()).collect();
        !letters.is_empty()
            && letters.iter().all(|c| c.is_uppercase())
            && latin.split_whitespace().count() <= 2
    }

    /// Holds a word of a body's name, or is too long for a person's name.
    pub fn is_organisation(&self, latin: &str) -> bool {
        let words: Vec<&str> = latin
            .split(|c: char| c.is_whitespace() || c == '-')
            .collect();
        words.len() > 6
            || words
                .iter()
                .any(|w| self.org_words.contains(w.trim_matches('.')))
    }

    /// Two to six words, each capitalised, an initial or a particle.
    pub fn is_person_shaped(&self, latin: &str) -> bool {
        let words: Vec<&str> = latin.split_whitespace().collect();
        (2..=6).contains(&words.len())
            && !self.is_acronym(latin)
            && !self.is_organisation(latin)
            && words.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    || self.particles.contains(&w.to_lowercase())
                    || w.starts_with("al-")
            })
    }

    /// Can the spelling be a name at all? Not when it is, holds or ends
    /// with a title or state word (国家主席, 美国总统拜登), ends like a
    /// body (法新社) or holds a word of time (奥布莱恩周三): those are cuts
    /// that went wrong.
    pub fn is_name_like(&self, spelling: &str) -> bool {
        !self.ends_like_body(spelling)
            && !self.places.contains(spelling)
            && !self.times.iter().any(|t| spelling.contains(t.as_str()))
            && !self
                .cuts
                .iter()
                .any(|(w, _, _)| w.chars().count() >= 2 && spelling.contains(w.as_str()))
    }

    /// Does a Chinese spelling end like a body or place (组织, 大学, 岛)?
    pub fn ends_like_body(&self, spelling: &str) -> bool {
        self.bodies.iter().any(|b| spelling.ends_with(b.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spelling_run_on_into_a_word_of_time_is_no_name() {
        let c = NameCues::builtin();
        assert!(c.is_name_like("奥布莱恩"));
        assert!(!c.is_name_like("奥布莱恩周三"));
        assert!(!c.is_name_like("蓬佩奥今天"));
    }

    #[test]
    fn titles_states_and_breaks_are_cut() {
        let c = NameCues::builtin();
        let split = |r: &str| {
            c.split(r)
                .map(|(n, t, s)| (n, t.unwrap_or_default(), s.unwrap_or_default()))
        };
        assert_eq!(
            split("美国副国务卿克拉奇"),
            Some(("克拉奇".into(), "副国务卿".into(), "USA".into()))
        );
        assert_eq!(
            split("凯斯·克拉奇"),
            Some(("凯斯·克拉奇".into(), String::new(), String::new()))
        );
        assert_eq!(split("会见了维斯特奇尔").unwrap().0, "维斯特奇尔");
        assert_eq!(split("参议院共和党领袖麦康奈尔").unwrap().0, "麦康奈尔");
        assert_eq!(split("欧洲理事会主席米歇尔").unwrap().0, "米歇尔");
        assert_eq!(split("时报记者王霜舟").unwrap().1, "记者");
        assert_eq!(split("的"), None);
    }

    #[test]
    fn a_state_after_a_post_or_a_body_is_not_the_person_s() {
        let c = NameCues::builtin();
        let state = |r: &str| c.split(r).and_then(|(_, _, s)| s);
        assert_eq!(state("参议院台湾连线共同主席梅嫩德斯").as_deref(), None);
        assert_eq!(
            state("美国国会及行政当局中国委员会主席麦戈文").as_deref(),
            Some("USA")
        );
        assert_eq!(state("英国驻香港总领事贺颐年").as_deref(), Some("GBR"));
        assert_eq!(state("美国中国问题专家葛来仪").as_deref(), Some("USA"));
        assert_eq!(state("台湾外交部长吴钊燮").as_deref(), Some("TWN"));
    }

    #[test]
    fn latin_shapes() {
        let c = NameCues::builtin();
        assert!(c.is_person_shaped("Ursula von der Leyen"));
        assert!(c.is_person_shaped("Joseph R. Biden Jr."));
        assert!(!c.is_person_shaped("Nagorno-Karabakh"));
        assert!(c.is_acronym("WHO") && c.is_acronym("RCEP"));
        assert!(c.is_organisation("Johns Hopkins University"));
        assert!(c.is_organisation("Pew Research Center"));
        assert!(c.ends_like_body("世界卫生组织") && !c.ends_like_body("蓬佩奥"));
        assert!(c.is_commentator("记者") && !c.is_commentator("国务卿"));
        assert!(c.is_name_like("蓬佩奥") && c.is_name_like("米奇·麦康奈尔"));
        for junk in ["国家主席", "美国总统拜登", "法新社", "中国", "华盛顿"] {
            assert!(!c.is_name_like(junk), "{junk}");
        }
    }
}
