//! The actor registry (`ontology/actors.csv`, `ontology/roles.csv`): who the
//! known actors are, what they are called in Chinese, and who held which
//! office when.

use crate::model::{ActorType, PartialDate, UnknownActorType};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::LazyLock;

/// A line of a registry file that cannot be read: the file, the line and
/// the problem.
#[derive(Debug, thiserror::Error)]
#[error("{file} line {line}: {problem}")]
pub struct RegistryError {
    /// `actors.csv`, `roles.csv` or `mined_names.csv`.
    pub file: &'static str,
    pub line: usize,
    pub problem: RegistryProblem,
}

/// What is wrong with a line of a registry file.
#[derive(Debug, thiserror::Error)]
pub enum RegistryProblem {
    #[error("{0}")]
    Csv(csv::Error),
    #[error("expected {expected} fields, got {got}")]
    Fields { expected: usize, got: usize },
    #[error("unknown type {:?}", .0.0)]
    Type(UnknownActorType),
    #[error("duplicate id {0}")]
    DuplicateId(String),
    #[error("unknown actor {0}")]
    UnknownActor(String),
    #[error("bad date {0:?}")]
    Date(String),
    /// A mined name marked `known` whose id the registry lacks.
    #[error("known actor {0} is not in the registry")]
    KnownNotInRegistry(String),
}

#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub kind: ActorType,
    pub label_en: String,
    pub label_zh: String,
    pub aliases_zh: Vec<String>,
    pub wikidata: Option<String>,
    /// For a person: the state they serve.
    pub state: Option<String>,
    /// For a state: 中方, 韩方…
    pub sides_zh: Vec<String>,
    /// For a state: bodies that speak for it (白宫, 青瓦台…).
    pub bodies_zh: Vec<String>,
    /// Two-character spellings the miner found (舒默, 博明): never looked
    /// for on their own (as free-standing names they match inside words:
    /// 巴尔干, 拉布拉多), only where something else makes a name certain
    /// ([`Registry::by_short_spelling`]) or the article named the actor in
    /// full before.
    pub short_zh: Vec<String>,
    /// Added from the mined names (`ontology/mined_names.csv`), not the
    /// hand-made registry.
    pub mined: bool,
}

/// One term of office.
#[derive(Debug, Clone)]
pub struct Term {
    pub actor: usize,
    pub role: String,
    pub of: String,
    pub from: PartialDate,
    pub to: Option<PartialDate>,
}

impl Term {
    /// Does the term cover `date`? Partial bounds count from their first day.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from.first_day() <= date && self.to.is_none_or(|to| date < to.first_day())
    }
}

#[derive(Debug, Clone)]
pub struct Registry {
    pub actors: Vec<Actor>,
    pub terms: Vec<Term>,
    by_id: HashMap<String, usize>,
    /// Each two-character spelling of [`Actor::short_zh`] to its actor (the
    /// one written in more articles when two share it).
    by_short: HashMap<String, usize>,
    /// Spellings of mined people that another mined person's name holds
    /// too (a full spelling, or the surname of a `名·姓` spelling: 麦卡锡 is
    /// Kevin, Gina and Joseph McCarthy), with no owner written in three
    /// times the articles of the next; and the spellings the miner found
    /// bracketed with several people (its `shared` rows: 布莱克). Read as
    /// nobody known unless the article names one of them in full.
    shared: HashMap<String, SharedSpelling>,
    /// Spellings two or more mined people write (麦卡锡: Kevin, Gina and
    /// Joseph McCarthy), none of them the hand registry's, with each
    /// writer and the title the miner found before their name most often
    /// (领袖, 署长, 参议员): what a title next to the spelling can tell
    /// apart ([`Registry::namesakes`]).
    namesakes: HashMap<String, Vec<(usize, String)>>,
    /// Spellings the miner found bracketed with one Latin name shaped as a
    /// person's but does not load as an actor (its `commentator` rows,
    /// `uncertain` ones — seen in one article —, and `organisation` ones
    /// by a word of the Latin name: Nathan Law): who the name tagger's find
    /// of exactly that spelling is, in English ([`Registry::english_name`]).
    english_names: HashMap<String, EnglishName>,
}

