//! The JSON routes of the web explorer: the actor graph with its
//! centralities, an actor's interactions with their evidence, a dyad's
//! timeline, and the canned queries. Everything else the page needs goes
//! through the SPARQL endpoint.

use super::actor_index;
use super::panels::{self, ActorCache, ActorView, EventRow, Order};
use super::period;
use crate::graph::from_store::{GraphFilter, graph_from_store, publication_window};
use crate::graph::metrics::{MetricOptions, centrality};
use crate::model::{ActorType, Relation, Status};
use crate::query::QueryFile;
use crate::query::actors::actor_ids;
use crate::store::{Backend, GraphStore, StoreError};
use crate::suggest;
use chrono::NaiveDate;
use serde_json::{Value, json};
use std::collections::BTreeSet;
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
    let min_confidence = match param(params, "min_confidence") {
        Some(v) => v
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|c| (0.0..=1.0).contains(c))
            .ok_or_else(|| bad_request(format!("min_confidence={v}: not a number from 0 to 1")))?,
        None => 0.0,
    };
    let include_background = match param(params, "include_background") {
        None | Some("false" | "0") => false,
        Some("true" | "1") => true,
        Some(v) => {
            return Err(bad_request(format!(
                "include_background={v}: use true or false"
            )));
        }
    };
    Ok(GraphFilter {
        relations,
        since: date("since")?,
        until: date("until")?,
        status,
        actor_types,
        min_weight,
        include_background,
        min_confidence,
    })
}

/// The first and last date of the store's events (as stored: a day, a
/// month or a year).
fn event_range(store: &GraphStore) -> Result<(Option<String>, Option<String>), (u16, String)> {
    let range = store
        .select(
            "SELECT (MIN(STR(?d)) AS ?first) (MAX(STR(?d)) AS ?last) WHERE {
               GRAPH <https://w3id.org/dipgraph/graph/events> { ?e a dip:Interaction ; dip:date ?d } }",
        )
        .map_err(store_error)?;
    Ok(range
        .into_iter()
        .next()
        .map(|r| (r[0].clone(), r[1].clone()))
        .unwrap_or_default())
}

/// `GET /api/period`: what the period control spans — the articles'
/// publication window (its default) and the date range of all events
/// (wider: background history, plans for later).
pub fn period(store: &GraphStore) -> ApiResult {
    let published = publication_window(store).map_err(store_error)?;
    let (first, last) = event_range(store)?;
    Ok(json!({
        "published_first": published.map(|p| p.0.to_string()),
        "published_last": published.map(|p| p.1.to_string()),
        "first_date": first, "last_date": last,
    }))
}

/// `GET /api/graph`: nodes with their centralities and edges (one per
/// relation and pair), the date range of all events, and for the period
/// control the events per month under the relation and status filters.
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
    let (first, last) = event_range(store)?;
    let histogram = period::histogram(store.inner(), &filter).map_err(storage_error)?;
    let months: Vec<Value> = histogram
        .months
        .iter()
        .map(|(month, count)| json!({"month": month, "count": count}))
        .collect();
    Ok(json!({
        "filter": filter.describe(), "first_date": first, "last_date": last,
        "histogram": {"months": months, "year_only": histogram.year_only, "undated": histogram.undated},
        "nodes": nodes, "edges": edges,
    }))
}

/// The page of a panel asked for: `offset` and `limit` (at most
/// [`MAX_PAGE`]), and the order (`sort=oldest|newest`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Page {
    pub offset: usize,
    pub limit: usize,
    pub order: Order,
}

/// Rows of a panel's page unless `limit` says otherwise.
pub const DEFAULT_PAGE: usize = 50;
/// The most rows one page may ask for (the CSV download has them all).
pub const MAX_PAGE: usize = 500;

