//! Rendering DOT text to SVG or PNG with the Graphviz command-line tool.
//!
//! The graph is laid out by `dot` (small graphs) or `sfdp` (large ones),
//! asked for `-Tdot` output with positions. If the text has a
//! `cluster_legend` (as [`crate::export::dot::to_dot`] makes), the legend is taken
//! out before the layout and pinned beside the finished drawing (its nodes
//! carry relative `pos` values), then `neato -n2` draws everything with the
//! positions as they are. Text without a legend is drawn in one run.
//!
//! Only the `dot` executable is used (`-K` picks the engine), so the
//! executable's directory can be injected with [`Graphviz::in_dir`].

use crate::export::dot::{LEGEND_ID, LEGEND_PREFIX};
use graphviz_rust::dot_structures::EdgeTy;
use graphviz_rust::dot_structures::{
    Attribute, Graph, GraphAttributes, Id, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Layout engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Hierarchical; for small graphs.
    Dot,
    /// Multiscale force-directed; for large graphs.
    Sfdp,
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
}

impl Format {
    fn flag(self) -> &'static str {
        match self {
            Format::Svg => "-Tsvg",
            Format::Png => "-Tpng",
        }
    }
}

/// Largest graph drawn with `dot`.
pub const DOT_MAX_NODES: usize = 60;
pub const DOT_MAX_EDGES: usize = 150;
/// PNG resolution and the largest drawing (inches; Graphviz scales larger
/// drawings down to fit, so PNGs stay ≤ 6000 px a side).
pub const PNG_DPI: u32 = 150;
pub const PNG_MAX_INCHES: u32 = 40;

/// `dot` for ≤ 60 nodes and ≤ 150 edges, else `sfdp`.
pub fn choose_layout(nodes: usize, edges: usize) -> Layout {
    if nodes <= DOT_MAX_NODES && edges <= DOT_MAX_EDGES {
        Layout::Dot
    } else {
        Layout::Sfdp
    }
}

/// Above this many nodes × edges, `sfdp` draws straight edges instead of
/// routing splines around nodes: routing costs about n·e (≈ 7 s for 120
/// nodes and 450 edges on 2 cores, ≈ 100 s for 400 and 1200).
pub const SFDP_SPLINE_BUDGET: usize = 120_000;

impl Layout {
    /// Command-line arguments selecting and tuning the engine for a graph
    /// of `nodes` nodes and `edges` edges.
    pub fn args(self, nodes: usize, edges: usize) -> Vec<String> {
        match self {
            Layout::Dot => vec!["-Kdot".into()],
            Layout::Sfdp => {
                let splines = if nodes.saturating_mul(edges) <= SFDP_SPLINE_BUDGET {
                    // Route edges around nodes; draws parallel edges apart.
                    "-Gsplines=true"
                } else {
                    "-Gsplines=line"
                };
                [
                    "-Ksfdp",
                    // Remove node overlaps (labels included) after the layout…
                    "-Goverlap=prism",
                    "-Goverlap_scaling=3",
                    // …keeping this much space around every node (points).
                    "-Gsep=+14",
                    "-Gesep=+6",
                    splines,
                    // Natural edge length (inches); stronger far repulsion.
                    "-GK=1.1",
                    "-Grepulsiveforce=1.5",
                ]
                .iter()
                .map(|s| s.to_string())
                .collect()
            }
        }
    }
}

/// Why rendering failed.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error(
        "Graphviz is not installed: `{program}` not found on PATH — install it with \
         `sudo apt-get install graphviz` (Debian/Ubuntu) or `brew install graphviz` (macOS), \
         or run `make setup`"
    )]
    NotInstalled { program: String },
    #[error("Graphviz `{program} {args}` failed ({status}):\n{stderr}")]
    Failed {
        program: String,
        args: String,
        status: String,
        stderr: String,
    },
    #[error("Graphviz `{program}` gave output this tool cannot use: {reason}")]
    BadOutput { program: String, reason: String },
    #[error("cannot run Graphviz `{program}`: {source}")]
    Io {
        program: String,
        #[source]
        source: io::Error,
    },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// Where the Graphviz `dot` executable is.
#[derive(Debug, Clone)]
pub struct Graphviz {
    /// Executable name or path; `dot` (looked up on PATH) by default.
    pub program: PathBuf,
}

