use crate::common::{dot_available, sample};
use dipgraph::export::dot::{DrawOptions, dot_string};
use dipgraph::export::render::{
    Format, Graphviz, Layout, RenderError, auto_layout, choose_layout, render,
};
use dipgraph::graph::model::ActorGraph;

const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";

fn opts() -> DrawOptions {
    DrawOptions {
        title: "dipgraph — test · 2020".into(),
        ..Default::default()
    }
}

#[test]
fn renders_svg_and_png_files() {
    if !dot_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let text = dot_string(&sample(), &opts());
    let svg = dir.path().join("g.svg");
    let png = dir.path().join("g.png");
    render(&text, Format::Svg, None, &svg).unwrap();
    render(&text, Format::Png, None, &png).unwrap();
    // Both at once, laid out once.
    let (svg2, png2) = (dir.path().join("h.svg"), dir.path().join("h.png"));
    Graphviz::default()
        .render_all(
            &text,
            Some(Layout::Sfdp),
            &[(Format::Svg, &svg2), (Format::Png, &png2)],
        )
        .unwrap();
    assert!(std::fs::read(&png2).unwrap().starts_with(PNG_MAGIC));
    assert!(std::fs::read_to_string(&svg2).unwrap().contains("<svg"));
    let svg = std::fs::read_to_string(&svg).unwrap();
    assert!(svg.starts_with("<?xml") && svg.contains("<svg"));
    assert!(svg.contains("Legend") && svg.contains("Meeting"));
    assert!(svg.contains("dipgraph — test · 2020"));
    let png = std::fs::read(&png).unwrap();
    assert!(png.starts_with(PNG_MAGIC));
}

#[test]
fn renders_with_both_layouts_and_plain_dot() {
    if !dot_available() {
        return;
    }
    let text = dot_string(&sample(), &opts());
    let gv = Graphviz::default();
    for layout in [Layout::Dot, Layout::Sfdp] {
        let png = gv.render_bytes(&text, Format::Png, Some(layout)).unwrap();
        assert!(png.starts_with(PNG_MAGIC), "{layout:?}");
    }
    // Any DOT text works, with or without a legend, parseable or not by us.
    let plain = gv
        .render_bytes("graph { a -- b }", Format::Svg, None)
        .unwrap();
    assert!(String::from_utf8(plain).unwrap().contains("<svg"));
    // An empty graph renders too.
    let empty = dot_string(&ActorGraph::new(), &opts());
    assert!(
        gv.render_bytes(&empty, Format::Png, None)
            .unwrap()
            .starts_with(PNG_MAGIC)
    );
}

#[test]
fn graphviz_stderr_is_surfaced() {
    if !dot_available() {
        return;
    }
    let err = Graphviz::default()
        .render_bytes("digraph { a -> ; ", Format::Svg, Some(Layout::Dot))
        .unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, RenderError::Failed { .. }), "{msg}");
    assert!(msg.contains("syntax error"), "{msg}");
}

#[test]
fn missing_binary_gives_install_hint() {
    let empty = tempfile::tempdir().unwrap();
    let text = dot_string(&sample(), &opts());
    let out = empty.path().join("never.svg");
    let err = Graphviz::in_dir(empty.path())
        .render(&text, Format::Svg, None, &out)
        .unwrap_err();
    assert!(matches!(err, RenderError::NotInstalled { .. }));
    assert_eq!(
        err.to_string(),
        "Graphviz is not installed: `dot` not found on PATH — install it with \
         `sudo apt-get install graphviz` (Debian/Ubuntu) or `brew install graphviz` (macOS), \
         or run `make setup`"
    );
    assert!(!out.exists());
}

#[test]
fn layout_choice() {
    assert_eq!(choose_layout(60, 150), Layout::Dot);
    assert_eq!(choose_layout(61, 10), Layout::Sfdp);
    assert_eq!(choose_layout(10, 151), Layout::Sfdp);
    assert_eq!(auto_layout(&dot_string(&sample(), &opts())), Layout::Dot);
    // 70 actors in a ring: the legend's nodes are not counted.
    let mut g = ActorGraph::new();
    for i in 0..70 {
        g.add_edge(
            &format!("n{i}"),
            &format!("n{}", (i + 1) % 70),
            crate::common::edge("meet", 1.0, None, None),
        );
    }
    assert_eq!(auto_layout(&dot_string(&g, &opts())), Layout::Sfdp);
    let top = DrawOptions {
        top: Some(50),
        ..opts()
    };
    assert_eq!(auto_layout(&dot_string(&g, &top)), Layout::Dot);
}
