/**
 * Why a request failed verification, in AWS's own terms: the HTTP status and error code
 * AWS answers with, and a message safe to send back to the client.
 */
export interface VerificationFailure {
  /** Always `false`. */
  ok: false;
  /** The HTTP status AWS uses for this error. */
  status: number;
  /** The AWS error code. */
  code: VerificationErrorCode;
  /** A message for the client; never contains a secret. */
  message: string;
  /**
   * For `AccessDenied` on unsigned `x-amz-*` headers: their names, as S3 lists them in
   * `<HeadersNotSigned>`.
   */
  headersNotSigned?: string[];
}

/**
 * The AWS error codes {@linkcode verifySignature} can answer with.
 */
export type VerificationErrorCode =
  | "MissingAuthenticationToken"
  | "IncompleteSignature"
  | "InvalidArgument"
  | "AuthorizationQueryParametersError"
  | "InvalidAccessKeyId"
  | "SignatureDoesNotMatch"
  | "RequestTimeTooSkewed"
  | "AccessDenied"
  | "XAmzContentSHA256Mismatch"
  | "InvalidRequest"
  | "EntityTooLarge"
  | "NotImplemented";

/** Builds a {@linkcode VerificationFailure}. */
export function failure(
  status: number,
  code: VerificationErrorCode,
  message: string,
): VerificationFailure {
  return { ok: false, status, code, message };
}

/** The failure for a signed body longer than the verifier's `maxBodyBytes`. */
export function bodyTooLarge(limit: number): VerificationFailure {
  return failure(
    413,
    "EntityTooLarge",
    `The signed body exceeds ${limit} bytes; send larger bodies as UNSIGNED-PAYLOAD or aws-chunked.`,
  );
}