impl Default for Graphviz {
    fn default() -> Self {
        Self {
            program: PathBuf::from("dot"),
        }
    }
}

/// Renders with the `dot` found on PATH. See [`Graphviz::render`].
pub fn render(
    dot_text: &str,
    format: Format,
    layout: Option<Layout>,
    output: &Path,
) -> Result<(), RenderError> {
    Graphviz::default().render(dot_text, format, layout, output)
}

/// The layout [`render`] picks for this text when given none.
pub fn auto_layout(dot_text: &str) -> Layout {
    match graphviz_rust::parse(dot_text) {
        Ok(g) => {
            let (n, e) = count(graph_stmts(&g));
            choose_layout(n, e)
        }
        Err(_) => Layout::Sfdp,
    }
}

impl Graphviz {
    /// Uses `dir/dot`.
    pub fn in_dir(dir: &Path) -> Self {
        Self {
            program: dir.join("dot"),
        }
    }

    fn name(&self) -> String {
        self.program
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.program.display().to_string())
    }

    /// Runs Graphviz with `input` on stdin and returns its stdout.
    fn run(&self, args: &[String], input: &str) -> Result<Vec<u8>, RenderError> {
        let program = self.name();
        let mut child = Command::new(&self.program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| match e.kind() {
                io::ErrorKind::NotFound => RenderError::NotInstalled {
                    program: program.clone(),
                },
                _ => RenderError::Io {
                    program: program.clone(),
                    source: e,
                },
            })?;
        let mut stdin = child.stdin.take().expect("stdin is piped");
        let input = input.to_owned();
        // Feed stdin from a thread so a large output cannot deadlock us.
        let writer = std::thread::spawn(move || {
            let r = stdin.write_all(input.as_bytes());
            drop(stdin);
            r
        });
        let out = child.wait_with_output().map_err(|e| RenderError::Io {
            program: program.clone(),
            source: e,
        })?;
        let written = writer.join().expect("stdin writer does not panic");
        if !out.status.success() {
            return Err(RenderError::Failed {
                program,
                args: args.join(" "),
                status: out.status.to_string(),
                stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
            });
        }
        written.map_err(|e| RenderError::Io {
            program: program.clone(),
            source: e,
        })?;
        if out.stdout.is_empty() {
            return Err(RenderError::BadOutput {
                program,
                reason: format!(
                    "no output; stderr: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                ),
            });
        }
        Ok(out.stdout)
    }

    /// Lays out `dot_text` (with `layout`, or [`choose_layout`] by its node
    /// and edge count, legend excluded) and writes `format` to `output`.
    pub fn render(
        &self,
        dot_text: &str,
        format: Format,
        layout: Option<Layout>,
        output: &Path,
    ) -> Result<(), RenderError> {
        self.render_all(dot_text, layout, &[(format, output)])
    }

    /// Lays out once and writes each (format, path).
    pub fn render_all(
        &self,
        dot_text: &str,
        layout: Option<Layout>,
        outputs: &[(Format, &Path)],
    ) -> Result<(), RenderError> {
        let (args, input) = self.prepare(dot_text, layout)?;
        for &(format, path) in outputs {
            let bytes = self.draw(&args, &input, format)?;
            std::fs::write(path, bytes).map_err(|source| RenderError::Write {
                path: path.to_path_buf(),
                source,
            })?;
        }
        Ok(())
    }

    /// Like [`Graphviz::render`], returning the image bytes.
    pub fn render_bytes(
        &self,
        dot_text: &str,
        format: Format,
        layout: Option<Layout>,
    ) -> Result<Vec<u8>, RenderError> {
        let (args, input) = self.prepare(dot_text, layout)?;
        self.draw(&args, &input, format)
    }

    fn draw(&self, args: &[String], input: &str, format: Format) -> Result<Vec<u8>, RenderError> {
        let mut args = args.to_vec();
        args.push(format.flag().to_string());
        if format == Format::Png {
            args.push(format!("-Gdpi={PNG_DPI}"));
            args.push(format!("-Gsize={PNG_MAX_INCHES},{PNG_MAX_INCHES}"));
        }
        self.run(&args, input)
    }

    /// The engine arguments and input text that draw the graph: with a
    /// legend, the layout is done here and drawing is `neato -n2`.
    fn prepare(
        &self,
        dot_text: &str,
        layout: Option<Layout>,
    ) -> Result<(Vec<String>, String), RenderError> {
        let Ok(parsed) = graphviz_rust::parse(dot_text) else {
            // Not for our parser: let Graphviz draw it as it is.
            let layout = layout.unwrap_or(Layout::Sfdp);
            return Ok((layout.args(0, 0), dot_text.to_string()));
        };
        let (main, legend) = split_legend(parsed);
        let (n, e) = count(graph_stmts(&main));
        let layout = layout.unwrap_or_else(|| choose_layout(n, e));
        let main_text = main.print(&mut PrinterContext::default());
        let Some(legend) = legend else {
            return Ok((layout.args(n, e), main_text));
        };
        let mut args = layout.args(n, e);
        args.push("-Tdot".into());
        let laid = self.run(&args, &main_text)?;
        let laid = String::from_utf8(laid).map_err(|e| self.bad(e.to_string()))?;
        let laid = graphviz_rust::parse(&quote_non_ascii_ids(&laid)).map_err(|e| self.bad(e))?;
        let combined = attach_legend(laid, legend).map_err(|e| self.bad(e.to_string()))?;
        Ok((
            vec!["-Kneato".to_string(), "-n2".to_string()],
            combined.print(&mut PrinterContext::default()),
        ))
    }

    fn bad(&self, reason: String) -> RenderError {
        RenderError::BadOutput {
            program: self.name(),
            reason,
        }
    }
}

