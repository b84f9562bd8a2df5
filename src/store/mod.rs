//! The knowledge graph's store: the [`Backend`] trait that both backends
//! implement — the embedded Oxigraph store (`embedded.rs`) and a SPARQL 1.1
//! server (`remote/`), which never import each other — with its errors and
//! the layout they share: the ontology, the actor registry, one named graph
//! per article (the article and its reports) and the events derived from all
//! reports; the meta graph's flags; the queries that read the layout back.
//! What an ingest writes, keeps or replaces is decided once, for both, by
//! [`plan::plan_batch`]; a query's text is prepared once by [`sparql`].
//!
//! A batch of articles is written whole or not at all, and re-deriving the
//! events is another such write, so an interrupted ingest leaves the store
//! as it was before the interrupted write. A flag in the meta graph, written
//! with the reports and cleared with the events, tells a later run that
//! events must be re-derived.

mod backend;
mod embedded;
pub mod events;
pub mod plan;
pub mod remote;
pub mod sparql;

pub use backend::Backend;
pub use embedded::{GraphStore, SNAPSHOTS_DIR, evaluator};
pub use plan::{BatchOutcome, IngestRun};

use crate::extract::registry::Registry;
use crate::model::{PartialDate, Relation};
use crate::rdf::{self, dip};
use events::{Event, ReportRow, derive_events};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::vocab::{rdf as rdfv, rdfs, xsd};
use oxigraph::model::{Literal, NamedNode, NamedOrBlankNode, Quad, Term, Triple};
use oxigraph::sparql::QueryResults;
use oxigraph::store::StorageError;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::str::FromStr;

/// Default location of the store, relative to the working directory.
pub const DEFAULT_STORE: &str = "out/store";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the store at {path}: {reason}")]
    Open { path: PathBuf, reason: StorageError },
    /// RocksDB's lock: another process (an ingest, a server) owns the store.
    #[error(
        "the store at {0} is in use by another dipgraph process (an ingest or a server): one process owns a store. Wait for it to finish, or query it through that process's endpoint (`dipgraph serve`, or `dipgraph ingest --serve ADDR`)"
    )]
    Locked(PathBuf),
    /// A command that only reads was pointed at a path holding no store.
    #[error(
        "no store at {0}: it does not exist or is not a dipgraph store (create one with `dipgraph ingest ARTICLES --store {0}`)"
    )]
    Missing(PathBuf),
    #[error("store: {0}")]
    Storage(#[from] StorageError),
    /// The text does not parse: placed in it, with one sentence.
    #[error("{0}")]
    Syntax(sparql::syntax::SyntaxError),
    /// `--param` names no variable of the query.
    #[error(transparent)]
    UnknownParameter(#[from] sparql::bind::UnknownParameter),
    /// A `--param` value that cannot be bound.
    #[error("parameter {name:?}: {reason}")]
    BadParameter { name: String, reason: String },
    /// Refused before parsing: nested past what a thread's stack survives.
    #[error("query refused: {0}")]
    TooComplex(#[from] sparql::limits::TooComplex),
    #[error("SPARQL evaluation: {0}")]
    Evaluation(#[from] oxigraph::sparql::QueryEvaluationError),
    #[error("SPARQL update: {0}")]
    Update(#[from] oxigraph::sparql::UpdateEvaluationError),
    /// A remote SPARQL store refused a request or stayed unreachable.
    #[error(transparent)]
    Remote(#[from] remote::RemoteError),
    /// A query answered in another form than its caller reads (rows of a
    /// SELECT where an ASK's boolean was expected, or the reverse).
    #[error("expected {expected}, the query answered {found}")]
    UnexpectedAnswer {
        expected: AnswerForm,
        found: AnswerForm,
    },
    /// The ontology compiled in (`ontology/dipgraph.ttl`) does not parse.
    #[error("{ONTOLOGY_PATH}: {source}")]
    Ontology {
        source: Box<oxigraph::io::RdfSyntaxError>,
    },
    /// Writing a dump failed (a full disk, a closed pipe).
    #[error("writing the dump: {source}")]
    Dump { source: std::io::Error },
    /// An on-disk store was asked of a build without RocksDB.
    #[error(
        "cannot {action} {}: dipgraph was built without the `rocksdb` feature (on-disk stores)",
        path.display()
    )]
    WithoutRocksDb { action: &'static str, path: PathBuf },
}

/// The form of a query's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerForm {
    /// Rows (SELECT).
    Solutions,
    /// True or false (ASK).
    Boolean,
    /// Triples (CONSTRUCT, DESCRIBE).
    Graph,
}

impl AnswerForm {
    /// The form of `results`.
    pub fn of(results: &QueryResults<'_>) -> Self {
        match results {
            QueryResults::Solutions(_) => AnswerForm::Solutions,
            QueryResults::Boolean(_) => AnswerForm::Boolean,
            QueryResults::Graph(_) => AnswerForm::Graph,
        }
    }
}

impl std::fmt::Display for AnswerForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            AnswerForm::Solutions => "rows (a SELECT query)",
            AnswerForm::Boolean => "a boolean (an ASK query)",
            AnswerForm::Graph => "triples (a CONSTRUCT or DESCRIBE query)",
        })
    }
}

