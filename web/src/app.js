// The dipgraph explorer's entry point: tabs, the header's figures, and
// the views wired together. Plain ES modules, no build step: everything
// it loads comes from the same `dipgraph serve` (/assets/…, /api/…, /sparql).
//
//   js/api.js          the JSON routes and /sparql
//   js/vocab.js        relations (/api/relations), prefixes, actor types
//   js/graph.js        the network (cytoscape): load, draw, tooltips, highlight
//   js/filters.js      the sidebar's filters and the first view's defaults
//   js/period.js       the period control: slider, date inputs, histogram
//   js/search.js       the search box (ranking: js/search-rank.js)
//   js/actor-panel.js  an actor's events, paged, with evidence
//   js/dyad-panel.js   a pair's timeline and events, paged
//   js/sparql.js       the SPARQL tab (editor: js/editor.js)

import { getJson } from './js/api.js';
import { $, $$, debounce, downloadBlob, h } from './js/dom.js';
import { wireFilters } from './js/filters.js';
import { createCytoscape, drawGraph, loadGraph, runLayout, setGraphState, showGraphMessage } from './js/graph.js';
import { initPeriod, wirePeriod } from './js/period.js';
import { selectActor } from './js/actor-panel.js';
import { closeDyad, drawTimeline, showDyad } from './js/dyad-panel.js';
import { wireSearch } from './js/search.js';
import { loadQueries, queryEditor, runQuery, wireSparql } from './js/sparql.js';
import { state, view } from './js/state.js';
import { loadVocabulary } from './js/vocab.js';

function showTab(name) {
  for (const tab of $$('[role=tab]')) tab.setAttribute('aria-selected', String(tab.dataset.tab === name));
  $('#view-explorer').hidden = name !== 'explorer';
  $('#view-sparql').hidden = name !== 'sparql';
  if (location.hash !== `#${name}`) history.replaceState(null, '', `#${name}`);
  if (name === 'explorer') view.cy?.resize();
  if (name === 'sparql') queryEditor()?.cm?.refresh();
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

/** The search index: every actor in some event with its aliases. */
async function loadIndex() {
  try {
    state.index = await getJson('/api/actors');
    for (const a of state.index) state.actors.set(a.id, a);
  } catch (error) {
    $('#search').placeholder = `search unavailable: ${error.message}`;
  }
}

function wireExplorer() {
  wireFilters();
  wirePeriod();
  wireSearch();
  $('#metric').addEventListener('change', drawGraph);
  $('#top-n').addEventListener('change', drawGraph);
  $('#fit').addEventListener('click', () => view.cy?.fit(undefined, 30));
  $('#relayout').addEventListener('click', runLayout);
  $('#save-png').addEventListener('click', () => {
    if (!view.cy) return;
    downloadBlob(view.cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }), 'dipgraph-graph.png');
  });
  $('#dyad-close').addEventListener('click', closeDyad);
  new ResizeObserver(debounce(drawTimeline, 100)).observe($('#timeline'));
}

async function start() {
  for (const tab of $$('[role=tab]')) tab.addEventListener('click', () => showTab(tab.dataset.tab));
  loadStats();
  let period;
  try {
    [period] = await Promise.all([getJson('/api/period'), loadVocabulary(), loadIndex()]);
  } catch (error) {
    showGraphMessage(`Cannot start: ${error.message}`, true);
    setGraphState('error');
    return;
  }
  wireExplorer();
  wireSparql(showTab);
  showTab(location.hash === '#sparql' ? 'sparql' : 'explorer');
  loadQueries();
  initPeriod(period);
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
    return view.cy;
  },
  state,
  selectActor,
  showDyad,
  loadGraph,
  runQuery,
  get editor() {
    return queryEditor();
  },
};

start();
