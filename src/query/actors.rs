//! Actors named in `--param` values, checked against the store before the
//! query runs. A misspelt id (`actor:wang_yl`) or an id without its
//! prefix (`wang_yi`, which binds the text "wang_yi") would otherwise make
//! a query answer 0 rows, indistinguishable from "no such interactions".

use crate::rdf;
use crate::store::{Backend, StoreError};
use oxigraph::model::Term;
use oxigraph::model::vocab::xsd;
use std::collections::BTreeSet;

/// Why an actor parameter was refused.
#[derive(Debug, thiserror::Error)]
pub enum ActorParamError {
    #[error(
        "--param {name}: there is no actor {value} in the store{}",
        nearest_hint(nearest)
    )]
    Unknown {
        name: String,
        value: String,
        nearest: Vec<String>,
    },
    #[error(
        "--param {name}={text}: this parameter takes an actor, and {text} without `actor:` is plain text{}",
        if *known { format!(": write actor:{text}") } else { nearest_hint(nearest) }
    )]
    Text {
        name: String,
        text: String,
        known: bool,
        nearest: Vec<String>,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn nearest_hint(nearest: &[String]) -> String {
    if nearest.is_empty() {
        " (ids look like actor:wang_yi or actor:CHN; `dipgraph query 'SELECT ?a ?name WHERE { ?a a dip:Actor ; rdfs:label ?name }'` lists them)".to_string()
    } else {
        format!("; the nearest: {}", nearest.join(", "))
    }
}

/// Every actor id of the store (`wang_yi`, `CHN`, …).
pub fn actor_ids(store: &dyn Backend) -> Result<BTreeSet<String>, StoreError> {
    Ok(store
        .select("SELECT DISTINCT ?a WHERE { ?a a dip:Actor }")?
        .into_iter()
        .filter_map(|r| r[0].as_deref().and_then(rdf::actor_id))
        .collect())
}

fn nearest(id: &str, ids: &BTreeSet<String>) -> Vec<String> {
    crate::suggest::nearest(id, ids.iter().map(String::as_str), 3)
        .into_iter()
        .map(|n| format!("actor:{n}"))
        .collect()
}

/// Checks the actors `params` name: an IRI in the actor namespace must
/// be an actor of the store; plain text bound to a parameter in
/// `actor_params` (those whose default is an actor) must not be an id
/// missing its `actor:`. Returns warnings for plain text elsewhere that
/// equals an actor id (it may be meant as text, so it is not refused).
pub fn check_actor_params(
    store: &dyn Backend,
    params: &[(String, Term)],
    actor_params: &[&str],
) -> Result<Vec<String>, ActorParamError> {
    let mut ids: Option<BTreeSet<String>> = None;
    let mut warnings = Vec::new();
    for (name, term) in params {
        match term {
            Term::NamedNode(n) => {
                let Some(id) = rdf::actor_id(n.as_str()) else {
                    continue;
                };
                let ids = match &mut ids {
                    Some(ids) => ids,
                    None => ids.insert(actor_ids(store)?),
                };
                if !ids.contains(&id) {
                    return Err(ActorParamError::Unknown {
                        name: name.clone(),
                        value: format!("actor:{id}"),
                        nearest: nearest(&id, ids),
                    });
                }
            }
            Term::Literal(l) if l.datatype() == xsd::STRING && l.language().is_none() => {
                let text = l.value();
                if text.is_empty() || text.contains(char::is_whitespace) {
                    continue;
                }
                let ids = match &mut ids {
                    Some(ids) => ids,
                    None => ids.insert(actor_ids(store)?),
                };
                let known = ids.contains(text);
                if actor_params.contains(&name.as_str()) {
                    return Err(ActorParamError::Text {
                        name: name.clone(),
                        text: text.to_string(),
                        known,
                        nearest: nearest(text, ids),
                    });
                }
                if known {
                    warnings.push(format!(
                        "warning: --param {name}={text} binds the text \"{text}\"; for the actor write actor:{text}"
                    ));
                }
            }
            _ => {}
        }
    }
    Ok(warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::GraphStore;
    use oxigraph::model::Literal;

    fn store() -> GraphStore {
        let store = GraphStore::in_memory().unwrap();
        store
            .inner()
            .update(
                "PREFIX dip: <https://w3id.org/dipgraph/ontology#>
                 INSERT DATA { GRAPH <https://w3id.org/dipgraph/graph/registry> {
                   <https://w3id.org/dipgraph/actor/wang_yi> a dip:Actor .
                   <https://w3id.org/dipgraph/actor/wang_yu> a dip:Actor .
                   <https://w3id.org/dipgraph/actor/CHN> a dip:Actor . } }",
            )
            .unwrap();
        store
    }

    fn actor(id: &str) -> Term {
        rdf::actor_iri(id).into()
    }

    #[test]
    fn unknown_actors_name_the_nearest_ids() {
        let s = store();
        let ok = [("actor".to_string(), actor("wang_yi"))];
        assert!(check_actor_params(&s, &ok, &["actor"]).unwrap().is_empty());
        let err = check_actor_params(&s, &[("actor".into(), actor("wang_yl"))], &["actor"])
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "--param actor: there is no actor actor:wang_yl in the store; the nearest: actor:wang_yi, actor:wang_yu"
        );
        let far = check_actor_params(&s, &[("a".into(), actor("xi_jinping"))], &[])
            .unwrap_err()
            .to_string();
        assert!(far.contains("ids look like actor:wang_yi"), "{far}");
    }

    #[test]
    fn an_id_without_its_prefix_is_caught() {
        let s = store();
        let text: Term = Literal::new_simple_literal("wang_yi").into();
        let err = check_actor_params(&s, &[("actor".into(), text.clone())], &["actor"])
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "--param actor=wang_yi: this parameter takes an actor, and wang_yi without `actor:` is plain text: write actor:wang_yi"
        );
        // Elsewhere plain text may be meant: a warning only.
        let warnings = check_actor_params(&s, &[("name".into(), text)], &[]).unwrap();
        assert_eq!(warnings.len(), 1);
        let role: Term = Literal::new_simple_literal("foreign_minister").into();
        assert!(
            check_actor_params(&s, &[("role_name".into(), role)], &[])
                .unwrap()
                .is_empty()
        );
    }
}
