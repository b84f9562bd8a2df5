//! ActorGraph → Graphviz DOT, built with graphviz-rust's structures.
//!
//! Nodes show the English, Chinese or both names (`--labels`), carry both
//! in the tooltip, are filled by kind and sized by a metric (their label's
//! font grows with it); edges are coloured/styled per relation (from
//! `data/lexicon/relations.csv`), penwidth grows with the log of the
//! event count, and undirected relations have no arrowheads. A
//! `cluster_legend` subgraph lists the relations and node kinds present and
//! what node size stands for.

use crate::export::Labels;
use crate::export::style::{
    RelationStyle, kind_style, kind_styles, relation_style, relation_styles,
};
use crate::graph::model::ActorGraph;
use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt,
    Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::{HashMap, HashSet};

/// Id of the legend cluster.
pub const LEGEND_ID: &str = "cluster_legend";
/// Prefix of every node id inside the legend.
pub const LEGEND_PREFIX: &str = "__legend_";
/// Font list used everywhere (Pango and SVG both accept a family list).
pub const FONT: &str = "Helvetica,Arial,sans-serif";

/// Smallest and largest node font size (points); node boxes grow with the label.
const MIN_FONT: f64 = 11.0;
const MAX_FONT: f64 = 26.0;
/// Penwidth clamp for edges.
const MIN_PEN: f64 = 0.8;
const MAX_PEN: f64 = 7.0;
/// Above this many drawn edges, edges are drawn slightly translucent.
const DENSE_EDGES: usize = 150;

/// What to draw and how.
#[derive(Debug, Clone, Default)]
pub struct DrawOptions {
    /// Title shown at the top, e.g.
    /// `dipgraph — meet, call · 2020-01-01 – 2020-12-31 · min weight 2`.
    pub title: String,
    /// Metric name and value per node id; sizes nodes (and ranks them for
    /// `top`). `None`: weighted degree.
    pub size_by: Option<(String, HashMap<String, f64>)>,
    /// Keep only the top N nodes by `size_by` (or weighted degree).
    pub top: Option<usize>,
    /// Drop edges whose weight is below this.
    pub min_weight: f64,
    /// The name each actor is shown by.
    pub labels: Labels,
}

/// Quotes `s` as a DOT string: `"` and `\` are backslash-escaped, line
/// breaks become `\n`, other control characters become spaces.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Quotes text shown by Graphviz (labels, tooltips): like [`quote`], and
/// `&` becomes `&amp;`, because Graphviz reads HTML entities in labels
/// (so `AT&amp;T` shows as `AT&T`, and a literal `&amp;` survives).
pub fn quote_text(s: &str) -> String {
    quote(&s.replace('&', "&amp;"))
}

/// A quoted, escaped DOT id.
pub fn qid(s: &str) -> Id {
    Id::Escaped(quote(s))
}

fn attr(key: &str, value: impl AsRef<str>) -> Attribute {
    Attribute(
        Id::Plain(key.to_string()),
        Id::Escaped(quote_text(value.as_ref())),
    )
}

fn node_stmt(id: &str, attrs: Vec<Attribute>) -> Stmt {
    Stmt::Node(DotNode::new(NodeId(qid(id), None), attrs))
}

fn edge_stmt(from: &str, to: &str, attrs: Vec<Attribute>) -> Stmt {
    Stmt::Edge(DotEdge {
        ty: EdgeTy::Pair(
            Vertex::N(NodeId(qid(from), None)),
            Vertex::N(NodeId(qid(to), None)),
        ),
        attributes: attrs,
    })
}

/// Formats a metric value compactly: integers as integers, else 3 decimals
/// (trailing zeros trimmed), large values with 1 decimal.
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    let s = if v.abs() >= 100.0 {
        format!("{v:.1}")
    } else if v.abs() >= 0.001 {
        format!("{v:.3}")
    } else {
        format!("{v:.2e}")
    };
    if s.contains('.') && !s.contains('e') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Node font size for a metric value: sqrt scaling onto
/// [`MIN_FONT`, `MAX_FONT`].
fn font_size(value: f64, min: f64, max: f64) -> f64 {
    let t = if max > min && value.is_finite() {
        ((value - min) / (max - min)).clamp(0.0, 1.0).sqrt()
    } else {
        0.3
    };
    MIN_FONT + t * (MAX_FONT - MIN_FONT)
}

/// Penwidth for an edge weight: logarithmic, clamped.
pub fn pen_width(weight: f64) -> f64 {
    let w = if weight.is_finite() {
        weight.max(1.0)
    } else {
        1.0
    };
    (1.0 + 1.2 * w.ln()).clamp(MIN_PEN, MAX_PEN)
}

