//! Writing the graph out: interaction tables (CSV, JSON lines) for
//! programs and scoring, and — from the store — events, Gephi's node and
//! edge lists, one Excel workbook of all tables for spreadsheets, Graphviz
//! drawings, GraphML and RDF dumps.

pub mod centrality;
pub mod dot;
pub mod gephi;
pub mod graphml;
pub mod interactions;
pub mod render;
pub mod style;
pub mod table;
pub mod tables;
pub mod xlsx;

pub use interactions::{
    EXTRA_COLUMNS, GOLD_COLUMNS, write_interactions_csv, write_interactions_jsonl,
};

use crate::graph::from_store::GraphFilter;
use crate::graph::metrics::Scores;
use crate::graph::model::{ActorGraph, Node};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Which name shows an actor in drawings, GraphML's `label` and the Gephi
/// nodes table's `Label`. Both names are always kept in their own columns
/// (`label_en`, `label_zh`); this only picks the one a tool displays.
/// English is the default: readable to most users, and Graphviz needs no
/// CJK font for it; Chinese is as the articles write it. On the command
/// line `--labels en|zh|both`, each variant's line below its help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Labels {
    /// Wang Yi
    #[default]
    En,
    /// 王毅
    Zh,
    /// Wang Yi 王毅 (two lines in drawings)
    Both,
}

impl Labels {
    /// The name of `node`, the names joined by `sep` for [`Labels::Both`].
    /// A missing English name falls back to the id, a missing Chinese one
    /// to the English, so no actor is ever shown blank.
    pub fn of(self, node: &Node, sep: &str) -> String {
        let en = if node.label_en.trim().is_empty() {
            node.id.as_str()
        } else {
            node.label_en.as_str()
        };
        let zh = node.label_zh.trim();
        match self {
            Labels::En => en.to_string(),
            Labels::Zh if zh.is_empty() => en.to_string(),
            Labels::Zh => zh.to_string(),
            Labels::Both if zh.is_empty() || zh == en => en.to_string(),
            Labels::Both => format!("{en}{sep}{zh}"),
        }
    }
}

/// Every metric as (name, id → value), the shape GraphML, Gephi's nodes
/// table and the drawings take; an actor without a value (the metric was
/// not computed) is left out of its column.
pub fn metric_columns(scores: &[Scores]) -> Vec<(String, HashMap<String, f64>)> {
    centrality::Metric::ALL
        .iter()
        .map(|m| {
            (
                m.name().to_string(),
                scores
                    .iter()
                    .filter_map(|s| Some((s.id.clone(), m.value(s)?)))
                    .collect(),
            )
        })
        .collect()
}

/// The title of a drawing: `dipgraph — {period} · {filters} · {size}`.
///
/// The period is what the user asked for when `--since`/`--until` were
/// given (the filters name it); else the window in which the articles
/// were published (`articles 2020-11-26 – 2024-02-06`), which is what the
/// archive covers — the span of the events' own dates would reach back to
/// whatever history an article recalls (`1921 – 2022`). Only a graph
/// without articles (an edge list) is titled by its edges' dates.
pub fn default_title(
    g: &ActorGraph,
    filter: &GraphFilter,
    publication: Option<(NaiveDate, NaiveDate)>,
    top: Option<usize>,
) -> String {
    let span = |first: String, last: String| {
        if first == last {
            first
        } else {
            format!("{first} – {last}")
        }
    };
    let period = if filter.since.is_some() || filter.until.is_some() {
        None
    } else if let Some((first, last)) = publication {
        Some(format!(
            "articles {}",
            span(first.to_string(), last.to_string())
        ))
    } else {
        let dates = g
            .graph
            .edge_weights()
            .flat_map(|e| [e.first_date.as_deref(), e.last_date.as_deref()])
            .flatten();
        let (mut first, mut last): (Option<&str>, Option<&str>) = (None, None);
        for d in dates {
            first = Some(first.map_or(d, |f| f.min(d)));
            last = Some(last.map_or(d, |l| l.max(d)));
        }
        Some(match (first, last) {
            (Some(f), Some(l)) => span(f.to_string(), l.to_string()),
            _ => "undated".to_string(),
        })
    };
    let size = match top {
        Some(n) if n < g.node_count() => format!("top {n} of {} actors", g.node_count()),
        _ => format!("{} actors, {} edges", g.node_count(), g.edge_count()),
    };
    let mut parts = vec!["dipgraph —".to_string()];
    if let Some(p) = period {
        parts.push(format!("{p} ·"));
    }
    parts.push(format!("{} · {size}", filter.describe()));
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_fall_back_and_join() {
        let node = |en: &str, zh: &str| Node {
            id: "wang_yi".into(),
            label_en: en.into(),
            label_zh: zh.into(),
            kind: "person".into(),
        };
        let w = node("Wang Yi", "王毅");
        assert_eq!(Labels::En.of(&w, " "), "Wang Yi");
        assert_eq!(Labels::Zh.of(&w, " "), "王毅");
        assert_eq!(Labels::Both.of(&w, "\n"), "Wang Yi\n王毅");
        let no_zh = node("Wang Yi", "");
        assert_eq!(Labels::Zh.of(&no_zh, " "), "Wang Yi");
        assert_eq!(Labels::Both.of(&no_zh, " "), "Wang Yi");
        let nothing = node(" ", "");
        assert_eq!(Labels::Both.of(&nothing, " "), "wang_yi");
    }

    #[test]
    fn titles_name_the_publication_window_not_the_oldest_event() {
        let mut g = ActorGraph::new();
        let edge = |first: &str, last: &str| crate::graph::model::Edge {
            relation: "meet".into(),
            weight: 1.0,
            first_date: Some(first.into()),
            last_date: Some(last.into()),
            directed: false,
        };
        g.add_edge("a", "b", edge("1921", "2022-03"));
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let window = Some((day(2020, 1, 3), day(2022, 12, 30)));
        let all = GraphFilter::default();
        assert_eq!(
            default_title(&g, &all, window, None),
            "dipgraph — articles 2020-01-03 – 2022-12-30 · all events but background · 2 actors, 1 edges"
        );
        // An edge list has no articles: its edges' dates.
        assert_eq!(
            default_title(&g, &all, None, None),
            "dipgraph — 1921 – 2022-03 · all events but background · 2 actors, 1 edges"
        );
        // A period asked for is named by the filters.
        let july = GraphFilter {
            since: Some(day(2020, 7, 1)),
            until: Some(day(2020, 7, 31)),
            ..Default::default()
        };
        assert_eq!(
            default_title(&g, &july, window, None),
            "dipgraph — since=2020-07-01 until=2020-07-31 · 2 actors, 1 edges"
        );
    }
}
