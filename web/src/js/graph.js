// The actor network: /api/graph under the sidebar's filters, drawn with
// cytoscape.js (fCoSE layout), with tooltips and the selection's highlight.

import { getJson } from './api.js';
import { $, debounce, h } from './dom.js';
import { actorLabel, formatMetric, plural } from './format.js';
import { graphQuery, filtersEmpty, updateRelationCounts, widenDefaults, defaultsNote } from './filters.js';
import { drawHistogram } from './period.js';
import { renderTopActors, renderActorStanding, selectActor, reloadActorPanel } from './actor-panel.js';
import { showDyad, reloadDyadPanel } from './dyad-panel.js';
import { state, view } from './state.js';
import { METRIC_LABELS, RELATION, RELATIONS, relationColour, typeColor } from './vocab.js';

export function setGraphState(value) {
  document.body.dataset.graph = value;
}

export function showGraphMessage(text, isError = false) {
  const box = $('#graph-message');
  box.hidden = !text;
  box.textContent = text || '';
  box.classList.toggle('is-error', isError);
}

/** Fetches the graph for the filters, draws it, and brings the open panels in line. */
export async function loadGraph() {
  const request = ++state.graphRequest;
  setGraphState('loading');
  // An empty relation or type list would mean "all" to the server: draw nothing instead.
  const empty = filtersEmpty();
  if (empty) {
    state.graph = { ...(state.graph || {}), nodes: [], edges: [] };
    drawGraph();
    showGraphMessage(empty);
    setGraphState('ready');
    return;
  }
  try {
    const graph = await getJson(`/api/graph${graphQuery()}`);
    if (request !== state.graphRequest) return;
    const firstView = state.firstView;
    state.firstView = false;
    // The first view is a readable one (the top actors, weight ≥ 2,
    // occurred); on a store too small for it, it widens once.
    if (firstView && widenDefaults(graph)) {
      loadGraph();
      return;
    }
    state.graph = graph;
    for (const node of graph.nodes) if (!state.actors.has(node.id)) state.actors.set(node.id, node);
    drawHistogram();
    drawGraph();
    showGraphMessage(graph.nodes.length ? '' : 'No interactions match these filters.');
    setGraphState('ready');
    // The open panels follow the filters (no-ops when none is open).
    reloadActorPanel();
    reloadDyadPanel();
  } catch (error) {
    if (request !== state.graphRequest) return;
    showGraphMessage(`Cannot load the graph: ${error.message}`, true);
    setGraphState('error');
  }
}

/** Filters changed: say so at once (tests and users see "loading"), fetch after a pause. */
export const loadGraphSoon = (() => {
  const later = debounce(loadGraph, 250);
  return () => {
    state.graphRequest++;
    setGraphState('loading');
    later();
  };
})();

/** The top-N actors by the chosen metric, and the edges among them. */
function visibleSubgraph() {
  const graph = state.graph || { nodes: [], edges: [] };
  const metric = $('#metric').value;
  const topN = Math.max(1, Number($('#top-n').value) || 40);
  const ranked = [...graph.nodes].sort((a, b) => (b[metric] ?? 0) - (a[metric] ?? 0) || a.id.localeCompare(b.id));
  const nodes = ranked.slice(0, topN);
  const ids = new Set(nodes.map((n) => n.id));
  const edges = graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  $('#top-n-hint').textContent = `of ${graph.nodes.length}`;
  return { nodes, edges, metric };
}

/** Edge width grows with the log of its weight (events), capped at 9 px. */
function edgeWidth(edge) {
  return Math.min(9, 1.2 + 1.6 * Math.log2(Math.max(1, edge.weight)));
}

function edgeId(edge) {
  return `${edge.source}|${edge.target}|${edge.relation}`;
}

