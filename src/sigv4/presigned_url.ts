import type { Credentials } from "./credentials.ts";
import { canonicalPath } from "./canonical_path.ts";
import { canonicalQuery, type EncodedQueryPair, encodedQueryPairs } from "./canonical_query.ts";
import { canonicalHeaders, isSignableHeader } from "./canonical_headers.ts";
import { ALGORITHM, computeSignature, credentialScope } from "./signature.ts";
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

/** Builds the presigned URL: the request's query, hoisted `x-amz-*` headers and the `X-Amz-*` parameters. */
export function presignedUrl(input: PresignInput): URL {
  const { request, credentials, longDate, shortDate } = input;
  const url = new URL(request.url);
  const kept = url.search.slice(1).split("&").filter((part) =>
    part !== "" && !SIGNER_PARAMS.has(decodeKey(part))
  );
  const queryPairs = encodedQueryPairs(kept.join("&"));

  // x-amz-* headers travel in the query of a presigned URL, where the signature covers
  // them and the user of the URL cannot be expected to send them (AWS SDK v3 does the same).
  const hoisted: EncodedQueryPair[] = [];
  const headers = new Headers();
  for (const [name, value] of request.headers) {
    if (name.startsWith("x-amz-")) hoisted.push([uriEncode(name), uriEncode(value)]);
    else if (isSignableHeader(name)) headers.append(name, value);
  }
  const { canonical, signedHeaders } = canonicalHeaders(headers, url.host);

  const added: EncodedQueryPair[] = [
    ["X-Amz-Algorithm", ALGORITHM],
    [
      "X-Amz-Credential",
      uriEncode(
        credentials.accessKeyId + "/" +
          credentialScope(shortDate, input.region, input.service),
      ),
    ],
    ["X-Amz-Date", longDate],
    ["X-Amz-Expires", String(input.expiresIn)],
  ];
  if (credentials.sessionToken) {
    added.push(["X-Amz-Security-Token", uriEncode(credentials.sessionToken)]);
  }
  added.push(["X-Amz-SignedHeaders", uriEncode(signedHeaders)]);

  const signature = computeSignature({
    method: request.method,
    canonicalPath: canonicalPath(url.pathname, input.uriEscapePath),
    canonicalQuery: canonicalQuery([...queryPairs, ...hoisted, ...added]),
    canonicalHeaders: canonical,
    signedHeaders,
    payloadHash: input.payloadHash,
    longDate,
    shortDate,
    region: input.region,
    service: input.service,
    secretAccessKey: credentials.secretAccessKey,
  });
  added.push(["X-Amz-Signature", signature]);
  url.search = [
    ...kept,
    ...hoisted.map(([key, value]) => key + "=" + value),
    ...added.map(([key, value]) => key + "=" + value),
  ].join("&");
  return url;
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
