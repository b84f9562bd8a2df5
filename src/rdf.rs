//! RDF terms for dipgraph: the vocabulary of `ontology/dipgraph.ttl`, the
//! IRI scheme of actors, articles, reports and events, and the quads that
//! one article (its metadata and reports) or the registry becomes.
//!
//! The model is documented in README ("The knowledge graph"); the ontology
//! file declares every `dip:` term used here, and a test checks that.

use crate::article::Article;
use crate::extract::registry::Registry;
use crate::model::{ActorRef, ActorType, Interaction, PartialDate, Relation};
use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};

pub const BASE: &str = "https://w3id.org/dipgraph/";
pub const DIP: &str = "https://w3id.org/dipgraph/ontology#";
pub const ACTOR: &str = "https://w3id.org/dipgraph/actor/";
pub const ROLE: &str = "https://w3id.org/dipgraph/role/";
pub const ARTICLE: &str = "https://w3id.org/dipgraph/article/";
pub const REPORT: &str = "https://w3id.org/dipgraph/report/";
pub const EVENT: &str = "https://w3id.org/dipgraph/event/";
pub const METRICS_RUN: &str = "https://w3id.org/dipgraph/metrics/";
pub const AGENT: &str = "https://w3id.org/dipgraph/agent/";
pub const GRAPH: &str = "https://w3id.org/dipgraph/graph/";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const SCHEMA: &str = "https://schema.org/";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const WIKIDATA: &str = "http://www.wikidata.org/entity/";

/// Prefixes used when printing Turtle and abbreviating IRIs in tables.
pub const PREFIXES: [(&str, &str); 15] = [
    ("dip", DIP),
    ("actor", ACTOR),
    ("role", ROLE),
    ("art", ARTICLE),
    ("rep", REPORT),
    ("ev", EVENT),
    ("agent", AGENT),
    ("prov", PROV),
    ("schema", SCHEMA),
    ("skos", SKOS),
    ("owl", OWL),
    ("wd", WIKIDATA),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];

/// The ontology file, loaded into its own graph by every ingest.
pub const ONTOLOGY_TTL: &str = include_str!("../ontology/dipgraph.ttl");

fn iri(s: String) -> NamedNode {
    // Every IRI built here is a constant namespace plus an escaped key.
    NamedNode::new_unchecked(s)
}

/// A term of the dipgraph ontology, e.g. `dip("subject")`.
pub fn dip(local: &str) -> NamedNode {
    iri(format!("{DIP}{local}"))
}

pub(crate) fn prov(local: &str) -> NamedNode {
    iri(format!("{PROV}{local}"))
}

pub(crate) fn schema(local: &str) -> NamedNode {
    iri(format!("{SCHEMA}{local}"))
}

pub(crate) fn skos(local: &str) -> NamedNode {
    iri(format!("{SKOS}{local}"))
}

pub fn graph(local: &str) -> NamedNode {
    iri(format!("{GRAPH}{local}"))
}

pub fn ontology_graph() -> NamedNode {
    graph("ontology")
}
pub fn registry_graph() -> NamedNode {
    graph("registry")
}
pub fn events_graph() -> NamedNode {
    graph("events")
}
/// Bookkeeping of the store itself (e.g. whether events need re-deriving).
pub fn meta_graph() -> NamedNode {
    graph("meta")
}

/// Everything outside RFC 3986's unreserved set is percent-encoded, so
/// any file name or id becomes one IRI path segment.
const KEY: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

pub fn escape(key: &str) -> String {
    percent_encoding::utf8_percent_encode(key, KEY).to_string()
}

pub fn actor_iri(id: &str) -> NamedNode {
    iri(format!("{ACTOR}{}", escape(id)))
}

/// The inverse of [`actor_iri`], for ids read back from the store.
pub fn actor_id(iri: &str) -> Option<String> {
    let key = iri.strip_prefix(ACTOR)?;
    percent_encoding::percent_decode_str(key)
        .decode_utf8()
        .ok()
        .map(|id| id.into_owned())
}

