import type { Credentials } from "./credentials.ts";
import { formatAmzDate } from "./amz_date.ts";
import { canonicalPath } from "./canonical_path.ts";
import { canonicalQuery, encodedQueryPairs } from "./canonical_query.ts";
import {
  canonicalHeaders,
  type HeaderList,
  headerValue,
  isSignableHeader,
} from "./canonical_headers.ts";
import { checkDeclaredPayloadHash, UNSIGNED_PAYLOAD } from "./payload_hash.ts";
import { EMPTY_SHA256 } from "./sha256.ts";
import { ALGORITHM, computeSignature, credentialScope } from "./signature.ts";
import type { RequestUrlParts } from "./request_url.ts";
import type { SignOptions } from "./signer.ts";

/** What a signer signs for: its scope and its path and checksum rules. */
export interface SigningScope {
  /** The region of the credential scope. */
  region: string;
  /** The service signing name. */
  service: string;
  /** Normalize and double-encode the path (every service but S3). */
  uriEscapePath: boolean;
  /** Send the payload hash in `x-amz-content-sha256`. */
  applyChecksum: boolean;
}

/**
 * The headers a signature adds to a request with these parts, by lowercase name:
 * `x-amz-date`, `authorization`, and `x-amz-security-token` / `x-amz-content-sha256` when
 * they apply. `bodyHash` is the body's hash when one was computed: not for a body-less
 * request, nor when the request declares its own `x-amz-content-sha256` or signs
 * `unsignedPayload`.
 */
export function signatureHeaders(
  scope: SigningScope,
  credentials: Credentials,
  method: string,
  url: RequestUrlParts,
  headerList: HeaderList,
  bodyHash: string | null,
  options: SignOptions,
): Map<string, string> {
  const { longDate, shortDate } = formatAmzDate(options.date ?? new Date());
  // The headers the signer adds, by name; they replace any the request already has.
  const added = new Map<string, string>([["x-amz-date", longDate]]);
  if (credentials.sessionToken) added.set("x-amz-security-token", credentials.sessionToken);
  const declared = headerValue(headerList, "x-amz-content-sha256");
  let payloadHash: string;
  if (declared !== null) payloadHash = checkDeclaredPayloadHash(declared);
  else if (options.unsignedPayload) {
    // The server must be told, or it would hash the body and reject the signature.
    payloadHash = UNSIGNED_PAYLOAD;
    added.set("x-amz-content-sha256", payloadHash);
  } else {
    payloadHash = bodyHash ?? EMPTY_SHA256;
    if (scope.applyChecksum) added.set("x-amz-content-sha256", payloadHash);
  }

  const include = options.signedHeaders === undefined
    ? isSignableHeader
    : onlyHeaders(options.signedHeaders);
  const { canonical, signedHeaders } = canonicalHeaders(headerList, url.host, include, added);
  const signature = computeSignature({
    method,
    canonicalPath: canonicalPath(url.pathname, scope.uriEscapePath),
    canonicalQuery: canonicalQuery(encodedQueryPairs(url.query)),
    canonicalHeaders: canonical,
    signedHeaders,
    payloadHash,
    longDate,
    shortDate,
    region: scope.region,
    service: scope.service,
    secretAccessKey: credentials.secretAccessKey,
  });
  added.set(
    "authorization",
    ALGORITHM + " Credential=" + credentials.accessKeyId + "/" +
      credentialScope(shortDate, scope.region, scope.service) +
      ", SignedHeaders=" + signedHeaders + ", Signature=" + signature,
  );
  return added;
}

/** Signs only `names` (case-insensitive) besides `host` and the `x-amz-*` headers. */
function onlyHeaders(names: Iterable<string>): (name: string) => boolean {
  const chosen = new Set(Array.from(names, (name) => name.toLowerCase()));
  return (name) => chosen.has(name) || name.startsWith("x-amz-");
}