fn style_pen(style: &RelationStyle, base: f64) -> f64 {
    if style.style == "bold" {
        (base * 1.6).min(MAX_PEN * 1.6)
    } else {
        base
    }
}

/// The nodes and edges that survive `min_weight` and `top`, with each
/// node's size value.
pub struct Selection {
    pub nodes: Vec<NodeIndex>,
    pub edges: Vec<EdgeIndex>,
    /// Metric name used for sizing (`weighted degree` by default).
    pub metric: String,
    pub value: HashMap<NodeIndex, f64>,
}

/// Applies `min_weight` (edges below it go, and so do actors left without
/// edges that had some), then keeps the `top` N actors by metric (ties by
/// id) and the edges among them.
pub fn select(g: &ActorGraph, opts: &DrawOptions) -> Selection {
    let gr = &g.graph;
    let edges: Vec<EdgeIndex> = gr
        .edge_references()
        .filter(|e| {
            e.weight().weight.partial_cmp(&opts.min_weight) != Some(std::cmp::Ordering::Less)
        })
        .map(|e| e.id())
        .collect();
    let mut wdeg: HashMap<NodeIndex, f64> = HashMap::new();
    let mut had_edge: HashSet<NodeIndex> = HashSet::new();
    for e in gr.edge_references() {
        had_edge.insert(e.source());
        had_edge.insert(e.target());
    }
    for &e in &edges {
        let (s, t) = gr.edge_endpoints(e).expect("edge exists");
        let w = gr[e].weight;
        *wdeg.entry(s).or_default() += w;
        if t != s {
            *wdeg.entry(t).or_default() += w;
        }
    }
    let mut nodes: Vec<NodeIndex> = gr
        .node_indices()
        .filter(|n| wdeg.contains_key(n) || !had_edge.contains(n))
        .collect();
    let (metric, value): (String, HashMap<NodeIndex, f64>) = match &opts.size_by {
        Some((name, values)) => (
            name.clone(),
            nodes
                .iter()
                .map(|&n| (n, values.get(&gr[n].id).copied().unwrap_or(0.0)))
                .collect(),
        ),
        None => (
            "weighted degree".to_string(),
            nodes
                .iter()
                .map(|&n| (n, wdeg.get(&n).copied().unwrap_or(0.0)))
                .collect(),
        ),
    };
    if let Some(top) = opts.top
        && top < nodes.len()
    {
        let mut ranked = nodes.clone();
        ranked.sort_by(|a, b| {
            value[b]
                .partial_cmp(&value[a])
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| gr[*a].id.cmp(&gr[*b].id))
        });
        let keep: HashSet<NodeIndex> = ranked.into_iter().take(top).collect();
        nodes.retain(|n| keep.contains(n));
    }
    let kept: HashSet<NodeIndex> = nodes.iter().copied().collect();
    let edges = edges
        .into_iter()
        .filter(|&e| {
            let (s, t) = gr.edge_endpoints(e).expect("edge exists");
            kept.contains(&s) && kept.contains(&t)
        })
        .collect();
    let value = value
        .into_iter()
        .filter(|(n, _)| kept.contains(n))
        .collect();
    Selection {
        nodes,
        edges,
        metric,
        value,
    }
}

fn date_range(first: Option<&str>, last: Option<&str>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a} – {b}"),
        (Some(a), None) => format!("{a} –"),
        (None, Some(b)) => format!("– {b}"),
        (None, None) => String::new(),
    }
}

