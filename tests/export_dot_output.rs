use crate::common::{NASTY_ID, NASTY_LABEL, edge, node, sample};
use dipgraph::export::dot::{
    DrawOptions, LEGEND_ID, LEGEND_PREFIX, dot_string, quote, quote_text, to_dot,
};
use dipgraph::graph::model::ActorGraph;
use graphviz_rust::dot_structures::{Attribute, EdgeTy, Graph, Id, Stmt, Subgraph, Vertex};
use std::collections::HashMap;

fn text(id: &Id) -> String {
    match id {
        Id::Escaped(s) => s[1..s.len() - 1].to_string(),
        Id::Html(s) | Id::Plain(s) | Id::Anonymous(s) => s.clone(),
    }
}

fn stmts(g: &Graph) -> &Vec<Stmt> {
    match g {
        Graph::Graph { stmts, .. } | Graph::DiGraph { stmts, .. } => stmts,
    }
}

fn get(attrs: &[Attribute], key: &str) -> Option<String> {
    attrs.iter().find(|a| text(&a.0) == key).map(|a| text(&a.1))
}

/// (id, attributes) of the top-level (actor) nodes.
fn actor_nodes(g: &Graph) -> Vec<(String, Vec<Attribute>)> {
    stmts(g)
        .iter()
        .filter_map(|s| match s {
            Stmt::Node(n) => Some((text(&n.id.0), n.attributes.clone())),
            _ => None,
        })
        .collect()
}

