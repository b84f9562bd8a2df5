//! The JSON routes of the web explorer: the actor graph with its
//! centralities, an actor's interactions with their evidence, a dyad's
//! timeline, and the canned queries. Everything else the page needs goes
//! through the SPARQL endpoint.

use crate::graph::from_store::{GraphFilter, actor_nodes, graph_from_store};
use crate::graph::metrics::{MetricOptions, centrality};
use crate::graph::model::Node;
use crate::model::{ActorType, Relation, Status};
use crate::query::QueryFile;
use crate::rdf;
use crate::store::{GraphStore, StoreError};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::str::FromStr;

/// A route's answer: a JSON value, or an HTTP status and message.
pub type ApiResult = Result<Value, (u16, String)>;

fn bad_request(msg: impl Into<String>) -> (u16, String) {
    (400, msg.into())
}

fn store_error(e: StoreError) -> (u16, String) {
    (500, e.to_string())
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.trim().is_empty())
}

fn list(value: Option<&str>) -> Vec<String> {
    value
        .map(|v| {
            v.split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// `GET /api/stats`: what the store holds.
pub fn stats(store: &GraphStore) -> ApiResult {
    let s = store.stats().map_err(store_error)?;
    // Actors that take part in some event (the registry knows many more).
    let in_events = store
        .select(
            "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {
               GRAPH <https://w3id.org/dipgraph/graph/events> {
                 { ?e dip:subject ?a } UNION { ?e dip:object ?a } } }",
        )
        .map_err(store_error)?
        .into_iter()
        .next()
        .and_then(|r| r[0].as_deref().and_then(|n| n.parse::<usize>().ok()))
        .unwrap_or(0);
    Ok(json!({
        "articles": s.articles, "reports": s.reports, "events": s.events,
        "actors": in_events, "known_actors": s.actors, "triples": s.triples,
    }))
}

/// The filter of `/api/graph`'s query string (the names of `dipgraph
/// metrics`' flags, with `_` for `-`).
pub fn graph_filter(params: &[(String, String)]) -> Result<GraphFilter, (u16, String)> {
    let date = |name: &str| -> Result<Option<NaiveDate>, (u16, String)> {
        param(params, name)
            .map(|v| {
                NaiveDate::from_str(v.trim())
                    .map_err(|e| bad_request(format!("{name}={v}: not a YYYY-MM-DD date ({e})")))
            })
            .transpose()
    };
    let relations = list(param(params, "relation"));
    if let Some(r) = relations.iter().find(|r| Relation::from_str(r).is_err()) {
        return Err(bad_request(format!(
            "relation={r}: not one of {}",
            Relation::ALL.map(|r| r.as_str()).join(", ")
        )));
    }
    let status = param(params, "status")
        .map(|s| {
            s.parse::<Status>()
                .map_err(|_| bad_request(format!("status={s}: use occurred or planned")))
        })
        .transpose()?;
    let actor_types = list(param(params, "actor_type"))
        .iter()
        .map(|t| {
            t.parse::<ActorType>()
                .map_err(|_| bad_request(format!("actor_type={t}: use person, state or org")))
        })
        .collect::<Result<_, _>>()?;
    let min_weight = match param(params, "min_weight") {
        Some(v) => v
            .trim()
            .parse::<f64>()
            .map_err(|_| bad_request(format!("min_weight={v}: not a number")))?,
        None => 1.0,
    };
    Ok(GraphFilter {
        relations,
        since: date("since")?,
        until: date("until")?,
        status,
        actor_types,
        min_weight,
    })
}

/// `GET /api/graph`: nodes with their centralities and edges (one per
/// relation and pair), plus the date range of all events for the page's
/// period slider.
pub fn graph(store: &GraphStore, params: &[(String, String)]) -> ApiResult {
    let filter = graph_filter(params)?;
    let g = graph_from_store(store, &filter).map_err(store_error)?;
    let scores = centrality(&g, &MetricOptions::default());
    let nodes: Vec<Value> = g
        .graph
        .node_indices()
        .zip(&scores)
        .map(|(ix, s)| {
            let n = &g.graph[ix];
            json!({
                "id": n.id, "label_en": n.label_en, "label_zh": n.label_zh, "type": n.kind,
                "degree": s.degree, "weighted_degree": s.weighted_degree,
                "betweenness": s.betweenness, "closeness": s.closeness,
                "pagerank": s.pagerank, "eigenvector": s.eigenvector,
            })
        })
        .collect();
    let edges: Vec<Value> = g
        .graph
        .edge_indices()
        .map(|e| {
            let (a, b) = g.graph.edge_endpoints(e).expect("edge of the graph");
            let w = &g.graph[e];
            json!({
                "source": g.graph[a].id, "target": g.graph[b].id, "relation": w.relation,
                "weight": w.weight, "first_date": w.first_date, "last_date": w.last_date,
                "directed": w.directed,
            })
        })
        .collect();
    let range = store
        .select(
            "SELECT (MIN(STR(?d)) AS ?first) (MAX(STR(?d)) AS ?last) WHERE {
               GRAPH <https://w3id.org/dipgraph/graph/events> { ?e a dip:Interaction ; dip:date ?d } }",
        )
        .map_err(store_error)?;
    let (first, last) = range
        .into_iter()
        .next()
        .map(|r| (r[0].clone(), r[1].clone()))
        .unwrap_or_default();
    Ok(json!({
        "filter": filter.describe(), "first_date": first, "last_date": last,
        "nodes": nodes, "edges": edges,
    }))
}

#[derive(Debug, Serialize)]
struct ActorView {
    id: String,
    label_en: String,
    label_zh: String,
    #[serde(rename = "type")]
    kind: String,
}

impl ActorView {
    fn of(id: &str, nodes: &HashMap<String, Node>) -> ActorView {
        match nodes.get(id) {
            Some(n) => ActorView {
                id: n.id.clone(),
                label_en: n.label_en.clone(),
                label_zh: n.label_zh.clone(),
                kind: n.kind.clone(),
            },
            None => ActorView {
                id: id.to_string(),
                label_en: id.to_string(),
                label_zh: String::new(),
                kind: "unknown".into(),
            },
        }
    }
}

#[derive(Debug, Serialize)]
struct ReportView {
    evidence: String,
    url: Option<String>,
    title: Option<String>,
    outlet: Option<String>,
    published: Option<String>,
    article: Option<String>,
}

#[derive(Debug, Serialize)]
struct InteractionView {
    event: String,
    date: Option<String>,
    relation: String,
    /// `outgoing`/`incoming` seen from the actor asked for, `mutual` for
    /// the undirected relations.
    direction: &'static str,
    status: String,
    counterpart: ActorView,
    outlets: Vec<String>,
    reports: Vec<ReportView>,
    #[serde(skip)]
    last_report: Option<String>,
}

/// The interactions (events) of `actor`, or only those with `partner`,
/// each with its reports' evidence and articles; dated ones first, newest
/// first.
fn interactions(
    store: &GraphStore,
    nodes: &HashMap<String, Node>,
    actor: &str,
    partner: Option<&str>,
) -> Result<Vec<InteractionView>, (u16, String)> {
    let a = rdf::actor_iri(actor);
    let partner_filter = partner
        .map(|p| format!("FILTER(?other = <{}>)", rdf::actor_iri(p).as_str()))
        .unwrap_or_default();
    // The IRIs come from `actor_iri`, which percent-encodes the id, so
    // they cannot break out of the <…>.
    let rows = store
        .select(&format!(
            "SELECT ?e ?rel ?date ?status ?side ?other ?evidence ?url ?title ?outlet ?published ?file ?rep WHERE {{
               GRAPH <https://w3id.org/dipgraph/graph/events> {{
                 ?e a dip:Interaction ; dip:relation ?rel ; dip:status ?status .
                 {{ ?e dip:subject <{a}> ; dip:object ?other . BIND(\"outgoing\" AS ?side) }}
                 UNION
                 {{ ?e dip:object <{a}> ; dip:subject ?other . BIND(\"incoming\" AS ?side) }}
                 {partner_filter}
                 OPTIONAL {{ ?e dip:date ?date }}
                 OPTIONAL {{ ?e dip:hasReport ?rep }}
               }}
               OPTIONAL {{
                 ?rep dip:evidence ?evidence ; prov:wasDerivedFrom ?art .
                 OPTIONAL {{ ?art schema:url ?url }}
                 OPTIONAL {{ ?art schema:headline ?title }}
                 OPTIONAL {{ ?art dip:outlet ?outlet }}
                 OPTIONAL {{ ?art schema:datePublished ?published }}
                 OPTIONAL {{ ?art dip:fileName ?file }}
               }}
             }} ORDER BY ?e ?published ?rep",
            a = a.as_str()
        ))
        .map_err(store_error)?;
    let mut by_event: BTreeMap<String, InteractionView> = BTreeMap::new();
    for r in rows {
        let Some(event) = r[0].clone() else { continue };
        let relation = r[1].clone().unwrap_or_default();
        let other = r[5]
            .as_deref()
            .map(|o| rdf::actor_id(o).unwrap_or_else(|| o.to_string()));
        let v = by_event
            .entry(event.clone())
            .or_insert_with(|| InteractionView {
                event,
                date: r[2].clone(),
                direction: if Relation::from_str(&relation).is_ok_and(|r| !r.directed()) {
                    "mutual"
                } else if r[4].as_deref() == Some("incoming") {
                    "incoming"
                } else {
                    "outgoing"
                },
                relation,
                status: r[3].clone().unwrap_or_default(),
                counterpart: ActorView::of(other.as_deref().unwrap_or(""), nodes),
                outlets: Vec::new(),
                reports: Vec::new(),
                last_report: None,
            });
        // An article read from several files (the same bytes) has a file
        // name for each: its reports are listed once, with the first.
        if r[12].is_some() && v.last_report == r[12] {
            continue;
        }
        v.last_report = r[12].clone();
        if let Some(evidence) = r[6].clone() {
            if let Some(o) = &r[9]
                && !v.outlets.contains(o)
            {
                v.outlets.push(o.clone());
            }
            v.reports.push(ReportView {
                evidence,
                url: r[7].clone(),
                title: r[8].clone(),
                outlet: r[9].clone(),
                published: r[10].clone(),
                article: r[11].clone(),
            });
        }
    }
    let mut out: Vec<InteractionView> = by_event.into_values().collect();
    // Newest first; undated last. ISO dates of any precision sort as text.
    out.sort_by(|x, y| match (&x.date, &y.date) {
        (Some(a), Some(b)) => b.cmp(a).then(x.relation.cmp(&y.relation)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => x.relation.cmp(&y.relation),
    });
    Ok(out)
}

fn known_actor(
    nodes: &HashMap<String, Node>,
    id: Option<&str>,
    name: &str,
) -> Result<String, (u16, String)> {
    let id = id.ok_or_else(|| {
        bad_request(format!(
            "missing the `{name}` parameter (an actor id such as wang_yi)"
        ))
    })?;
    if nodes.contains_key(id) {
        Ok(id.to_string())
    } else {
        Err((404, format!("no actor {id:?} in this store")))
    }
}

/// `GET /api/actor?id=ID`.
pub fn actor(store: &GraphStore, params: &[(String, String)]) -> ApiResult {
    let nodes = actor_nodes(store).map_err(store_error)?;
    let id = known_actor(&nodes, param(params, "id"), "id")?;
    let list = interactions(store, &nodes, &id, None)?;
    Ok(json!({ "actor": ActorView::of(&id, &nodes), "interactions": list }))
}

/// `GET /api/dyad?a=ID&b=ID`: the events between two actors, and their
/// count per month and relation (dated events only; a year-only date
/// cannot be placed in a month).
pub fn dyad(store: &GraphStore, params: &[(String, String)]) -> ApiResult {
    let nodes = actor_nodes(store).map_err(store_error)?;
    let a = known_actor(&nodes, param(params, "a"), "a")?;
    let b = known_actor(&nodes, param(params, "b"), "b")?;
    let list = interactions(store, &nodes, &a, Some(&b))?;
    let mut months: BTreeMap<(String, String), usize> = BTreeMap::new();
    for i in &list {
        if let Some(month) = i.date.as_deref().filter(|d| d.len() >= 7).map(|d| &d[..7]) {
            *months
                .entry((month.to_string(), i.relation.clone()))
                .or_default() += 1;
        }
    }
    let months: Vec<Value> = months
        .into_iter()
        .map(|((month, relation), count)| json!({"month": month, "relation": relation, "count": count}))
        .collect();
    Ok(json!({
        "a": ActorView::of(&a, &nodes), "b": ActorView::of(&b, &nodes),
        "months": months, "interactions": list,
    }))
}

/// `GET /api/queries`: the canned queries with their parameters.
pub fn queries() -> ApiResult {
    let list: Vec<Value> = QueryFile::builtin()
        .into_iter()
        .map(|q| {
            let params: Vec<Value> = q
                .params
                .iter()
                .map(|(name, default)| json!({"name": name, "default": default}))
                .collect();
            json!({"name": q.name, "title": q.title, "description": q.description,
                   "params": params, "text": q.text})
        })
        .collect();
    Ok(Value::Array(list))
}

/// The canned query named in `/api/query/NAME`.
pub fn canned(name: &str) -> Result<QueryFile, (u16, String)> {
    QueryFile::builtin()
        .into_iter()
        .find(|q| q.name == name)
        .ok_or_else(|| {
            let names: BTreeSet<String> =
                QueryFile::builtin().into_iter().map(|q| q.name).collect();
            (
                404,
                format!(
                    "no canned query {name:?}; there are: {}",
                    names.into_iter().collect::<Vec<_>>().join(", ")
                ),
            )
        })
}
