import type { CredentialProvider } from "../sigv4/credentials.ts";
import { defaultPlatform } from "./platform/default.ts";
import { CredentialSettingError, CredentialsProviderError } from "./errors.ts";
import type { Platform } from "./platform/types.ts";
import { toSafeCredentials } from "./redacted_credentials.ts";

/**
 * Options of {@linkcode fromEnv}.
 */
export interface FromEnvOptions {
  /**
   * The variables, e.g. a Cloudflare Worker's `env` bindings. When given, `platform` is not
   * consulted.
   */
  env?: Readonly<Record<string, unknown>>;
  /** Where to read the variables when `env` is not given. Default: {@linkcode defaultPlatform}. */
  platform?: Platform;
}

/**
 * A provider reading `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` and
 * `AWS_CREDENTIAL_EXPIRATION` (ISO 8601), as AWS SDK v3's `fromEnv`, from the process
 * environment or from explicitly passed values (Workers bindings). Variables are read on
 * each call. Missing or empty keys throw {@linkcode CredentialsProviderError} (a chain goes
 * on); an unparseable expiration throws {@linkcode CredentialSettingError} (AWS SDK v3 would
 * return an `Invalid Date`).
 *
 * @example
 * ```ts
 * import { fromEnv } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * // in a Worker: export default { fetch(request, env) { const provider = fromEnv({ env }); … } }
 * const provider = fromEnv({
 *   env: { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret", AWS_SESSION_TOKEN: "token" },
 * });
 * const credentials = await provider();
 * assertEquals(credentials.sessionToken, "token");
 * ```
 */
export function fromEnv(options: FromEnvOptions = {}): CredentialProvider {
  return () => {
    const { env } = options;
    const read = env !== undefined
      ? (name: string) => {
        const value = Object.hasOwn(env, name) ? env[name] : undefined;
        return typeof value === "string" ? value : undefined;
      }
      : (name: string) => (options.platform ?? defaultPlatform()).env(name);
    const accessKeyId = read("AWS_ACCESS_KEY_ID");
    const secretAccessKey = read("AWS_SECRET_ACCESS_KEY");
    if (!accessKeyId || !secretAccessKey) {
      return Promise.reject(
        new CredentialsProviderError(
          "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set in the environment.",
        ),
      );
    }
    const sessionToken = read("AWS_SESSION_TOKEN") || undefined;
    const expirationText = read("AWS_CREDENTIAL_EXPIRATION");
    let expiration: Date | undefined;
    if (expirationText) {
      expiration = new Date(expirationText);
      if (Number.isNaN(expiration.getTime())) {
        return Promise.reject(
          new CredentialSettingError(
            "environment",
            "AWS_CREDENTIAL_EXPIRATION",
            "is not an ISO 8601 date such as 2030-01-01T00:00:00Z.",
          ),
        );
      }
    }
    return Promise.resolve(
      toSafeCredentials({ accessKeyId, secretAccessKey, sessionToken, expiration }),
    );
  };
}
