import { canonicalPath } from "./_canonical/path.ts";
import { canonicalQuery, encodedQueryPairs, withoutSignature } from "./_canonical/query.ts";
import { canonicalHeaderValue } from "./_canonical/headers.ts";
import { computeSignature } from "./signature.ts";
import { SIGV4A_ALGORITHM, sigV4aSignatureMatches } from "./sigv4a/signature.ts";
import { timingSafeEqual } from "../_shared/constant_time.ts";
import { UNSIGNED_PAYLOAD } from "./_canonical/payload_hash.ts";
import { sha256HexOfBody } from "../_shared/hash/sha256.ts";
import { readBodyUpTo } from "../_shared/bounded_body.ts";
import { SigningInputError } from "./errors.ts";
import { headerClaim, queryClaim } from "./_verify/claim.ts";
import { bodyTooLarge, failure, type VerificationFailure } from "./verification_failure.ts";
import {
  checkAmzHeadersSigned,
  checkAuthMechanism,
  checkPathForm,
  checkScope,
  checkTime,
  isPresigned,
} from "./_verify/checks.ts";
import { declaredPayloadHash, type PayloadLabel, payloadLabel } from "./payload_declaration.ts";

/**
 * Options of {@linkcode verifySignature}.
 */
export interface VerifyOptions {
  /**
   * Returns the secret access key of `accessKeyId`, or `undefined` when the key is
   * unknown or its session token (in `context`) is not the one issued with it. Anything but
   * a non-empty string (`null` from a KV or SQL lookup, `""`, an object) also means an
   * unknown key: it is never used as a secret. For SigV4a, `context.region` is the
   * `X-Amz-Region-Set` value (e.g. `*`); the public key is derived from the secret (once per
   * key, cached).
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
  /**
   * The largest body read into memory to check a signed payload hash, in bytes; a larger
   * one (by its `content-length`, or as it is read) is refused with 413 `EntityTooLarge`
   * without reading the rest. Defaults to 16 MiB.
   */
  maxBodyBytes?: number;
  /**
   * Accept `x-amz-*` headers outside `SignedHeaders` for services other than S3 (whose rule
   * always applies). By default every `x-amz-*` header but `x-amz-content-sha256` must be
   * signed, since a handler cannot tell signed headers from added ones.
   */
  allowUnsignedAmzHeaders?: boolean;
}

/**
 * A request whose signature verified.
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
  /** How the body is authenticated: see {@linkcode PayloadLabel}. */
  payload: PayloadLabel;
}

/**
 * The outcome of {@linkcode verifySignature}: a {@linkcode VerifiedRequest} or a
 * {@linkcode VerificationFailure}.
 */
export type VerifyResult = VerifiedRequest | VerificationFailure;

const DEFAULT_MAX_SKEW_SECONDS = 900;
const DEFAULT_MAX_BODY_BYTES = 0x1000000; // 16 MiB (a literal: bundlers drop it when unused)

/**
 * Verifies the SigV4 or SigV4a signature of an incoming request, header-signed or
 * presigned, the way AWS does: one auth mechanism, scope, clock skew, presign expiry, every
 * `x-amz-*` header signed, payload hash, then a constant-time comparison of signatures
 * (SigV4) or an ECDSA verification with the public key derived from the secret (SigV4a).
 * The body is read from a clone (at most `maxBodyBytes`), so `request` stays readable.
 *
 * What is verified is what a handler reads: the query is canonicalized as `URLSearchParams`
 * reads it (`+` is a space), every parameter but a presigned URL's own `X-Amz-Signature` is
 * covered, and a path with empty or dot segments is refused where the service normalizes
 * paths (all but S3). The order of a repeated parameter is not signed (SigV4 sorts values),
 * so a handler must not give it meaning. Anything malformed is a 4xx failure, never a throw.
 *
 * @example
 * ```ts
 * import { SigV4Signer, verifySignature } from "@iamfetch/iamfetch/sigv4";
 * import { assert } from "@std/assert";
 *
 * const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
 * const signer = new SigV4Signer({ credentials, region: "us-east-1", service: "execute-api" });
 * const request = await signer.sign(new Request("https://api.example.com/items", { method: "POST", body: "{}" }));
 *
 * const result = await verifySignature(request, {
 *   secretFor: (id) => id === credentials.accessKeyId ? credentials.secretAccessKey : undefined,
 * });
 * assert(result.ok);
 * ```
 */