/// A person the miner knows by name but does not load as an actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnglishName {
    /// From the Latin name, by the registry's id rule (`ezra_vogel`).
    pub id: String,
    pub label_en: String,
    /// The registry state the miner found before the name most often.
    pub state: Option<String>,
}

/// One mined person who writes a spelling, as the shared-spelling check
/// weighs them.
struct Owner {
    id: String,
    articles: usize,
    state: String,
    /// The last word of their English name.
    surname_en: String,
    /// The miner's title column (领袖, 驻华大使).
    title: String,
}

/// What the people sharing a spelling have in common.
#[derive(Debug, Clone, Default)]
pub struct SharedSpelling {
    /// The state all of them are of, if they agree (克林顿: USA).
    pub state: Option<String>,
    /// The last word of all their English names, if they agree (Clinton):
    /// how to name whoever of them the text means.
    pub surname_en: Option<String>,
}

/// Is a Latin name shaped as a person's: two to five words, each opening
/// with a capital letter, with letters, hyphens, apostrophes and dots only
/// (Ezra Vogel, Jean-Yves Le Drian; not Nagorno-Karabakh, not USS Nimitz 2)?
fn person_shaped(latin: &str) -> bool {
    let words: Vec<&str> = latin.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        })
}

/// The hand-made registry alone: what the name miner ties its groups to.
static HAND: LazyLock<Registry> = LazyLock::new(|| {
    Registry::from_csv(
        include_str!("../../ontology/actors.csv"),
        include_str!("../../ontology/roles.csv"),
    )
    .expect("the bundled registry is valid (checked by tests)")
});

/// The registry extraction uses: the hand-made one with the people mined
/// from the archive (`ontology/mined_names.csv`, `dipgraph mine-names`).
static BUILTIN: LazyLock<Registry> = LazyLock::new(|| {
    let mut registry = HAND.clone();
    registry
        .add_mined(include_str!("../../ontology/mined_names.csv"))
        .expect("the bundled mined names are valid (checked by tests)");
    registry
});

/// Offices held by several people at once, exempt from the overlap check.
const SHARED_OFFICES: &[&str] = &["spokesperson", "vice_foreign_minister", "politburo_member"];

