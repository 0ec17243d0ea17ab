import { SigningInputError } from "./errors.ts";
import type { HeaderList } from "./_canonical/headers.ts";
import type { RequestUrlParts } from "./_canonical/request_url.ts";

/**
 * A request as plain data, for {@linkcode SigV4Signer.prototype.signHeaders}: what a
 * caller that builds its own HTTP request (a driver, a proxy, a custom client) has at
 * hand before any `Request` object exists.
 */
export interface PlainRequest {
  /** The HTTP method; default `GET`. */
  method?: string;
  /** The absolute `http:` or `https:` URL. */
  url: string | URL;
  /** Header names and values, as given to `new Headers(…)`. */
  headers?: Record<string, string> | Iterable<readonly [string, string]>;
  /** The body to hash: text (UTF-8) or bytes; none for `GET`. */
  body?: string | Uint8Array | null;
}

// RFC 9110 token characters: what fetch accepts in a header name.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// What fetch refuses in a header value: NUL, CR, LF, and anything beyond a byte.
const FORBIDDEN_VALUE = /[\0\r\n]|[^\0-\u00ff]/;
// HTTP whitespace, which `Headers` strips from both ends of a value.
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;

/**
 * The {@linkcode HeaderList} `new Headers(headers)` would hold — names lowercased and
 * sorted, values stripped of edge whitespace, repeated names combined with `, ` — with
 * the same names and values refused, as {@linkcode SigningInputError}s.
 */
export function plainHeaderList(headers: PlainRequest["headers"]): HeaderList {
  const combined = new Map<string, string>();
  const entries = headers === undefined
    ? []
    : Symbol.iterator in headers
    ? headers as Iterable<readonly [string, string]>
    : Object.entries(headers);
  for (const [rawName, rawValue] of entries) {
    if (!TOKEN.test(rawName)) {
      throw new SigningInputError(`Header name ${JSON.stringify(rawName)} is not a valid token.`);
    }
    const value = String(rawValue).replace(EDGE_WHITESPACE, "");
    if (FORBIDDEN_VALUE.test(value)) {
      throw new SigningInputError(
        `The value of header ${rawName} contains NUL, CR, LF or a character beyond U+00FF.`,
      );
    }
    const name = rawName.toLowerCase();
    const previous = combined.get(name);
    combined.set(name, previous === undefined ? value : previous + ", " + value);
  }
  const names = [...combined.keys()].sort();
  return { names, values: names.map((name) => combined.get(name)!) };
}

// A URL the WHATWG parser would leave exactly as written: lowercase scheme and DNS host
// (starting with a letter, so no IPv4 forms to normalize), a port, a path and query of
// characters it keeps as they are, no dot segments. Such URLs skip the parser.
const CANONICAL_URL =
  /^https?:\/\/([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*(?::[1-9][0-9]{0,4})?)(\/[\w\-.~!$&()*+,;=:@%/]*)(?:\?([\w\-.~!$&()*+,;=:@%/?]*))?$/;
const DOT_SEGMENT = /\/\.|%2e/i;

/** The signed parts of `url`, parsed as `new Request(url)` would; only http(s) URLs. */
export function plainUrlParts(url: string | URL): RequestUrlParts {
  if (typeof url === "string") {
    const match = CANONICAL_URL.exec(url);
    if (
      match !== null && !DOT_SEGMENT.test(match[2]) &&
      !/:(?:443|80)$/.test(match[1]) // default ports are dropped by the parser
    ) {
      return { host: match[1], pathname: match[2], query: match[3] ?? "" };
    }
  }
  let parsed: URL;
  try {
    parsed = typeof url === "string" ? new URL(url) : url;
  } catch {
    throw new SigningInputError("The URL to sign must be absolute, e.g. https://host/path.");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new SigningInputError(
      `Only http: and https: URLs can be signed, not ${parsed.protocol}.`,
    );
  }
  if (parsed.username !== "" || parsed.password !== "") {
    throw new SigningInputError("The URL to sign must not contain credentials.");
  }
  return { host: parsed.host, pathname: parsed.pathname, query: parsed.search.slice(1) };
}
