//! A query as dipgraph accepts it → the text any SPARQL service accepts:
//! the dipgraph prefixes declared, and `--param` bindings made part of the
//! query. The bindings become a one-row `VALUES` block placed first in the
//! query's WHERE clause (after the solution modifiers, before its
//! patterns), which binds them for the whole clause just as writing
//! `VALUES` there by hand would. The embedded store and remote services
//! get the same text. (Oxigraph's own variable substitution was measured
//! 2–3× slower on the canned queries: the plan is made as if the variable
//! were free, so it scans every event; a `VALUES` row is planned first.)
//! The query is parsed and re-serialised, never spliced as text, so a
//! value cannot change what the query does.

use super::syntax::{self, SyntaxError};
use crate::rdf;
use oxigraph::model::Term;
use oxigraph::sparql::Variable;
use spargebra::algebra::GraphPattern;
use spargebra::term::GroundTerm;
use spargebra::{Query, SparqlParser};

/// What a query returns, which decides the answer format to ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// SELECT and ASK: SPARQL results.
    Solutions,
    /// CONSTRUCT and DESCRIBE: RDF.
    Graph,
}

/// A parameter named after no variable of its query: binding it would
/// change nothing, so it is almost surely a misspelling (`actr`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "--param {name}: the query has no variable ?{name}, so it would bind nothing{}",
    match nearest { Some(n) => format!(" (did you mean {n}?)"), None => String::new() }
)]
pub struct UnknownParameter {
    pub name: String,
    pub nearest: Option<String>,
}

