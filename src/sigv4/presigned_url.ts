import type { Credentials } from "./credentials.ts";
import { canonicalPath } from "./canonical_path.ts";
import { canonicalQuery, type EncodedQueryPair, encodedQueryPairs } from "./canonical_query.ts";
import { canonicalHeaders, isSignableHeader, readHeaders } from "./canonical_headers.ts";
import { ALGORITHM, computeSignature } from "./signature.ts";
import { uriEncode } from "./uri_encode.ts";

/** What {@linkcode presignedUrl} needs, already validated by the signer. */
export interface PresignInput {
  request: Request;
  credentials: Credentials;
  longDate: string;
  shortDate: string;
  expiresIn: number;
  payloadHash: string;
  region: string;
  service: string;
  uriEscapePath: boolean;
}

// Parameters the signer owns: any copy already in the URL is replaced, not duplicated.
const SIGNER_PARAMS = new Set([
  "X-Amz-Algorithm",
  "X-Amz-Credential",
  "X-Amz-Date",
  "X-Amz-Expires",
  "X-Amz-Security-Token",
  "X-Amz-SignedHeaders",
  "X-Amz-Signature",
]);

// x-amz-* headers travel in the query of a presigned URL, where the signature covers
// them and the user of the URL cannot be expected to send them (AWS SDK v3 does the same);
// the other signable headers stay headers and are signed as such.
function signedAsHeader(name: string): boolean {
  return !name.startsWith("x-amz-") && isSignableHeader(name);
}

/** Builds the presigned URL: the request's query, hoisted `x-amz-*` headers and the `X-Amz-*` parameters. */
export function presignedUrl(input: PresignInput): URL {
  const { request, credentials, longDate, shortDate } = input;
  const url = new URL(request.url);
  let query = url.search.slice(1);
  if (query.includes("X-Amz-")) {
    query = query.split("&").filter((part) => !SIGNER_PARAMS.has(decodeKey(part))).join("&");
  }
  const pairs: EncodedQueryPair[] = encodedQueryPairs(query);
  const headerList = readHeaders(request.headers);
  headerList.names.forEach((name, i) => {
    if (name.startsWith("x-amz-")) {
      const pair = [uriEncode(name), uriEncode(headerList.values[i])] as const;
      pairs.push(pair);
      query += (query === "" ? "" : "&") + pair[0] + "=" + pair[1];
    }
  });
  const { canonical, signedHeaders } = canonicalHeaders(headerList, url.host, signedAsHeader);

  // Region and service are [a-z0-9-] (checked by the signer), so only the key id needs encoding.
  const credential = uriEncode(credentials.accessKeyId) + "%2F" + shortDate + "%2F" +
    input.region + "%2F" + input.service + "%2Faws4_request";
  const added: EncodedQueryPair[] = [
    ["X-Amz-Algorithm", ALGORITHM],
    ["X-Amz-Credential", credential],
    ["X-Amz-Date", longDate],
    ["X-Amz-Expires", String(input.expiresIn)],
  ];
  if (credentials.sessionToken) {
    added.push(["X-Amz-Security-Token", uriEncode(credentials.sessionToken)]);
  }
  added.push(["X-Amz-SignedHeaders", uriEncode(signedHeaders)]);
  for (const pair of added) pairs.push(pair);

  const signature = computeSignature({
    method: request.method,
    canonicalPath: canonicalPath(url.pathname, input.uriEscapePath),
    canonicalQuery: canonicalQuery(pairs),
    canonicalHeaders: canonical,
    signedHeaders,
    payloadHash: input.payloadHash,
    longDate,
    shortDate,
    region: input.region,
    service: input.service,
    secretAccessKey: credentials.secretAccessKey,
  });
  for (const [key, value] of added) query += (query === "" ? "" : "&") + key + "=" + value;
  query += "&X-Amz-Signature=" + signature;
  return new URL(url.origin + url.pathname + "?" + query + url.hash);
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
