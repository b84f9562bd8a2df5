//! Reading a Gephi-style edge list (CSV) into an [`ActorGraph`].
//!
//! The header names the columns, matched case-insensitively and in any
//! order; other columns are ignored:
//!
//! | column | required | meaning |
//! | --- | --- | --- |
//! | `Source` | yes | id of the source actor |
//! | `Target` | yes | id of the target actor |
//! | `Weight` | no | non-negative finite number; an absent column or an empty cell gives 1.0 |
//! | `Type` | no | `Directed` or `Undirected` (any case); an absent column or an empty cell gives `Directed`, as in Gephi |
//! | `Relation` (or `Kind`, or `Label`) | no | stored in [`Edge::relation`]; empty otherwise |
//!
//! Ids and cells are trimmed; a UTF-8 byte-order mark before the header is
//! skipped. Nodes get `kind = "unknown"` and `label_en = id`. Rows keep their
//! order, so node indices follow first appearance. Self-loops are kept in the
//! graph (the metrics ignore them). A header with no rows gives an empty graph.

use crate::graph::model::{ActorGraph, Edge};
use std::fmt;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Something wrong with an edge list: the file, the line (1-based, when the
/// problem is on one line), and what is wrong.
#[derive(Debug, Error)]
#[error("{}{}: {kind}", path.display(), LineSuffix(*line))]
pub struct EdgeListError {
    pub path: PathBuf,
    pub line: Option<u64>,
    pub kind: EdgeListErrorKind,
}

struct LineSuffix(Option<u64>);

impl fmt::Display for LineSuffix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(line) => write!(f, ":{line}"),
            None => Ok(()),
        }
    }
}

