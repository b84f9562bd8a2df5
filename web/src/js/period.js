// The period control: a month slider over the articles' publication
// window (its default), date inputs beside it for any day (also outside
// the window: background history, plans), and under it a histogram of the
// events per month, under the relation and status filters.

import { $, h, svg } from './dom.js';
import { plural } from './format.js';
import { loadGraphSoon } from './graph.js';
import { lastDayOfMonth, monthRange, toMonth } from './months.js';
import { state } from './state.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Spans the slider over the publication window of /api/period (the
 * events' own range when no article is dated) and selects all of it.
 */
export function initPeriod(period) {
  const first = toMonth(period.published_first ?? period.first_date);
  const last = toMonth(period.published_last ?? period.last_date, true);
  state.period = period;
  const from = $('#period-from');
  const to = $('#period-to');
  if (!first || !last || first > last) {
    state.months = [];
    for (const input of [from, to, $('#period-since'), $('#period-until')]) input.disabled = true;
    $('#period-label').textContent = 'no dated events';
    return;
  }
  state.months = monthRange(first, last);
  const max = state.months.length - 1;
  for (const input of [from, to]) {
    input.max = String(max);
    input.disabled = max === 0;
  }
  $('#period-min').textContent = first;
  $('#period-max').textContent = last;
  $('#period-window').textContent = period.published_first
    ? `articles published ${period.published_first} – ${period.published_last}`
    : 'no article is dated: the events\' range';
  resetPeriod();
}

/** The whole window: the slider's ends, their first and last days. */
export function resetPeriod() {
  if (!state.months.length) return;
  $('#period-from').value = '0';
  $('#period-to').value = String(state.months.length - 1);
  fromSlider();
}

/** since/until as the date inputs say (what the graph and the panels filter by). */
export function periodParams() {
  const out = {};
  if (!state.months.length) return out;
  const since = $('#period-since').value;
  const until = $('#period-until').value;
  if (DATE.test(since)) out.since = since;
  if (DATE.test(until)) out.until = until;
  return out;
}

/** The slider moved: the date inputs follow (first day of its start month, last of its end). */
function fromSlider() {
  const from = Number($('#period-from').value);
  const to = Number($('#period-to').value);
  $('#period-since').value = `${state.months[from]}-01`;
  $('#period-until').value = lastDayOfMonth(state.months[to]);
  showInputError(false);
  updatePeriodView();
}

/** Index of the slider's month for a date, clamped to the window. */
function sliderIndex(date) {
  const month = date.slice(0, 7);
  if (month <= state.months[0]) return 0;
  if (month >= state.months.at(-1)) return state.months.length - 1;
  return state.months.indexOf(month);
}

/** A date typed: the slider's thumbs go to its month (or the window's end). */
function fromInputs() {
  const since = $('#period-since').value;
  const until = $('#period-until').value;
  const bad = !DATE.test(since) || !DATE.test(until) || since > until;
  showInputError(bad);
  if (bad) return false;
  $('#period-from').value = String(sliderIndex(since));
  $('#period-to').value = String(sliderIndex(until));
  updatePeriodView();
  return true;
}

function showInputError(bad) {
  $('#period-inputs').classList.toggle('invalid', bad);
  $('#period-error').hidden = !bad;
  $('#period-error').textContent = bad ? 'The start must be a date on or before the end.' : '';
}

function updatePeriodView() {
  const from = Number($('#period-from').value);
  const to = Number($('#period-to').value);
  const max = Math.max(1, state.months.length - 1);
  $('#period-label').textContent = state.months.length
    ? `${$('#period-since').value} – ${$('#period-until').value}` : '';
  const fill = $('#period-fill');
  fill.style.left = `${(from / max) * 100}%`;
  fill.style.right = `${100 - (to / max) * 100}%`;
  drawHistogram();
}

/**
 * Events per month over the slider's window, the selected months dark;
 * below, what the window leaves out (events dated before or after it,
 * by their year alone, or not at all).
 */
export function drawHistogram() {
  const box = $('#period-histogram');
  const hist = state.graph?.histogram;
  if (!hist || !state.months.length) {
    box.replaceChildren();
    return;
  }
  const counts = new Map(hist.months.map((m) => [m.month, m.count]));
  const first = state.months[0];
  const last = state.months.at(-1);
  let before = 0;
  let after = 0;
  for (const m of hist.months) {
    if (m.month < first) before += m.count;
    else if (m.month > last) after += m.count;
  }
  const since = $('#period-since').value.slice(0, 7);
  const until = $('#period-until').value.slice(0, 7);
  const values = state.months.map((m) => counts.get(m) ?? 0);
  const max = Math.max(1, ...values);
  const width = 240;
  const height = 44;
  const band = width / state.months.length;
  const bars = state.months.map((m, i) => {
    const c = values[i];
    if (!c) return null;
    const barH = Math.max(1, (c / max) * (height - 2));
    return svg('rect', {
      x: i * band, width: Math.max(0.6, band - (band > 3 ? 1 : 0)), y: height - barH, height: barH,
      class: m >= since && m <= until ? 'in' : 'out', 'data-month': m, 'data-count': c,
    }, svg('title', {}, `${m}: ${plural(c, 'event')}`));
  });
  const outside = [
    before ? `${plural(before, 'event')} dated before ${first}` : null,
    after ? `${plural(after, 'event')} after ${last}` : null,
    hist.year_only ? `${plural(hist.year_only, 'event')} dated by year only` : null,
    hist.undated ? `${hist.undated.toLocaleString('en')} undated` : null,
  ].filter(Boolean);
  box.replaceChildren(
    svg('svg', {
      viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none', role: 'img', class: 'histogram',
      'aria-label': `Events per month, ${first} to ${last}; highest ${max}`,
    }, bars),
    h('div', { className: 'hint histogram-note' },
      `Events per month (peak ${max.toLocaleString('en')})`,
      outside.length ? h('span', { title: 'Type a date to include them' }, ` · outside: ${outside.join(', ')}`) : null));
}

export function wirePeriod() {
  const from = $('#period-from');
  const to = $('#period-to');
  // The two thumbs may not cross: the one moved pushes the other.
  from.addEventListener('input', () => {
    if (Number(from.value) > Number(to.value)) to.value = from.value;
    fromSlider();
    loadGraphSoon();
  });
  to.addEventListener('input', () => {
    if (Number(to.value) < Number(from.value)) from.value = to.value;
    fromSlider();
    loadGraphSoon();
  });
  for (const input of [$('#period-since'), $('#period-until')]) {
    input.addEventListener('change', () => {
      if (fromInputs()) loadGraphSoon();
    });
  }
}
