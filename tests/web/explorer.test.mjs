// End-to-end test of the web explorer that `dipgraph serve` puts at `/`:
// a store of the five bundled samples, the real server, headless Chromium.
//
//   make test-web                      (builds web/ first, passes DIPGRAPH_BIN)
//   DIPGRAPH_BIN=target/debug/dipgraph node --test tests/web/
//
// Screenshots go to out/explorer.png, out/explorer-actor.png, out/explorer-dyad.png and
// out/explorer-sparql.png. tests/web/search-rank.test.mjs tests the search's
// ranking alone, without a browser.

import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { OUT, getJson, launchChromium, missingPrerequisite, startServer } from './harness.mjs';

// false, not null: node:test marks a test skipped for any `skip` other than undefined or false.
const skip = missingPrerequisite() ?? false;
if (skip) console.log(`skipping browser tests: ${skip}`);

let server;
let browser;
let page;
/** Console errors, uncaught exceptions and failed requests seen by the page. */
const problems = [];
/** Requests a test makes fail on purpose (a misspelt actor, a syntax error). */
const expectedErrors = [];

/** Reads the drawn graph out of the page's cytoscape instance. */
function drawnGraph() {
  return page.evaluate(() => {
    const { cy } = window.dipgraph;
    return {
      nodes: cy.nodes().map((n) => n.id()),
      edges: cy.edges().map((e) => ({ ...e.data() })),
    };
  });
}

/** Waits for the graph request a filter change started to be drawn. */
async function graphSettled() {
  await page.waitForFunction(() => document.body.dataset.graph !== 'loading');
  const { graph, message } = await page.evaluate(() => ({
    graph: document.body.dataset.graph,
    message: document.querySelector('#graph-message').textContent,
  }));
  assert.equal(graph, 'ready', `the graph failed to load: ${message}; ${problems.join('; ')}`);
}

