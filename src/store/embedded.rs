//! The embedded backend: the knowledge graph in an Oxigraph (RocksDB) store
//! on disk (or in memory), which this process owns. Writes are Oxigraph
//! transactions; a first events fold goes through the bulk loader.

use super::events::ReportRow;
use super::{
    Backend, IngestRun, StaticGraphs, StoreError, StoreStats, actor_description_predicates,
    derive_events_graph, events_format, plan, report_row, sparql, stale_flag, store_node,
    term_text, with_prefixes,
};
use crate::article::Article;
use crate::extract::registry::Registry;
use crate::model::Interaction;
use crate::rdf::{self, dip};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::vocab::rdf as rdfv;
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, Term, Triple,
};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

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
        Err(StoreError::WithoutRocksDb {
            action: "open",
            path: dir.to_owned(),
        })
    }

    /// Opens (creating if needed) the store in `dir`. Ingest into it with
    /// [`crate::ingest::ingest`].
    ///
    /// ```
    /// use dipgraph::store::{Backend, GraphStore};
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
            reason: oxigraph::store::StorageError::Io(e),
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
        Err(StoreError::WithoutRocksDb {
            action: "write a snapshot to",
            path: target.to_owned(),
        })
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

    /// [`Backend::query`] with a configured evaluator (e.g. with a
    /// cancellation token for timeouts).
    pub fn query_with(
        &self,
        evaluator: SparqlEvaluator,
        text: &str,
        params: &[(String, Term)],
    ) -> Result<QueryResults<'static>, StoreError> {
        let bound;
        let text = if params.is_empty() {
            sparql::limits::check(text)?;
            text
        } else {
            // `prepare` checks the nesting limits itself.
            bound = sparql::bind::prepare(text, params)?.0;
            bound.as_str()
        };
        let mut prepared = evaluator.parse_query(text).map_err(|e| {
            StoreError::Syntax(sparql::syntax::explain(
                text,
                &e,
                sparql::syntax::Kind::Query,
            ))
        })?;
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        Ok(prepared.on_store(&self.store).execute()?)
    }

    /// Runs a SPARQL update (the HTTP endpoint allows it with a token).
    pub fn update(&self, text: &str) -> Result<(), StoreError> {
        sparql::limits::check(text)?;
        let done = SparqlEvaluator::new()
            .parse_update(text)
            .map_err(|e| {
                StoreError::Syntax(sparql::syntax::explain(
                    text,
                    &e,
                    sparql::syntax::Kind::Update,
                ))
            })?
            .on_store(&self.store)
            .execute();
        self.changed();
        done?;
        Ok(())
    }
}