/// Graphviz writes ids with non-ASCII letters unquoted (`label=Türkiye`),
/// which DOT allows but graphviz-rust's parser does not: quote them.
fn quote_non_ascii_ids(text: &str) -> String {
    let is_id_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || !c.is_ascii();
    let mut out = String::with_capacity(text.len() + 64);
    let mut chars = text.chars().peekable();
    let mut in_quote = false;
    while let Some(c) = chars.next() {
        if in_quote {
            out.push(c);
            match c {
                '\\' => {
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                }
                '"' => in_quote = false,
                _ => {}
            }
            continue;
        }
        if c == '"' {
            in_quote = true;
            out.push(c);
            continue;
        }
        if is_id_char(c) {
            let mut word = String::from(c);
            while let Some(&n) = chars.peek() {
                if !is_id_char(n) {
                    break;
                }
                word.push(n);
                chars.next();
            }
            if word.is_ascii() {
                out.push_str(&word);
            } else {
                out.push('"');
                out.push_str(&word);
                out.push('"');
            }
            continue;
        }
        out.push(c);
    }
    out
}

fn graph_stmts(g: &Graph) -> &Vec<Stmt> {
    match g {
        Graph::Graph { stmts, .. } | Graph::DiGraph { stmts, .. } => stmts,
    }
}

fn graph_stmts_mut(g: &mut Graph) -> &mut Vec<Stmt> {
    match g {
        Graph::Graph { stmts, .. } | Graph::DiGraph { stmts, .. } => stmts,
    }
}

/// The unquoted text of an id.
fn id_text(id: &Id) -> String {
    match id {
        Id::Escaped(s) => {
            let inner = s
                .strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .unwrap_or(s);
            inner.replace("\\\n", "")
        }
        Id::Html(s) | Id::Plain(s) | Id::Anonymous(s) => s.clone(),
    }
}

fn is_legend(id: &Id) -> bool {
    id_text(id) == LEGEND_ID
}

/// Removes the top-level `cluster_legend` subgraph.
fn split_legend(mut g: Graph) -> (Graph, Option<Subgraph>) {
    let stmts = graph_stmts_mut(&mut g);
    let mut legend = None;
    stmts.retain(|s| match s {
        Stmt::Subgraph(sg) if is_legend(&sg.id) && legend.is_none() => {
            legend = Some(sg.clone());
            false
        }
        _ => true,
    });
    (g, legend)
}

