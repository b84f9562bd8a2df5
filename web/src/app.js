// The dipgraph explorer: the actor network (cytoscape.js), an actor's
// interactions with their evidence, a dyad's timeline, and a SPARQL box.
// Plain ES module, no build step: everything it loads comes from the same
// `dipgraph serve` (/assets/… and /api/…, /sparql).

// ---------------------------------------------------------------------------
// Vocabulary: relations and actor types, with how they are drawn.

/** The ten relations, in legend order, with their colour and line style. */
const RELATIONS = [
  { name: 'meet', zh: '会见', color: '#2563eb', line: 'solid' },
  { name: 'call', zh: '通话', color: '#0891b2', line: 'dashed' },
  { name: 'visit', zh: '访问', color: '#0f766e', line: 'solid' },
  { name: 'invite', zh: '邀请', color: '#65a30d', line: 'dotted' },
  { name: 'agree', zh: '达成一致', color: '#16a34a', line: 'dashed' },
  { name: 'cooperate', zh: '合作', color: '#7c3aed', line: 'solid' },
  { name: 'appeal', zh: '呼吁', color: '#ca8a04', line: 'dotted' },
  { name: 'support', zh: '支持', color: '#db2777', line: 'dashed' },
  { name: 'criticize', zh: '批评', color: '#dc2626', line: 'solid' },
  { name: 'concern', zh: '关切', color: '#ea580c', line: 'dotted' },
];
const RELATION = Object.fromEntries(RELATIONS.map((r) => [r.name, r]));
/** Relations with no direction (the server marks the others `directed`). */
const MUTUAL = new Set(['meet', 'call', 'agree', 'cooperate']);

const ACTOR_TYPES = [
  { name: 'person', zh: '人物', color: '#4f6bd8' },
  { name: 'state', zh: '国家', color: '#e07b39' },
  { name: 'org', zh: '组织', color: '#3f9c6d' },
];
const ACTOR_TYPE = Object.fromEntries(ACTOR_TYPES.map((t) => [t.name, t]));
const UNKNOWN_TYPE_COLOR = '#94a3b8';

const METRIC_LABELS = {
  degree: 'Degree',
  weighted_degree: 'Weighted degree',
  betweenness: 'Betweenness',
  closeness: 'Closeness',
  pagerank: 'PageRank',
  eigenvector: 'Eigenvector',
};

/** IRI namespaces shown in their prefixed form in SPARQL results. */
const PREFIXES = [
  ['actor:', 'https://w3id.org/dipgraph/actor/'],
  ['event:', 'https://w3id.org/dipgraph/event/'],
  ['report:', 'https://w3id.org/dipgraph/report/'],
  ['article:', 'https://w3id.org/dipgraph/article/'],
  ['role:', 'https://w3id.org/dipgraph/role/'],
  ['dip:', 'https://w3id.org/dipgraph/ontology#'],
  ['rdfs:', 'http://www.w3.org/2000/01/rdf-schema#'],
  ['xsd:', 'http://www.w3.org/2001/XMLSchema#'],
  ['schema:', 'http://schema.org/'],
  ['schema:', 'https://schema.org/'],
  ['prov:', 'http://www.w3.org/ns/prov#'],
];
const ACTOR_NS = 'https://w3id.org/dipgraph/actor/';

/** Rows drawn in the SPARQL results table; the CSV download has them all. */
const MAX_RESULT_ROWS = 2000;

// ---------------------------------------------------------------------------
// Small DOM helpers.

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

/**
 * Creates an element. `attrs` keys starting with `on` add listeners,
 * `dataset`/`style` take objects, the rest are attributes; children are
 * nodes or strings (as text, so server data is never parsed as HTML).
 */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'style') {
      // setProperty, because assigning `--custom` properties to el.style is ignored.
      for (const [prop, v] of Object.entries(value)) el.style.setProperty(prop, v);
    }
    else if (key === 'className') el.className = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) el.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null) el.append(child);
  }
  return el;
}

function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** GET a JSON route; rejects with the server's `{"error": …}` message. */
async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const text = await response.text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text for the error message below.
  }
  if (!response.ok) {
    throw new Error((body && body.error) || text || `${response.status} ${response.statusText}`);
  }
  if (body === null) throw new Error(`${url}: the answer is not JSON`);
  return body;
}

