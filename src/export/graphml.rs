//! GraphML export (for yEd, Gephi, Cytoscape, NetworkX, igraph …).

use crate::graph::model::ActorGraph;
use petgraph::visit::EdgeRef;
use std::collections::HashMap;
use std::io::{self, Write};

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

/// Writes `g` as GraphML. Node keys: `label_en`, `label_zh`, `type`, and
/// one `double` key per metric (absent values are omitted); edge keys:
/// `relation`, `weight` (double), `first_date`, `last_date`, `directed`
/// (boolean). `edgedefault="directed"`, and each edge also carries the
/// standard `directed` attribute.
pub fn write_graphml(
    g: &ActorGraph,
    node_metrics: Option<&[(String, HashMap<String, f64>)]>,
    mut out: impl Write,
) -> io::Result<()> {
    let metrics = node_metrics.unwrap_or(&[]);
    let o = &mut out;
    writeln!(o, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        o,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    let key = |o: &mut dyn Write, id: &str, for_: &str, name: &str, ty: &str| {
        writeln!(
            o,
            r#"  <key id="{id}" for="{for_}" attr.name="{}" attr.type="{ty}"/>"#,
            xml_escape(name)
        )
    };
    key(o, "label_en", "node", "label_en", "string")?;
    key(o, "label_zh", "node", "label_zh", "string")?;
    key(o, "type", "node", "type", "string")?;
    for (i, (name, _)) in metrics.iter().enumerate() {
        key(o, &format!("m{i}"), "node", name, "double")?;
    }
    key(o, "relation", "edge", "relation", "string")?;
    key(o, "weight", "edge", "weight", "double")?;
    key(o, "first_date", "edge", "first_date", "string")?;
    key(o, "last_date", "edge", "last_date", "string")?;
    key(o, "directed", "edge", "directed", "boolean")?;
    writeln!(o, r#"  <graph id="dipgraph" edgedefault="directed">"#)?;
    let gr = &g.graph;
    for n in gr.node_indices() {
        let node = &gr[n];
        writeln!(o, r#"    <node id="{}">"#, xml_escape(&node.id))?;
        data(o, "label_en", &node.label_en)?;
        data(o, "label_zh", &node.label_zh)?;
        data(o, "type", &node.kind)?;
        for (i, (_, values)) in metrics.iter().enumerate() {
            if let Some(&v) = values.get(&node.id) {
                data(o, &format!("m{i}"), &xsd_double(v))?;
            }
        }
        writeln!(o, "    </node>")?;
    }
    for e in gr.edge_references() {
        let edge = e.weight();
        writeln!(
            o,
            r#"    <edge id="e{}" source="{}" target="{}" directed="{}">"#,
            e.id().index(),
            xml_escape(&gr[e.source()].id),
            xml_escape(&gr[e.target()].id),
            edge.directed
        )?;
        data(o, "relation", &edge.relation)?;
        data(o, "weight", &xsd_double(edge.weight))?;
        if let Some(d) = &edge.first_date {
            data(o, "first_date", d)?;
        }
        if let Some(d) = &edge.last_date {
            data(o, "last_date", d)?;
        }
        data(o, "directed", if edge.directed { "true" } else { "false" })?;
        writeln!(o, "    </edge>")?;
    }
    writeln!(o, "  </graph>")?;
    writeln!(o, "</graphml>")?;
    o.flush()
}