impl Registry {
    pub fn builtin() -> &'static Registry {
        &BUILTIN
    }

    /// `id` when it is a state of the registry (a mined row's state column
    /// may name anything its cues read before a name).
    fn state_id(&self, id: &str) -> Option<String> {
        self.get(id)
            .filter(|a| a.kind == ActorType::State)
            .map(|a| a.id.clone())
    }

    /// The hand-made registry without the mined names.
    pub fn hand() -> &'static Registry {
        &HAND
    }

    /// Adds the mined names (`ontology/mined_names.csv`): each `person` row
    /// (or a row whose `reviewed` column says `person`) becomes a person,
    /// and each `known` row's spellings become aliases of the registry
    /// person it names. A spelling some actor already has is not added
    /// again (the registry's own reading wins), nor is a row whose id the
    /// registry already uses for someone else.
    pub fn add_mined(&mut self, mined_csv: &str) -> Result<(), RegistryError> {
        // How many articles wrote the actor each short spelling now reads as.
        let mut short_articles: HashMap<String, usize> = HashMap::new();
        let mut taken: std::collections::HashSet<String> = self
            .actors
            .iter()
            .flat_map(|a| std::iter::once(&a.label_zh).chain(&a.aliases_zh))
            .cloned()
            .collect();
        // The hand registry's own names and aliases (with those `known`
        // rows add): a spelling of theirs is never shared.
        let mut by_hand: std::collections::HashSet<String> = self
            .actors
            .iter()
            .filter(|a| !a.mined)
            .flat_map(|a| std::iter::once(&a.label_zh).chain(&a.aliases_zh))
            .cloned()
            .collect();
        // Every mined person's spellings and surnames, with their articles
        // (the registry people `known` rows name too: 克林顿 is Bill's and
        // Hillary's surname).
        let mut owners: HashMap<String, Vec<Owner>> = HashMap::new();
        // The miner's `shared` rows.
        let mut listed_shared: Vec<(String, SharedSpelling)> = Vec::new();
        // Each spelling's English name while one row alone writes it: a
        // second row writing it leaves none.
        let mut english_of: HashMap<String, Option<EnglishName>> = HashMap::new();
        let mut rdr = csv::Reader::from_reader(mined_csv.as_bytes());
        for (i, rec) in rdr.records().enumerate() {
            let line = i + 2;
            let error = |problem| RegistryError {
                file: "mined_names.csv",
                line,
                problem,
            };
            let r = rec.map_err(|e| error(RegistryProblem::Csv(e)))?;
            if r.len() != 10 {
                return Err(error(RegistryProblem::Fields {
                    expected: 10,
                    got: r.len(),
                }));
            }
            let class = if r[9].trim().is_empty() {
                &r[1]
            } else {
                r[9].trim()
            };
            // Two-character spellings (巴尔, 拉布) are kept apart
            // (`Actor::short_zh`): as free-standing names they match inside
            // words (巴尔干, 拉布拉多).
            let (mut spellings, short): (Vec<String>, Vec<String>) =
                std::iter::once(r[3].to_owned())
                    .chain(r[4].split('|').map(str::to_owned))
                    .filter(|s| !s.is_empty() && !taken.contains(s))
                    .partition(|s| s.chars().filter(|c| *c != '·').count() >= 3);
            spellings.dedup();
            let articles: usize = r[7].trim().parse().unwrap_or(0);
            let unloaded = matches!(class, "commentator" | "uncertain" | "organisation")
                && person_shaped(&r[2])
                && !r[0].trim().is_empty();
            for sp in std::iter::once(&r[3]).chain(r[4].split('|')) {
                if !sp.is_empty() {
                    match english_of.entry(sp.to_owned()) {
                        std::collections::hash_map::Entry::Occupied(mut e) => {
                            e.insert(None);
                        }
                        std::collections::hash_map::Entry::Vacant(e) => {
                            e.insert(unloaded.then(|| EnglishName {
                                id: r[0].trim().to_owned(),
                                label_en: r[2].trim().to_owned(),
                                state: self.state_id(r[5].trim()),
                            }));
                        }
                    }
                }
            }
            if class == "person" || class == "known" {
                let all = std::iter::once(&r[3]).chain(r[4].split('|'));
                for sp in all.filter(|sp| !sp.is_empty()) {
                    let surname = sp.rsplit('·').next().filter(|_| sp.contains('·'));
                    for key in std::iter::once(sp).chain(surname) {
                        let list = owners.entry(key.to_owned()).or_default();
                        if !list.iter().any(|o| o.id == r[0].trim()) {
                            list.push(Owner {
                                id: r[0].trim().to_owned(),
                                articles,
                                state: r[5].trim().to_owned(),
                                surname_en: r[2].split_whitespace().last().unwrap_or("").to_owned(),
                                title: r[6].trim().to_owned(),
                            });
                        }
                    }
                }
            }
            match class {
                "person" => {
                    let id = r[0].trim().to_owned();
                    if id.is_empty() || self.by_id.contains_key(&id) {
                        continue;
                    }
                    // 周庭, 拉奥: a person the archive writes only short is
                    // read only as its short spellings are.
                    let Some(label_zh) = spellings.first().or(short.first()).cloned() else {
                        continue;
                    };
                    taken.extend(spellings.iter().cloned());
                    self.add_short(self.actors.len(), articles, &short, &mut short_articles);
                    let state = self.state_id(r[5].trim());
                    self.by_id.insert(id.clone(), self.actors.len());
                    self.actors.push(Actor {
                        id,
                        kind: ActorType::Person,
                        label_en: r[2].to_owned(),
                        label_zh,
                        aliases_zh: spellings.into_iter().skip(1).collect(),
                        wikidata: None,
                        state,
                        sides_zh: Vec::new(),
                        bodies_zh: Vec::new(),
                        short_zh: short,
                        mined: true,
                    });
                }
                // 布莱克: the miner's spelling of several people.
                "shared" => listed_shared.push((
                    r[3].to_owned(),
                    SharedSpelling {
                        state: self.state_id(r[5].trim()),
                        surname_en: Some(r[2].trim().to_owned())
                            .filter(|x| x.len() >= 2 && !x.contains('/')),
                    },
                )),
                "known" => {
                    let Some(k) = self.index(r[0].trim()) else {
                        return Err(error(RegistryProblem::KnownNotInRegistry(r[0].to_string())));
                    };
                    taken.extend(spellings.iter().cloned());
                    by_hand.extend(spellings.iter().cloned());
                    self.actors[k].aliases_zh.extend(spellings);
                    self.add_short(k, articles, &short, &mut short_articles);
                    self.actors[k].short_zh.extend(short);
                }
                _ => {}
            }
        }
        for (spelling, name) in english_of {
            if let Some(name) = name
                && !taken.contains(&spelling)
                && !self.by_id.contains_key(&name.id)
            {
                self.english_names.insert(spelling, name);
            }
        }
        for (spelling, what) in listed_shared {
            if by_hand.contains(&spelling) {
                continue;
            }
            // The spelling is tagged as one of the mined people whose
            // dotted names end with it (雅各布·布莱克 for 布莱克), so the
            // shared reading finds it where no tagger would (克林顿会见了…);
            // that reading never takes the person it is tagged as.
            let owner = owners
                .get(&spelling)
                .and_then(|list| {
                    list.iter()
                        .max_by_key(|o| (o.articles, std::cmp::Reverse(&o.id)))
                })
                .and_then(|o| self.index(&o.id));
            if let Some(k) = owner
                && spelling.chars().count() >= 3
                && taken.insert(spelling.clone())
            {
                self.actors[k].aliases_zh.push(spelling.clone());
            }
            self.shared.insert(spelling, what);
        }
        // A spelling two mined people write, neither in three times the
        // articles of the other, is shared too; what two or more owners
        // of a shared spelling agree on (克林顿: Bill and Hillary, USA)
        // fills what its row leaves open.
        for (spelling, mut list) in owners {
            if by_hand.contains(&spelling) {
                continue;
            }
            list.sort_by_key(|o| std::cmp::Reverse(o.articles));
            let writers: Vec<(usize, String)> = list
                .iter()
                .filter_map(|o| Some((self.index(&o.id)?, o.title.clone())))
                .collect();
            if writers.len() >= 2 {
                self.namesakes.insert(spelling.clone(), writers);
            }
            if list.len() < 2
                || (list[0].articles >= 3 * list[1].articles.max(1)
                    && !self.shared.contains_key(&spelling))
            {
                continue;
            }
            let state = Some(list[0].state.as_str())
                .filter(|st| list.iter().all(|o| o.state == *st))
                .and_then(|st| self.state_id(st));
            let surname_en = Some(list[0].surname_en.clone())
                .filter(|x| x.len() >= 2 && list.iter().all(|o| &o.surname_en == x));
            let shared = self.shared.entry(spelling).or_default();
            shared.state = shared.state.take().or(state);
            shared.surname_en = shared.surname_en.take().or(surname_en);
        }
        Ok(())
    }

    /// For a mined spelling two mined people share, neither written far
    /// more often (see the field), what they have in common (克林顿: USA,
    /// Clinton; 布莱尔, Tony and Dennis Blair: neither state); none for any
    /// other spelling — the registry's own never are shared.
    ///
    /// ```
    /// use dipgraph::extract::registry::Registry;
    /// let r = Registry::builtin();
    /// let c = r.shared_spelling("克林顿").unwrap(); // Bill and Hillary
    /// assert_eq!((c.state.as_deref(), c.surname_en.as_deref()), (Some("USA"), Some("Clinton")));
    /// assert!(r.shared_spelling("麦卡锡").is_none()); // mostly Kevin McCarthy
    /// assert!(r.shared_spelling("布莱克").is_some()); // Melody Black, Jacob Blake…
    /// assert!(r.shared_spelling("蓬佩奥").is_none());
    /// ```
    pub fn shared_spelling(&self, spelling: &str) -> Option<&SharedSpelling> {
        self.shared.get(spelling)
    }

    /// Who a name no actor of the registry has is in English, when the
    /// miner found exactly this spelling bracketed with one person's Latin
    /// name it does not load as an actor: a commentator by their title
    /// (学者傅高义（Ezra Vogel）), someone written so in one article only
    /// (委内瑞拉外长阿雷亚萨（Jorge Arreaza）), or a person whose surname is a
    /// word of bodies' names (罗冠聪（Nathan Law）: the miner's `Law` of
    /// Basic Law). Nothing for a spelling of two rows, or of a name not
    /// shaped as a person's: the name tagger has found a person there, and
    /// the archive says who.
    ///
    /// ```
    /// use dipgraph::extract::registry::Registry;
    /// let r = Registry::builtin();
    /// assert_eq!(r.english_name("傅高义").unwrap().label_en, "Ezra Vogel");
    /// assert_eq!(r.english_name("阿雷亚萨").unwrap().state.as_deref(), Some("VEN"));
    /// assert_eq!(r.english_name("罗冠聪").unwrap().id, "nathan_law");
    /// assert!(r.english_name("蓬佩奥").is_none()); // the registry's
    /// ```
    pub fn english_name(&self, spelling: &str) -> Option<&EnglishName> {
        self.english_names.get(spelling)
    }

    /// The mined people who write `spelling` when two or more do, the one
    /// written in most articles first, each with the title the miner found
    /// before their name (empty when none); nothing for a spelling of the
    /// hand registry's or of one person.
    ///
    /// ```
    /// use dipgraph::extract::registry::Registry;
    /// let r = Registry::builtin();
    /// let mccarthys: Vec<(&str, &str)> = r
    ///     .namesakes("麦卡锡")
    ///     .iter()
    ///     .map(|(k, title)| (r.actors[*k].id.as_str(), title.as_str()))
    ///     .collect();
    /// assert_eq!(&mccarthys[..2], [("kevin_mccarthy", "领袖"), ("gina_mccarthy", "署长")]);
    /// assert!(r.namesakes("蓬佩奥").is_empty());
    /// ```
    pub fn namesakes(&self, spelling: &str) -> &[(usize, String)] {
        self.namesakes.get(spelling).map_or(&[], Vec::as_slice)
    }

    /// Parses the two registry files; an error names the line and problem.
    ///
    /// ```
    /// use dipgraph::extract::registry::Registry;
    /// let actors = "id,type,label_en,label_zh,aliases_zh,wikidata,state,side_zh,bodies_zh\n\
    ///               wang_yi,person,Wang Yi,王毅,,Q1,CHN,,\n";
    /// let roles = "actor,role,of,from,to\nwang_yi,foreign_minister,CHN,2023-07,\n";
    /// let r = Registry::from_csv(actors, roles).unwrap();
    /// assert_eq!(r.get("wang_yi").unwrap().label_zh, "王毅");
    /// let e = Registry::from_csv(actors, "actor,role,of,from,to\nqin_gang,foreign_minister,CHN,2023,\n");
    /// assert_eq!(e.unwrap_err().to_string(), "roles.csv line 2: unknown actor qin_gang");
    /// ```
    pub fn from_csv(actors_csv: &str, roles_csv: &str) -> Result<Registry, RegistryError> {
        let list = |s: &str| -> Vec<String> {
            s.split('|')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        let mut actors = Vec::new();
        let mut by_id = HashMap::new();
        let mut rdr = csv::Reader::from_reader(actors_csv.as_bytes());
        for (i, rec) in rdr.records().enumerate() {
            let line = i + 2;
            let error = |problem| RegistryError {
                file: "actors.csv",
                line,
                problem,
            };
            let r = rec.map_err(|e| error(RegistryProblem::Csv(e)))?;
            if r.len() != 9 {
                return Err(error(RegistryProblem::Fields {
                    expected: 9,
                    got: r.len(),
                }));
            }
            let kind: ActorType = r[1].parse().map_err(|e| error(RegistryProblem::Type(e)))?;
            let id = r[0].trim().to_owned();
            if by_id.insert(id.clone(), actors.len()).is_some() {
                return Err(error(RegistryProblem::DuplicateId(id)));
            }
            actors.push(Actor {
                id,
                kind,
                label_en: r[2].to_owned(),
                label_zh: r[3].to_owned(),
                aliases_zh: list(&r[4]),
                wikidata: opt(&r[5]),
                state: opt(&r[6]),
                sides_zh: list(&r[7]),
                bodies_zh: list(&r[8]),
                short_zh: Vec::new(),
                mined: false,
            });
        }
        let mut terms = Vec::new();
        let mut rdr = csv::Reader::from_reader(roles_csv.as_bytes());
        for (i, rec) in rdr.records().enumerate() {
            let line = i + 2;
            let error = |problem| RegistryError {
                file: "roles.csv",
                line,
                problem,
            };
            let r = rec.map_err(|e| error(RegistryProblem::Csv(e)))?;
            let actor = *by_id
                .get(&r[0])
                .ok_or_else(|| error(RegistryProblem::UnknownActor(r[0].to_string())))?;
            let date = |s: &str| {
                s.parse::<PartialDate>()
                    .map_err(|_| error(RegistryProblem::Date(s.to_string())))
            };
            let to = if r[4].is_empty() {
                None
            } else {
                Some(date(&r[4])?)
            };
            terms.push(Term {
                actor,
                role: r[1].to_owned(),
                of: r[2].to_owned(),
                from: date(&r[3])?,
                to,
            });
        }
        Ok(Registry {
            actors,
            terms,
            by_id,
            by_short: HashMap::new(),
            shared: HashMap::new(),
            namesakes: HashMap::new(),
            english_names: HashMap::new(),
        })
    }

    /// Claims `short` spellings for actor `k`, mined from `articles`
    /// articles, where no actor written in more articles holds them.
    fn add_short(
        &mut self,
        k: usize,
        articles: usize,
        short: &[String],
        short_articles: &mut HashMap<String, usize>,
    ) {
        for s in short {
            if short_articles.get(s).is_none_or(|&n| n < articles) {
                short_articles.insert(s.clone(), articles);
                self.by_short.insert(s.clone(), k);
            }
        }
    }

    /// The actor a two-character mined spelling reads as (舒默 → Chuck
    /// Schumer), for a name already known to be one.
    ///
    /// ```
    /// use dipgraph::extract::registry::Registry;
    /// let r = Registry::builtin();
    /// assert_eq!(r.actors[r.by_short_spelling("舒默").unwrap()].id, "chuck_schumer");
    /// assert!(r.by_short_spelling("会见").is_none());
    /// ```
    pub fn by_short_spelling(&self, name: &str) -> Option<usize> {
        self.by_short.get(name).copied()
    }

    pub fn index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn get(&self, id: &str) -> Option<&Actor> {
        self.index(id).map(|i| &self.actors[i])
    }

    /// Who held `role` of `of` on `date` (the latest-starting term if
    /// several cover it).
    pub fn holder(&self, role: &str, of: &str, date: NaiveDate) -> Option<usize> {
        self.terms
            .iter()
            .filter(|t| t.role == role && t.of == of && t.covers(date))
            .max_by_key(|t| t.from.first_day())
            .map(|t| t.actor)
    }

    /// Did actor `i` ever hold `role` (of `of`, or of any state), by the
    /// registry's terms?
    ///
    /// ```
    /// use dipgraph::extract::registry::Registry;
    /// let r = Registry::builtin();
    /// let carter = |id| r.index(id).unwrap();
    /// assert!(r.held(carter("jimmy_carter"), "head_of_state", Some("USA")));
    /// assert!(!r.held(carter("ash_carter"), "head_of_state", None));
    /// assert!(r.held(carter("ash_carter"), "defense_minister", None));
    /// ```
    pub fn held(&self, i: usize, role: &str, of: Option<&str>) -> bool {
        self.terms
            .iter()
            .any(|t| t.actor == i && t.role == role && of.is_none_or(|of| t.of == of))
    }

    /// Does the registry keep terms of `role` of `of` at all (whoever held
    /// it)?
    ///
    /// ```
    /// use dipgraph::extract::registry::Registry;
    /// let r = Registry::builtin();
    /// assert!(r.keeps_terms("head_of_state", "USA"));
    /// assert!(!r.keeps_terms("head_of_government", "AUT"));
    /// ```
    pub fn keeps_terms(&self, role: &str, of: &str) -> bool {
        self.terms.iter().any(|t| t.role == role && t.of == of)
    }

    /// Problems that make the registry untrustworthy: overlapping terms of
    /// a single-holder office, terms ending before they start.
    pub fn integrity_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for t in &self.terms {
            if let Some(to) = t.to
                && to.first_day() < t.from.first_day()
            {
                problems.push(format!(
                    "{} {} of {}: ends before it starts",
                    self.actors[t.actor].id, t.role, t.of
                ));
            }
        }
        let mut by_office: HashMap<(&str, &str), Vec<&Term>> = HashMap::new();
        for t in self
            .terms
            .iter()
            .filter(|t| !SHARED_OFFICES.contains(&t.role.as_str()))
        {
            by_office.entry((&t.role, &t.of)).or_default().push(t);
        }
        for ((role, of), mut terms) in by_office {
            terms.sort_by_key(|t| t.from.first_day());
            for pair in terms.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                let a_end = a.to.map(|d| d.first_day());
                if a_end.is_none_or(|end| end > b.from.first_day()) {
                    problems.push(format!(
                        "{role} of {of}: {} ({}–{}) overlaps {} (from {})",
                        self.actors[a.actor].id,
                        a.from,
                        a.to.map(|d| d.to_string()).unwrap_or_default(),
                        self.actors[b.actor].id,
                        b.from
                    ));
                }
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn mined_people_are_added_and_known_spellings_become_aliases() {
        let mut r = Registry::hand().clone();
        let n = r.actors.len();
        r.add_mined(
            "id,class,label_en,label_zh,aliases_zh,state,title,articles,mentions,reviewed\n\
             anna_muster,person,Anna Muster,穆斯特,安娜·穆斯特,USA,副国务卿,9,12,\n\
             mike_pompeo,known,Mike Pompeo,蓬佩奥,彭培奥,USA,国务卿,90,300,\n\
             who,acronym,WHO,世界卫生组织,,,,50,80,\n\
             jane_roe,uncertain,Jane Roe,罗伊斯,,,,1,1,person\n\
             bad_one,person,Bad One,蓬佩奥,,,,5,5,organisation\n",
        )
        .unwrap();
        assert_eq!(r.actors.len(), n + 2);
        let anna = r.get("anna_muster").unwrap();
        assert_eq!(
            (anna.label_zh.as_str(), anna.state.as_deref()),
            ("穆斯特", Some("USA"))
        );
        assert_eq!(anna.aliases_zh, vec!["安娜·穆斯特"]);
        assert!(
            r.get("mike_pompeo")
                .unwrap()
                .aliases_zh
                .contains(&"彭培奥".to_string())
        );
        assert!(
            r.get("jane_roe").is_some(),
            "a reviewed row overrides its class"
        );
        assert!(r.get("bad_one").is_none());
        assert_eq!(
            r.add_mined("id,class\nx,person\n").unwrap_err().to_string(),
            "mined_names.csv line 2: expected 10 fields, got 2"
        );
    }

    #[test]
    fn a_shared_row_makes_its_spelling_nobodys_but_never_a_hand_name() {
        let mut r = Registry::hand().clone();
        let n = r.actors.len();
        r.add_mined(
            "id,class,label_en,label_zh,aliases_zh,state,title,articles,mentions,reviewed\n\
             shared_black_blake,shared,Black / Blake,布莱克,,,男子,15,15,\n\
             shared_clinton,shared,Clinton,柯林顿,,USA,总统,53,55,\n\
             shared_pompeo,shared,Pompeo,蓬佩奥,,USA,,9,9,\n",
        )
        .unwrap();
        assert_eq!(r.actors.len(), n, "a shared row is no actor");
        let blake = r.shared_spelling("布莱克").unwrap();
        assert_eq!(
            (blake.state.as_deref(), blake.surname_en.as_deref()),
            (None, None)
        );
        let clinton = r.shared_spelling("柯林顿").unwrap();
        assert_eq!(
            (clinton.state.as_deref(), clinton.surname_en.as_deref()),
            (Some("USA"), Some("Clinton"))
        );
        // The hand registry's own spelling stays its person's.
        assert!(r.shared_spelling("蓬佩奥").is_none());
    }

    #[test]
    fn bundled_registry_is_consistent() {
        let r = Registry::builtin();
        let problems = r.integrity_problems();
        assert!(problems.is_empty(), "{problems:#?}");
        for a in &r.actors {
            assert!(!a.label_zh.is_empty(), "{} has no Chinese label", a.id);
            for alias in &a.aliases_zh {
                assert!(
                    alias.chars().count() > 1,
                    "{}: single-character alias {alias}",
                    a.id
                );
            }
        }
    }

    #[test]
    fn covers_the_required_states_and_organisations() {
        let r = Registry::builtin();
        let states = r
            .actors
            .iter()
            .filter(|a| a.kind == ActorType::State)
            .count();
        assert!(states >= 194, "{states} states");
        for id in [
            "CHN",
            "KOR",
            "PRK",
            "TWN",
            "un",
            "un_security_council",
            "asean",
            "g7",
            "g20",
            "nato",
            "eu",
            "who",
            "sco",
            "brics",
            "quad",
        ] {
            assert!(r.get(id).is_some(), "{id} missing");
        }
    }

    #[test]
    fn offices_resolve_by_date() {
        let r = Registry::builtin();
        let id = |i: Option<usize>| i.map(|i| r.actors[i].id.as_str());
        assert_eq!(
            id(r.holder("foreign_minister", "KOR", day("2020-11-26"))),
            Some("kang_kyung_wha")
        );
        assert_eq!(
            id(r.holder("foreign_minister", "KOR", day("2023-08-31"))),
            Some("park_jin")
        );
        assert_eq!(
            id(r.holder("foreign_minister", "KOR", day("2024-02-06"))),
            Some("cho_tae_yul")
        );
        assert_eq!(
            id(r.holder("foreign_minister", "CHN", day("2023-03-01"))),
            Some("qin_gang")
        );
        assert_eq!(
            id(r.holder("head_of_state", "USA", day("2023-11-01"))),
            Some("joe_biden")
        );
        assert_eq!(
            id(r.holder("head_of_state", "CHN", day("2020-11-26"))),
            Some("xi_jinping")
        );
        assert_eq!(r.holder("foreign_minister", "KOR", day("1990-01-01")), None);
    }

    #[test]
    fn malformed_files_are_reported_with_the_line() {
        let header = "id,type,label_en,label_zh,aliases_zh,wikidata,state,side_zh,bodies_zh\n";
        let e = Registry::from_csv(
            &format!("{header}x,planet,X,甲,,,,,\n"),
            "actor,role,of,from,to\n",
        )
        .unwrap_err()
        .to_string();
        assert_eq!(e, "actors.csv line 2: unknown type \"planet\"");
        let e = Registry::from_csv(
            &format!("{header}x,person,X,甲,,,,,\nx,person,X,乙,,,,,\n"),
            "actor,role,of,from,to\n",
        )
        .unwrap_err()
        .to_string();
        assert_eq!(e, "actors.csv line 3: duplicate id x");
        let e = Registry::from_csv(
            &format!("{header}x,person,X,甲,,,,,\n"),
            "actor,role,of,from,to\nx,head_of_state,CHN,2020-13-01,\n",
        )
        .unwrap_err()
        .to_string();
        assert_eq!(e, "roles.csv line 2: bad date \"2020-13-01\"");
        let r = Registry::from_csv(
            &format!("{header}a,person,A,甲,,,,,\nb,person,B,乙,,,,,\n"),
            "actor,role,of,from,to\na,head_of_state,CHN,2020-01-01,2022-01-01\nb,head_of_state,CHN,2021-01-01,\n",
        )
        .unwrap();
        assert_eq!(r.integrity_problems().len(), 1);
    }
}
