import type { KeyspacesAuthenticator } from "./auth_provider.ts";

/** What {@linkcode cassandraAuthProvider} wraps: anything with `newAuthenticator`. */
export interface AuthenticatorFactory {
  /** Returns the authenticator of one connection. */
  newAuthenticator(endpoint?: string, name?: string): KeyspacesAuthenticator;
}

/**
 * Wraps `provider` in an object that inherits from cassandra-driver's `auth.AuthProvider`,
 * which the driver's `Client` requires (`instanceof`). Pass the driver's `auth` namespace
 * (`cassandra.auth`): taking it as an argument keeps this library free of a dependency on the
 * driver, and works although the driver's typings declare `AuthProvider` as an interface only.
 * Throws `TypeError` when `driverAuth.AuthProvider` is not a class.
 *
 * @example
 * ```ts
 * import { cassandraAuthProvider, KeyspacesAuthProvider } from "@iamfetch/iamfetch/tokens";
 * import { assert } from "@std/assert";
 *
 * class AuthProvider {}
 * const driverAuth = { AuthProvider }; // in an application: `cassandra.auth`
 * const authProvider = cassandraAuthProvider(
 *   new KeyspacesAuthProvider({
 *     credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *     region: "us-east-2",
 *   }),
 *   driverAuth,
 * );
 * assert(authProvider instanceof AuthProvider);
 * // new cassandra.Client({ contactPoints, localDataCenter, authProvider, sslOptions })
 * ```
 */
export function cassandraAuthProvider(
  provider: AuthenticatorFactory,
  driverAuth: object,
): AuthenticatorFactory {
  const base = (driverAuth as { AuthProvider?: unknown }).AuthProvider;
  if (typeof base !== "function" || typeof base.prototype !== "object") {
    throw new TypeError(
      "cassandraAuthProvider needs cassandra-driver's `auth` namespace (cassandra.auth), with its AuthProvider class.",
    );
  }
  const wrapper = Object.create(base.prototype) as AuthenticatorFactory;
  wrapper.newAuthenticator = (endpoint?: string, name?: string) =>
    provider.newAuthenticator(endpoint, name);
  return wrapper;
}
