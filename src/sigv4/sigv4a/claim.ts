import {
  isSigV4aSignatureHex,
  parseSigV4aAuthorization,
  parseSigV4aCredential,
} from "./authorization.ts";
import { SIGV4A_ALGORITHM } from "./signature.ts";
import { failure, type VerificationFailure } from "../verification_failure.ts";

/** What a SigV4a signature claims about its scope, before any of it is trusted. */
export interface SigV4aScopeClaim {
  algorithm: typeof SIGV4A_ALGORITHM;
  accessKeyId: string;
  shortDate: string;
  service: string;
  /** The `X-Amz-Region-Set` value as sent, e.g. `*` or `us-east-1,eu-west-1`. */
  region: string;
  /** The entries of the region set. */
  regionSet: string[];
  signature: string;
}

const REGION_SET = /^(?:\*|[a-z0-9][a-z0-9-]*)(?:,(?:\*|[a-z0-9][a-z0-9-]*))*$/;

function regionSetClaim(value: string | null): { region: string; regionSet: string[] } | undefined {
  if (value === null || !REGION_SET.test(value)) return undefined;
  return { region: value, regionSet: value.split(",") };
}

/** Reads the SigV4a scope of a header-signed request from `Authorization` and `X-Amz-Region-Set`. */
export function sigV4aHeaderScope(
  headers: Headers,
  authorization: string,
): (SigV4aScopeClaim & { signedHeaders: string[] }) | VerificationFailure {
  const parsed = parseSigV4aAuthorization(authorization);
  if (!parsed) {
    return failure(
      400,
      "IncompleteSignature",
      `Authorization header must be "${SIGV4A_ALGORITHM} Credential=<key>/<date>/<service>/aws4_request, SignedHeaders=<names>, Signature=<hex DER>".`,
    );
  }
  const regions = regionSetClaim(headers.get("x-amz-region-set"));
  if (!regions) {
    return failure(
      400,
      "IncompleteSignature",
      "SigV4a requires an X-Amz-Region-Set header of region names or '*' separated by ','.",
    );
  }
  if (!parsed.signedHeaders.includes("x-amz-region-set")) {
    return failure(403, "SignatureDoesNotMatch", "The x-amz-region-set header must be signed.");
  }
  return { algorithm: SIGV4A_ALGORITHM, ...parsed, ...regions };
}

/** Reads the SigV4a scope of a presigned URL from `X-Amz-Credential` and `X-Amz-Region-Set`. */
export function sigV4aQueryScope(params: URLSearchParams): SigV4aScopeClaim | VerificationFailure {
  const credential = parseSigV4aCredential(params.get("X-Amz-Credential") ?? "");
  const regions = regionSetClaim(params.get("X-Amz-Region-Set"));
  const signature = params.get("X-Amz-Signature") ?? "";
  if (!credential || !regions || !isSigV4aSignatureHex(signature)) {
    return failure(
      400,
      "AuthorizationQueryParametersError",
      "X-Amz-Credential, X-Amz-Region-Set or X-Amz-Signature is malformed for SigV4a.",
    );
  }
  return { algorithm: SIGV4A_ALGORITHM, ...credential, ...regions, signature };
}