/// Builds the DOT graph. Always a `digraph` (so a multigraph with mixed
/// directedness works); undirected relations get `dir=none`.
pub fn to_dot(g: &ActorGraph, opts: &DrawOptions) -> Graph {
    let gr = &g.graph;
    let sel = select(g, opts);
    let dense = sel.edges.len() > DENSE_EDGES;
    // Big drawings get a bigger title and legend, so they stay legible
    // when the whole picture is scaled down to fit a screen.
    let scale = (sel.nodes.len() as f64 / 30.0).sqrt().clamp(1.0, 1.8);
    let title_size = format!("{:.0}", 22.0 * scale);
    let mut stmts: Vec<Stmt> = Vec::new();

    // Graph-wide defaults.
    for (k, v) in [
        ("label", opts.title.as_str()),
        ("labelloc", "t"),
        ("labeljust", "c"),
        ("fontsize", title_size.as_str()),
        ("fontname", FONT),
        ("bgcolor", "white"),
        ("pad", "0.4"),
        ("outputorder", "edgesfirst"),
        ("nodesep", "0.35"),
        ("ranksep", "0.7"),
        ("charset", "UTF-8"),
    ] {
        stmts.push(Stmt::Attribute(attr(k, v)));
    }
    stmts.push(Stmt::GAttribute(GraphAttributes::Node(vec![
        attr("fontname", FONT),
        attr("color", "#4D4D4D"),
        attr("penwidth", "0.8"),
        attr("margin", "0.08,0.04"),
    ])));
    stmts.push(Stmt::GAttribute(GraphAttributes::Edge(vec![
        attr("fontname", FONT),
        attr("arrowsize", "0.7"),
    ])));

    // Nodes.
    let (min, max) = sel
        .value
        .values()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    let mut kinds_present: HashSet<&str> = HashSet::new();
    for &n in &sel.nodes {
        let node = &gr[n];
        let ks = kind_style(&node.kind);
        kinds_present.insert(ks.kind.as_str());
        let value = sel.value.get(&n).copied().unwrap_or(0.0);
        let label = opts.labels.of(node, "\n");
        // The tooltip names the actor in the language the label does not
        // (both, in a bilingual drawing).
        let name = match opts.labels {
            Labels::En => Labels::Zh.of(node, " "),
            Labels::Zh => Labels::En.of(node, " "),
            Labels::Both => Labels::Both.of(node, " "),
        };
        let tooltip = format!(
            "{name} · {} · {} {}",
            node.kind,
            sel.metric,
            format_number(value)
        );
        stmts.push(node_stmt(
            &node.id,
            vec![
                attr("label", label),
                attr("tooltip", tooltip),
                attr("shape", &ks.shape),
                attr("style", &ks.style),
                attr("fillcolor", &ks.fillcolor),
                attr("fontsize", format!("{:.1}", font_size(value, min, max))),
            ],
        ));
    }

    // Edges, one per (pair, relation): parallel edges stay separate.
    let mut relations_present: Vec<String> = Vec::new();
    for &e in &sel.edges {
        let (s, t) = gr.edge_endpoints(e).expect("edge exists");
        let edge = &gr[e];
        let rs = relation_style(&edge.relation);
        if !relations_present.contains(&rs.relation) {
            relations_present.push(rs.relation.clone());
        }
        let (src, dst) = (&gr[s], &gr[t]);
        let arrow = if edge.directed { "→" } else { "–" };
        let events = if edge.weight == 1.0 {
            "event"
        } else {
            "events"
        };
        let rel_name = if rs.label_zh.is_empty() {
            rs.label_en.clone()
        } else {
            format!("{} {}", rs.label_en, rs.label_zh)
        };
        let mut tooltip = format!(
            "{rel_name} ({}): {} {arrow} {} · {} {events}",
            if rs.relation.is_empty() {
                "-"
            } else {
                &rs.relation
            },
            src.label_en,
            dst.label_en,
            format_number(edge.weight)
        );
        let dates = date_range(edge.first_date.as_deref(), edge.last_date.as_deref());
        if !dates.is_empty() {
            tooltip.push_str(" · ");
            tooltip.push_str(&dates);
        }
        let color = if dense {
            format!("{}C0", rs.color)
        } else {
            rs.color.clone()
        };
        stmts.push(edge_stmt(
            &src.id,
            &dst.id,
            vec![
                attr("color", color),
                attr("style", &rs.style),
                attr(
                    "penwidth",
                    format!("{:.2}", style_pen(&rs, pen_width(edge.weight))),
                ),
                attr("dir", if edge.directed { "forward" } else { "none" }),
                attr("tooltip", tooltip),
            ],
        ));
    }

    // Legend: relations in table order, then unknown ones, then node kinds.
    let mut legend_rels: Vec<RelationStyle> = relation_styles()
        .iter()
        .filter(|r| relations_present.contains(&r.relation))
        .cloned()
        .collect();
    for r in &relations_present {
        if !legend_rels.iter().any(|l| &l.relation == r) {
            legend_rels.push(relation_style(r));
        }
    }
    let legend_kinds: Vec<_> = kind_styles()
        .iter()
        .filter(|k| kinds_present.contains(k.kind.as_str()))
        .collect();
    // What node size stands for, with the range drawn (none without nodes).
    let size = (!sel.nodes.is_empty()).then(|| SizeKey {
        metric: sel.metric.clone(),
        min,
        max,
    });
    if !legend_rels.is_empty() || !legend_kinds.is_empty() {
        stmts.push(Stmt::Subgraph(legend(
            &legend_rels,
            &legend_kinds,
            size.as_ref(),
            scale,
        )));
    }

    Graph::DiGraph {
        id: qid("dipgraph"),
        strict: false,
        stmts,
    }
}