/// An article, by its key ([`Article::key`]: its content). Stores written
/// by earlier versions keyed articles by file name (`art:post.txt`); those IRIs stay
/// valid, and ingest finds such articles by their url and content hash.
pub fn article_iri(key: &str) -> NamedNode {
    iri(format!("{ARTICLE}{}", escape(key)))
}

/// The named graph holding one article and its reports.
pub fn article_graph(key: &str) -> NamedNode {
    iri(format!("{GRAPH}article/{}", escape(key)))
}

/// The software that wrote a report: this version of dipgraph, and the
/// interaction model that decided when one did (by [`Model::id`]).
///
/// ```
/// use dipgraph::rdf::extractor_agent;
/// let rules = extractor_agent(None);
/// assert!(rules.as_str().starts_with("https://w3id.org/dipgraph/agent/dipgraph-"));
/// assert!(extractor_agent(Some("0123456789ab")).as_str().ends_with("/model-0123456789ab"));
/// ```
///
/// [`Model::id`]: crate::extract::classifier::Model::id
pub fn extractor_agent(model: Option<&str>) -> NamedNode {
    let version = env!("CARGO_PKG_VERSION");
    match model {
        Some(id) => iri(format!("{AGENT}dipgraph-{version}/model-{}", escape(id))),
        None => iri(format!("{AGENT}dipgraph-{version}")),
    }
}

pub fn report_iri(key: &str, n: usize) -> NamedNode {
    iri(format!("{REPORT}{}/{n}", escape(key)))
}

/// An article's url as stored: an IRI when it is one, else a literal
/// typed xsd:anyURI.
pub fn url_term(url: &str) -> Term {
    match NamedNode::new(url.trim()) {
        Ok(u) => u.into(),
        Err(_) => Literal::new_typed_literal(url, xsd::ANY_URI).into(),
    }
}

/// Where one file of an article's content was read from: its file name
/// and its path as given (an article read from several files, byte for
/// byte the same, has one pair per file).
pub fn source_quads(article: &Article, art: &NamedNode, graph: &NamedNode) -> [Quad; 2] {
    [
        Quad::new(
            art.clone(),
            dip("fileName"),
            string(&article.file_name),
            graph.clone(),
        ),
        Quad::new(
            art.clone(),
            dip("sourcePath"),
            string(&article.source_path()),
            graph.clone(),
        ),
    ]
}

pub fn event_iri(key: &str) -> NamedNode {
    iri(format!("{EVENT}{key}"))
}

/// A partial date typed as precisely as it is known.
pub fn date_literal(d: &PartialDate) -> Literal {
    let datatype = match d {
        PartialDate::Day(_) => xsd::DATE,
        PartialDate::Month(..) => xsd::G_YEAR_MONTH,
        PartialDate::Year(_) => xsd::G_YEAR,
    };
    Literal::new_typed_literal(d.to_string(), datatype)
}

/// The ontology class of a relation, e.g. `meet` → `dip:Meeting`
/// (`data/lexicon/relations.csv` names it).
pub fn relation_class(relation: &str) -> Option<NamedNode> {
    let relation: Relation = relation.parse().ok()?;
    Some(dip(&relation.info().rdf_class))
}

/// The direct actor-to-actor edge written for an occurred event
/// (`meet` → `dip:metWith`).
pub fn direct_edge(relation: &str) -> Option<NamedNode> {
    let relation: Relation = relation.parse().ok()?;
    Some(dip(&relation.info().rdf_edge))
}

pub fn actor_class(kind: ActorType) -> NamedNode {
    dip(match kind {
        ActorType::Person => "Person",
        ActorType::State => "State",
        ActorType::Org => "Organization",
    })
}

fn zh(text: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(text, "zh")
}

fn en(text: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(text, "en")
}

fn string(text: &str) -> Literal {
    Literal::new_simple_literal(text)
}

/// Collects quads into one graph.
pub struct QuadSink {
    pub graph: GraphName,
    pub quads: Vec<Quad>,
}

impl QuadSink {
    pub fn new(graph: NamedNode) -> Self {
        QuadSink {
            graph: graph.into(),
            quads: Vec::new(),
        }
    }

    pub fn add(&mut self, s: impl Into<NamedOrBlankNode>, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        self.quads.push(Quad::new(
            s.into(),
            p.into_owned(),
            o.into(),
            self.graph.clone(),
        ));
    }
}

