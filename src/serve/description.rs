//! The SPARQL 1.1 Service Description of the endpoint: what a client gets
//! on `GET /sparql` without a query (the spec: "SPARQL services made
//! available via the SPARQL Protocol should return a service description
//! document at the service endpoint when dereferenced using the HTTP GET
//! operation without any query parameter strings"), in the RDF format the
//! client's `Accept` asks for.
//!
//! It says which languages the endpoint speaks (SPARQL 1.1 Query; Update
//! only when the server has an update token), the result formats it
//! writes, that the default graph is the union of all graphs, the named
//! graphs every store has, and where the read-only Graph Store is.

use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{BlankNode, Literal, NamedNode, NamedOrBlankNode, Term, Triple};

/// The Service Description vocabulary.
pub const SD: &str = "http://www.w3.org/ns/sparql-service-description#";
/// W3C's unique identifiers of formats.
const FORMATS: &str = "http://www.w3.org/ns/formats/";

/// The prefixes the description is written with.
pub const PREFIXES: [(&str, &str); 4] = [
    ("sd", SD),
    ("formats", FORMATS),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
];

/// The formats the endpoint writes: query results, then graphs.
const RESULT_FORMATS: [&str; 9] = [
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "RDF_XML",
    "N-Quads",
    "JSON-LD",
];

/// The named graphs every store has (each article has one more, named
/// after its content).
const FIXED_GRAPHS: [&str; 4] = ["ontology", "registry", "events", "meta"];

/// The description of the endpoint at `endpoint` (an absolute URL, as the
/// client reached it), whose Graph Store is at `graph_store`.
///
/// ```
/// let triples = dipgraph::serve::description::service_description(
///     "http://127.0.0.1:7878/sparql", "http://127.0.0.1:7878/store", false);
/// let text: Vec<String> = triples.iter().map(|t| t.to_string()).collect();
/// assert!(text.iter().any(|t| t.contains("sparql-service-description#SPARQL11Query")));
/// assert!(!text.iter().any(|t| t.contains("SPARQL11Update")));
/// ```
pub fn service_description(endpoint: &str, graph_store: &str, updates: bool) -> Vec<Triple> {
    let sd = |local: &str| NamedNode::new_unchecked(format!("{SD}{local}"));
    let service = NamedNode::new_unchecked(endpoint);
    let mut out = Vec::new();
    let mut add = |s: NamedOrBlankNode, p: NamedNode, o: Term| out.push(Triple::new(s, p, o));
    let me = NamedOrBlankNode::from(service.clone());
    add(me.clone(), rdf::TYPE.into_owned(), sd("Service").into());
    add(me.clone(), sd("endpoint"), service.clone().into());
    add(
        me.clone(),
        rdfs::LABEL.into_owned(),
        Literal::new_language_tagged_literal_unchecked("dipgraph SPARQL endpoint", "en").into(),
    );
    add(
        me.clone(),
        rdfs::COMMENT.into_owned(),
        Literal::new_language_tagged_literal_unchecked(
            format!(
                "Interactions between diplomatic actors read from Chinese-language news: \
                 events, their reports with evidence sentences, actors and roles. The default \
                 graph is the union of all graphs; each article is a named graph. Read-only \
                 Graph Store (GET ?default or ?graph=IRI) at {graph_store}. \
                 Ontology: https://w3id.org/dipgraph/ontology#"
            ),
            "en",
        )
        .into(),
    );
    add(
        me.clone(),
        sd("supportedLanguage"),
        sd("SPARQL11Query").into(),
    );
    if updates {
        add(
            me.clone(),
            sd("supportedLanguage"),
            sd("SPARQL11Update").into(),
        );
    }
    for f in RESULT_FORMATS {
        add(
            me.clone(),
            sd("resultFormat"),
            NamedNode::new_unchecked(format!("{FORMATS}{f}")).into(),
        );
    }
    add(me.clone(), sd("feature"), sd("UnionDefaultGraph").into());
    add(
        me.clone(),
        sd("defaultEntailmentRegime"),
        NamedNode::new_unchecked("http://www.w3.org/ns/entailment/Simple").into(),
    );
    let dataset = NamedOrBlankNode::from(BlankNode::new_unchecked("dataset"));
    add(me, sd("defaultDataset"), dataset.clone().into());
    add(
        dataset.clone(),
        rdf::TYPE.into_owned(),
        sd("Dataset").into(),
    );
    let default = NamedOrBlankNode::from(BlankNode::new_unchecked("default"));
    add(dataset.clone(), sd("defaultGraph"), default.clone().into());
    add(default, rdf::TYPE.into_owned(), sd("Graph").into());
    for name in FIXED_GRAPHS {
        let named = NamedOrBlankNode::from(BlankNode::new_unchecked(format!("graph_{name}")));
        add(dataset.clone(), sd("namedGraph"), named.clone().into());
        add(
            named.clone(),
            rdf::TYPE.into_owned(),
            sd("NamedGraph").into(),
        );
        add(
            named,
            sd("name"),
            NamedNode::new_unchecked(format!("{}graph/{name}", crate::rdf::BASE)).into(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_the_endpoint_and_update_only_with_a_token() {
        let base = "http://h:1/sparql";
        let ro = service_description(base, "http://h:1/store", false);
        let rw = service_description(base, "http://h:1/store", true);
        let language = |ts: &[Triple]| {
            ts.iter()
                .filter(|t| t.predicate.as_str() == format!("{SD}supportedLanguage"))
                .count()
        };
        assert_eq!(language(&ro), 1);
        assert_eq!(language(&rw), 2);
        let endpoint = ro
            .iter()
            .find(|t| t.predicate.as_str() == format!("{SD}endpoint"))
            .unwrap();
        assert_eq!(endpoint.object.to_string(), format!("<{base}>"));
        let formats = ro
            .iter()
            .filter(|t| t.predicate.as_str() == format!("{SD}resultFormat"))
            .count();
        assert_eq!(formats, RESULT_FORMATS.len());
        let graphs: Vec<String> = ro
            .iter()
            .filter(|t| t.predicate.as_str() == format!("{SD}name"))
            .map(|t| t.object.to_string())
            .collect();
        assert!(
            graphs.contains(&"<https://w3id.org/dipgraph/graph/events>".to_string()),
            "{graphs:?}"
        );
    }
}
