import { CredentialsError } from "../errors.ts";

/**
 * What is wrong with an X.509 certificate or its private key:
 *
 * - `malformed-certificate`, `malformed-key`: not PEM or DER of a certificate / private key;
 * - `encrypted-key`: a password-protected key (decrypt it first);
 * - `unsupported-key`: neither RSA nor EC P-256, the two key types IAM Roles Anywhere's
 *   `AWS4-X509-RSA-SHA256` and `AWS4-X509-ECDSA-SHA256` sign with here;
 * - `key-mismatch`: the private key is not the certificate's;
 * - `expired`, `not-yet-valid`: the signing time is outside the certificate's validity.
 *
 * @example
 * ```ts
 * import type { X509ErrorReason } from "@iamfetch/iamfetch/sigv4";
 * import { assert } from "@std/assert";
 *
 * const retryLater: X509ErrorReason[] = ["not-yet-valid"];
 * assert(retryLater.includes("not-yet-valid"));
 * ```
 */
export type X509ErrorReason =
  | "malformed-certificate"
  | "malformed-key"
  | "encrypted-key"
  | "unsupported-key"
  | "key-mismatch"
  | "expired"
  | "not-yet-valid";

/**
 * Thrown when a certificate or private key cannot sign an X.509 request (IAM Roles
 * Anywhere): `reason` says why. Thrown before any request is sent. Messages name the
 * certificate by serial number and dates, never by the key's content.
 *
 * @example
 * ```ts
 * import { X509CertificateError, X509Signer } from "@iamfetch/iamfetch/sigv4";
 * import { assertEquals, assertThrows } from "@std/assert";
 *
 * const error = assertThrows(
 *   () => new X509Signer({ certificate: "not a certificate", privateKey: "", region: "us-east-1" }),
 *   X509CertificateError,
 * );
 * assertEquals(error.reason, "malformed-certificate");
 * ```
 */
export class X509CertificateError extends CredentialsError {
  /** Why the certificate or key cannot be used. */
  readonly reason: X509ErrorReason;

  /** Creates the error; `message` must not contain key material. */
  constructor(reason: X509ErrorReason, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "X509CertificateError";
    this.reason = reason;
  }
}