/// (source, target, attributes) of the top-level (actor) edges.
fn actor_edges(g: &Graph) -> Vec<(String, String, Vec<Attribute>)> {
    stmts(g)
        .iter()
        .filter_map(|s| match s {
            Stmt::Edge(e) => match &e.ty {
                EdgeTy::Pair(Vertex::N(a), Vertex::N(b)) => {
                    Some((text(&a.0), text(&b.0), e.attributes.clone()))
                }
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn legend(g: &Graph) -> Option<&Subgraph> {
    stmts(g).iter().find_map(|s| match s {
        Stmt::Subgraph(sg) if text(&sg.id) == LEGEND_ID => Some(sg),
        _ => None,
    })
}

fn legend_node_ids(sg: &Subgraph) -> Vec<String> {
    sg.stmts
        .iter()
        .filter_map(|s| match s {
            Stmt::Node(n) if !n.attributes.is_empty() => Some(text(&n.id.0)),
            _ => None,
        })
        .collect()
}

fn opts() -> DrawOptions {
    DrawOptions {
        title: "dipgraph — meet, call · 2020-01-01 – 2020-12-31 · min weight 1 \"q\"".into(),
        ..Default::default()
    }
}

#[test]
fn dot_parses_back_with_tricky_labels() {
    let g = sample();
    let s = dot_string(&g, &opts());
    let parsed = graphviz_rust::parse(&s).expect("our DOT parses");
    assert_eq!(parsed, to_dot(&g, &opts()), "print → parse round-trips");
    let nodes = actor_nodes(&parsed);
    assert_eq!(nodes.len(), 6);
    let nasty = nodes
        .iter()
        .find(|(id, _)| *id == quote(NASTY_ID)[1..quote(NASTY_ID).len() - 1])
        .expect("nasty node present with its escaped id");
    assert_eq!(
        get(&nasty.1, "label").unwrap(),
        quote_text(NASTY_LABEL)[1..quote_text(NASTY_LABEL).len() - 1]
    );
    assert!(
        get(&nasty.1, "tooltip")
            .unwrap()
            .starts_with("联合国\\\" · org · weighted degree 2")
    );
    let wang = nodes.iter().find(|(id, _)| id == "wang_yi").unwrap();
    assert_eq!(get(&wang.1, "label").unwrap(), "Wang Yi");
    assert_eq!(
        get(&wang.1, "tooltip").unwrap(),
        "王毅 · person · weighted degree 15"
    );
    assert_eq!(get(&wang.1, "fillcolor").unwrap(), "#FBD38D");
    // Hub is drawn bigger than a leaf.
    let fs = |attrs: &[Attribute]| get(attrs, "fontsize").unwrap().parse::<f64>().unwrap();
    let kang = nodes.iter().find(|(id, _)| id == "kang").unwrap();
    assert!(fs(&wang.1) > fs(&kang.1));
    // Quoted title.
    assert!(s.contains(
        r#"label="dipgraph — meet, call · 2020-01-01 – 2020-12-31 · min weight 1 \"q\"""#
    ));
    assert!(s.contains(r#"labelloc="t""#));
}

#[test]
fn escaping_of_backslashes_and_quotes() {
    assert_eq!(quote(r#"a"b\c"#), r#""a\"b\\c""#);
    assert_eq!(quote("end\\"), "\"end\\\\\"");
    assert_eq!(quote("two\nlines\r"), "\"two\\nlines\"");
    assert_eq!(quote("tab\tbell\u{7}"), "\"tab bell \"");
    assert_eq!(quote("王毅"), "\"王毅\"");
    for s in [NASTY_ID, NASTY_LABEL, "\\", "\"", "\\\"", "\\\\\""] {
        let dot = format!("digraph {{ {} [label={}] }}", quote(s), quote(s));
        graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("{s:?}: {e}"));
    }
}

#[test]
fn edges_styled_per_relation_and_kept_parallel() {
    let g = sample();
    let parsed = graphviz_rust::parse(&dot_string(&g, &opts())).unwrap();
    let edges = actor_edges(&parsed);
    assert_eq!(edges.len(), 6);
    let wk: Vec<_> = edges
        .iter()
        .filter(|(s, t, _)| s == "wang_yi" && t == "kang")
        .collect();
    assert_eq!(wk.len(), 2, "meet and call stay separate edges");
    let meet = wk
        .iter()
        .find(|e| get(&e.2, "color").unwrap() == "#0072B2")
        .unwrap();
    assert_eq!(get(&meet.2, "dir").unwrap(), "none");
    assert_eq!(get(&meet.2, "style").unwrap(), "solid");
    assert_eq!(
        get(&meet.2, "tooltip").unwrap(),
        "Meeting 会谈 (meet): Wang Yi – Kang Kyung-wha · 3 events · 2020-01-05 – 2020-11-26"
    );
    let call = wk
        .iter()
        .find(|e| get(&e.2, "style").unwrap() == "dashed")
        .unwrap();
    let pen = |e: &(String, String, Vec<Attribute>)| {
        get(&e.2, "penwidth").unwrap().parse::<f64>().unwrap()
    };
    assert!(pen(call) > pen(meet), "5 events draw thicker than 3");
    let crit = edges.iter().find(|(_, t, _)| t == "USA").unwrap();
    assert_eq!(get(&crit.2, "dir").unwrap(), "forward");
    assert_eq!(get(&crit.2, "color").unwrap(), "#D55E00");
    let visit = edges
        .iter()
        .find(|e| get(&e.2, "color").as_deref() == Some("#009E73"))
        .unwrap();
    assert!(
        get(&visit.2, "tooltip")
            .unwrap()
            .contains("1 event · 2020-11-25 –")
    );
}

#[test]
fn legend_lists_present_relations_and_kinds_only() {
    let g = sample();
    let parsed = graphviz_rust::parse(&dot_string(&g, &opts())).unwrap();
    let sg = legend(&parsed).expect("cluster_legend present");
    let ids = legend_node_ids(sg);
    for rel in ["meet", "call", "visit", "criticize", "cooperate", "support"] {
        assert!(
            ids.contains(&format!("{LEGEND_PREFIX}rel_{rel}")),
            "{rel} in legend"
        );
    }
    for rel in ["invite", "agree", "appeal", "concern"] {
        assert!(
            !ids.contains(&format!("{LEGEND_PREFIX}rel_{rel}")),
            "{rel} absent"
        );
    }
    for kind in ["person", "state", "org"] {
        assert!(ids.contains(&format!("{LEGEND_PREFIX}kind_{kind}")));
    }
    assert!(!ids.contains(&format!("{LEGEND_PREFIX}kind_unknown")));
    // Relations come in table order: meet before call before criticize.
    let at = |r: &str| {
        ids.iter()
            .position(|i| *i == format!("{LEGEND_PREFIX}rel_{r}"))
            .unwrap()
    };
    assert!(at("meet") < at("call") && at("call") < at("criticize"));
    // The sample edges are styled like the real ones.
    let sample_edge = sg
        .stmts
        .iter()
        .find_map(|s| match s {
            Stmt::Edge(e) if get(&e.attributes, "color").as_deref() == Some("#E69F00") => Some(e),
            Stmt::Edge(e) if get(&e.attributes, "color").as_deref() == Some("#D55E00") => Some(e),
            _ => None,
        })
        .expect("criticize sample edge");
    assert_eq!(get(&sample_edge.attributes, "dir").unwrap(), "forward");
    let label = sg.stmts.iter().find_map(|s| match s {
        Stmt::Attribute(a) if text(&a.0) == "label" => Some(text(&a.1)),
        _ => None,
    });
    assert_eq!(label.as_deref(), Some("Legend"));
}

#[test]
fn unknown_relation_gets_fallback_style() {
    let mut g = ActorGraph::new();
    g.add_edge("a", "b", edge("", 2.0, None, None));
    let parsed = graphviz_rust::parse(&dot_string(&g, &opts())).unwrap();
    let edges = actor_edges(&parsed);
    assert_eq!(get(&edges[0].2, "color").unwrap(), "#777777");
    let ids = legend_node_ids(legend(&parsed).unwrap());
    assert!(ids.contains(&format!("{LEGEND_PREFIX}rel_unspecified")));
    assert!(ids.contains(&format!("{LEGEND_PREFIX}kind_unknown")));
}

/// A star: hub h0 with spokes of decreasing weight, plus a side pair.
fn star() -> ActorGraph {
    let mut g = ActorGraph::new();
    for i in 1..=8 {
        g.add_node(node(&format!("s{i}"), &format!("Spoke {i}"), "", "state"));
        g.add_edge(
            "h0",
            &format!("s{i}"),
            edge("meet", (10 - i) as f64, None, None),
        );
    }
    g.add_edge("x", "y", edge("call", 1.0, None, None));
    g.add_node(node("lonely", "Lonely", "", "person"));
    g
}

#[test]
fn top_n_by_weighted_degree() {
    let g = star();
    let o = DrawOptions {
        top: Some(3),
        ..opts()
    };
    let parsed = graphviz_rust::parse(&dot_string(&g, &o)).unwrap();
    let mut ids: Vec<String> = actor_nodes(&parsed).into_iter().map(|(id, _)| id).collect();
    ids.sort();
    assert_eq!(ids, ["h0", "s1", "s2"]);
    let edges = actor_edges(&parsed);
    assert_eq!(edges.len(), 2, "only edges among the kept nodes");
    assert!(edges.iter().all(|(s, _, _)| s == "h0"));
}

#[test]
fn top_n_by_metric_and_min_weight() {
    let g = star();
    let metric: HashMap<String, f64> = [("x", 0.9), ("y", 0.8), ("s8", 0.5), ("h0", 0.1)]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    let o = DrawOptions {
        top: Some(3),
        size_by: Some(("pagerank".into(), metric)),
        ..opts()
    };
    let parsed = graphviz_rust::parse(&dot_string(&g, &o)).unwrap();
    let nodes = actor_nodes(&parsed);
    let mut ids: Vec<&str> = nodes.iter().map(|(id, _)| id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["s8", "x", "y"]);
    let x = nodes.iter().find(|(id, _)| id == "x").unwrap();
    assert_eq!(get(&x.1, "tooltip").unwrap(), "x · unknown · pagerank 0.9");

    // min_weight drops light edges and the actors left without any,
    // but keeps actors that never had edges.
    let o = DrawOptions {
        min_weight: 5.0,
        ..opts()
    };
    let parsed = graphviz_rust::parse(&dot_string(&g, &o)).unwrap();
    let mut ids: Vec<String> = actor_nodes(&parsed).into_iter().map(|(id, _)| id).collect();
    ids.sort();
    assert_eq!(ids, ["h0", "lonely", "s1", "s2", "s3", "s4", "s5"]);
    assert_eq!(actor_edges(&parsed).len(), 5);
}

#[test]
fn empty_graph_is_valid_dot() {
    let g = ActorGraph::new();
    let s = dot_string(&g, &DrawOptions::default());
    let parsed = graphviz_rust::parse(&s).unwrap();
    assert!(legend(&parsed).is_none());
    assert!(actor_nodes(&parsed).is_empty());
}

#[test]
fn nasty_labels_survive_graphviz() {
    if !crate::common::dot_available() {
        return;
    }
    let s = dot_string(&sample(), &opts());
    let svg = dipgraph::export::render::Graphviz::default()
        .render_bytes(&s, dipgraph::export::render::Format::Svg, None)
        .unwrap();
    let svg = String::from_utf8(svg).unwrap();
    // Graphviz unescapes \" and \\ and leaves \N alone after \\.
    assert!(
        svg.contains("Quote &quot; back\\slash \\N 王毅 &lt;b&gt;AT&amp;T end\\"),
        "{svg}"
    );
    assert!(svg.contains("王毅 · person · weighted degree 15"));
    assert!(
        svg.contains(
            "China → Quote &quot; back\\slash \\N 王毅 &lt;b&gt;AT&amp;T end\\ · 2 events"
        )
    );
}
