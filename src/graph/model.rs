//! The actor graph: actors as nodes, one edge per (relation, actor pair)
//! with the number of events and their first/last dates. Built from the
//! store (via SPARQL, elsewhere) or from any Gephi-style edge list.

use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Stable id, e.g. `wang_yi`, `CHN`, or whatever an edge list names.
    pub id: String,
    pub label_en: String,
    pub label_zh: String,
    /// `person`, `state`, `org`, or `unknown` (edge lists carry no type).
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// One of the ten relations (`meet`, `call`, `visit`, `invite`, `agree`,
    /// `cooperate`, `appeal`, `support`, `criticize`, `concern`), or empty
    /// for an edge list without a relation column.
    pub relation: String,
    /// Number of events (or the edge list's Weight).
    pub weight: f64,
    /// ISO dates as the store gives them (`2020-11-26`, `2020-11`, `2020`).
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// false for meet/call/agree/cooperate and for undirected edge lists:
    /// the edge is stored once (source → target) but means both ways.
    pub directed: bool,
}

/// A multigraph: several edges (one per relation) may join one pair.
#[derive(Debug, Clone, Default)]
pub struct ActorGraph {
    pub graph: DiGraph<Node, Edge>,
    pub index: HashMap<String, NodeIndex>,
}

impl ActorGraph {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the node, or returns the existing one with that id.
    pub fn add_node(&mut self, node: Node) -> NodeIndex {
        if let Some(&ix) = self.index.get(&node.id) {
            return ix;
        }
        let id = node.id.clone();
        let ix = self.graph.add_node(node);
        self.index.insert(id, ix);
        ix
    }

    pub fn add_edge(&mut self, source: &str, target: &str, edge: Edge) {
        let s = self.ensure(source);
        let t = self.ensure(target);
        self.graph.add_edge(s, t, edge);
    }

    fn ensure(&mut self, id: &str) -> NodeIndex {
        match self.index.get(id) {
            Some(&ix) => ix,
            None => self.add_node(Node {
                id: id.to_string(),
                label_en: id.to_string(),
                label_zh: String::new(),
                kind: "unknown".to_string(),
            }),
        }
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
}
