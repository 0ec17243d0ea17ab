/**
 * Typed errors of the tokens layer.
 *
 * @module
 */
import { SigningInputError } from "../sigv4/errors.ts";

/**
 * Thrown when a token's inputs (hostname, port, user name, region, expiry) cannot make a
 * valid token. A {@linkcode SigningInputError}, so one `catch` covers both layers. The
 * message names the field at fault, never a secret or a token.
 *
 * @example
 * ```ts
 * import { rdsAuthToken, TokenInputError } from "@iamfetch/iamfetch/tokens";
 * import { assertRejects } from "@std/assert";
 *
 * await assertRejects(
 *   () =>
 *     rdsAuthToken({
 *       hostname: "db.example.com", // no region in the hostname, and none given
 *       port: 5432,
 *       username: "app",
 *       credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *     }),
 *   TokenInputError,
 * );
 * ```
 */
export class TokenInputError extends SigningInputError {
  /** Creates the error; `message` must not contain secret values. */
  constructor(message: string) {
    super(message);
    this.name = "TokenInputError";
  }
}