/** Node diameters from the metric: square-root scaled between 18 and 64 px. */
function nodeSizes(nodes, metric) {
  const values = nodes.map((n) => n[metric] ?? 0);
  const min = Math.min(...values);
  const max = Math.max(...values);
  return new Map(nodes.map((n) => {
    const t = max > min ? Math.sqrt(((n[metric] ?? 0) - min) / (max - min)) : 0.4;
    return [n.id, 18 + t * 46];
  }));
}

export function drawGraph() {
  const { cy } = view;
  const { nodes, edges, metric } = visibleSubgraph();
  const sizes = nodeSizes(nodes, metric);
  // A small graph gets large labels throughout. In a large one the label
  // grows with the node, and (min-zoomed-font-size) only the hubs' labels
  // show until the reader zooms in.
  const large = nodes.length > 60;
  const fontSize = (id) => (large ? 8 + ((sizes.get(id) - 18) / 46) * 10 : 16);
  const key = `${nodes.map((n) => n.id).sort().join(',')}#${edges.map(edgeId).sort().join(',')}`;
  updateRelationCounts();
  renderTopActors(nodes, metric);
  const events = edges.reduce((sum, e) => sum + e.weight, 0);
  $('#graph-summary').replaceChildren(
    h('span', {}, `${plural(nodes.length, 'actor')} · ${plural(edges.length, 'edge')} (${plural(events, 'event')}) · size: ${METRIC_LABELS[metric]}`),
    defaultsNote());
  if (!cy) return;

  if (key === state.drawnKey) {
    // Same actors and edges (the metric changed, or a filter only changed
    // weights): update them in place and keep the layout.
    cy.batch(() => {
      for (const n of nodes) cy.getElementById(n.id).data({ ...n, size: sizes.get(n.id), fontSize: fontSize(n.id) });
      for (const e of edges) cy.getElementById(edgeId(e)).data({ ...e, width: edgeWidth(e) });
    });
    renderActorStanding();
    return;
  }
  state.drawnKey = key;
  cy.batch(() => {
    cy.elements().remove();
    cy.add(nodes.map((n) => ({
      group: 'nodes',
      data: { ...n, label: actorLabel(n), size: sizes.get(n.id), color: typeColor(n.type), fontSize: fontSize(n.id) },
      classes: large ? '' : 'all-labels',
    })));
    cy.add(edges.map((e) => ({
      group: 'edges',
      data: { ...e, id: edgeId(e), color: relationColour(e.relation), width: edgeWidth(e) },
      // Among many edges each is fainter, so the busiest pairs stand out.
      classes: [`rel-${e.relation}`, e.directed ? 'directed' : '', edges.length > 3 * nodes.length ? 'dense' : ''].join(' '),
    })));
  });
  runLayout();
  restoreHighlight();
  renderActorStanding();
}

/**
 * fCoSE when its script loaded (fast and tidy up to hundreds of nodes),
 * else cytoscape's own cose. Many nodes, or many edges among few (the
 * default view's 40 busiest actors), need room between them.
 */
function layoutOptions(nodeCount, edgeCount) {
  const many = nodeCount > 60 || edgeCount > 4 * nodeCount;
  const common = { animate: false, randomize: true, padding: 30, nodeDimensionsIncludeLabels: !many };
  if (window.cytoscape('layout', 'fcose')) {
    return {
      ...common,
      name: 'fcose',
      quality: 'default',
      idealEdgeLength: () => (many ? 120 : 70),
      nodeRepulsion: () => (many ? 60000 : 9000),
      edgeElasticity: () => (many ? 0.1 : 0.45),
      nodeSeparation: many ? 100 : 75,
      gravity: many ? 0.05 : 0.25,
      gravityRange: 3.8,
    };
  }
  // cose is O(n²) per iteration: about a second for 150 nodes, far slower beyond.
  return {
    ...common,
    name: 'cose',
    componentSpacing: 60,
    idealEdgeLength: () => (many ? 70 : 45),
    nodeRepulsion: () => (many ? 9000 : 5000),
    edgeElasticity: () => 80,
    // Strong gravity keeps small graphs compact, so their labels stay readable once fitted.
    gravity: many ? 0.8 : 2.5,
    numIter: many ? 700 : 1000,
  };
}

