//! The explorer's actor and dyad panels: the events of one actor (or of
//! one pair) under the sidebar's filters, sorted by date, and one page of
//! them with their reports' evidence and articles.
//!
//! Read by index scans, not SPARQL: Oxigraph joins a star of patterns
//! event by event, and one query joining every event of China with its
//! reports and their articles (across ~58,000 article graphs) took 25 s
//! on the whole archive's store (issue 20). Here listing an actor's events
//! is one scan per side and one per event of the events graph, and only
//! the page's events are looked up for their reports.

use crate::graph::from_store::GraphFilter;
use crate::model::PartialDate;
use crate::model::Relation;
use crate::rdf;
use oxigraph::model::vocab::rdf as rdfv;
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Term};
use oxigraph::store::{StorageError, Store};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

/// How the panel is seen from the actor asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// The actor is the subject of a directed relation.
    Outgoing,
    /// The actor is the object of a directed relation.
    Incoming,
    /// An undirected relation (meet, call, agree, cooperate).
    Mutual,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Outgoing => "outgoing",
            Direction::Incoming => "incoming",
            Direction::Mutual => "mutual",
        }
    }
}

/// One event as a panel lists it, before its reports are read.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    pub event: NamedNode,
    /// As stored: `2020-11-26`, `2020-11` or `2020`.
    pub date: Option<String>,
    pub relation: String,
    pub status: String,
    pub direction: Direction,
    /// The counterpart's actor id.
    pub other: String,
    /// History told in the background (`dip:background`): left out of a
    /// panel as of the graph unless the filter includes it.
    pub background: bool,
    /// `dip:confidence`, when stored.
    pub confidence: Option<f64>,
}

/// The order of a panel's rows. Undated events come last either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Oldest,
    Newest,
}

impl FromStr for Order {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "oldest" => Ok(Order::Oldest),
            "newest" => Ok(Order::Newest),
            other => Err(format!("sort={other}: use oldest or newest")),
        }
    }
}

impl Order {
    pub fn as_str(self) -> &'static str {
        match self {
            Order::Oldest => "oldest",
            Order::Newest => "newest",
        }
    }
}

fn text(term: &Term) -> Option<String> {
    match term {
        Term::Literal(l) => Some(l.value().to_string()),
        Term::NamedNode(n) => Some(n.as_str().to_string()),
        _ => None,
    }
}

fn actor_of(term: &Term) -> Option<String> {
    match term {
        Term::NamedNode(n) => Some(rdf::actor_id(n.as_str()).unwrap_or_else(|| n.as_str().into())),
        _ => None,
    }
}

/// The events of `actor` in the events graph (only those with `partner`
/// when given), in no particular order.
pub fn events_of(
    store: &Store,
    actor: &str,
    partner: Option<&str>,
) -> Result<Vec<EventRow>, StorageError> {
    let graph = rdf::events_graph();
    let graph = GraphNameRef::NamedNode(graph.as_ref());
    let me = rdf::actor_iri(actor);
    let (subject, object) = (rdf::dip("subject"), rdf::dip("object"));
    let mut events: BTreeMap<NamedNode, Direction> = BTreeMap::new();
    for (side, direction) in [
        (&subject, Direction::Outgoing),
        (&object, Direction::Incoming),
    ] {
        for q in store.quads_for_pattern(
            None,
            Some(side.as_ref()),
            Some(me.as_ref().into()),
            Some(graph),
        ) {
            if let NamedOrBlankNode::NamedNode(e) = q?.subject {
                // An event with the actor on both sides is listed once.
                events.entry(e).or_insert(direction);
            }
        }
    }
    let (relation, status, date) = (rdf::dip("relation"), rdf::dip("status"), rdf::dip("date"));
    let background = rdf::dip("background");
    let confidence = rdf::dip("confidence");
    let mut rows = Vec::with_capacity(events.len());
    for (event, side) in events {
        let mut row = EventRow {
            event,
            date: None,
            relation: String::new(),
            status: String::new(),
            direction: side,
            other: String::new(),
            background: false,
            confidence: None,
        };
        let counterpart = if side == Direction::Outgoing {
            &object
        } else {
            &subject
        };
        // One lookup per property rather than one scan of the event: each
        // quad read decodes its IRIs, and an event has ~15 quads.
        let value = |p: &NamedNode| -> Result<Option<Term>, StorageError> {
            store
                .quads_for_pattern(
                    Some(row.event.as_ref().into()),
                    Some(p.as_ref()),
                    None,
                    Some(graph),
                )
                .next()
                .transpose()
                .map(|q| q.map(|q| q.object))
        };
        row.other = value(counterpart)?
            .as_ref()
            .and_then(actor_of)
            .unwrap_or_default();
        if partner.is_some_and(|p| p != row.other) {
            continue;
        }
        row.relation = value(&relation)?
            .as_ref()
            .and_then(text)
            .unwrap_or_default();
        row.status = value(&status)?.as_ref().and_then(text).unwrap_or_default();
        row.date = value(&date)?.as_ref().and_then(text);
        row.background = value(&background)?.as_ref().and_then(text).as_deref() == Some("true");
        row.confidence = value(&confidence)?
            .as_ref()
            .and_then(text)
            .and_then(|c| c.parse().ok());
        if Relation::from_str(&row.relation).is_ok_and(|r| !r.directed()) {
            row.direction = Direction::Mutual;
        }
        rows.push(row);
    }
    Ok(rows)
}

