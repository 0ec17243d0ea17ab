/** The parts of a request URL that SigV4 signs. */
export interface RequestUrlParts {
  /** `host[:port]`, the default port left out. */
  host: string;
  /** The path as sent, percent-encoded. */
  pathname: string;
  /** The query as sent, without `?`. */
  query: string;
}

// `Request.url` is already a serialized, normalized URL (lowercase scheme and host,
// default port dropped, no credentials: fetch refuses them), so its parts can be cut out
// without running the URL parser again, which is a measurable share of a signature.
const SERIALIZED_HTTP_URL = /^https?:\/\/([^/?#]+)([^?#]*)(?:\?([^#]*))?/;

/** Splits a serialized `http(s)` URL; other URLs go through the URL parser. */
export function requestUrlParts(url: string): RequestUrlParts {
  const match = SERIALIZED_HTTP_URL.exec(url);
  if (match !== null) {
    return { host: match[1], pathname: match[2] || "/", query: match[3] ?? "" };
  }
  const parsed = new URL(url);
  return { host: parsed.host, pathname: parsed.pathname, query: parsed.search.slice(1) };
}
