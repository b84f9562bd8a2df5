//! Spreadsheet tables read back from the store: `interactions.csv` (one
//! row per report, the same columns as `dipgraph extract`) and
//! `events.csv` (one row per event, with report and outlet counts).

use super::interactions::{EXTRA_COLUMNS, GOLD_COLUMNS};
use crate::rdf;
use crate::store::{Backend, StoreError};
use std::io::Write;

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

/// One row per stored report, gold columns first, ordered by article and
/// report number — the same file `dipgraph extract --format csv` writes.
pub fn write_reports_csv(store: &dyn Backend, out: impl Write) -> Result<usize, StoreError> {
    let mut data = rows(
        store,
        r#"SELECT ?r ?file ?s ?sText ?rel ?o ?oText ?date ?status ?evidence ?loc ?locState
                  (GROUP_CONCAT(DISTINCT ?cameo; SEPARATOR="|") AS ?cameos)
                  (GROUP_CONCAT(DISTINCT ?plover; SEPARATOR="|") AS ?plovers)
                  ?conf ?pub ?url ?outlet ?sType ?oType ?hash
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
             OPTIONAL { ?s a ?sClass VALUES ?sClass { dip:Person dip:State dip:Organization } }
             OPTIONAL { ?o a ?oClass VALUES ?oClass { dip:Person dip:State dip:Organization } }
             BIND(LCASE(REPLACE(STR(?sClass), "^.*#", "")) AS ?sType)
             BIND(LCASE(REPLACE(STR(?oClass), "^.*#", "")) AS ?oType)
           }
           GROUP BY ?r ?file ?s ?sText ?rel ?o ?oText ?date ?status ?evidence ?loc ?locState
                    ?conf ?pub ?url ?outlet ?sType ?oType ?hash"#,
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
    let mut w = csv::Writer::from_writer(out);
    let io = |e: csv::Error| StoreError::Other(format!("writing CSV: {e}"));
    w.write_record(GOLD_COLUMNS.iter().chain(&EXTRA_COLUMNS))
        .map_err(io)?;
    for r in &data {
        w.write_record([
            r[1].as_str(),
            &id(&r[2]),
            &r[3],
            &r[4],
            &id(&r[5]),
            &r[6],
            &r[7],
            &r[8],
            &r[9],
            &r[10],
            &if r[11].is_empty() {
                String::new()
            } else {
                id(&r[11])
            },
            &r[12],
            &r[13],
            // xsd:decimal comes back canonical (0.9): print as extract does.
            &r[14]
                .parse::<f64>()
                .map(|c| format!("{c:.2}"))
                .unwrap_or_default(),
            &r[15],
            &r[16],
            &r[17],
            &kind(&r[18]),
            &kind(&r[19]),
            &r[20],
        ])
        .map_err(io)?;
    }
    w.flush().map_err(|e| StoreError::Other(e.to_string()))?;
    Ok(data.len())
}

/// Columns of `events.csv`.
pub const EVENT_COLUMNS: [&str; 19] = [
    "event",
    "relation",
    "subject",
    "subject_en",
    "subject_zh",
    "object",
    "object_en",
    "object_zh",
    "date",
    "status",
    "reports",
    "outlets",
    "outlet_list",
    "location",
    "cameo",
    "plover",
    "confidence",
    "planned_as",
    "evidence",
];

/// One row per event, ordered by date (undated last), then id.
pub fn write_events_csv(store: &dyn Backend, out: impl Write) -> Result<usize, StoreError> {
    let mut data = rows(
        store,
        r#"SELECT ?e ?rel ?s ?sEn ?sZh ?o ?oEn ?oZh ?date ?status ?reports ?outlets
                  (GROUP_CONCAT(DISTINCT ?outlet; SEPARATOR="|") AS ?outletList) ?loc
                  (GROUP_CONCAT(DISTINCT ?cameo; SEPARATOR="|") AS ?cameos)
                  (GROUP_CONCAT(DISTINCT ?plover; SEPARATOR="|") AS ?plovers)
                  ?conf ?planned (MIN(?ev) AS ?evidence)
           WHERE {
             GRAPH <https://w3id.org/dipgraph/graph/events> {
               ?e a dip:Interaction ; dip:relation ?rel ; dip:subject ?s ; dip:object ?o ;
                  dip:status ?status ; dip:reportCount ?reports ; dip:outletCount ?outlets ;
                  dip:confidence ?conf .
               OPTIONAL { ?e dip:date ?date }
               OPTIONAL { ?e dip:location ?loc }
               OPTIONAL { ?e dip:cameoCode ?cameo }
               OPTIONAL { ?e dip:ploverType ?plover }
               OPTIONAL { ?e dip:plannedAs ?planned }
               ?e dip:hasReport ?r .
             }
             ?r dip:evidence ?ev ; prov:wasDerivedFrom ?a .
             OPTIONAL { ?a dip:outlet ?outlet }
             OPTIONAL { ?s rdfs:label ?sEn FILTER(LANG(?sEn) = "en") }
             OPTIONAL { ?s rdfs:label ?sZh FILTER(LANG(?sZh) = "zh") }
             OPTIONAL { ?o rdfs:label ?oEn FILTER(LANG(?oEn) = "en") }
             OPTIONAL { ?o rdfs:label ?oZh FILTER(LANG(?oZh) = "zh") }
           }
           GROUP BY ?e ?rel ?s ?sEn ?sZh ?o ?oEn ?oZh ?date ?status ?reports ?outlets ?loc ?conf ?planned"#,
    )?;
    // Actors met in several articles carry one label per article graph:
    // keep one row per event.
    data.sort_by(|a, b| {
        let key = |r: &Vec<String>| (r[8].is_empty(), r[8].clone(), r[0].clone());
        key(a).cmp(&key(b))
    });
    data.dedup_by(|a, b| a[0] == b[0]);
    let mut w = csv::Writer::from_writer(out);
    let io = |e: csv::Error| StoreError::Other(format!("writing CSV: {e}"));
    w.write_record(EVENT_COLUMNS).map_err(io)?;
    for r in &data {
        let short = |iri: &str| rdf::abbreviate(iri).trim_start_matches("ev:").to_string();
        w.write_record([
            short(&r[0]).as_str(),
            &r[1],
            &id(&r[2]),
            &r[3],
            &r[4],
            &id(&r[5]),
            &r[6],
            &r[7],
            &r[8],
            &r[9],
            &r[10],
            &r[11],
            &r[12],
            &r[13],
            &r[14],
            &r[15],
            &r[16],
            &if r[17].is_empty() {
                String::new()
            } else {
                short(&r[17])
            },
            &r[18],
        ])
        .map_err(io)?;
    }
    w.flush().map_err(|e| StoreError::Other(e.to_string()))?;
    Ok(data.len())
}
