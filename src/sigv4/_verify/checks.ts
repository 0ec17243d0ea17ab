// The checks verifySignature makes before it computes a signature: what a signed request may
// claim and carry, in AWS's own terms. Each returns a failure, or undefined when it passes.
import { ALGORITHM } from "../signature.ts";
import type { SignatureClaim } from "./claim.ts";
import { failure, type VerificationFailure } from "../verification_failure.ts";

/** The parameters of query-string authentication, by lowercase name. */
const PRESIGN_PARAMS = new Set([
  "x-amz-algorithm",
  "x-amz-credential",
  "x-amz-date",
  "x-amz-expires",
  "x-amz-security-token",
  "x-amz-signedheaders",
  "x-amz-signature",
  "x-amz-region-set",
]);

/**
 * Whether a request authenticates in its query: no `Authorization` header, and the exact
 * `X-Amz-Algorithm` or `X-Amz-Signature` parameter (AWS's parameter names are case-sensitive).
 */
export function isPresigned(url: URL, authorization: string | null): boolean {
  return authorization === null &&
    (url.searchParams.has("X-Amz-Algorithm") || url.searchParams.has("X-Amz-Signature"));
}

/**
 * One mechanism per request, as S3 answers: an `Authorization` header with presign parameters
 * in the query (any letter case) is refused, and a presigned URL names each parameter once.
 * Otherwise a parameter the canonical query leaves out could reach the handler.
 */
export function checkAuthMechanism(
  url: URL,
  authorization: string | null,
): VerificationFailure | undefined {
  const seen = new Set<string>();
  for (const name of url.searchParams.keys()) {
    const lower = name.toLowerCase();
    if (!PRESIGN_PARAMS.has(lower)) continue;
    if (authorization !== null) {
      return failure(
        400,
        "InvalidArgument",
        "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature " +
          "query string parameter or the Authorization header should be specified.",
      );
    }
    if (seen.has(lower)) {
      return failure(
        400,
        "AuthorizationQueryParametersError",
        `The query names ${name} more than once.`,
      );
    }
    seen.add(lower);
  }
  return undefined;
}

/** The credential scope names the request's own date, and the region and service asked for. */
export function checkScope(
  claim: SignatureClaim,
  options: { region?: string; service?: string },
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

/** A header-signed request within `maxSkewMs` of `now`; a presigned URL not expired or early. */
export function checkTime(
  claim: SignatureClaim,
  now: number,
  maxSkewMs: number,
): VerificationFailure | undefined {
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

/**
 * Every `x-amz-*` header on the request is signed, S3's rule for header-signed and presigned
 * requests alike ("Any x-amz-* headers that you plan to add to the request must also be
 * signed"; otherwise 403 AccessDenied, "There were headers present in the request which were
 * not signed"). `x-amz-content-sha256` is exempt, as S3 tolerates it: its value is the payload
 * line of the canonical request, so the signature covers it anyway. `allowUnsigned` relaxes
 * the rule for services other than S3.
 */
export function checkAmzHeadersSigned(
  headers: Headers,
  claim: SignatureClaim,
  allowUnsigned: boolean,
): VerificationFailure | undefined {
  if (allowUnsigned && claim.service !== "s3") return undefined;
  const signed = new Set(claim.signedHeaders);
  const notSigned: string[] = [];
  for (const name of headers.keys()) {
    if (name.startsWith("x-amz-") && name !== "x-amz-content-sha256" && !signed.has(name)) {
      notSigned.push(name);
    }
  }
  if (notSigned.length === 0) return undefined;
  return {
    ...failure(
      403,
      "AccessDenied",
      "There were headers present in the request which were not signed",
    ),
    headersNotSigned: notSigned,
  };
}

const NOT_NORMAL = /\/\/|\/\.\.?(\/|$)/;

/**
 * For services whose paths are normalized before signing (all but S3), a raw path with empty or
 * dot segments verifies as its normal form, which a router would not read the same way: it is
 * refused, so what is verified is the path the handler sees.
 */
export function checkPathForm(
  pathname: string,
  normalized: boolean,
): VerificationFailure | undefined {
  if (!normalized || !NOT_NORMAL.test(pathname)) return undefined;
  return failure(
    400,
    "InvalidRequest",
    "The request path has empty or dot segments ('//', '/./', '/../'); send it in normal form.",
  );
}
