// State shared by the views.

export const state = {
  /** The last /api/graph answer. */
  graph: null,
  /** The search index (/api/actors): every actor in some event, with its aliases. */
  index: [],
  /** Every actor seen in the index or a graph answer, by id. */
  actors: new Map(),
  /** Months of the period slider ("YYYY-MM"): the articles' publication window. */
  months: [],
  /** Ids drawn now, to tell whether a re-rank needs a new layout. */
  drawnKey: '',
  selectedActor: null,
  /** The pair in the dyad panel ({a, b}) and its months from /api/dyad. */
  dyad: null,
  dyadMonths: [],
  /** Bumped per graph request, so a slow older answer cannot overwrite a newer one. */
  graphRequest: 0,
  /** True until the first graph is drawn (the default view may widen itself once). */
  firstView: true,
  queries: [],
  /** The canned query in the SPARQL box, or null for a free-form one. */
  currentQuery: null,
};

/** The cytoscape instance, once created. */
export const view = { cy: null };
