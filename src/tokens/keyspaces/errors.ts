import { IamfetchError } from "../../_shared/iamfetch_error.ts";

/**
 * Thrown when an Amazon Keyspaces SigV4 challenge carries no `nonce=`: the server did not
 * start the SigV4 SASL exchange (wrong endpoint, or an authenticator other than SigV4).
 *
 * @example
 * ```ts
 * import { KeyspacesChallengeError, keyspacesAuthProvider } from "@iamfetch/iamfetch/tokens";
 * import { assert } from "@std/assert";
 *
 * const authenticator = keyspacesAuthProvider({
 *   driverAuth: { AuthProvider: class {} }, // in an application: `cassandra.auth`
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   region: "us-east-1",
 * }).newAuthenticator();
 * const error = await new Promise((resolve) =>
 *   authenticator.evaluateChallenge(new TextEncoder().encode("hello"), resolve)
 * );
 * assert(error instanceof KeyspacesChallengeError);
 * ```
 */
export class KeyspacesChallengeError extends IamfetchError {
  /** Creates the error; the challenge is not secret, but only its length is reported. */
  constructor(message: string) {
    super(message);
    this.name = "KeyspacesChallengeError";
  }
}