#[derive(Debug, Error)]
pub enum EdgeListErrorKind {
    #[error("cannot read file: {0}")]
    Io(#[source] std::io::Error),
    #[error("empty file: no header line")]
    Empty,
    #[error("header has no {0} column")]
    MissingColumn(&'static str),
    #[error("empty {0} id")]
    EmptyId(&'static str),
    #[error("{0} id contains a line break (unterminated quote?)")]
    LineBreakInId(&'static str),
    #[error("row has {found} field(s) but the {column} column is field {needed}")]
    MissingField {
        column: &'static str,
        needed: usize,
        found: usize,
    },
    #[error("weight {0:?} is not a number")]
    NonNumericWeight(String),
    #[error("weight {0:?} is not finite")]
    NonFiniteWeight(String),
    #[error("weight {0} is negative")]
    NegativeWeight(f64),
    #[error("type {0:?} is neither Directed nor Undirected")]
    BadType(String),
    #[error("malformed CSV: {0}")]
    Csv(String),
}

struct Columns {
    source: usize,
    target: usize,
    weight: Option<usize>,
    kind: Option<usize>,
    relation: Option<usize>,
}

impl Columns {
    fn from_header(header: &csv::StringRecord) -> Result<Self, EdgeListErrorKind> {
        let find = |names: &[&str]| {
            names.iter().find_map(|name| {
                header.iter().position(|h| {
                    h.trim_start_matches('\u{feff}')
                        .trim()
                        .eq_ignore_ascii_case(name)
                })
            })
        };
        Ok(Columns {
            source: find(&["source"]).ok_or(EdgeListErrorKind::MissingColumn("Source"))?,
            target: find(&["target"]).ok_or(EdgeListErrorKind::MissingColumn("Target"))?,
            weight: find(&["weight"]),
            kind: find(&["type"]),
            relation: find(&["relation", "kind", "label"]),
        })
    }
}

/// Reads a Gephi-style edge list (see the module docs for the columns).
pub fn read_edge_list(path: &Path) -> Result<ActorGraph, EdgeListError> {
    let err = |line: Option<u64>, kind| EdgeListError {
        path: path.to_path_buf(),
        line,
        kind,
    };
    let file = std::fs::File::open(path).map_err(|e| err(None, EdgeListErrorKind::Io(e)))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(std::io::BufReader::new(file));

    let csv_err = |e: csv::Error| {
        let line = e.position().map(|p| p.line());
        match e.into_kind() {
            csv::ErrorKind::Io(io) => err(line, EdgeListErrorKind::Io(io)),
            csv::ErrorKind::Utf8 { err: utf8, .. } => err(
                line,
                EdgeListErrorKind::Csv(format!(
                    "invalid UTF-8 in field {} after byte {}",
                    utf8.field() + 1,
                    utf8.valid_up_to()
                )),
            ),
            other => err(line, EdgeListErrorKind::Csv(format!("{other:?}"))),
        }
    };

    let mut records = reader.records();
    let header = loop {
        match records.next() {
            None => return Err(err(None, EdgeListErrorKind::Empty)),
            Some(rec) => {
                let rec = rec.map_err(csv_err)?;
                // Blank lines are skipped by the csv crate; a lone empty
                // field still counts as "no header".
                if rec
                    .iter()
                    .all(|f| f.trim_start_matches('\u{feff}').is_empty())
                {
                    continue;
                }
                break rec;
            }
        }
    };
    let header_line = header.position().map(|p| p.line());
    let cols = Columns::from_header(&header).map_err(|k| err(header_line, k))?;

    let mut graph = ActorGraph::new();
    for rec in records {
        let rec = rec.map_err(csv_err)?;
        let line = rec.position().map(|p| p.line());
        if rec.len() == 1 && rec[0].is_empty() {
            continue;
        }
        let field = |ix: usize, column: &'static str| {
            rec.get(ix).ok_or(EdgeListErrorKind::MissingField {
                column,
                needed: ix + 1,
                found: rec.len(),
            })
        };
        let optional = |ix: Option<usize>| ix.and_then(|i| rec.get(i)).unwrap_or("");

        let source = field(cols.source, "Source").map_err(|k| err(line, k))?;
        let target = field(cols.target, "Target").map_err(|k| err(line, k))?;
        if source.is_empty() {
            return Err(err(line, EdgeListErrorKind::EmptyId("Source")));
        }
        if target.is_empty() {
            return Err(err(line, EdgeListErrorKind::EmptyId("Target")));
        }
        for (id, column) in [(source, "Source"), (target, "Target")] {
            if id.contains(['\n', '\r']) {
                return Err(err(line, EdgeListErrorKind::LineBreakInId(column)));
            }
        }
        let weight = parse_weight(optional(cols.weight)).map_err(|k| err(line, k))?;
        let directed = parse_type(optional(cols.kind)).map_err(|k| err(line, k))?;
        graph.add_edge(
            source,
            target,
            Edge {
                relation: optional(cols.relation).to_string(),
                weight,
                first_date: None,
                last_date: None,
                directed,
            },
        );
    }
    Ok(graph)
}

fn parse_weight(cell: &str) -> Result<f64, EdgeListErrorKind> {
    if cell.is_empty() {
        return Ok(1.0);
    }
    let w: f64 = cell
        .parse()
        .map_err(|_| EdgeListErrorKind::NonNumericWeight(cell.to_string()))?;
    if !w.is_finite() {
        return Err(EdgeListErrorKind::NonFiniteWeight(cell.to_string()));
    }
    if w < 0.0 {
        return Err(EdgeListErrorKind::NegativeWeight(w));
    }
    Ok(w)
}

fn parse_type(cell: &str) -> Result<bool, EdgeListErrorKind> {
    if cell.is_empty() || cell.eq_ignore_ascii_case("directed") {
        Ok(true)
    } else if cell.eq_ignore_ascii_case("undirected") {
        Ok(false)
    } else {
        Err(EdgeListErrorKind::BadType(cell.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write(content: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
        f.write_all(content.as_bytes()).unwrap();
        f.flush().unwrap();
        f
    }

    fn read(content: &str) -> Result<ActorGraph, EdgeListError> {
        let f = write(content);
        read_edge_list(f.path())
    }

    fn edges(g: &ActorGraph) -> Vec<(String, String, f64, bool, String)> {
        g.graph
            .edge_indices()
            .map(|e| {
                let (s, t) = g.graph.edge_endpoints(e).unwrap();
                let edge = &g.graph[e];
                (
                    g.graph[s].id.clone(),
                    g.graph[t].id.clone(),
                    edge.weight,
                    edge.directed,
                    edge.relation.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn minimal_source_target() {
        let g = read("Source,Target\na,b\nb,c\n").unwrap();
        assert_eq!(g.node_count(), 3);
        assert_eq!(
            edges(&g),
            vec![
                ("a".into(), "b".into(), 1.0, true, String::new()),
                ("b".into(), "c".into(), 1.0, true, String::new()),
            ]
        );
        assert_eq!(g.graph[g.index["a"]].kind, "unknown");
        assert_eq!(g.graph[g.index["a"]].label_en, "a");
    }

    #[test]
    fn header_case_order_and_optional_columns() {
        let g = read(
            "\u{feff}id, WEIGHT ,target,type,SOURCE,Relation,extra\n\
             1,2.5,CHN,Undirected,USA,meet,x\n\
             2,,USA,directed,wang_yi,visit,y\n\
             3,0,USA,,CHN,,z\n",
        )
        .unwrap();
        assert_eq!(
            edges(&g),
            vec![
                ("USA".into(), "CHN".into(), 2.5, false, "meet".into()),
                ("wang_yi".into(), "USA".into(), 1.0, true, "visit".into()),
                ("CHN".into(), "USA".into(), 0.0, true, String::new()),
            ]
        );
        // Nodes in order of first appearance.
        let ids: Vec<_> = g.graph.node_weights().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["USA", "CHN", "wang_yi"]);
    }

    #[test]
    fn label_column_is_relation() {
        let g = read("Source,Target,Label\na,b,call\n").unwrap();
        assert_eq!(edges(&g)[0].4, "call");
    }

    #[test]
    fn other_delimiters_are_not_guessed() {
        // ';' is not the delimiter: the header is one column.
        let e = read("source;target\na;b\n").unwrap_err();
        assert!(matches!(e.kind, EdgeListErrorKind::MissingColumn("Source")));
    }

    #[test]
    fn quoted_fields_and_crlf() {
        let g = read("Source,Target,Weight\r\n\"Wang, Yi\",\"U.S.\",\"3\"\r\n").unwrap();
        assert_eq!(
            edges(&g),
            vec![("Wang, Yi".into(), "U.S.".into(), 3.0, true, String::new())]
        );
    }

    #[test]
    fn header_only_is_empty_graph() {
        let g = read("Source,Target,Weight\n").unwrap();
        assert_eq!(g.node_count(), 0);
        assert_eq!(g.edge_count(), 0);
    }

    fn error_of(content: &str) -> EdgeListError {
        read(content).unwrap_err()
    }

    #[test]
    fn empty_file() {
        let e = error_of("");
        assert!(matches!(e.kind, EdgeListErrorKind::Empty));
        assert_eq!(e.line, None);
        assert!(e.to_string().contains("empty file"));
        assert!(matches!(error_of("\n\n").kind, EdgeListErrorKind::Empty));
    }

    #[test]
    fn missing_column_names_file_and_line() {
        let f = write("Source,Weight\na,1\n");
        let e = read_edge_list(f.path()).unwrap_err();
        assert!(matches!(e.kind, EdgeListErrorKind::MissingColumn("Target")));
        assert_eq!(e.line, Some(1));
        let msg = e.to_string();
        assert!(
            msg.starts_with(&format!("{}:1:", f.path().display())),
            "{msg}"
        );
        assert!(msg.contains("Target"), "{msg}");
    }

    #[test]
    fn empty_id() {
        let e = error_of("Source,Target\na,b\n,c\n");
        assert!(matches!(e.kind, EdgeListErrorKind::EmptyId("Source")));
        assert_eq!(e.line, Some(3));
        let e = error_of("Source,Target\na,  \n");
        assert!(matches!(e.kind, EdgeListErrorKind::EmptyId("Target")));
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn short_row() {
        let e = error_of("Source,Weight,Target\na,1,b\nc,2\n");
        assert!(matches!(
            e.kind,
            EdgeListErrorKind::MissingField {
                column: "Target",
                needed: 3,
                found: 2
            }
        ));
        assert_eq!(e.line, Some(3));
    }

    #[test]
    fn bad_weights() {
        let e = error_of("Source,Target,Weight\na,b,1\na,c,heavy\n");
        assert!(matches!(e.kind, EdgeListErrorKind::NonNumericWeight(ref s) if s == "heavy"));
        assert_eq!(e.line, Some(3));
        assert!(
            e.to_string()
                .contains(":3: weight \"heavy\" is not a number")
        );

        let e = error_of("Source,Target,Weight\na,b,-2\n");
        assert!(matches!(e.kind, EdgeListErrorKind::NegativeWeight(w) if w == -2.0));
        assert_eq!(e.line, Some(2));

        let e = error_of("Source,Target,Weight\na,b,NaN\n");
        assert!(matches!(e.kind, EdgeListErrorKind::NonFiniteWeight(_)));
        let e = error_of("Source,Target,Weight\na,b,inf\n");
        assert!(matches!(e.kind, EdgeListErrorKind::NonFiniteWeight(_)));
    }

    #[test]
    fn bad_type() {
        let e = error_of("Source,Target,Type\na,b,Mixed\n");
        assert!(matches!(e.kind, EdgeListErrorKind::BadType(ref s) if s == "Mixed"));
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn unterminated_quote() {
        // The quote swallows the rest of the file into one field.
        let e = error_of("Source,Target\na,b\n\"c,d\ne,f\n");
        assert!(
            matches!(e.kind, EdgeListErrorKind::MissingField { .. }),
            "{e}"
        );
        assert_eq!(e.line, Some(3));
        let e = error_of("Source,Target\na,\"b\nc,d\n");
        assert!(
            matches!(e.kind, EdgeListErrorKind::LineBreakInId("Target")),
            "{e}"
        );
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn invalid_utf8() {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(b"Source,Target\na,\xff\xfe\n").unwrap();
        let e = read_edge_list(f.path()).unwrap_err();
        assert!(matches!(e.kind, EdgeListErrorKind::Csv(_)), "{e}");
        assert_eq!(e.line, Some(2));
        assert!(
            e.to_string()
                .ends_with(":2: malformed CSV: invalid UTF-8 in field 2 after byte 0"),
            "{e}"
        );
    }

    #[test]
    fn missing_file() {
        let e = read_edge_list(Path::new("/nonexistent/edges.csv")).unwrap_err();
        assert!(matches!(e.kind, EdgeListErrorKind::Io(_)));
        assert!(
            e.to_string()
                .starts_with("/nonexistent/edges.csv: cannot read file")
        );
    }
}
