//! The ten relation types of the annotation guideline and their table,
//! `data/lexicon/relations.csv`: the one place that says what a relation is
//! called (English, Chinese), whether it is directed, its CAMEO and PLOVER
//! codes, and how drawings and the explorer colour it.

use serde::Deserialize;
use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

/// The ten relation types of the annotation guideline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    Meet,
    Call,
    Visit,
    Invite,
    Agree,
    Cooperate,
    Appeal,
    Support,
    Criticize,
    Concern,
}

impl Relation {
    /// Every relation, in the guideline's (and the table's) order.
    pub const ALL: [Relation; 10] = [
        Relation::Meet,
        Relation::Call,
        Relation::Visit,
        Relation::Invite,
        Relation::Agree,
        Relation::Cooperate,
        Relation::Appeal,
        Relation::Support,
        Relation::Criticize,
        Relation::Concern,
    ];

    /// Its place in [`Relation::ALL`] (for tables indexed by relation).
    ///
    /// ```
    /// use dipgraph::model::Relation;
    /// assert!(Relation::ALL.iter().enumerate().all(|(k, r)| r.index() == k));
    /// ```
    pub fn index(self) -> usize {
        self as usize
    }

    /// The relation's name in data, RDF and on the command line (`meet`).
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Meet => "meet",
            Relation::Call => "call",
            Relation::Visit => "visit",
            Relation::Invite => "invite",
            Relation::Agree => "agree",
            Relation::Cooperate => "cooperate",
            Relation::Appeal => "appeal",
            Relation::Support => "support",
            Relation::Criticize => "criticize",
            Relation::Concern => "concern",
        }
    }

    /// Labels, codes and colour from `data/lexicon/relations.csv`.
    ///
    /// ```
    /// use dipgraph::model::Relation;
    /// let visit = Relation::Visit.info();
    /// assert_eq!((visit.label_zh.as_str(), visit.cameo.as_slice()), ("访问", &["042".to_string()][..]));
    /// ```
    pub fn info(self) -> &'static RelationInfo {
        &RELATIONS[self.index()]
    }

    /// Does the subject act on the object (a visit, an appeal), or do both
    /// take part alike (a meeting, a call)?
    pub fn directed(self) -> bool {
        self.info().directed
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not one of the ten relations.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown relation {0:?} (the relations are meet, call, visit, invite, agree, cooperate, appeal, support, criticize, concern)"
)]
pub struct UnknownRelation(pub String);

/// Reads a relation's name, ignoring case and surrounding space.
///
/// ```
/// use dipgraph::model::Relation;
/// assert_eq!(" Criticize".parse::<Relation>(), Ok(Relation::Criticize));
/// assert!("hug".parse::<Relation>().is_err());
/// ```
impl FromStr for Relation {
    type Err = UnknownRelation;
    fn from_str(s: &str) -> Result<Self, UnknownRelation> {
        let name = s.trim().to_ascii_lowercase();
        Relation::ALL
            .into_iter()
            .find(|r| r.as_str() == name)
            .ok_or_else(|| UnknownRelation(s.to_string()))
    }
}

/// One row of `data/lexicon/relations.csv`.
#[derive(Debug, Clone)]
pub struct RelationInfo {
    pub directed: bool,
    /// CAMEO event codes (`040`), as text: the leading zero is part of the code.
    pub cameo: Vec<String>,
    /// PLOVER event types (`CONSULT`).
    pub plover: Vec<String>,
    pub label_en: String,
    pub label_zh: String,
    /// `#RRGGBB`, chosen so the ten stay apart in one drawing.
    pub colour: String,
    /// A Graphviz edge style: `solid`, `dashed`, `dotted` or `bold`.
    pub line_style: String,
    /// The ontology's class for an event of this relation (`Meeting`, in `dip:`).
    pub rdf_class: String,
    /// The ontology's direct actor-to-actor property (`metWith`, in `dip:`).
    pub rdf_edge: String,
}

