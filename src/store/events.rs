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
//!
//! A visit lasts days, and its reports date it by whichever day they
//! tell of (the arrival, a meeting on the third day, the departure): Wang
//! Yi's 2020 European tour was reported on 25 and 28 August and 1
//! September for each host, and folded into three visit events per host.
//! So reports of one visit (same visitor, host and status) whose days
//! follow each other by at most [`TRIP_GAP_DAYS`] fold into one event, a
//! trip of at most [`MAX_TRIP_DAYS`], dated by its first day with
//! `end_date` its last.
//!
//! An event that ended more than [`BACKGROUND_DAYS`] before the first
//! article reporting it is **background**: history an article recalls
//! (尼克松1972年访华 in a 2020 article), not its news. It is kept and
//! marked, so that the graph and its metrics can leave it out.

use crate::model::PartialDate;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};

/// How far apart two undated reports (or an undated report and a dated
/// event before its publication) may be and still be one event.
const UNDATED_WINDOW_DAYS: i64 = 7;

/// Relations whose events last days (a trip), folded by [`TRIP_GAP_DAYS`].
const TRIP_RELATIONS: [&str; 1] = ["visit"];

/// Two reports of one visit dated this many days apart or fewer belong to
/// the same trip (chained: each within this of the trip's last day so
/// far). On the 3,000-post corpus, Wang Yi's European tour of 25 August –
/// 1 September 2020 was reported for Germany on days 3, 2 and 2 apart,
/// for Italy, the Netherlands and Norway 3 and 4 apart (a report of the
/// tour's last day names every host), and his South-East Asian tour of
/// January 2021 by its first and last day, 11 and 16 January. What a gap
/// of 5 folds that 3 does not is only those tours; 7 would also fold
/// separate reports a week apart (a Czech delegation's days in Taiwan with
/// Zeman's statement about it).
pub const TRIP_GAP_DAYS: i64 = 5;

/// No trip is longer than this, from its first day to its last, so
/// repeated visits of one visitor to one host a month apart stay apart.
pub const MAX_TRIP_DAYS: i64 = 14;

/// An event that ended more than this many days before the first article
/// reporting it is background (a year: last year's events are context,
/// the news is this year's).
pub const BACKGROUND_DAYS: i64 = 365;

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
    /// The last day of a trip reported on several days (`date` is its
    /// first); None for events of one day or of one coarser date.
    pub end_date: Option<NaiveDate>,
    /// Ended more than [`BACKGROUND_DAYS`] before its first report's
    /// article was published: history, not news.
    pub background: bool,
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
        let trip = TRIP_RELATIONS.contains(&relation.as_str());
        for (span, cluster) in cluster_by_date(&rows, trip) {
            events.push(merge(&relation, &a, &b, &status, span, &cluster));
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

/// A trip's first and last day.
type Span = (NaiveDate, NaiveDate);

/// Reports of one event, and the days their dates span.
struct Cluster<'a> {
    /// The date that seeded it.
    seed: PartialDate,
    /// The first and last day of its day-precise reports (a trip's span);
    /// the seed's first day otherwise.
    first: NaiveDate,
    last: NaiveDate,
    members: Vec<&'a ReportRow>,
}

impl Cluster<'_> {
    /// Whether a report dated `d` belongs here. In a trip, a day within
    /// [`TRIP_GAP_DAYS`] of the trip's last day (the trip staying within
    /// [`MAX_TRIP_DAYS`]), or a coarser date containing one of its days;
    /// otherwise the seed's compatibility.
    fn takes(&self, d: &PartialDate, trip: bool) -> bool {
        if !trip || !matches!(self.seed, PartialDate::Day(_)) {
            return compatible(&self.seed, d);
        }
        match d {
            PartialDate::Day(day) => {
                let start = self.first.min(*day);
                let end = self.last.max(*day);
                (end - start).num_days() < MAX_TRIP_DAYS
                    && (*day - self.last).num_days() <= TRIP_GAP_DAYS
                    && (self.first - *day).num_days() <= TRIP_GAP_DAYS
            }
            coarse => {
                coarse.compatible(&PartialDate::Day(self.first))
                    || coarse.compatible(&PartialDate::Day(self.last))
            }
        }
    }
}