/// The quads of one article's graph: the article, its reports and the
/// actors the extractor found that the registry does not know.
pub fn article_quads(article: &Article, reports: &[Interaction]) -> Vec<Quad> {
    let graph = article_graph(article.key());
    let art = article_iri(article.key());
    let mut g = QuadSink::new(graph.clone());
    g.add(art.clone(), rdf::TYPE, dip("Article"));
    g.quads.extend(source_quads(article, &art, &graph));
    g.add(
        art.clone(),
        dip("contentHash").as_ref(),
        string(&article.id),
    );
    if let Some(url) = &article.url {
        g.add(art.clone(), schema("url").as_ref(), url_term(url));
    }
    if let Some(title) = &article.title {
        g.add(art.clone(), schema("headline").as_ref(), zh(title));
    }
    if let Some(outlet) = &article.outlet {
        g.add(art.clone(), dip("outlet").as_ref(), string(outlet));
    }
    if let Some(published) = article.published {
        g.add(
            art.clone(),
            schema("datePublished").as_ref(),
            Literal::new_typed_literal(
                published.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                xsd::DATE_TIME,
            ),
        );
    }
    let registry = Registry::builtin();
    let mut unknown: Vec<&ActorRef> = Vec::new();
    let mut models: Vec<Option<&str>> = Vec::new();
    for (n, i) in reports.iter().enumerate() {
        let rep = report_iri(article.key(), n);
        g.add(rep.clone(), rdf::TYPE, dip("Report"));
        g.add(rep.clone(), prov("wasDerivedFrom").as_ref(), art.clone());
        g.add(
            rep.clone(),
            dip("subject").as_ref(),
            actor_iri(&i.subject.id),
        );
        g.add(rep.clone(), dip("object").as_ref(), actor_iri(&i.object.id));
        g.add(
            rep.clone(),
            dip("relation").as_ref(),
            string(i.relation.as_str()),
        );
        if let Some(d) = &i.date {
            g.add(rep.clone(), dip("date").as_ref(), date_literal(d));
        }
        g.add(
            rep.clone(),
            dip("status").as_ref(),
            string(i.status.as_str()),
        );
        if let Some(place) = &i.location {
            g.add(rep.clone(), dip("location").as_ref(), string(place));
        }
        if let Some(state) = &i.location_state {
            g.add(rep.clone(), dip("locationState").as_ref(), actor_iri(state));
        }
        let info = i.relation.info();
        for code in &info.cameo {
            g.add(rep.clone(), dip("cameoCode").as_ref(), string(code));
        }
        for t in &info.plover {
            g.add(rep.clone(), dip("ploverType").as_ref(), string(t));
        }
        g.add(rep.clone(), dip("evidence").as_ref(), zh(&i.evidence));
        g.add(
            rep.clone(),
            dip("confidence").as_ref(),
            Literal::new_typed_literal(format!("{:.2}", i.confidence), xsd::DECIMAL),
        );
        // Why the report exists (PROV): the software that wrote it, whether
        // an argument pattern found it, and the model's weightiest features.
        let model = i.provenance.model.as_deref();
        g.add(
            rep.clone(),
            prov("wasAttributedTo").as_ref(),
            extractor_agent(model),
        );
        if !models.contains(&model) {
            models.push(model);
        }
        g.add(
            rep.clone(),
            dip("foundByPattern").as_ref(),
            Literal::from(i.provenance.pattern),
        );
        for f in &i.provenance.features {
            g.add(rep.clone(), dip("weighedFeature").as_ref(), string(f));
        }
        g.add(rep.clone(), dip("subjectText").as_ref(), zh(&i.subject.zh));
        g.add(rep.clone(), dip("objectText").as_ref(), zh(&i.object.zh));
        for a in [&i.subject, &i.object] {
            if registry.get(&a.id).is_none() && !unknown.iter().any(|u| u.id == a.id) {
                unknown.push(a);
            }
        }
    }
    for model in models {
        let agent = extractor_agent(model);
        g.add(agent.clone(), rdf::TYPE, prov("SoftwareAgent"));
        let label = match model {
            Some(id) => format!(
                "dipgraph {}: argument patterns and interaction model {id}",
                env!("CARGO_PKG_VERSION")
            ),
            None => format!("dipgraph {}: argument patterns", env!("CARGO_PKG_VERSION")),
        };
        g.add(agent.clone(), rdfs::LABEL, en(&label));
        if let Some(id) = model {
            g.add(agent, dip("modelId").as_ref(), string(id));
        }
    }
    for a in unknown {
        let node = actor_iri(&a.id);
        g.add(node.clone(), rdf::TYPE, actor_class(a.kind));
        g.add(node.clone(), rdf::TYPE, dip("Actor"));
        g.add(node.clone(), dip("actorId").as_ref(), string(&a.id));
        g.add(node.clone(), rdfs::LABEL, zh(&a.zh));
        if !a.label_en.is_empty() {
            g.add(node.clone(), rdfs::LABEL, en(&a.label_en));
        }
        if a.label_is_pinyin {
            g.add(
                node.clone(),
                dip("labelIsPinyin").as_ref(),
                Literal::from(true),
            );
        }
        if let Some(state) = &a.state {
            g.add(node.clone(), dip("represents").as_ref(), actor_iri(state));
        }
        g.add(node, dip("inRegistry").as_ref(), Literal::from(false));
    }
    g.quads
}