/// Where the ontology the store is given comes from ([`rdf::ONTOLOGY_TTL`]).
const ONTOLOGY_PATH: &str = "ontology/dipgraph.ttl";

impl From<sparql::bind::BindError> for StoreError {
    fn from(e: sparql::bind::BindError) -> Self {
        use sparql::bind::BindError;
        match e {
            BindError::Syntax(e) => StoreError::Syntax(e),
            BindError::UnknownParameter(e) => StoreError::UnknownParameter(e),
            BindError::TooComplex(e) => StoreError::TooComplex(e),
            BindError::BadParameter { name, reason } => StoreError::BadParameter { name, reason },
        }
    }
}

/// Counts for the ingest summary.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct StoreStats {
    pub articles: usize,
    pub reports: usize,
    pub events: usize,
    /// Every actor the store describes (`dip:Actor`): the registry, the
    /// names mined from the archive, and people first met in text —
    /// whether or not any event names them.
    pub actors: usize,
    /// Actors on either side of at least one event: the actors of the
    /// graph `metrics` and the explorer draw (before their filters).
    pub actors_in_events: usize,
    pub triples: usize,
}

/// `store: articles N reports N events N actors in events N (known N)
/// triples N`, the line ingest and fold-events end with (the benchmark
/// harness parses it). Two actor counts, named, because one bare number
/// (all known actors) was read as the graph's size, which metrics and the
/// explorer report far smaller.
impl std::fmt::Display for StoreStats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "store: articles {} reports {} events {} actors in events {} (known {}) triples {}",
            self.articles,
            self.reports,
            self.events,
            self.actors_in_events,
            self.actors,
            self.triples
        )
    }
}

/// The rows of a SELECT as text, in the order of its variables: IRIs as
/// IRIs, literals as their lexical form, unbound as None.
pub(crate) fn solution_rows(
    results: QueryResults<'_>,
) -> Result<Vec<Vec<Option<String>>>, StoreError> {
    let found = AnswerForm::of(&results);
    let QueryResults::Solutions(solutions) = results else {
        return Err(StoreError::UnexpectedAnswer {
            expected: AnswerForm::Solutions,
            found,
        });
    };
    let vars = solutions.variables().to_vec();
    let mut rows = Vec::new();
    for s in solutions {
        let s = s?;
        rows.push(vars.iter().map(|v| s.get(v).map(term_text)).collect());
    }
    Ok(rows)
}

