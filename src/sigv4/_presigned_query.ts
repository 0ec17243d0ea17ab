import type { Credentials } from "./credentials.ts";
import { canonicalPath } from "./_canonical/path.ts";
import { canonicalQuery, type EncodedQueryPair, encodedQueryPairs } from "./_canonical/query.ts";
import { canonicalHeaders, isSignableHeader, readHeaders } from "./_canonical/headers.ts";
import type { CanonicalRequestParts } from "./signature.ts";
import { uriEncode } from "../_shared/uri_encode.ts";

/** What {@linkcode presignedQuery} needs, already validated by the signer. */
export interface PresignInput {
  request: Request;
  credentials: Credentials;
  longDate: string;
  expiresIn: number;
  payloadHash: string;
  uriEscapePath: boolean;
  /** `AWS4-HMAC-SHA256` (SigV4) or `AWS4-ECDSA-P256-SHA256` (SigV4a). */
  algorithm: string;
  /** The credential scope after the key id, e.g. `20240101/us-east-1/s3/aws4_request`. */
  scope: string;
  /** The algorithm's own parameter after `X-Amz-Expires` (SigV4a's `X-Amz-Region-Set`). */
  extra?: EncodedQueryPair;
}

/** A presigned URL waiting for its signature: what to sign, and how to finish the URL. */
export interface PresignedQuery {
  /** The canonical request parts the signature covers. */
  parts: CanonicalRequestParts;
  /** The URL with `X-Amz-Signature` appended. */
  complete(signature: string): URL;
}

// Parameters the signer owns: any copy already in the URL or the headers, in any letter case,
// is replaced, not duplicated (a verifier refuses a URL that names one twice).
const SIGNER_PARAM =
  /^x-amz-(?:algorithm|credential|date|expires|security-token|signedheaders|signature)$/i;

// x-amz-* headers travel in the query of a presigned URL, where the signature covers
// them and the user of the URL cannot be expected to send them (AWS SDK v3 does the same);
// the other signable headers stay headers and are signed as such.
function signedAsHeader(name: string): boolean {
  return !name.startsWith("x-amz-") && isSignableHeader(name);
}

/**
 * Lays out a presigned URL — the request's query, hoisted `x-amz-*` headers and the
 * `X-Amz-*` parameters — for either algorithm, which then signs `parts`.
 */
export function presignedQuery(input: PresignInput): PresignedQuery {
  const { request, credentials, extra } = input;
  const url = new URL(request.url);
  const owned = (name: string) =>
    SIGNER_PARAM.test(name) || name.toLowerCase() === extra?.[0].toLowerCase();
  let query = url.search.slice(1);
  if (/x-amz-/i.test(query)) {
    query = query.split("&").filter((part) => !owned(decodeKey(part))).join("&");
  }
  const pairs: EncodedQueryPair[] = encodedQueryPairs(query);
  const headerList = readHeaders(request.headers);
  headerList.names.forEach((name, i) => {
    // Without a session token the signer adds none, so a header of that name is the caller's.
    if (
      name.startsWith("x-amz-") &&
      (!owned(name) || (name === "x-amz-security-token" && !credentials.sessionToken))
    ) {
      const pair = [uriEncode(name), uriEncode(headerList.values[i])] as const;
      pairs.push(pair);
      query += (query === "" ? "" : "&") + pair[0] + "=" + pair[1];
    }
  });
  const { canonical, signedHeaders } = canonicalHeaders(headerList, url.host, signedAsHeader);

  // The scope is [a-z0-9-/] (checked by the signer), so only the key id needs encoding.
  const added: EncodedQueryPair[] = [
    ["X-Amz-Algorithm", input.algorithm],
    ["X-Amz-Credential", uriEncode(credentials.accessKeyId + "/" + input.scope)],
    ["X-Amz-Date", input.longDate],
    ["X-Amz-Expires", String(input.expiresIn)],
  ];
  if (extra !== undefined) added.push(extra);
  if (credentials.sessionToken) {
    added.push(["X-Amz-Security-Token", uriEncode(credentials.sessionToken)]);
  }
  added.push(["X-Amz-SignedHeaders", uriEncode(signedHeaders)]);
  for (const pair of added) pairs.push(pair);
  return {
    parts: {
      method: request.method,
      canonicalPath: canonicalPath(url.pathname, input.uriEscapePath),
      canonicalQuery: canonicalQuery(pairs),
      canonicalHeaders: canonical,
      signedHeaders,
      payloadHash: input.payloadHash,
    },
    complete(signature) {
      for (const [key, value] of added) query += (query === "" ? "" : "&") + key + "=" + value;
      query += "&X-Amz-Signature=" + signature;
      return new URL(url.origin + url.pathname + "?" + query + url.hash);
    },
  };
}

function decodeKey(part: string): string {
  const eq = part.indexOf("=");
  const key = eq === -1 ? part : part.slice(0, eq);
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}