/// The registry graph: every known actor and every term of office.
pub fn registry_quads(registry: &Registry) -> Vec<Quad> {
    let mut g = QuadSink::new(registry_graph());
    for a in &registry.actors {
        let node = actor_iri(&a.id);
        g.add(node.clone(), rdf::TYPE, actor_class(a.kind));
        g.add(node.clone(), rdf::TYPE, dip("Actor"));
        g.add(node.clone(), dip("actorId").as_ref(), string(&a.id));
        g.add(node.clone(), rdfs::LABEL, en(&a.label_en));
        g.add(node.clone(), rdfs::LABEL, zh(&a.label_zh));
        for alias in &a.aliases_zh {
            g.add(node.clone(), skos("altLabel").as_ref(), zh(alias));
        }
        if let Some(q) = &a.wikidata {
            g.add(
                node.clone(),
                iri(format!("{OWL}sameAs")).as_ref(),
                iri(format!("{WIKIDATA}{q}")),
            );
        }
        if let Some(state) = &a.state {
            g.add(node.clone(), dip("represents").as_ref(), actor_iri(state));
        }
        for side in &a.sides_zh {
            g.add(node.clone(), dip("side").as_ref(), zh(side));
        }
        g.add(node, dip("inRegistry").as_ref(), Literal::from(true));
    }
    for t in &registry.terms {
        let holder = &registry.actors[t.actor];
        let role = iri(format!(
            "{ROLE}{}-{}-{}-{}",
            escape(&holder.id),
            escape(&t.role),
            escape(&t.of),
            t.from
        ));
        g.add(role.clone(), rdf::TYPE, dip("Role"));
        g.add(role.clone(), dip("holder").as_ref(), actor_iri(&holder.id));
        g.add(actor_iri(&holder.id), dip("holds").as_ref(), role.clone());
        g.add(role.clone(), dip("roleName").as_ref(), string(&t.role));
        g.add(role.clone(), dip("roleOf").as_ref(), actor_iri(&t.of));
        g.add(role.clone(), dip("from").as_ref(), date_literal(&t.from));
        if let Some(to) = &t.to {
            g.add(role, dip("to").as_ref(), date_literal(to));
        }
    }
    g.quads
}

/// The named graph of one metrics run, keyed by its filters, so running
/// `dipgraph metrics` again with the same filters replaces that run.
pub fn metrics_run_graph(filters: &str) -> NamedNode {
    iri(format!("{GRAPH}metrics/{}", short_hash(filters)))
}

fn short_hash(text: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(&Sha256::digest(text.as_bytes())[..8])
}

/// The IRI of a metrics run, keyed like its graph ([`metrics_run_graph`]).
pub fn metrics_run_iri(filters: &str) -> NamedNode {
    iri(format!("{METRICS_RUN}{}", short_hash(filters)))
}

