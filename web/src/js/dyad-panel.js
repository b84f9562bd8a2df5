// The dyad panel: /api/dyad under the sidebar's filters — a pair's events
// per month and relation as stacked bars, and its events a page at a time
// with their evidence; a CSV of all of them.

import { getJson, withQuery } from './api.js';
import { $, h, svg } from './dom.js';
import { actorLabel, actorName, evidenceList, plural, relationChip } from './format.js';
import { panelParams } from './filters.js';
import { centreWith, restoreHighlight } from './graph.js';
import { monthAt, monthIndex, monthRange } from './months.js';
import { PAGE_SIZE, pager, sortToggle } from './pager.js';
import { state, view } from './state.js';
import { RELATIONS } from './vocab.js';

const panel = { a: null, b: null, offset: 0, sort: 'oldest' };

export function showDyad(a, b) {
  state.dyad = { a, b };
  restoreHighlight();
  const box = $('#dyad');
  box.hidden = false;
  const { cy } = view;
  if (cy) {
    cy.resize(); // the panel just took room from the graph
    const pair = cy.collection([cy.getElementById(a), cy.getElementById(b)]).filter((n) => n.nonempty());
    if (pair.length === 2) centreWith(pair, pair, 1.2);
  }
  Object.assign(panel, { a, b, offset: 0 });
  loadDyadPage();
}

/** The filters changed: the open pair starts again at its first page. */
export function reloadDyadPanel() {
  if (!panel.a || $('#dyad').hidden) return;
  panel.offset = 0;
  loadDyadPage();
}

async function loadDyadPage() {
  const { a, b } = panel;
  const box = $('#dyad');
  box.dataset.state = 'loading';
  box.dataset.dyad = `${a}|${b}`;
  const params = panelParams();
  params.set('a', a);
  params.set('b', b);
  if (panel.sort !== 'oldest') params.set('sort', panel.sort);
  const csv = new URLSearchParams(params);
  csv.set('format', 'csv');
  $('#dyad-csv').href = withQuery('/api/dyad', csv);
  params.set('offset', String(panel.offset));
  params.set('limit', String(PAGE_SIZE));
  const key = params.toString();
  box.dataset.request = key;
  try {
    const data = await getJson(withQuery('/api/dyad', params));
    if (box.dataset.request !== key) return;
    renderDyad(data);
    box.dataset.state = 'ready';
  } catch (error) {
    if (box.dataset.request !== key) return;
    $('#dyad-title').textContent = `${a} ⇄ ${b}`;
    $('#dyad-sub').textContent = `Cannot load: ${error.message}`;
    $('#timeline').replaceChildren();
    $('#dyad-events').replaceChildren();
    $('#dyad-pager').replaceChildren();
    box.dataset.state = 'error';
  }
}

function renderDyad(data) {
  $('#dyad-title').replaceChildren(actorName(data.a), h('span', { className: 'pair-sep' }, '⇄'), actorName(data.b));
  const charted = data.months.reduce((sum, m) => sum + m.count, 0);
  $('#dyad-sub').textContent = [
    plural(data.total, 'interaction'),
    data.total !== data.unfiltered ? `of ${data.unfiltered.toLocaleString('en')} (${data.filter})` : null,
    data.first_date ? `${data.first_date} – ${data.last_date}` : null,
    data.total > charted ? `${data.total - charted} without a month, not charted` : null,
  ].filter(Boolean).join(' · ');
  state.dyadMonths = data.months;
  drawTimeline();
  const present = [...new Set(data.months.map((m) => m.relation))];
  $('#timeline-legend').replaceChildren(...RELATIONS.filter((r) => present.includes(r.id)).map((r) =>
    h('span', { className: 'legend-item' }, h('span', { className: 'dot square', style: { background: r.colour } }), r.id)));
  $('#dyad-sort').replaceChildren(sortToggle(data.sort, () => {
    panel.sort = panel.sort === 'oldest' ? 'newest' : 'oldest';
    panel.offset = 0;
    loadDyadPage();
  }));
  $('#dyad-events').replaceChildren(...data.interactions.map((i) =>
    h('li', { dataset: { event: i.event, date: i.date ?? '', relation: i.relation } },
      h('div', { className: 'event-head' },
        h('span', { className: 'date' }, i.date ?? 'undated'),
        relationChip(i.relation),
        h('span', { className: 'direction' }, i.direction === 'mutual' ? '↔'
          : `${actorLabel(i.direction === 'outgoing' ? data.a : data.b)} → ${actorLabel(i.direction === 'outgoing' ? data.b : data.a)}`),
        h('span', { className: `status-tag ${i.status}` }, i.status)),
      evidenceList(i, [data.a, data.b]))));
  $('#dyad-pager').replaceChildren(pager(data, (offset) => {
    panel.offset = offset;
    loadDyadPage();
  }));
}

/** Stacked monthly bars (one colour per relation), drawn to the panel's width. */
export function drawTimeline() {
  const box = $('#timeline');
  const months = state.dyadMonths || [];
  if (!months.length) {
    box.replaceChildren(h('p', { className: 'hint' }, 'No events dated to a month to chart.'));
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
    const present = RELATIONS.filter((r) => counts[r.id]);
    const parts = present.map((r) => {
      const c = counts[r.id];
      const rect = svg('rect', {
        x, width: barW, y: y(base + c), height: Math.max(1, y(base) - y(base + c)),
        fill: r.colour, class: 'segment', 'data-relation': r.id, 'data-count': c,
      });
      base += c;
      return rect;
    });
    const title = `${m}: ${present.map((r) => `${r.id} ${counts[r.id]}`).join(', ')}`;
    return svg('g', { class: 'bar', 'data-month': m, 'data-count': totals[i] }, svg('title', {}, title), parts);
  });
  box.replaceChildren(svg('svg', {
    width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `Interactions per month, ${sorted[0]} to ${sorted.at(-1)}`,
  }, grid, labels, bars));
}

export function closeDyad() {
  $('#dyad').hidden = true;
  $('#dyad').dataset.dyad = '';
  panel.a = panel.b = null;
  state.dyad = null;
  restoreHighlight();
}