/// Whether the sidebar's relation, status and period filters keep `row`
/// (the period as the graph applies it: the event's date overlaps it).
pub fn keeps(filter: &GraphFilter, row: &EventRow) -> bool {
    (filter.include_background || !row.background)
        && filter.keeps_confidence(row.confidence)
        && (filter.relations.is_empty() || filter.relations.contains(&row.relation))
        && filter.status.is_none_or(|s| s.as_str() == row.status)
        && filter.keeps_date(
            row.date
                .as_deref()
                .and_then(|d| d.parse::<PartialDate>().ok())
                .as_ref(),
        )
}

/// Sorts by date (ISO dates of any precision sort as text, `2020` before
/// `2020-11`), undated last, then by relation and event for a stable page.
pub fn sort(rows: &mut [EventRow], order: Order) {
    rows.sort_by(|x, y| {
        let by_date = match (&x.date, &y.date) {
            (Some(a), Some(b)) if order == Order::Oldest => a.cmp(b),
            (Some(a), Some(b)) => b.cmp(a),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        };
        by_date
            .then_with(|| x.relation.cmp(&y.relation))
            .then_with(|| x.event.cmp(&y.event))
    });
}

/// Events per month and relation, for the dyad's timeline. Year-only
/// dates cannot be placed in a month and are left out.
pub fn months(rows: &[EventRow]) -> BTreeMap<(String, String), usize> {
    let mut out = BTreeMap::new();
    for r in rows {
        if let Some(month) = r.date.as_deref().filter(|d| d.len() >= 7).map(|d| &d[..7]) {
            *out.entry((month.to_string(), r.relation.clone()))
                .or_default() += 1;
        }
    }
    out
}

/// An actor as the panels name it.
#[derive(Debug, Clone, Serialize)]
pub struct ActorView {
    pub id: String,
    pub label_en: String,
    pub label_zh: String,
    #[serde(rename = "type")]
    pub kind: String,
}

/// The labels and type of `id`, or `None` when the store does not
/// describe it as a person, state or organisation. A label in the
/// registry graph wins over the events graph's (the spelling most
/// articles use), which wins over any one article's.
pub fn actor_view(store: &Store, id: &str) -> Result<Option<ActorView>, StorageError> {
    let iri = rdf::actor_iri(id);
    let mut kind = None;
    for q in store.quads_for_pattern(Some(iri.as_ref().into()), Some(rdfv::TYPE), None, None) {
        if let Term::NamedNode(t) = q?.object {
            kind = match t.as_str().rsplit('#').next() {
                Some("Person") => Some("person"),
                Some("State") => Some("state"),
                Some("Organization") => Some("org"),
                _ => kind,
            };
        }
    }
    let Some(kind) = kind else { return Ok(None) };
    let labels = labels(store, iri.as_ref())?;
    let zh = labels.best("zh").unwrap_or_default();
    let en = labels.best("en").unwrap_or_else(|| {
        if zh.is_empty() {
            id.to_string()
        } else {
            zh.clone()
        }
    });
    Ok(Some(ActorView {
        id: id.to_string(),
        label_en: en,
        label_zh: zh,
        kind: kind.to_string(),
    }))
}