/// Oldest first unless `sort=newest`: an actor's record read as a
/// timeline, like the dyad's bars. Newest first put the misdated events
/// (an "occurred" visit dated a year after its article) at the top.
pub fn page(params: &[(String, String)]) -> Result<Page, (u16, String)> {
    let number = |name: &str, default: usize| -> Result<usize, (u16, String)> {
        param(params, name).map_or(Ok(default), |v| {
            v.trim()
                .parse::<usize>()
                .map_err(|_| bad_request(format!("{name}={v}: not a whole number")))
        })
    };
    let limit = number("limit", DEFAULT_PAGE)?;
    if limit > MAX_PAGE {
        return Err(bad_request(format!(
            "limit={limit}: at most {MAX_PAGE} rows a page (format=csv has them all)"
        )));
    }
    let order = param(params, "sort")
        .map_or(Ok(Order::Oldest), |s| s.trim().parse())
        .map_err(bad_request)?;
    Ok(Page {
        offset: number("offset", 0)?,
        limit,
        order,
    })
}

fn storage_error(e: oxigraph::store::StorageError) -> (u16, String) {
    store_error(StoreError::from(e))
}

/// The actor named by parameter `name`, which the store must describe;
/// a misspelt id is a 404 naming the nearest ids.
fn known_actor(
    store: &GraphStore,
    params: &[(String, String)],
    name: &str,
) -> Result<ActorView, (u16, String)> {
    let id = param(params, name).map(str::trim).ok_or_else(|| {
        bad_request(format!(
            "missing the `{name}` parameter (an actor id such as wang_yi)"
        ))
    })?;
    let id = id.strip_prefix("actor:").unwrap_or(id);
    if let Some(view) = panels::actor_view(store.inner(), id).map_err(storage_error)? {
        return Ok(view);
    }
    let ids = actor_ids(store).map_err(store_error)?;
    let nearest = suggest::nearest(id, ids.iter().map(String::as_str), 3);
    let hint = if nearest.is_empty() {
        String::new()
    } else {
        format!("; the nearest: {}", nearest.join(", "))
    };
    Err((404, format!("no actor {id:?} in this store{hint}")))
}

/// A panel's rows: `rows` filtered and sorted, as one page of JSON (with
/// the counts the panel's header shows) or, with `format=csv`, all of them.
struct Panel {
    filter: GraphFilter,
    page: Page,
    /// Before the filters.
    unfiltered: usize,
    rows: Vec<EventRow>,
}

impl Panel {
    fn new(params: &[(String, String)], mut rows: Vec<EventRow>) -> Result<Panel, (u16, String)> {
        let filter = graph_filter(params)?;
        let page = page(params)?;
        let unfiltered = rows.len();
        rows.retain(|r| panels::keeps(&filter, r));
        panels::sort(&mut rows, page.order);
        Ok(Panel {
            filter,
            page,
            unfiltered,
            rows,
        })
    }

    fn page_rows(&self) -> &[EventRow] {
        let start = self.page.offset.min(self.rows.len());
        let end = (start + self.page.limit).min(self.rows.len());
        &self.rows[start..end]
    }

    /// The fields every panel answer has.
    fn json(&self, store: &GraphStore) -> Result<serde_json::Map<String, Value>, (u16, String)> {
        let mut cache = ActorCache::new();
        let list =
            panels::details(store.inner(), self.page_rows(), &mut cache).map_err(storage_error)?;
        let partners: BTreeSet<&str> = self.rows.iter().map(|r| r.other.as_str()).collect();
        let dates: Vec<&str> = self.rows.iter().filter_map(|r| r.date.as_deref()).collect();
        let mut out = serde_json::Map::new();
        out.insert("filter".into(), json!(self.filter.describe()));
        out.insert("sort".into(), json!(self.page.order.as_str()));
        out.insert("total".into(), json!(self.rows.len()));
        out.insert("unfiltered".into(), json!(self.unfiltered));
        out.insert("partners".into(), json!(partners.len()));
        out.insert("first_date".into(), json!(dates.iter().min()));
        out.insert("last_date".into(), json!(dates.iter().max()));
        out.insert("offset".into(), json!(self.page.offset));
        out.insert("limit".into(), json!(self.page.limit));
        out.insert("interactions".into(), json!(list));
        Ok(out)
    }

    fn csv(&self, store: &GraphStore, actor: &str) -> Result<String, (u16, String)> {
        let mut cache = ActorCache::new();
        let all = panels::details(store.inner(), &self.rows, &mut cache).map_err(storage_error)?;
        panels::csv(actor, &all).map_err(|e| (500, format!("cannot write the CSV: {e}")))
    }
}

