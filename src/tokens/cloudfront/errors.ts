import { TokenInputError } from "../errors.ts";

/**
 * Thrown by {@linkcode getSignedUrl} and {@linkcode getSignedCookies} for inputs CloudFront
 * would refuse or that cannot be signed: a private key that is not PEM, encrypted, or of a
 * kind CloudFront does not verify (it takes RSA 2048 and ECDSA P-256 keys); a `dateLessThan`
 * in the past; an invalid `ipAddress`; a URL that already carries CloudFront's own
 * parameters. A `TokenInputError`, so one `catch` covers the tokens layer; the message never
 * holds key material.
 *
 * @example
 * ```ts
 * import { CloudFrontSignerError, getSignedUrl } from "@iamfetch/iamfetch/tokens";
 * import { assertRejects } from "@std/assert";
 *
 * await assertRejects(
 *   () =>
 *     getSignedUrl({
 *       url: "https://d111111abcdef8.cloudfront.net/private/report.pdf",
 *       keyPairId: "K2JCJMDEHXQW5F",
 *       privateKey: "not a key",
 *       dateLessThan: new Date(Date.now() + 3_600_000),
 *     }),
 *   CloudFrontSignerError,
 *   "PEM",
 * );
 * ```
 */
export class CloudFrontSignerError extends TokenInputError {
  /** Creates the error; `message` must not contain key material. */
  constructor(message: string) {
    super(message);
    this.name = "CloudFrontSignerError";
  }
}