/// An actor's `rdfs:label`s by graph rank (registry, events, articles),
/// and its `skos:altLabel`s.
pub struct Labels {
    /// (rank, language, text); rank 0 is the registry graph.
    pub labels: Vec<(u8, String, String)>,
    pub aliases: Vec<String>,
}

impl Labels {
    /// The best-ranked label in `lang`.
    pub fn best(&self, lang: &str) -> Option<String> {
        self.labels
            .iter()
            .filter(|(_, l, _)| l == lang)
            .min_by_key(|(rank, _, _)| *rank)
            .map(|(_, _, t)| t.clone())
    }
}

pub fn labels(store: &Store, actor: NamedNodeRef<'_>) -> Result<Labels, StorageError> {
    let (registry, events) = (rdf::registry_graph(), rdf::events_graph());
    let rank = |g: &oxigraph::model::GraphName| match g {
        oxigraph::model::GraphName::NamedNode(n) if *n == registry => 0,
        oxigraph::model::GraphName::NamedNode(n) if *n == events => 1,
        _ => 2,
    };
    let mut out = Labels {
        labels: Vec::new(),
        aliases: Vec::new(),
    };
    let label = oxigraph::model::vocab::rdfs::LABEL;
    for q in store.quads_for_pattern(Some(actor.into()), Some(label), None, None) {
        let q = q?;
        if let Term::Literal(l) = &q.object {
            out.labels.push((
                rank(&q.graph_name),
                l.language().unwrap_or("").to_string(),
                l.value().to_string(),
            ));
        }
    }
    let alt = rdf::skos("altLabel");
    for q in store.quads_for_pattern(Some(actor.into()), Some(alt.as_ref()), None, None) {
        if let Term::Literal(l) = q?.object
            && !out.aliases.iter().any(|a| a == l.value())
        {
            out.aliases.push(l.value().to_string());
        }
    }
    Ok(out)
}

/// One report of an event: the sentence that states it, and its article.
#[derive(Debug, Clone, Serialize)]
pub struct ReportView {
    pub evidence: String,
    /// Its `dip:confidence`, and why it exists: whether an argument
    /// pattern found it, the model's weightiest features (PROV, as stored).
    pub confidence: Option<f64>,
    pub found_by_pattern: Option<bool>,
    pub features: Vec<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub article: Option<String>,
}

/// An event as a panel shows it.
#[derive(Debug, Clone, Serialize)]
pub struct InteractionView {
    pub event: String,
    pub date: Option<String>,
    pub relation: String,
    /// `outgoing`/`incoming` seen from the actor asked for, `mutual` for
    /// the undirected relations.
    pub direction: Direction,
    pub status: String,
    /// The event's confidence: the highest of its reports'.
    pub confidence: Option<f64>,
    pub counterpart: ActorView,
    pub outlets: Vec<String>,
    pub reports: Vec<ReportView>,
}

/// Counterparts already looked up, so a page names each once.
pub type ActorCache = HashMap<String, ActorView>;

/// `rows` with their counterparts' labels and their reports' evidence,
/// reports in publication order, outlets in the order of their reports.
pub fn details(
    store: &Store,
    rows: &[EventRow],
    actors: &mut ActorCache,
) -> Result<Vec<InteractionView>, StorageError> {
    rows.iter().map(|row| detail(store, row, actors)).collect()
}