/// A CSV answer: a file name for the download, and its text.
pub type CsvResult = Result<(String, String), (u16, String)>;

/// `GET /api/actor?id=ID`: the actor's events under the sidebar's filters
/// (`relation`, `since`, `until`, `status`, as `/api/graph` takes them),
/// sorted by date (`sort=oldest|newest`), one page (`offset`, `limit`)
/// with their evidence; `total` counts them all.
pub fn actor(store: &GraphStore, params: &[(String, String)]) -> ApiResult {
    let actor = known_actor(store, params, "id")?;
    let rows = panels::events_of(store.inner(), &actor.id, None).map_err(storage_error)?;
    let mut out = Panel::new(params, rows)?.json(store)?;
    out.insert("actor".into(), json!(actor));
    Ok(Value::Object(out))
}

/// `GET /api/actor?id=ID&format=csv`: every row of the actor's panel.
pub fn actor_csv(store: &GraphStore, params: &[(String, String)]) -> CsvResult {
    let actor = known_actor(store, params, "id")?;
    let rows = panels::events_of(store.inner(), &actor.id, None).map_err(storage_error)?;
    let body = Panel::new(params, rows)?.csv(store, &actor.id)?;
    Ok((format!("{}.csv", actor.id), body))
}

/// `GET /api/dyad?a=ID&b=ID`: the pair's events under the filters, their
/// count per month and relation (all of them: the timeline), and one
/// page of them with their evidence.
pub fn dyad(store: &GraphStore, params: &[(String, String)]) -> ApiResult {
    let a = known_actor(store, params, "a")?;
    let b = known_actor(store, params, "b")?;
    let rows = panels::events_of(store.inner(), &a.id, Some(&b.id)).map_err(storage_error)?;
    let panel = Panel::new(params, rows)?;
    let months: Vec<Value> = panels::months(&panel.rows)
        .into_iter()
        .map(|((month, relation), count)| json!({"month": month, "relation": relation, "count": count}))
        .collect();
    let mut out = panel.json(store)?;
    out.insert("a".into(), json!(a));
    out.insert("b".into(), json!(b));
    out.insert("months".into(), json!(months));
    Ok(Value::Object(out))
}

/// `GET /api/dyad?a=ID&b=ID&format=csv`: every row of the dyad's panel.
pub fn dyad_csv(store: &GraphStore, params: &[(String, String)]) -> CsvResult {
    let a = known_actor(store, params, "a")?;
    let b = known_actor(store, params, "b")?;
    let rows = panels::events_of(store.inner(), &a.id, Some(&b.id)).map_err(storage_error)?;
    let body = Panel::new(params, rows)?.csv(store, &a.id)?;
    Ok((format!("{}-{}.csv", a.id, b.id), body))
}

/// `GET /api/actors`: every actor in some event, with its labels, its
/// aliases and whether the registry knows it, for the explorer's search.
pub fn actors(store: &GraphStore) -> ApiResult {
    let list = actor_index::actors_in_events(store.inner()).map_err(storage_error)?;
    Ok(json!(list))
}

/// `GET /api/relations`: the relations in their canonical order, with
/// labels, direction, CAMEO and PLOVER codes and the colour and line
/// style the drawings use, so the explorer keeps no copy of its own.
pub fn relations() -> ApiResult {
    let list: Vec<Value> = Relation::ALL
        .iter()
        .map(|&r| {
            let info = r.info();
            json!({
                "id": r.as_str(), "label_en": info.label_en, "label_zh": info.label_zh,
                "directed": info.directed, "cameo": info.cameo, "plover": info.plover,
                "colour": info.colour, "style": info.line_style,
            })
        })
        .collect();
    Ok(Value::Array(list))
}

/// `GET /api/prefixes`: the prefixes every query may use undeclared, for
/// the SPARQL editor's completion and the results' short IRIs.
pub fn prefixes() -> ApiResult {
    Ok(Value::Array(
        crate::rdf::PREFIXES
            .iter()
            .map(|(prefix, iri)| json!({"prefix": prefix, "iri": iri}))
            .collect(),
    ))
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