export async function verifySignature(
  request: Request,
  options: VerifyOptions,
): Promise<VerifyResult> {
  try {
    return await verify(request, options);
  } catch (error) {
    // Whatever the request holds that cannot be canonicalized (a stray '%', a date beyond
    // year 9999) is the client's error; only the caller's own secretFor may throw.
    if (error instanceof SigningInputError) return failure(400, "InvalidRequest", error.message);
    throw error;
  }
}

async function verify(request: Request, options: VerifyOptions): Promise<VerifyResult> {
  const url = new URL(request.url);
  const authorization = request.headers.get("authorization");
  const mechanism = checkAuthMechanism(url, authorization);
  if (mechanism) return mechanism;
  const presigned = isPresigned(url, authorization);
  if (!presigned && authorization === null) {
    return failure(403, "MissingAuthenticationToken", "Missing Authentication Token");
  }
  const claim = presigned
    ? queryClaim(url.searchParams)
    : headerClaim(request.headers, authorization as string);
  if ("ok" in claim) return claim;

  const uriEscapePath = options.uriEscapePath ?? claim.service !== "s3";
  const declared = declaredPayloadHash(url, request.headers, presigned);
  if (typeof declared === "object") return declared;
  const payload = payloadLabel(declared, presigned, claim.service);
  const problem = checkScope(claim, options) ??
    checkTime(
      claim,
      (options.now ?? new Date()).getTime(),
      (options.maxSkewSeconds ?? DEFAULT_MAX_SKEW_SECONDS) * 1000,
    ) ??
    checkAmzHeadersSigned(request.headers, claim, options.allowUnsignedAmzHeaders ?? false) ??
    checkPathForm(url.pathname, uriEscapePath);
  if (problem) return problem;

  const secret = await options.secretFor(claim.accessKeyId, {
    sessionToken: claim.sessionToken,
    region: claim.region,
    service: claim.service,
  });
  if (typeof secret !== "string" || secret === "") {
    return failure(
      403,
      "InvalidAccessKeyId",
      "The AWS Access Key Id you provided does not exist in our records.",
    );
  }

  const payloadHash = await verifiedPayloadHash(request, declared, payload, options);
  if (typeof payloadHash !== "string") return payloadHash;

  const pairs = encodedQueryPairs(url.search.slice(1));
  const parts = {
    method: request.method,
    canonicalPath: canonicalPath(url.pathname, uriEscapePath),
    canonicalQuery: canonicalQuery(presigned ? withoutSignature(pairs) : pairs),
    ...signedHeaderBlock(request.headers, claim.signedHeaders, url.host),
    payloadHash,
  };
  const matches = claim.algorithm === SIGV4A_ALGORITHM
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
  if (!matches) {
    return failure(
      403,
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
    );
  }
  // Only a correctly signed streaming upload learns that this verifier does not decode it.
  if (payload.startsWith("streaming-") && !options.acceptStreamingPayload) {
    return failure(
      501,
      "NotImplemented",
      `Payload signing mode ${declared} is not supported by verifySignature; use verifyStreamingRequest.`,
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
    payload,
  };
}

/** The payload line of the canonical request, the body (capped) hashed where it is signed. */
async function verifiedPayloadHash(
  request: Request,
  declared: string | undefined,
  payload: PayloadLabel,
  options: VerifyOptions,
): Promise<string | VerificationFailure> {
  if (payload === "unsigned") return declared ?? UNSIGNED_PAYLOAD;
  if (payload !== "signed") return declared as string;
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const bytes = request.body === null ? null : await readBodyUpTo(request.clone(), limit);
  if (bytes === undefined) return bodyTooLarge(limit);
  const hash = await sha256HexOfBody(bytes ?? new Uint8Array());
  if (declared !== undefined && hash !== declared) {
    return failure(
      400,
      "XAmzContentSHA256Mismatch",
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }
  return hash;
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
