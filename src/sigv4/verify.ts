import { canonicalPath } from "./canonical_path.ts";
import { canonicalQuery, encodedQueryPairs } from "./canonical_query.ts";
import { canonicalHeaderValue } from "./canonical_headers.ts";
import { ALGORITHM, computeSignature } from "./signature.ts";
import { SIGV4A_ALGORITHM, sigV4aSignatureMatches } from "./sigv4a_signature.ts";
import { timingSafeEqual } from "./constant_time.ts";
import { hashRequestBody, UNSIGNED_PAYLOAD } from "./payload_hash.ts";
import { SigningInputError } from "./errors.ts";
import { headerClaim, queryClaim, type SignatureClaim } from "./verification_claim.ts";
import { failure, type VerificationFailure } from "./verification_failure.ts";

/**
 * Options of {@linkcode verifySignature}.
 *
 * @example
 * ```ts
 * import type { VerifyOptions } from "@iamfetch/iamfetch/sigv4";
 *
 * const secrets = new Map([["AKIDEXAMPLE", "secret"]]);
 * const options: VerifyOptions = { secretFor: (id) => secrets.get(id), service: "execute-api" };
 * ```
 */
export interface VerifyOptions {
  /**
   * Returns the secret access key of `accessKeyId`, or `undefined` when the key is
   * unknown or its session token (in `context`) is not the one issued with it. For
   * SigV4a, `context.region` is the `X-Amz-Region-Set` value (e.g. `*`); the public key is
   * derived from the secret (once per key, cached).
   */
  secretFor: (
    accessKeyId: string,
    context: { sessionToken?: string; region: string; service: string },
  ) => string | undefined | Promise<string | undefined>;
  /** The server's current time; defaults to now. */
  now?: Date;
  /** How far a header-signed request's date may be from `now`. Defaults to 900 s (15 min), as AWS. */
  maxSkewSeconds?: number;
  /**
   * When given, the credential scope must name this region (SigV4), or the region set
   * must contain it or `*` (SigV4a).
   */
  region?: string;
  /** When given, the credential scope must name this service. */
  service?: string;
  /** Path canonicalization; defaults to double encoding for every service but `s3`. */
  uriEscapePath?: boolean;
  /**
   * Accept a `STREAMING-…` payload mode without reading the body: only the seed signature
   * is checked here, and the caller verifies the aws-chunked body (see verifyStreamingRequest).
   */
  acceptStreamingPayload?: boolean;
}

/**
 * A request whose signature verified.
 *
 * @example
 * ```ts
 * import type { VerifiedRequest } from "@iamfetch/iamfetch/sigv4";
 *
 * function caller(result: VerifiedRequest): string {
 *   return `${result.accessKeyId} in ${result.region}`;
 * }
 * ```
 */
export interface VerifiedRequest {
  /** Always `true`. */
  ok: true;
  /** The signature's algorithm: SigV4 (`AWS4-HMAC-SHA256`) or SigV4a (`AWS4-ECDSA-P256-SHA256`). */
  algorithm: "AWS4-HMAC-SHA256" | "AWS4-ECDSA-P256-SHA256";
  /** The access key id that signed the request. */
  accessKeyId: string;
  /** The region of the credential scope; for SigV4a, the `X-Amz-Region-Set` value. */
  region: string;
  /** SigV4a only: the regions the signature is valid in (`*` for all). */
  regionSet?: string[];
  /** The service of the credential scope. */
  service: string;
  /** The session token sent with the request, if any. */
  sessionToken?: string;
  /** Whether the signature came in the query (a presigned URL). */
  presigned: boolean;
  /** The names of the signed headers. */
  signedHeaders: string[];
  /** The signing time the request claims. */
  date: Date;
}

