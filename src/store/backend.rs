//! What ingest, query, metrics and export need from a store, so they run
//! the same against the embedded Oxigraph ([`super::GraphStore`]) or a SPARQL 1.1
//! server of the research group's own ([`crate::store::remote::RemoteStore`]).

use super::events::ReportRow;
use super::{IngestRun, REPORTS_QUERY, StoreError, StoreStats, report_row};
use crate::article::Article;
use crate::extract::registry::Registry;
use crate::model::Interaction;
use oxigraph::io::RdfFormat;
use oxigraph::model::{NamedNode, Quad, Term, Triple};
use oxigraph::sparql::QueryResults;
use std::collections::HashSet;
use std::io::Write;

/// A dipgraph store: the operations of an ingest (is an article unchanged,
/// write its graph, fold events) and of the reading commands (SPARQL).
pub trait Backend: Sync {
    /// Writes the ontology and registry graphs unless they are current.
    fn write_static_graphs(&self, registry: &Registry) -> Result<(), StoreError>;

    /// Stores a batch of the ingest `run`, each article's graph whole or
    /// not at all, as [`super::plan::plan_batch`] decides (the one policy
    /// of every backend: an article is its url, else its content), counts
    /// it in `run`, and flags events as stale when a report changed.
    fn write_articles(
        &self,
        batch: &[(Article, Vec<Interaction>)],
        run: &mut IngestRun,
    ) -> Result<(), StoreError>;

    /// Do the events need re-deriving (reports changed since)?
    fn events_stale(&self) -> Result<bool, StoreError>;

    /// Re-derives the events graph from every stored report and clears
    /// the stale flag. Returns the number of events.
    fn rebuild_events(&self) -> Result<usize, StoreError>;

    /// Removes whole named graphs.
    fn drop_graphs(&self, graphs: &[NamedNode]) -> Result<(), StoreError>;

    /// Counts for the ingest summary.
    fn stats(&self) -> Result<StoreStats, StoreError>;

    /// Runs a SPARQL query with the dipgraph prefixes predeclared and the
    /// union of all graphs as default graph; `params` bind variables to
    /// terms (never pasted into the text).
    fn query(
        &self,
        text: &str,
        params: &[(String, Term)],
    ) -> Result<QueryResults<'static>, StoreError>;

    /// Runs a SELECT and returns its rows as text, in the order of its
    /// variables: IRIs as IRIs, literals as their lexical form, unbound as
    /// None.
    ///
    /// ```
    /// use dipgraph::store::{Backend, GraphStore};
    ///
    /// let store = GraphStore::in_memory().unwrap();
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
    fn select(&self, text: &str) -> Result<Vec<Vec<Option<String>>>, StoreError> {
        super::solution_rows(self.query(text, &[])?)
    }

    /// A SELECT that names its graphs (`GRAPH ?g { … }`), so it runs on
    /// any store whatever its default graph is.
    fn select_named(&self, text: &str) -> Result<Vec<Vec<Option<String>>>, StoreError> {
        self.select(text)
    }

    /// Every stored report, for folding.
    fn report_rows(&self) -> Result<Vec<ReportRow>, StoreError> {
        Ok(self
            .select_named(REPORTS_QUERY)?
            .into_iter()
            .map(report_row)
            .collect())
    }

    /// The type, labels and represented state of each actor in `actors`
    /// that the registry does not describe, as the article graphs state
    /// them, each with the number of graphs stating it.
    fn actor_descriptions(
        &self,
        actors: &HashSet<NamedNode>,
    ) -> Result<Vec<(Triple, u64)>, StoreError> {
        super::actor_descriptions_of(self.query(super::ACTOR_DESCRIPTIONS_QUERY, &[])?, actors)
    }

    /// Replaces a named graph's content.
    fn write_graph(&self, graph: &NamedNode, quads: &[Quad]) -> Result<(), StoreError>;

    /// Writes every named graph (N-Quads, TriG) or their union as one
    /// graph (Turtle, N-Triples).
    fn dump(&self, format: RdfFormat, out: &mut dyn Write) -> Result<(), StoreError>;

    /// Makes the writes durable (a no-op where the server does it).
    fn flush(&self) -> Result<(), StoreError> {
        Ok(())
    }
}
