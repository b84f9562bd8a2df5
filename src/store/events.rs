//! Reports → events. Several articles (or outlets) report one real-world
//! interaction; the graph counts events, so reports of the same relation
//! between the same pair with the same status and compatible dates are
//! folded into one event. Planned and occurred versions stay separate
//! events and are linked.
//!
//! Dates are compatible when equal, when one contains the other (`2020-11`
//! contains `2020-11-26`), or when two days are one day apart: outlets in
//! different time zones date the same talks a day apart. A report without
//! a date joins the event of its group dated closest before its article's
//! publication (within a week); otherwise undated reports published within
//! a week of each other form one undated event.

use crate::model::PartialDate;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};

/// How far apart two undated reports (or an undated report and a dated
/// event before its publication) may be and still be one event.
const UNDATED_WINDOW_DAYS: i64 = 7;

/// One report as read back from the store.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRow {
    pub report: String,
    pub relation: String,
    pub subject: String,
    pub object: String,
    pub symmetric: bool,
    pub date: Option<PartialDate>,
    pub status: String,
    pub confidence: f64,
    pub location: Option<String>,
    pub location_state: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
}

/// One event: the reports it folds and the values merged from them.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub key: String,
    pub relation: String,
    pub subject: String,
    pub object: String,
    pub date: Option<PartialDate>,
    pub status: String,
    pub confidence: f64,
    pub location: Option<String>,
    pub location_state: Option<String>,
    pub reports: Vec<String>,
    /// The distinct outlets of the reports' articles, sorted.
    pub outlets: Vec<String>,
    /// For an occurred event: the planned event it realises, if any.
    pub planned_as: Option<String>,
}

/// Folds reports into events, deterministically (same reports, same
/// events and keys, whatever the input order).
pub fn derive_events(reports: &[ReportRow]) -> Vec<Event> {
    let mut groups: BTreeMap<(String, String, String, String), Vec<&ReportRow>> = BTreeMap::new();
    for r in reports {
        let (a, b) = if r.symmetric && r.object < r.subject {
            (r.object.clone(), r.subject.clone())
        } else {
            (r.subject.clone(), r.object.clone())
        };
        groups
            .entry((r.relation.clone(), a, b, r.status.clone()))
            .or_default()
            .push(r);
    }
    let mut events = Vec::new();
    for ((relation, a, b, status), mut rows) in groups {
        rows.sort_by(|x, y| x.report.cmp(&y.report));
        for cluster in cluster_by_date(&rows) {
            events.push(merge(&relation, &a, &b, &status, &cluster));
        }
    }
    link_planned(&mut events);
    events.sort_by(|x, y| x.key.cmp(&y.key));
    events
}

fn day_gap(a: NaiveDate, b: NaiveDate) -> i64 {
    (a - b).num_days().abs()
}

fn compatible(a: &PartialDate, b: &PartialDate) -> bool {
    match (a, b) {
        (PartialDate::Day(x), PartialDate::Day(y)) => day_gap(*x, *y) <= 1,
        _ => a.compatible(b),
    }
}

/// Splits one (relation, pair, status) group into clusters of reports of
/// the same event.
fn cluster_by_date<'a>(rows: &[&'a ReportRow]) -> Vec<Vec<&'a ReportRow>> {
    // Most precise first, so days seed clusters that months then join.
    let mut dated: Vec<&ReportRow> = rows.iter().copied().filter(|r| r.date.is_some()).collect();
    dated.sort_by_key(|r| {
        let d = r.date.expect("dated");
        let precision = match d {
            PartialDate::Day(_) => 0,
            PartialDate::Month(..) => 1,
            PartialDate::Year(_) => 2,
        };
        (precision, d.first_day(), r.report.clone())
    });
    let mut clusters: Vec<(PartialDate, Vec<&ReportRow>)> = Vec::new();
    for r in dated {
        let d = r.date.expect("dated");
        // Join the largest compatible cluster (ties: the earliest).
        let best = clusters
            .iter_mut()
            .filter(|(cd, _)| compatible(cd, &d))
            .max_by(|x, y| x.1.len().cmp(&y.1.len()).then(y.0.cmp(&x.0)));
        match best {
            Some((_, members)) => members.push(r),
            None => clusters.push((d, vec![r])),
        }
    }
    let mut undated: Vec<&ReportRow> = rows.iter().copied().filter(|r| r.date.is_none()).collect();
    undated.sort_by_key(|r| (r.published, r.report.clone()));
    let mut undated_clusters: Vec<(Option<NaiveDate>, Vec<&ReportRow>)> = Vec::new();
    for r in undated {
        // The dated event closest before (or on) the publication day.
        let host = r.published.and_then(|p| {
            clusters
                .iter_mut()
                .filter(|(d, _)| {
                    let first = d.first_day();
                    first <= p && (p - first).num_days() <= UNDATED_WINDOW_DAYS
                })
                .max_by_key(|(d, _)| d.first_day())
        });
        if let Some((_, members)) = host {
            members.push(r);
            continue;
        }
        let joined = undated_clusters
            .iter_mut()
            .find(|(start, _)| match (start, r.published) {
                (Some(s), Some(p)) => (p - *s).num_days() <= UNDATED_WINDOW_DAYS,
                (None, None) => true,
                _ => false,
            });
        match joined {
            Some((_, members)) => members.push(r),
            None => undated_clusters.push((r.published, vec![r])),
        }
    }
    clusters
        .into_iter()
        .map(|(_, m)| m)
        .chain(undated_clusters.into_iter().map(|(_, m)| m))
        .collect()
}