/**
 * The outcome of {@linkcode verifySignature}: a {@linkcode VerifiedRequest} or a
 * {@linkcode VerificationFailure}.
 *
 * @example
 * ```ts
 * import type { VerifyResult } from "@iamfetch/iamfetch/sigv4";
 *
 * function status(result: VerifyResult): number {
 *   return result.ok ? 200 : result.status;
 * }
 * ```
 */
export type VerifyResult = VerifiedRequest | VerificationFailure;

const DEFAULT_MAX_SKEW_SECONDS = 900;

/**
 * Verifies the SigV4 or SigV4a signature of an incoming request, header-signed or
 * presigned, the way AWS does: scope, clock skew, presign expiry, payload hash, then a
 * constant-time comparison of signatures (SigV4) or an ECDSA verification with the public
 * key derived from the secret (SigV4a). The body is read from a clone, so `request` stays
 * readable.
 *
 * @example
 * ```ts
 * import { SigV4Signer, verifySignature } from "@iamfetch/iamfetch/sigv4";
 *
 * const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
 * const signer = new SigV4Signer({ credentials, region: "us-east-1", service: "execute-api" });
 * const request = await signer.sign(new Request("https://api.example.com/items", { method: "POST", body: "{}" }));
 *
 * const result = await verifySignature(request, {
 *   secretFor: (id) => id === credentials.accessKeyId ? credentials.secretAccessKey : undefined,
 * });
 * console.assert(result.ok);
 * ```
 */
export async function verifySignature(
  request: Request,
  options: VerifyOptions,
): Promise<VerifyResult> {
  const url = new URL(request.url);
  const authorization = request.headers.get("authorization");
  const presigned = url.searchParams.has("X-Amz-Signature") ||
    url.searchParams.has("X-Amz-Algorithm");
  if (!presigned && authorization === null) {
    return failure(403, "MissingAuthenticationToken", "Missing Authentication Token");
  }
  const claim = presigned
    ? queryClaim(url.searchParams, request.headers)
    : headerClaim(request.headers, authorization as string);
  if ("ok" in claim) return claim;

  const scopeProblem = checkScope(claim, options);
  if (scopeProblem) return scopeProblem;
  const timeProblem = checkTime(claim, options);
  if (timeProblem) return timeProblem;

  const secret = await options.secretFor(claim.accessKeyId, {
    sessionToken: claim.sessionToken,
    region: claim.region,
    service: claim.service,
  });
  if (secret === undefined) {
    return failure(
      403,
      "InvalidAccessKeyId",
      "The AWS Access Key Id you provided does not exist in our records.",
    );
  }

  const payloadHash = await verifiedPayloadHash(request, claim, options.acceptStreamingPayload);
  if (typeof payloadHash !== "string") return payloadHash;

  let matches: boolean;
  try {
    const parts = {
      method: request.method,
      canonicalPath: canonicalPath(url.pathname, options.uriEscapePath ?? claim.service !== "s3"),
      canonicalQuery: canonicalQuery(encodedQueryPairs(url.search.slice(1))),
      ...signedHeaderBlock(request.headers, claim.signedHeaders, url.host),
      payloadHash,
    };
    matches = claim.algorithm === SIGV4A_ALGORITHM
      ? await sigV4aSignatureMatches(parts, claim, secret)
      : timingSafeEqual(
        computeSignature({
          ...parts,
          longDate: claim.longDate,
          shortDate: claim.shortDate,
          region: claim.region,
          service: claim.service,
          secretAccessKey: secret,
        }),
        claim.signature,
      );
  } catch (error) {
    if (error instanceof SigningInputError) return failure(400, "InvalidRequest", error.message);
    throw error;
  }
  if (!matches) {
    return failure(
      403,
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
    );
  }
  return {
    ok: true,
    algorithm: claim.algorithm,
    accessKeyId: claim.accessKeyId,
    region: claim.region,
    ...(claim.regionSet === undefined ? {} : { regionSet: claim.regionSet }),
    service: claim.service,
    sessionToken: claim.sessionToken,
    presigned: claim.presigned,
    signedHeaders: claim.signedHeaders,
    date: claim.date,
  };
}

