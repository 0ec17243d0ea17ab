import type { Credentials } from "./credentials.ts";
import { formatAmzDate } from "./amz_date.ts";
import { canonicalPath } from "./_canonical/path.ts";
import { canonicalQuery, encodedQueryPairs } from "./_canonical/query.ts";
import {
  canonicalHeaders,
  type HeaderList,
  headerValue,
  isSignableHeader,
} from "./_canonical/headers.ts";
import { checkDeclaredPayloadHash, UNSIGNED_PAYLOAD } from "./_canonical/payload_hash.ts";
import { EMPTY_SHA256 } from "../_shared/hash/sha256.ts";
import {
  ALGORITHM,
  type CanonicalRequestParts,
  computeSignature,
  credentialScope,
} from "./signature.ts";
import type { RequestUrlParts } from "./_canonical/request_url.ts";
import type { SignOptions } from "./sign_options.ts";

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

/** A request laid out for signing: the headers to add so far and what the signature covers. */
export interface SigningParts {
  /** The headers the signer adds, by lowercase name (`authorization` comes last). */
  added: Map<string, string>;
  /** The canonical request parts. */
  canonical: CanonicalRequestParts;
  /** `YYYYMMDDTHHMMSSZ`. */
  longDate: string;
  /** `YYYYMMDD`. */
  shortDate: string;
}

/**
 * Lays out a header signature for a request with these parts: the `x-amz-date`,
 * `x-amz-security-token`, `x-amz-content-sha256` and `extra` headers to add, and the
 * canonical request they make. `bodyHash` is the body's hash when one was computed: not
 * for a body-less request, nor when the request declares its own `x-amz-content-sha256`
 * or signs `unsignedPayload`.
 */
export function signingParts(
  rules: Pick<SigningScope, "uriEscapePath" | "applyChecksum">,
  credentials: Credentials,
  method: string,
  url: RequestUrlParts,
  headerList: HeaderList,
  bodyHash: string | null,
  options: SignOptions,
  extra?: readonly [string, string],
): SigningParts {
  const { longDate, shortDate } = formatAmzDate(options.date ?? new Date());
  // The headers the signer adds, by name; they replace any the request already has.
  const added = new Map<string, string>([["x-amz-date", longDate]]);
  if (extra !== undefined) added.set(extra[0], extra[1]);
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
    if (rules.applyChecksum) added.set("x-amz-content-sha256", payloadHash);
  }

  const include = options.signedHeaders === undefined
    ? isSignableHeader
    : onlyHeaders(options.signedHeaders);
  const { canonical, signedHeaders } = canonicalHeaders(headerList, url.host, include, added);
  return {
    added,
    canonical: {
      method,
      canonicalPath: canonicalPath(url.pathname, rules.uriEscapePath),
      canonicalQuery: canonicalQuery(encodedQueryPairs(url.query)),
      canonicalHeaders: canonical,
      signedHeaders,
      payloadHash,
    },
    longDate,
    shortDate,
  };
}

/**
 * The headers a SigV4 signature adds to a request with these parts, by lowercase name:
 * `x-amz-date`, `authorization`, and `x-amz-security-token` / `x-amz-content-sha256` when
 * they apply (see {@linkcode signingParts}).
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
  const { added, canonical, longDate, shortDate } = signingParts(
    scope,
    credentials,
    method,
    url,
    headerList,
    bodyHash,
    options,
  );
  const signature = computeSignature({
    ...canonical,
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
      ", SignedHeaders=" + canonical.signedHeaders + ", Signature=" + signature,
  );
  return added;
}

/** Signs only `names` (case-insensitive) besides `host` and the `x-amz-*` headers. */
function onlyHeaders(names: Iterable<string>): (name: string) => boolean {
  const chosen = new Set(Array.from(names, (name) => name.toLowerCase()));
  return (name) => chosen.has(name) || name.startsWith("x-amz-");
}
