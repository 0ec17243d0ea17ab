import type { VerificationFailure } from "../sigv4/mod.ts";

/** What a rejected request is answered with: status, AWS error code and message. */
export interface AuthFailure {
  status: number;
  code: string;
  message: string;
}

export const INVALID_TOKEN: AuthFailure = {
  status: 403,
  code: "InvalidClientTokenId",
  message: "The security token included in the request is invalid.",
};
export const EXPIRED_TOKEN: AuthFailure = {
  status: 403,
  code: "ExpiredToken",
  message: "The provided token has expired.",
};

/** The verifier's failure in S3's terms, where S3 names it differently. */
export function s3Failure(failure: VerificationFailure): AuthFailure {
  if (failure.code === "MissingAuthenticationToken") {
    return { status: 403, code: "AccessDenied", message: "Access Denied" };
  }
  if (failure.code === "IncompleteSignature") {
    return { status: 400, code: "AuthorizationHeaderMalformed", message: failure.message };
  }
  return failure;
}
