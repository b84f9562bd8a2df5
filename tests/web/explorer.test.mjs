// End-to-end test of the web explorer that `dipgraph serve` puts at `/`:
// a store of the five bundled samples, the real server, headless Chromium.
//
//   make test-web                      (builds web/ first, passes DIPGRAPH_BIN)
//   DIPGRAPH_BIN=target/debug/dipgraph node --test tests/web/
//
// Screenshots go to out/explorer.png, out/explorer-actor.png, out/explorer-dyad.png and
// out/explorer-sparql.png.

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
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await mkdir(OUT, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the page loads without errors and draws the sample actors', { skip, timeout: 20_000 }, async () => {
  await page.goto(`${server.base}/`);
  await graphSettled();
  const { nodes, edges } = await drawnGraph();
  for (const id of ['wang_yi', 'park_jin', 'CHN', 'KOR']) {
    assert.ok(nodes.includes(id), `actor ${id} is not drawn; drawn: ${nodes.join(', ')}`);
  }
  assert.ok(edges.length > 0, 'no edges drawn');
  // Labels in both languages.
  const label = await page.evaluate(() => window.dipgraph.cy.getElementById('wang_yi').data('label'));
  assert.equal(label, '王毅 Wang Yi');
  // The header's figures are the store's.
  const stats = await getJson(`${server.base}/api/stats`);
  const header = await page.textContent('#stats');
  assert.match(header, new RegExp(`${stats.events}\\s+events`), `header "${header}" lacks the event count`);
  await page.waitForTimeout(300); // let the layout's last frame paint
  await page.screenshot({ path: join(OUT, 'explorer.png') });
  assert.deepEqual(problems, [], 'the page reported errors');
});

test('searching 王毅 selects Wang Yi and lists the call with Park Jin and its evidence', { skip, timeout: 20_000 }, async () => {
  // English names are found too.
  await page.fill('#search', 'Wang Yi');
  await page.waitForSelector('#search-results li[data-id="wang_yi"]');
  assert.equal(await page.getAttribute('#search-results li:first-child', 'data-id'), 'wang_yi');

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
  assert.ok(/朴振|王毅/.test(sentence), `evidence "${sentence}" names neither 朴振 nor 王毅`);
  const api = await getJson(`${server.base}/api/actor?id=wang_yi`);
  const call = api.interactions.find((i) => i.event === event);
  assert.ok(call?.reports.length, 'the API has no report for this call');
  const links = await evidence.locator('a').evaluateAll((as) => as.map((a) => a.href));
  assert.ok(call.reports[0].url, 'the API gives no article URL');
  assert.ok(links.includes(call.reports[0].url), `no link to ${call.reports[0].url} in ${links}`);
  assert.equal(sentence, call.reports[0].evidence);
  await page.waitForTimeout(400); // the view pans to the actor
  await page.screenshot({ path: join(OUT, 'explorer-actor.png') });
});

test('filters change the graph: relation call only, then a period', { skip, timeout: 20_000 }, async () => {
  const all = await drawnGraph();

  await page.click('#relations-none');
  await page.check('#relations input[value="call"]');
  await graphSettled();
  const calls = await drawnGraph();
  assert.ok(calls.edges.length > 0, 'no call edges drawn');
  assert.ok(calls.edges.length < all.edges.length, `call only: ${calls.edges.length} edges, not fewer than ${all.edges.length}`);
  assert.deepEqual([...new Set(calls.edges.map((e) => e.relation))], ['call']);
  const api = await getJson(`${server.base}/api/graph?relation=call`);
  assert.equal(calls.edges.length, api.edges.length, 'drawn call edges differ from /api/graph?relation=call');

  // Back to all relations, then from 2023-01 on: only later edges remain.
  await page.click('#relations-all');
  await graphSettled();
  assert.equal((await drawnGraph()).edges.length, all.edges.length);
  await page.evaluate(() => {
    const from = document.querySelector('#period-from');
    from.value = String(window.dipgraph.state.months.indexOf('2023-01'));
    from.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await graphSettled();
  assert.match(await page.textContent('#period-label'), /^2023-01 – /);
  const recent = await drawnGraph();
  assert.ok(recent.edges.length > 0 && recent.edges.length < all.edges.length, `${recent.edges.length} edges since 2023`);
  for (const e of recent.edges) {
    assert.ok(e.last_date >= '2023', `edge ${e.id} last dated ${e.last_date}, before the period`);
  }

  await page.click('#reset-filters');
  await graphSettled();
  assert.equal((await drawnGraph()).edges.length, all.edges.length, 'reset did not restore the graph');
});

test('the dyad timeline of Wang Yi and Park Jin has a 2023-08 bar', { skip, timeout: 20_000 }, async () => {
  const expected = await getJson(`${server.base}/api/dyad?a=wang_yi&b=park_jin`);
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
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  const csv = await readFile(await download.path(), 'utf8');
  assert.equal(csv.split(/\r?\n/)[0], parked.head.vars.join(','));
  assert.equal(csv.trim().split(/\r?\n/).length, parked.results.bindings.length + 1);

  // Free-form SPARQL, with the dip: prefix undeclared, counts the store's events.
  await page.click('.canned-query.free');
  await page.fill('#query-text', 'SELECT (COUNT(?e) AS ?n) WHERE { ?e a dip:Interaction }');
  await page.click('#run-query');
  await page.waitForSelector('#results[data-state="ready"] td[data-value]');
  const stats = await getJson(`${server.base}/api/stats`);
  assert.deepEqual((await readResults()).rows, [[String(stats.events)]]);

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
