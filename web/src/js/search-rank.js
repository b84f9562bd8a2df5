// Ranks the actors of the search index (/api/actors) for what was typed.
// No DOM here: tests/web/search-rank.test.mjs runs it under Node.

/** Lower case without spaces, hyphens, dots or underscores: "Wang Yi", "wang_yi", "WangYi" agree. */
export function normalise(text) {
  return (text || '').toLowerCase().replace(/[\s\-_.·•・]/g, '');
}

/** Every name an actor goes by: labels first, then id, then aliases. */
function names(actor) {
  return [actor.label_zh, actor.label_en, actor.id, ...(actor.aliases ?? [])].filter(Boolean);
}

/**
 * How well `name` matches the normalised query `q`: 3 the whole name, 2 its
 * start or the start of one of its words ("jinping" in "Xi Jinping"),
 * 1 anywhere inside it, 0 not at all.
 */
function quality(name, q) {
  const n = normalise(name);
  if (n === q) return 3;
  if (n.startsWith(q)) return 2;
  if (name.split(/[\s\-_.·•・]+/).some((word) => normalise(word).startsWith(q))) return 2;
  return n.includes(q) ? 1 : 0;
}

/**
 * The actors matching `text`, best first, each with the name it matched:
 * the better match first; among equal matches the registry's actors before
 * names met in the text ("Xi": 习近平 before 西德), then those in more events.
 */
export function rankActors(index, text, limit = 8) {
  const q = normalise(text);
  if (!q) return [];
  const scored = [];
  for (const actor of index) {
    let best = 0;
    let matched = null;
    for (const name of names(actor)) {
      const score = quality(name, q);
      if (score > best) {
        best = score;
        matched = name;
      }
    }
    if (best) scored.push({ actor, score: best, matched });
  }
  scored.sort((x, y) => y.score - x.score
    || Number(Boolean(y.actor.registry)) - Number(Boolean(x.actor.registry))
    || (y.actor.events ?? 0) - (x.actor.events ?? 0)
    || x.actor.id.localeCompare(y.actor.id));
  return scored.slice(0, limit);
}

function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * For a name that matches nothing: the actors whose names (or a word of
 * them) are within a few edits of it (one per three characters), nearest first.
 */
export function nearestActors(index, text, limit = 3) {
  const q = normalise(text);
  if (!q) return [];
  const allowed = Math.max(1, Math.floor(q.length / 3));
  const scored = [];
  for (const actor of index) {
    let best = Infinity;
    // Whole names and their words: "Pompeio" is one edit from "Pompeo".
    const candidates = names(actor).flatMap((name) => [name, ...name.split(/[\s\-_.·•・]+/)]);
    for (const name of candidates) {
      const n = normalise(name);
      if (Math.abs(n.length - q.length) > allowed) continue;
      best = Math.min(best, editDistance(n, q));
    }
    if (best <= allowed) scored.push({ actor, distance: best });
  }
  scored.sort((x, y) => x.distance - y.distance
    || Number(Boolean(y.actor.registry)) - Number(Boolean(x.actor.registry))
    || (y.actor.events ?? 0) - (x.actor.events ?? 0));
  return scored.slice(0, limit).map((s) => s.actor);
}
