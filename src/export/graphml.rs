//! GraphML export, written to load as it is in networkx, Gephi and yEd.
//!
//! Each reader wants something different of one file:
//!
//! - **networkx** (`read_graphml`) refuses a graph that mixes directed and
//!   undirected edges ("directed=false edge found in directed graph"), so no
//!   edge carries GraphML's own `directed` attribute: the graph is
//!   `edgedefault="directed"`, undirected relations (meet, call, agree,
//!   cooperate) are written once, source → target, and every edge says
//!   what it means in a boolean `directed` data key. Parallel edges (one
//!   per relation and pair) make networkx return a `MultiDiGraph`.
//! - **Gephi** takes a node's and an edge's label from a key named `label`
//!   and the weight from `weight`; the other keys become columns. (Its
//!   GraphML importer has no edge kind, so it merges parallel edges: the
//!   CSV pair, with its `Kind` column, keeps them apart.)
//! - **yEd** draws only what its own `yfiles.type` keys describe, so each
//!   node also gets a `y:ShapeNode` with its label, shape and colour, and
//!   each edge a `y:PolyLineEdge` coloured per relation, with an arrow for
//!   directed relations only. The graphics keys have the ids `d3` and `d7`,
//!   which Gephi's importer reads as yEd's node and edge labels (rather
//!   than reporting keys without a type), and which networkx reads as the
//!   node's `label` (and `shape_type`).
//!
//! Colours and shapes come from the drawing tables (`data/drawing/`), the
//! one place they live.

use crate::export::Labels;
use crate::export::style::{kind_style, relation_style};
use crate::graph::model::ActorGraph;
use petgraph::visit::EdgeRef;
use std::collections::HashMap;
use std::io::{self, Write};

/// Key ids of yEd's node and edge graphics (see the module docs).
pub const NODE_GRAPHICS_KEY: &str = "d3";
pub const EDGE_GRAPHICS_KEY: &str = "d7";

/// Escapes text for XML 1.0 content and attribute values. Characters XML
/// 1.0 cannot carry (most C0 controls, U+FFFE/U+FFFF) become U+FFFD.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn data(out: &mut impl Write, key: &str, value: &str) -> io::Result<()> {
    writeln!(
        out,
        "      <data key=\"{key}\">{}</data>",
        xml_escape(value)
    )
}

/// A double as GraphML/XML Schema wants it (`INF`, `-INF`, `NaN`).
fn xsd_double(v: f64) -> String {
    if v.is_nan() {
        "NaN".to_string()
    } else if v.is_infinite() {
        if v > 0.0 { "INF" } else { "-INF" }.to_string()
    } else {
        format!("{v}")
    }
}

/// yEd's shape for a Graphviz node shape of the drawing tables.
fn yed_shape(graphviz: &str, style: &str) -> &'static str {
    match graphviz {
        "box" if style.contains("rounded") => "roundrectangle",
        "box" => "rectangle",
        "hexagon" => "hexagon",
        _ => "ellipse",
    }
}

/// yEd's line type for a Graphviz edge style.
fn yed_line(style: &str) -> &'static str {
    match style {
        "dashed" => "dashed",
        "dotted" => "dotted",
        _ => "line",
    }
}

