/**
 * Typed errors of the signing layer. Messages name the field at fault and what to do,
 * never the value of a secret.
 *
 * @module
 */
import { IamfetchError } from "../_shared/iamfetch_error.ts";

export { IamfetchError };

/**
 * Thrown when a request, region, service or date cannot be signed as given.
 *
 * @example
 * ```ts
 * import { SigV4Signer, SigningInputError } from "@iamfetch/iamfetch/sigv4";
 * import { assertThrows } from "@std/assert";
 *
 * assertThrows(
 *   () => new SigV4Signer({ credentials: { accessKeyId: "AKID", secretAccessKey: "s" }, region: "US East", service: "s3" }),
 *   SigningInputError,
 * );
 * ```
 */
export class SigningInputError extends IamfetchError {
  /** Creates the error; `message` must not contain secret values. */
  constructor(message: string) {
    super(message);
    this.name = "SigningInputError";
  }
}

/**
 * Thrown when credentials are missing, malformed or expired.
 *
 * @example
 * ```ts
 * import { SigV4Signer, CredentialsError } from "@iamfetch/iamfetch/sigv4";
 * import { assertRejects } from "@std/assert";
 *
 * const signer = new SigV4Signer({
 *   credentials: { accessKeyId: "", secretAccessKey: "" },
 *   region: "us-east-1",
 *   service: "execute-api",
 * });
 * await assertRejects(() => signer.sign(new Request("https://example.com/")), CredentialsError);
 * ```
 */
export class CredentialsError extends IamfetchError {
  /** Creates the error; `message` must not contain secret values. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "CredentialsError";
  }
}