before(async () => {
  if (skip) return;
  server = await startServer();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page.setDefaultTimeout(10_000);
  page.on('console', (msg) => {
    // A failed request is logged by the browser too; the response handler below names its URL.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    const url = response.url();
    if (response.status() >= 400 && !expectedErrors.some((e) => url.includes(e))) problems.push(`HTTP ${response.status()}: ${url}`);
  });
  await mkdir(OUT, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The sidebar's filters as the page sends them to the panels. */
function panelFilters() {
  return page.evaluate(() => {
    const relations = [...document.querySelectorAll('#relations input:checked')].map((c) => c.value);
    const params = new URLSearchParams({
      since: document.querySelector('#period-since').value,
      until: document.querySelector('#period-until').value,
    });
    if (relations.length < document.querySelectorAll('#relations input').length) params.set('relation', relations.join(','));
    if (document.querySelector('#status').value) params.set('status', document.querySelector('#status').value);
    if (Number(document.querySelector('#min-confidence').value) > 0) params.set('min_confidence', document.querySelector('#min-confidence').value);
    return params.toString();
  });
}

/** Waits for a panel (#actor or #dyad) to finish loading. */
async function panelReady(selector) {
  await page.waitForFunction((sel) => document.querySelector(sel).dataset.state !== 'loading', selector);
  assert.equal(await page.getAttribute(selector, 'data-state'), 'ready');
}

/** The actor table's interaction rows: date, relation, counterpart, status. */
function actorRows() {
  return page.$$eval('#actor-table tr.interaction', (rows) => rows.map((r) => ({ ...r.dataset })));
}

async function download(selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

test('the page opens on the default view: top 40, occurred, the publication window, a histogram', { skip, timeout: 30_000 }, async () => {
  await page.goto(`${server.base}/`);
  await graphSettled();
  const { nodes, edges } = await drawnGraph();
  for (const id of ['wang_yi', 'park_jin', 'CHN', 'KOR']) {
    assert.ok(nodes.includes(id), `actor ${id} is not drawn; drawn: ${nodes.join(', ')}`);
  }
  assert.ok(edges.length > 0, 'no edges drawn');
  const label = await page.evaluate(() => window.dipgraph.cy.getElementById('wang_yi').data('label'));
  assert.equal(label, '王毅 Wang Yi');

  // The defaults: 40 actors, occurred; the samples are too few for weight ≥ 2, and it says so.
  assert.equal(await page.inputValue('#top-n'), '40');
  assert.equal(await page.inputValue('#status'), 'occurred');
  assert.equal(await page.inputValue('#min-weight'), '1');
  assert.match(await page.textContent('#graph-summary'), /weight ≥ 2 left \d+ actors?/);
  assert.ok(nodes.length <= 40, `${nodes.length} actors drawn`);

  // The period is the articles' publication window, by month, in the date inputs too.
  const period = await getJson(`${server.base}/api/period`);
  const first = period.published_first.slice(0, 7);
  const last = period.published_last.slice(0, 7);
  assert.equal(await page.inputValue('#period-since'), `${first}-01`);
  assert.match(await page.inputValue('#period-until'), new RegExp(`^${last}-(28|29|30|31)$`));
  const months = await page.evaluate(() => window.dipgraph.state.months);
  assert.equal(months[0], first);
  assert.equal(months.at(-1), last);
  assert.ok(period.first_date < period.published_first, 'the samples have events dated before their articles');

  // What is drawn is /api/graph under these filters.
  const api = await getJson(`${server.base}/api/graph?${await panelFilters()}`);
  assert.equal(nodes.length, Math.min(40, api.nodes.length));
  assert.equal(edges.length, api.edges.length);
  assert.ok(api.nodes.every((n) => n.id), 'nodes without ids');

  // The histogram under the slider: events per month under the relation and status filters.
  const bars = await page.$$eval('#period-histogram rect', (rs) => rs.map((r) => [r.dataset.month, Number(r.dataset.count)]));
  const inWindow = api.histogram.months.filter((m) => m.month >= first && m.month <= last).map((m) => [m.month, m.count]);
  assert.deepEqual(bars, inWindow);
  assert.ok(bars.length > 0, 'no histogram bars');

  // The relation counts say what they count: events and edges of the filtered graph.
  assert.match(await page.textContent('#relations .count-head'), /events\s*edges/);
  const calls = api.edges.filter((e) => e.relation === 'call');
  assert.equal(await page.textContent('#relations .count.events[data-relation="call"]'), String(calls.reduce((s, e) => s + e.weight, 0)));
  assert.equal(await page.textContent('#relations .count.edges[data-relation="call"]'), String(calls.length));

  // The header's figures are the store's.
  const stats = await getJson(`${server.base}/api/stats`);
  const header = await page.textContent('#stats');
  assert.match(header, new RegExp(`${stats.events}\\s+events`), `header "${header}" lacks the event count`);
  await page.waitForTimeout(300); // let the layout's last frame paint
  await page.screenshot({ path: join(OUT, 'explorer.png') });
  assert.deepEqual(problems, [], 'the page reported errors');
});

test('search finds labels and registry aliases, and says when a name matches nothing', { skip, timeout: 20_000 }, async () => {
  await page.fill('#search', 'Wang Yi');
  await page.waitForSelector('#search-results li[data-id="wang_yi"]');
  assert.equal(await page.getAttribute('#search-results li:first-child', 'data-id'), 'wang_yi');

  // 南韩 is an alias of South Korea in the registry (its label is 韩国).
  await page.fill('#search', '南韩');
  await page.waitForSelector('#search-results li[data-id="KOR"]');
  assert.equal(await page.getAttribute('#search-results li:first-child', 'data-id'), 'KOR');
  assert.match(await page.textContent('#search-results li:first-child'), /= 南韩/);

  // A misspelt name says so and offers the nearest.
  await page.fill('#search', 'Wang Yl');
  await page.waitForSelector('#search-results li.none');
  assert.match(await page.textContent('#search-results li.none'), /No actor named “Wang Yl”/);
  assert.ok(await page.$('#search-results li[data-id="wang_yi"]'), 'wang_yi is not offered');

  await page.fill('#search', '王毅');
  await page.press('#search', 'Enter');
  await page.waitForSelector('#actor[data-actor="wang_yi"][data-state="ready"]');
  assert.match(await page.textContent('#actor-name'), /王毅\s*Wang Yi/);
  const focused = await page.evaluate(() => window.dipgraph.cy.getElementById('wang_yi').hasClass('focus'));
  assert.ok(focused, 'the wang_yi node is not highlighted');

  const row = page.locator('#actor-table tr.interaction[data-relation="call"][data-counterpart="park_jin"][data-date="2023-08-31"]');
  assert.equal(await row.count(), 1, 'no call with park_jin on 2023-08-31 in the actor table');
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells[0], '2023-08-31');
  assert.equal(cells[1], 'call');
  assert.match(cells[2], /朴振\s*Park Jin/);
  assert.equal(cells[3], 'occurred');

  // The evidence row under it: the sentence and a link to the article.
  const event = await row.getAttribute('data-event');
  const evidence = page.locator(`#actor-table tr.evidence-row[data-event="${event}"] td.evidence`);
  const sentence = await evidence.locator('q').first().textContent();
  const api = await getJson(`${server.base}/api/actor?id=wang_yi&${await panelFilters()}`);
  const call = api.interactions.find((i) => i.event === event);
  assert.ok(call?.reports.length, 'the API has no report for this call');
  const links = await evidence.locator('a').evaluateAll((as) => as.map((a) => a.href));
  assert.ok(links.includes(call.reports[0].url), `no link to ${call.reports[0].url} in ${links}`);
  assert.equal(sentence, call.reports[0].evidence);
  await page.waitForTimeout(400); // the view pans to the actor
  await page.screenshot({ path: join(OUT, 'explorer-actor.png') });
});

test('the actor table follows the filters and sorts by date either way', { skip, timeout: 30_000 }, async () => {
  const all = await actorRows();
  const api = await getJson(`${server.base}/api/actor?id=wang_yi&${await panelFilters()}`);
  assert.equal(all.length, Math.min(api.total, 50));
  assert.ok(all.every((r) => r.status === 'occurred'), 'a planned event under status=occurred');
  // Oldest first by default; undated last.
  const dated = all.map((r) => r.date).filter(Boolean);
  assert.deepEqual(dated, [...dated].sort());
  await page.click('#actor-table .sort-toggle');
  await panelReady('#actor');
  const newest = (await actorRows()).map((r) => r.date).filter(Boolean);
  assert.deepEqual(newest, [...dated].sort().reverse());
  await page.click('#actor-table .sort-toggle');
  await panelReady('#actor');

  // Relation: calls only — the table keeps its calls.
  await page.click('#relations-none');
  await page.check('#relations input[value="call"]');
  await graphSettled();
  await panelReady('#actor');
  const calls = await actorRows();
  assert.ok(calls.length > 0 && calls.length < all.length, `${calls.length} calls of ${all.length}`);
  assert.ok(calls.every((r) => r.relation === 'call'), JSON.stringify(calls));
  assert.match(await page.textContent('#actor-counts'), /relation=call/);

  // Status: both — planned events come back.
  await page.click('#relations-all');
  await page.selectOption('#status', '');
  await graphSettled();
  await panelReady('#actor');
  const both = await getJson(`${server.base}/api/actor?id=wang_yi&${await panelFilters()}`);
  assert.equal((await actorRows()).length, Math.min(both.total, 50));
  assert.ok(both.total >= api.total);
  await page.selectOption('#status', 'occurred');
  await graphSettled();
  await panelReady('#actor');
});

test('the period inputs set the period, move the slider and filter graph and table', { skip, timeout: 30_000 }, async () => {
  const before = await drawnGraph();
  await page.fill('#period-since', '2023-08-01');
  await page.dispatchEvent('#period-since', 'change');
  await graphSettled();
  await panelReady('#actor');
  const months = await page.evaluate(() => window.dipgraph.state.months);
  assert.equal(await page.inputValue('#period-from'), String(months.indexOf('2023-08')));
  assert.match(await page.textContent('#period-label'), /^2023-08-01 – /);
  const recent = await drawnGraph();
  assert.ok(recent.edges.length > 0 && recent.edges.length < before.edges.length, `${recent.edges.length} edges since 2023-08`);
  // A date overlaps the period: 2023 (a year) reaches into 2023-08.
  const lastMonth = (date) => (date.length === 4 ? `${date}-12` : date);
  for (const e of recent.edges) assert.ok(lastMonth(e.last_date) >= '2023-08', `edge ${e.id} last dated ${e.last_date}`);
  const rows = await actorRows();
  assert.ok(rows.length > 0 && rows.every((r) => lastMonth(r.date) >= '2023-08'), JSON.stringify(rows));
  // The histogram darkens the months in the period.
  const out = await page.$$eval('#period-histogram rect.out', (rs) => rs.map((r) => r.dataset.month));
  assert.ok(out.length > 0 && out.every((m) => m < '2023-08'), `${out}`);

  // An end before the start is refused, and nothing is reloaded.
  await page.fill('#period-until', '2023-01-01');
  await page.dispatchEvent('#period-until', 'change');
  assert.equal(await page.isVisible('#period-error'), true);
  assert.equal(await page.evaluate(() => document.body.dataset.graph), 'ready');

  await page.click('#reset-filters');
  await graphSettled();
  assert.equal(await page.isVisible('#period-error'), false);
  assert.equal(await page.inputValue('#period-from'), '0');
  assert.equal((await drawnGraph()).edges.length, before.edges.length, 'reset did not restore the graph');
});

test('the confidence filter keeps surer interactions in graph and table, and each report says why it exists', { skip, timeout: 30_000 }, async () => {
  await panelReady('#actor');
  const before = await drawnGraph();
  const any = await getJson(`${server.base}/api/actor?id=wang_yi&${await panelFilters()}`);
  // Every report shows its confidence, and its provenance on hover.
  const shown = await page.$$eval('#actor-table .report .confidence', (spans) => spans.map((s) => ({ text: s.textContent, why: s.title })));
  assert.ok(shown.length > 0, 'no confidence shown in the actor table');
  assert.ok(shown.every((s) => /^confidence (0|1)\.\d\d$/.test(s.text)), JSON.stringify(shown.slice(0, 3)));
  assert.ok(shown.every((s) => /argument pattern|interaction model/.test(s.why)), JSON.stringify(shown.slice(0, 3)));

  await page.selectOption('#min-confidence', '0.9');
  await graphSettled();
  await panelReady('#actor');
  const sure = await getJson(`${server.base}/api/actor?id=wang_yi&${await panelFilters()}`);
  assert.match(sure.filter, /min-confidence=0\.9/);
  assert.ok(sure.total <= any.total, `${sure.total} of ${any.total}`);
  assert.ok(sure.interactions.every((i) => i.confidence >= 0.9), JSON.stringify(sure.interactions.map((i) => i.confidence)));
  assert.equal((await actorRows()).length, Math.min(sure.total, 50));
  const graph = await getJson(`${server.base}/api/graph?status=occurred&min_confidence=0.9`);
  const all = await getJson(`${server.base}/api/graph?status=occurred`);
  assert.ok(graph.edges.length <= all.edges.length);
  assert.ok((await drawnGraph()).edges.length <= before.edges.length);
  assert.match(await page.textContent('#graph-summary'), /confidence ≥ 0\.9/);

  await page.click('#reset-filters');
  await graphSettled();
  assert.equal(await page.inputValue('#min-confidence'), '0');
});

test('the actor and dyad tables download as CSV, all rows under the filters', { skip, timeout: 30_000 }, async () => {
  await page.waitForSelector('#actor[data-actor="wang_yi"][data-state="ready"]');
  const api = await getJson(`${server.base}/api/actor?id=wang_yi&${await panelFilters()}`);
  const actor = await download('#actor-csv');
  assert.equal(actor.name, 'wang_yi.csv');
  const lines = actor.text.trim().split(/\r?\n/);
  assert.equal(lines[0], 'date,relation,direction,status,actor,counterpart,counterpart_en,counterpart_zh,counterpart_type,outlets,reports,confidence,evidence,url,event');
  assert.equal(lines.length, api.total + 1);
  assert.ok(lines.some((l) => l.startsWith('2023-08-31,call,mutual,occurred,wang_yi,park_jin,')), 'no 2023-08-31 call in the CSV');

  await page.click('#actor-table tr.interaction[data-relation="call"][data-counterpart="park_jin"] td.counterpart button');
  await panelReady('#dyad');
  const dyadApi = await getJson(`${server.base}/api/dyad?a=wang_yi&b=park_jin&${await panelFilters()}`);
  const dyad = await download('#dyad-csv');
  assert.equal(dyad.name, 'wang_yi-park_jin.csv');
  const dyadLines = dyad.text.trim().split(/\r?\n/);
  assert.equal(dyadLines.length, dyadApi.total + 1);
  assert.ok(dyadLines.slice(1).every((l) => l.includes(',wang_yi,park_jin,')));
  await page.click('#dyad-close');
});

test('the dyad timeline of Wang Yi and Park Jin has a 2023-08 bar', { skip, timeout: 20_000 }, async () => {
  const expected = await getJson(`${server.base}/api/dyad?a=wang_yi&b=park_jin&${await panelFilters()}`);
  const august = expected.months.filter((m) => m.month === '2023-08').reduce((sum, m) => sum + m.count, 0);
  assert.ok(august > 0, '/api/dyad has no 2023-08 events');

  // From the actor table: click the counterpart.
  await page.click('#actor-table tr.interaction[data-relation="call"][data-counterpart="park_jin"] td.counterpart button');
  await page.waitForSelector('#dyad[data-dyad="wang_yi|park_jin"][data-state="ready"]');
  const bar = page.locator('#timeline g.bar[data-month="2023-08"]');
  assert.equal(await bar.count(), 1, 'no 2023-08 bar');
  assert.equal(Number(await bar.getAttribute('data-count')), august);
  const relations = await bar.locator('rect').evaluateAll((rs) => rs.map((r) => r.dataset.relation));
  assert.ok(relations.includes('call'), `the 2023-08 bar has no call segment: ${relations}`);
  await page.waitForTimeout(400); // the view pans to the pair
  await page.screenshot({ path: join(OUT, 'explorer-dyad.png') });

  // From the graph: tap the call edge between them.
  await page.click('#dyad-close');
  await page.evaluate(() => {
    const { cy } = window.dipgraph;
    const edge = cy.edges().filter((e) => e.data('relation') === 'call'
      && [e.source().id(), e.target().id()].sort().join() === 'park_jin,wang_yi');
    edge.emit('tap');
  });
  await page.waitForSelector('#dyad[data-state="ready"] #timeline g.bar[data-month="2023-08"]');
  const pair = (await page.getAttribute('#dyad', 'data-dyad')).split('|').sort();
  assert.deepEqual(pair, ['park_jin', 'wang_yi']);
});

test('canned queries run from the SPARQL panel and match /api/query', { skip, timeout: 25_000 }, async () => {
  await page.click('#tab-sparql');

  // One click runs a canned query with its defaults.
  await page.click('.canned-query[data-name="counts_by_relation_year"]');
  await page.waitForSelector('#results[data-state="ready"]');
  const expected = await getJson(`${server.base}/api/query/counts_by_relation_year`);
  const table = await readResults();
  assert.deepEqual(table.vars, expected.head.vars);
  assert.deepEqual(table.rows, expected.results.bindings.map((b) => expected.head.vars.map((v) => b[v]?.value ?? '')));
  const call = table.rows.find((r) => r[0] === 'call' && r[1] === '2023');
  assert.ok(call, 'no row for call in 2023');
  assert.ok(Number(call[2]) >= 1);

  // A parameter typed in the box is bound by the server.
  await page.click('.canned-query[data-name="actor_interactions"]');
  await page.waitForSelector('#results[data-state="ready"]');
  await page.fill('#query-params input[name="actor"]', 'actor:park_jin');
  await page.click('#run-query');
  await page.waitForFunction(() => document.querySelector('#results').dataset.state === 'ready'
    && document.querySelector('#results tbody td')?.dataset.value?.endsWith('/park_jin'));
  const parked = await getJson(`${server.base}/api/query/actor_interactions?actor=actor:park_jin`);
  const rows = (await readResults()).rows;
  assert.equal(rows.length, parked.results.bindings.length);
  assert.ok(rows.length > 0 && rows.every((r) => r[0].endsWith('/actor/park_jin')), 'rows of another actor');
  assert.ok(rows.some((r) => r[2] === 'call' && r[7] === '2023-08-31'), 'no call of park_jin on 2023-08-31');

  // The CSV download is the server's CSV of the same query.
  const csv = await download('#download-csv');
  assert.equal(csv.text.split(/\r?\n/)[0], parked.head.vars.join(','));
  assert.equal(csv.text.trim().split(/\r?\n/).length, parked.results.bindings.length + 1);

  // A misspelt actor says so, with the nearest id, instead of 0 rows.
  expectedErrors.push('actor=actor%3Awang_yl');
  await page.fill('#query-params input[name="actor"]', 'actor:wang_yl');
  await page.click('#run-query');
  await page.waitForSelector('#results[data-state="error"]', { state: 'attached' });
  assert.match(await page.textContent('#query-error'), /no actor actor:wang_yl.*actor:wang_yi/);
});

test('the SPARQL editor highlights, knows the prefixes and shows errors at their line', { skip, timeout: 25_000 }, async () => {
  await page.click('.canned-query.free');
  assert.ok(await page.$('.sparql-main .CodeMirror'), 'no CodeMirror editor');
  const setQuery = (text) => page.evaluate((t) => window.dipgraph.editor.setValue(t), text);

  // Free-form SPARQL, with the dip: prefix undeclared, counts the store's events.
  await setQuery('SELECT (COUNT(?e) AS ?n) WHERE { ?e a dip:Interaction }');
  assert.ok(await page.$('.CodeMirror .cm-keyword'), 'SELECT is not highlighted as a keyword');
  assert.ok(await page.$('.CodeMirror .cm-variable-2'), '?e is not highlighted as a variable');
  assert.equal(await page.$('.CodeMirror .cm-unknown-prefix'), null, 'dip: is predeclared');
  await page.click('#run-query');
  await page.waitForSelector('#results[data-state="ready"] td[data-value]');
  const stats = await getJson(`${server.base}/api/stats`);
  assert.deepEqual((await readResults()).rows, [[String(stats.events)]]);

  // An undeclared prefix is marked before running, and the server's error lands on its line.
  await setQuery('SELECT ?x WHERE {\n  ?x a dip:Actor .\n  ?x foo:bar ?y\n}');
  assert.equal(await page.textContent('.CodeMirror .cm-unknown-prefix'), 'foo:');
  expectedErrors.push('/sparql');
  await page.click('#run-query');
  await page.waitForSelector('#results[data-state="error"]', { state: 'attached' });
  assert.match(await page.textContent('#query-error'), /line 3, column 6: the prefix `foo:` is not declared/);
  const errorLine = await page.evaluate(() => window.dipgraph.editor.cm.getLineHandle(2).bgClass);
  assert.match(errorLine, /cm-error-line/);

  // Completion offers the predeclared prefixes.
  await setQuery('SELECT * WHERE { ?s sk');
  await page.evaluate(() => {
    const { cm } = window.dipgraph.editor;
    cm.focus();
    cm.setCursor(cm.lineCount() - 1, cm.getLine(cm.lineCount() - 1).length);
  });
  await page.keyboard.press('Control+Space');
  await page.waitForSelector('.CodeMirror-hints');
  assert.match(await page.textContent('.CodeMirror-hints'), /skos:\s+http:\/\/www\.w3\.org\/2004\/02\/skos\/core#/);
  await page.keyboard.press('Escape');

  // Free-form, 0 rows, a misspelt actor: the page says which.
  await setQuery('SELECT ?p WHERE { ?p dip:metWith actor:wang_yl }');
  await page.click('#run-query');
  await page.waitForSelector('#results[data-state="ready"]', { state: 'attached' });
  assert.match(await page.textContent('#query-error'), /actor:wang_yl is in no event of this store — did you mean actor:wang_yi/);

  await page.click('.canned-query[data-name="counts_by_relation_year"]');
  await page.waitForSelector('#results[data-state="ready"]');
  await page.screenshot({ path: join(OUT, 'explorer-sparql.png') });
});

test('no console errors or failed requests during the session', { skip }, () => {
  assert.deepEqual(problems, []);
});

/** The results table: its header and each cell's raw value. */
function readResults() {
  return page.evaluate(() => ({
    vars: [...document.querySelectorAll('#results thead th')].map((th) => th.textContent),
    rows: [...document.querySelectorAll('#results tbody tr')].map((tr) => [...tr.cells].map((td) => td.dataset.value ?? td.textContent)),
  }));
}