export function runLayout() {
  const { cy } = view;
  if (!cy || cy.nodes().empty()) return;
  const layout = cy.layout(layoutOptions(cy.nodes().length, cy.edges().length));
  layout.one('layoutstop', alignWithView);
  layout.run();
}

/**
 * Mirrors a layout whose long side lies across the view's long side along
 * the diagonal (swapping x and y keeps every distance), so it fits at a
 * larger zoom and its labels stay legible; then fits it.
 */
function alignWithView() {
  const { cy } = view;
  const bb = cy.nodes().boundingBox();
  if ((bb.w > bb.h) !== (cy.width() > cy.height()) && Math.abs(bb.w - bb.h) > 0.15 * Math.max(bb.w, bb.h)) {
    cy.batch(() => {
      for (const node of cy.nodes()) {
        const { x, y } = node.position();
        node.position({ x: y, y: x });
      }
    });
  }
  cy.fit(undefined, 30);
}

export function createCytoscape() {
  const cy = window.cytoscape({
    container: $('#cy'),
    minZoom: 0.1,
    maxZoom: 4,
    boxSelectionEnabled: false,
    style: [
      {
        selector: 'node',
        style: {
          width: 'data(size)',
          height: 'data(size)',
          'background-color': 'data(color)',
          'border-width': 1.5,
          'border-color': '#ffffff',
          label: 'data(label)',
          'font-family': '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif',
          'font-size': 'data(fontSize)',
          color: '#1e293b',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'text-outline-color': '#ffffff',
          'text-outline-width': 2,
          'text-outline-opacity': 0.85,
          // Small labels disappear when zoomed out, so large graphs stay legible.
          // (Cytoscape compares against the zoom rounded up to a power of two.)
          'min-zoomed-font-size': 11,
        },
      },
      { selector: 'node.all-labels', style: { 'min-zoomed-font-size': 0 } },
      {
        selector: 'edge',
        style: {
          width: 'data(width)',
          'line-color': 'data(color)',
          'curve-style': 'bezier',
          'control-point-step-size': 14,
          opacity: 0.8,
        },
      },
      {
        selector: 'edge.directed',
        style: {
          'target-arrow-shape': 'triangle',
          'target-arrow-color': 'data(color)',
          'arrow-scale': 0.9,
        },
      },
      { selector: 'edge.dense', style: { opacity: 0.5 } },
      ...RELATIONS.map((r) => ({ selector: `edge.rel-${r.id}`, style: { 'line-style': r.line } })),
      { selector: '.faded', style: { opacity: 0.12, 'text-opacity': 0.2 } },
      {
        selector: 'node.focus',
        style: { 'border-width': 4, 'border-color': '#0f172a', 'font-weight': 'bold', 'z-index': 10 },
      },
      { selector: 'edge.focus', style: { opacity: 1, 'z-index': 9 } },
      { selector: 'node:active, edge:active', style: { 'overlay-opacity': 0.08 } },
    ],
  });
  view.cy = cy;

  cy.on('tap', 'node', (evt) => selectActor(evt.target.id()));
  cy.on('tap', 'edge', (evt) => {
    const e = evt.target.data();
    showDyad(e.source, e.target);
  });
  cy.on('tap', (evt) => {
    if (evt.target === cy) clearHighlight();
  });
  cy.on('mouseover', 'node', (evt) => showNodeTooltip(evt));
  cy.on('mouseover', 'edge', (evt) => showEdgeTooltip(evt));
  cy.on('mouseout', 'node, edge', hideTooltip);
  cy.on('pan zoom', hideTooltip);
  // The graph area changes size when the dyad panel opens or the tab returns.
  new ResizeObserver(() => cy.resize()).observe($('#cy'));
}

