//! Relation and node-kind styling. Relations are drawn as the one relation
//! table says ([`crate::model::RelationInfo`], `data/lexicon/relations.csv`:
//! the explorer uses the same colours); node kinds as
//! `data/drawing/node_kinds.csv` says.

use crate::model::Relation;
use serde::Deserialize;
use std::sync::OnceLock;

/// The node-kind table: `kind,label_en,label_zh,fillcolor,shape,style`.
pub const NODE_KINDS_CSV: &str = include_str!("../../data/drawing/node_kinds.csv");

/// How one relation is drawn. `style` is a Graphviz edge style
/// (`solid`, `dashed`, `dotted`, `bold`).
#[derive(Debug, Clone, PartialEq)]
pub struct RelationStyle {
    pub relation: String,
    pub label_en: String,
    pub label_zh: String,
    pub color: String,
    pub style: String,
    pub directed: bool,
}

/// How one node kind is drawn (`shape` and `style` are Graphviz node attributes).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct KindStyle {
    pub kind: String,
    pub label_en: String,
    pub label_zh: String,
    pub fillcolor: String,
    pub shape: String,
    pub style: String,
}

fn parse_table<T: for<'de> Deserialize<'de>>(text: &str, name: &str) -> Vec<T> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .collect::<Result<Vec<T>, _>>()
        .unwrap_or_else(|e| panic!("bundled table {name} is malformed: {e}"))
}

/// All relations, in table order (the legend uses this order).
pub fn relation_styles() -> &'static [RelationStyle] {
    static TABLE: OnceLock<Vec<RelationStyle>> = OnceLock::new();
    TABLE.get_or_init(|| {
        Relation::ALL
            .into_iter()
            .map(|r| {
                let info = r.info();
                RelationStyle {
                    relation: r.as_str().to_string(),
                    label_en: info.label_en.clone(),
                    label_zh: info.label_zh.clone(),
                    color: info.colour.clone(),
                    style: info.line_style.clone(),
                    directed: info.directed,
                }
            })
            .collect()
    })
}

/// All node kinds, in table order.
pub fn kind_styles() -> &'static [KindStyle] {
    static TABLE: OnceLock<Vec<KindStyle>> = OnceLock::new();
    TABLE.get_or_init(|| parse_table(NODE_KINDS_CSV, "node_kinds.csv"))
}

/// Style of a relation not in the table (e.g. an edge list without a
/// relation column): neutral grey, solid.
pub fn fallback_relation_style(relation: &str) -> RelationStyle {
    RelationStyle {
        relation: relation.to_string(),
        label_en: if relation.is_empty() {
            "(unspecified)".to_string()
        } else {
            relation.to_string()
        },
        label_zh: String::new(),
        color: "#777777".to_string(),
        style: "solid".to_string(),
        directed: false,
    }
}

/// The style for `relation`, or the grey fallback.
pub fn relation_style(relation: &str) -> RelationStyle {
    relation_styles()
        .iter()
        .find(|r| r.relation == relation)
        .cloned()
        .unwrap_or_else(|| fallback_relation_style(relation))
}

/// The style for `kind`; unknown kinds get the `unknown` row.
pub fn kind_style(kind: &str) -> &'static KindStyle {
    let table = kind_styles();
    table
        .iter()
        .find(|k| k.kind == kind)
        .or_else(|| table.iter().find(|k| k.kind == "unknown"))
        .expect("node_kinds.csv has an `unknown` row")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load() {
        let rels: Vec<&str> = relation_styles()
            .iter()
            .map(|r| r.relation.as_str())
            .collect();
        assert_eq!(
            rels,
            [
                "meet",
                "call",
                "visit",
                "invite",
                "agree",
                "cooperate",
                "appeal",
                "support",
                "criticize",
                "concern"
            ]
        );
        let meet = relation_style("meet");
        assert_eq!(meet.label_zh, "会谈");
        assert!(!meet.directed);
        assert!(relation_style("visit").directed);
        assert_eq!(relation_style("").label_en, "(unspecified)");
        assert_eq!(kind_styles().len(), 4);
        assert_eq!(kind_style("weird").kind, "unknown");
        // colours are distinct
        let mut colours: Vec<&str> = relation_styles().iter().map(|r| r.color.as_str()).collect();
        colours.sort();
        colours.dedup();
        assert_eq!(colours.len(), 10);
    }

    /// CIELAB (D65) of a `#RRGGBB` colour.
    fn lab(hex: &str) -> [f64; 3] {
        let c = |i: usize| {
            let v = u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).unwrap() as f64 / 255.0;
            if v > 0.04045 {
                ((v + 0.055) / 1.055).powf(2.4)
            } else {
                v / 12.92
            }
        };
        let (r, g, b) = (c(0), c(1), c(2));
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        let f = |t: f64| {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        [
            116.0 * f(y) - 16.0,
            500.0 * (f(x) - f(y)),
            200.0 * (f(y) - f(z)),
        ]
    }

    /// Relations a reader must tell apart in one drawing differ by a clear
    /// step of lightness or hue (CIE76 ΔE ≥ 20; "just noticeable" is ~2.3).
    /// Visit and Support were two teals 18.6 apart.
    #[test]
    fn relation_colours_are_far_apart() {
        let rels = relation_styles();
        for (i, a) in rels.iter().enumerate() {
            for b in &rels[i + 1..] {
                let (la, lb) = (lab(&a.color), lab(&b.color));
                let de = (0..3).map(|k| (la[k] - lb[k]).powi(2)).sum::<f64>().sqrt();
                assert!(
                    de >= 20.0,
                    "{} {} and {} {}: ΔE {de:.1}",
                    a.relation,
                    a.color,
                    b.relation,
                    b.color
                );
            }
        }
    }
}
