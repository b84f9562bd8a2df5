use crate::common::{NASTY_ID, NASTY_LABEL, sample};
use dipgraph::export::Labels;
use dipgraph::export::gephi::{write_edges_csv, write_nodes_csv};
use dipgraph::export::graphml::write_graphml;
use std::collections::HashMap;

fn metrics() -> Vec<(String, HashMap<String, f64>)> {
    let pr: HashMap<String, f64> = [("wang_yi", 0.4), ("CHN", 0.125), (NASTY_ID, 0.05)]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    let deg: HashMap<String, f64> = [("wang_yi", 4.0)]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    vec![("pagerank".into(), pr), ("degree".into(), deg)]
}

#[test]
fn graphml_parses_back() {
    let g = sample();
    let m = metrics();
    let mut buf = Vec::new();
    write_graphml(&g, Some(&m), Labels::En, &mut buf).unwrap();
    let xml = String::from_utf8(buf).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("valid XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "graphml");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://graphml.graphdrawing.org/xmlns")
    );

    // yEd's graphics keys have a yfiles.type instead of a name and type.
    let keys: HashMap<String, (String, String, String)> = root
        .children()
        .filter(|n| n.has_tag_name("key") && n.attribute("yfiles.type").is_none())
        .map(|k| {
            (
                k.attribute("id").unwrap().to_string(),
                (
                    k.attribute("for").unwrap().to_string(),
                    k.attribute("attr.name").unwrap().to_string(),
                    k.attribute("attr.type").unwrap().to_string(),
                ),
            )
        })
        .collect();
    let key_for = |name: &str| {
        keys.iter()
            .find(|(_, (_, n, _))| n == name)
            .map(|(id, (f, _, t))| (id.clone(), f.clone(), t.clone()))
            .unwrap()
    };
    assert_eq!(key_for("label_zh").1, "node");
    // Gephi and networkx take a node's and an edge's label from `label`.
    let labels: Vec<&(String, String, String)> =
        keys.values().filter(|(_, n, _)| n == "label").collect();
    assert_eq!(labels.len(), 2, "one label key for nodes, one for edges");
    let yfiles: Vec<(&str, &str)> = root
        .children()
        .filter_map(|k| Some((k.attribute("id")?, k.attribute("yfiles.type")?)))
        .collect();
    assert_eq!(yfiles, [("d3", "nodegraphics"), ("d7", "edgegraphics")]);
    assert_eq!(key_for("type").2, "string");
    let (pr_key, pr_for, pr_type) = key_for("pagerank");
    assert_eq!((pr_for.as_str(), pr_type.as_str()), ("node", "double"));
    assert_eq!(key_for("degree").2, "double");
    assert_eq!(
        key_for("weight"),
        ("weight".into(), "edge".into(), "double".into())
    );
    assert_eq!(key_for("directed").2, "boolean");
    assert_eq!(key_for("first_date").1, "edge");

    let graph = root.children().find(|n| n.has_tag_name("graph")).unwrap();
    assert_eq!(graph.attribute("edgedefault"), Some("directed"));
    let nodes: Vec<_> = graph
        .children()
        .filter(|n| n.has_tag_name("node"))
        .collect();
    let edges: Vec<_> = graph
        .children()
        .filter(|n| n.has_tag_name("edge"))
        .collect();
    assert_eq!(nodes.len(), g.node_count());
    assert_eq!(edges.len(), g.edge_count());

    let data = |el: roxmltree::Node, key: &str| {
        el.children()
            .find(|d| d.has_tag_name("data") && d.attribute("key") == Some(key))
            .map(|d| d.text().unwrap_or("").to_string())
    };
    let wang = nodes
        .iter()
        .find(|n| n.attribute("id") == Some("wang_yi"))
        .unwrap();
    assert_eq!(data(*wang, "label_zh").as_deref(), Some("王毅"));
    assert_eq!(data(*wang, "label_en").as_deref(), Some("Wang Yi"));
    assert_eq!(data(*wang, "label").as_deref(), Some("Wang Yi"));
    let yed_label = wang
        .descendants()
        .find(|n| n.has_tag_name(("http://www.yworks.com/xml/graphml", "NodeLabel")))
        .and_then(|n| n.text());
    assert_eq!(yed_label, Some("Wang Yi"));
    assert_eq!(data(*wang, "type").as_deref(), Some("person"));
    assert_eq!(data(*wang, &pr_key).as_deref(), Some("0.4"));
    let nasty = nodes
        .iter()
        .find(|n| n.attribute("id") == Some(NASTY_ID))
        .unwrap();
    assert_eq!(data(*nasty, "label_en").as_deref(), Some(NASTY_LABEL));
    assert_eq!(data(*nasty, "label_zh").as_deref(), Some("联合国\""));
    let kang = nodes
        .iter()
        .find(|n| n.attribute("id") == Some("kang"))
        .unwrap();
    assert_eq!(
        data(*kang, &pr_key),
        None,
        "missing metric values are omitted"
    );

    let call = edges
        .iter()
        .find(|e| data(**e, "relation").as_deref() == Some("call"))
        .unwrap();
    assert_eq!(call.attribute("source"), Some("wang_yi"));
    assert_eq!(call.attribute("target"), Some("kang"));
    // networkx refuses a directed=false edge in a directed graph: the
    // edge's meaning is in the `directed` data key only.
    assert_eq!(call.attribute("directed"), None);
    assert_eq!(data(*call, "edge_label").as_deref(), Some("Phone call"));
    assert_eq!(data(*call, "weight").as_deref(), Some("5"));
    assert_eq!(data(*call, "first_date").as_deref(), Some("2020-02"));
    assert_eq!(data(*call, "directed").as_deref(), Some("false"));
    let support = edges
        .iter()
        .find(|e| data(**e, "relation").as_deref() == Some("support"))
        .unwrap();
    assert_eq!(support.attribute("target"), Some(NASTY_ID));
    assert_eq!(data(*support, "directed").as_deref(), Some("true"));
    assert!(
        edges.iter().all(|e| e.attribute("directed").is_none()),
        "no edge carries GraphML's directed attribute"
    );
    // yEd draws what its graphics keys say: an arrow for directed
    // relations only, the relation's colour.
    let arrows = |e: roxmltree::Node| {
        e.children()
            .find(|d| d.attribute("key") == Some("d7"))
            .unwrap()
            .descendants()
            .find(|n| n.tag_name().name() == "Arrows")
            .and_then(|n| n.attribute("target"))
            .map(String::from)
    };
    assert_eq!(arrows(*support).as_deref(), Some("standard"));
    assert_eq!(arrows(*call).as_deref(), Some("none"));
    let crit = edges
        .iter()
        .find(|e| data(**e, "relation").as_deref() == Some("criticize"))
        .unwrap();
    assert_eq!(data(*crit, "first_date"), None);
    // Edge ids are unique.
    let mut ids: Vec<_> = edges.iter().map(|e| e.attribute("id").unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), edges.len());
}

