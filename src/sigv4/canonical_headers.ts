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

/**
 * Builds the canonical headers from `headers` (visited in sorted, lowercase order, as
 * the Fetch standard guarantees) merged with `added` (which replace same-named ones),
 * adding `host` when neither has it.
 */
export function canonicalHeaders(
  headers: Headers,
  host: string,
  include: (name: string) => boolean = isSignableHeader,
  added: ReadonlyMap<string, string> = new Map(),
): CanonicalHeaders {
  const extra = [...added.keys()];
  if (!headers.has("host") && !added.has("host")) extra.push("host");
  extra.sort();
  let next = 0;
  let canonical = "";
  let signedHeaders = "";
  const emit = (name: string, value: string) => {
    canonical += name + ":" + canonicalHeaderValue(value) + "\n";
    signedHeaders += (signedHeaders === "" ? "" : ";") + name;
  };
  const emitExtraBefore = (name: string) => {
    while (next < extra.length && extra[next] <= name) {
      const extraName = extra[next++];
      emit(extraName, added.get(extraName) ?? host);
    }
  };
  headers.forEach((value, name) => {
    emitExtraBefore(name);
    if (added.has(name) || (name !== "host" && !include(name))) return;
    emit(name, value);
  });
  emitExtraBefore("\u{10ffff}");
  return { canonical, signedHeaders };
}