/// Splits one (relation, pair, status) group into clusters of reports of
/// the same event; `trip` for relations whose events last days.
/// Each cluster comes with a trip's first and last day when its reports
/// date it on several days.
fn cluster_by_date<'a>(
    rows: &[&'a ReportRow],
    trip: bool,
) -> Vec<(Option<Span>, Vec<&'a ReportRow>)> {
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
    let mut clusters: Vec<Cluster> = Vec::new();
    for r in dated {
        let d = r.date.expect("dated");
        // Join the largest compatible cluster (ties: the earliest).
        let best = clusters
            .iter_mut()
            .filter(|c| c.takes(&d, trip))
            .max_by(|x, y| {
                x.members
                    .len()
                    .cmp(&y.members.len())
                    .then(y.seed.cmp(&x.seed))
            });
        match best {
            Some(c) => {
                if let (true, PartialDate::Day(day)) = (trip, d) {
                    c.first = c.first.min(day);
                    c.last = c.last.max(day);
                }
                c.members.push(r);
            }
            None => clusters.push(Cluster {
                seed: d,
                first: d.first_day(),
                last: d.first_day(),
                members: vec![r],
            }),
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
                .filter(|c| c.first <= p && (p - c.last).num_days() <= UNDATED_WINDOW_DAYS)
                .max_by_key(|c| c.first)
        });
        if let Some(c) = host {
            c.members.push(r);
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
        .map(|c| {
            let span = (c.last > c.first).then_some((c.first, c.last));
            (span, c.members)
        })
        .chain(undated_clusters.into_iter().map(|(_, m)| (None, m)))
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

fn merge(
    relation: &str,
    a: &str,
    b: &str,
    status: &str,
    span: Option<Span>,
    rows: &[&ReportRow],
) -> Event {
    // A trip is dated by its first day. Otherwise the most precise date
    // the reports agree on most; on a tie, the date of the most confident
    // report among the tied.
    let agreed = [0u8, 1, 2].iter().find_map(|&p| {
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
    let date = match span {
        Some((first, _)) => Some(PartialDate::Day(first)),
        None => agreed,
    };
    let end_date = span.map(|(_, last)| last);
    // History an article recalls: over before the year before it.
    let first_published = rows.iter().filter_map(|r| r.published).min();
    let background = match (
        end_date.or(date.as_ref().map(PartialDate::last_day)),
        first_published,
    ) {
        (Some(last), Some(published)) => (published - last).num_days() > BACKGROUND_DAYS,
        _ => false,
    };
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
        None => first_published
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
        end_date,
        background,
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
        // A plan of a trip is the trip's when it is dated on one of its
        // days (or contains one).
        let dated = candidates
            .iter()
            .find(|(d, _)| match (d, &e.date, e.end_date) {
                (Some(p), Some(o), None) => compatible(p, o),
                (Some(p), Some(o), Some(end)) => match p {
                    PartialDate::Day(day) => (o.first_day()..=end).contains(day),
                    coarse => coarse.compatible(o) || coarse.compatible(&PartialDate::Day(end)),
                },
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

    fn visit(report: &str, date: &str) -> ReportRow {
        let mut r = row(report, "wang_yi", "DEU", Some(date), "x");
        r.relation = "visit".into();
        r.symmetric = false;
        r.published = Some("2020-09-02".parse().unwrap());
        r
    }

    #[test]
    fn one_trip_one_event_with_its_first_and_last_day() {
        // Wang Yi's 2020 tour as the corpus dates its reports for one host.
        let days = ["2020-08-25", "2020-08-28", "2020-08-30", "2020-09-01"];
        let mut rows: Vec<ReportRow> = days
            .iter()
            .enumerate()
            .map(|(n, d)| visit(&format!("r{n}"), d))
            .collect();
        rows.push(visit("r8", "2020-08"));
        rows.push(visit("r9", "2020-09-14"));
        let events = derive_events(&rows);
        assert_eq!(events.len(), 2, "{events:?}");
        let trip = events.iter().find(|e| e.reports.len() == 5).unwrap();
        assert_eq!(trip.date, Some("2020-08-25".parse().unwrap()));
        assert_eq!(trip.end_date, "2020-09-01".parse().ok());
        let later = events.iter().find(|e| e.reports == ["r9"]).unwrap();
        assert_eq!(later.end_date, None);
        // Meetings on those days are four meetings.
        let meetings: Vec<ReportRow> = days
            .iter()
            .enumerate()
            .map(|(n, d)| row(&format!("m{n}"), "a", "b", Some(d), "x"))
            .collect();
        assert_eq!(derive_events(&meetings).len(), 4);
    }

    #[test]
    fn a_trip_is_at_most_two_weeks() {
        // A report every third day for a month: chained, but cut at 14 days.
        let first: NaiveDate = "2020-08-01".parse().unwrap();
        let rows: Vec<ReportRow> = (0..10)
            .map(|n| {
                let day = first + chrono::Duration::days(3 * n);
                visit(&format!("r{n}"), &day.to_string())
            })
            .collect();
        // Days 0–12 and 15–27: the 15th is more than 14 days after the 1st.
        let events = derive_events(&rows);
        assert_eq!(events.len(), 2, "{events:?}");
        for e in &events {
            let start = e.date.unwrap().first_day();
            let end = e.end_date.unwrap_or(start);
            assert!((end - start).num_days() < MAX_TRIP_DAYS, "{e:?}");
        }
    }

    #[test]
    fn events_over_a_year_before_their_first_article_are_background() {
        let at = |date: Option<&str>, published: &str| {
            let mut r = row("r1", "a", "b", date, "x");
            r.published = Some(published.parse().unwrap());
            derive_events(&[r]).remove(0).background
        };
        assert!(at(Some("1972-02-21"), "2020-07-24"));
        assert!(at(Some("2018"), "2020-01-01"));
        // The year before: still news an article may report late.
        assert!(!at(Some("2019-02"), "2020-01-20"));
        assert!(!at(Some("2020-11-26"), "2020-11-27"));
        assert!(!at(None, "2020-11-27"));
        // An event reported again years later is as old as its first report.
        let mut old = row("r1", "a", "b", Some("2020-11-26"), "x");
        old.published = Some("2020-11-26".parse().unwrap());
        let mut recalled = row("r2", "a", "b", Some("2020-11-26"), "y");
        recalled.published = Some("2023-01-01".parse().unwrap());
        let events = derive_events(&[old, recalled]);
        assert_eq!(events.len(), 1);
        assert!(!events[0].background);
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