impl Backend for GraphStore {
    /// Writes the ontology and registry graphs (replacing older versions).
    /// Unchanged content leaves the store unchanged.
    fn write_static_graphs(&self, registry: &Registry) -> Result<(), StoreError> {
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
            replace_graph(&mut tx, graph, quads)?;
        }
        tx.commit()?;
        self.changed();
        Ok(())
    }

    /// Stores a batch of articles of the ingest `run` in one transaction:
    /// what [`plan::plan_batch`] decides, counted in `run`.
    fn write_articles(
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
            // A write replaces the graph whole; added sources keep it.
            if !matches!(action, plan::Action::AddSources { .. }) {
                tx.remove_named_graph(graph.as_ref())?;
            }
            if matches!(action, plan::Action::Write { .. }) {
                tx.insert_named_graph(graph.as_ref());
            }
            tx.extend(action.quads(&graph, batch).iter());
        }
        if plan.changes_reports() {
            tx.insert(stale_flag().as_ref());
        }
        tx.commit()?;
        self.changed();
        Ok(())
    }

    /// Do the events need re-deriving (reports changed since)?
    fn events_stale(&self) -> Result<bool, StoreError> {
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
    fn report_rows(&self) -> Result<Vec<ReportRow>, StoreError> {
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
    /// `ACTOR_DESCRIPTIONS_QUERY` selects; remote stores run it).
    fn actor_descriptions(
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
    fn rebuild_events(&self) -> Result<usize, StoreError> {
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

    fn stats(&self) -> Result<StoreStats, StoreError> {
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
        let mut actors = HashSet::new();
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

    /// Runs a SPARQL query. The default graph is the union of all graphs
    /// unless the query names its own dataset (FROM); `params` bind
    /// variables to terms before evaluation (never pasted into the text).
    fn query(
        &self,
        text: &str,
        params: &[(String, Term)],
    ) -> Result<QueryResults<'static>, StoreError> {
        self.query_with(evaluator(), text, params)
    }

    /// Writes the whole dataset (N-Quads, TriG) or the union as one graph
    /// (Turtle, N-Triples).
    fn dump(&self, format: RdfFormat, out: &mut dyn Write) -> Result<(), StoreError> {
        let io = |source| StoreError::Dump { source };
        if format.supports_datasets() {
            let mut serializer = with_prefixes(RdfSerializer::from_format(format)).for_writer(out);
            for q in self.store.iter() {
                serializer.serialize_quad(&q?).map_err(io)?;
            }
            serializer.finish().map_err(io)?;
        } else {
            let mut serializer = with_prefixes(RdfSerializer::from_format(format)).for_writer(out);
            let mut seen = HashSet::new();
            for q in self.store.iter() {
                let t: Triple = q?.into();
                if seen.insert(t.clone()) {
                    serializer.serialize_triple(&t).map_err(io)?;
                }
            }
            serializer.finish().map_err(io)?;
        }
        Ok(())
    }

    /// Replaces a named graph's content with `quads` in one transaction.
    fn write_graph(&self, graph: &NamedNode, quads: &[Quad]) -> Result<(), StoreError> {
        let mut tx = self.store.start_transaction()?;
        replace_graph(&mut tx, graph, quads)?;
        tx.commit()?;
        self.changed();
        Ok(())
    }

    /// Removes named graphs (and their content) in one transaction.
    fn drop_graphs(&self, graphs: &[NamedNode]) -> Result<(), StoreError> {
        let mut tx = self.store.start_transaction()?;
        for g in graphs {
            tx.remove_named_graph(g.as_ref())?;
        }
        tx.commit()?;
        self.changed();
        Ok(())
    }

    /// Writes buffered data to disk (nothing to do in memory).
    fn flush(&self) -> Result<(), StoreError> {
        #[cfg(feature = "rocksdb")]
        self.store.flush()?;
        Ok(())
    }
}

/// Replaces a named graph's content with `quads` inside transaction `tx`
/// (the graph stays declared when `quads` is empty).
fn replace_graph(
    tx: &mut oxigraph::store::Transaction<'_>,
    graph: &NamedNode,
    quads: &[Quad],
) -> Result<(), StoreError> {
    tx.clear_graph(GraphNameRef::NamedNode(graph.as_ref()))?;
    tx.insert_named_graph(graph.as_ref());
    tx.extend(quads.iter());
    Ok(())
}

/// The article graphs of the store sharing a url, a content hash or a
/// source path with an article of `batch`, as [`plan::plan_batch`] needs
/// them.
fn stored_articles(
    tx: &oxigraph::store::Transaction<'_>,
    batch: &[(Article, Vec<Interaction>)],
) -> Result<Vec<plan::Stored>, StoreError> {
    let (hash_p, url_p) = (dip("contentHash"), rdf::schema("url"));
    let mut found: BTreeSet<(NamedNode, NamedNode)> = BTreeSet::new();
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

/// Below this many quads a first events fold is one transaction (the bulk
/// loader's fixed cost is not worth it).
const BULK_LOAD_MIN_QUADS: usize = 10_000;

/// A SPARQL evaluator with the dipgraph prefixes predeclared, so ad-hoc
/// queries can write `actor:wang_yi` without PREFIX lines.
pub fn evaluator() -> SparqlEvaluator {
    rdf::PREFIXES
        .iter()
        .fold(SparqlEvaluator::new(), |e, (p, ns)| {
            e.with_prefix(*p, *ns).expect("valid prefix")
        })
}
