// The explorer's search ranking (web/src/js/search-rank.js), under Node:
// aliases are found, the registry's actors come first among equal matches,
// and a misspelt name gets its nearest actors.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nearestActors, normalise, rankActors } from '../../web/src/js/search-rank.js';

// As /api/actors gives them (the whole archive's store, abridged).
const INDEX = [
  { id: 'CHN', label_en: 'China', label_zh: '中国', type: 'state', aliases: ['中國', '中华人民共和国'], registry: true, events: 3353 },
  { id: 'xi_de', label_en: '西德', label_zh: '西德', type: 'person', aliases: [], registry: false, events: 4 },
  { id: 'xi_jinping', label_en: 'Xi Jinping', label_zh: '习近平', type: 'person', aliases: ['習近平'], registry: true, events: 2 },
  { id: 'mike_pompeo', label_en: 'Mike Pompeo', label_zh: '蓬佩奥', type: 'person', aliases: ['蓬佩奧', '彭佩奥', '庞培欧'], registry: true, events: 410 },
  { id: 'wang_yi', label_en: 'Wang Yi', label_zh: '王毅', type: 'person', aliases: [], registry: true, events: 700 },
  { id: 'wang_yiwei', label_en: 'wang_yiwei', label_zh: '王义桅', type: 'person', aliases: [], registry: false, events: 900 },
];

const ids = (matches) => matches.map((m) => m.actor.id);

test('names are compared without case, spaces, hyphens, dots or underscores', () => {
  assert.equal(normalise('Wang Yi'), 'wangyi');
  assert.equal(normalise('wang_yi'), 'wangyi');
  assert.equal(normalise('Kim Jong-un'), 'kimjongun');
});

test('a registry alias finds its actor: 彭佩奥 is Mike Pompeo', () => {
  const [first] = rankActors(INDEX, '彭佩奥');
  assert.equal(first.actor.id, 'mike_pompeo');
  assert.equal(first.matched, '彭佩奥');
  assert.equal(rankActors(INDEX, '習近平')[0].actor.id, 'xi_jinping');
});

test('"Xi" puts the registry\'s 习近平 before 西德, a name met in the text', () => {
  const found = ids(rankActors(INDEX, 'Xi'));
  assert.ok(found.includes('xi_de'), `xi_de not found: ${found}`);
  assert.ok(found.indexOf('xi_jinping') < found.indexOf('xi_de'), `${found}`);
  // Even though 西德 takes part in more events.
  assert.ok(INDEX.find((a) => a.id === 'xi_de').events > INDEX.find((a) => a.id === 'xi_jinping').events);
});

test('a better match wins over the registry; then the registry, then events', () => {
  // "Wang Yi" is the whole of wang_yi's name and only the start of wang_yiwei's.
  assert.deepEqual(ids(rankActors(INDEX, 'Wang Yi')).slice(0, 2), ['wang_yi', 'wang_yiwei']);
  // A word inside a name counts as a start: "Jinping".
  assert.equal(rankActors(INDEX, 'jinping')[0].actor.id, 'xi_jinping');
  assert.deepEqual(rankActors(INDEX, ''), []);
  assert.deepEqual(rankActors(INDEX, 'nobody at all'), []);
});

test('a misspelt name gets the nearest actors', () => {
  assert.deepEqual(nearestActors(INDEX, 'Pompeio').map((a) => a.id), ['mike_pompeo']);
  assert.deepEqual(nearestActors(INDEX, 'wang_yl').map((a) => a.id).slice(0, 1), ['wang_yi']);
  assert.deepEqual(nearestActors(INDEX, 'zzzzzz'), []);
});