/// Why a query text and its parameters cannot be made one query.
#[derive(Debug, thiserror::Error)]
pub enum BindError {
    /// The text does not parse: placed in it, with one sentence.
    #[error("{0}")]
    Syntax(SyntaxError),
    /// A parameter names no variable of the query.
    #[error(transparent)]
    UnknownParameter(#[from] UnknownParameter),
    /// Refused before parsing: nested past what a thread's stack survives.
    #[error("query refused: {0}")]
    TooComplex(#[from] super::limits::TooComplex),
    /// A parameter's name is no SPARQL variable name, or its value is no
    /// IRI or literal.
    #[error("parameter {name:?}: {reason}")]
    BadParameter { name: String, reason: String },
}

/// `text` parsed with the dipgraph prefixes declared.
fn parse(text: &str) -> Result<Query, BindError> {
    let parser = rdf::PREFIXES
        .iter()
        .try_fold(SparqlParser::new(), |p, (name, ns)| {
            p.with_prefix(*name, *ns)
        })
        .expect("rdf::PREFIXES are IRIs: every query of the tests parses with them");
    parser
        .parse_query(text)
        .map_err(|e| BindError::Syntax(syntax::explain(text, &e, syntax::Kind::Query)))
}

/// The names of the variables a query mentions anywhere (projection,
/// patterns, filters, subqueries), read from its serialisation, where
/// comments are gone and every IRI and string is delimited.
fn mentioned_variables(query: &Query) -> std::collections::BTreeSet<String> {
    let text = query.to_string();
    let mut names = std::collections::BTreeSet::new();
    let mut chars = text.chars().peekable();
    let mut in_iri = false;
    let mut in_string: Option<char> = None;
    while let Some(c) = chars.next() {
        match (c, in_string) {
            ('\\', Some(_)) => {
                chars.next();
            }
            (q, Some(open)) if q == open => in_string = None,
            (_, Some(_)) => {}
            ('"' | '\'', None) if !in_iri => in_string = Some(c),
            ('<', None) => in_iri = !chars.peek().is_some_and(|n| n.is_whitespace() || *n == '='),
            ('>', None) => in_iri = false,
            ('?' | '$', None) if !in_iri => {
                let mut name = String::new();
                while let Some(&n) = chars.peek() {
                    if n.is_alphanumeric() || n == '_' || n == '\u{B7}' {
                        name.push(n);
                        chars.next();
                    } else {
                        break;
                    }
                }
                if !name.is_empty() {
                    names.insert(name);
                }
            }
            _ => {}
        }
    }
    names
}

/// The variables of `text` (parsed with the dipgraph prefixes), or `None`
/// when it does not parse (the syntax error is reported when it runs).
pub fn query_variables(text: &str) -> Option<std::collections::BTreeSet<String>> {
    parse(text).ok().as_ref().map(mentioned_variables)
}

/// The text to send for `text` with `params` bound, and its form.
/// Syntax errors are reported here, as the embedded store would, and so is
/// a parameter named after no variable of the query.
pub fn prepare(text: &str, params: &[(String, Term)]) -> Result<(String, Form), BindError> {
    super::limits::check(text)?;
    let query = parse(text)?;
    if !params.is_empty() {
        let variables = mentioned_variables(&query);
        for (name, _) in params {
            let name = name.trim_start_matches(['?', '$']);
            if !variables.contains(name) {
                return Err(UnknownParameter {
                    name: name.to_string(),
                    nearest: crate::suggest::nearest(name, variables.iter().map(String::as_str), 1)
                        .first()
                        .map(|n| n.to_string()),
                }
                .into());
            }
        }
    }
    let form = match query {
        Query::Select { .. } | Query::Ask { .. } => Form::Solutions,
        Query::Construct { .. } | Query::Describe { .. } => Form::Graph,
    };
    if params.is_empty() {
        // The query as written (easier to read in the server's log), the
        // predeclared prefixes in front; its own PREFIX lines override.
        let mut sent: String = rdf::PREFIXES
            .iter()
            .map(|(p, ns)| format!("PREFIX {p}: <{ns}>\n"))
            .collect();
        sent.push_str(text);
        return Ok((sent, form));
    }
    let values = values_row(params)?;
    let query = match query {
        Query::Select {
            dataset,
            pattern,
            base_iri,
        } => Query::Select {
            dataset,
            pattern: bind(pattern, &values),
            base_iri,
        },
        Query::Ask {
            dataset,
            pattern,
            base_iri,
        } => Query::Ask {
            dataset,
            pattern: bind(pattern, &values),
            base_iri,
        },
        Query::Construct {
            template,
            dataset,
            pattern,
            base_iri,
        } => Query::Construct {
            template,
            dataset,
            pattern: bind(pattern, &values),
            base_iri,
        },
        Query::Describe {
            dataset,
            pattern,
            base_iri,
        } => Query::Describe {
            dataset,
            pattern: bind(pattern, &values),
            base_iri,
        },
    };
    Ok((query.to_string(), form))
}

/// `VALUES (?a ?b) { (t1 t2) }`.
fn values_row(params: &[(String, Term)]) -> Result<GraphPattern, BindError> {
    let mut variables = Vec::new();
    let mut row = Vec::new();
    for (name, term) in params {
        let var = Variable::new(name.trim_start_matches(['?', '$'])).map_err(|e| {
            BindError::BadParameter {
                name: name.clone(),
                reason: e.to_string(),
            }
        })?;
        let term = match term {
            Term::NamedNode(n) => GroundTerm::NamedNode(n.clone()),
            Term::Literal(l) => GroundTerm::Literal(l.clone()),
            other => {
                return Err(BindError::BadParameter {
                    name: name.clone(),
                    reason: format!("{other} cannot be bound (only IRIs and literals)"),
                });
            }
        };
        // A later binding of the same name wins, as with substitution.
        if let Some(i) = variables.iter().position(|v| *v == var) {
            row[i] = Some(term);
        } else {
            variables.push(var);
            row.push(Some(term));
        }
    }
    Ok(GraphPattern::Values {
        variables,
        bindings: vec![row],
    })
}

/// Down through the solution modifiers, projection, grouping and select
/// expressions to the WHERE clause, where the bindings go first.
fn bind(pattern: GraphPattern, values: &GraphPattern) -> GraphPattern {
    use GraphPattern as P;
    let inner = |p: Box<P>| Box::new(bind(*p, values));
    match pattern {
        P::Slice {
            inner: i,
            start,
            length,
        } => P::Slice {
            inner: inner(i),
            start,
            length,
        },
        P::Distinct { inner: i } => P::Distinct { inner: inner(i) },
        P::Reduced { inner: i } => P::Reduced { inner: inner(i) },
        P::Project {
            inner: i,
            variables,
        } => P::Project {
            inner: inner(i),
            variables,
        },
        P::OrderBy {
            inner: i,
            expression,
        } => P::OrderBy {
            inner: inner(i),
            expression,
        },
        P::Group {
            inner: i,
            variables,
            aggregates,
        } => P::Group {
            inner: inner(i),
            variables,
            aggregates,
        },
        P::Extend {
            inner: i,
            variable,
            expression,
        } => P::Extend {
            inner: inner(i),
            variable,
            expression,
        },
        P::Filter { expr, inner: i } => P::Filter {
            expr,
            inner: inner(i),
        },
        other => first(other, values),
    }
}

/// Puts the bindings before the first pattern of a WHERE clause, so
/// FILTERs, BINDs and OPTIONALs of the clause see them.
fn first(pattern: GraphPattern, values: &GraphPattern) -> GraphPattern {
    use GraphPattern as P;
    let left = |p: Box<P>| Box::new(first(*p, values));
    match pattern {
        P::Join { left: l, right } => P::Join {
            left: left(l),
            right,
        },
        P::LeftJoin {
            left: l,
            right,
            expression,
        } => P::LeftJoin {
            left: left(l),
            right,
            expression,
        },
        P::Minus { left: l, right } => P::Minus {
            left: left(l),
            right,
        },
        P::Filter { expr, inner } => P::Filter {
            expr,
            inner: left(inner),
        },
        P::Extend {
            inner,
            variable,
            expression,
        } => P::Extend {
            inner: left(inner),
            variable,
            expression,
        },
        other => P::Join {
            left: Box::new(values.clone()),
            right: Box::new(other),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode};
    use oxigraph::sparql::{QueryResults, SparqlEvaluator};
    use oxigraph::store::Store;

    fn store() -> Store {
        let store = Store::new().unwrap();
        store
            .update(
                "INSERT DATA {
                   <http://x/a> <http://x/p> 1 . <http://x/a> <http://x/p> 2 .
                   <http://x/b> <http://x/p> 3 . <http://x/b> <http://x/q> \"t\" }",
            )
            .unwrap();
        store
    }

    /// The rows of a query as sorted strings.
    fn rows(store: &Store, text: &str) -> Vec<String> {
        let prepared = SparqlEvaluator::new().parse_query(text).unwrap();
        sorted(prepared.on_store(store).execute().unwrap())
    }

    /// What oxigraph's own substitution gives (it binds projected
    /// variables only).
    fn substituted(store: &Store, text: &str, params: &[(String, Term)]) -> Vec<String> {
        let mut prepared = SparqlEvaluator::new().parse_query(text).unwrap();
        for (name, term) in params {
            prepared = prepared.substitute_variable(Variable::new(name).unwrap(), term.clone());
        }
        sorted(prepared.on_store(store).execute().unwrap())
    }

    fn sorted(results: QueryResults<'_>) -> Vec<String> {
        let QueryResults::Solutions(s) = results else {
            panic!("not a SELECT")
        };
        let mut out: Vec<String> = s
            .map(|s| {
                s.unwrap()
                    .iter()
                    .map(|(v, t)| format!("{v}={t}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn values_binding_matches_substitution() {
        let store = store();
        let a: Term = NamedNode::new("http://x/a").unwrap().into();
        let two: Term = Literal::from(2).into();
        for (text, params) in [
            (
                "SELECT ?s ?o WHERE { ?s <http://x/p> ?o }",
                vec![("s".to_string(), a.clone())],
            ),
            (
                "SELECT ?o ?min WHERE { ?s <http://x/p> ?o FILTER(?o >= ?min) } ORDER BY ?o",
                vec![("min".to_string(), two.clone())],
            ),
            (
                "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s <http://x/p> ?o OPTIONAL { ?s <http://x/q> ?t } } GROUP BY ?s",
                vec![("s".to_string(), a.clone())],
            ),
            (
                "SELECT DISTINCT ?s ?o WHERE { ?s ?p ?o } LIMIT 5",
                vec![("o".to_string(), two.clone())],
            ),
        ] {
            let (sent, form) = prepare(text, &params).unwrap();
            assert_eq!(form, Form::Solutions);
            assert_eq!(
                rows(&store, &sent),
                substituted(&store, text, &params),
                "{text}\nsent: {sent}"
            );
        }
    }

    #[test]
    fn prefixes_are_declared_and_forms_known() {
        let (sent, form) = prepare("ASK { ?e a dip:Interaction }", &[]).unwrap();
        assert!(sent.contains("PREFIX dip: <https://w3id.org/dipgraph/ontology#>"));
        assert!(sent.ends_with("ASK { ?e a dip:Interaction }"));
        assert_eq!(form, Form::Solutions);
        let (_, form) = prepare("CONSTRUCT WHERE { ?s ?p ?o }", &[]).unwrap();
        assert_eq!(form, Form::Graph);
        assert!(prepare("SELECT WHERE {", &[]).is_err());
    }

    #[test]
    fn parameters_must_name_a_variable() {
        let one: Term = Literal::from(1).into();
        // Variables used only in a FILTER or a subquery count.
        let text = "SELECT ?s WHERE { { SELECT ?s WHERE { ?s <http://x/p> ?o } } FILTER(?o >= ?min) } # ?actr";
        assert!(prepare(text, &[("min".into(), one.clone())]).is_ok());
        let err = prepare(text, &[("mn".into(), one.clone())]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--param mn: the query has no variable ?mn, so it would bind nothing (did you mean min?)"
        );
        // A comment, an IRI or a string mentioning the name is no variable.
        let text = "SELECT * WHERE { ?s <http://x/?actr> \"?actr\" } # ?actr";
        assert!(matches!(
            prepare(text, &[("actr".into(), one)]),
            Err(BindError::UnknownParameter(_))
        ));
        assert_eq!(
            query_variables("SELECT ?a WHERE { ?a dip:metWith $b FILTER(?a != ?c) }"),
            Some(["a", "b", "c"].map(String::from).into())
        );
    }

    #[test]
    fn hostile_values_stay_values() {
        let store = store();
        let evil: Term = Literal::new_simple_literal("x\" } } DROP ALL ; SELECT * { \"").into();
        let (sent, _) = prepare(
            "SELECT ?s WHERE { ?s <http://x/q> ?t }",
            &[("t".into(), evil)],
        )
        .unwrap();
        assert!(rows(&store, &sent).is_empty(), "{sent}");
    }
}
