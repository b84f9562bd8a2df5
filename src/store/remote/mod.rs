//! A SPARQL 1.1 store of the research group's own (Oxigraph server, Jena
//! Fuseki, Virtuoso, GraphDB, QLever…) as dipgraph's store, over HTTP:
//!
//! - each article graph is written with one Graph Store Protocol `PUT
//!   ?graph=IRI` (N-Triples), so re-ingesting replaces it and a server
//!   writes it whole or not at all;
//! - the events graph, the stale flag and the static graphs' version stamp
//!   are written with SPARQL 1.1 Update; events in chunks, the first one
//!   dropping the old graph and the last one clearing the stale flag;
//! - reads are SPARQL 1.1 queries (JSON results), with the dipgraph
//!   prefixes and `--param` bindings made part of the query ([`bind`]).
//!
//! Consistency without transactions across requests: the content hash is
//! written in the same PUT as the article's reports, so "is this article
//! stored and unchanged?" is answered by the store itself and a re-run
//! after any interruption writes exactly what is missing. The stale flag
//! is set before a batch's first PUT and cleared by the request that
//! writes the last events, as the embedded store does in its transactions.

mod http;

pub use http::RemoteError;

use crate::article::Article;
use crate::extract::registry::Registry;
use crate::model::Interaction;
use crate::rdf::{self, dip};
use crate::store::plan;
use crate::store::sparql::bind;
use crate::store::{
    ACTOR_DESCRIPTIONS_QUERY, AnswerForm, Backend, IngestRun, StaticGraphs, StoreError, StoreStats,
    actor_descriptions_of, derive_events_graph, events_format, stale_flag, store_node, term_text,
    with_prefixes,
};
use http::{Failure, Http};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term, Triple};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParseError, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, QueryTripleIter};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::{Read, Write};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Concurrent PUTs while writing a batch: the server writes several
/// graphs at once while dipgraph serialises the next.
const PUT_CONNECTIONS: usize = 4;
/// Quads per SPARQL Update when writing the events graph: a few MB per
/// request, well under servers' body limits (Oxigraph's is 128 MB).
const EVENTS_CHUNK: usize = 20_000;
/// Graphs dropped per SPARQL Update.
const DROP_CHUNK: usize = 500;

const SPARQL_RESULTS: &str = "application/sparql-results+json, application/sparql-results+xml;q=0.9, text/tab-separated-values;q=0.8";
const RDF_RESULTS: &str = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.8";

/// Where the remote store is and how to talk to it.
#[derive(Debug, Clone)]
pub struct RemoteConfig {
    /// `BASE`, or the query service `BASE/query` (see [`RemoteConfig::urls`]).
    pub endpoint: String,
    /// SPARQL 1.1 Update service (default `BASE/update`).
    pub update_url: Option<String>,
    /// SPARQL 1.1 Graph Store Protocol service (default `BASE/store`).
    pub graph_store: Option<String>,
    /// Sent as `Authorization: Bearer TOKEN`.
    pub token: Option<String>,
    /// How long to keep retrying an unreachable or failing (5xx) server.
    pub retry_for: Duration,
}

/// Default retry budget: a server restart or a brief network outage.
pub const DEFAULT_RETRY_SECONDS: f64 = 60.0;

impl RemoteConfig {
    pub fn new(endpoint: impl Into<String>) -> Self {
        RemoteConfig {
            endpoint: endpoint.into(),
            update_url: None,
            graph_store: None,
            token: None,
            retry_for: Duration::from_secs_f64(DEFAULT_RETRY_SECONDS),
        }
    }