/// Row height and column widths of the legend at scale 1 (points). Legend nodes
/// carry a `pos` relative to the legend's top-left corner: `dot` ignores
/// it, [`crate::export::render`] pins the legend with it beside the laid-out graph.
pub const LEGEND_ROW: f64 = 26.0;
const SAMPLE_LEN: f64 = 56.0;
const TEXT_WIDTH: f64 = 118.0;

/// A label whose line is left-justified (`\\l` ends it).
fn left_label(s: &str) -> Id {
    let q = quote_text(s);
    Id::Escaped(format!("{}\\l\"", &q[..q.len() - 1]))
}

fn pos(x: f64, y: f64) -> String {
    format!("{x:.1},{y:.1}")
}

/// The legend's last row: the metric node size stands for, and its range.
struct SizeKey {
    metric: String,
    min: f64,
    max: f64,
}

/// `weighted_degree` → `weighted degree`, `pagerank` → `PageRank`.
fn metric_title(metric: &str) -> String {
    match metric {
        "pagerank" => "PageRank".to_string(),
        m => m.replace('_', " "),
    }
}

fn legend(
    rels: &[RelationStyle],
    kinds: &[&crate::export::style::KindStyle],
    size: Option<&SizeKey>,
    scale: f64,
) -> Subgraph {
    let row_h = LEGEND_ROW * scale;
    let sample = SAMPLE_LEN * scale;
    let text_w = TEXT_WIDTH * scale;
    let font = format!("{:.1}", 13.0 * scale);
    let mut stmts = vec![
        Stmt::Attribute(attr("label", "Legend")),
        Stmt::Attribute(attr("fontsize", format!("{:.1}", 15.0 * scale))),
        Stmt::Attribute(attr("style", "rounded,filled")),
        Stmt::Attribute(attr("fillcolor", "#F7F7F7")),
        Stmt::Attribute(attr("color", "#999999")),
        Stmt::Attribute(attr("margin", "12")),
    ];
    let text_x = sample + 8.0 * scale + text_w / 2.0;
    let mut row = 0usize;
    let mut prev: Option<String> = None;
    let mut chain = |stmts: &mut Vec<Stmt>, first: &str| {
        if let Some(p) = prev.replace(first.to_string()) {
            stmts.push(edge_stmt(&p, first, vec![attr("style", "invis")]));
        }
    };
    let text_attrs = |label: &str, tooltip: &str, y: f64| {
        vec![
            attr("shape", "plaintext"),
            Attribute(Id::Plain("label".into()), left_label(label)),
            attr("tooltip", tooltip),
            attr("fontsize", &font),
            attr("fixedsize", "true"),
            attr("width", format!("{:.3}", text_w / 72.0)),
            attr("height", format!("{:.3}", (row_h - 4.0) / 72.0)),
            attr("pos", pos(text_x, y)),
        ]
    };
    for r in rels {
        let y = -(row as f64) * row_h;
        let slug = if r.relation.is_empty() {
            "unspecified".to_string()
        } else {
            r.relation.clone()
        };
        let a = format!("{LEGEND_PREFIX}rel_{slug}_a");
        let b = format!("{LEGEND_PREFIX}rel_{slug}_b");
        let t = format!("{LEGEND_PREFIX}rel_{slug}");
        let point = |x: f64| {
            vec![
                attr("shape", "point"),
                attr("style", "invis"),
                attr("width", "0.02"),
                attr("label", ""),
                attr("pos", pos(x, y)),
            ]
        };
        let tooltip = if r.label_zh.is_empty() {
            r.label_en.clone()
        } else {
            format!("{} · {} · {}", r.relation, r.label_en, r.label_zh)
        };
        stmts.push(node_stmt(&a, point(0.0)));
        stmts.push(node_stmt(&b, point(sample)));
        stmts.push(node_stmt(&t, text_attrs(&r.label_en, &tooltip, y)));
        stmts.push(edge_stmt(
            &a,
            &b,
            vec![
                attr("color", &r.color),
                attr("style", &r.style),
                attr("penwidth", format!("{:.2}", style_pen(r, 2.2 * scale))),
                attr("arrowsize", format!("{:.2}", 0.8 * scale)),
                attr("dir", if r.directed { "forward" } else { "none" }),
                attr("tooltip", &tooltip),
            ],
        ));
        stmts.push(edge_stmt(&b, &t, vec![attr("style", "invis")]));
        // Keep each row on one rank and stack rows when `dot` lays the legend out.
        stmts.push(Stmt::Subgraph(Subgraph {
            id: qid(&format!("{LEGEND_PREFIX}row_{row}")),
            stmts: vec![
                Stmt::Attribute(attr("rank", "same")),
                node_stmt(&a, vec![]),
                node_stmt(&b, vec![]),
                node_stmt(&t, vec![]),
            ],
        }));
        chain(&mut stmts, &a);
        row += 1;
    }
    for k in kinds {
        let y = -(row as f64) * row_h;
        let shape = format!("{LEGEND_PREFIX}kind_{}_shape", k.kind);
        let t = format!("{LEGEND_PREFIX}kind_{}", k.kind);
        let tooltip = format!("{} · {} · {}", k.kind, k.label_en, k.label_zh);
        stmts.push(node_stmt(
            &shape,
            vec![
                attr("label", ""),
                attr("tooltip", &tooltip),
                attr("shape", &k.shape),
                attr("style", &k.style),
                attr("fillcolor", &k.fillcolor),
                attr("fixedsize", "true"),
                attr("width", format!("{:.3}", sample * 0.7 / 72.0)),
                attr("height", format!("{:.3}", (row_h - 8.0 * scale) / 72.0)),
                attr("pos", pos(sample / 2.0, y)),
            ],
        ));
        stmts.push(node_stmt(&t, text_attrs(&k.label_en, &tooltip, y)));
        stmts.push(edge_stmt(&shape, &t, vec![attr("style", "invis")]));
        stmts.push(Stmt::Subgraph(Subgraph {
            id: qid(&format!("{LEGEND_PREFIX}row_{row}")),
            stmts: vec![
                Stmt::Attribute(attr("rank", "same")),
                node_stmt(&shape, vec![]),
                node_stmt(&t, vec![]),
            ],
        }));
        chain(&mut stmts, &shape);
        row += 1;
    }
    if let Some(size) = size {
        // A small and a large letter, at the smallest and largest label
        // sizes of the drawing, then what the size measures.
        let y = -(row as f64) * row_h;
        let small = format!("{LEGEND_PREFIX}size_small");
        let large = format!("{LEGEND_PREFIX}size_large");
        let t = format!("{LEGEND_PREFIX}size");
        let range = if size.min.is_finite() && size.max > size.min {
            format!(
                " ({} – {})",
                format_number(size.min),
                format_number(size.max)
            )
        } else {
            String::new()
        };
        let tooltip = format!(
            "an actor's name is drawn larger the higher its {}{range}",
            size.metric.replace('_', " ")
        );
        let letter = |x: f64, font: f64| {
            vec![
                attr("shape", "plaintext"),
                attr("label", "A"),
                attr("tooltip", &tooltip),
                attr("fontsize", format!("{:.1}", font * scale.min(1.2))),
                attr("fixedsize", "true"),
                attr("width", format!("{:.3}", sample * 0.45 / 72.0)),
                attr("height", format!("{:.3}", (row_h - 2.0) / 72.0)),
                attr("pos", pos(x, y)),
            ]
        };
        stmts.push(node_stmt(&small, letter(sample * 0.2, MIN_FONT)));
        stmts.push(node_stmt(&large, letter(sample * 0.68, MAX_FONT * 0.85)));
        stmts.push(node_stmt(
            &t,
            text_attrs(
                &format!("Size: {}", metric_title(&size.metric)),
                &tooltip,
                y,
            ),
        ));
        stmts.push(edge_stmt(&small, &large, vec![attr("style", "invis")]));
        stmts.push(edge_stmt(&large, &t, vec![attr("style", "invis")]));
        stmts.push(Stmt::Subgraph(Subgraph {
            id: qid(&format!("{LEGEND_PREFIX}row_{row}")),
            stmts: vec![
                Stmt::Attribute(attr("rank", "same")),
                node_stmt(&small, vec![]),
                node_stmt(&large, vec![]),
                node_stmt(&t, vec![]),
            ],
        }));
        chain(&mut stmts, &small);
    }
    Subgraph {
        id: Id::Plain(LEGEND_ID.to_string()),
        stmts,
    }
}

/// The DOT text of [`to_dot`].
pub fn dot_string(g: &ActorGraph, opts: &DrawOptions) -> String {
    to_dot(g, opts).print(&mut PrinterContext::default())
}