/// Writes `g` as GraphML (see the module docs for what each reader takes).
/// Node keys: `label` (the name `labels` picks), `label_en`, `label_zh`,
/// `type`, one `double` per metric (absent values omitted) and yEd's
/// graphics; edge keys: `label` (the relation's English name), `relation`,
/// `weight`, `first_date`, `last_date`, `directed` (boolean) and yEd's
/// graphics.
pub fn write_graphml(
    g: &ActorGraph,
    node_metrics: Option<&[(String, HashMap<String, f64>)]>,
    labels: Labels,
    mut out: impl Write,
) -> io::Result<()> {
    let metrics = node_metrics.unwrap_or(&[]);
    let o = &mut out;
    writeln!(o, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        o,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:y="http://www.yworks.com/xml/graphml" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">"#
    )?;
    let key = |o: &mut dyn Write, id: &str, for_: &str, name: &str, ty: &str| {
        writeln!(
            o,
            r#"  <key id="{id}" for="{for_}" attr.name="{}" attr.type="{ty}"/>"#,
            xml_escape(name)
        )
    };
    key(o, "label", "node", "label", "string")?;
    key(o, "label_en", "node", "label_en", "string")?;
    key(o, "label_zh", "node", "label_zh", "string")?;
    key(o, "type", "node", "type", "string")?;
    for (i, (name, _)) in metrics.iter().enumerate() {
        key(o, &format!("m{i}"), "node", name, "double")?;
    }
    writeln!(
        o,
        r#"  <key id="{NODE_GRAPHICS_KEY}" for="node" yfiles.type="nodegraphics"/>"#
    )?;
    key(o, "edge_label", "edge", "label", "string")?;
    key(o, "relation", "edge", "relation", "string")?;
    key(o, "weight", "edge", "weight", "double")?;
    key(o, "first_date", "edge", "first_date", "string")?;
    key(o, "last_date", "edge", "last_date", "string")?;
    key(o, "directed", "edge", "directed", "boolean")?;
    writeln!(
        o,
        r#"  <key id="{EDGE_GRAPHICS_KEY}" for="edge" yfiles.type="edgegraphics"/>"#
    )?;
    writeln!(o, r#"  <graph id="dipgraph" edgedefault="directed">"#)?;
    let gr = &g.graph;
    for n in gr.node_indices() {
        let node = &gr[n];
        let label = labels.of(node, " ");
        writeln!(o, r#"    <node id="{}">"#, xml_escape(&node.id))?;
        data(o, "label", &label)?;
        data(o, "label_en", &node.label_en)?;
        data(o, "label_zh", &node.label_zh)?;
        data(o, "type", &node.kind)?;
        for (i, (_, values)) in metrics.iter().enumerate() {
            if let Some(&v) = values.get(&node.id) {
                data(o, &format!("m{i}"), &xsd_double(v))?;
            }
        }
        let ks = kind_style(&node.kind);
        // No y:Geometry: networkx would copy its x and y into every node's
        // attributes, and a layout is yEd's job (Layout, then Tools › Fit
        // Node to Label).
        writeln!(
            o,
            r#"      <data key="{NODE_GRAPHICS_KEY}"><y:ShapeNode><y:Fill color="{}" transparent="false"/><y:Shape type="{}"/><y:NodeLabel>{}</y:NodeLabel></y:ShapeNode></data>"#,
            ks.fillcolor,
            yed_shape(&ks.shape, &ks.style),
            xml_escape(&label)
        )?;
        writeln!(o, "    </node>")?;
    }
    for e in gr.edge_references() {
        let edge = e.weight();
        let rs = relation_style(&edge.relation);
        writeln!(
            o,
            r#"    <edge id="e{}" source="{}" target="{}">"#,
            e.id().index(),
            xml_escape(&gr[e.source()].id),
            xml_escape(&gr[e.target()].id),
        )?;
        data(o, "edge_label", &rs.label_en)?;
        data(o, "relation", &edge.relation)?;
        data(o, "weight", &xsd_double(edge.weight))?;
        if let Some(d) = &edge.first_date {
            data(o, "first_date", d)?;
        }
        if let Some(d) = &edge.last_date {
            data(o, "last_date", d)?;
        }
        data(o, "directed", if edge.directed { "true" } else { "false" })?;
        writeln!(
            o,
            r#"      <data key="{EDGE_GRAPHICS_KEY}"><y:PolyLineEdge><y:LineStyle color="{}" type="{}" width="{:.1}"/><y:Arrows source="none" target="{}"/></y:PolyLineEdge></data>"#,
            rs.color,
            yed_line(&rs.style),
            crate::export::dot::pen_width(edge.weight),
            if edge.directed { "standard" } else { "none" }
        )?;
        writeln!(o, "    </edge>")?;
    }
    writeln!(o, "  </graph>")?;
    writeln!(o, "</graphml>")?;
    o.flush()
}