/// The table as written: `relation,directed,cameo,plover,label_en,label_zh,colour,line_style,rdf_class,rdf_edge`.
#[derive(Deserialize)]
struct Row {
    relation: String,
    directed: String,
    cameo: String,
    plover: String,
    label_en: String,
    label_zh: String,
    colour: String,
    line_style: String,
    rdf_class: String,
    rdf_edge: String,
}

const RELATIONS_CSV: &str = include_str!("../../data/lexicon/relations.csv");

/// The table in [`Relation::ALL`]'s order. It is compiled in, so a
/// malformed table is a build defect, caught by this module's tests.
static RELATIONS: LazyLock<Vec<RelationInfo>> = LazyLock::new(|| {
    parse_table(RELATIONS_CSV).unwrap_or_else(|e| panic!("data/lexicon/relations.csv: {e}"))
});

/// What is wrong with the relation table.
#[derive(Debug, thiserror::Error)]
enum TableError {
    /// A row that is no CSV row of the table's columns.
    #[error("{0}")]
    Csv(#[from] csv::Error),
    #[error("row {row}: {source}")]
    Relation { row: usize, source: UnknownRelation },
    #[error("row {row}: directed is {value:?}, not yes or no")]
    Directed { row: usize, value: String },
    #[error("no row for {0}")]
    Missing(Relation),
}

fn parse_table(text: &str) -> Result<Vec<RelationInfo>, TableError> {
    let mut rows: Vec<Option<RelationInfo>> = vec![None; Relation::ALL.len()];
    for (line, row) in csv::Reader::from_reader(text.as_bytes())
        .deserialize::<Row>()
        .enumerate()
    {
        let row = row?;
        let relation: Relation = row
            .relation
            .parse()
            .map_err(|source| TableError::Relation {
                row: line + 2,
                source,
            })?;
        let split = |s: &str| s.split('|').map(str::to_owned).collect();
        rows[relation.index()] = Some(RelationInfo {
            directed: match row.directed.as_str() {
                "yes" => true,
                "no" => false,
                other => {
                    return Err(TableError::Directed {
                        row: line + 2,
                        value: other.to_string(),
                    });
                }
            },
            cameo: split(&row.cameo),
            plover: split(&row.plover),
            label_en: row.label_en,
            label_zh: row.label_zh,
            colour: row.colour,
            line_style: row.line_style,
            rdf_class: row.rdf_class,
            rdf_edge: row.rdf_edge,
        });
    }
    rows.into_iter()
        .zip(Relation::ALL)
        .map(|(info, r)| info.ok_or(TableError::Missing(r)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_table_has_every_relation_once_with_its_codes() {
        let table = parse_table(RELATIONS_CSV).unwrap();
        assert_eq!(table.len(), 10);
        assert!(!Relation::Meet.directed() && Relation::Visit.directed());
        assert_eq!(Relation::Agree.info().label_zh, "同意");
        assert_eq!(Relation::Criticize.info().plover, ["ACCUSE", "REJECT"]);
        let mut colours: Vec<&str> = table.iter().map(|r| r.colour.as_str()).collect();
        colours.sort();
        colours.dedup();
        assert_eq!(colours.len(), 10, "every relation has its own colour");
    }

    #[test]
    fn a_table_missing_a_relation_or_with_a_bad_direction_is_refused() {
        let header = "relation,directed,cameo,plover,label_en,label_zh,colour,line_style,rdf_class,rdf_edge\n";
        let short =
            format!("{header}meet,no,040,CONSULT,Meeting,会谈,#000000,solid,Meeting,metWith\n");
        assert_eq!(
            parse_table(&short).unwrap_err().to_string(),
            "no row for call"
        );
        let bad =
            format!("{header}meet,maybe,040,CONSULT,Meeting,会谈,#000000,solid,Meeting,metWith\n");
        assert_eq!(
            parse_table(&bad).unwrap_err().to_string(),
            "row 2: directed is \"maybe\", not yes or no"
        );
    }
}
