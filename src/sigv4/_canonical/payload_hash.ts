import { SigningInputError } from "../errors.ts";

/** The payload hash value for payloads that are not signed (S3 presigned URLs, opt-in uploads). */
export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

/**
 * Checks a payload hash the caller put in `x-amz-content-sha256` (which the signer signs
 * as given, as the AWS SDK does): a lowercase hex SHA-256, `UNSIGNED-PAYLOAD` or one of
 * the `STREAMING-…` values. Anything else would make a signature every AWS service
 * rejects, so it is a {@linkcode SigningInputError} here instead.
 */
export function checkDeclaredPayloadHash(value: string): string {
  if (
    /^[0-9a-f]{64}$/.test(value) || value === UNSIGNED_PAYLOAD ||
    /^STREAMING-[A-Z0-9-]+$/.test(value)
  ) {
    return value;
  }
  throw new SigningInputError(
    "x-amz-content-sha256 must be a lowercase hex SHA-256, UNSIGNED-PAYLOAD or STREAMING-…; " +
      "omit it to have the body hashed.",
  );
}
