import { IamfetchError } from "../../_shared/iamfetch_error.ts";

/**
 * Thrown when an Amazon Keyspaces SigV4 challenge carries no `nonce=`: the server did not
 * start the SigV4 SASL exchange (wrong endpoint, or an authenticator other than SigV4).
 *
 * @example
 * ```ts
 * import { KeyspacesChallengeError, keyspacesSaslResponse } from "@iamfetch/iamfetch/tokens";
 * import { assert } from "@std/assert";
 *
 * try {
 *   await keyspacesSaslResponse({
 *     challenge: new TextEncoder().encode("hello"),
 *     credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *     region: "us-east-1",
 *   });
 * } catch (error) {
 *   assert(error instanceof KeyspacesChallengeError);
 * }
 * ```
 */
export class KeyspacesChallengeError extends IamfetchError {
  /** Creates the error; the challenge is not secret, but only its length is reported. */
  constructor(message: string) {
    super(message);
    this.name = "KeyspacesChallengeError";
  }
}