// --- tooltips --------------------------------------------------------------

function placeTooltip(evt, lines) {
  const tip = $('#tooltip');
  tip.replaceChildren(...lines.map((line) => h('div', {}, line)));
  tip.hidden = false;
  const { x, y } = evt.renderedPosition;
  const area = $('#cy').getBoundingClientRect();
  const left = Math.min(x + 14, area.width - tip.offsetWidth - 8);
  tip.style.left = `${Math.max(8, left)}px`;
  tip.style.top = `${y + 14 + $('.graph-toolbar').offsetHeight}px`;
}

function showNodeTooltip(evt) {
  const n = evt.target.data();
  const metric = $('#metric').value;
  placeTooltip(evt, [
    h('strong', {}, actorLabel(n)),
    `${n.type} · ${METRIC_LABELS[metric]} ${formatMetric(n[metric])}`,
  ]);
}

function showEdgeTooltip(evt) {
  const e = evt.target.data();
  const a = state.actors.get(e.source) || { id: e.source };
  const b = state.actors.get(e.target) || { id: e.target };
  const dates = e.first_date === e.last_date ? e.first_date : `${e.first_date ?? '?'} … ${e.last_date ?? '?'}`;
  placeTooltip(evt, [
    h('strong', {}, `${e.relation} ${RELATION.get(e.relation)?.label_zh ?? ''}`),
    `${actorLabel(a)} ${e.directed ? '→' : '↔'} ${actorLabel(b)}`,
    `${plural(e.weight, 'event')}${dates ? ` · ${dates}` : ''}`,
    h('span', { className: 'hint' }, 'click for the timeline'),
  ]);
}

function hideTooltip() {
  $('#tooltip').hidden = true;
}

// --- highlight ---------------------------------------------------------------

/** Fades everything but the selected dyad, or the selected actor's neighbourhood. */
export function restoreHighlight() {
  const { cy } = view;
  if (!cy) return;
  cy.batch(() => {
    cy.elements().removeClass('faded focus');
    let keep = cy.collection();
    let focus = cy.collection();
    if (state.dyad) {
      const a = cy.getElementById(state.dyad.a);
      const b = cy.getElementById(state.dyad.b);
      keep = a.union(b).union(a.edgesWith(b));
      focus = keep;
    } else if (state.selectedActor) {
      const node = cy.getElementById(state.selectedActor);
      keep = node.closedNeighborhood();
      focus = node;
    }
    if (keep.nonempty()) {
      cy.elements().not(keep).addClass('faded');
      focus.addClass('focus');
    }
  });
}

function clearHighlight() {
  state.selectedActor = null;
  state.dyad = null;
  restoreHighlight();
}

/**
 * Centres the view on a node, zoomed so that its neighbours fit around it
 * (but not closer than 1.6×, where labels get too big).
 */
export function centreOn(id) {
  const node = view.cy?.getElementById(id);
  if (!node || node.empty()) return;
  centreWith(node, node.closedNeighborhood());
}

/** Centres `eles` (a node, or a pair), zoomed so that `context` fits around them (at most `maxZoom`). */
export function centreWith(eles, context, maxZoom = 1.6) {
  const { cy } = view;
  const { x1, x2, y1, y2 } = eles.boundingBox();
  const x = (x1 + x2) / 2;
  const y = (y1 + y2) / 2;
  const bb = context.boundingBox();
  const halfW = Math.max(x - bb.x1, bb.x2 - x, 40);
  const halfH = Math.max(y - bb.y1, bb.y2 - y, 40);
  const pad = 30;
  const zoom = Math.min(maxZoom, (cy.width() / 2 - pad) / halfW, (cy.height() / 2 - pad) / halfH);
  cy.animate({ center: { eles }, zoom: Math.max(zoom, cy.minZoom()) }, { duration: 350 });
}