#[test]
fn graphml_without_metrics_and_with_control_chars() {
    let mut g = sample();
    g.add_node(crate::common::node(
        "ctl",
        "bell\u{7}tab\tnl\n",
        "",
        "unknown",
    ));
    let mut buf = Vec::new();
    write_graphml(&g, None, Labels::Zh, &mut buf).unwrap();
    let xml = String::from_utf8(buf).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("valid XML");
    let keys = doc.descendants().filter(|n| n.has_tag_name("key")).count();
    assert_eq!(keys, 12);
    let ctl = doc
        .descendants()
        .find(|n| n.has_tag_name("node") && n.attribute("id") == Some("ctl"))
        .unwrap();
    let label = ctl
        .children()
        .find(|d| d.attribute("key") == Some("label_en"))
        .unwrap();
    assert_eq!(label.text(), Some("bell\u{FFFD}tab\tnl\n"));
    // --labels zh, and a node without a Chinese name falls back to English.
    let wang = doc
        .descendants()
        .find(|n| n.has_tag_name("node") && n.attribute("id") == Some("wang_yi"))
        .unwrap();
    let shown = |n: roxmltree::Node| {
        n.children()
            .find(|d| d.attribute("key") == Some("label"))
            .and_then(|d| d.text())
            .map(String::from)
    };
    assert_eq!(shown(wang).as_deref(), Some("王毅"));
    assert_eq!(shown(ctl).as_deref(), Some("bell\u{FFFD}tab\tnl\n"));
}

#[test]
fn gephi_csv_pair() {
    let g = sample();
    let m = metrics();
    let mut nodes = Vec::new();
    write_nodes_csv(&g, Some(&m), Labels::En, &mut nodes).unwrap();
    let mut r = csv::Reader::from_reader(nodes.as_slice());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "Id", "Label", "Type", "label_en", "label_zh", "pagerank", "degree"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), g.node_count());
    let wang = rows.iter().find(|r| &r[0] == "wang_yi").unwrap();
    assert_eq!(
        wang.iter().collect::<Vec<_>>(),
        [
            "wang_yi", "Wang Yi", "person", "Wang Yi", "王毅", "0.4", "4"
        ]
    );
    let nasty = rows.iter().find(|r| &r[0] == NASTY_ID).unwrap();
    assert_eq!(&nasty[1], NASTY_LABEL);
    assert_eq!(&nasty[4], "联合国\"");
    assert_eq!(&nasty[6], "");

    let mut edges = Vec::new();
    write_edges_csv(&g, &mut edges).unwrap();
    let mut r = csv::Reader::from_reader(edges.as_slice());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "Source",
            "Target",
            "Type",
            "Kind",
            "Label",
            "Weight",
            "relation",
            "first_date",
            "last_date"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), g.edge_count());
    assert_eq!(
        rows[0].iter().collect::<Vec<_>>(),
        [
            "wang_yi",
            "kang",
            "Undirected",
            "meet",
            "Meeting",
            "3",
            "meet",
            "2020-01-05",
            "2020-11-26"
        ]
    );
    // The parallel call edge of the same pair has its own Kind, so Gephi
    // keeps both.
    assert_eq!(
        rows.iter()
            .filter(|r| &r[0] == "wang_yi" && &r[1] == "kang")
            .map(|r| r[3].to_string())
            .collect::<Vec<_>>(),
        ["meet", "call"]
    );
    let visit = rows.iter().find(|r| &r[3] == "visit").unwrap();
    assert_eq!(
        visit.iter().collect::<Vec<_>>(),
        [
            "wang_yi",
            "KOR",
            "Directed",
            "visit",
            "Visit",
            "1",
            "visit",
            "2020-11-25",
            ""
        ]
    );
    assert!(
        rows.iter()
            .any(|r| &r[1] == NASTY_ID && &r[2] == "Directed")
    );

    // Without metrics: just the five fixed columns; --labels both.
    let mut nodes = Vec::new();
    write_nodes_csv(&g, None, Labels::Both, &mut nodes).unwrap();
    let mut r = csv::Reader::from_reader(nodes.as_slice());
    assert_eq!(r.headers().unwrap().len(), 5);
    let wang = r
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == "wang_yi")
        .unwrap();
    assert_eq!(&wang[1], "Wang Yi 王毅");
}
