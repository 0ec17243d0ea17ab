import { SigningInputError } from "../errors.ts";
import { uriEncode } from "../../_shared/uri_encode.ts";

/** One query parameter as it enters the canonical query: both parts RFC 3986 encoded. */
export type EncodedQueryPair = readonly [key: string, value: string];

const PLAIN = /^[A-Za-z0-9\-._~]*$/;

function encodeComponent(raw: string): string {
  if (PLAIN.test(raw)) return raw;
  try {
    return uriEncode(decodeURIComponent(raw.replaceAll("+", " ")));
  } catch {
    throw new SigningInputError(
      "The URL query has a '%' not followed by two hex digits (of UTF-8); write it as '%25'.",
    );
  }
}

/**
 * Reads the raw query (`URL.search` without its `?`) into encoded pairs. A key without `=` gets an
 * empty value, as AWS servers canonicalize it (`?acl` signs as `acl=`). A `+` is a space, as AWS
 * services read a received query before canonicalizing it (API Gateway shows `?q=a+b` as
 * `q=a%20b` in its SignatureDoesNotMatch message) and as `URLSearchParams` reads it: so a URL
 * written by `URLSearchParams` signs the way AWS checks it, and a literal plus is `%2B`.
 * aws4fetch does the same; `@smithy/signature-v4` takes an already parsed query.
 *
 * Deliberate difference: `@smithy/signature-v4` drops valueless keys from the
 * canonical query, which AWS rejects.
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

/**
 * The canonical query string: every pair, sorted by encoded key then value. A presigned URL's
 * own `X-Amz-Signature` is left out by the caller (see {@linkcode withoutSignature}); nothing else
 * is, so every parameter a handler can read is covered.
 */
export function canonicalQuery(pairs: readonly EncodedQueryPair[]): string {
  if (pairs.length === 0) return "";
  const signed = [...pairs];
  signed.sort(byKeyThenValue);
  let out = "";
  for (let i = 0; i < signed.length; i++) {
    out += (i === 0 ? "" : "&") + signed[i][0] + "=" + signed[i][1];
  }
  return out;
}

/**
 * `pairs` without the one `X-Amz-Signature` of a presigned URL: the exact name, as AWS writes and
 * reads it; a look-alike in another letter case stays in, so the signature covers it.
 */
export function withoutSignature(pairs: readonly EncodedQueryPair[]): EncodedQueryPair[] {
  return pairs.filter(([key]) => key !== "X-Amz-Signature");
}
