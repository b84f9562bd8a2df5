//! The actor graph as the store holds it: events aggregated per relation
//! and actor pair, after the command's filters.

use super::model::{ActorGraph, Edge, Node};
use crate::model::{ActorType, PartialDate, Relation, Status};
use crate::rdf;
use crate::store::{Backend, StoreError};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

/// Which events make the graph.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GraphFilter {
    /// Relations to keep (all when empty).
    pub relations: Vec<String>,
    /// Events overlapping [since, until]; undated events are dropped when
    /// either bound is set.
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Only occurred or only planned events (both when None).
    pub status: Option<Status>,
    /// Actor types to keep (all when empty): an event is kept when both
    /// its actors are of a kept type.
    pub actor_types: Vec<ActorType>,
    /// Drop edges with fewer events than this.
    pub min_weight: f64,
    /// Keep background events (`dip:background`: over more than a year
    /// before their first article), which are left out by default: history
    /// an article recalls would otherwise weigh as the news.
    pub include_background: bool,
    /// Keep events whose confidence (`dip:confidence`: the model's
    /// calibrated probability, the highest of its reports) is at least
    /// this; 0 keeps all. Events stored without one are kept.
    pub min_confidence: f64,
}

impl GraphFilter {
    /// A one-line description for titles and the metrics record.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.relations.is_empty() {
            parts.push(format!("relation={}", self.relations.join(",")));
        }
        if let Some(s) = self.since {
            parts.push(format!("since={s}"));
        }
        if let Some(u) = self.until {
            parts.push(format!("until={u}"));
        }
        if let Some(s) = self.status {
            parts.push(format!("status={}", s.as_str()));
        }
        if !self.actor_types.is_empty() {
            let types: Vec<&str> = self.actor_types.iter().map(|t| t.as_str()).collect();
            parts.push(format!("actor-type={}", types.join(",")));
        }
        if self.min_weight > 1.0 {
            parts.push(format!("min-weight={}", self.min_weight));
        }
        if self.min_confidence > 0.0 {
            parts.push(format!("min-confidence={}", self.min_confidence));
        }
        match (parts.is_empty(), self.include_background) {
            (true, true) => "all events".to_string(),
            (true, false) => "all events but background".to_string(),
            (false, true) => format!("{} include-background", parts.join(" ")),
            (false, false) => parts.join(" "),
        }
    }

    /// Whether an event of this confidence (none: stored without one) is
    /// confident enough.
    ///
    /// ```
    /// use dipgraph::graph::from_store::GraphFilter;
    /// let sure = GraphFilter { min_confidence: 0.7, ..Default::default() };
    /// assert!(sure.keeps_confidence(Some(0.7)));
    /// assert!(!sure.keeps_confidence(Some(0.69)));
    /// assert!(sure.keeps_confidence(None));
    /// ```
    pub fn keeps_confidence(&self, confidence: Option<f64>) -> bool {
        // Stored with two decimals: compare on the same grid.
        confidence.is_none_or(|c| c + 1e-9 >= self.min_confidence)
    }

    /// Whether an event dated `date` lies in the period (overlaps it);
    /// with a bound set, an undated event does not.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use dipgraph::graph::from_store::GraphFilter;
    /// let august = GraphFilter {
    ///     since: NaiveDate::from_ymd_opt(2023, 8, 1),
    ///     until: NaiveDate::from_ymd_opt(2023, 8, 31),
    ///     ..Default::default()
    /// };
    /// assert!(august.keeps_date(Some(&"2023".parse().unwrap())));
    /// assert!(!august.keeps_date(Some(&"2023-09-01".parse().unwrap())));
    /// assert!(!august.keeps_date(None));
    /// ```
    pub fn keeps_date(&self, date: Option<&PartialDate>) -> bool {
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let Some(d) = date else {
            return false;
        };
        let (first, last) = span(d);
        self.since.is_none_or(|s| last >= s) && self.until.is_none_or(|u| first <= u)
    }
}