/// Distinct nodes and edges in `stmts` (recursively).
fn count(stmts: &[Stmt]) -> (usize, usize) {
    fn walk(stmts: &[Stmt], nodes: &mut HashSet<String>, edges: &mut usize) {
        for s in stmts {
            match s {
                Stmt::Node(n) => {
                    nodes.insert(id_text(&n.id.0));
                }
                Stmt::Subgraph(sg) => walk(&sg.stmts, nodes, edges),
                Stmt::Edge(e) => {
                    let vs: Vec<&Vertex> = match &e.ty {
                        EdgeTy::Pair(a, b) => vec![a, b],
                        EdgeTy::Chain(v) => v.iter().collect(),
                    };
                    *edges += vs.len().saturating_sub(1);
                    for v in vs {
                        match v {
                            Vertex::N(id) => {
                                nodes.insert(id_text(&id.0));
                            }
                            Vertex::S(sg) => walk(&sg.stmts, nodes, edges),
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut nodes = HashSet::new();
    let mut edges = 0;
    walk(stmts, &mut nodes, &mut edges);
    (nodes.len(), edges)
}

fn attr_value<'a>(attrs: &'a [Attribute], key: &str) -> Option<&'a Id> {
    attrs.iter().find(|a| id_text(&a.0) == key).map(|a| &a.1)
}

fn set_attr(attrs: &mut Vec<Attribute>, key: &str, value: String) {
    let value = Id::Escaped(format!("\"{value}\""));
    match attrs.iter_mut().find(|a| id_text(&a.0) == key) {
        Some(a) => a.1 = value,
        None => attrs.push(Attribute(Id::Plain(key.to_string()), value)),
    }
}

fn parse_point(s: &str) -> Option<(f64, f64)> {
    let s = s.trim().trim_end_matches('!');
    let (x, y) = s.split_once(',')?;
    Some((x.trim().parse().ok()?, y.trim().parse().ok()?))
}

fn parse_bb(s: &str) -> Option<[f64; 4]> {
    let v: Vec<f64> = s
        .split(',')
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .ok()?;
    v.try_into().ok()
}

fn fmt_bb(b: [f64; 4]) -> String {
    format!("{:.2},{:.2},{:.2},{:.2}", b[0], b[1], b[2], b[3])
}

/// Root graph attributes set by `graph [...]` statements or `k=v` lines.
fn root_attr(stmts: &[Stmt], key: &str) -> Option<String> {
    let mut found = None;
    for s in stmts {
        match s {
            Stmt::GAttribute(GraphAttributes::Graph(attrs)) => {
                if let Some(v) = attr_value(attrs, key) {
                    found = Some(id_text(v));
                }
            }
            Stmt::Attribute(a) if id_text(&a.0) == key => found = Some(id_text(&a.1)),
            _ => {}
        }
    }
    found
}

/// A `k=v` attribute statement directly in `stmts`.
fn attr_value_stmts(stmts: &[Stmt], key: &str) -> Option<String> {
    stmts.iter().find_map(|s| match s {
        Stmt::Attribute(a) if id_text(&a.0) == key => Some(id_text(&a.1)),
        _ => None,
    })
}

fn set_root_attr(stmts: &mut Vec<Stmt>, key: &str, value: String) {
    for s in stmts.iter_mut() {
        match s {
            Stmt::GAttribute(GraphAttributes::Graph(attrs)) if attr_value(attrs, key).is_some() => {
                set_attr(attrs, key, value);
                return;
            }
            Stmt::Attribute(a) if id_text(&a.0) == key => {
                a.1 = Id::Escaped(format!("\"{value}\""));
                return;
            }
            _ => {}
        }
    }
    stmts.insert(
        0,
        Stmt::Attribute(Attribute(
            Id::Plain(key.to_string()),
            Id::Escaped(format!("\"{value}\"")),
        )),
    );
}

/// Gap between the drawing and the legend, legend padding, and the room
/// for the legend's own label (points).
const LEGEND_GAP: f64 = 36.0;
const LEGEND_PAD: f64 = 12.0;

/// What Graphviz's layout lacks for the legend to be placed beside it.
#[derive(Debug, thiserror::Error)]
enum LegendError {
    #[error("no bounding box (bb) in the layout")]
    NoBoundingBox,
    #[error("legend node without a valid pos")]
    NoPosition,
}

/// Puts the legend's nodes (relative `pos`) to the right of the laid-out
/// graph, top-aligned below the title; sets the cluster's `bb`/`lp`, widens
/// the root `bb` and recentres the title.
fn attach_legend(mut laid: Graph, mut legend: Subgraph) -> Result<Graph, LegendError> {
    let stmts = graph_stmts_mut(&mut laid);
    let bb = root_attr(stmts, "bb")
        .and_then(|s| parse_bb(&s))
        .ok_or(LegendError::NoBoundingBox)?;
    let title_h = match (root_attr(stmts, "label"), root_attr(stmts, "lp")) {
        (Some(l), Some(lp)) if !l.is_empty() => parse_point(&lp)
            .map(|(_, y)| (bb[3] - y) * 2.0 + 6.0)
            .unwrap_or(30.0),
        _ => 0.0,
    };

    // Legend nodes only (no rank helpers, no invisible edges), with extents.
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    fn flatten(
        stmts: Vec<Stmt>,
        nodes: &mut Vec<Stmt>,
        edges: &mut Vec<Stmt>,
        attrs: &mut Vec<Stmt>,
        top: bool,
    ) {
        for s in stmts {
            match s {
                Stmt::Node(ref n) if attr_value(&n.attributes, "pos").is_some() => nodes.push(s),
                Stmt::Edge(ref e) => {
                    let invis =
                        attr_value(&e.attributes, "style").map(id_text).as_deref() == Some("invis");
                    if !invis {
                        edges.push(s);
                    }
                }
                Stmt::Subgraph(sg) => flatten(sg.stmts, nodes, edges, attrs, false),
                Stmt::Attribute(_) | Stmt::GAttribute(_) if top => attrs.push(s),
                _ => {}
            }
        }
    }
    let label_size = attr_value_stmts(&legend.stmts, "fontsize")
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(14.0);
    let legend_label = label_size * 1.8;
    let mut legend_attrs = Vec::new();
    flatten(
        std::mem::take(&mut legend.stmts),
        &mut nodes,
        &mut edges,
        &mut legend_attrs,
        true,
    );
    let mut ext = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    let mut rel = Vec::new();
    for s in &nodes {
        let Stmt::Node(n) = s else { continue };
        let (x, y) = attr_value(&n.attributes, "pos")
            .and_then(|p| parse_point(&id_text(p)))
            .ok_or(LegendError::NoPosition)?;
        let inch = |k: &str| {
            attr_value(&n.attributes, k)
                .and_then(|v| id_text(v).parse::<f64>().ok())
                .unwrap_or(0.1)
                * 72.0
        };
        let (w, h) = (inch("width"), inch("height"));
        ext = [
            ext[0].min(x - w / 2.0),
            ext[1].min(y - h / 2.0),
            ext[2].max(x + w / 2.0),
            ext[3].max(y + h / 2.0),
        ];
        rel.push((x, y));
    }
    if nodes.is_empty() {
        return Ok(laid);
    }
    // Legend box top-left corner, in the layout's coordinates.
    let left = bb[2] + LEGEND_GAP;
    let top = bb[3] - title_h;
    let dx = left + LEGEND_PAD - ext[0];
    let dy = top - LEGEND_PAD - legend_label - ext[3];
    for (s, (x, y)) in nodes.iter_mut().zip(rel) {
        if let Stmt::Node(n) = s {
            set_attr(
                &mut n.attributes,
                "pos",
                format!("{:.2},{:.2}", x + dx, y + dy),
            );
        }
    }
    let cbb = [
        left,
        ext[1] + dy - LEGEND_PAD,
        ext[2] + dx + LEGEND_PAD,
        top,
    ];
    legend_attrs.push(Stmt::Attribute(Attribute(
        Id::Plain("bb".into()),
        Id::Escaped(format!("\"{}\"", fmt_bb(cbb))),
    )));
    legend_attrs.push(Stmt::Attribute(Attribute(
        Id::Plain("lp".into()),
        Id::Escaped(format!(
            "\"{:.2},{:.2}\"",
            (cbb[0] + cbb[2]) / 2.0,
            top - LEGEND_PAD - legend_label / 2.0 + 4.0
        )),
    )));
    legend.stmts = legend_attrs.into_iter().chain(nodes).chain(edges).collect();

    let union = [
        bb[0],
        bb[1].min(cbb[1] - LEGEND_PAD),
        cbb[2] + LEGEND_PAD,
        bb[3],
    ];
    set_root_attr(stmts, "bb", fmt_bb(union));
    if let Some((_, y)) = root_attr(stmts, "lp").and_then(|s| parse_point(&s)) {
        set_root_attr(
            stmts,
            "lp",
            format!("{:.2},{:.2}", (union[0] + union[2]) / 2.0, y),
        );
    }
    stmts.push(Stmt::Subgraph(legend));
    debug_assert!(LEGEND_PREFIX.starts_with("__"));
    Ok(laid)
}

#[cfg(test)]
mod quoting_tests {
    use super::quote_non_ascii_ids;

    #[test]
    fn non_ascii_ids_are_quoted_and_strings_untouched() {
        assert_eq!(
            quote_non_ascii_ids(r#"a [label=Türkiye, tooltip="土耳其 \" x=Türkiye"];"#),
            r#"a [label="Türkiye", tooltip="土耳其 \" x=Türkiye"];"#
        );
        assert_eq!(
            quote_non_ascii_ids("n1 -> n2 [pos=\"1,2\"]"),
            "n1 -> n2 [pos=\"1,2\"]"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legend_is_pinned_right_of_the_drawing() {
        let laid = graphviz_rust::parse(
            r#"digraph g { graph [bb="0,0,400,300", label="T", lp="200,288"];
               a [pos="10,10", width="0.5", height="0.5"]; }"#,
        )
        .unwrap();
        let legend = graphviz_rust::parse(
            r##"digraph x { subgraph cluster_legend { label="Legend"; fontsize="15";
               "__legend_rel_meet_a" [pos="0.0,0.0", width="0.02"];
               "__legend_rel_meet_b" [pos="56.0,0.0", width="0.02"];
               "__legend_rel_meet_a" -> "__legend_rel_meet_b" [color="#0072B2"];
               "__legend_rel_meet_b" -> "__legend_kind_person" [style="invis"];
               subgraph "__legend_row_0" { rank="same"; "__legend_rel_meet_a"; }
               "__legend_kind_person" [pos="28.0,-26.0", width="0.5", height="0.25"]; } }"##,
        )
        .unwrap();
        let (_, legend) = split_legend(legend);
        let out = attach_legend(laid, legend.unwrap()).unwrap();
        let stmts = graph_stmts(&out);
        let bb = parse_bb(&root_attr(stmts, "bb").unwrap()).unwrap();
        assert!(bb[2] > 400.0 + LEGEND_GAP + 56.0, "root bb widened: {bb:?}");
        let lp = parse_point(&root_attr(stmts, "lp").unwrap()).unwrap();
        assert_eq!(lp, ((bb[0] + bb[2]) / 2.0, 288.0), "title recentred");
        let Some(Stmt::Subgraph(sg)) = stmts.last() else {
            panic!("legend appended")
        };
        let xs: Vec<(f64, f64)> = sg
            .stmts
            .iter()
            .filter_map(|s| match s {
                Stmt::Node(n) => {
                    attr_value(&n.attributes, "pos").and_then(|p| parse_point(&id_text(p)))
                }
                _ => None,
            })
            .collect();
        assert_eq!(xs.len(), 3);
        assert!(xs.iter().all(|&(x, y)| x > 400.0 && y < 300.0 && y > bb[1]));
        // No invisible helper edges or rank subgraphs are kept.
        assert_eq!(
            sg.stmts
                .iter()
                .filter(|s| matches!(s, Stmt::Edge(_)))
                .count(),
            1
        );
        assert!(!sg.stmts.iter().any(|s| matches!(s, Stmt::Subgraph(_))));
        let cbb = parse_bb(&attr_value_stmts(&sg.stmts, "bb").unwrap()).unwrap();
        assert!(cbb[0] >= 400.0 && cbb[2] <= bb[2] && cbb[1] >= bb[1]);
    }

    #[test]
    fn sfdp_drops_spline_routing_for_huge_graphs() {
        assert!(
            Layout::Sfdp
                .args(80, 300)
                .contains(&"-Gsplines=true".to_string())
        );
        assert!(
            Layout::Sfdp
                .args(400, 1200)
                .contains(&"-Gsplines=line".to_string())
        );
        assert!(
            Layout::Sfdp
                .args(1, 1)
                .contains(&"-Goverlap=prism".to_string())
        );
        assert_eq!(Layout::Dot.args(1, 1), ["-Kdot"]);
    }
}