fn detail(
    store: &Store,
    row: &EventRow,
    actors: &mut ActorCache,
) -> Result<InteractionView, StorageError> {
    let counterpart = match actors.get(&row.other) {
        Some(v) => v.clone(),
        None => {
            let v = actor_view(store, &row.other)?.unwrap_or_else(|| ActorView {
                id: row.other.clone(),
                label_en: row.other.clone(),
                label_zh: String::new(),
                kind: "unknown".into(),
            });
            actors.insert(row.other.clone(), v.clone());
            v
        }
    };
    let events = rdf::events_graph();
    let has_report = rdf::dip("hasReport");
    let mut reports = Vec::new();
    for q in store.quads_for_pattern(
        Some(row.event.as_ref().into()),
        Some(has_report.as_ref()),
        None,
        Some(GraphNameRef::NamedNode(events.as_ref())),
    ) {
        if let Term::NamedNode(rep) = q?.object
            && let Some(r) = report(store, rep.as_ref())?
        {
            reports.push((rep, r));
        }
    }
    reports.sort_by(|(a, x), (b, y)| x.published.cmp(&y.published).then(a.cmp(b)));
    let mut outlets: Vec<String> = Vec::new();
    for (_, r) in &reports {
        if let Some(o) = &r.outlet
            && !outlets.contains(o)
        {
            outlets.push(o.clone());
        }
    }
    Ok(InteractionView {
        event: row.event.as_str().to_string(),
        date: row.date.clone(),
        relation: row.relation.clone(),
        direction: row.direction,
        status: row.status.clone(),
        confidence: row.confidence,
        counterpart,
        outlets,
        reports: reports.into_iter().map(|(_, r)| r).collect(),
    })
}

/// A report's evidence and its article's link, title, outlet, publication
/// time and first file name; `None` when the report is not stored (an
/// event folded from an article since replaced).
fn report(store: &Store, rep: NamedNodeRef<'_>) -> Result<Option<ReportView>, StorageError> {
    let (evidence_p, derived) = (rdf::dip("evidence"), rdf::prov("wasDerivedFrom"));
    let (confidence_p, pattern_p, feature_p) = (
        rdf::dip("confidence"),
        rdf::dip("foundByPattern"),
        rdf::dip("weighedFeature"),
    );
    let mut evidence = None;
    let mut article = None;
    let (mut confidence, mut found_by_pattern, mut features) = (None, None, Vec::new());
    for q in store.quads_for_pattern(Some(rep.into()), None, None, None) {
        let q = q?;
        if q.predicate == evidence_p {
            evidence = text(&q.object);
        } else if q.predicate == confidence_p {
            confidence = text(&q.object).and_then(|c| c.parse().ok());
        } else if q.predicate == pattern_p {
            found_by_pattern = text(&q.object).map(|p| p == "true");
        } else if q.predicate == feature_p {
            features.extend(text(&q.object));
        } else if q.predicate == derived
            && let Term::NamedNode(a) = q.object
        {
            article = Some((a, q.graph_name));
        }
    }
    let Some(evidence) = evidence else {
        return Ok(None);
    };
    features.sort_by(|a: &String, b: &String| crate::model::feature_order(a, b));
    let mut view = ReportView {
        evidence,
        confidence,
        found_by_pattern,
        features,
        url: None,
        title: None,
        outlet: None,
        published: None,
        article: None,
    };
    if let Some((art, graph)) = article {
        let (url, headline, outlet, published, file) = (
            rdf::schema("url"),
            rdf::schema("headline"),
            rdf::dip("outlet"),
            rdf::schema("datePublished"),
            rdf::dip("fileName"),
        );
        let mut files = Vec::new();
        for q in
            store.quads_for_pattern(Some(art.as_ref().into()), None, None, Some(graph.as_ref()))
        {
            let q = q?;
            let p = q.predicate.as_ref();
            let value = text(&q.object);
            if p == url.as_ref() {
                view.url = value;
            } else if p == headline.as_ref() {
                view.title = value;
            } else if p == outlet.as_ref() {
                view.outlet = value;
            } else if p == published.as_ref() {
                view.published = value;
            } else if p == file.as_ref() {
                files.extend(value);
            }
        }
        files.sort();
        view.article = files.into_iter().next();
    }
    Ok(Some(view))
}

