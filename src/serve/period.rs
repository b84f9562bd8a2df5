//! What the explorer's period control shows under its slider: the
//! store's events per month (under the relation and status filters, not
//! the period itself), so the shape of the archive is seen at a glance.

use crate::graph::from_store::GraphFilter;
use crate::rdf;
use oxigraph::model::{GraphNameRef, NamedOrBlankNode, Term};
use oxigraph::store::{StorageError, Store};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Events per month, and those no month holds.
#[derive(Debug, Default, PartialEq, Serialize)]
pub struct Histogram {
    /// `("2020-11", 12)`, months in order, only months with events.
    pub months: Vec<(String, usize)>,
    /// Events dated by their year alone.
    pub year_only: usize,
    pub undated: usize,
}

/// Counts the events of the events graph per month of their date, keeping
/// those of `filter`'s relations and status. One scan per property.
pub fn histogram(store: &Store, filter: &GraphFilter) -> Result<Histogram, StorageError> {
    let graph = rdf::events_graph();
    let graph = GraphNameRef::NamedNode(graph.as_ref());
    let scan = |local: &str| -> Result<HashMap<NamedOrBlankNode, String>, StorageError> {
        let p = rdf::dip(local);
        let mut out = HashMap::new();
        for q in store.quads_for_pattern(None, Some(p.as_ref()), None, Some(graph)) {
            let q = q?;
            if let Term::Literal(l) = q.object {
                out.insert(q.subject, l.value().to_string());
            }
        }
        Ok(out)
    };
    let relations = scan("relation")?;
    let statuses = scan("status")?;
    let dates = scan("date")?;
    let mut months: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Histogram::default();
    for (event, relation) in &relations {
        if !filter.relations.is_empty() && !filter.relations.contains(relation) {
            continue;
        }
        if filter
            .status
            .as_ref()
            .is_some_and(|s| statuses.get(event).map(String::as_str) != Some(s.as_str()))
        {
            continue;
        }
        match dates.get(event) {
            Some(d) if d.len() >= 7 => *months.entry(d[..7].to_string()).or_default() += 1,
            Some(_) => out.year_only += 1,
            None => out.undated += 1,
        }
    }
    out.months = months.into_iter().collect();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Store {
        let store = Store::new().unwrap();
        store
            .update(
                "PREFIX dip: <https://w3id.org/dipgraph/ontology#>
                 PREFIX ev: <https://w3id.org/dipgraph/event/>
                 INSERT DATA { GRAPH <https://w3id.org/dipgraph/graph/events> {
                   ev:a dip:relation \"call\" ; dip:status \"occurred\" ; dip:date \"2023-08-31\" .
                   ev:b dip:relation \"call\" ; dip:status \"planned\" ; dip:date \"2023-08\" .
                   ev:c dip:relation \"meet\" ; dip:status \"occurred\" ; dip:date \"2020-11-26\" .
                   ev:d dip:relation \"meet\" ; dip:status \"occurred\" ; dip:date \"2020\" .
                   ev:e dip:relation \"visit\" ; dip:status \"occurred\" . } }",
            )
            .unwrap();
        store
    }

    #[test]
    fn events_are_counted_per_month_under_relation_and_status() {
        let s = store();
        let all = histogram(&s, &GraphFilter::default()).unwrap();
        assert_eq!(
            all.months,
            [("2020-11".to_string(), 1), ("2023-08".to_string(), 2)]
        );
        assert_eq!((all.year_only, all.undated), (1, 1));
        let occurred_calls = GraphFilter {
            relations: vec!["call".into()],
            status: Some(crate::model::Status::Occurred),
            ..Default::default()
        };
        let h = histogram(&s, &occurred_calls).unwrap();
        assert_eq!(h.months, [("2023-08".to_string(), 1)]);
        assert_eq!((h.year_only, h.undated), (0, 0));
    }
}
