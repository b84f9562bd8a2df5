//! SPARQL for researchers: canned query files (`queries/*.rq`) with their
//! declared parameters, safe parameter values, and result formatting.
//!
//! A query file starts with comment lines:
//! `# title: …`, `# description: …` (repeatable) and `# param: NAME = DEFAULT`.
//! Parameters are bound by a `VALUES` row placed first in the parsed
//! query's WHERE clause ([`crate::store::sparql::bind`]), never by editing the query text, so a
//! value cannot change what the query does.

pub mod actors;
pub mod date_arg;

use crate::rdf;
use crate::store::{Backend, StoreError, with_prefixes};
use oxigraph::io::RdfFormat;
use oxigraph::model::vocab::xsd;
use oxigraph::model::{IriParseError, Literal, NamedNode, Term};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryEvaluationError, QueryResults};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What is wrong with a query file or a parameter value, or why results
/// could not be written.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error("{}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A `# param:` line without `= DEFAULT` (in the file, when read from one).
    #[error("{}`# param:` needs NAME = DEFAULT: {line}", in_file(file.as_deref()))]
    ParamDeclaration { file: Option<PathBuf>, line: String },
    /// A name given that is neither declared nor a variable of the query
    /// (a misspelt `actr=` must not leave the default in force).
    #[error("{query}: no parameter {name:?}{}; {}", nearest.as_ref().map(|n| format!(" (did you mean {n}?)")).unwrap_or_default(), takes(declared))]
    UnknownParameter {
        query: String,
        name: String,
        /// The declared parameter nearest in spelling, if one is near.
        nearest: Option<String>,
        declared: Vec<String>,
    },
    #[error("bad IRI {value}: {source}")]
    Iri {
        value: String,
        source: IriParseError,
    },
    #[error("bad literal {0}")]
    Literal(String),
    /// A date that cannot exist (2020-13-01).
    #[error(transparent)]
    Date(#[from] date_arg::DateArgError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("SPARQL evaluation: {0}")]
    Evaluation(#[from] QueryEvaluationError),
    #[error("writing results: {0}")]
    Write(#[source] std::io::Error),
}

fn in_file(file: Option<&Path>) -> String {
    file.map(|f| format!("{}: ", f.display()))
        .unwrap_or_default()
}

fn takes(declared: &[String]) -> String {
    if declared.is_empty() {
        "it takes none".to_string()
    } else {
        format!("it takes {}", declared.join(", "))
    }
}

/// A query file from `queries/`.
#[derive(Debug, Clone)]
pub struct QueryFile {
    /// File stem, e.g. `partners_ranked`.
    pub name: String,
    pub title: String,
    pub description: String,
    /// Declared parameters with their default values.
    pub params: Vec<(String, String)>,
    pub text: String,
}

impl QueryFile {
    /// Reads a `.rq` file; its name is the file's stem.
    ///
    /// ```
    /// use dipgraph::query::QueryFile;
    /// let q = QueryFile::read(std::path::Path::new("queries/partners_ranked.rq")).unwrap();
    /// assert_eq!(q.name, "partners_ranked");
    /// assert!(QueryFile::read(std::path::Path::new("queries/none.rq")).unwrap_err().to_string().starts_with("queries/none.rq: "));
    /// ```
    pub fn read(path: &Path) -> Result<QueryFile, QueryError> {
        let text = std::fs::read_to_string(path).map_err(|source| QueryError::Read {
            path: path.to_owned(),
            source,
        })?;
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        QueryFile::parse(&name, text).map_err(|e| match e {
            QueryError::ParamDeclaration { line, .. } => QueryError::ParamDeclaration {
                file: Some(path.to_owned()),
                line,
            },
            e => e,
        })
    }

    /// Reads the header comments of a query's text.
    ///
    /// ```
    /// use dipgraph::query::QueryFile;
    /// let q = QueryFile::parse("q", "# title: T\n# param: who = actor:wang_yi\nSELECT * {}".into()).unwrap();
    /// assert_eq!((q.title.as_str(), q.params[0].0.as_str()), ("T", "who"));
    /// let e = QueryFile::parse("q", "# param: who\n".into()).unwrap_err();
    /// assert_eq!(e.to_string(), "`# param:` needs NAME = DEFAULT: # param: who");
    /// ```
    pub fn parse(name: &str, text: String) -> Result<QueryFile, QueryError> {
        let mut q = QueryFile {
            name: name.to_string(),
            title: String::new(),
            description: String::new(),
            params: Vec::new(),
            text: String::new(),
        };
        for line in text.lines() {
            let Some(comment) = line.trim().strip_prefix('#') else {
                continue;
            };
            let comment = comment.trim();
            if let Some(t) = comment.strip_prefix("title:") {
                q.title = t.trim().to_string();
            } else if let Some(d) = comment.strip_prefix("description:") {
                if !q.description.is_empty() {
                    q.description.push(' ');
                }
                q.description.push_str(d.trim());
            } else if let Some(p) = comment.strip_prefix("param:") {
                let (name, default) =
                    p.split_once('=')
                        .ok_or_else(|| QueryError::ParamDeclaration {
                            file: None,
                            line: line.to_string(),
                        })?;
                q.params.push((
                    name.trim().trim_start_matches('?').to_string(),
                    default.trim().to_string(),
                ));
            }
        }
        q.text = text;
        Ok(q)
    }

    /// The canned queries of `queries/` as compiled into the binary (what
    /// `serve` offers), sorted by name.
    pub fn builtin() -> Vec<QueryFile> {
        crate::embedded::QUERIES
            .iter()
            .map(|(file, bytes)| {
                let text = String::from_utf8_lossy(bytes).into_owned();
                QueryFile::parse(file.trim_end_matches(".rq"), text)
                    .unwrap_or_else(|e| panic!("queries/{file}: {e}"))
            })
            .collect()
    }

    /// The `.rq` files of a directory, sorted by name.
    pub fn read_dir(dir: &Path) -> Result<Vec<QueryFile>, QueryError> {
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map_err(|source| QueryError::Read {
                path: dir.to_owned(),
                source,
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "rq"))
            .collect();
        paths.sort();
        paths.iter().map(|p| QueryFile::read(p)).collect()
    }

    /// The parameters that take an actor: those whose default is one.
    pub fn actor_params(&self) -> Vec<String> {
        self.params
            .iter()
            .filter(|(_, default)| {
                parse_param(default).is_ok_and(
                    |t| matches!(&t, Term::NamedNode(n) if rdf::actor_id(n.as_str()).is_some()),
                )
            })
            .map(|(name, _)| name.clone())
            .collect()
    }

    /// Its declared defaults, overridden by `given`, parsed into terms.
    /// A name given that is neither declared nor a variable of the query
    /// is refused (a misspelt `actr=` must not leave the default in force).
    ///
    /// ```
    /// use dipgraph::query::QueryFile;
    /// let q = QueryFile::parse("q", "# param: who = actor:wang_yi\nSELECT ?who ?x {}".into()).unwrap();
    /// let given = [("x".to_string(), "2020-11".to_string())];
    /// assert_eq!(q.bindings(&given).unwrap().len(), 2);
    /// let misspelt = [("wh".to_string(), "actor:park_jin".to_string())];
    /// assert_eq!(q.bindings(&misspelt).unwrap_err().to_string(),
    ///     "q: no parameter \"wh\" (did you mean who?); it takes who");
    /// ```
    pub fn bindings(&self, given: &[(String, String)]) -> Result<Vec<(String, Term)>, QueryError> {
        let variables = crate::store::sparql::bind::query_variables(&self.text);
        for (name, _) in given {
            let declared = self.params.iter().any(|(n, _)| n == name);
            let variable = variables.as_ref().is_none_or(|v| v.contains(name));
            if !declared && !variable {
                let names: Vec<&str> = self.params.iter().map(|(n, _)| n.as_str()).collect();
                return Err(QueryError::UnknownParameter {
                    query: self.name.clone(),
                    name: name.clone(),
                    nearest: crate::suggest::nearest(name, names.iter().copied(), 1)
                        .first()
                        .map(|n| n.to_string()),
                    declared: names.iter().map(|n| n.to_string()).collect(),
                });
            }
        }
        let mut out: Vec<(String, Term)> = Vec::new();
        for (name, default) in &self.params {
            let value = given
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v)
                .unwrap_or(default);
            out.push((name.clone(), parse_param(value)?));
        }
        for (name, value) in given {
            if !self.params.iter().any(|(n, _)| n == name) {
                out.push((name.clone(), parse_param(value)?));
            }
        }
        Ok(out)
    }
}

/// Parses a `--param` value into an RDF term:
/// `<iri>`, `prefix:local` (dipgraph prefixes, e.g. `actor:wang_yi`),
/// `"text"` or `"text"@zh` or `"v"^^xsd:…`, `2020-11-26` (xsd:date),
/// `2020-11` (xsd:gYearMonth), an integer, a decimal, `true`/`false`;
/// anything else is a plain string.
///
/// ```
/// use dipgraph::query::parse_param;
/// assert_eq!(parse_param("actor:wang_yi").unwrap().to_string(), "<https://w3id.org/dipgraph/actor/wang_yi>");
/// assert!(parse_param("2020-13-01").unwrap_err().to_string().contains("there is no month 13"));
/// ```
pub fn parse_param(value: &str) -> Result<Term, QueryError> {
    let v = value.trim();
    if let Some(inner) = v.strip_prefix('<').and_then(|s| s.strip_suffix('>')) {
        return NamedNode::new(inner)
            .map(Term::from)
            .map_err(|source| QueryError::Iri {
                value: v.to_string(),
                source,
            });
    }
    if v.starts_with('"') {
        return parse_literal(v).ok_or_else(|| QueryError::Literal(v.to_string()));
    }
    if let Some(full) = rdf::expand(v).filter(|_| !v.contains(' ')) {
        if let Ok(n) = NamedNode::new(full) {
            return Ok(n.into());
        }
    }
    if date_arg::looks_like_date(v) {
        // A date that cannot exist (2020-13-01) is an error, not a string
        // that silently compares with nothing.
        let typed = match date_arg::parse_date_arg(v)? {
            crate::model::PartialDate::Day(d) => {
                Literal::new_typed_literal(d.format("%Y-%m-%d").to_string(), xsd::DATE)
            }
            crate::model::PartialDate::Month(y, m) => {
                Literal::new_typed_literal(format!("{y:04}-{m:02}"), xsd::G_YEAR_MONTH)
            }
            crate::model::PartialDate::Year(_) => unreachable!("a date shape has a month"),
        };
        return Ok(typed.into());
    }
    if let Ok(i) = v.parse::<i64>() {
        return Ok(Literal::from(i).into());
    }
    if v.contains('.') && v.parse::<f64>().is_ok() {
        return Ok(Literal::new_typed_literal(v, xsd::DECIMAL).into());
    }
    if v == "true" || v == "false" {
        return Ok(Literal::from(v == "true").into());
    }
    Ok(Literal::new_simple_literal(v).into())
}

fn parse_literal(v: &str) -> Option<Term> {
    let rest = v.strip_prefix('"')?;
    let end = rest.rfind('"')?;
    let (body, suffix) = (&rest[..end], &rest[end + 1..]);
    let body = body.replace("\\\"", "\"").replace("\\\\", "\\");
    if suffix.is_empty() {
        return Some(Literal::new_simple_literal(body).into());
    }
    if let Some(lang) = suffix.strip_prefix('@') {
        return Literal::new_language_tagged_literal(body, lang)
            .ok()
            .map(Term::from);
    }
    let dt = suffix.strip_prefix("^^")?;
    let dt = match dt.strip_prefix('<').and_then(|s| s.strip_suffix('>')) {
        Some(full) => full.to_string(),
        None => rdf::expand(dt)?,
    };
    Some(Literal::new_typed_literal(body, NamedNode::new(dt).ok()?).into())
}

/// Output formats of `dipgraph query` (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Aligned columns with prefixed IRIs.
    Table,
    /// SPARQL 1.1 CSV results.
    Csv,
    /// SPARQL 1.1 TSV results.
    Tsv,
    /// SPARQL 1.1 JSON results.
    Json,
}

