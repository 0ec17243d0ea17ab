/**
 * The base class of every error this library throws for a reason of its own (bad input, a
 * refused login, an AWS error answer, …), so that one `instanceof` tells them from a bug or
 * from an error of the runtime (a `TypeError` of `fetch`, an `AbortError`). Each layer's
 * classes extend it, directly or through the layer's own base (`CredentialsError`,
 * `SigningInputError`, `SamlLoginError`, …); `name` is the subclass's name.
 *
 * Defined here, below every layer, so that the primitives of `src/_shared` can extend it
 * too; `@iamfetch/iamfetch/sigv4` exports it.
 *
 * @example
 * ```ts
 * import { IamfetchError, SigV4Signer, SigningInputError } from "@iamfetch/iamfetch";
 * import { assertEquals, assertInstanceOf, assertThrows } from "@std/assert";
 *
 * const error = assertThrows(
 *   () => new SigV4Signer({ credentials: { accessKeyId: "AKID", secretAccessKey: "s" }, region: "US East", service: "s3" }),
 *   IamfetchError,
 * );
 * assertInstanceOf(error, SigningInputError);
 * assertEquals(error.name, "SigningInputError");
 * ```
 */
export class IamfetchError extends Error {
  /** Creates the error; `message` must not contain secret values. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "IamfetchError";
  }
}
