//! The knowledge graph on disk: an embedded Oxigraph store holding the
//! ontology, the actor registry, one named graph per article (the article
//! and its reports) and the events derived from all reports.
//!
//! Writes go through Oxigraph transactions: a batch of articles is one
//! transaction, and re-deriving the events is another, so an interrupted
//! ingest leaves the store as it was before the interrupted transaction.
//! A flag in the meta graph, written with the reports and cleared with the
//! events, tells a later run that events must be re-derived.

mod backend;
pub mod events;
pub mod plan;

pub use backend::Backend;
pub use plan::{BatchOutcome, IngestRun};

use crate::article::Article;
use crate::extract::Interaction;
use crate::extract::dates::PartialDate;
use crate::extract::lexicon::Relation;
use crate::extract::registry::Registry;
use crate::rdf::{self, dip};
use events::{Event, ReportRow, derive_events};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::vocab::{rdf as rdfv, rdfs, xsd};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, Term, Triple,
};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

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
    Syntax(crate::query::syntax::SyntaxError),
    /// `--param` names no variable of the query.
    #[error(transparent)]
    UnknownParameter(#[from] crate::query::bind::UnknownParameter),
    /// Refused before parsing: nested past what a thread's stack survives.
    #[error("query refused: {0}")]
    TooComplex(#[from] crate::query::limits::TooComplex),
    #[error("SPARQL evaluation: {0}")]
    Evaluation(#[from] oxigraph::sparql::QueryEvaluationError),
    #[error("SPARQL update: {0}")]
    Update(#[from] oxigraph::sparql::UpdateEvaluationError),
    /// A remote SPARQL store refused a request or stayed unreachable.
    #[error(transparent)]
    Remote(#[from] crate::remote::RemoteError),
    #[error("{0}")]
    Other(String),
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

/// The directory, inside a store, of the snapshots `dipgraph serve`'s query
/// workers read (see `serve::workers`). Whoever opens the store for writing
/// owns it, so leftovers of a server that was killed are removed then.
pub const SNAPSHOTS_DIR: &str = "serve-snapshots";

/// The dipgraph store. Clones share one database; one process owns it.
#[derive(Clone)]
pub struct GraphStore {
    store: Store,
    /// Where it lives on disk (None in memory).
    dir: Option<PathBuf>,
    /// Counts the writes committed through this handle and its clones, so
    /// a reader of snapshots knows when to take a new one.
    changes: Arc<AtomicU64>,
}

impl GraphStore {
    /// Opens (creating if needed) the store in `dir`.
    #[cfg(not(feature = "rocksdb"))]
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        Err(StoreError::Other(format!(
            "cannot open {}: dipgraph was built without the `rocksdb` feature (on-disk stores)",
            dir.display()
        )))
    }

    /// Opens (creating if needed) the store in `dir`. Ingest into it with
    /// [`crate::ingest::ingest`].
    ///
    /// ```
    /// use dipgraph::store::GraphStore;
    ///
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("store");
    /// let store = GraphStore::open(&path).unwrap();
    /// store.write_static_graphs(dipgraph::extract::registry::Registry::builtin()).unwrap();
    /// let stats = store.stats().unwrap();
    /// assert_eq!((stats.articles, stats.events), (0, 0));
    /// assert!(stats.actors > 1000, "the registry's actors: {}", stats.actors);
    /// drop(store);
    ///
    /// // What was written is there when the store is opened again.
    /// let again = GraphStore::open_existing(&path).unwrap();
    /// assert_eq!(again.stats().unwrap().actors, stats.actors);
    /// ```
    #[cfg(feature = "rocksdb")]
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
            path: dir.to_owned(),
            reason: StorageError::Io(e),
        })?;
        let store = Store::open(dir).map_err(|reason| {
            // RocksDB reports its lock as an I/O error on the LOCK file.
            let text = reason.to_string();
            if text.contains("LOCK") && text.contains("temporarily unavailable") {
                StoreError::Locked(dir.to_owned())
            } else {
                StoreError::Open {
                    path: dir.to_owned(),
                    reason,
                }
            }
        })?;
        // The lock is ours: no server is reading these any more.
        let snapshots = dir.join(SNAPSHOTS_DIR);
        if snapshots.exists() {
            let _ = std::fs::remove_dir_all(&snapshots);
        }
        Ok(GraphStore {
            store,
            dir: Some(dir.to_owned()),
            changes: Arc::default(),
        })
    }

    /// Opens a snapshot written by [`GraphStore::snapshot`] for reading
    /// only. Many processes may do so at once; none may write it.
    #[cfg(feature = "rocksdb")]
    pub fn open_read_only(dir: &Path) -> Result<Self, StoreError> {
        let store = Store::open_read_only(dir).map_err(|reason| StoreError::Open {
            path: dir.to_owned(),
            reason,
        })?;
        Ok(GraphStore {
            store,
            dir: Some(dir.to_owned()),
            changes: Arc::default(),
        })
    }

    /// Opens a snapshot for reading only.
    #[cfg(not(feature = "rocksdb"))]
    pub fn open_read_only(dir: &Path) -> Result<Self, StoreError> {
        Self::open(dir)
    }

    /// Writes a consistent snapshot of the store into `target` (which must
    /// not exist): a RocksDB checkpoint, after flushing what is in memory.
    /// On the store's own file system its files are hard links to the
    /// store's immutable table files, so it costs about a millisecond and
    /// no copy; it holds their space only until it is removed.
    #[cfg(feature = "rocksdb")]
    pub fn snapshot(&self, target: &Path) -> Result<(), StoreError> {
        self.store.backup(target)?;
        Ok(())
    }

    /// Snapshots need the on-disk store.
    #[cfg(not(feature = "rocksdb"))]
    pub fn snapshot(&self, target: &Path) -> Result<(), StoreError> {
        Err(StoreError::Other(format!(
            "cannot write a snapshot to {}: dipgraph was built without the `rocksdb` feature",
            target.display()
        )))
    }

    /// The store's directory; None for an in-memory store.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// How many writes were committed through this store (any clone) since
    /// it was opened: when it has not moved, a snapshot is current. Writes
    /// made through [`GraphStore::inner`] are not counted.
    pub fn generation(&self) -> u64 {
        self.changes.load(Ordering::Acquire)
    }

    /// Counts a committed write. Called after the commit, so a snapshot
    /// taken under the older count is never mistaken for a current one.
    fn changed(&self) {
        self.changes.fetch_add(1, Ordering::AcqRel);
    }

    /// Opens the store in `dir`, which must already hold one: commands that
    /// only read (query, export, metrics, serve) never create a store, so a
    /// mistyped path is an error naming it instead of an empty answer.
    ///
    /// ```
    /// let dir = tempfile::tempdir().unwrap();
    /// let missing = dir.path().join("no-such-store");
    /// let err = dipgraph::store::GraphStore::open_existing(&missing)
    ///     .err()
    ///     .expect("no store there");
    /// assert!(err.to_string().contains("no store at"));
    /// assert!(!missing.exists(), "nothing was created");
    /// ```
    pub fn open_existing(dir: &Path) -> Result<Self, StoreError> {
        if !dir.join("CURRENT").is_file() {
            return Err(StoreError::Missing(dir.to_owned()));
        }
        Self::open(dir)
    }

    /// An in-memory store, for tests and one-off runs.
    pub fn in_memory() -> Result<Self, StoreError> {
        Ok(GraphStore {
            store: Store::new()?,
            dir: None,
            changes: Arc::default(),
        })
    }

    pub fn inner(&self) -> &Store {
        &self.store
    }

    /// Writes the ontology and registry graphs (replacing older versions).
    /// Unchanged content leaves the store unchanged.
    pub fn write_static_graphs(&self, registry: &Registry) -> Result<(), StoreError> {
        let statics = StaticGraphs::new(registry)?;
        if self.store.contains(statics.version.as_ref())? {
            return Ok(());
        }
        let mut tx = self.store.start_transaction()?;
        let node = store_node();
        let stale_versions: Vec<Quad> = tx
            .quads_for_pattern(
                Some(node.as_ref().into()),
                Some(dip("staticVersion").as_ref()),
                None,
                None,
            )
            .collect::<Result<_, _>>()?;
        for q in stale_versions {
            tx.remove(q.as_ref());
        }
        tx.insert(statics.version.as_ref());
        for (graph, quads) in &statics.graphs {
            tx.clear_graph(GraphNameRef::NamedNode(graph.as_ref()))?;
            tx.insert_named_graph(graph.as_ref());
            tx.extend(quads.iter());
        }
        tx.commit()?;
        self.changed();
        Ok(())
    }

    /// Stores a batch of articles with their reports in one transaction,
    /// as one ingest of its own (see [`plan`] for what is written, kept
    /// or replaced).
    pub fn write_articles(
        &self,
        batch: &[(Article, Vec<Interaction>)],
    ) -> Result<BatchOutcome, StoreError> {
        let mut run = IngestRun::new(true);
        self.write_articles_with(batch, &mut run)?;
        Ok(run.counts)
    }

    /// Stores a batch of articles of the ingest `run` in one transaction:
    /// what [`plan::plan_batch`] decides, counted in `run`.
    pub fn write_articles_with(
        &self,
        batch: &[(Article, Vec<Interaction>)],
        run: &mut IngestRun,
    ) -> Result<(), StoreError> {
        if batch.is_empty() {
            return Ok(());
        }
        let incoming = plan::Incoming::batch(batch);
        let mut tx = self.store.start_transaction()?;
        let stored = stored_articles(&tx, batch)?;
        let plan = plan::plan_batch(&incoming, &stored, run);
        for (graph, action) in &plan.actions {
            let graph = NamedNode::new_unchecked(graph);
            match action {
                plan::Action::Drop => tx.remove_named_graph(graph.as_ref())?,
                plan::Action::Write { article, also_from } => {
                    tx.remove_named_graph(graph.as_ref())?;
                    tx.insert_named_graph(graph.as_ref());
                    let (article, reports) = &batch[*article];
                    tx.extend(rdf::article_quads(article, reports).iter());
                    let art = rdf::article_iri(article.key());
                    for j in also_from {
                        tx.extend(rdf::source_quads(&batch[*j].0, &art, &graph).iter());
                    }
                }
                plan::Action::AddSources { article_node, from } => {
                    let art = NamedNode::new_unchecked(article_node);
                    for j in from {
                        tx.extend(rdf::source_quads(&batch[*j].0, &art, &graph).iter());
                    }
                }
            }
        }
        if plan.changes_reports() {
            tx.insert(stale_flag().as_ref());
        }
        tx.commit()?;
        self.changed();
        Ok(())
    }

    /// Do the events need re-deriving (reports changed since)?
    pub fn events_stale(&self) -> Result<bool, StoreError> {
        if self.store.contains(stale_flag().as_ref())? {
            return Ok(true);
        }
        // Events folded by a dipgraph that wrote an older layout.
        let events = rdf::events_graph();
        let folded = self
            .store
            .quads_for_pattern(None, None, None, Some(events.as_ref().into()))
            .next()
            .is_some();
        Ok(folded && !self.store.contains(events_format().as_ref())?)
    }

    /// Reads every report back from the article graphs.
    pub fn report_rows(&self) -> Result<Vec<ReportRow>, StoreError> {
        // What REPORTS_QUERY selects (remote stores run that query), read
        // here by one index scan per property: Oxigraph evaluates the
        // query's joins and OPTIONALs report by report, which took 4 s of
        // the whole archive's ingest; the scans are linear.
        type Key = (GraphName, NamedOrBlankNode);
        let events = GraphName::NamedNode(rdf::events_graph());
        let scan = |predicate: NamedNode| -> Result<HashMap<Key, Term>, StoreError> {
            let mut values = HashMap::new();
            for q in self
                .store
                .quads_for_pattern(None, Some(predicate.as_ref()), None, None)
            {
                let q = q?;
                if q.graph_name != events {
                    values.entry((q.graph_name, q.subject)).or_insert(q.object);
                }
            }
            Ok(values)
        };
        // REPORTS_QUERY's columns after ?r, in its order; ?outlet and ?pub follow.
        let report_columns = [
            (dip("relation"), true),
            (dip("subject"), true),
            (dip("object"), true),
            (dip("date"), false),
            (dip("status"), true),
            (dip("confidence"), true),
            (dip("location"), false),
            (dip("locationState"), false),
        ]
        .into_iter()
        .map(|(p, required)| Ok((scan(p)?, required)))
        .collect::<Result<Vec<_>, StoreError>>()?;
        let derived_from = scan(rdf::prov("wasDerivedFrom"))?;
        let outlet = scan(dip("outlet"))?;
        let published = scan(rdf::schema("datePublished"))?;
        let report = dip("Report");
        let mut rows = Vec::new();
        'reports: for q in
            self.store
                .quads_for_pattern(None, Some(rdfv::TYPE), Some(report.as_ref().into()), None)
        {
            let q = q?;
            let key = (q.graph_name, q.subject);
            let Some(Term::NamedNode(article)) = derived_from.get(&key) else {
                continue;
            };
            let mut row = vec![Some(term_text(&Term::from(key.1.clone())))];
            for (values, required) in &report_columns {
                match values.get(&key) {
                    Some(v) => row.push(Some(term_text(v))),
                    None if *required => continue 'reports,
                    None => row.push(None),
                }
            }
            let article = (key.0.clone(), NamedOrBlankNode::from(article.clone()));
            row.push(outlet.get(&article).map(term_text));
            row.push(published.get(&article).map(term_text));
            rows.push(report_row(row));
        }
        Ok(rows)
    }

    /// The type, labels and represented state of each actor in `actors`
    /// that the registry does not describe, as the article graphs state
    /// them, each with the number of graphs stating it (what
    /// [`ACTOR_DESCRIPTIONS_QUERY`] selects; remote stores run it).
    pub fn actor_descriptions(
        &self,
        actors: &HashSet<NamedNode>,
    ) -> Result<Vec<(Triple, u64)>, StoreError> {
        let registry = rdf::registry_graph();
        let in_registry: HashSet<NamedOrBlankNode> = self
            .store
            .quads_for_pattern(
                None,
                Some(rdfv::TYPE),
                Some(dip("Actor").as_ref().into()),
                Some(GraphNameRef::NamedNode(registry.as_ref())),
            )
            .map(|q| q.map(|q| q.subject))
            .collect::<Result<_, _>>()?;
        let (registry, events) = (
            GraphName::NamedNode(registry),
            GraphName::NamedNode(rdf::events_graph()),
        );
        let mut found: HashMap<Triple, u64> = HashMap::new();
        for predicate in actor_description_predicates() {
            for q in self
                .store
                .quads_for_pattern(None, Some(predicate.as_ref()), None, None)
            {
                let q = q?;
                if q.graph_name == events
                    || q.graph_name == registry
                    || in_registry.contains(&q.subject)
                {
                    continue;
                }
                if let NamedOrBlankNode::NamedNode(actor) = q.subject {
                    if actors.contains(&actor) {
                        *found
                            .entry(Triple::new(actor, predicate.clone(), q.object))
                            .or_default() += 1;
                    }
                }
            }
        }
        Ok(found.into_iter().collect())
    }

    /// Re-derives every event from the stored reports, in one transaction.
    /// Returns the number of events.
    ///
    /// Only the difference from the stored events graph is written: an
    /// Oxigraph transaction indexes every write it holds, so clearing and
    /// rewriting the whole graph cost most of a re-run's time, while a re-run
    /// or an added batch changes few events. A first fold into an empty graph
    /// goes through the bulk loader instead of one transaction; the stale
    /// flag, removed only after the load, marks an interrupted one, and the
    /// next run re-derives (and diffs against) whatever it left.
    pub fn rebuild_events(&self) -> Result<usize, StoreError> {
        let (events, quads) = derive_events_graph(self)?;
        let graph = rdf::events_graph();
        let derived: HashSet<Quad> = quads.into_iter().collect();
        let mut stored = HashSet::new();
        for q in self.store.quads_for_pattern(
            None,
            None,
            None,
            Some(GraphNameRef::NamedNode(graph.as_ref())),
        ) {
            stored.insert(q?);
        }
        let added: Vec<&Quad> = derived.difference(&stored).collect();
        let mut tx = if stored.is_empty() && added.len() >= BULK_LOAD_MIN_QUADS {
            let mut loader = self.store.bulk_loader();
            loader.load_quads(added.into_iter().cloned())?;
            loader.commit()?;
            self.changed();
            self.store.start_transaction()?
        } else {
            let mut tx = self.store.start_transaction()?;
            for q in stored.difference(&derived) {
                tx.remove(q.as_ref());
            }
            tx.extend(added.into_iter().map(|q| q.as_ref()));
            tx
        };
        tx.insert_named_graph(graph.as_ref());
        let format = events_format();
        let older: Vec<Quad> = self
            .store
            .quads_for_pattern(
                Some(format.subject.as_ref()),
                Some(format.predicate.as_ref()),
                None,
                Some(format.graph_name.as_ref()),
            )
            .collect::<Result<_, _>>()?;
        for q in &older {
            tx.remove(q.as_ref());
        }
        tx.insert(format.as_ref());
        tx.remove(stale_flag().as_ref());
        tx.commit()?;
        self.changed();
        Ok(events)
    }

    pub fn stats(&self) -> Result<StoreStats, StoreError> {
        let count = |class: &str| -> Result<usize, StoreError> {
            let class = dip(class);
            let mut n = 0;
            for q in self.store.quads_for_pattern(
                None,
                Some(rdfv::TYPE),
                Some(class.as_ref().into()),
                None,
            ) {
                q?;
                n += 1;
            }
            Ok(n)
        };
        // Unknown actors are repeated in every article graph naming them:
        // count distinct subjects.
        let actor = dip("Actor");
        let mut actors = std::collections::HashSet::new();
        for q in
            self.store
                .quads_for_pattern(None, Some(rdfv::TYPE), Some(actor.as_ref().into()), None)
        {
            actors.insert(q?.subject);
        }
        let events_graph = rdf::events_graph();
        let mut in_events = HashSet::new();
        for side in [dip("subject"), dip("object")] {
            for q in self.store.quads_for_pattern(
                None,
                Some(side.as_ref()),
                None,
                Some(GraphNameRef::NamedNode(events_graph.as_ref())),
            ) {
                in_events.insert(q?.object);
            }
        }
        Ok(StoreStats {
            articles: count("Article")?,
            reports: count("Report")?,
            events: count("Interaction")?,
            actors: actors.len(),
            actors_in_events: in_events.len(),
            triples: self.store.len()?,
        })
    }

    /// Runs a SELECT and returns its rows as text, in the order of its
    /// variables: IRIs as IRIs, literals as their lexical form, unbound as
    /// None.
    ///
    /// ```
    /// let store = dipgraph::store::GraphStore::in_memory().unwrap();
    /// store.write_static_graphs(dipgraph::extract::registry::Registry::builtin()).unwrap();
    /// let rows = store
    ///     .select(
    ///         "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    ///          SELECT ?zh ?none WHERE {
    ///            <https://w3id.org/dipgraph/actor/wang_yi> rdfs:label ?zh
    ///            FILTER(LANG(?zh) = \"zh\")
    ///          } LIMIT 1",
    ///     )
    ///     .unwrap();
    /// assert_eq!(rows, [[Some("王毅".to_string()), None]]);
    /// ```
    pub fn select(&self, text: &str) -> Result<Vec<Vec<Option<String>>>, StoreError> {
        solution_rows(self.query(text, &[])?)
    }

    /// Runs a SPARQL query. The default graph is the union of all graphs
    /// unless the query names its own dataset (FROM); `params` bind
    /// variables to terms before evaluation (never pasted into the text).
    pub fn query(
        &self,
        text: &str,
        params: &[(String, Term)],
    ) -> Result<QueryResults<'static>, StoreError> {
        self.query_with(evaluator(), text, params)
    }

    /// [`GraphStore::query`] with a configured evaluator (e.g. with a
    /// cancellation token for timeouts).
    pub fn query_with(
        &self,
        evaluator: SparqlEvaluator,
        text: &str,
        params: &[(String, Term)],
    ) -> Result<QueryResults<'static>, StoreError> {
        let bound;
        let text = if params.is_empty() {
            crate::query::limits::check(text)?;
            text
        } else {
            // `prepare` checks the nesting limits itself.
            bound = crate::query::bind::prepare(text, params)?.0;
            bound.as_str()
        };
        let mut prepared = evaluator.parse_query(text).map_err(|e| {
            StoreError::Syntax(crate::query::syntax::explain(
                text,
                &e,
                crate::query::syntax::Kind::Query,
            ))
        })?;
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        Ok(prepared.on_store(&self.store).execute()?)
    }

    /// Runs a SPARQL update (the HTTP endpoint allows it with a token).
    pub fn update(&self, text: &str) -> Result<(), StoreError> {
        crate::query::limits::check(text)?;
        let done = SparqlEvaluator::new()
            .parse_update(text)
            .map_err(|e| {
                StoreError::Syntax(crate::query::syntax::explain(
                    text,
                    &e,
                    crate::query::syntax::Kind::Update,
                ))
            })?
            .on_store(&self.store)
            .execute();
        self.changed();
        done?;
        Ok(())
    }

    /// Writes the whole dataset (N-Quads, TriG) or the union as one graph
    /// (Turtle, N-Triples).
    pub fn dump(&self, format: RdfFormat, out: impl Write) -> Result<(), StoreError> {
        let io = |e: std::io::Error| StoreError::Other(format!("writing the dump: {e}"));
        if format.supports_datasets() {
            let mut serializer = with_prefixes(RdfSerializer::from_format(format)).for_writer(out);
            for q in self.store.iter() {
                serializer.serialize_quad(&q?).map_err(io)?;
            }
            serializer.finish().map_err(io)?;
        } else {
            let mut serializer = with_prefixes(RdfSerializer::from_format(format)).for_writer(out);
            let mut seen = std::collections::HashSet::new();
            for q in self.store.iter() {
                let t = q?.into();
                let t: oxigraph::model::Triple = t;
                if seen.insert(t.clone()) {
                    serializer.serialize_triple(&t).map_err(io)?;
                }
            }
            serializer.finish().map_err(io)?;
        }
        Ok(())
    }

    /// Replaces a named graph's content with `quads` in one transaction.
    pub fn write_graph(&self, graph: &NamedNode, quads: &[Quad]) -> Result<(), StoreError> {
        let mut tx = self.store.start_transaction()?;
        tx.clear_graph(GraphNameRef::NamedNode(graph.as_ref()))?;
        tx.insert_named_graph(graph.as_ref());
        tx.extend(quads.iter());
        tx.commit()?;
        self.changed();
        Ok(())
    }

    /// Removes named graphs (and their content) in one transaction.
    pub fn drop_graphs(&self, graphs: &[NamedNode]) -> Result<(), StoreError> {
        let mut tx = self.store.start_transaction()?;
        for g in graphs {
            tx.remove_named_graph(g.as_ref())?;
        }
        tx.commit()?;
        self.changed();
        Ok(())
    }

    /// Writes buffered data to disk (nothing to do in memory).
    pub fn flush(&self) -> Result<(), StoreError> {
        #[cfg(feature = "rocksdb")]
        self.store.flush()?;
        Ok(())
    }
}