/// The IRI of one actor's scores in a metrics run.
pub fn metrics_score_iri(filters: &str, actor_id: &str) -> NamedNode {
    iri(format!(
        "{METRICS_RUN}{}/{}",
        short_hash(filters),
        escape(actor_id)
    ))
}

/// Formats a term compactly for tables: prefixed IRIs, plain literal text.
pub fn compact(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => abbreviate(n.as_str()),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => l.value().to_string(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// `https://w3id.org/dipgraph/actor/wang_yi` → `actor:wang_yi`.
pub fn abbreviate(iri: &str) -> String {
    PREFIXES
        .iter()
        .filter_map(|(p, ns)| iri.strip_prefix(ns).map(|rest| (p, ns.len(), rest)))
        .max_by_key(|(_, len, _)| *len)
        .map(|(p, _, rest)| format!("{p}:{rest}"))
        .unwrap_or_else(|| format!("<{iri}>"))
}

/// Expands `actor:wang_yi` with the known prefixes.
pub fn expand(prefixed: &str) -> Option<String> {
    let (p, rest) = prefixed.split_once(':')?;
    PREFIXES
        .iter()
        .find(|(name, _)| *name == p)
        .map(|(_, ns)| format!("{ns}{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The relation table names classes and properties: each must be one
    /// the ontology declares, or the store would hold undeclared terms.
    #[test]
    fn every_relation_class_and_edge_is_declared_in_the_ontology() {
        for r in Relation::ALL {
            for local in [&r.info().rdf_class, &r.info().rdf_edge] {
                assert!(
                    ONTOLOGY_TTL.contains(&format!("dip:{local} "))
                        || ONTOLOGY_TTL.contains(&format!("dip:{local}\n")),
                    "{r}: dip:{local} is not declared in ontology/dipgraph.ttl"
                );
            }
        }
    }

    #[test]
    fn escaped_ids_round_trip() {
        for id in ["wang_yi", "CHN", "赵贤东", "a b/c%d"] {
            let node = actor_iri(id);
            assert!(NamedNode::new(node.as_str()).is_ok(), "{node}");
            assert_eq!(actor_id(node.as_str()).as_deref(), Some(id));
        }
    }

    #[test]
    fn dates_are_typed_as_precisely_as_known() {
        let d: PartialDate = "2020-11-26".parse().unwrap();
        assert_eq!(date_literal(&d).datatype(), xsd::DATE);
        let m: PartialDate = "2020-11".parse().unwrap();
        assert_eq!(date_literal(&m).datatype(), xsd::G_YEAR_MONTH);
        let y: PartialDate = "2020".parse().unwrap();
        assert_eq!(date_literal(&y).datatype(), xsd::G_YEAR);
    }

    #[test]
    fn prefixes_abbreviate_and_expand() {
        assert_eq!(abbreviate(actor_iri("wang_yi").as_str()), "actor:wang_yi");
        assert_eq!(
            expand("actor:wang_yi").unwrap(),
            actor_iri("wang_yi").as_str()
        );
        assert_eq!(abbreviate("http://example.org/x"), "<http://example.org/x>");
    }

    /// Every `dip:` term the writer uses is declared in the ontology file.
    #[test]
    fn writer_uses_only_declared_terms() {
        let onto: BTreeSet<String> =
            oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
                .for_slice(ONTOLOGY_TTL.as_bytes())
                .map(|q| q.expect("ontology parses").subject.to_string())
                .collect();
        let src = include_str!("rdf.rs").to_owned() + include_str!("store/mod.rs");
        let used: BTreeSet<&str> = src
            .split("dip(\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric()))
            .collect();
        assert!(used.len() > 30, "{used:?}");
        for term in used {
            let full = format!("<{DIP}{term}>");
            assert!(
                onto.contains(&full),
                "dip:{term} is not declared in the ontology"
            );
        }
        for r in crate::model::Relation::ALL.map(|r| r.as_str()) {
            for t in [relation_class(r), direct_edge(r)] {
                let t = t.unwrap();
                assert!(onto.contains(&format!("<{}>", t.as_str())), "{t}");
            }
        }
    }
}
