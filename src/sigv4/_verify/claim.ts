import { formatAmzDate, parseAmzDate } from "../amz_date.ts";
import {
  isSignatureHex,
  parseAuthorization,
  parseCredential,
  parseSignedHeaders,
} from "./authorization_header.ts";
import { ALGORITHM } from "../signature.ts";
import { SIGV4A_ALGORITHM } from "../sigv4a/signature.ts";
import { isSigV4aAuthorization } from "../sigv4a/authorization.ts";
import { sigV4aHeaderScope, sigV4aQueryScope } from "../sigv4a/claim.ts";
import type { VerificationFailure } from "../verification_failure.ts";
import { failure } from "../verification_failure.ts";

/** What a signed request claims about itself, before any of it is trusted. */
export interface SignatureClaim {
  presigned: boolean;
  /** SigV4 (HMAC) or SigV4a (ECDSA). */
  algorithm: typeof ALGORITHM | typeof SIGV4A_ALGORITHM;
  accessKeyId: string;
  shortDate: string;
  /** SigV4: the scope's region. SigV4a: the `X-Amz-Region-Set` value. */
  region: string;
  /** SigV4a only: the entries of the region set. */
  regionSet?: string[];
  service: string;
  signedHeaders: string[];
  signature: string;
  longDate: string;
  date: Date;
  sessionToken?: string;
  /** Presigned URLs only: seconds of validity. */
  expiresIn?: number;
}

// Date.parse("0000-01-01T00:00:00Z") and Date.parse("9999-12-31T23:59:59Z"), as literals so
// that bundlers can drop them from bundles that only sign.
const YEAR_0000 = -62167219200000;
const END_OF_9999 = 253402300799000;

/** Reads the signature claim of a header-signed request. */
export function headerClaim(
  headers: Headers,
  authorization: string,
): SignatureClaim | VerificationFailure {
  const parsed = isSigV4aAuthorization(authorization)
    ? sigV4aHeaderScope(headers, authorization)
    : parseAuthorization(authorization);
  if (parsed && "ok" in parsed) return parsed;
  if (!parsed) {
    return failure(
      400,
      "IncompleteSignature",
      `Authorization header must be "${ALGORITHM} Credential=<key>/<date>/<region>/<service>/aws4_request, SignedHeaders=<names>, Signature=<64 hex>".`,
    );
  }
  let longDate = headers.get("x-amz-date");
  if (longDate === null) {
    // SigV4 also accepts an HTTP Date header when X-Amz-Date is absent.
    const httpDate = headers.get("date");
    const parsedDate = httpDate === null ? NaN : Date.parse(httpDate);
    // Outside years 0000–9999 a date has no X-Amz-Date form (nor meaning for a signature).
    if (!(parsedDate >= YEAR_0000 && parsedDate <= END_OF_9999)) {
      return failure(
        400,
        "IncompleteSignature",
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
      );
    }
    longDate = formatAmzDate(new Date(parsedDate)).longDate;
  }
  const date = parseAmzDate(longDate);
  if (!date) {
    return failure(400, "IncompleteSignature", "X-Amz-Date must have the form YYYYMMDDTHHMMSSZ.");
  }
  const sessionToken = headers.get("x-amz-security-token") ?? undefined;
  if (sessionToken !== undefined && !parsed.signedHeaders.includes("x-amz-security-token")) {
    return failure(403, "SignatureDoesNotMatch", "The x-amz-security-token header must be signed.");
  }
  return {
    presigned: false,
    algorithm: ALGORITHM,
    ...parsed,
    longDate,
    date,
    sessionToken,
  };
}

// X-Amz-Expires is optional outside S3: without it a presigned request is held to the
// same clock-skew window as a header-signed one (aws4fetch omits it for other services).
const REQUIRED_QUERY = [
  "X-Amz-Algorithm",
  "X-Amz-Credential",
  "X-Amz-Date",
  "X-Amz-SignedHeaders",
  "X-Amz-Signature",
] as const;

/** Reads the signature claim of a presigned URL. */
export function queryClaim(params: URLSearchParams): SignatureClaim | VerificationFailure {
  const missing = REQUIRED_QUERY.filter((name) => !params.has(name));
  if (missing.length > 0) {
    return failure(
      400,
      "AuthorizationQueryParametersError",
      `Query-string authentication requires the parameters ${missing.join(", ")}.`,
    );
  }
  const get = (name: string) => params.get(name) as string;
  const algorithm = get("X-Amz-Algorithm");
  if (algorithm !== ALGORITHM && algorithm !== SIGV4A_ALGORITHM) {
    return failure(
      400,
      "AuthorizationQueryParametersError",
      `X-Amz-Algorithm only supports "${ALGORITHM}" and "${SIGV4A_ALGORITHM}".`,
    );
  }
  const credential = algorithm === ALGORITHM
    ? parseCredential(get("X-Amz-Credential"))
    : sigV4aQueryScope(params);
  if (credential && "ok" in credential) return credential;
  const signedHeaders = parseSignedHeaders(get("X-Amz-SignedHeaders"));
  const date = parseAmzDate(get("X-Amz-Date"));
  const expires = params.get("X-Amz-Expires");
  const expiresIn = expires === null
    ? undefined
    : /^\d{1,6}$/.test(expires)
    ? Number(expires)
    : NaN;
  const signatureForm = algorithm === ALGORITHM ? isSignatureHex(get("X-Amz-Signature")) : true;
  if (!credential || !signedHeaders || !date || !signatureForm) {
    return failure(
      400,
      "AuthorizationQueryParametersError",
      "X-Amz-Credential, X-Amz-Date, X-Amz-SignedHeaders or X-Amz-Signature is malformed.",
    );
  }
  if (expiresIn === undefined && credential.service === "s3") {
    return failure(400, "AuthorizationQueryParametersError", "X-Amz-Expires is required by S3.");
  }
  if (expiresIn !== undefined && !(expiresIn >= 1 && expiresIn <= 604800)) {
    return failure(
      400,
      "AuthorizationQueryParametersError",
      "X-Amz-Expires must be a number of seconds from 1 to 604800.",
    );
  }
  return {
    presigned: true,
    algorithm: ALGORITHM,
    ...credential,
    signedHeaders,
    signature: get("X-Amz-Signature"),
    longDate: get("X-Amz-Date"),
    date,
    expiresIn,
    sessionToken: params.get("X-Amz-Security-Token") ?? undefined,
  };
}
