import type { Credentials } from "./credentials.ts";
import { canonicalPath } from "./canonical_path.ts";
import { canonicalQuery, type EncodedQueryPair, encodedQueryPairs } from "./canonical_query.ts";
import { canonicalHeaders, isSignableHeader, readHeaders } from "./canonical_headers.ts";
import { uriEncode } from "./uri_encode.ts";
import { sigV4aSigningKey } from "./sigv4a_key.ts";
import { signSigV4a, SIGV4A_ALGORITHM, sigV4aStringToSign } from "./sigv4a_signature.ts";

/** What {@linkcode sigV4aPresignedUrl} needs, already validated by the signer. */
export interface SigV4aPresignInput {
  request: Request;
  credentials: Credentials;
  longDate: string;
  shortDate: string;
  expiresIn: number;
  payloadHash: string;
  /** The `X-Amz-Region-Set` value: region names or `*`, joined by `,`. */
  regionSet: string;
  service: string;
  uriEscapePath: boolean;
}

// Parameters the signer owns: any copy already in the URL is replaced, not duplicated.
const SIGNER_PARAMS = /* @__PURE__ */ new Set([
  "X-Amz-Algorithm",
  "X-Amz-Credential",
  "X-Amz-Date",
  "X-Amz-Expires",
  "X-Amz-Region-Set",
  "X-Amz-Security-Token",
  "X-Amz-SignedHeaders",
  "X-Amz-Signature",
]);

// As for SigV4 (presigned_url.ts): x-amz-* headers travel in the query, where the
// signature covers them; the other signable headers stay headers and are signed as such.
function signedAsHeader(name: string): boolean {
  return !name.startsWith("x-amz-") && isSignableHeader(name);
}

/**
 * Builds a SigV4a presigned URL: the request's query, hoisted `x-amz-*` headers and the
 * `X-Amz-*` parameters, `X-Amz-Region-Set` among them (as aws-c-auth presigns SigV4a).
 */
export async function sigV4aPresignedUrl(input: SigV4aPresignInput): Promise<URL> {
  const { request, credentials, longDate, shortDate } = input;
  const keyPromise = sigV4aSigningKey(credentials.accessKeyId, credentials.secretAccessKey);
  const url = new URL(request.url);
  let query = url.search.slice(1);
  if (query.includes("X-Amz-")) {
    query = query.split("&").filter((part) => !SIGNER_PARAMS.has(decodeKey(part))).join("&");
  }
  const pairs: EncodedQueryPair[] = encodedQueryPairs(query);
  const headerList = readHeaders(request.headers);
  headerList.names.forEach((name, i) => {
    if (name.startsWith("x-amz-") && name !== "x-amz-region-set") {
      const pair = [uriEncode(name), uriEncode(headerList.values[i])] as const;
      pairs.push(pair);
      query += (query === "" ? "" : "&") + pair[0] + "=" + pair[1];
    }
  });
  const { canonical, signedHeaders } = canonicalHeaders(headerList, url.host, signedAsHeader);

  // The service is [a-z0-9-] (checked by the signer), so only the key id needs encoding.
  const credential = uriEncode(credentials.accessKeyId) + "%2F" + shortDate + "%2F" +
    input.service + "%2Faws4_request";
  const added: EncodedQueryPair[] = [
    ["X-Amz-Algorithm", SIGV4A_ALGORITHM],
    ["X-Amz-Credential", credential],
    ["X-Amz-Date", longDate],
    ["X-Amz-Expires", String(input.expiresIn)],
    ["X-Amz-Region-Set", uriEncode(input.regionSet)],
  ];
  if (credentials.sessionToken) {
    added.push(["X-Amz-Security-Token", uriEncode(credentials.sessionToken)]);
  }
  added.push(["X-Amz-SignedHeaders", uriEncode(signedHeaders)]);
  for (const pair of added) pairs.push(pair);

  const stringToSign = sigV4aStringToSign({
    method: request.method,
    canonicalPath: canonicalPath(url.pathname, input.uriEscapePath),
    canonicalQuery: canonicalQuery(pairs),
    canonicalHeaders: canonical,
    signedHeaders,
    payloadHash: input.payloadHash,
    longDate,
    shortDate,
    service: input.service,
  });
  const signature = await signSigV4a(await keyPromise, stringToSign);
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
