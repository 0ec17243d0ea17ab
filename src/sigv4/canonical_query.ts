import { SigningInputError } from "./errors.ts";
import { uriEncode } from "./uri_encode.ts";

/** One query parameter as it enters the canonical query: both parts RFC 3986 encoded. */
export type EncodedQueryPair = readonly [key: string, value: string];

const PLAIN = /^[A-Za-z0-9\-._~]*$/;

function encodeComponent(raw: string): string {
  if (PLAIN.test(raw)) return raw;
  try {
    return uriEncode(decodeURIComponent(raw));
  } catch {
    throw new SigningInputError(
      "The URL query has a '%' not followed by two hex digits (of UTF-8); write it as '%25'.",
    );
  }
}

/**
 * Reads the raw query (`URL.search` without its `?`) into encoded pairs. A key without `=` gets an
 * empty value, as AWS servers canonicalize it (`?acl` signs as `acl=`).
 *
 * Deliberate difference: `@smithy/signature-v4` drops valueless keys from the
 * canonical query, which AWS rejects; `+` is a literal plus (RFC 3986), as in smithy
 * and botocore, not a space as in HTML forms.
 */
export function encodedQueryPairs(query: string): EncodedQueryPair[] {
  if (query === "") return [];
  const pairs: EncodedQueryPair[] = [];
  for (const part of query.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const key = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? "" : part.slice(eq + 1);
    pairs.push([encodeComponent(key), encodeComponent(value)]);
  }
  return pairs;
}

function byKeyThenValue(a: EncodedQueryPair, b: EncodedQueryPair): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

/** The canonical query string: pairs sorted by encoded key then value, without `X-Amz-Signature`. */
export function canonicalQuery(pairs: readonly EncodedQueryPair[]): string {
  if (pairs.length === 0) return "";
  const signed = pairs.filter(([key]) =>
    key.length !== 15 || key.toLowerCase() !== "x-amz-signature"
  );
  signed.sort(byKeyThenValue);
  let out = "";
  for (let i = 0; i < signed.length; i++) {
    out += (i === 0 ? "" : "&") + signed[i][0] + "=" + signed[i][1];
  }
  return out;
}
