// The search box: every label and alias of every actor in some event
// (/api/actors), ranked by search-rank.js; a name that matches nothing
// says so, with the nearest names.

import { $, h } from './dom.js';
import { actorLabel, actorName } from './format.js';
import { selectActor } from './actor-panel.js';
import { nearestActors, rankActors } from './search-rank.js';
import { state } from './state.js';
import { typeColor } from './vocab.js';

export function wireSearch() {
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
  const option = (actor, i, matched) =>
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
    matched && matched !== actor.label_en && matched !== actor.label_zh && matched !== actor.id
      ? h('span', { className: 'alias', title: 'matched this alias' }, `= ${matched}`) : null,
    h('span', { className: 'hint' }, `${actor.type}${actor.registry ? '' : ' · not in the registry'} · ${actor.events ?? 0} ev.`));
  const render = () => {
    list.replaceChildren(...matches.map((m, i) => option(m.actor, i, m.matched)));
    list.hidden = matches.length === 0;
  };
  /** Nothing matches: say so, and offer the nearest names. */
  const none = () => {
    const nearest = nearestActors(state.index, input.value);
    list.replaceChildren(
      h('li', { className: 'none' }, `No actor named “${input.value.trim()}” in this store${nearest.length ? '. Did you mean:' : '.'}`),
      ...nearest.map((actor, i) => option(actor, i, null)));
    matches = nearest.map((actor) => ({ actor }));
    active = -1;
    list.hidden = false;
  };
  input.addEventListener('input', () => {
    matches = rankActors(state.index, input.value);
    active = 0;
    if (!matches.length && input.value.trim().length >= 2) none();
    else render();
  });
  input.addEventListener('keydown', (evt) => {
    if (evt.key === 'ArrowDown' || evt.key === 'ArrowUp') {
      if (!matches.length) return;
      evt.preventDefault();
      active = (Math.max(active, 0) + (evt.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length;
      render();
    } else if (evt.key === 'Enter') {
      evt.preventDefault();
      matches = rankActors(state.index, input.value);
      if (matches.length) choose(matches[Math.min(Math.max(active, 0), matches.length - 1)].actor);
      else none();
    } else if (evt.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', close);
}