function downloadBlob(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---------------------------------------------------------------------------
// Formatting.

/** "王毅 Wang Yi": both labels, Chinese first, either may be missing. */
function actorLabel(actor) {
  if (!actor) return '';
  const zh = actor.label_zh || '';
  const en = actor.label_en || actor.id || '';
  return zh && zh !== en ? `${zh} ${en}` : en;
}

function actorName(actor) {
  return h('span', { className: 'actor-name' },
    actor.label_zh ? h('span', { className: 'zh', lang: 'zh' }, actor.label_zh) : null,
    h('span', { className: 'en' }, actor.label_en || actor.id));
}

function typeColor(type) {
  return ACTOR_TYPE[type]?.color ?? UNKNOWN_TYPE_COLOR;
}

function relationChip(relation) {
  const r = RELATION[relation];
  return h('span', {
    className: 'chip',
    style: { '--chip': r?.color ?? '#64748b' },
    title: r ? `${r.name} ${r.zh}` : relation,
  }, relation);
}

function typeBadge(type) {
  const t = ACTOR_TYPE[type];
  return h('span', { className: 'badge', style: { '--badge': typeColor(type) } },
    t ? `${t.name} ${t.zh}` : type);
}

const DIRECTION_GLYPH = { outgoing: '→', incoming: '←', mutual: '↔' };

function formatMetric(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '–';
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}

/** A line sample of a relation's edge style, for legends. */
function relationSwatch(relation) {
  const r = RELATION[relation];
  const dash = r.line === 'dashed' ? '6 3' : r.line === 'dotted' ? '1.5 3' : null;
  return svg('svg', { class: 'swatch', viewBox: '0 0 30 10', width: 30, height: 10, 'aria-hidden': 'true' },
    svg('line', {
      x1: 1, y1: 5, x2: MUTUAL.has(relation) ? 29 : 23, y2: 5,
      stroke: r.color, 'stroke-width': 2.5, 'stroke-dasharray': dash,
      'stroke-linecap': r.line === 'dotted' ? 'round' : 'butt',
    }),
    MUTUAL.has(relation) ? null : svg('path', { d: 'M22 1 L29 5 L22 9 Z', fill: r.color }));
}

/** Wraps the given names inside `text` in <mark>, so the reader finds them. */
function highlightNames(text, names) {
  const wanted = [...new Set(names.filter((n) => n && n.length > 1))]
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (!wanted.length) return [text];
  const pattern = new RegExp(`(${wanted.join('|')})`, 'g');
  return text.split(pattern).map((part, i) => (i % 2 ? h('mark', {}, part) : part));
}

// ---------------------------------------------------------------------------
// Months of the period slider.

/** "2020-11-26", "2020-11" or "2020" → "2020-11" (a year alone → its January, or December at the end). */
function toMonth(date, atEnd = false) {
  if (!date) return null;
  if (date.length >= 7) return date.slice(0, 7);
  return `${date.slice(0, 4)}-${atEnd ? '12' : '01'}`;
}

function monthIndex(month) {
  const [y, m] = month.split('-').map(Number);
  return y * 12 + (m - 1);
}

function monthAt(index) {
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

function monthRange(first, last) {
  const out = [];
  for (let i = monthIndex(first); i <= monthIndex(last); i++) out.push(monthAt(i));
  return out;
}

function lastDayOfMonth(month) {
  const [y, m] = month.split('-').map(Number);
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------
// State shared by the views.

const state = {
  /** The last /api/graph answer. */
  graph: null,
  /** Every actor seen in any graph answer, by id (the search looks here). */
  actors: new Map(),
  /** Months of the period slider ("YYYY-MM"), from the store's first to last event. */
  months: [],
  /** Ids drawn now, to tell whether a re-rank needs a new layout. */
  drawnKey: '',
  selectedActor: null,
  /** The pair in the dyad panel ({a, b}) and its months from /api/dyad. */
  dyad: null,
  dyadMonths: [],
  /** Bumped per graph request, so a slow older answer cannot overwrite a newer one. */
  graphRequest: 0,
  queries: [],
  /** The canned query in the SPARQL box, or null for a free-form one. */
  currentQuery: null,
};

let cy = null;

// ---------------------------------------------------------------------------
// Graph: filters → /api/graph → cytoscape.

function checkedValues(container) {
  return $$('input[type=checkbox]', container).filter((c) => c.checked).map((c) => c.value);
}

/** The /api/graph query string for the sidebar's filters (defaults left out). */
function graphQuery() {
  const params = new URLSearchParams();
  const relations = checkedValues($('#relations'));
  if (relations.length < RELATIONS.length) params.set('relation', relations.join(','));
  if (state.months.length) {
    const from = Number($('#period-from').value);
    const to = Number($('#period-to').value);
    if (from > 0) params.set('since', `${state.months[from]}-01`);
    if (to < state.months.length - 1) params.set('until', lastDayOfMonth(state.months[to]));
  }
  const status = $('#status').value;
  if (status) params.set('status', status);
  const types = checkedValues($('#actor-types'));
  if (types.length < ACTOR_TYPES.length) params.set('actor_type', types.join(','));
  const minWeight = Number($('#min-weight').value);
  if (minWeight > 1) params.set('min_weight', String(minWeight));
  return params;
}

function setGraphState(value) {
  document.body.dataset.graph = value;
}

function showGraphMessage(text, isError = false) {
  const box = $('#graph-message');
  box.hidden = !text;
  box.textContent = text || '';
  box.classList.toggle('is-error', isError);
}

async function loadGraph() {
  const request = ++state.graphRequest;
  setGraphState('loading');
  // An empty relation or type list would mean "all" to the server: draw nothing instead.
  if (!checkedValues($('#relations')).length || !checkedValues($('#actor-types')).length) {
    state.graph = { ...(state.graph || {}), nodes: [], edges: [] };
    drawGraph();
    showGraphMessage(!checkedValues($('#relations')).length ? 'No relation selected.' : 'No actor type selected.');
    setGraphState('ready');
    return;
  }
  const query = graphQuery().toString();
  try {
    const graph = await getJson(`/api/graph${query ? `?${query}` : ''}`);
    if (request !== state.graphRequest) return;
    state.graph = graph;
    for (const node of graph.nodes) state.actors.set(node.id, node);
    initPeriod(graph.first_date, graph.last_date);
    drawGraph();
    showGraphMessage(graph.nodes.length ? '' : 'No interactions match these filters.');
    setGraphState('ready');
  } catch (error) {
    if (request !== state.graphRequest) return;
    showGraphMessage(`Cannot load the graph: ${error.message}`, true);
    setGraphState('error');
  }
}

/** Filters changed: say so at once (tests and users see "loading"), fetch after a pause. */
const loadGraphSoon = (() => {
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
  const topN = Math.max(1, Number($('#top-n').value) || 150);
  const ranked = [...graph.nodes].sort((a, b) => (b[metric] ?? 0) - (a[metric] ?? 0) || a.id.localeCompare(b.id));
  const nodes = ranked.slice(0, topN);
  const ids = new Set(nodes.map((n) => n.id));
  const edges = graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  $('#top-n-hint').textContent = `of ${graph.nodes.length}`;
  return { nodes, edges, metric };
}

/** The empty details panel lists the leading actors, one click from their details. */
function renderTopActors(nodes, metric) {
  $('#top-actors-title').textContent = `Most central actors · ${METRIC_LABELS[metric]}`;
  const max = Math.max(...nodes.map((n) => n[metric] ?? 0), 0) || 1;
  $('#top-actors').replaceChildren(...nodes.slice(0, 12).map((n) =>
    h('li', {},
      h('button', { type: 'button', className: 'link', dataset: { id: n.id }, onclick: () => selectActor(n.id) },
        h('span', { className: 'dot', style: { background: typeColor(n.type) } }),
        actorName(n)),
      h('span', { className: 'bar-cell' },
        h('span', { className: 'bar', style: { width: `${((n[metric] ?? 0) / max) * 100}%` } })),
      h('span', { className: 'value' }, formatMetric(n[metric])))));
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

function drawGraph() {
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
  $('#graph-summary').textContent =
    `${nodes.length} actors · ${edges.length} edges · size: ${METRIC_LABELS[metric]}`;
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
      data: {
        ...e,
        id: edgeId(e),
        color: RELATION[e.relation]?.color ?? '#64748b',
        width: edgeWidth(e),
      },
      classes: [`rel-${e.relation}`, e.directed ? 'directed' : ''].join(' '),
    })));
  });
  runLayout();
  restoreHighlight();
  renderActorStanding();
}

