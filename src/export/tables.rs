//! Spreadsheet tables read back from the store: `interactions.csv` (one
//! row per report: the columns of `dipgraph extract`, then what only the
//! store knows — the event the report is folded into, English labels and
//! the actors' states) and `events.csv` (one row per event, with report
//! and outlet counts, the actors' states and a source URL, as event data
//! sets such as GDELT give them).
//!
//! Dates stay as precise as their source (`2020`, `2020-11`,
//! `2020-11-26`) in `date`; `date_start` (the first day) and
//! `date_precision` (`day`, `month`, `year`) beside it let a spreadsheet
//! sort and filter them without guessing.

use super::interactions::{EXTRA_COLUMNS, FEATURE_SEPARATOR, GOLD_COLUMNS};
use super::table::{Cell, Table};
use crate::graph::from_store::actor_nodes;
use crate::rdf;
use crate::store::{Backend, StoreError};
use std::collections::HashMap;
use std::io::Write;

/// Why a table could not be written: the store's error, or the output's.
#[derive(Debug, thiserror::Error)]
pub enum TableWriteError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("writing CSV: {0}")]
    Write(#[source] std::io::Error),
}

fn rows(store: &dyn Backend, q: &str) -> Result<Vec<Vec<String>>, StoreError> {
    Ok(store
        .select(q)?
        .into_iter()
        .map(|r| r.into_iter().map(Option::unwrap_or_default).collect())
        .collect())
}

fn id(iri: &str) -> String {
    rdf::actor_id(iri).unwrap_or_else(|| iri.to_string())
}

/// An actor's id, or nothing for an empty cell.
fn id_or_empty(iri: &str) -> String {
    if iri.is_empty() {
        String::new()
    } else {
        id(iri)
    }
}

/// An event's id as the tables write it (`0819645a70eca5ec`).
fn event_id(iri: &str) -> String {
    rdf::abbreviate(iri).trim_start_matches("ev:").to_string()
}

/// What the tables say of each actor beside its id.
struct ActorInfo {
    en: String,
    /// The state it is or speaks for: a state's own code, the state a
    /// person represents (several joined by `|`), empty for organisations
    /// and people representing none.
    state: String,
}

fn actor_info(store: &dyn Backend) -> Result<HashMap<String, ActorInfo>, StoreError> {
    let mut represents: HashMap<String, Vec<String>> = HashMap::new();
    for r in rows(
        store,
        "SELECT DISTINCT ?a ?state WHERE { ?a dip:represents ?state }",
    )? {
        represents.entry(id(&r[0])).or_default().push(id(&r[1]));
    }
    Ok(actor_nodes(store)?
        .into_iter()
        .map(|(actor, node)| {
            let state = if node.kind == "state" {
                actor.clone()
            } else {
                let mut states = represents.remove(&actor).unwrap_or_default();
                states.sort();
                states.dedup();
                states.join("|")
            };
            let info = ActorInfo {
                en: node.label_en,
                state,
            };
            (actor, info)
        })
        .collect())
}

/// `date_start` and `date_precision` of a stored date (both empty when
/// undated).
fn date_columns(date: &str) -> [String; 2] {
    match crate::query::date_arg::start_and_precision(date) {
        Some((start, precision)) => [start.to_string(), precision.to_string()],
        None => [String::new(), String::new()],
    }
}

/// Columns `interactions.csv` has beyond `dipgraph extract`'s: only the
/// store knows the event a report is folded into and the actors'
/// descriptions.
pub const STORE_COLUMNS: [&str; 5] = [
    "event",
    "subject_en",
    "object_en",
    "subject_state",
    "object_state",
];

