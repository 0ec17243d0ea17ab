import type { CredentialsInput } from "../../sigv4/credentials.ts";
import type { Platform } from "../../credentials/platform/types.ts";
import { keyspacesRegion } from "./_region.ts";
import { KEYSPACES_SASL_INITIAL_RESPONSE, keyspacesSaslResponse } from "./sasl_response.ts";

/**
 * Options of {@linkcode KeyspacesAuthProvider}.
 */
export interface KeyspacesAuthProviderOptions {
  /** Credentials, or a provider called at each authentication (so refreshed keys are used). */
  credentials: CredentialsInput;
  /** The region of the endpoint; default `AWS_DEFAULT_REGION`, then `AWS_REGION`, read from `platform`. */
  region?: string;
  /** Where the region variables are read when `region` is not given. */
  platform?: Platform;
  /** The signing time of every answer, for tests; defaults to the time of each challenge. */
  date?: Date;
}

/** The callback shape of cassandra-driver's `Authenticator`: `(error, token)`. */
export type KeyspacesAuthCallback = (error: Error | null, token?: Uint8Array) => void;

/**
 * One SigV4 SASL exchange with Amazon Keyspaces, in the shape of cassandra-driver's
 * `Authenticator`. Made by {@linkcode KeyspacesAuthProvider.prototype.newAuthenticator}.
 *
 * @example
 * ```ts
 * import { KeyspacesAuthProvider } from "@iamfetch/iamfetch/tokens";
 * import { assert } from "@std/assert";
 *
 * const provider = new KeyspacesAuthProvider({
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   region: "us-east-2",
 * });
 * const authenticator = provider.newAuthenticator();
 * authenticator.initialResponse((error, token) => {
 *   assert(error === null && new TextDecoder().decode(token) === "SigV4\0\0");
 * });
 * ```
 */
export class KeyspacesAuthenticator {
  readonly #credentials: CredentialsInput;
  readonly #region: string;
  readonly #date: Date | undefined;

  /** Creates an authenticator for one connection; prefer `newAuthenticator`. */
  constructor(credentials: CredentialsInput, region: string, date?: Date) {
    this.#credentials = credentials;
    this.#region = region;
    this.#date = date;
  }

  /** Answers the server's AUTHENTICATE with `SigV4\0\0`. */
  initialResponse(callback: KeyspacesAuthCallback): void {
    callback(null, KEYSPACES_SASL_INITIAL_RESPONSE.slice());
  }

  /** Answers the `nonce=` challenge with the signed response, or passes the error on. */
  evaluateChallenge(challenge: Uint8Array, callback: KeyspacesAuthCallback): void {
    keyspacesSaslResponse({
      challenge,
      credentials: this.#credentials,
      region: this.#region,
      date: this.#date,
    }).then(
      (token) => callback(null, token),
      (error: unknown) =>
        callback(error instanceof Error ? error : new Error("Keyspaces authentication failed.")),
    );
  }

  /** Called by the driver after AUTH_SUCCESS; nothing to keep. */
  onAuthenticationSuccess(_token?: Uint8Array): void {}
}

/**
 * An auth provider for `cassandra-driver` that signs in to Amazon Keyspaces with SigV4 (IAM
 * credentials instead of service-specific passwords), as `aws-sigv4-auth-cassandra-plugin`
 * does. The driver checks `instanceof auth.AuthProvider`, so pass it through
 * {@linkcode cassandraAuthProvider}.
 *
 * @example
 * ```ts
 * import { KeyspacesAuthProvider } from "@iamfetch/iamfetch/tokens";
 * import { assertEquals } from "@std/assert";
 *
 * const provider = new KeyspacesAuthProvider({
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   region: "us-east-2",
 * });
 * assertEquals(provider.region, "us-east-2");
 * ```
 */
export class KeyspacesAuthProvider {
  /** The region every answer is signed for. */
  readonly region: string;
  readonly #credentials: CredentialsInput;
  readonly #date: Date | undefined;

  /** Creates the provider; throws `SigningInputError` when no region is found. */
  constructor(options: KeyspacesAuthProviderOptions) {
    this.region = keyspacesRegion({ region: options.region, platform: options.platform });
    this.#credentials = options.credentials;
    this.#date = options.date;
  }

  /**
   * A new authenticator for one connection; the driver passes the endpoint and the server's
   * authenticator class name, which SigV4 does not need.
   */
  newAuthenticator(_endpoint?: string, _name?: string): KeyspacesAuthenticator {
    return new KeyspacesAuthenticator(this.#credentials, this.region, this.#date);
  }
}
