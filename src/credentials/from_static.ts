import {
  checkCredentials,
  type CredentialProvider,
  type Credentials,
} from "../sigv4/credentials.ts";
import { toSafeCredentials } from "./redacted_credentials.ts";

/**
 * A provider that always returns `credentials` (checked on each call, so expired ones are
 * reported as `CredentialsError` when used, not silently signed with), with their secrets
 * redacted from logs (see {@linkcode toSafeCredentials}).
 *
 * @param credentials Long-term keys, or temporary ones with their `sessionToken`.
 *
 * @example
 * ```ts
 * import { fromStatic } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const provider = fromStatic({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" });
 * const credentials = await provider();
 * assertEquals(credentials.accessKeyId, "AKIDEXAMPLE");
 * ```
 */
export function fromStatic(credentials: Credentials): CredentialProvider {
  const safe = toSafeCredentials(credentials);
  return () => {
    try {
      return Promise.resolve(checkCredentials(safe));
    } catch (error) {
      return Promise.reject(error);
    }
  };
}
