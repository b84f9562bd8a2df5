// The sidebar's filters: relations (with their counts), status, actor
// types, minimum weight, minimum confidence, the number of actors drawn;
// the query string they make for /api/graph and, less the graph's own,
// for the panels.

import { $, $$, h } from './dom.js';
import { plural, relationSwatch } from './format.js';
import { loadGraphSoon } from './graph.js';
import { periodParams, resetPeriod } from './period.js';
import { state } from './state.js';
import { ACTOR_TYPES, RELATIONS } from './vocab.js';

/**
 * The first view: the top 40 actors by weighted degree, edges of two
 * events or more, events that occurred, in the articles' publication
 * window — readable on the whole archive, where everything is a hairball
 * of thousands of edges.
 */
export const DEFAULTS = { topN: 40, minWeight: 2, status: 'occurred' };
/** Fewer actors than this under the defaults (a small store): the first view drops the weight floor. */
const FEWEST_DEFAULT_ACTORS = 10;

function checkedValues(container) {
  return $$('input[type=checkbox]', container).filter((c) => c.checked).map((c) => c.value);
}

/** Why nothing can match (no relation or no type ticked), or null. */
export function filtersEmpty() {
  if (!checkedValues($('#relations')).length) return 'No relation selected.';
  if (!checkedValues($('#actor-types')).length) return 'No actor type selected.';
  return null;
}

/** The filters an actor's or a dyad's panel follows: relations, status, confidence and period. */
export function panelParams() {
  const params = new URLSearchParams(periodParams());
  const relations = checkedValues($('#relations'));
  if (relations.length < RELATIONS.length) params.set('relation', relations.join(','));
  const status = $('#status').value;
  if (status) params.set('status', status);
  const minConfidence = Number($('#min-confidence').value);
  if (minConfidence > 0) params.set('min_confidence', String(minConfidence));
  return params;
}

/** The /api/graph query string for the sidebar's filters ("" or "?…"). */
export function graphQuery() {
  const params = panelParams();
  const types = checkedValues($('#actor-types'));
  if (types.length < ACTOR_TYPES.length) params.set('actor_type', types.join(','));
  const minWeight = Number($('#min-weight').value);
  if (minWeight > 1) params.set('min_weight', String(minWeight));
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

/** Sets the filters to the first view's. */
function applyDefaults() {
  $('#top-n').value = String(DEFAULTS.topN);
  $('#min-weight').value = String(DEFAULTS.minWeight);
  $('#status').value = DEFAULTS.status;
  $('#min-confidence').value = '0';
  state.widened = null;
}

/**
 * On the first view: when the defaults leave fewer than a readable
 * graph's worth of actors (the five samples), drop the weight floor and
 * say so. True when the graph must be fetched again.
 */
export function widenDefaults(graph) {
  const minWeight = Number($('#min-weight').value);
  if (minWeight <= 1 || graph.nodes.length >= FEWEST_DEFAULT_ACTORS) return false;
  $('#min-weight').value = '1';
  state.widened = `weight ≥ ${minWeight} left ${plural(graph.nodes.length, 'actor')}, so edges of one event are shown too`;
  return true;
}

/** The line under the graph's summary: what the first view leaves out, and how to see it. */
export function defaultsNote() {
  if (state.widened) return h('span', { className: 'defaults-note hint' }, ` · ${state.widened}`);
  const topN = Number($('#top-n').value);
  const total = state.graph?.nodes.length ?? 0;
  const narrowed = [];
  if (topN < total) narrowed.push(`top ${topN}`);
  if (Number($('#min-weight').value) > 1) narrowed.push(`weight ≥ ${$('#min-weight').value}`);
  if ($('#status').value) narrowed.push($('#status').value);
  if (Number($('#min-confidence').value) > 0) narrowed.push(`confidence ≥ ${$('#min-confidence').value}`);
  if (!narrowed.length) return null;
  return h('span', { className: 'defaults-note hint' }, ` · ${narrowed.join(', ')} · `,
    h('button', { type: 'button', className: 'link', id: 'widen', onclick: widen, title: 'All actors, every edge, occurred and planned, any confidence' }, 'show all'));
}

/** Everything the period holds: every actor, edges of one event, both statuses, any confidence. */
function widen() {
  $('#min-weight').value = '1';
  $('#status').value = '';
  $('#min-confidence').value = '0';
  $('#top-n').value = String(Math.max(Number($('#top-n').max) || 2000, state.graph?.nodes.length ?? 0));
  loadGraphSoon();
}

export function buildRelationFilters() {
  $('#relations').replaceChildren(
    h('div', { className: 'check count-head', title: 'In the graph as filtered (every actor, not only those drawn): its events, and its edges (one per relation and pair)' },
      h('span', { className: 'name' }), h('span', { className: 'count' }, 'events'), h('span', { className: 'count' }, 'edges')),
    ...RELATIONS.map((r) =>
      h('label', { className: 'check', title: `${r.label_en} · ${r.directed ? 'directed (arrow)' : 'undirected'} · CAMEO ${r.cameo.join(', ')}` },
        h('input', { type: 'checkbox', value: r.id, checked: true, onchange: loadGraphSoon }),
        relationSwatch(r.id),
        h('span', { className: 'name' }, r.id, ' ', h('span', { className: 'zh', lang: 'zh' }, r.label_zh)),
        h('span', { className: 'count events', dataset: { relation: r.id } }),
        h('span', { className: 'count edges', dataset: { relation: r.id } }))));
  const setAll = (checked) => {
    for (const box of $$('input', $('#relations'))) box.checked = checked;
    loadGraphSoon();
  };
  $('#relations-all').addEventListener('click', () => setAll(true));
  $('#relations-none').addEventListener('click', () => setAll(false));
}

/** Per relation: the events and the edges of the graph as filtered. */
export function updateRelationCounts() {
  const events = {};
  const edges = {};
  for (const e of state.graph?.edges ?? []) {
    events[e.relation] = (events[e.relation] ?? 0) + e.weight;
    edges[e.relation] = (edges[e.relation] ?? 0) + 1;
  }
  for (const span of $$('#relations .count.events')) span.textContent = events[span.dataset.relation] ?? '';
  for (const span of $$('#relations .count.edges')) span.textContent = edges[span.dataset.relation] ?? '';
}

export function buildTypeFilters() {
  $('#actor-types').replaceChildren(...ACTOR_TYPES.map((t) =>
    h('label', { className: 'check' },
      h('input', { type: 'checkbox', value: t.name, checked: true, onchange: loadGraphSoon }),
      h('span', { className: 'dot', style: { background: t.color } }),
      h('span', { className: 'name' }, t.name, ' ', h('span', { className: 'zh', lang: 'zh' }, t.zh)))));
}

/** Back to the first view's filters (widened again if the store is too small for them). */
export function resetFilters() {
  for (const box of $$('#relations input, #actor-types input')) box.checked = true;
  applyDefaults();
  state.firstView = true;
  resetPeriod();
  loadGraphSoon();
}

export function wireFilters() {
  applyDefaults();
  buildRelationFilters();
  buildTypeFilters();
  for (const id of ['#status', '#min-weight', '#min-confidence']) {
    $(id).addEventListener('change', () => {
      state.widened = null;
      loadGraphSoon();
    });
  }
  $('#reset-filters').addEventListener('click', resetFilters);
}