/// The article graphs of the store sharing a url, a content hash or a
/// source path with an article of `batch`, as [`plan::plan_batch`] needs
/// them.
fn stored_articles(
    tx: &oxigraph::store::Transaction<'_>,
    batch: &[(Article, Vec<Interaction>)],
) -> Result<Vec<plan::Stored>, StoreError> {
    let (hash_p, url_p) = (dip("contentHash"), rdf::schema("url"));
    let mut found: std::collections::BTreeSet<(NamedNode, NamedNode)> = Default::default();
    let mut lookup = |p: &NamedNode, o: Term| -> Result<(), StoreError> {
        for q in tx.quads_for_pattern(None, Some(p.as_ref()), Some(o.as_ref()), None) {
            let q = q?;
            if let (NamedOrBlankNode::NamedNode(a), GraphName::NamedNode(g)) =
                (q.subject, q.graph_name)
            {
                found.insert((g, a));
            }
        }
        Ok(())
    };
    let path_p = dip("sourcePath");
    for (article, _) in batch {
        lookup(&hash_p, Literal::new_simple_literal(&article.id).into())?;
        lookup(
            &path_p,
            Literal::new_simple_literal(article.source_path()).into(),
        )?;
        if let Some(url) = &article.url {
            lookup(&url_p, rdf::url_term(url))?;
        }
    }
    let values = |g: &NamedNode, a: &NamedNode, p: &NamedNode| -> Result<Vec<String>, StoreError> {
        let mut v: Vec<String> = tx
            .quads_for_pattern(
                Some(a.as_ref().into()),
                Some(p.as_ref()),
                None,
                Some(GraphNameRef::NamedNode(g.as_ref())),
            )
            .map(|q| q.map(|q| term_text(&q.object)))
            .collect::<Result<_, _>>()?;
        v.sort();
        Ok(v)
    };
    let mut stored = Vec::new();
    for (g, a) in found {
        let Some(hash) = values(&g, &a, &hash_p)?.into_iter().next() else {
            continue;
        };
        stored.push(plan::Stored {
            hash,
            url: values(&g, &a, &url_p)?.into_iter().next(),
            paths: values(&g, &a, &path_p)?,
            file_names: values(&g, &a, &dip("fileName"))?,
            graph: g.as_str().to_string(),
            article: a.as_str().to_string(),
        });
    }
    Ok(stored)
}