/** fCoSE when its script loaded (fast and tidy up to hundreds of nodes), else cytoscape's own cose. */
function layoutOptions(nodeCount) {
  const many = nodeCount > 60;
  const common = { animate: false, randomize: true, padding: 30, nodeDimensionsIncludeLabels: !many };
  if (window.cytoscape('layout', 'fcose')) {
    return {
      ...common,
      name: 'fcose',
      quality: 'default',
      idealEdgeLength: () => (many ? 120 : 50),
      nodeRepulsion: () => (many ? 60000 : 4500),
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

function runLayout() {
  if (!cy || cy.nodes().empty()) return;
  const layout = cy.layout(layoutOptions(cy.nodes().length));
  layout.one('layoutstop', alignWithView);
  layout.run();
}

/**
 * Mirrors a layout whose long side lies across the view's long side along
 * the diagonal (swapping x and y keeps every distance), so it fits at a
 * larger zoom and its labels stay legible; then fits it.
 */
function alignWithView() {
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

function createCytoscape() {
  cy = window.cytoscape({
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
      ...RELATIONS.map((r) => ({ selector: `edge.rel-${r.name}`, style: { 'line-style': r.line } })),
      { selector: '.faded', style: { opacity: 0.12, 'text-opacity': 0.2 } },
      {
        selector: 'node.focus',
        style: { 'border-width': 4, 'border-color': '#0f172a', 'font-weight': 'bold', 'z-index': 10 },
      },
      { selector: 'edge.focus', style: { opacity: 1, 'z-index': 9 } },
      { selector: 'node:active, edge:active', style: { 'overlay-opacity': 0.08 } },
    ],
  });

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
    h('strong', {}, `${e.relation} ${RELATION[e.relation]?.zh ?? ''}`),
    `${actorLabel(a)} ${e.directed ? '→' : '↔'} ${actorLabel(b)}`,
    `weight ${e.weight}${dates ? ` · ${dates}` : ''}`,
    h('span', { className: 'hint' }, 'click for the timeline'),
  ]);
}

function hideTooltip() {
  $('#tooltip').hidden = true;
}

// --- highlight ---------------------------------------------------------------

/** Fades everything but the selected dyad, or the selected actor's neighbourhood. */
function restoreHighlight() {
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
function centreOn(id) {
  const node = cy.getElementById(id);
  if (node.empty()) return;
  centreWith(node, node.closedNeighborhood());
}

/** Centres `eles` (a node, or a pair), zoomed so that `context` fits around them (at most `maxZoom`). */
function centreWith(eles, context, maxZoom = 1.6) {
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

// ---------------------------------------------------------------------------
// Sidebar controls.

function buildRelationFilters() {
  $('#relations').replaceChildren(...RELATIONS.map((r) =>
    h('label', { className: 'check', title: MUTUAL.has(r.name) ? 'undirected' : 'directed (arrow)' },
      h('input', { type: 'checkbox', value: r.name, checked: true, onchange: loadGraphSoon }),
      relationSwatch(r.name),
      h('span', { className: 'name' }, r.name, ' ', h('span', { className: 'zh', lang: 'zh' }, r.zh)),
      h('span', { className: 'count', dataset: { relation: r.name } }))));
  const setAll = (checked) => {
    for (const box of $$('input', $('#relations'))) box.checked = checked;
    loadGraphSoon();
  };
  $('#relations-all').addEventListener('click', () => setAll(true));
  $('#relations-none').addEventListener('click', () => setAll(false));
}

function updateRelationCounts() {
  const counts = {};
  for (const e of state.graph?.edges ?? []) counts[e.relation] = (counts[e.relation] ?? 0) + 1;
  for (const span of $$('#relations .count')) span.textContent = counts[span.dataset.relation] ?? '';
}

function buildTypeFilters() {
  $('#actor-types').replaceChildren(...ACTOR_TYPES.map((t) =>
    h('label', { className: 'check' },
      h('input', { type: 'checkbox', value: t.name, checked: true, onchange: loadGraphSoon }),
      h('span', { className: 'dot', style: { background: t.color } }),
      h('span', { className: 'name' }, t.name, ' ', h('span', { className: 'zh', lang: 'zh' }, t.zh)))));
}

/** Sets the slider to the store's months (once, or when the store's range changes). */
function initPeriod(firstDate, lastDate) {
  const first = toMonth(firstDate);
  const last = toMonth(lastDate, true);
  const from = $('#period-from');
  const to = $('#period-to');
  if (!first || !last || first > last) {
    state.months = [];
    from.disabled = to.disabled = true;
    $('#period-label').textContent = 'no dated events';
    return;
  }
  if (state.months[0] === first && state.months.at(-1) === last) return;
  state.months = monthRange(first, last);
  const max = state.months.length - 1;
  for (const input of [from, to]) {
    input.max = String(max);
    input.disabled = max === 0;
  }
  from.value = '0';
  to.value = String(max);
  $('#period-min').textContent = first;
  $('#period-max').textContent = last;
  updatePeriodLabel();
}

function updatePeriodLabel() {
  const from = Number($('#period-from').value);
  const to = Number($('#period-to').value);
  const max = Math.max(1, state.months.length - 1);
  $('#period-label').textContent = state.months.length ? `${state.months[from]} – ${state.months[to]}` : '';
  const fill = $('#period-fill');
  fill.style.left = `${(from / max) * 100}%`;
  fill.style.right = `${100 - (to / max) * 100}%`;
}

function wirePeriod() {
  const from = $('#period-from');
  const to = $('#period-to');
  // The two thumbs may not cross: the one moved pushes the other.
  from.addEventListener('input', () => {
    if (Number(from.value) > Number(to.value)) to.value = from.value;
    updatePeriodLabel();
    loadGraphSoon();
  });
  to.addEventListener('input', () => {
    if (Number(to.value) < Number(from.value)) from.value = to.value;
    updatePeriodLabel();
    loadGraphSoon();
  });
}

function resetFilters() {
  for (const box of $$('#relations input, #actor-types input')) box.checked = true;
  $('#status').value = '';
  $('#min-weight').value = '1';
  $('#period-from').value = '0';
  $('#period-to').value = String(Math.max(0, state.months.length - 1));
  updatePeriodLabel();
  loadGraphSoon();
}

// --- search ------------------------------------------------------------------

/** Lower case without spaces, hyphens, dots or underscores: "Wang Yi", "wang_yi", "WangYi" agree. */
function normalise(text) {
  return (text || '').toLowerCase().replace(/[\s\-_.·•]/g, '');
}

/** Actors matching `text`, best first: exact name, then prefix, then substring; ties by weighted degree. */
function searchActors(text) {
  const q = normalise(text);
  if (!q) return [];
  const scored = [];
  for (const actor of state.actors.values()) {
    const names = [actor.label_zh, actor.label_en, actor.id].map(normalise).filter(Boolean);
    let score = 0;
    if (names.some((n) => n === q)) score = 3;
    else if (names.some((n) => n.startsWith(q))) score = 2;
    else if (names.some((n) => n.includes(q))) score = 1;
    if (score) scored.push({ actor, score });
  }
  scored.sort((x, y) => y.score - x.score
    || (y.actor.weighted_degree ?? 0) - (x.actor.weighted_degree ?? 0)
    || x.actor.id.localeCompare(y.actor.id));
  return scored.slice(0, 8).map((s) => s.actor);
}

function wireSearch() {
  const input = $('#search');
  const list = $('#search-results');
  let matches = [];
  let active = 0;
  const close = () => {
    list.hidden = true;
  };
  const choose = (actor) => {
    close();
    input.value = actorLabel(actor);
    selectActor(actor.id);
  };
  const render = () => {
    list.replaceChildren(...matches.map((actor, i) =>
      h('li', {
        role: 'option',
        'aria-selected': i === active ? 'true' : 'false',
        dataset: { id: actor.id },
        // mousedown, not click: it comes before the input's blur closes the list.
        onmousedown: (evt) => {
          evt.preventDefault();
          choose(actor);
        },
      },
      h('span', { className: 'dot', style: { background: typeColor(actor.type) } }),
      actorName(actor),
      h('span', { className: 'hint' }, actor.type))));
    list.hidden = matches.length === 0;
  };
  input.addEventListener('input', () => {
    matches = searchActors(input.value);
    active = 0;
    render();
  });
  input.addEventListener('keydown', (evt) => {
    if (evt.key === 'ArrowDown' || evt.key === 'ArrowUp') {
      if (!matches.length) return;
      evt.preventDefault();
      active = (active + (evt.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length;
      render();
    } else if (evt.key === 'Enter') {
      evt.preventDefault();
      matches = searchActors(input.value);
      if (matches.length) choose(matches[Math.min(active, matches.length - 1)]);
      else {
        list.replaceChildren(h('li', { className: 'none' }, 'No actor by that name'));
        list.hidden = false;
      }
    } else if (evt.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', close);
}

// ---------------------------------------------------------------------------
// Actor panel: /api/actor → interactions with evidence.

async function selectActor(id) {
  state.selectedActor = id;
  state.dyad = null;
  const node = cy?.getElementById(id);
  restoreHighlight();
  if (node?.nonempty()) centreOn(id);

  const panel = $('#actor');
  panel.dataset.state = 'loading';
  panel.dataset.actor = id;
  $('#actor-empty').hidden = true;
  panel.hidden = false;
  try {
    const data = await getJson(`/api/actor?id=${encodeURIComponent(id)}`);
    if (panel.dataset.actor !== id) return; // a newer click took over
    renderActor(data);
    panel.dataset.state = 'ready';
  } catch (error) {
    $('#actor-name').replaceChildren(id);
    $('#actor-meta').replaceChildren();
    $('#actor-metrics').replaceChildren();
    $('#actor-notice').hidden = false;
    $('#actor-notice').textContent = `Cannot load this actor: ${error.message}`;
    $('tbody', $('#actor-table')).replaceChildren();
    panel.dataset.state = 'error';
  }
}

function renderActor({ actor, interactions }) {
  $('#actor-name').replaceChildren(actorName(actor));
  const partners = new Set(interactions.map((i) => i.counterpart.id));
  $('#actor-meta').replaceChildren(
    typeBadge(actor.type),
    h('code', {}, actor.id),
    h('span', {}, `${interactions.length} interactions with ${partners.size} counterparts`));

  renderActorStanding();

  const rows = [];
  for (const i of interactions) {
    rows.push(h('tr', {
      className: `interaction status-${i.status}`,
      dataset: { event: i.event, relation: i.relation, date: i.date ?? '', counterpart: i.counterpart.id },
    },
    h('td', { className: 'date' }, i.date ?? 'undated'),
    h('td', { className: 'relation' }, relationChip(i.relation)),
    h('td', { className: 'counterpart' },
      h('span', { className: 'direction', title: i.direction }, DIRECTION_GLYPH[i.direction] ?? ''),
      h('button', {
        type: 'button',
        className: 'link',
        title: 'Show the timeline of this pair',
        dataset: { id: i.counterpart.id },
        onclick: () => showDyad(actor.id, i.counterpart.id),
      }, actorName(i.counterpart))),
    h('td', { className: 'status' }, h('span', { className: `status-tag ${i.status}` }, i.status)),
    h('td', { className: 'outlets' }, i.outlets.join(', '))));
    rows.push(h('tr', { className: 'evidence-row', dataset: { event: i.event } },
      h('td', { className: 'evidence', colspan: 5 }, evidenceList(i, [actor, i.counterpart]))));
  }
  if (!rows.length) rows.push(h('tr', {}, h('td', { colspan: 5, className: 'empty' }, 'No interactions.')));
  $('tbody', $('#actor-table')).replaceChildren(...rows);
  $('#actor-table').closest('.table-scroll').scrollTop = 0;
}

/** The actor's centralities in the graph as filtered now, and whether it is drawn. */
function renderActorStanding() {
  const id = $('#actor').dataset.actor;
  if (!id || $('#actor').hidden) return;
  const node = state.graph?.nodes.find((n) => n.id === id);
  const metric = $('#metric').value;
  $('#actor-metrics').replaceChildren(...(node
    ? Object.entries(METRIC_LABELS).map(([key, label]) =>
      h('span', { className: `metric${key === metric ? ' current' : ''}` },
        h('span', { className: 'metric-label' }, label),
        h('span', { className: 'metric-value' }, formatMetric(node[key]))))
    : []));
  const drawn = Boolean(cy?.getElementById(id).nonempty());
  const notice = $('#actor-notice');
  notice.hidden = drawn;
  notice.textContent = drawn ? '' : 'Not drawn in the graph now: outside the current filters or the top-N actors.';
}

/** The reports of one interaction: their evidence sentence and article. */
function evidenceList(interaction, actors) {
  if (!interaction.reports.length) return h('span', { className: 'hint' }, 'No evidence stored.');
  const names = actors.flatMap((a) => [a.label_zh, a.label_en]);
  return interaction.reports.map((r) =>
    h('div', { className: 'report' },
      h('q', { lang: 'zh' }, highlightNames(r.evidence, names)),
      h('div', { className: 'source' },
        r.url
          ? h('a', { href: r.url, target: '_blank', rel: 'noopener noreferrer', title: r.url }, r.title || r.url)
          : h('span', {}, r.title || r.article || 'article'),
        r.outlet ? h('span', { className: 'outlet' }, r.outlet) : null,
        r.published ? h('span', { className: 'published' }, r.published.slice(0, 10)) : null)));
}

// ---------------------------------------------------------------------------
// Dyad panel: /api/dyad → monthly bars by relation, and the pair's events.

async function showDyad(a, b) {
  state.dyad = { a, b };
  restoreHighlight();
  const panel = $('#dyad');
  panel.hidden = false;
  if (cy) {
    cy.resize(); // the panel just took room from the graph
    const pair = cy.collection([cy.getElementById(a), cy.getElementById(b)]).filter((n) => n.nonempty());
    if (pair.length === 2) centreWith(pair, pair, 1.2);
  }
  panel.dataset.state = 'loading';
  panel.dataset.dyad = `${a}|${b}`;
  try {
    const data = await getJson(`/api/dyad?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`);
    if (panel.dataset.dyad !== `${a}|${b}`) return;
    renderDyad(data);
    panel.dataset.state = 'ready';
  } catch (error) {
    $('#dyad-title').textContent = `${a} ⇄ ${b}`;
    $('#dyad-sub').textContent = `Cannot load: ${error.message}`;
    $('#timeline').replaceChildren();
    $('#dyad-events').replaceChildren();
    panel.dataset.state = 'error';
  }
}

function renderDyad(data) {
  $('#dyad-title').replaceChildren(actorName(data.a), h('span', { className: 'pair-sep' }, '⇄'), actorName(data.b));
  const dated = data.interactions.filter((i) => i.date);
  const undated = data.interactions.length - dated.length;
  const dates = dated.map((i) => i.date).sort();
  $('#dyad-sub').textContent = [
    `${data.interactions.length} interaction${data.interactions.length === 1 ? '' : 's'}`,
    dates.length ? `${dates[0]} – ${dates.at(-1)}` : null,
    undated ? `${undated} undated, not charted` : null,
  ].filter(Boolean).join(' · ');
  state.dyadMonths = data.months;
  drawTimeline();
  const present = [...new Set(data.months.map((m) => m.relation))];
  $('#timeline-legend').replaceChildren(...RELATIONS.filter((r) => present.includes(r.name)).map((r) =>
    h('span', { className: 'legend-item' }, h('span', { className: 'dot square', style: { background: r.color } }), r.name)));
  $('#dyad-events').replaceChildren(...data.interactions.map((i) =>
    h('li', { dataset: { event: i.event } },
      h('div', { className: 'event-head' },
        h('span', { className: 'date' }, i.date ?? 'undated'),
        relationChip(i.relation),
        h('span', { className: 'direction' }, i.direction === 'mutual' ? '↔'
          : `${actorLabel(i.direction === 'outgoing' ? data.a : data.b)} → ${actorLabel(i.direction === 'outgoing' ? data.b : data.a)}`),
        h('span', { className: `status-tag ${i.status}` }, i.status)),
      evidenceList(i, [data.a, data.b]))));
}

/** Stacked monthly bars (one colour per relation), drawn to the panel's width. */
function drawTimeline() {
  const box = $('#timeline');
  const months = state.dyadMonths || [];
  if (!months.length) {
    box.replaceChildren(h('p', { className: 'hint' }, 'No dated events to chart.'));
    return;
  }
  const byMonth = new Map();
  for (const m of months) {
    if (!byMonth.has(m.month)) byMonth.set(m.month, {});
    byMonth.get(m.month)[m.relation] = (byMonth.get(m.month)[m.relation] ?? 0) + m.count;
  }
  const sorted = [...byMonth.keys()].sort();
  // One empty month either side, so a lone bar is not glued to the axes.
  const axis = monthRange(monthAt(monthIndex(sorted[0]) - 1), monthAt(monthIndex(sorted.at(-1)) + 1));
  const totals = axis.map((m) => Object.values(byMonth.get(m) ?? {}).reduce((s, c) => s + c, 0));
  const maxCount = Math.max(1, ...totals);

  const width = Math.max(260, box.clientWidth || 520);
  const height = 170;
  const margin = { top: 10, right: 10, bottom: 38, left: 30 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const band = plotW / axis.length;
  const barW = Math.max(2, Math.min(34, band * 0.75));
  const y = (count) => margin.top + plotH - (count / maxCount) * plotH;
  const step = maxCount <= 6 ? 1 : Math.ceil(maxCount / 5);

  const grid = [];
  for (let v = 0; v <= maxCount; v += step) {
    grid.push(svg('line', { x1: margin.left, x2: width - margin.right, y1: y(v), y2: y(v), class: v ? 'grid' : 'axis' }));
    grid.push(svg('text', { x: margin.left - 6, y: y(v) + 4, class: 'tick', 'text-anchor': 'end' }, String(v)));
  }
  // Month labels at least ~56 px apart; on long ranges only Januaries, as years.
  const every = Math.max(1, Math.ceil(56 / band));
  const labels = axis.map((m, i) => {
    const x = margin.left + band * (i + 0.5);
    const yearly = every >= 12;
    const show = yearly ? m.endsWith('-01') && (Number(m.slice(0, 4)) % Math.ceil(every / 12) === 0) : i % every === 0;
    return show ? svg('text', { x, y: height - margin.bottom + 16, class: 'tick', 'text-anchor': 'middle' }, yearly ? m.slice(0, 4) : m) : null;
  });
  const bars = axis.map((m, i) => {
    const counts = byMonth.get(m);
    if (!counts) return null;
    const x = margin.left + band * (i + 0.5) - barW / 2;
    let base = 0;
    const total = totals[i];
    const parts = RELATIONS.filter((r) => counts[r.name]).map((r) => {
      const c = counts[r.name];
      const rect = svg('rect', {
        x, width: barW, y: y(base + c), height: Math.max(1, y(base) - y(base + c)),
        fill: r.color, class: 'segment', 'data-relation': r.name, 'data-count': c,
      });
      base += c;
      return rect;
    });
    const title = `${m}: ${RELATIONS.filter((r) => counts[r.name]).map((r) => `${r.name} ${counts[r.name]}`).join(', ')}`;
    return svg('g', { class: 'bar', 'data-month': m, 'data-count': total }, svg('title', {}, title), parts);
  });
  box.replaceChildren(svg('svg', {
    width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `Interactions per month, ${sorted[0]} to ${sorted.at(-1)}`,
  }, grid, labels, bars));
}

function closeDyad() {
  $('#dyad').hidden = true;
  $('#dyad').dataset.dyad = '';
  state.dyad = null;
  restoreHighlight();
}

// ---------------------------------------------------------------------------
// SPARQL panel: canned queries (/api/queries, /api/query/NAME) and free-form (/sparql).

async function loadQueries() {
  try {
    state.queries = await getJson('/api/queries');
  } catch (error) {
    $('#canned').replaceChildren(h('p', { className: 'error' }, `Cannot list the canned queries: ${error.message}`));
    return;
  }
  $('#canned').replaceChildren(
    h('button', { type: 'button', className: 'canned-query free', dataset: { name: '' }, onclick: () => selectQuery(null) },
      h('span', { className: 'title' }, 'Free-form query'),
      h('span', { className: 'desc' }, 'Write your own SELECT, ASK or CONSTRUCT.')),
    ...state.queries.map((q) => h('button', {
      type: 'button',
      className: 'canned-query',
      dataset: { name: q.name },
      title: q.description,
      // One click: select the query and run it with its default parameters.
      onclick: () => {
        selectQuery(q);
        runQuery();
      },
    },
    h('span', { className: 'title' }, q.title || q.name),
    h('code', { className: 'name' }, q.name),
    q.params.length ? h('span', { className: 'desc' }, `parameters: ${q.params.map((p) => p.name).join(', ')}`) : null)));
  markCurrentQuery();
}

function markCurrentQuery() {
  const name = state.currentQuery?.name ?? '';
  for (const b of $$('.canned-query')) b.classList.toggle('current', b.dataset.name === name);
}

function selectQuery(q) {
  state.currentQuery = q;
  markCurrentQuery();
  $('#query-title').textContent = q ? q.title || q.name : 'Free-form query';
  $('#query-description').textContent = q
    ? q.description
    : 'Prefixes dip:, actor:, rdfs:, xsd:, schema: and prov: need no declaration.';
  $('#query-params').replaceChildren(...(q?.params ?? []).map((p) =>
    h('label', { className: 'param' },
      h('span', {}, p.name),
      h('input', {
        type: 'text', name: p.name, value: p.default, spellcheck: 'false',
        onkeydown: (evt) => {
          if (evt.key === 'Enter') runQuery();
        },
      }))));
  if (q) $('#query-text').value = q.text;
  updateQueryMode();
}

/** A canned query whose text was edited runs as free-form SPARQL: its parameters no longer apply. */
function isCannedRun() {
  return Boolean(state.currentQuery) && $('#query-text').value === state.currentQuery.text;
}

function updateQueryMode() {
  const canned = isCannedRun();
  for (const input of $$('#query-params input')) input.disabled = !canned;
  const edited = Boolean(state.currentQuery) && !canned;
  $('#query-params').classList.toggle('edited', edited);
  let note = $('#query-params .edited-note');
  if (edited && !note) {
    note = h('p', { className: 'edited-note hint' },
      'Text edited: it runs as free-form SPARQL, so the parameters above are not bound.');
    $('#query-params').append(note);
  } else if (!edited && note) {
    note.remove();
  }
  $('#download-csv').disabled = !$('#query-text').value.trim();
}

function cannedUrl(format) {
  const params = new URLSearchParams();
  for (const input of $$('#query-params input')) params.set(input.name, input.value);
  if (format) params.set('format', format);
  const qs = params.toString();
  return `/api/query/${encodeURIComponent(state.currentQuery.name)}${qs ? `?${qs}` : ''}`;
}

/** Runs the box's query; the answer as a Response with the wanted media type. */
function fetchQuery(accept) {
  if (isCannedRun()) {
    return fetch(cannedUrl(accept === 'text/csv' ? 'csv' : null), { headers: { Accept: accept } });
  }
  return fetch('/sparql', {
    method: 'POST',
    headers: { Accept: accept, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ query: $('#query-text').value }),
  });
}

async function runQuery() {
  const table = $('#results');
  const status = $('#query-status');
  const errorBox = $('#query-error');
  if (!$('#query-text').value.trim()) return;
  table.dataset.state = 'loading';
  status.textContent = 'Running…';
  errorBox.hidden = true;
  const started = performance.now();
  try {
    const response = await fetchQuery('application/sparql-results+json, application/json;q=0.9, text/turtle;q=0.5, */*;q=0.1');
    const type = response.headers.get('Content-Type') || '';
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try {
        message = JSON.parse(text).error || text;
      } catch {
        // A plain-text error from /sparql.
      }
      throw new Error(message || `${response.status} ${response.statusText}`);
    }
    const ms = Math.round(performance.now() - started);
    if (type.includes('json')) {
      const result = JSON.parse(text);
      const rows = renderResults(result);
      status.textContent = result.boolean !== undefined
        ? `${ms} ms`
        : `${rows} row${rows === 1 ? '' : 's'} · ${ms} ms${rows > MAX_RESULT_ROWS ? ` · first ${MAX_RESULT_ROWS} shown` : ''}`;
    } else {
      // CONSTRUCT/DESCRIBE: RDF text, shown as it came.
      $('thead', table).replaceChildren(h('tr', {}, h('th', {}, type.split(';')[0] || 'result')));
      $('tbody', table).replaceChildren(h('tr', {}, h('td', {}, h('pre', {}, text))));
      status.textContent = `${ms} ms`;
    }
    table.dataset.state = 'ready';
  } catch (error) {
    errorBox.hidden = false;
    errorBox.textContent = error.message;
    status.textContent = '';
    $('thead', table).replaceChildren();
    $('tbody', table).replaceChildren();
    table.dataset.state = 'error';
  }
}

/** Fills the results table from SPARQL JSON results; returns the row count. */
function renderResults(result) {
  const table = $('#results');
  if (result.boolean !== undefined) {
    $('thead', table).replaceChildren(h('tr', {}, h('th', {}, 'ASK')));
    $('tbody', table).replaceChildren(h('tr', {}, h('td', { dataset: { value: String(result.boolean) } }, String(result.boolean))));
    return 1;
  }
  const vars = result.head?.vars ?? [];
  const bindings = result.results?.bindings ?? [];
  // A column whose first value is a number is right-aligned, header included.
  const numeric = new Set(vars.filter((v) => NUMERIC_TYPES.test(bindings.find((b) => b[v])?.[v].datatype ?? '')));
  $('thead', table).replaceChildren(h('tr', {}, vars.map((v) => h('th', { className: numeric.has(v) ? 'num' : null }, v))));
  $('tbody', table).replaceChildren(...bindings.slice(0, MAX_RESULT_ROWS).map((row) =>
    h('tr', {}, vars.map((v) => resultCell(row[v])))));
  return bindings.length;
}

function compactIri(iri) {
  for (const [prefix, ns] of PREFIXES) {
    if (iri.startsWith(ns) && iri.length > ns.length) return prefix + iri.slice(ns.length);
  }
  return iri;
}

const NUMERIC_TYPES = /#(integer|decimal|double|float|long|int|short|nonNegativeInteger|positiveInteger)$/;

/** One result cell; `data-value` keeps the raw value (the text may be shortened). */
function resultCell(term) {
  if (!term) return h('td', { className: 'unbound', dataset: { value: '' } });
  const td = h('td', { dataset: { value: term.value, type: term.type } });
  if (term.type === 'uri') {
    td.title = term.value;
    if (term.value.startsWith(ACTOR_NS)) {
      // An actor: one click opens it in the explorer.
      const id = decodeURIComponent(term.value.slice(ACTOR_NS.length));
      td.append(h('button', { type: 'button', className: 'link', onclick: () => openActorFromResults(id) }, compactIri(term.value)));
    } else if (/^https?:\/\//.test(term.value) && compactIri(term.value) === term.value) {
      td.append(h('a', { href: term.value, target: '_blank', rel: 'noopener noreferrer' }, term.value));
    } else {
      td.append(compactIri(term.value));
    }
  } else if (term.type === 'bnode') {
    td.append(`_:${term.value}`);
  } else {
    if (NUMERIC_TYPES.test(term.datatype ?? '')) td.classList.add('num');
    td.append(term.value);
    if (term['xml:lang']) td.append(h('span', { className: 'lang' }, `@${term['xml:lang']}`));
  }
  return td;
}

function openActorFromResults(id) {
  showTab('explorer');
  selectActor(id);
}

async function downloadCsv() {
  const name = isCannedRun() ? state.currentQuery.name : 'query';
  try {
    const response = await fetchQuery('text/csv');
    if (!response.ok) throw new Error(await response.text());
    downloadBlob(await response.blob(), `${name}.csv`);
  } catch (error) {
    $('#query-error').hidden = false;
    $('#query-error').textContent = `CSV download failed: ${error.message}`;
  }
}

function wireSparql() {
  $('#run-query').addEventListener('click', runQuery);
  $('#download-csv').addEventListener('click', downloadCsv);
  $('#query-text').addEventListener('input', updateQueryMode);
  $('#query-text').addEventListener('keydown', (evt) => {
    if (evt.key === 'Enter' && (evt.ctrlKey || evt.metaKey)) {
      evt.preventDefault();
      runQuery();
    }
  });
  updateQueryMode();
}

// ---------------------------------------------------------------------------
// Tabs, header, start-up.

function showTab(name) {
  for (const tab of $$('[role=tab]')) tab.setAttribute('aria-selected', String(tab.dataset.tab === name));
  $('#view-explorer').hidden = name !== 'explorer';
  $('#view-sparql').hidden = name !== 'sparql';
  if (location.hash !== `#${name}`) history.replaceState(null, '', `#${name}`);
  if (name === 'explorer' && cy) cy.resize();
}

async function loadStats() {
  try {
    const s = await getJson('/api/stats');
    $('#stats').replaceChildren(...[
      ['articles', s.articles], ['reports', s.reports], ['events', s.events], ['actors', s.actors],
    ].map(([label, value]) => h('span', { className: 'stat' }, h('strong', {}, Number(value).toLocaleString('en')), ` ${label}`)));
  } catch (error) {
    $('#stats').textContent = `stats unavailable: ${error.message}`;
  }
}

function wireExplorer() {
  buildRelationFilters();
  buildTypeFilters();
  wirePeriod();
  wireSearch();
  for (const id of ['#status', '#min-weight']) $(id).addEventListener('change', loadGraphSoon);
  $('#metric').addEventListener('change', drawGraph);
  $('#top-n').addEventListener('change', drawGraph);
  $('#reset-filters').addEventListener('click', resetFilters);
  $('#fit').addEventListener('click', () => cy?.fit(undefined, 30));
  $('#relayout').addEventListener('click', runLayout);
  $('#save-png').addEventListener('click', () => {
    if (!cy) return;
    downloadBlob(cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }), 'dipgraph-graph.png');
  });
  $('#dyad-close').addEventListener('click', closeDyad);
  new ResizeObserver(debounce(drawTimeline, 100)).observe($('#timeline'));
}

function start() {
  for (const tab of $$('[role=tab]')) tab.addEventListener('click', () => showTab(tab.dataset.tab));
  showTab(location.hash === '#sparql' ? 'sparql' : 'explorer');
  wireExplorer();
  wireSparql();
  loadStats();
  loadQueries();
  if (typeof window.cytoscape !== 'function') {
    // The page is served but its library is not: say how to fix it.
    showGraphMessage('cytoscape.js did not load (/assets/vendor/cytoscape.min.js): run `make web`, then rebuild or set DIPGRAPH_WEB_DIR.', true);
    setGraphState('error');
    return;
  }
  createCytoscape();
  loadGraph();
}

// For the browser tests and the curious: the graph and the page's entry points.
window.dipgraph = {
  get cy() {
    return cy;
  },
  state,
  selectActor,
  showDyad,
  loadGraph,
  runQuery,
};

start();