    /// The query, update and Graph Store URLs. `--endpoint` names a base
    /// with Oxigraph server's layout (`BASE/query`, `BASE/update`,
    /// `BASE/store`); an endpoint ending in `/query` is taken as the query
    /// service itself and its siblings as the others; one ending in
    /// `/sparql` serves queries and updates (Virtuoso, GraphDB, Blazegraph)
    /// and needs `--graph-store`. `--update-url` and `--graph-store`
    /// override.
    pub fn urls(&self) -> Result<(String, String, String), RemoteError> {
        let endpoint = self.endpoint.trim().trim_end_matches('/').to_string();
        for url in [
            Some(&endpoint),
            self.update_url.as_ref(),
            self.graph_store.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(RemoteError::Failed {
                    what: "remote store".into(),
                    url: url.clone(),
                    message: "not an http:// or https:// URL".into(),
                });
            }
        }
        let (query, update, store) = if let Some(base) = endpoint.strip_suffix("/query") {
            (
                endpoint.clone(),
                format!("{base}/update"),
                format!("{base}/store"),
            )
        } else if let Some(base) = endpoint.strip_suffix("/sparql") {
            (endpoint.clone(), endpoint.clone(), format!("{base}/store"))
        } else {
            (
                format!("{endpoint}/query"),
                format!("{endpoint}/update"),
                format!("{endpoint}/store"),
            )
        };
        Ok((
            query,
            self.update_url.clone().unwrap_or(update),
            self.graph_store.clone().unwrap_or(store),
        ))
    }
}

/// A remote SPARQL 1.1 store (see the module documentation).
pub struct RemoteStore {
    query_url: String,
    update_url: String,
    store_url: String,
    http: Http,
    /// Whether the default graph was checked to be the union of the
    /// named graphs (queries written for dipgraph rely on it).
    union_checked: OnceLock<()>,
}

impl RemoteStore {
    /// A client for the store; nothing is sent until it is used.
    pub fn new(config: &RemoteConfig) -> Result<Self, StoreError> {
        let (query_url, update_url, store_url) = config.urls()?;
        Ok(RemoteStore {
            query_url,
            update_url,
            store_url,
            http: Http::new(config.token.clone(), config.retry_for),
            union_checked: OnceLock::new(),
        })
    }

    /// The query service URL, for messages.
    pub fn query_url(&self) -> &str {
        &self.query_url
    }

    /// Sends a SPARQL 1.1 Update, retrying as [`http`] says.
    pub fn update(&self, text: &str) -> Result<(), StoreError> {
        Ok(self.http.send_retrying(
            "SPARQL update",
            "POST",
            &self.update_url,
            Some(("application/sparql-update", text.as_bytes())),
        )?)
    }

    /// Replaces a named graph with one Graph Store Protocol PUT.
    pub fn put_graph(&self, graph: &NamedNode, quads: &[Quad]) -> Result<(), StoreError> {
        let mut body = Vec::with_capacity(quads.len() * 160);
        for q in quads {
            // N-Triples: oxrdf's display of terms is N-Triples syntax.
            writeln!(body, "{} {} {} .", q.subject, q.predicate, q.object)
                .expect("writing to memory");
        }
        let url = format!(
            "{}?graph={}",
            self.store_url,
            percent_encoding::utf8_percent_encode(
                graph.as_str(),
                percent_encoding::NON_ALPHANUMERIC
            )
        );
        Ok(self.http.send_retrying(
            &format!("PUT of graph <{}> to", graph.as_str()),
            "PUT",
            &url,
            Some(("application/n-triples", &body)),
        )?)
    }

    /// Runs a SELECT or ASK and collects the answer; a connection lost
    /// while reading it is retried like any other transient failure.
    fn solutions(&self, text: &str) -> Result<Answer, StoreError> {
        let (sent, _) = bind::prepare(text, &[])?;
        let what = "SPARQL query";
        Ok(self.http.retrying(what, &self.query_url, || {
            let response = self.http.send(
                what,
                "POST",
                &self.query_url,
                Some(SPARQL_RESULTS),
                Some(("application/sparql-query", sent.as_bytes())),
            )?;
            let format = results_format(response.content_type());
            let unreadable = |e: QueryResultsParseError| match e {
                QueryResultsParseError::Io(e) => Failure::Transient(e.to_string()),
                e => Failure::Fatal(RemoteError::UnreadableAnswer {
                    what: what.into(),
                    url: self.query_url.clone(),
                    format: format.name(),
                    source: Box::new(e),
                }),
            };
            match QueryResultsParser::from_format(format)
                .for_reader(response.into_reader())
                .map_err(unreadable)?
            {
                ReaderQueryResultsParserOutput::Boolean(b) => Ok(Answer::Boolean(b)),
                ReaderQueryResultsParserOutput::Solutions(solutions) => {
                    let vars = solutions.variables().to_vec();
                    let mut rows = Vec::new();
                    for s in solutions {
                        let s = s.map_err(unreadable)?;
                        rows.push(vars.iter().map(|v| s.get(v).map(term_text)).collect());
                    }
                    Ok(Answer::Rows(rows))
                }
            }
        })?)
    }