/// Writes query results: solutions and booleans in `format`, graphs
/// (CONSTRUCT/DESCRIBE) always as Turtle. Returns the number of rows.
pub fn write_results(
    results: QueryResults<'_>,
    format: OutputFormat,
    mut out: impl Write,
) -> Result<usize, QueryError> {
    let io = QueryError::Write;
    let results_format = match format {
        OutputFormat::Csv => Some(QueryResultsFormat::Csv),
        OutputFormat::Tsv => Some(QueryResultsFormat::Tsv),
        OutputFormat::Json => Some(QueryResultsFormat::Json),
        OutputFormat::Table => None,
    };
    match results {
        QueryResults::Boolean(b) => {
            match results_format {
                Some(f) => {
                    QueryResultsSerializer::from_format(f)
                        .serialize_boolean_to_writer(&mut out, b)
                        .map_err(io)?;
                }
                None => writeln!(out, "{b}").map_err(io)?,
            }
            Ok(1)
        }
        QueryResults::Solutions(solutions) => {
            let vars = solutions.variables().to_vec();
            match results_format {
                Some(f) => {
                    let mut w = QueryResultsSerializer::from_format(f)
                        .serialize_solutions_to_writer(&mut out, vars)
                        .map_err(io)?;
                    let mut n = 0;
                    for s in solutions {
                        w.serialize(&s?).map_err(io)?;
                        n += 1;
                    }
                    w.finish().map_err(io)?;
                    Ok(n)
                }
                None => {
                    let header: Vec<String> = vars.iter().map(|v| v.as_str().to_string()).collect();
                    let mut rows = Vec::new();
                    for s in solutions {
                        let s = s?;
                        rows.push(
                            vars.iter()
                                .map(|v| s.get(v).map(rdf::compact).unwrap_or_default())
                                .collect::<Vec<_>>(),
                        );
                    }
                    write_table(&header, &rows, &mut out).map_err(io)?;
                    Ok(rows.len())
                }
            }
        }
        QueryResults::Graph(triples) => {
            let mut w = with_prefixes(oxigraph::io::RdfSerializer::from_format(RdfFormat::Turtle))
                .for_writer(&mut out);
            let mut n = 0;
            for t in triples {
                w.serialize_triple(&t?).map_err(io)?;
                n += 1;
            }
            w.finish().map_err(io)?;
            Ok(n)
        }
    }
}