/// First and last day a partial date covers.
fn span(d: &PartialDate) -> (NaiveDate, NaiveDate) {
    (d.first_day(), d.last_day())
}

/// The first and last day on which the store's articles were published
/// (UTC), or `None` without dated articles.
pub fn publication_window(
    store: &dyn Backend,
) -> Result<Option<(NaiveDate, NaiveDate)>, StoreError> {
    let rows = store.select(
        "SELECT (MIN(STR(?p)) AS ?first) (MAX(STR(?p)) AS ?last) WHERE {
           ?a a dip:Article ; schema:datePublished ?p }",
    )?;
    let day = |v: &Option<String>| {
        v.as_deref()
            .and_then(|s| s.get(..10))
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
    };
    Ok(rows.first().and_then(|r| Some((day(&r[0])?, day(&r[1])?))))
}

/// Actors known to the store: id → node (labels and type).
pub fn actor_nodes(store: &dyn Backend) -> Result<HashMap<String, Node>, StoreError> {
    let rows = store.select(
        "SELECT ?a ?t ?en ?zh WHERE {
           ?a a ?t . VALUES ?t { dip:Person dip:State dip:Organization }
           OPTIONAL { ?a rdfs:label ?en FILTER(LANG(?en) = \"en\") }
           OPTIONAL { ?a rdfs:label ?zh FILTER(LANG(?zh) = \"zh\") }
         }",
    )?;
    let mut nodes = HashMap::new();
    for r in rows {
        let Some(iri) = r[0].as_deref() else { continue };
        let id = rdf::actor_id(iri).unwrap_or_else(|| iri.to_string());
        let kind = match r[1].as_deref().and_then(|t| t.rsplit('#').next()) {
            Some("Person") => "person",
            Some("State") => "state",
            Some("Organization") => "org",
            _ => "unknown",
        };
        let zh = r[3].clone().unwrap_or_default();
        let en = r[2].clone().unwrap_or_else(|| {
            if zh.is_empty() {
                id.clone()
            } else {
                zh.clone()
            }
        });
        nodes.entry(id.clone()).or_insert(Node {
            id,
            label_en: en,
            label_zh: zh,
            kind: kind.to_string(),
        });
    }
    Ok(nodes)
}

/// Builds the actor graph of the store's events under `filter`.
pub fn graph_from_store(
    store: &dyn Backend,
    filter: &GraphFilter,
) -> Result<ActorGraph, StoreError> {
    let nodes = actor_nodes(store)?;
    let rows = store.select(
        "SELECT ?s ?o ?rel ?date ?status ?background ?confidence WHERE {
           GRAPH <https://w3id.org/dipgraph/graph/events> {
             ?e a dip:Interaction ; dip:subject ?s ; dip:object ?o ; dip:relation ?rel ; dip:status ?status .
             OPTIONAL { ?e dip:date ?date }
             OPTIONAL { ?e dip:background ?background }
             OPTIONAL { ?e dip:confidence ?confidence } } }",
    )?;
    // (relation, source, target) → (events, first date, last date)
    type Agg = (f64, Option<PartialDate>, Option<PartialDate>);
    let mut edges: BTreeMap<(String, String, String), Agg> = BTreeMap::new();
    for r in rows {
        let (Some(s), Some(o), Some(rel), Some(status)) = (&r[0], &r[1], &r[2], &r[4]) else {
            continue;
        };
        if !filter.relations.is_empty() && !filter.relations.iter().any(|x| x == rel) {
            continue;
        }
        if filter.status.is_some_and(|st| st.as_str() != status) {
            continue;
        }
        if !filter.include_background && r[5].as_deref() == Some("true") {
            continue;
        }
        if !filter.keeps_confidence(r[6].as_deref().and_then(|c| c.parse().ok())) {
            continue;
        }
        let date = r[3].as_deref().and_then(|d| d.parse::<PartialDate>().ok());
        if !filter.keeps_date(date.as_ref()) {
            continue;
        }
        let s = rdf::actor_id(s).unwrap_or_else(|| s.clone());
        let o = rdf::actor_id(o).unwrap_or_else(|| o.clone());
        if s == o {
            continue;
        }
        let kind = |id: &str| nodes.get(id).map(|n| n.kind.as_str()).unwrap_or("unknown");
        let kept = |id: &str| {
            filter.actor_types.is_empty()
                || filter.actor_types.iter().any(|t| t.as_str() == kind(id))
        };
        if !(kept(&s) && kept(&o)) {
            continue;
        }
        let directed = Relation::from_str(rel).is_ok_and(|r| r.directed());
        let (a, b) = if !directed && o < s { (o, s) } else { (s, o) };
        let e = edges
            .entry((rel.clone(), a, b))
            .or_insert((0.0, None, None));
        e.0 += 1.0;
        if let Some(d) = date {
            e.1 = Some(e.1.map_or(d, |f| if d.first_day() < f.first_day() { d } else { f }));
            e.2 = Some(e.2.map_or(d, |l| if d.first_day() > l.first_day() { d } else { l }));
        }
    }
    let mut g = ActorGraph::new();
    for ((rel, a, b), (weight, first, last)) in edges {
        if weight < filter.min_weight {
            continue;
        }
        for id in [&a, &b] {
            if !g.index.contains_key(id.as_str()) {
                g.add_node(nodes.get(id.as_str()).cloned().unwrap_or_else(|| Node {
                    id: id.clone(),
                    label_en: id.clone(),
                    label_zh: String::new(),
                    kind: "unknown".into(),
                }));
            }
        }
        let directed = Relation::from_str(&rel).is_ok_and(|r| r.directed());
        g.add_edge(
            &a,
            &b,
            Edge {
                relation: rel,
                weight,
                first_date: first.map(|d| d.to_string()),
                last_date: last.map(|d| d.to_string()),
                directed,
            },
        );
    }
    Ok(g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_filters_keep_overlapping_periods() {
        let f = GraphFilter {
            since: NaiveDate::from_ymd_opt(2020, 11, 10),
            until: NaiveDate::from_ymd_opt(2020, 11, 30),
            ..Default::default()
        };
        let d = |s: &str| s.parse::<PartialDate>().unwrap();
        assert!(f.keeps_date(Some(&d("2020-11-26"))));
        assert!(f.keeps_date(Some(&d("2020-11"))));
        assert!(f.keeps_date(Some(&d("2020"))));
        assert!(!f.keeps_date(Some(&d("2020-11-01"))));
        assert!(!f.keeps_date(Some(&d("2020-12"))));
        assert!(!f.keeps_date(None));
        assert!(GraphFilter::default().keeps_date(None));
    }

    #[test]
    fn description_names_the_filters() {
        let f = GraphFilter {
            relations: vec!["meet".into(), "call".into()],
            since: NaiveDate::from_ymd_opt(2020, 1, 1),
            min_weight: 2.0,
            ..Default::default()
        };
        assert_eq!(
            f.describe(),
            "relation=meet,call since=2020-01-01 min-weight=2"
        );
        let f = GraphFilter {
            status: Some(Status::Planned),
            actor_types: vec![ActorType::Person, ActorType::Org],
            ..Default::default()
        };
        assert_eq!(f.describe(), "status=planned actor-type=person,org");
        let sure = GraphFilter {
            min_confidence: 0.6,
            ..Default::default()
        };
        assert_eq!(sure.describe(), "min-confidence=0.6");
        assert_eq!(
            GraphFilter::default().describe(),
            "all events but background"
        );
        let everything = GraphFilter {
            include_background: true,
            ..Default::default()
        };
        assert_eq!(everything.describe(), "all events");
    }
}