/// A term as text: IRIs as IRIs, literals as their lexical form.
pub(crate) fn term_text(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => n.as_str().to_string(),
        Term::Literal(l) => l.value().to_string(),
        Term::BlankNode(b) => b.as_str().to_string(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// Every report of every article graph, with what folding needs; written
/// with an explicit GRAPH so it runs on any store, whatever its default
/// graph is.
pub(crate) const REPORTS_QUERY: &str = r#"
    PREFIX dip: <https://w3id.org/dipgraph/ontology#>
    PREFIX prov: <http://www.w3.org/ns/prov#>
    PREFIX schema: <https://schema.org/>
    SELECT ?r ?rel ?s ?o ?date ?status ?conf ?loc ?locState ?outlet ?pub WHERE {
      GRAPH ?g {
        ?r a dip:Report ; dip:relation ?rel ; dip:subject ?s ; dip:object ?o ;
           dip:status ?status ; dip:confidence ?conf ; prov:wasDerivedFrom ?a .
        OPTIONAL { ?r dip:date ?date }
        OPTIONAL { ?r dip:location ?loc }
        OPTIONAL { ?r dip:locationState ?locState }
        OPTIONAL { ?a dip:outlet ?outlet }
        OPTIONAL { ?a schema:datePublished ?pub }
      }
    }"#;

/// One row of [`REPORTS_QUERY`] as a report to fold.
pub(crate) fn report_row(r: Vec<Option<String>>) -> ReportRow {
    let text_of = |i: usize| r[i].clone();
    let relation = text_of(1).unwrap_or_default();
    let symmetric = Relation::from_str(&relation).is_ok_and(|r| !r.directed());
    ReportRow {
        report: text_of(0).unwrap_or_default(),
        subject: text_of(2).unwrap_or_default(),
        object: text_of(3).unwrap_or_default(),
        symmetric,
        relation,
        date: text_of(4).and_then(|d| d.parse::<PartialDate>().ok()),
        status: text_of(5).unwrap_or_default(),
        confidence: text_of(6).and_then(|c| c.parse().ok()).unwrap_or(0.0),
        location: text_of(7),
        location_state: text_of(8),
        outlet: text_of(9),
        published: text_of(10)
            .and_then(|p| chrono::DateTime::parse_from_rfc3339(&p).ok())
            .map(|t| {
                // Publication day at UTC+8 for every outlet alike: undated
                // reports group by it, and grouping needs one clock
                // (extraction's relative dates count from the outlet's own
                // day instead).
                let tz = chrono::FixedOffset::east_opt(8 * 3600).expect("offset");
                t.with_timezone(&tz).date_naive()
            }),
    }
}

/// The ontology and registry graphs with the version stamp that says
/// which sources they were made from.
pub(crate) struct StaticGraphs {
    /// `<store> dip:staticVersion "sha256"` in the meta graph.
    pub version: Quad,
    pub graphs: Vec<(NamedNode, Vec<Quad>)>,
}

impl StaticGraphs {
    pub fn new(registry: &Registry) -> Result<Self, StoreError> {
        // The ontology's blank nodes get fresh ids at every parse, so the
        // graphs are rewritten only when their sources changed.
        let registry_quads = rdf::registry_quads(registry);
        let mut h = Sha256::new();
        h.update(rdf::ONTOLOGY_TTL.as_bytes());
        for q in &registry_quads {
            h.update(q.to_string().as_bytes());
        }
        let version = Quad::new(
            store_node(),
            dip("staticVersion"),
            Literal::new_simple_literal(hex::encode(h.finalize())),
            rdf::meta_graph(),
        );
        Ok(StaticGraphs {
            version,
            graphs: vec![
                (rdf::ontology_graph(), ontology_quads()?),
                (rdf::registry_graph(), registry_quads),
            ],
        })
    }
}

/// What the events graph repeats of each actor its events name.
fn actor_description_predicates() -> [NamedNode; 3] {
    [
        rdfv::TYPE.into_owned(),
        rdfs::LABEL.into_owned(),
        dip("represents"),
    ]
}

/// The type, labels and represented state of every actor the registry
/// does not describe, with the number of article graphs stating each.
pub(crate) const ACTOR_DESCRIPTIONS_QUERY: &str = r#"
    PREFIX dip: <https://w3id.org/dipgraph/ontology#>
    PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?a ?p ?v (COUNT(?g) AS ?graphs) WHERE {
      GRAPH ?g {
        ?a a dip:Actor .
        VALUES ?p { rdf:type rdfs:label dip:represents }
        ?a ?p ?v .
      }
      FILTER(?g != <https://w3id.org/dipgraph/graph/events>
             && ?g != <https://w3id.org/dipgraph/graph/registry>)
      FILTER NOT EXISTS {
        GRAPH <https://w3id.org/dipgraph/graph/registry> { ?a a dip:Actor }
      }
    }
    GROUP BY ?a ?p ?v"#;

/// [`Backend::actor_descriptions`] from the results of
/// [`ACTOR_DESCRIPTIONS_QUERY`].
pub(crate) fn actor_descriptions_of(
    results: QueryResults<'_>,
    actors: &HashSet<NamedNode>,
) -> Result<Vec<(Triple, u64)>, StoreError> {
    let form = AnswerForm::of(&results);
    let QueryResults::Solutions(solutions) = results else {
        return Err(StoreError::UnexpectedAnswer {
            expected: AnswerForm::Solutions,
            found: form,
        });
    };
    let mut found = Vec::new();
    for s in solutions {
        let s = s?;
        let (Some(Term::NamedNode(a)), Some(Term::NamedNode(p)), Some(v), Some(Term::Literal(n))) =
            (s.get("a"), s.get("p"), s.get("v"), s.get("graphs"))
        else {
            continue;
        };
        if actors.contains(a) {
            let graphs = n.value().parse().unwrap_or(0);
            found.push((Triple::new(a.clone(), p.clone(), v.clone()), graphs));
        }
    }
    Ok(found)
}

/// Derives the events from the store's reports: their number, and the
/// quads of the events graph.
pub(crate) fn derive_events_graph(store: &dyn Backend) -> Result<(usize, Vec<Quad>), StoreError> {
    let events = derive_events(&store.report_rows()?);
    let actors: HashSet<NamedNode> = events
        .iter()
        .flat_map(|e| [&e.subject, &e.object])
        .map(NamedNode::new_unchecked)
        .collect();
    let descriptions = one_label_per_language(store.actor_descriptions(&actors)?);
    Ok((events.len(), events_quads(&events, &descriptions)))
}

/// Keeps, of each actor's labels in one language, the one most article
/// graphs state as `rdfs:label` (on a tie, the first in code-point order)
/// and makes the others `skos:altLabel`, as the registry does: one text
/// may write 韦斯特奇尔 where most write 维斯特奇尔, and a label per
/// language keeps one row per actor in queries.
fn one_label_per_language(described: Vec<(Triple, u64)>) -> Vec<Triple> {
    let label = rdfs::LABEL.into_owned();
    let language = |t: &Triple| match &t.object {
        Term::Literal(l) => l.language().unwrap_or("").to_string(),
        _ => String::new(),
    };
    let mut preferred: HashMap<(NamedOrBlankNode, String), (u64, String)> = HashMap::new();
    for (t, graphs) in &described {
        if t.predicate == label {
            let text = t.object.to_string();
            let best = preferred
                .entry((t.subject.clone(), language(t)))
                .or_insert((*graphs, text.clone()));
            if (*graphs, std::cmp::Reverse(&text)) > (best.0, std::cmp::Reverse(&best.1)) {
                *best = (*graphs, text);
            }
        }
    }
    let mut triples: Vec<Triple> = described
        .into_iter()
        .map(|(t, _)| {
            if t.predicate == label
                && preferred[&(t.subject.clone(), language(&t))].1 != t.object.to_string()
            {
                Triple::new(t.subject, rdf::skos("altLabel"), t.object)
            } else {
                t
            }
        })
        .collect();
    triples.sort_by_cached_key(|t| t.to_string());
    triples
}

/// The quads of the events graph: the events, and one description of
/// each actor outside the registry they name. Such people are described in
/// the graph of every article naming them, and the union default graph
/// keeps each copy; with one copy here and registry actors in the registry
/// graph, queries label actors from those two graphs without repeated rows.
pub(crate) fn events_quads(events: &[Event], actor_descriptions: &[Triple]) -> Vec<Quad> {
    let graph = rdf::events_graph();
    let mut quads = Vec::new();
    for e in events {
        event_quads(e, &graph, &mut quads);
    }
    quads.extend(
        actor_descriptions
            .iter()
            .map(|t| t.clone().in_graph(graph.clone())),
    );
    quads
}

/// Adds the dipgraph prefixes to a serializer (Turtle-family output).
pub fn with_prefixes(mut s: RdfSerializer) -> RdfSerializer {
    for (p, ns) in rdf::PREFIXES {
        s = s.with_prefix(p, ns).expect("valid prefix");
    }
    s
}

/// The store itself, subject of its bookkeeping triples.
pub(crate) fn store_node() -> NamedNode {
    NamedNode::new_unchecked(format!("{}store", rdf::BASE))
}

/// Set with the reports, cleared with the events: events need re-deriving.
pub(crate) fn stale_flag() -> Quad {
    Quad::new(
        NamedOrBlankNode::from(store_node()),
        dip("eventsStale"),
        Literal::from(true),
        rdf::meta_graph(),
    )
}

/// The layout of the events graph, stamped in the meta graph by every
/// fold: raised when folding writes something new (2: descriptions of
/// actors outside the registry, dip:reportedBy; 3: trips with
/// dip:endDate, dip:background, symmetric direct edges both ways), so that
/// events folded by an older dipgraph count as stale and the next ingest
/// re-folds them.
pub(crate) fn events_format() -> Quad {
    Quad::new(
        NamedOrBlankNode::from(store_node()),
        dip("eventsFormat"),
        Literal::from(3),
        rdf::meta_graph(),
    )
}

fn ontology_quads() -> Result<Vec<Quad>, StoreError> {
    RdfParser::from_format(RdfFormat::Turtle)
        .with_default_graph(rdf::ontology_graph())
        .for_slice(rdf::ONTOLOGY_TTL.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| StoreError::Ontology {
            source: Box::new(e),
        })
}

fn event_quads(e: &Event, graph: &NamedNode, out: &mut Vec<Quad>) {
    let mut g = rdf::QuadSink::new(graph.clone());
    let ev = rdf::event_iri(&e.key);
    let s = NamedNode::new_unchecked(&e.subject);
    let o = NamedNode::new_unchecked(&e.object);
    g.add(ev.clone(), rdfv::TYPE, dip("Interaction"));
    if let Some(class) = rdf::relation_class(&e.relation) {
        g.add(ev.clone(), rdfv::TYPE, class);
    }
    g.add(ev.clone(), dip("subject").as_ref(), s.clone());
    g.add(ev.clone(), dip("object").as_ref(), o.clone());
    g.add(
        ev.clone(),
        dip("relation").as_ref(),
        Literal::new_simple_literal(&e.relation),
    );
    if let Some(d) = &e.date {
        g.add(ev.clone(), dip("date").as_ref(), rdf::date_literal(d));
    }
    if let Some(end) = e.end_date {
        g.add(
            ev.clone(),
            dip("endDate").as_ref(),
            rdf::date_literal(&PartialDate::Day(end)),
        );
    }
    g.add(
        ev.clone(),
        dip("background").as_ref(),
        Literal::from(e.background),
    );
    g.add(
        ev.clone(),
        dip("status").as_ref(),
        Literal::new_simple_literal(&e.status),
    );
    if let Some(place) = &e.location {
        g.add(
            ev.clone(),
            dip("location").as_ref(),
            Literal::new_simple_literal(place),
        );
    }
    if let Some(state) = &e.location_state {
        g.add(
            ev.clone(),
            dip("locationState").as_ref(),
            NamedNode::new_unchecked(state),
        );
    }
    if let Ok(r) = Relation::from_str(&e.relation) {
        for code in &r.info().cameo {
            g.add(
                ev.clone(),
                dip("cameoCode").as_ref(),
                Literal::new_simple_literal(code),
            );
        }
        for t in &r.info().plover {
            g.add(
                ev.clone(),
                dip("ploverType").as_ref(),
                Literal::new_simple_literal(t),
            );
        }
    }
    g.add(
        ev.clone(),
        dip("confidence").as_ref(),
        Literal::new_typed_literal(format!("{:.2}", e.confidence), xsd::DECIMAL),
    );
    g.add(
        ev.clone(),
        dip("reportCount").as_ref(),
        Literal::from(e.reports.len() as i64),
    );
    g.add(
        ev.clone(),
        dip("outletCount").as_ref(),
        Literal::from(e.outlets.len() as i64),
    );
    for outlet in &e.outlets {
        g.add(
            ev.clone(),
            dip("reportedBy").as_ref(),
            Literal::new_simple_literal(outlet),
        );
    }
    for r in &e.reports {
        let rep = NamedNode::new_unchecked(r);
        g.add(ev.clone(), dip("hasReport").as_ref(), rep.clone());
        g.add(rep, dip("reportOf").as_ref(), ev.clone());
    }
    if let Some(p) = &e.planned_as {
        g.add(ev.clone(), dip("plannedAs").as_ref(), rdf::event_iri(p));
    }
    if e.status == "occurred" {
        if let Some(edge) = rdf::direct_edge(&e.relation) {
            // A symmetric relation's edge both ways (the property is an
            // owl:SymmetricProperty; written out, since the store does no
            // reasoning), so `ASK { actor:wang_yi dip:metWith ?x }` holds
            // whichever way the event is oriented. Counts come from the
            // events, never from these edges.
            if Relation::from_str(&e.relation).is_ok_and(|r| !r.directed()) {
                g.add(o.clone(), edge.as_ref(), s.clone());
            }
            g.add(s, edge.as_ref(), o);
        }
    }
    out.extend(g.quads);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The embedded store's index scans ([`Backend::report_rows`],
    /// [`Backend::actor_descriptions`]) read what [`REPORTS_QUERY`] and
    /// [`ACTOR_DESCRIPTIONS_QUERY`] select (remote stores run the queries).
    #[test]
    fn report_scans_equal_the_reports_query() {
        let store = GraphStore::in_memory().unwrap();
        let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
        let (mut articles, errors, _) = crate::article::read_paths(&[samples], || {});
        assert!(errors.is_empty(), "{errors:?}");
        // Two made-up articles naming a person outside the registry.
        for (n, day) in [(1, 3), (2, 4)] {
            let text = format!(
                "---\ntitle: 会见\nurl: https://example.org/{n}\ndate: 2020-09-0{day} 10:00:00 +0800\n---\n\n\
                 <p>立陶宛外长兰斯伯吉斯{day}日在台北会见台湾外长吴钊燮。</p>\n"
            );
            let path = PathBuf::from(format!("made-up-{n}.md"));
            articles.push(crate::article::parse(&path, text.as_bytes()).unwrap());
        }
        let batch: Vec<_> = articles
            .into_iter()
            .map(|a| {
                let interactions = crate::extract::extract(&a);
                (a, interactions)
            })
            .collect();
        store
            .write_articles(&batch, &mut IngestRun::new(true))
            .unwrap();
        store.rebuild_events().unwrap();
        let key = |r: &ReportRow| format!("{r:?}");
        let mut scanned: Vec<String> = store.report_rows().unwrap().iter().map(key).collect();
        let mut queried: Vec<String> = store
            .select(REPORTS_QUERY)
            .unwrap()
            .into_iter()
            .map(report_row)
            .map(|r| key(&r))
            .collect();
        scanned.sort();
        queried.sort();
        assert!(scanned.len() > 20, "{}", scanned.len());
        assert_eq!(scanned, queried);

        // Likewise the actor descriptions.
        let actors: HashSet<NamedNode> = store
            .select("SELECT DISTINCT ?a WHERE { ?a a dip:Actor }")
            .unwrap()
            .into_iter()
            .map(|r| NamedNode::new_unchecked(r[0].clone().unwrap()))
            .collect();
        let key = |(t, n): &(Triple, u64)| format!("{t} {n}");
        let mut scanned: Vec<String> = store
            .actor_descriptions(&actors)
            .unwrap()
            .iter()
            .map(key)
            .collect();
        let results = store.query(ACTOR_DESCRIPTIONS_QUERY, &[]).unwrap();
        let mut queried: Vec<String> = actor_descriptions_of(results, &actors)
            .unwrap()
            .iter()
            .map(key)
            .collect();
        scanned.sort();
        queried.sort();
        assert!(
            scanned.iter().any(|t| t.contains("rdf-schema#label")),
            "{scanned:?}"
        );
        assert_eq!(scanned, queried);
    }

    #[test]
    fn one_label_per_language_prefers_the_most_stated() {
        let a = NamedNode::new_unchecked("https://w3id.org/dipgraph/actor/wei_si_te_qi_er");
        let label = |text: &str, lang: &str| {
            Triple::new(
                a.clone(),
                rdfs::LABEL,
                Literal::new_language_tagged_literal_unchecked(text, lang),
            )
        };
        let kept = one_label_per_language(vec![
            (label("韦斯特奇尔", "zh"), 1),
            (label("维斯特奇尔", "zh"), 3),
            (label("Vystrcil", "en"), 1),
            (label("Wei", "en"), 1),
            (
                Triple::new(a.clone(), dip("represents"), rdf::actor_iri("CZE")),
                2,
            ),
        ]);
        let of = |p: &str| -> Vec<String> {
            let mut v: Vec<String> = kept
                .iter()
                .filter(|t| t.predicate.as_str().ends_with(p))
                .map(|t| t.object.to_string())
                .collect();
            v.sort();
            v
        };
        // Most graphs win; a tie goes to the first in code-point order.
        assert_eq!(of("#label"), ["\"Vystrcil\"@en", "\"维斯特奇尔\"@zh"]);
        assert_eq!(of("altLabel"), ["\"Wei\"@en", "\"韦斯特奇尔\"@zh"]);
        assert_eq!(of("represents").len(), 1);
    }
}
