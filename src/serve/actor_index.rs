//! The explorer's search index: every actor on either side of an event,
//! with all its names (labels in every graph, the registry's aliases and
//! the spellings mined from the archive) and whether the registry knows
//! it, so that 彭佩奥 finds Mike Pompeo and "Xi" puts 习近平 (registry)
//! before 西德 (a name met in one article). The page ranks the matches.

use super::panels;
use crate::rdf;
use oxigraph::model::{GraphNameRef, Literal, NamedNode, Term, TermRef};
use oxigraph::store::{StorageError, Store};
use serde::Serialize;
use std::collections::HashMap;

/// One actor of the index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexedActor {
    pub id: String,
    pub label_en: String,
    pub label_zh: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// Every other name: other labels and `skos:altLabel`s.
    pub aliases: Vec<String>,
    /// In the curated registry (`dip:inRegistry true`).
    pub registry: bool,
    /// Events it takes part in.
    pub events: usize,
}

/// The actors of the events graph, most events first.
pub fn actors_in_events(store: &Store) -> Result<Vec<IndexedActor>, StorageError> {
    let graph = rdf::events_graph();
    let mut events: HashMap<NamedNode, usize> = HashMap::new();
    for side in ["subject", "object"] {
        let p = rdf::dip(side);
        for q in store.quads_for_pattern(
            None,
            Some(p.as_ref()),
            None,
            Some(GraphNameRef::NamedNode(graph.as_ref())),
        ) {
            if let Term::NamedNode(a) = q?.object {
                *events.entry(a).or_default() += 1;
            }
        }
    }
    let in_registry = rdf::dip("inRegistry");
    let yes = Literal::from(true);
    let mut out = Vec::with_capacity(events.len());
    for (iri, n) in events {
        let Some(id) = rdf::actor_id(iri.as_str()) else {
            continue;
        };
        let Some(view) = panels::actor_view(store, &id)? else {
            continue;
        };
        let labels = panels::labels(store, iri.as_ref())?;
        let mut aliases: Vec<String> = Vec::new();
        for name in labels
            .labels
            .iter()
            .map(|(_, _, t)| t)
            .chain(&labels.aliases)
        {
            if *name != view.label_en && *name != view.label_zh && !aliases.contains(name) {
                aliases.push(name.clone());
            }
        }
        let registry = store
            .quads_for_pattern(
                Some(iri.as_ref().into()),
                Some(in_registry.as_ref()),
                Some(TermRef::Literal(yes.as_ref())),
                None,
            )
            .next()
            .transpose()?
            .is_some();
        out.push(IndexedActor {
            id,
            label_en: view.label_en,
            label_zh: view.label_zh,
            kind: view.kind,
            aliases,
            registry,
            events: n,
        });
    }
    out.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.id.cmp(&b.id)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_in_events_carry_their_aliases_and_registry_flag() {
        let store = Store::new().unwrap();
        store
            .update(
                "PREFIX dip: <https://w3id.org/dipgraph/ontology#>
                 PREFIX actor: <https://w3id.org/dipgraph/actor/>
                 PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
                 PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                 INSERT DATA {
                   GRAPH <https://w3id.org/dipgraph/graph/registry> {
                     actor:mike_pompeo a dip:Actor, dip:Person ; dip:inRegistry true ;
                       rdfs:label \"Mike Pompeo\"@en, \"蓬佩奥\"@zh ; skos:altLabel \"彭佩奥\"@zh .
                     actor:wang_yi a dip:Actor, dip:Person ; dip:inRegistry true ;
                       rdfs:label \"Wang Yi\"@en, \"王毅\"@zh . }
                   GRAPH <https://w3id.org/dipgraph/graph/article/x> {
                     actor:xi_de a dip:Actor, dip:Person ; dip:inRegistry false ; rdfs:label \"西德\"@zh . }
                   GRAPH <https://w3id.org/dipgraph/graph/events> {
                     <https://w3id.org/dipgraph/event/1> dip:subject actor:wang_yi ; dip:object actor:mike_pompeo .
                     <https://w3id.org/dipgraph/event/2> dip:subject actor:wang_yi ; dip:object actor:xi_de . } }",
            )
            .unwrap();
        let index = actors_in_events(&store).unwrap();
        let ids: Vec<&str> = index.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["wang_yi", "mike_pompeo", "xi_de"]);
        assert_eq!(index[0].events, 2);
        let pompeo = &index[1];
        assert_eq!(
            (pompeo.label_en.as_str(), pompeo.label_zh.as_str()),
            ("Mike Pompeo", "蓬佩奥")
        );
        assert_eq!(pompeo.aliases, ["彭佩奥"]);
        assert!(pompeo.registry);
        let xi_de = &index[2];
        assert!(!xi_de.registry);
        assert_eq!(
            (xi_de.label_en.as_str(), xi_de.label_zh.as_str()),
            ("西德", "西德")
        );
    }
}
