//! A metrics run kept in the store. `dipgraph metrics` on a store writes
//! the scores it computed back into it, in a named graph of their own
//! keyed by what made them (the filters, the direction, the sampling), so
//! SPARQL can rank actors by them (`queries/central_actors.rq`) and running
//! again with the same settings replaces that run instead of adding one.

use super::from_store::GraphFilter;
use super::metrics::{MetricOptions, Scores};
use crate::rdf::{self, QuadSink, dip};
use crate::store::{Backend, StoreError};
use chrono::{DateTime, Utc};
use oxigraph::model::vocab::{rdf as rdfv, xsd};
use oxigraph::model::{Literal, NamedNode, Quad};

/// What made a run, in one line: the filters, then ` directed` and
/// ` samples=K` when they apply. Runs that say the same share a graph.
///
/// ```
/// use dipgraph::graph::from_store::GraphFilter;
/// use dipgraph::graph::metrics::MetricOptions;
/// use dipgraph::graph::metrics_run::describe_run;
/// let opts = MetricOptions { directed: true, betweenness_samples: Some(50), ..Default::default() };
/// assert_eq!(describe_run(&GraphFilter::default(), &opts), "all events but background directed samples=50");
/// ```
pub fn describe_run(filter: &GraphFilter, opts: &MetricOptions) -> String {
    let mut description = filter.describe();
    if opts.directed {
        description.push_str(" directed");
    }
    if let Some(k) = opts.betweenness_samples {
        description.push_str(&format!(" samples={k}"));
    }
    description
}

/// Writes the run (its description, `started` and every actor's scores)
/// into its graph, replacing an earlier run of the same description.
/// Returns the graph's name.
///
/// ```
/// use dipgraph::graph::from_store::GraphFilter;
/// use dipgraph::graph::metrics::{MetricOptions, Scores};
/// use dipgraph::graph::metrics_run::store_run;
/// use dipgraph::store::{Backend, GraphStore};
/// let store = GraphStore::in_memory().unwrap();
/// let scores = [Scores { id: "wang_yi".into(), degree: 2, weighted_degree: 3.0,
///     betweenness: None, closeness: None, pagerank: Some(0.5), eigenvector: None }];
/// let opts = MetricOptions::default();
/// store_run(&store, &GraphFilter::default(), &opts, chrono::Utc::now(), &scores).unwrap();
/// let rows = store.select("SELECT ?p WHERE { ?s dip:actor actor:wang_yi ; dip:pagerank ?p }").unwrap();
/// assert_eq!(rows, [[Some("0.5".to_string())]]);
/// ```
pub fn store_run(
    store: &dyn Backend,
    filter: &GraphFilter,
    opts: &MetricOptions,
    started: DateTime<Utc>,
    scores: &[Scores],
) -> Result<NamedNode, StoreError> {
    let description = describe_run(filter, opts);
    let graph = rdf::metrics_run_graph(&description);
    store.write_graph(&graph, &run_quads(&description, started, scores))?;
    Ok(graph)
}

/// A run as RDF, in its own graph: the run (what made it, when) and one
/// score node per actor with the scores computed.
fn run_quads(description: &str, started: DateTime<Utc>, scores: &[Scores]) -> Vec<Quad> {
    let mut g = QuadSink::new(rdf::metrics_run_graph(description));
    let run = rdf::metrics_run_iri(description);
    g.add(run.clone(), rdfv::TYPE, dip("MetricsRun"));
    g.add(
        run.clone(),
        rdf::prov("startedAtTime").as_ref(),
        Literal::new_typed_literal(
            started.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            xsd::DATE_TIME,
        ),
    );
    g.add(
        run.clone(),
        dip("filters").as_ref(),
        Literal::new_simple_literal(description),
    );
    for s in scores {
        let node = rdf::metrics_score_iri(description, &s.id);
        g.add(run.clone(), dip("hasScore").as_ref(), node.clone());
        g.add(node.clone(), rdfv::TYPE, dip("Score"));
        g.add(node.clone(), dip("actor").as_ref(), rdf::actor_iri(&s.id));
        for (p, v) in [
            ("degree", Some(s.degree as f64)),
            ("weightedDegree", Some(s.weighted_degree)),
            ("betweenness", s.betweenness),
            ("closeness", s.closeness),
            ("pagerank", s.pagerank),
            ("eigenvector", s.eigenvector),
        ] {
            // None: not computed in this run.
            if let Some(v) = v {
                g.add(node.clone(), dip(p).as_ref(), Literal::from(v));
            }
        }
    }
    g.quads
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::GraphStore;

    fn scores(pagerank: f64) -> Vec<Scores> {
        vec![Scores {
            id: "park_jin".into(),
            degree: 1,
            weighted_degree: 1.0,
            betweenness: Some(0.0),
            closeness: None,
            pagerank: Some(pagerank),
            eigenvector: None,
        }]
    }

    #[test]
    fn a_run_replaces_the_last_of_its_settings_and_keeps_the_others() {
        let store = GraphStore::in_memory().unwrap();
        let all = GraphFilter::default();
        let planned = GraphFilter {
            status: Some(crate::model::Status::Planned),
            ..Default::default()
        };
        let opts = MetricOptions::default();
        let first = store_run(&store, &all, &opts, Utc::now(), &scores(0.25)).unwrap();
        let again = store_run(&store, &all, &opts, Utc::now(), &scores(0.75)).unwrap();
        let other = store_run(&store, &planned, &opts, Utc::now(), &scores(0.5)).unwrap();
        assert_eq!(first, again);
        assert_ne!(first, other);
        let mut values: Vec<String> = store
            .select("SELECT ?p WHERE { ?s dip:actor actor:park_jin ; dip:pagerank ?p }")
            .unwrap()
            .into_iter()
            .filter_map(|r| r[0].clone())
            .collect();
        values.sort();
        assert_eq!(values, ["0.5", "0.75"]);
        // Not computed: no triple, rather than a NaN.
        let closeness = store
            .select("SELECT ?c WHERE { ?s dip:closeness ?c }")
            .unwrap();
        assert!(closeness.is_empty(), "{closeness:?}");
    }
}