/// An aligned plain-text table (CJK characters count as two columns).
pub fn write_table(
    header: &[String],
    rows: &[Vec<String>],
    out: &mut impl Write,
) -> std::io::Result<()> {
    use unicode_width::UnicodeWidthStr;
    const MAX: usize = 60;
    let clip = |s: &str| -> String {
        let s = s.replace(['\n', '\r', '\t'], " ");
        if s.width() <= MAX {
            return s;
        }
        let mut w = 0;
        let mut cut = String::new();
        for c in s.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if w + cw > MAX - 1 {
                break;
            }
            w += cw;
            cut.push(c);
        }
        cut + "…"
    };
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| clip(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.width());
        }
    }
    let line = |cells: &[String], out: &mut dyn Write| -> std::io::Result<()> {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            s.push_str(c);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(widths[i] - c.width()));
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(header, out)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&rule, out)?;
    for r in &rows {
        line(r, out)?;
    }
    Ok(())
}

/// Runs a query file with its defaults overridden by `given`.
///
/// ```
/// use dipgraph::extract::registry::Registry;
/// use dipgraph::query::{QueryFile, run_file};
/// use dipgraph::store::{Backend, GraphStore};
/// use oxigraph::sparql::QueryResults;
///
/// let store = GraphStore::in_memory().unwrap();
/// store.write_static_graphs(Registry::builtin()).unwrap();
/// let q = QueryFile::builtin()
///     .into_iter()
///     .find(|q| q.name == "office_holder_on_date")
///     .unwrap();
/// // China's foreign minister in May 2023, not the file's default question
/// // (South Korea's on 26 November 2020); the role name keeps its default.
/// let given = [
///     ("of".to_string(), "actor:CHN".to_string()),
///     ("on".to_string(), "2023-05-01".to_string()),
/// ];
/// let QueryResults::Solutions(rows) = run_file(&store, &q, &given).unwrap() else {
///     panic!("a SELECT query");
/// };
/// let holders: Vec<String> = rows
///     .map(|row| row.unwrap().get("holder").unwrap().to_string())
///     .collect();
/// assert_eq!(holders, ["<https://w3id.org/dipgraph/actor/qin_gang>"]);
/// ```
pub fn run_file(
    store: &dyn Backend,
    q: &QueryFile,
    given: &[(String, String)],
) -> Result<QueryResults<'static>, QueryError> {
    let bindings = q.bindings(given)?;
    Ok(store.query(&q.text, &bindings)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_values_become_typed_terms() {
        assert_eq!(
            parse_param("actor:wang_yi").unwrap(),
            Term::from(rdf::actor_iri("wang_yi"))
        );
        assert_eq!(
            parse_param("2020-11-26").unwrap(),
            Literal::new_typed_literal("2020-11-26", xsd::DATE).into()
        );
        assert_eq!(
            parse_param("2020-11").unwrap(),
            Literal::new_typed_literal("2020-11", xsd::G_YEAR_MONTH).into()
        );
        assert_eq!(parse_param("2").unwrap(), Literal::from(2i64).into());
        assert_eq!(
            parse_param("\"王毅\"@zh").unwrap(),
            Literal::new_language_tagged_literal("王毅", "zh")
                .unwrap()
                .into()
        );
        assert_eq!(
            parse_param("foreign_minister").unwrap(),
            Literal::new_simple_literal("foreign_minister").into()
        );
        // An injection attempt stays one literal.
        let evil = "x\" } ; DROP ALL ; { \"";
        assert!(matches!(parse_param(evil).unwrap(), Term::Literal(_)));
        assert!(parse_param("<not an iri>").is_err());
    }

    #[test]
    fn impossible_dates_are_refused() {
        let e = parse_param("2020-13-01").unwrap_err().to_string();
        assert!(e.contains("there is no month 13"), "{e}");
        let e = parse_param("2021-02-29").unwrap_err().to_string();
        assert!(e.contains("February 2021 has 28 days"), "{e}");
        assert!(parse_param("2020-13").is_err());
        // One-digit months are written out as xsd wants them.
        assert_eq!(
            parse_param("2020-7").unwrap(),
            Literal::new_typed_literal("2020-07", xsd::G_YEAR_MONTH).into()
        );
    }

    #[test]
    fn unknown_parameter_names_are_refused() {
        let q = QueryFile::builtin()
            .into_iter()
            .find(|q| q.name == "actor_interactions")
            .unwrap();
        let given = |n: &str| vec![(n.to_string(), "actor:park_jin".to_string())];
        let err = q.bindings(&given("actr")).unwrap_err().to_string();
        assert_eq!(
            err,
            "actor_interactions: no parameter \"actr\" (did you mean actor?); it takes actor"
        );
        assert!(q.bindings(&given("actor")).is_ok());
        assert_eq!(q.actor_params(), ["actor"]);
        // Any variable of the query may be bound, declared or not.
        assert!(q.bindings(&given("partner")).is_ok());
    }

    #[test]
    fn builtin_queries_are_the_files_of_queries_dir() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
        let on_disk = QueryFile::read_dir(&dir).unwrap();
        let builtin = QueryFile::builtin();
        let names = |v: &[QueryFile]| v.iter().map(|q| q.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&builtin), names(&on_disk));
        for (b, d) in builtin.iter().zip(&on_disk) {
            assert_eq!(
                (&b.title, &b.params, &b.text),
                (&d.title, &d.params, &d.text)
            );
        }
    }

    #[test]
    fn query_files_declare_title_and_params() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
        let files = QueryFile::read_dir(&dir).unwrap();
        assert!(files.len() >= 8, "{}", files.len());
        for f in &files {
            assert!(!f.title.is_empty(), "{} has no title", f.name);
            assert!(!f.description.is_empty(), "{} has no description", f.name);
            for (name, default) in &f.params {
                parse_param(default).unwrap_or_else(|e| panic!("{}: {name}: {e}", f.name));
            }
        }
    }
}