/// The most frequent value; ties go to the smallest, for determinism.
fn most_common<T: Ord + Clone>(values: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: BTreeMap<T, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    let max = *counts.values().max()?;
    counts.into_iter().find(|(_, c)| *c == max).map(|(v, _)| v)
}

fn merge(relation: &str, a: &str, b: &str, status: &str, rows: &[&ReportRow]) -> Event {
    // The most precise date the reports agree on most; on a tie, the date
    // of the most confident report among the tied.
    let date = [0u8, 1, 2].iter().find_map(|&p| {
        let at_precision = |d: &PartialDate| {
            matches!(
                (p, d),
                (0, PartialDate::Day(_)) | (1, PartialDate::Month(..)) | (2, PartialDate::Year(_))
            )
        };
        let mut counts: BTreeMap<PartialDate, (usize, f64)> = BTreeMap::new();
        for r in rows {
            if let Some(d) = r.date.filter(at_precision) {
                let e = counts.entry(d).or_default();
                e.0 += 1;
                e.1 = e.1.max(r.confidence);
            }
        }
        counts
            .into_iter()
            .max_by(|a, b| {
                (a.1.0)
                    .cmp(&b.1.0)
                    .then(a.1.1.total_cmp(&b.1.1))
                    .then(b.0.cmp(&a.0))
            })
            .map(|(d, _)| d)
    });
    // Orientation as the most confident report wrote it (for symmetric
    // relations the pair was only sorted to group them).
    let lead = rows
        .iter()
        .max_by(|x, y| {
            x.confidence
                .total_cmp(&y.confidence)
                .then(y.report.cmp(&x.report))
        })
        .expect("a cluster has reports");
    let (subject, object) = if lead.subject == a || lead.object == b {
        (lead.subject.clone(), lead.object.clone())
    } else {
        (a.to_string(), b.to_string())
    };
    let anchor = match date {
        Some(d) => d.to_string(),
        None => rows
            .iter()
            .filter_map(|r| r.published)
            .min()
            .map(|p| format!("published {p}"))
            .unwrap_or_else(|| "undated".into()),
    };
    let mut h = Sha256::new();
    for part in [relation, a, b, status, &anchor] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    let key = hex::encode(&h.finalize()[..8]);
    let mut reports: Vec<String> = rows.iter().map(|r| r.report.clone()).collect();
    reports.sort();
    let mut outlets: Vec<String> = rows.iter().filter_map(|r| r.outlet.clone()).collect();
    outlets.sort_unstable();
    outlets.dedup();
    Event {
        key,
        relation: relation.to_string(),
        subject,
        object,
        date,
        status: status.to_string(),
        confidence: rows.iter().map(|r| r.confidence).fold(0.0, f64::max),
        location: most_common(rows.iter().filter_map(|r| r.location.clone())),
        location_state: most_common(rows.iter().filter_map(|r| r.location_state.clone())),
        reports,
        outlets,
        planned_as: None,
    }
}

