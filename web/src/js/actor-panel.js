// The actor panel: /api/actor under the sidebar's relation, status and
// period filters, a page at a time, sorted by date, with each event's
// evidence; a CSV of all its rows; and, with no actor chosen, the most
// central actors.

import { getJson, withQuery } from './api.js';
import { $, h } from './dom.js';
import { DIRECTION_GLYPH, actorName, evidenceList, formatMetric, plural, relationChip, typeBadge } from './format.js';
import { panelParams } from './filters.js';
import { centreOn, restoreHighlight } from './graph.js';
import { showDyad } from './dyad-panel.js';
import { PAGE_SIZE, pager, sortToggle } from './pager.js';
import { state, view } from './state.js';
import { METRIC_LABELS, typeColor } from './vocab.js';

/** Oldest first: an actor's record reads as a timeline (README: The web explorer). */
const panel = { id: null, offset: 0, sort: 'oldest' };

/** The empty details panel lists the leading actors, one click from their details. */
export function renderTopActors(nodes, metric) {
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

/** Shows an actor: highlights and centres it, loads the first page of its events. */
export function selectActor(id) {
  state.selectedActor = id;
  state.dyad = null;
  restoreHighlight();
  if (view.cy?.getElementById(id).nonempty()) centreOn(id);
  panel.id = id;
  panel.offset = 0;
  loadActorPage();
}

/** The filters changed: the open actor's panel starts again at its first page. */
export function reloadActorPanel() {
  if (!panel.id || $('#actor').hidden) return;
  panel.offset = 0;
  loadActorPage();
}

function actorParams() {
  const params = panelParams();
  params.set('id', panel.id);
  if (panel.sort !== 'oldest') params.set('sort', panel.sort);
  return params;
}

async function loadActorPage() {
  const id = panel.id;
  const box = $('#actor');
  box.dataset.state = 'loading';
  box.dataset.actor = id;
  $('#actor-empty').hidden = true;
  box.hidden = false;
  const params = actorParams();
  const csv = new URLSearchParams(params);
  csv.set('format', 'csv');
  $('#actor-csv').href = withQuery('/api/actor', csv);
  params.set('offset', String(panel.offset));
  params.set('limit', String(PAGE_SIZE));
  const key = params.toString();
  box.dataset.request = key;
  try {
    const data = await getJson(withQuery('/api/actor', params));
    if (box.dataset.request !== key) return; // a newer click took over
    renderActor(data);
    box.dataset.state = 'ready';
  } catch (error) {
    if (box.dataset.request !== key) return;
    $('#actor-name').replaceChildren(id);
    $('#actor-meta').replaceChildren();
    $('#actor-metrics').replaceChildren();
    $('#actor-notice').hidden = false;
    $('#actor-notice').textContent = `Cannot load this actor: ${error.message}`;
    $('tbody', $('#actor-table')).replaceChildren();
    $('#actor-pager').replaceChildren();
    box.dataset.state = 'error';
  }
}

function renderActor(data) {
  const { actor, interactions } = data;
  $('#actor-name').replaceChildren(actorName(actor));
  $('#actor-meta').replaceChildren(
    typeBadge(actor.type),
    h('code', {}, actor.id),
    h('span', { id: 'actor-counts' },
      `${plural(data.total, 'interaction')} with ${plural(data.partners, 'counterpart')}`,
      data.total !== data.unfiltered ? ` (of ${data.unfiltered.toLocaleString('en')}: ${data.filter})` : ''));
  renderActorStanding();
  $('thead', $('#actor-table')).replaceChildren(h('tr', {},
    h('th', {}, sortToggle(data.sort, () => {
      panel.sort = panel.sort === 'oldest' ? 'newest' : 'oldest';
      panel.offset = 0;
      loadActorPage();
    })),
    h('th', {}, 'Relation'), h('th', {}, 'Counterpart'), h('th', {}, 'Status'), h('th', {}, 'Outlets')));

  const rows = [];
  for (const i of interactions) {
    rows.push(h('tr', {
      className: `interaction status-${i.status}`,
      dataset: { event: i.event, relation: i.relation, date: i.date ?? '', counterpart: i.counterpart.id, status: i.status },
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
  if (!rows.length) {
    rows.push(h('tr', {}, h('td', { colspan: 5, className: 'empty' },
      data.unfiltered ? 'No interactions under these filters.' : 'No interactions.')));
  }
  $('tbody', $('#actor-table')).replaceChildren(...rows);
  $('#actor-pager').replaceChildren(pager(data, (offset) => {
    panel.offset = offset;
    loadActorPage();
  }));
  $('#actor-table').closest('.table-scroll').scrollTop = 0;
}

/** The actor's centralities in the graph as filtered now, and whether it is drawn. */
export function renderActorStanding() {
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
  const drawn = Boolean(view.cy?.getElementById(id).nonempty());
  const notice = $('#actor-notice');
  notice.hidden = drawn;
  notice.textContent = drawn ? '' : 'Not drawn in the graph now: outside the current filters or the top actors shown.';
}