/// The panel's rows as CSV, one line per event: its first report's
/// evidence and link stand for the others (`reports` counts them).
pub fn csv(actor: &str, rows: &[InteractionView]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "date",
        "relation",
        "direction",
        "status",
        "actor",
        "counterpart",
        "counterpart_en",
        "counterpart_zh",
        "counterpart_type",
        "outlets",
        "reports",
        "confidence",
        "evidence",
        "url",
        "event",
    ])?;
    for i in rows {
        let first = i.reports.first();
        w.write_record([
            i.date.as_deref().unwrap_or(""),
            &i.relation,
            i.direction.as_str(),
            &i.status,
            actor,
            &i.counterpart.id,
            &i.counterpart.label_en,
            &i.counterpart.label_zh,
            &i.counterpart.kind,
            &i.outlets.join("; "),
            &i.reports.len().to_string(),
            &i.confidence.map(|c| format!("{c:.2}")).unwrap_or_default(),
            first.map(|r| r.evidence.as_str()).unwrap_or(""),
            first.and_then(|r| r.url.as_deref()).unwrap_or(""),
            &i.event,
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8(bytes).expect("CSV of UTF-8 fields"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn row(event: &str, date: Option<&str>, relation: &str, status: &str) -> EventRow {
        EventRow {
            event: NamedNode::new(format!("https://w3id.org/dipgraph/event/{event}")).unwrap(),
            date: date.map(str::to_string),
            relation: relation.into(),
            status: status.into(),
            direction: Direction::Mutual,
            other: "park_jin".into(),
            background: false,
            confidence: Some(0.9),
        }
    }

    fn ids<'a>(rows: impl IntoIterator<Item = &'a EventRow>) -> Vec<&'a str> {
        rows.into_iter()
            .map(|r| r.event.as_str().rsplit('/').next().unwrap())
            .collect()
    }

    #[test]
    fn oldest_and_newest_first_keep_undated_events_last() {
        let mut rows = vec![
            row("u", None, "meet", "occurred"),
            row("b", Some("2023-08-31"), "call", "occurred"),
            row("a", Some("2020"), "visit", "planned"),
            row("c", Some("2023-08"), "meet", "occurred"),
        ];
        sort(&mut rows, Order::Oldest);
        assert_eq!(ids(&rows), ["a", "c", "b", "u"]);
        sort(&mut rows, Order::Newest);
        assert_eq!(ids(&rows), ["b", "c", "a", "u"]);
        assert_eq!("newest".parse::<Order>(), Ok(Order::Newest));
        assert!(
            "latest"
                .parse::<Order>()
                .unwrap_err()
                .contains("oldest or newest")
        );
    }

    #[test]
    fn filters_are_the_graphs_relation_status_and_period() {
        let rows = [
            row("a", Some("2020-11-26"), "visit", "occurred"),
            row("b", Some("2023-08"), "call", "occurred"),
            row("c", None, "call", "planned"),
        ];
        let kept = |f: &GraphFilter| ids(rows.iter().filter(|r| keeps(f, r)));
        assert_eq!(kept(&GraphFilter::default()), ["a", "b", "c"]);
        let calls = GraphFilter {
            relations: vec!["call".into()],
            ..Default::default()
        };
        assert_eq!(kept(&calls), ["b", "c"]);
        let occurred = GraphFilter {
            status: Some(crate::model::Status::Occurred),
            ..Default::default()
        };
        assert_eq!(kept(&occurred), ["a", "b"]);
        // A month overlapping the period is kept; an undated event is not.
        let period = GraphFilter {
            since: NaiveDate::from_ymd_opt(2023, 8, 15),
            ..Default::default()
        };
        assert_eq!(kept(&period), ["b"]);
        // Background history is left out unless the filter includes it.
        let mut history = row("d", Some("1972-02-21"), "visit", "occurred");
        history.background = true;
        assert!(!keeps(&GraphFilter::default(), &history));
        let everything = GraphFilter {
            include_background: true,
            ..Default::default()
        };
        assert!(keeps(&everything, &history));
        // Confidence as the graph's filter has it.
        let sure = GraphFilter {
            min_confidence: 0.95,
            ..Default::default()
        };
        assert!(!keeps(&sure, &row("e", None, "call", "occurred")));
    }

    #[test]
    fn months_count_per_relation_and_leave_out_year_only_dates() {
        let rows = [
            row("a", Some("2023-08-31"), "call", "occurred"),
            row("b", Some("2023-08"), "call", "occurred"),
            row("c", Some("2023-08-02"), "meet", "occurred"),
            row("d", Some("2023"), "meet", "occurred"),
        ];
        let m = months(&rows);
        assert_eq!(m[&("2023-08".to_string(), "call".to_string())], 2);
        assert_eq!(m[&("2023-08".to_string(), "meet".to_string())], 1);
        assert_eq!(m.len(), 2);
    }
}
