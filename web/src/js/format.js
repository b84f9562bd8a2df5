// How actors, relations and metrics are written in the views.

import { h, svg } from './dom.js';
import { ACTOR_TYPE, RELATION, relationColour, typeColor } from './vocab.js';

/** "王毅 Wang Yi": both labels, Chinese first, either may be missing. */
export function actorLabel(actor) {
  if (!actor) return '';
  const zh = actor.label_zh || '';
  const en = actor.label_en || actor.id || '';
  return zh && zh !== en ? `${zh} ${en}` : en;
}

export function actorName(actor) {
  return h('span', { className: 'actor-name' },
    actor.label_zh && actor.label_zh !== actor.label_en ? h('span', { className: 'zh', lang: 'zh' }, actor.label_zh) : null,
    h('span', { className: 'en' }, actor.label_en || actor.id));
}

export function relationChip(relation) {
  const r = RELATION.get(relation);
  return h('span', {
    className: 'chip',
    style: { '--chip': relationColour(relation) },
    title: r ? `${r.label_en} ${r.label_zh}` : relation,
  }, relation);
}

export function typeBadge(type) {
  const t = ACTOR_TYPE[type];
  return h('span', { className: 'badge', style: { '--badge': typeColor(type) } },
    t ? `${t.name} ${t.zh}` : type);
}

export const DIRECTION_GLYPH = { outgoing: '→', incoming: '←', mutual: '↔' };

export function formatMetric(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '–';
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}

export function plural(n, word) {
  return `${Number(n).toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}

/** A line sample of a relation's edge style, for legends. */
export function relationSwatch(relation) {
  const r = RELATION.get(relation);
  const dash = r.line === 'dashed' ? '6 3' : r.line === 'dotted' ? '1.5 3' : null;
  return svg('svg', { class: 'swatch', viewBox: '0 0 30 10', width: 30, height: 10, 'aria-hidden': 'true' },
    svg('line', {
      x1: 1, y1: 5, x2: r.directed ? 23 : 29, y2: 5,
      stroke: r.colour, 'stroke-width': 2.5, 'stroke-dasharray': dash,
      'stroke-linecap': r.line === 'dotted' ? 'round' : 'butt',
    }),
    r.directed ? svg('path', { d: 'M22 1 L29 5 L22 9 Z', fill: r.colour }) : null);
}

/** Wraps the given names inside `text` in <mark>, so the reader finds them. */
export function highlightNames(text, names) {
  const wanted = [...new Set(names.filter((n) => n && n.length > 1))]
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (!wanted.length) return [text];
  const pattern = new RegExp(`(${wanted.join('|')})`, 'g');
  return text.split(pattern).map((part, i) => (i % 2 ? h('mark', {}, part) : part));
}

/** Why a report exists, as its provenance says: the pattern, the model's weightiest features. */
export function reportWhy(report) {
  const lines = [];
  if (report.found_by_pattern === true) lines.push('found by an argument pattern');
  if (report.found_by_pattern === false) lines.push('found by the interaction model alone');
  if (report.features?.length) lines.push(`weighed most: ${report.features.join('; ')}`);
  return lines.join('\n');
}

/** The reports of one interaction: their evidence sentence, article and confidence. */
export function evidenceList(interaction, actors) {
  if (!interaction.reports.length) return h('span', { className: 'hint' }, 'No evidence stored.');
  const names = actors.flatMap((a) => [a.label_zh, a.label_en]);
  return interaction.reports.map((r) =>
    h('div', { className: 'report' },
      h('q', { lang: 'zh' }, highlightNames(r.evidence, names)),
      h('div', { className: 'source' },
        r.url
          ? h('a', { href: r.url, target: '_blank', rel: 'noopener noreferrer', title: r.url }, r.title || r.url)
          : h('span', {}, r.title || r.article || 'article'),
        r.outlet ? h('span', { className: 'outlet' }, r.outlet) : null,
        r.published ? h('span', { className: 'published' }, r.published.slice(0, 10)) : null,
        typeof r.confidence === 'number'
          ? h('span', { className: 'confidence', title: reportWhy(r) || 'confidence' }, `confidence ${r.confidence.toFixed(2)}`)
          : null)));
}
