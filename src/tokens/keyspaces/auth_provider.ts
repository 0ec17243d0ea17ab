import type { CredentialsInput } from "../../sigv4/credentials.ts";
import type { Platform } from "../../credentials/platform/types.ts";
import { keyspacesRegion } from "./_region.ts";
import { KEYSPACES_SASL_INITIAL_RESPONSE, keyspacesSaslResponse } from "./_sasl_response.ts";

/**
 * Options of {@linkcode keyspacesAuthProvider}.
 */
export interface KeyspacesAuthProviderOptions {
  /**
   * cassandra-driver's `auth` namespace (`cassandra.auth`). The provider inherits from its
   * `AuthProvider` class, which the driver's `Client` requires (`instanceof`); taking it as
   * an option keeps this library free of a dependency on the driver, and works although the
   * driver's typings declare `AuthProvider` as an interface only.
   */
  driverAuth: object;
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
 * `Authenticator`: `SigV4\0\0` first, then the signed answer to the server's `nonce=`
 * challenge — the same bytes `aws-sigv4-auth-cassandra-plugin` sends.
 */
export interface KeyspacesAuthenticator {
  /** Answers the server's AUTHENTICATE with `SigV4\0\0`. */
  initialResponse(callback: KeyspacesAuthCallback): void;
  /**
   * Answers the `nonce=` challenge with the signed response, or passes the error on: a
   * `KeyspacesChallengeError` for a challenge without a nonce, the credentials' error.
   */
  evaluateChallenge(challenge: Uint8Array, callback: KeyspacesAuthCallback): void;
  /** Called by the driver after AUTH_SUCCESS; nothing to keep. */
  onAuthenticationSuccess(token?: Uint8Array): void;
}

/**
 * The SigV4 `AuthProvider` for Amazon Keyspaces that cassandra-driver takes as
 * `authProvider`: an instance of the driver's own `auth.AuthProvider`.
 */
export interface KeyspacesAuthProvider {
  /** The region every answer is signed for. */
  readonly region: string;
  /** Returns the authenticator of one connection (the driver passes endpoint and name). */
  newAuthenticator(endpoint?: string, name?: string): KeyspacesAuthenticator;
}

/**
 * The authentication provider for Amazon Keyspaces (for Apache Cassandra) that
 * cassandra-driver takes as `authProvider`, as `aws-sigv4-auth-cassandra-plugin`'s
 * `SigV4AuthProvider`: every connection answers the SigV4 SASL challenge with the
 * credentials of the moment (a provider is called at each authentication). Throws
 * `SigningInputError` when no region is found, and `TypeError` when `driverAuth.AuthProvider`
 * is not a class.
 *
 * @example
 * ```ts
 * import { keyspacesAuthProvider } from "@iamfetch/iamfetch/tokens";
 * import { assert } from "@std/assert";
 *
 * class AuthProvider {}
 * const driverAuth = { AuthProvider }; // in an application: `cassandra.auth`
 * const authProvider = keyspacesAuthProvider({
 *   driverAuth,
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   region: "us-east-2",
 * });
 * assert(authProvider instanceof AuthProvider);
 * authProvider.newAuthenticator().initialResponse((error, token) => {
 *   assert(error === null && new TextDecoder().decode(token) === "SigV4\0\0");
 * });
 * // new cassandra.Client({ contactPoints, localDataCenter, authProvider, sslOptions })
 * ```
 */
export function keyspacesAuthProvider(
  options: KeyspacesAuthProviderOptions,
): KeyspacesAuthProvider {
  const base = (options.driverAuth as { AuthProvider?: unknown } | undefined)?.AuthProvider;
  if (typeof base !== "function" || typeof base.prototype !== "object") {
    throw new TypeError(
      "keyspacesAuthProvider needs cassandra-driver's `auth` namespace (cassandra.auth) as driverAuth, with its AuthProvider class.",
    );
  }
  const region = keyspacesRegion({ region: options.region, platform: options.platform });
  const { credentials, date } = options;
  const provider = Object.create(base.prototype) as KeyspacesAuthProvider;
  Object.defineProperties(provider, {
    region: { value: region, enumerable: true },
    newAuthenticator: { value: () => new SigV4Authenticator(credentials, region, date) },
  });
  return provider;
}

/** The authenticator of one connection. */
class SigV4Authenticator implements KeyspacesAuthenticator {
  readonly #credentials: CredentialsInput;
  readonly #region: string;
  readonly #date: Date | undefined;

  constructor(credentials: CredentialsInput, region: string, date?: Date) {
    this.#credentials = credentials;
    this.#region = region;
    this.#date = date;
  }

  initialResponse(callback: KeyspacesAuthCallback): void {
    callback(null, KEYSPACES_SASL_INITIAL_RESPONSE.slice());
  }

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

  onAuthenticationSuccess(_token?: Uint8Array): void {}
}
