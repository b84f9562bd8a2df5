// The client of `dipgraph serve`'s JSON routes (/api/…) and its SPARQL endpoint.

/** GET a JSON route; rejects with the server's `{"error": …}` message. */
export async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const text = await response.text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text for the error message below.
  }
  if (!response.ok) {
    throw new Error((body && body.error) || text || `${response.status} ${response.statusText}`);
  }
  if (body === null) throw new Error(`${url}: the answer is not JSON`);
  return body;
}

/** `path?params`, leaving out the `?` when there are none. */
export function withQuery(path, params) {
  const qs = new URLSearchParams(params).toString();
  return qs ? `${path}?${qs}` : path;
}

/** A canned query's URL with its parameters (and `format=csv` for the download). */
export function cannedUrl(name, params, format) {
  const all = new URLSearchParams(params);
  if (format) all.set('format', format);
  return withQuery(`/api/query/${encodeURIComponent(name)}`, all);
}

/** POSTs free-form SPARQL to /sparql; the Response with the wanted media type. */
export function postSparql(text, accept) {
  return fetch('/sparql', {
    method: 'POST',
    headers: { Accept: accept, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ query: text }),
  });
}

/** The error message of a failed response: its JSON `error`, or its text. */
export async function errorText(response) {
  const text = await response.text();
  try {
    return JSON.parse(text).error || text;
  } catch {
    return text || `${response.status} ${response.statusText}`;
  }
}
