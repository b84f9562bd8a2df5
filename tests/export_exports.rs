mod common;

use common::{NASTY_ID, NASTY_LABEL, sample};
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
    write_graphml(&g, Some(&m), &mut buf).unwrap();
    let xml = String::from_utf8(buf).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("valid XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "graphml");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://graphml.graphdrawing.org/xmlns")
    );

    let keys: HashMap<String, (String, String, String)> = root
        .children()
        .filter(|n| n.has_tag_name("key"))
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
    assert_eq!(call.attribute("directed"), Some("false"));
    assert_eq!(data(*call, "weight").as_deref(), Some("5"));
    assert_eq!(data(*call, "first_date").as_deref(), Some("2020-02"));
    assert_eq!(data(*call, "directed").as_deref(), Some("false"));
    let support = edges
        .iter()
        .find(|e| data(**e, "relation").as_deref() == Some("support"))
        .unwrap();
    assert_eq!(support.attribute("target"), Some(NASTY_ID));
    assert_eq!(support.attribute("directed"), Some("true"));
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
    g.add_node(common::node("ctl", "bell\u{7}tab\tnl\n", "", "unknown"));
    let mut buf = Vec::new();
    write_graphml(&g, None, &mut buf).unwrap();
    let xml = String::from_utf8(buf).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("valid XML");
    let keys = doc.descendants().filter(|n| n.has_tag_name("key")).count();
    assert_eq!(keys, 8);
    let ctl = doc
        .descendants()
        .find(|n| n.has_tag_name("node") && n.attribute("id") == Some("ctl"))
        .unwrap();
    let label = ctl
        .children()
        .find(|d| d.attribute("key") == Some("label_en"))
        .unwrap();
    assert_eq!(label.text(), Some("bell\u{FFFD}tab\tnl\n"));
}

#[test]
fn gephi_csv_pair() {
    let g = sample();
    let m = metrics();
    let mut nodes = Vec::new();
    write_nodes_csv(&g, Some(&m), &mut nodes).unwrap();
    let mut r = csv::Reader::from_reader(nodes.as_slice());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        ["Id", "Label", "Type", "label_zh", "pagerank", "degree"]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), g.node_count());
    let wang = rows.iter().find(|r| &r[0] == "wang_yi").unwrap();
    assert_eq!(
        wang.iter().collect::<Vec<_>>(),
        ["wang_yi", "Wang Yi", "person", "王毅", "0.4", "4"]
    );
    let nasty = rows.iter().find(|r| &r[0] == NASTY_ID).unwrap();
    assert_eq!(&nasty[1], NASTY_LABEL);
    assert_eq!(&nasty[3], "联合国\"");
    assert_eq!(&nasty[5], "");

    let mut edges = Vec::new();
    write_edges_csv(&g, &mut edges).unwrap();
    let mut r = csv::Reader::from_reader(edges.as_slice());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "Source",
            "Target",
            "Type",
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
            "3",
            "meet",
            "2020-01-05",
            "2020-11-26"
        ]
    );
    let visit = rows.iter().find(|r| &r[4] == "visit").unwrap();
    assert_eq!(
        visit.iter().collect::<Vec<_>>(),
        ["wang_yi", "KOR", "Directed", "1", "visit", "2020-11-25", ""]
    );
    assert!(
        rows.iter()
            .any(|r| &r[1] == NASTY_ID && &r[2] == "Directed")
    );

    // Without metrics: just the four fixed columns.
    let mut nodes = Vec::new();
    write_nodes_csv(&g, None, &mut nodes).unwrap();
    let mut r = csv::Reader::from_reader(nodes.as_slice());
    assert_eq!(r.headers().unwrap().len(), 4);
}
