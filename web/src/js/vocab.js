// The vocabulary the views draw with. Relations come from the server
// (/api/relations: the one relation table, with the drawings' colours);
// actor types and metric names are the explorer's own.

import { getJson } from './api.js';

/** The relations in canonical order: {id, label_en, label_zh, directed, cameo, plover, colour, line}. */
export const RELATIONS = [];
/** The same, by id. */
export const RELATION = new Map();

/** Graphviz edge styles (the line_style column of data/lexicon/relations.csv) → cytoscape line styles. */
const LINE = { solid: 'solid', bold: 'solid', dashed: 'dashed', dotted: 'dotted' };

/** The prefixes every query may use undeclared: [["dip:", "https://…#"], …]. */
export const PREFIXES = [];

/** Loads the relation table and the prefixes; the page cannot draw without them. */
export async function loadVocabulary() {
  const [relations, prefixes] = await Promise.all([getJson('/api/relations'), getJson('/api/prefixes')]);
  RELATIONS.splice(0, RELATIONS.length, ...relations.map((r) => ({ ...r, line: LINE[r.style] ?? 'solid' })));
  RELATION.clear();
  for (const r of RELATIONS) RELATION.set(r.id, r);
  PREFIXES.splice(0, PREFIXES.length, ...prefixes.map((p) => [`${p.prefix}:`, p.iri]));
}

export const ACTOR_TYPES = [
  { name: 'person', zh: '人物', color: '#4f6bd8' },
  { name: 'state', zh: '国家', color: '#e07b39' },
  { name: 'org', zh: '组织', color: '#3f9c6d' },
];
export const ACTOR_TYPE = Object.fromEntries(ACTOR_TYPES.map((t) => [t.name, t]));
const UNKNOWN_TYPE_COLOR = '#94a3b8';

export function typeColor(type) {
  return ACTOR_TYPE[type]?.color ?? UNKNOWN_TYPE_COLOR;
}

export function relationColour(id) {
  return RELATION.get(id)?.colour ?? '#64748b';
}

export const METRIC_LABELS = {
  degree: 'Degree',
  weighted_degree: 'Weighted degree',
  betweenness: 'Betweenness',
  closeness: 'Closeness',
  pagerank: 'PageRank',
  eigenvector: 'Eigenvector',
};

export const ACTOR_NS = 'https://w3id.org/dipgraph/actor/';

/** An IRI in its prefixed form when a known prefix covers it. */
export function compactIri(iri) {
  for (const [prefix, ns] of PREFIXES) {
    if (iri.startsWith(ns) && iri.length > ns.length) return prefix + iri.slice(ns.length);
  }
  return iri;
}
