// The SPARQL tab: canned queries (/api/queries, /api/query/NAME) and
// free-form ones (/sparql) in the editor; results as a table and CSV.

import { cannedUrl, errorText, getJson, postSparql } from './api.js';
import { $, $$, downloadBlob, h } from './dom.js';
import { createEditor } from './editor.js';
import { selectActor } from './actor-panel.js';
import { nearestActors } from './search-rank.js';
import { state } from './state.js';
import { ACTOR_NS, compactIri } from './vocab.js';

/** Rows drawn in the SPARQL results table; the CSV download has them all. */
const MAX_RESULT_ROWS = 2000;
const NUMERIC_TYPES = /#(integer|decimal|double|float|long|int|short|nonNegativeInteger|positiveInteger)$/;

let editor = null;
let showTab = () => {};

export async function loadQueries() {
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
  $('#query-description').textContent = q ? q.description : freeFormHint();
  $('#query-params').replaceChildren(...(q?.params ?? []).map((p) =>
    h('label', { className: 'param' },
      h('span', {}, p.name),
      h('input', {
        type: 'text', name: p.name, value: p.default, spellcheck: 'false',
        onkeydown: (evt) => {
          if (evt.key === 'Enter') runQuery();
        },
      }))));
  if (q) editor.setValue(q.text);
  updateQueryMode();
}

function freeFormHint() {
  return 'Prefixes dip:, actor:, rdfs:, xsd:, schema:, prov: and the others the completion offers (Ctrl+Space) need no declaration.';
}

/** A canned query whose text was edited runs as free-form SPARQL: its parameters no longer apply. */
function isCannedRun() {
  return Boolean(state.currentQuery) && editor.getValue() === state.currentQuery.text;
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
  $('#download-csv').disabled = !editor.getValue().trim();
}

function paramValues() {
  return $$('#query-params input').map((input) => [input.name, input.value]);
}

/** Runs the box's query; the answer as a Response with the wanted media type. */
function fetchQuery(accept) {
  if (isCannedRun()) {
    return fetch(cannedUrl(state.currentQuery.name, paramValues(), accept === 'text/csv' ? 'csv' : null), { headers: { Accept: accept } });
  }
  return postSparql(editor.getValue(), accept);
}

/**
 * For a free-form query that found nothing: the actor ids it names that
 * are in no event of the store, with the nearest ones ("actor:wang_yl —
 * no such actor; did you mean actor:wang_yi?").
 */
function unknownActors(text) {
  const known = new Set(state.index.map((a) => a.id));
  const named = new Set([
    ...[...text.matchAll(/\bactor:([\w.-]*\w)/g)].map((m) => m[1]),
    ...[...text.matchAll(/<https:\/\/w3id\.org\/dipgraph\/actor\/([^>\s]+)>/g)].map((m) => decodeURIComponent(m[1])),
  ]);
  return [...named].filter((id) => !known.has(id)).map((id) => {
    const nearest = nearestActors(state.index, id).map((a) => `actor:${a.id}`);
    return `actor:${id} is in no event of this store${nearest.length ? ` — did you mean ${nearest.join(', ')}?` : ''}`;
  });
}

export async function runQuery() {
  const table = $('#results');
  const status = $('#query-status');
  const errorBox = $('#query-error');
  const text = editor.getValue();
  if (!text.trim()) return;
  table.dataset.state = 'loading';
  status.textContent = 'Running…';
  errorBox.hidden = true;
  editor.clearError();
  const started = performance.now();
  try {
    const response = await fetchQuery('application/sparql-results+json, application/json;q=0.9, text/turtle;q=0.5, */*;q=0.1');
    if (!response.ok) throw new Error(await errorText(response));
    const type = response.headers.get('Content-Type') || '';
    const body = await response.text();
    const ms = Math.round(performance.now() - started);
    if (type.includes('json')) {
      const result = JSON.parse(body);
      const rows = renderResults(result);
      status.textContent = result.boolean !== undefined
        ? `${ms} ms`
        : `${rows} row${rows === 1 ? '' : 's'} · ${ms} ms${rows > MAX_RESULT_ROWS ? ` · first ${MAX_RESULT_ROWS} shown` : ''}`;
      const misspelt = rows === 0 && !isCannedRun() ? unknownActors(text) : [];
      if (misspelt.length) {
        errorBox.hidden = false;
        errorBox.classList.add('warning');
        errorBox.textContent = `0 rows, and maybe why: ${misspelt.join('; ')}`;
      }
    } else {
      // CONSTRUCT/DESCRIBE: RDF text, shown as it came.
      $('thead', table).replaceChildren(h('tr', {}, h('th', {}, type.split(';')[0] || 'result')));
      $('tbody', table).replaceChildren(h('tr', {}, h('td', {}, h('pre', {}, body))));
      status.textContent = `${ms} ms`;
    }
    table.dataset.state = 'ready';
  } catch (error) {
    errorBox.hidden = false;
    errorBox.classList.remove('warning');
    errorBox.textContent = error.message;
    if (!isCannedRun()) editor.showError(error.message);
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
    if (!response.ok) throw new Error(await errorText(response));
    downloadBlob(await response.blob(), `${name}.csv`);
  } catch (error) {
    $('#query-error').hidden = false;
    $('#query-error').textContent = `CSV download failed: ${error.message}`;
  }
}

/** `show` switches tabs (an actor in the results opens in the explorer). */
export function wireSparql(show) {
  showTab = show;
  editor = createEditor({ onChange: updateQueryMode, onRun: runQuery });
  $('#query-description').textContent = freeFormHint();
  $('#run-query').addEventListener('click', runQuery);
  $('#download-csv').addEventListener('click', downloadCsv);
  updateQueryMode();
}

/** The editor, for the browser tests. */
export function queryEditor() {
  return editor;
}