/// One row per stored report, ordered by article and report number:
/// the columns `dipgraph extract --format csv` writes (gold columns
/// first), then [`STORE_COLUMNS`].
pub fn reports_table(store: &dyn Backend) -> Result<Table, StoreError> {
    let mut data = rows(
        store,
        r#"SELECT ?r ?file ?s ?sText ?rel ?o ?oText ?date ?status ?evidence ?loc ?locState
                  (GROUP_CONCAT(DISTINCT ?cameo; SEPARATOR="|") AS ?cameos)
                  (GROUP_CONCAT(DISTINCT ?plover; SEPARATOR="|") AS ?plovers)
                  ?conf ?pub ?url ?outlet ?sType ?oType ?hash ?pattern ?model
                  (GROUP_CONCAT(DISTINCT ?feature; SEPARATOR="\n") AS ?features)
           WHERE {
             ?r a dip:Report ; prov:wasDerivedFrom ?a ; dip:subject ?s ; dip:subjectText ?sText ;
                dip:relation ?rel ; dip:object ?o ; dip:objectText ?oText ; dip:status ?status ;
                dip:evidence ?evidence ; dip:confidence ?conf .
             ?a dip:contentHash ?hash .
             # An article read from several files (the same bytes) is
             # listed once, under the first file name.
             { SELECT ?a (MIN(?f) AS ?file) WHERE { ?a dip:fileName ?f } GROUP BY ?a }
             OPTIONAL { ?r dip:date ?date }
             OPTIONAL { ?r dip:location ?loc }
             OPTIONAL { ?r dip:locationState ?locState }
             OPTIONAL { ?r dip:cameoCode ?cameo }
             OPTIONAL { ?r dip:ploverType ?plover }
             OPTIONAL { ?a schema:datePublished ?pub }
             OPTIONAL { ?a schema:url ?url }
             OPTIONAL { ?a dip:outlet ?outlet }
             # Provenance (none in stores written before it was kept).
             OPTIONAL { ?r dip:foundByPattern ?pattern }
             OPTIONAL { ?r prov:wasAttributedTo/dip:modelId ?model }
             OPTIONAL { ?r dip:weighedFeature ?feature }
             OPTIONAL { ?s a ?sClass VALUES ?sClass { dip:Person dip:State dip:Organization } }
             OPTIONAL { ?o a ?oClass VALUES ?oClass { dip:Person dip:State dip:Organization } }
             BIND(LCASE(REPLACE(STR(?sClass), "^.*#", "")) AS ?sType)
             BIND(LCASE(REPLACE(STR(?oClass), "^.*#", "")) AS ?oType)
           }
           GROUP BY ?r ?file ?s ?sText ?rel ?o ?oText ?date ?status ?evidence ?loc ?locState
                    ?conf ?pub ?url ?outlet ?sType ?oType ?hash ?pattern ?model"#,
    )?;
    let report_number = |iri: &str| -> usize {
        iri.rsplit('/')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    data.sort_by(|a, b| {
        a[1].cmp(&b[1])
            .then(report_number(&a[0]).cmp(&report_number(&b[0])))
    });
    let kind = |t: &str| {
        if t == "organization" {
            "org".to_string()
        } else {
            t.to_string()
        }
    };
    let event_of: HashMap<String, String> = rows(
        store,
        "SELECT ?r ?e WHERE { GRAPH <https://w3id.org/dipgraph/graph/events> { ?e dip:hasReport ?r } }",
    )?
    .into_iter()
    .map(|r| (r[0].clone(), event_id(&r[1])))
    .collect();
    let actors = actor_info(store)?;
    let en = |a: &str| actors.get(a).map(|i| i.en.clone()).unwrap_or_default();
    let state = |a: &str| actors.get(a).map(|i| i.state.clone()).unwrap_or_default();
    let header: Vec<&str> = GOLD_COLUMNS
        .iter()
        .chain(&EXTRA_COLUMNS)
        .chain(&STORE_COLUMNS)
        .copied()
        .collect();
    let mut t = Table::new("interactions", &header)
        .typed(Cell::Number, &["confidence"])
        .typed(Cell::Date, &["date_start"]);
    for r in &data {
        // The query's variables, in its order.
        let [
            report,
            file,
            subject,
            subject_zh,
            relation,
            object,
            object_zh,
            date,
            status,
            evidence,
            location,
            location_state,
            cameo,
            plover,
            confidence,
            published,
            url,
            outlet,
            subject_type,
            object_type,
            hash,
            pattern,
            model,
            features,
        ] = &r[..]
        else {
            unreachable!("the query selects 24 variables: {r:?}")
        };
        // GROUP_CONCAT's order is the store's: put the weightiest first,
        // as extraction writes them.
        let mut features: Vec<&str> = features.split('\n').filter(|f| !f.is_empty()).collect();
        features.sort_by(|a, b| crate::model::feature_order(a, b));
        let (s, o) = (id(subject), id(object));
        let [date_start, date_precision] = date_columns(date);
        t.push_row(vec![
            ("article", file.clone()),
            ("subject", s.clone()),
            ("subject_zh", subject_zh.clone()),
            ("relation", relation.clone()),
            ("object", o.clone()),
            ("object_zh", object_zh.clone()),
            ("date", date.clone()),
            ("status", status.clone()),
            ("evidence", evidence.clone()),
            ("location", location.clone()),
            ("location_state", id_or_empty(location_state)),
            ("cameo", cameo.clone()),
            ("plover", plover.clone()),
            // xsd:decimal comes back canonical (0.9): print as extract does.
            (
                "confidence",
                confidence
                    .parse::<f64>()
                    .map(|c| format!("{c:.2}"))
                    .unwrap_or_default(),
            ),
            ("published", published.clone()),
            ("url", url.clone()),
            ("outlet", outlet.clone()),
            ("subject_type", kind(subject_type)),
            ("object_type", kind(object_type)),
            ("article_id", hash.clone()),
            ("date_start", date_start),
            ("date_precision", date_precision),
            ("found_by_pattern", pattern.clone()),
            ("model", model.clone()),
            ("features", features.join(FEATURE_SEPARATOR)),
            ("event", event_of.get(report).cloned().unwrap_or_default()),
            ("subject_en", en(&s)),
            ("object_en", en(&o)),
            ("subject_state", state(&s)),
            ("object_state", state(&o)),
        ]);
    }
    Ok(t)
}

/// [`reports_table`] as CSV; returns the number of rows.
pub fn write_reports_csv(store: &dyn Backend, out: impl Write) -> Result<usize, TableWriteError> {
    let t = reports_table(store)?;
    t.write_csv(out).map_err(TableWriteError::Write)?;
    Ok(t.rows.len())
}

/// Columns of `events.csv`.
pub const EVENT_COLUMNS: [&str; 27] = [
    "event",
    "relation",
    "subject",
    "subject_en",
    "subject_zh",
    "subject_state",
    "object",
    "object_en",
    "object_zh",
    "object_state",
    "date",
    "date_start",
    "date_precision",
    "date_end",
    "status",
    "background",
    "reports",
    "outlets",
    "outlet_list",
    "location",
    "location_state",
    "cameo",
    "plover",
    "confidence",
    "planned_as",
    "source_url",
    "evidence",
];

/// One row per event, ordered by date (undated last), then id.
/// `date_end` is the last day of a trip reported on several days (`date`
/// its first); `background` is `true` for history an article recalls (over
/// more than a year before its first report), which the actor graph leaves
/// out by default but this table lists.
/// `source_url` is the URL of the article that reported it first (the
/// smallest URL among articles published together); `evidence` is the
/// first of its reports' sentences in text order.
pub fn events_table(store: &dyn Backend) -> Result<Table, StoreError> {
    let mut data = rows(
        store,
        r#"SELECT ?e ?rel ?s ?sEn ?sZh ?o ?oEn ?oZh ?date ?status ?reports ?outlets
                  (GROUP_CONCAT(DISTINCT ?outlet; SEPARATOR="|") AS ?outletList) ?loc ?locState
                  (GROUP_CONCAT(DISTINCT ?cameo; SEPARATOR="|") AS ?cameos)
                  (GROUP_CONCAT(DISTINCT ?plover; SEPARATOR="|") AS ?plovers)
                  ?conf ?planned (MIN(?ev) AS ?evidence) ?end ?background
           WHERE {
             GRAPH <https://w3id.org/dipgraph/graph/events> {
               ?e a dip:Interaction ; dip:relation ?rel ; dip:subject ?s ; dip:object ?o ;
                  dip:status ?status ; dip:reportCount ?reports ; dip:outletCount ?outlets ;
                  dip:confidence ?conf .
               OPTIONAL { ?e dip:date ?date }
               OPTIONAL { ?e dip:location ?loc }
               OPTIONAL { ?e dip:locationState ?locState }
               OPTIONAL { ?e dip:cameoCode ?cameo }
               OPTIONAL { ?e dip:ploverType ?plover }
               OPTIONAL { ?e dip:plannedAs ?planned }
               OPTIONAL { ?e dip:endDate ?end }
               OPTIONAL { ?e dip:background ?background }
               ?e dip:hasReport ?r .
             }
             ?r dip:evidence ?ev ; prov:wasDerivedFrom ?a .
             OPTIONAL { ?a dip:outlet ?outlet }
             OPTIONAL { ?s rdfs:label ?sEn FILTER(LANG(?sEn) = "en") }
             OPTIONAL { ?s rdfs:label ?sZh FILTER(LANG(?sZh) = "zh") }
             OPTIONAL { ?o rdfs:label ?oEn FILTER(LANG(?oEn) = "en") }
             OPTIONAL { ?o rdfs:label ?oZh FILTER(LANG(?oZh) = "zh") }
           }
           GROUP BY ?e ?rel ?s ?sEn ?sZh ?o ?oEn ?oZh ?date ?status ?reports ?outlets ?loc ?locState ?conf ?planned ?end ?background"#,
    )?;
    // Actors met in several articles carry one label per article graph:
    // keep one row per event.
    data.sort_by(|a, b| {
        let key = |r: &Vec<String>| (r[8].is_empty(), r[8].clone(), r[0].clone());
        key(a).cmp(&key(b))
    });
    data.dedup_by(|a, b| a[0] == b[0]);
    // The earliest report's article URL, per event.
    let mut source: HashMap<String, (String, String)> = HashMap::new();
    for r in rows(
        store,
        "SELECT ?e ?url ?pub WHERE {
           GRAPH <https://w3id.org/dipgraph/graph/events> { ?e dip:hasReport ?r }
           ?r prov:wasDerivedFrom ?a . ?a schema:url ?url .
           OPTIONAL { ?a schema:datePublished ?pub } }",
    )? {
        // Undated articles sort last ("~" after every digit).
        let key = (
            if r[2].is_empty() {
                "~".to_string()
            } else {
                r[2].clone()
            },
            r[1].clone(),
        );
        let best = source.entry(r[0].clone()).or_insert_with(|| key.clone());
        if key < *best {
            *best = key;
        }
    }
    let actors = actor_info(store)?;
    let state = |a: &str| actors.get(a).map(|i| i.state.clone()).unwrap_or_default();
    let mut t = Table::new("events", &EVENT_COLUMNS)
        .typed(Cell::Number, &["reports", "outlets", "confidence"])
        .typed(Cell::Date, &["date_start", "date_end"]);
    for r in &data {
        // The events query's variables, in its order.
        let [
            event,
            relation,
            subject,
            subject_en,
            subject_zh,
            object,
            object_en,
            object_zh,
            date,
            status,
            reports,
            outlets,
            outlet_list,
            location,
            location_state,
            cameo,
            plover,
            confidence,
            planned_as,
            evidence,
            date_end,
            background,
        ] = &r[..]
        else {
            unreachable!("the query selects 22 variables: {r:?}")
        };
        let (s, o) = (id(subject), id(object));
        let [date_start, date_precision] = date_columns(date);
        t.push_row(vec![
            ("event", event_id(event)),
            ("relation", relation.clone()),
            ("subject", s.clone()),
            ("subject_en", subject_en.clone()),
            ("subject_zh", subject_zh.clone()),
            ("subject_state", state(&s)),
            ("object", o.clone()),
            ("object_en", object_en.clone()),
            ("object_zh", object_zh.clone()),
            ("object_state", state(&o)),
            ("date", date.clone()),
            ("date_start", date_start),
            ("date_precision", date_precision),
            ("date_end", date_end.clone()),
            ("status", status.clone()),
            ("background", background.clone()),
            ("reports", reports.clone()),
            ("outlets", outlets.clone()),
            ("outlet_list", outlet_list.clone()),
            ("location", location.clone()),
            ("location_state", id_or_empty(location_state)),
            ("cameo", cameo.clone()),
            ("plover", plover.clone()),
            ("confidence", confidence.clone()),
            (
                "planned_as",
                if planned_as.is_empty() {
                    String::new()
                } else {
                    event_id(planned_as)
                },
            ),
            (
                "source_url",
                source
                    .get(event)
                    .map(|(_, url)| url.clone())
                    .unwrap_or_default(),
            ),
            ("evidence", evidence.clone()),
        ]);
    }
    Ok(t)
}

/// [`events_table`] as CSV; returns the number of rows.
pub fn write_events_csv(store: &dyn Backend, out: impl Write) -> Result<usize, TableWriteError> {
    let t = events_table(store)?;
    t.write_csv(out).map_err(TableWriteError::Write)?;
    Ok(t.rows.len())
}