function checkScope(
  claim: SignatureClaim,
  options: VerifyOptions,
): VerificationFailure | undefined {
  if (claim.shortDate !== claim.longDate.slice(0, 8)) {
    return failure(
      403,
      "SignatureDoesNotMatch",
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${claim.shortDate}' != '${
        claim.longDate.slice(0, 8)
      }'.`,
    );
  }
  if (options.region !== undefined && !scopeCoversRegion(claim, options.region)) {
    return failure(
      403,
      "SignatureDoesNotMatch",
      `Credential should be scoped to a valid region, not '${claim.region}'.`,
    );
  }
  if (options.service !== undefined && claim.service !== options.service) {
    return failure(
      403,
      "SignatureDoesNotMatch",
      `Credential should be scoped to correct service: '${options.service}'.`,
    );
  }
  if (!claim.signedHeaders.includes("host")) {
    return failure(403, "SignatureDoesNotMatch", "The host header must be signed.");
  }
  return undefined;
}

function scopeCoversRegion(claim: SignatureClaim, region: string): boolean {
  if (claim.algorithm === ALGORITHM) return claim.region === region;
  return claim.regionSet?.some((entry) => entry === "*" || entry === region) ?? false;
}

function checkTime(claim: SignatureClaim, options: VerifyOptions): VerificationFailure | undefined {
  const now = (options.now ?? new Date()).getTime();
  const maxSkewMs = (options.maxSkewSeconds ?? DEFAULT_MAX_SKEW_SECONDS) * 1000;
  const signedAt = claim.date.getTime();
  const tooEarly = signedAt - now > maxSkewMs;
  if (claim.presigned && claim.expiresIn !== undefined) {
    if (now > signedAt + claim.expiresIn * 1000) {
      return failure(403, "AccessDenied", "Request has expired");
    }
    if (tooEarly) return failure(403, "AccessDenied", "Request is not valid yet");
    return undefined;
  }
  if (tooEarly || now - signedAt > maxSkewMs) {
    return failure(
      403,
      "RequestTimeTooSkewed",
      `The difference between the request time (${claim.longDate}) and the current time is too large.`,
    );
  }
  return undefined;
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;

async function verifiedPayloadHash(
  request: Request,
  claim: SignatureClaim,
  acceptStreamingPayload = false,
): Promise<string | VerificationFailure> {
  const declared = claim.contentSha256;
  if (declared === undefined) {
    // Presigned S3 URLs sign no payload; everything else signs the body it carries.
    if (claim.presigned && claim.service === "s3") return UNSIGNED_PAYLOAD;
    return (await hashRequestBody(request)).hash;
  }
  if (declared === UNSIGNED_PAYLOAD) return declared;
  if (declared.startsWith("STREAMING-")) {
    if (acceptStreamingPayload) return declared;
    return failure(
      501,
      "NotImplemented",
      `Payload signing mode ${declared} is not supported by this verifier.`,
    );
  }
  if (!HEX_SHA256.test(declared)) {
    return failure(
      400,
      "InvalidRequest",
      "x-amz-content-sha256 must be UNSIGNED-PAYLOAD or a hex SHA-256.",
    );
  }
  if ((await hashRequestBody(request)).hash !== declared) {
    return failure(
      400,
      "XAmzContentSHA256Mismatch",
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }
  return declared;
}

function signedHeaderBlock(
  headers: Headers,
  names: string[],
  urlHost: string,
): { canonicalHeaders: string; signedHeaders: string } {
  let canonicalHeaders = "";
  for (const name of names) {
    const value = headers.get(name) ?? (name === "host" ? urlHost : "");
    canonicalHeaders += name + ":" + canonicalHeaderValue(value) + "\n";
  }
  return { canonicalHeaders, signedHeaders: names.join(";") };
}
