// The pager and the sort toggle of the actor and dyad panels (paged by
// the server: /api/actor and /api/dyad take offset, limit and sort).

import { h } from './dom.js';

/** Rows a panel asks for at a time. */
export const PAGE_SIZE = 50;

/**
 * "1–50 of 3,353 · ‹ previous · next ›" for `data` (an /api/actor or
 * /api/dyad answer); `go(offset)` loads another page.
 */
export function pager(data, go) {
  const { offset, limit, total } = data;
  const end = Math.min(offset + limit, total);
  return h('div', { className: 'pager', dataset: { offset: String(offset), total: String(total) } },
    h('span', { className: 'hint' }, total ? `${(offset + 1).toLocaleString('en')}–${end.toLocaleString('en')} of ${total.toLocaleString('en')}` : 'none'),
    h('button', { type: 'button', className: 'tool prev', disabled: offset === 0, onclick: () => go(Math.max(0, offset - limit)) }, '‹ previous'),
    h('button', { type: 'button', className: 'tool next', disabled: end >= total, onclick: () => go(offset + limit) }, 'next ›'));
}

/** The date column's toggle: oldest first (the default) or newest first. */
export function sortToggle(order, flip) {
  return h('button', {
    type: 'button', className: 'link sort-toggle', dataset: { sort: order },
    title: order === 'oldest' ? 'Oldest first; click for newest first' : 'Newest first; click for oldest first',
    onclick: flip,
  }, `Date ${order === 'oldest' ? '↑' : '↓'}`);
}