    fn select_rows(&self, text: &str) -> Result<Vec<Vec<Option<String>>>, StoreError> {
        match self.solutions(text)? {
            Answer::Rows(rows) => Ok(rows),
            Answer::Boolean(_) => Err(StoreError::UnexpectedAnswer {
                expected: AnswerForm::Solutions,
                found: AnswerForm::Boolean,
            }),
        }
    }

    fn ask(&self, text: &str) -> Result<bool, StoreError> {
        match self.solutions(text)? {
            Answer::Boolean(b) => Ok(b),
            Answer::Rows(_) => Err(StoreError::UnexpectedAnswer {
                expected: AnswerForm::Boolean,
                found: AnswerForm::Solutions,
            }),
        }
    }

    /// The number in the first cell of a `SELECT (COUNT(…) AS ?n)`.
    fn count(&self, text: &str) -> Result<usize, StoreError> {
        let rows = self.select_rows(text)?;
        Ok(rows
            .first()
            .and_then(|r| r.first().cloned().flatten())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0))
    }

    /// dipgraph's queries (canned ones, metrics, exports) read the default
    /// graph as the union of all graphs, every article being its own
    /// graph. A store that answers otherwise would silently give empty
    /// answers, so that is checked once and explained.
    pub fn check_union_default_graph(&self) -> Result<(), StoreError> {
        if self.union_checked.get().is_some() {
            return Ok(());
        }
        let version = format!(
            "<{}> <{}> ?v",
            store_node().as_str(),
            dip("staticVersion").as_str()
        );
        let stored = self.ask(&format!("ASK {{ GRAPH ?g {{ {version} }} }}"))?;
        if stored && !self.ask(&format!("ASK {{ {version} }}"))? {
            return Err(RemoteError::NoUnionDefaultGraph {
                url: self.query_url.clone(),
            }
            .into());
        }
        let _ = self.union_checked.set(());
        Ok(())
    }

    /// Sends a query and hands its answer over as it streams in (for
    /// `dipgraph query` and dumps); only the request itself is retried.
    fn stream(&self, sent: &str, form: bind::Form) -> Result<QueryResults<'static>, StoreError> {
        let what = "SPARQL query";
        let accept = match form {
            bind::Form::Solutions => SPARQL_RESULTS,
            bind::Form::Graph => RDF_RESULTS,
        };
        let response = self.http.retrying(what, &self.query_url, || {
            self.http.send(
                what,
                "POST",
                &self.query_url,
                Some(accept),
                Some(("application/sparql-query", sent.as_bytes())),
            )
        })?;
        let content_type = response.content_type().to_string();
        let reader: Box<dyn Read + Send + Sync> = response.into_reader();
        match form {
            bind::Form::Solutions => {
                let format = results_format(&content_type);
                let parsed = QueryResultsParser::from_format(format)
                    .for_reader(reader)
                    .map_err(|e| RemoteError::UnreadableAnswer {
                        what: what.into(),
                        url: self.query_url.clone(),
                        format: format.name(),
                        source: Box::new(e),
                    })?;
                Ok(QueryResults::from(parsed))
            }
            bind::Form::Graph => {
                let format =
                    RdfFormat::from_media_type(&content_type).unwrap_or(RdfFormat::NTriples);
                let triples = RdfParser::from_format(format).for_reader(reader).map(|q| {
                    q.map(Triple::from)
                        .map_err(|e| QueryEvaluationError::Service(Box::new(e)))
                });
                Ok(QueryResults::Graph(QueryTripleIter::new(triples)))
            }
        }
    }

    /// One `DROP SILENT GRAPH` per graph, a few hundred per request.
    fn drop_graph_names(&self, graphs: &[String]) -> Result<(), StoreError> {
        for chunk in graphs.chunks(DROP_CHUNK) {
            let text: Vec<String> = chunk
                .iter()
                .map(|g| format!("DROP SILENT GRAPH <{g}>"))
                .collect();
            self.update(&text.join(" ;\n"))?;
        }
        Ok(())
    }

    /// The article graphs sharing a url, a content hash or a source path
    /// with an article of `batch`, as [`plan::plan_batch`] needs them (one
    /// query).
    fn stored_articles(
        &self,
        batch: &[(Article, Vec<Interaction>)],
    ) -> Result<Vec<plan::Stored>, StoreError> {
        let hashes: BTreeSet<String> = batch
            .iter()
            .map(|(a, _)| Literal::new_simple_literal(&a.id).to_string())
            .collect();
        let urls: BTreeSet<String> = batch
            .iter()
            .filter_map(|(a, _)| a.url.as_deref())
            .map(|u| rdf::url_term(u).to_string())
            .collect();
        let paths: BTreeSet<String> = batch
            .iter()
            .map(|(a, _)| Literal::new_simple_literal(a.source_path()).to_string())
            .collect();
        let by_url = if urls.is_empty() {
            String::new()
        } else {
            format!(
                "UNION {{ VALUES ?key {{ {} }} GRAPH ?g {{ ?a <{}url> ?key }} }}",
                urls.into_iter().collect::<Vec<_>>().join(" "),
                rdf::SCHEMA
            )
        };
        let hash_p = dip("contentHash");
        let rows = self.select_rows(&format!(
            "SELECT ?g ?a ?h ?url ?path ?file WHERE {{
               {{ {{ VALUES ?key {{ {hashes} }} GRAPH ?g {{ ?a <{hash}> ?key }} }}
                  UNION {{ VALUES ?key {{ {paths} }} GRAPH ?g {{ ?a <{path}> ?key }} }}
                  {by_url} }}
               GRAPH ?g {{
                 ?a <{hash}> ?h .
                 OPTIONAL {{ ?a <{schema}url> ?url }}
                 OPTIONAL {{ ?a <{path}> ?path }}
                 OPTIONAL {{ ?a <{file}> ?file }}
               }}
             }}",
            hashes = hashes.into_iter().collect::<Vec<_>>().join(" "),
            paths = paths.into_iter().collect::<Vec<_>>().join(" "),
            hash = hash_p.as_str(),
            schema = rdf::SCHEMA,
            path = dip("sourcePath").as_str(),
            file = dip("fileName").as_str(),
        ))?;
        let mut stored: BTreeMap<(String, String), plan::Stored> = BTreeMap::new();
        for r in rows {
            let (Some(g), Some(a), Some(h)) = (&r[0], &r[1], &r[2]) else {
                continue;
            };
            let s = stored
                .entry((g.clone(), a.clone()))
                .or_insert_with(|| plan::Stored {
                    graph: g.clone(),
                    article: a.clone(),
                    hash: h.clone(),
                    url: None,
                    paths: Vec::new(),
                    file_names: Vec::new(),
                });
            let add = |values: &mut Vec<String>, v: &Option<String>| {
                if let Some(v) = v {
                    if !values.contains(v) {
                        values.push(v.clone());
                    }
                }
            };
            s.hash = s.hash.clone().min(h.clone());
            if s.url.is_none() {
                s.url = r[3].clone();
            }
            add(&mut s.paths, &r[4]);
            add(&mut s.file_names, &r[5]);
        }
        Ok(stored
            .into_values()
            .map(|mut s| {
                s.paths.sort();
                s.file_names.sort();
                s
            })
            .collect())
    }

    /// Writes the graphs of a batch's writes ([`plan::Action::Write`]) with
    /// one PUT each, a few at a time. The first failure (after its retries)
    /// stops the batch and is returned: an article is never skipped
    /// silently.
    fn put_all(
        &self,
        puts: &[(NamedNode, &plan::Action)],
        batch: &[(Article, Vec<Interaction>)],
    ) -> Result<(), StoreError> {
        let next = AtomicUsize::new(0);
        let failed: std::sync::Mutex<Option<StoreError>> = std::sync::Mutex::new(None);
        std::thread::scope(|scope| {
            for _ in 0..PUT_CONNECTIONS.min(puts.len()) {
                scope.spawn(|| {
                    loop {
                        if failed.lock().expect("lock").is_some() {
                            return;
                        }
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((graph, action)) = puts.get(i) else {
                            return;
                        };
                        if let Err(e) = self.put_graph(graph, &action.quads(graph, batch)) {
                            failed.lock().expect("lock").get_or_insert(e);
                            return;
                        }
                    }
                });
            }
        });
        match failed.into_inner().expect("lock") {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

/// A collected SELECT or ASK answer.
enum Answer {
    Rows(Vec<Vec<Option<String>>>),
    Boolean(bool),
}

/// The results format of a response, JSON when the server does not say.
fn results_format(content_type: &str) -> QueryResultsFormat {
    QueryResultsFormat::from_media_type(content_type).unwrap_or(QueryResultsFormat::Json)
}

/// `GRAPH <g> { s p o . … }` blocks for INSERT DATA / DELETE DATA.
fn quad_data(quads: &[Quad]) -> String {
    let mut by_graph: BTreeMap<String, String> = BTreeMap::new();
    for q in quads {
        let GraphName::NamedNode(g) = &q.graph_name else {
            continue;
        };
        let block = by_graph.entry(g.as_str().to_string()).or_default();
        block.push_str(&format!("{} {} {} .\n", q.subject, q.predicate, q.object));
    }
    by_graph
        .into_iter()
        .map(|(g, triples)| format!("GRAPH <{g}> {{\n{triples}}}\n"))
        .collect()
}

impl Backend for RemoteStore {
    fn write_static_graphs(&self, registry: &Registry) -> Result<(), StoreError> {
        let statics = StaticGraphs::new(registry)?;
        let v = &statics.version;
        let current = format!(
            "ASK {{ GRAPH <{}> {{ {} {} {} }} }}",
            rdf::meta_graph().as_str(),
            v.subject,
            v.predicate,
            v.object
        );
        if self.ask(&current)? {
            return Ok(());
        }
        for (graph, quads) in &statics.graphs {
            self.put_graph(graph, quads)?;
        }
        // The stamp last: a run interrupted before it rewrites the graphs.
        self.update(&format!(
            "DELETE WHERE {{ GRAPH <{meta}> {{ {s} {p} ?v }} }} ;\nINSERT DATA {{ {data} }}",
            meta = rdf::meta_graph().as_str(),
            s = v.subject,
            p = v.predicate,
            data = quad_data(std::slice::from_ref(v))
        ))
    }

    fn write_articles(
        &self,
        batch: &[(Article, Vec<Interaction>)],
        run: &mut IngestRun,
    ) -> Result<(), StoreError> {
        if batch.is_empty() {
            return Ok(());
        }
        let incoming = plan::Incoming::batch(batch);
        let stored = self.stored_articles(batch)?;
        let plan = plan::plan_batch(&incoming, &stored, run);
        if plan.actions.is_empty() {
            return Ok(());
        }
        if plan.changes_reports() {
            // The flag first: if the run stops anywhere after this, the
            // next one knows events must be re-derived.
            self.update(&format!("INSERT DATA {{ {} }}", quad_data(&[stale_flag()])))?;
        }
        let mut puts = Vec::new();
        let mut sources = Vec::new();
        let mut drops = Vec::new();
        for (g, action) in &plan.actions {
            let graph = NamedNode::new_unchecked(g);
            match action {
                plan::Action::Write { .. } => puts.push((graph, action)),
                plan::Action::AddSources { .. } => sources.extend(action.quads(&graph, batch)),
                plan::Action::Drop => drops.push(g.clone()),
            }
        }
        // New graphs before dropping the ones they replace, so an
        // interruption never leaves an article absent.
        self.put_all(&puts, batch)?;
        if !sources.is_empty() {
            self.update(&format!("INSERT DATA {{ {} }}", quad_data(&sources)))?;
        }
        self.drop_graph_names(&drops)?;
        Ok(())
    }

    fn events_stale(&self) -> Result<bool, StoreError> {
        let meta = rdf::meta_graph();
        let stated = |q: Quad| {
            self.ask(&format!(
                "ASK {{ GRAPH <{}> {{ {} {} {} }} }}",
                meta.as_str(),
                q.subject,
                q.predicate,
                q.object
            ))
        };
        if stated(stale_flag())? {
            return Ok(true);
        }
        // Events folded by a dipgraph that wrote an older layout.
        Ok(!stated(events_format())?
            && self.ask(&format!(
                "ASK {{ GRAPH <{}> {{ ?s ?p ?o }} }}",
                rdf::events_graph().as_str()
            ))?)
    }

    fn rebuild_events(&self) -> Result<usize, StoreError> {
        let (events, quads) = derive_events_graph(self)?;
        let drop = format!("DROP SILENT GRAPH <{}>", rdf::events_graph().as_str());
        let format = events_format();
        let clear_flag = format!(
            "DELETE WHERE {{ GRAPH {} {{ {} {} ?format }} }} ;\nINSERT DATA {{ {} }} ;\nDELETE DATA {{ {} }}",
            format.graph_name,
            format.subject,
            format.predicate,
            quad_data(std::slice::from_ref(&format)),
            quad_data(&[stale_flag()])
        );
        if quads.is_empty() {
            self.update(&format!("{drop} ;\n{clear_flag}"))?;
            return Ok(events);
        }
        let chunks: Vec<&[Quad]> = quads.chunks(EVENTS_CHUNK).collect();
        for (i, chunk) in chunks.iter().enumerate() {
            let mut text = String::new();
            if i == 0 {
                text.push_str(&drop);
                text.push_str(" ;\n");
            }
            text.push_str(&format!("INSERT DATA {{ {} }}", quad_data(chunk)));
            if i + 1 == chunks.len() {
                text.push_str(" ;\n");
                text.push_str(&clear_flag);
            }
            self.update(&text)?;
        }
        Ok(events)
    }

    fn actor_descriptions(
        &self,
        actors: &HashSet<NamedNode>,
    ) -> Result<Vec<(Triple, u64)>, StoreError> {
        // The query names its graphs: no union default graph needed (an
        // ingest works without one; only the reading commands need it).
        let (sent, form) = bind::prepare(ACTOR_DESCRIPTIONS_QUERY, &[])?;
        actor_descriptions_of(self.stream(&sent, form)?, actors)
    }

    fn drop_graphs(&self, graphs: &[NamedNode]) -> Result<(), StoreError> {
        let names: Vec<String> = graphs.iter().map(|g| g.as_str().to_string()).collect();
        self.drop_graph_names(&names)
    }

    fn stats(&self) -> Result<StoreStats, StoreError> {
        let typed = |class: &str, distinct: bool| {
            format!(
                "SELECT (COUNT({}?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a <{}> }} }}",
                if distinct { "DISTINCT " } else { "" },
                dip(class).as_str()
            )
        };
        Ok(StoreStats {
            articles: self.count(&typed("Article", false))?,
            reports: self.count(&typed("Report", false))?,
            events: self.count(&typed("Interaction", false))?,
            actors: self.count(&typed("Actor", true))?,
            actors_in_events: self.count(&format!(
                "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH <{}> {{ {{ ?e <{}> ?a }} UNION {{ ?e <{}> ?a }} }} }}",
                crate::rdf::events_graph().as_str(),
                dip("subject").as_str(),
                dip("object").as_str()
            ))?,
            triples: self.count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")?,
        })
    }

    fn query(
        &self,
        text: &str,
        params: &[(String, Term)],
    ) -> Result<QueryResults<'static>, StoreError> {
        self.check_union_default_graph()?;
        let (sent, form) = bind::prepare(text, params)?;
        self.stream(&sent, form)
    }

    fn select(&self, text: &str) -> Result<Vec<Vec<Option<String>>>, StoreError> {
        self.check_union_default_graph()?;
        self.select_rows(text)
    }

    fn select_named(&self, text: &str) -> Result<Vec<Vec<Option<String>>>, StoreError> {
        self.select_rows(text)
    }

    fn write_graph(&self, graph: &NamedNode, quads: &[Quad]) -> Result<(), StoreError> {
        self.put_graph(graph, quads)
    }

    fn dump(&self, format: RdfFormat, out: &mut dyn Write) -> Result<(), StoreError> {
        // Named graphs only: dipgraph writes nothing to the default graph,
        // and a union default graph would repeat every triple there.
        let io = |source| StoreError::Dump { source };
        let (text, dataset) = if format.supports_datasets() {
            ("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", true)
        } else {
            (
                "SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
                false,
            )
        };
        let (sent, form) = bind::prepare(text, &[])?;
        let results = self.stream(&sent, form)?;
        let found = AnswerForm::of(&results);
        let QueryResults::Solutions(solutions) = results else {
            return Err(StoreError::UnexpectedAnswer {
                expected: AnswerForm::Solutions,
                found,
            });
        };
        let mut serializer = with_prefixes(RdfSerializer::from_format(format)).for_writer(out);
        for s in solutions {
            let s = s?;
            let (Some(subject), Some(Term::NamedNode(predicate)), Some(object)) =
                (s.get("s"), s.get("p"), s.get("o"))
            else {
                continue;
            };
            let subject: NamedOrBlankNode = match subject {
                Term::NamedNode(n) => n.clone().into(),
                Term::BlankNode(b) => b.clone().into(),
                _ => continue,
            };
            let triple = Triple::new(subject, predicate.clone(), object.clone());
            if dataset {
                let Some(Term::NamedNode(g)) = s.get("g") else {
                    continue;
                };
                serializer
                    .serialize_quad(&triple.in_graph(g.clone()))
                    .map_err(io)?;
            } else {
                serializer.serialize_triple(&triple).map_err(io)?;
            }
        }
        serializer.finish().map_err(io)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_follow_the_documented_layout() {
        let urls = |e: &str| RemoteConfig::new(e).urls().unwrap();
        assert_eq!(
            urls("http://h:7878"),
            (
                "http://h:7878/query".into(),
                "http://h:7878/update".into(),
                "http://h:7878/store".into()
            )
        );
        assert_eq!(urls("http://h:7878/"), urls("http://h:7878/query"));
        assert_eq!(
            urls("http://h:3030/ds").2,
            "http://h:3030/ds/store".to_string()
        );
        let sparql = urls("https://h/sparql");
        assert_eq!(
            (sparql.0.as_str(), sparql.1.as_str()),
            ("https://h/sparql", "https://h/sparql")
        );
        let mut c = RemoteConfig::new("http://h:3030/ds");
        c.graph_store = Some("http://h:3030/ds/data".into());
        c.update_url = Some("http://h:3030/ds/update".into());
        assert_eq!(c.urls().unwrap().2, "http://h:3030/ds/data");
        assert!(RemoteConfig::new("h:7878").urls().is_err());
    }

    #[test]
    fn quad_data_groups_by_graph() {
        let text = quad_data(&[stale_flag()]);
        assert!(
            text.starts_with("GRAPH <https://w3id.org/dipgraph/graph/meta> {"),
            "{text}"
        );
        assert!(text.contains("\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> ."));
    }

    #[test]
    fn an_unreachable_store_is_given_up_on_with_a_clear_error() {
        // A port nothing listens on (bound, then released).
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut config = RemoteConfig::new(format!("http://127.0.0.1:{port}"));
        config.retry_for = Duration::from_millis(1200);
        let store = RemoteStore::new(&config).unwrap();
        let start = std::time::Instant::now();
        let e = store.events_stale().unwrap_err().to_string();
        assert!(e.contains("gave up after"), "{e}");
        assert!(e.contains(&format!("127.0.0.1:{port}/query")), "{e}");
        assert!(start.elapsed() < Duration::from_secs(5));
    }
}