/// The rows of a SELECT as text, in the order of its variables: IRIs as
/// IRIs, literals as their lexical form, unbound as None.
pub(crate) fn solution_rows(
    results: QueryResults<'_>,
) -> Result<Vec<Vec<Option<String>>>, StoreError> {
    let QueryResults::Solutions(solutions) = results else {
        return Err(StoreError::Other("expected a SELECT query".into()));
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
/// Below this many quads a first events fold is one transaction (the bulk
/// loader's fixed cost is not worth it).
const BULK_LOAD_MIN_QUADS: usize = 10_000;

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
                // Publication day in the corpus's UTC+8, as for extraction.
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
    let QueryResults::Solutions(solutions) = results else {
        return Err(StoreError::Other("expected solutions".into()));
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

/// A SPARQL evaluator with the dipgraph prefixes predeclared, so ad-hoc
/// queries can write `actor:wang_yi` without PREFIX lines.
pub fn evaluator() -> SparqlEvaluator {
    rdf::PREFIXES
        .iter()
        .fold(SparqlEvaluator::new(), |e, (p, ns)| {
            e.with_prefix(*p, *ns).expect("valid prefix")
        })
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
/// actors outside the registry, dip:reportedBy), so that events folded by
/// an older dipgraph count as stale and the next ingest re-folds them.
pub(crate) fn events_format() -> Quad {
    Quad::new(
        NamedOrBlankNode::from(store_node()),
        dip("eventsFormat"),
        Literal::from(2),
        rdf::meta_graph(),
    )
}

fn ontology_quads() -> Result<Vec<Quad>, StoreError> {
    RdfParser::from_format(RdfFormat::Turtle)
        .with_default_graph(rdf::ontology_graph())
        .for_slice(rdf::ONTOLOGY_TTL.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| StoreError::Other(format!("ontology/dipgraph.ttl: {e}")))
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
            g.add(s, edge.as_ref(), o);
        }
    }
    out.extend(g.quads);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index scans of [`GraphStore::report_rows`] read what
    /// [`REPORTS_QUERY`] selects (remote stores run the query).
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
        store.write_articles(&batch).unwrap();
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
