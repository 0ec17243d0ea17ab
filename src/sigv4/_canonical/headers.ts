// Headers that proxies and user agents add or rewrite in transit; signing them would
// make the signature fail for reasons outside the caller's control. The AWS SDK v3
// (ALWAYS_UNSIGNABLE_HEADERS plus the proxy-* and sec-* prefixes) skips the same ones.
const UNSIGNABLE_HEADERS = new Set([
  "authorization",
  "cache-control",
  "connection",
  "expect",
  "from",
  "keep-alive",
  "max-forwards",
  "pragma",
  "referer",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "user-agent",
  "x-amzn-trace-id",
]);

/** Whether a lowercase header name is signed by default. */
export function isSignableHeader(name: string): boolean {
  return !UNSIGNABLE_HEADERS.has(name) && !name.startsWith("proxy-") &&
    !name.startsWith("sec-");
}

/** The canonical headers block and the `SignedHeaders` list of a request. */
export interface CanonicalHeaders {
  /** `name:value\n` for each signed header, sorted by name. */
  canonical: string;
  /** Signed header names joined by `;`. */
  signedHeaders: string;
}

/** Trims and collapses inner whitespace runs to one space, as SigV4 canonical values require. */
export function canonicalHeaderValue(value: string): string {
  return /\s\s|[\t\n\r\f\v\u00a0]/.test(value) ? value.replace(/\s+/g, " ").trim() : value.trim();
}

/** Header names (lowercase, sorted) and their combined values, read in one pass. */
export interface HeaderList {
  names: string[];
  values: string[];
}

/**
 * Reads `headers` once (the Fetch standard yields them sorted, lowercase and combined)
 * so later lookups cost no further passes over the runtime's header list.
 */
export function readHeaders(headers: Headers): HeaderList {
  const names: string[] = [];
  const values: string[] = [];
  headers.forEach((value, name) => {
    names.push(name);
    values.push(value);
  });
  return { names, values };
}

/** The value of header `name` in `list`, or `null`. */
export function headerValue(list: HeaderList, name: string): string | null {
  const index = list.names.indexOf(name);
  return index === -1 ? null : list.values[index];
}

/**
 * Builds the canonical headers from `list` merged with `added` (which replace
 * same-named ones), adding `host` when neither has it.
 */
export function canonicalHeaders(
  list: HeaderList,
  host: string,
  include: (name: string) => boolean = isSignableHeader,
  added: ReadonlyMap<string, string> = new Map(),
): CanonicalHeaders {
  const { names, values } = list;
  const extra = [...added.keys()];
  if (!added.has("host") && !names.includes("host")) extra.push("host");
  extra.sort();
  let next = 0;
  let canonical = "";
  let signedHeaders = "";
  for (let i = 0; i <= names.length; i++) {
    const name = i < names.length ? names[i] : "\u{10ffff}";
    while (next < extra.length && extra[next] <= name) {
      const extraName = extra[next++];
      canonical += extraName + ":" + canonicalHeaderValue(added.get(extraName) ?? host) + "\n";
      signedHeaders += (signedHeaders === "" ? "" : ";") + extraName;
    }
    if (i === names.length || added.has(name) || (name !== "host" && !include(name))) continue;
    canonical += name + ":" + canonicalHeaderValue(values[i]) + "\n";
    signedHeaders += (signedHeaders === "" ? "" : ";") + name;
  }
  return { canonical, signedHeaders };
}