/// Links each occurred event to the planned event of the same relation and
/// pair with a compatible date (or, for an undated plan, the latest plan).
fn link_planned(events: &mut [Event]) {
    let pair = |e: &Event| {
        let (a, b) = if e.subject <= e.object {
            (&e.subject, &e.object)
        } else {
            (&e.object, &e.subject)
        };
        (e.relation.clone(), a.clone(), b.clone())
    };
    type Pair = (String, String, String);
    let mut plans: HashMap<Pair, Vec<(Option<PartialDate>, String)>> = HashMap::new();
    for e in events.iter().filter(|e| e.status == "planned") {
        plans
            .entry(pair(e))
            .or_default()
            .push((e.date, e.key.clone()));
    }
    for e in events.iter_mut().filter(|e| e.status == "occurred") {
        let Some(candidates) = plans.get(&pair(e)) else {
            continue;
        };
        let dated = candidates.iter().find(|(d, _)| match (d, &e.date) {
            (Some(p), Some(o)) => compatible(p, o),
            _ => false,
        });
        let chosen = dated.or_else(|| candidates.iter().find(|(d, _)| d.is_none()));
        e.planned_as = chosen.map(|(_, k)| k.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(report: &str, s: &str, o: &str, date: Option<&str>, outlet: &str) -> ReportRow {
        ReportRow {
            report: report.into(),
            relation: "meet".into(),
            subject: s.into(),
            object: o.into(),
            symmetric: true,
            date: date.map(|d| d.parse().unwrap()),
            status: "occurred".into(),
            confidence: 0.9,
            location: None,
            location_state: None,
            outlet: Some(outlet.into()),
            published: Some("2020-11-27".parse().unwrap()),
        }
    }

    #[test]
    fn two_outlets_one_event() {
        let events = derive_events(&[
            row(
                "r1",
                "kang_kyung_wha",
                "wang_yi",
                Some("2020-11-26"),
                "联合早报",
            ),
            row(
                "r2",
                "wang_yi",
                "kang_kyung_wha",
                Some("2020-11-26"),
                "德国之声",
            ),
        ]);
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].reports, ["r1", "r2"]);
        assert_eq!(events[0].outlets, ["德国之声", "联合早报"]);
    }

    #[test]
    fn day_apart_and_month_precision_fold_but_far_dates_do_not() {
        let events = derive_events(&[
            row("r1", "a", "b", Some("2020-11-26"), "x"),
            row("r2", "a", "b", Some("2020-11-25"), "y"),
            row("r3", "a", "b", Some("2020-11"), "z"),
            row("r4", "a", "b", Some("2020-11-10"), "x"),
        ]);
        assert_eq!(events.len(), 2, "{events:?}");
        let big = events.iter().find(|e| e.reports.len() == 3).unwrap();
        assert_eq!(big.date.unwrap().to_string(), "2020-11-25");
    }

    #[test]
    fn undated_report_joins_the_event_before_its_publication() {
        let events = derive_events(&[
            row("r1", "a", "b", Some("2020-11-26"), "x"),
            row("r2", "a", "b", None, "y"),
        ]);
        assert_eq!(events.len(), 1, "{events:?}");
        let mut lone = row("r3", "a", "b", None, "y");
        lone.published = Some("2021-03-01".parse().unwrap());
        let events = derive_events(&[row("r1", "a", "b", Some("2020-11-26"), "x"), lone]);
        assert_eq!(events.len(), 2, "{events:?}");
    }

    #[test]
    fn planned_and_occurred_are_linked_not_merged() {
        let mut plan = row("r1", "a", "b", Some("2020-11-26"), "x");
        plan.status = "planned".into();
        let done = row("r2", "a", "b", Some("2020-11-26"), "y");
        let events = derive_events(&[plan, done]);
        assert_eq!(events.len(), 2);
        let planned = events.iter().find(|e| e.status == "planned").unwrap();
        let occurred = events.iter().find(|e| e.status == "occurred").unwrap();
        assert_eq!(occurred.planned_as.as_deref(), Some(planned.key.as_str()));
    }

    #[test]
    fn direction_matters_for_directed_relations() {
        let mut r1 = row("r1", "a", "b", Some("2020-11-26"), "x");
        let mut r2 = row("r2", "b", "a", Some("2020-11-26"), "y");
        for r in [&mut r1, &mut r2] {
            r.relation = "criticize".into();
            r.symmetric = false;
        }
        assert_eq!(derive_events(&[r1, r2]).len(), 2);
    }

    #[test]
    fn keys_do_not_depend_on_input_order() {
        let rows = vec![
            row("r1", "a", "b", Some("2020-11-26"), "x"),
            row("r2", "a", "c", None, "y"),
            row("r3", "b", "a", Some("2020-11"), "z"),
        ];
        let mut reversed = rows.clone();
        reversed.reverse();
        assert_eq!(derive_events(&rows), derive_events(&reversed));
    }
}
