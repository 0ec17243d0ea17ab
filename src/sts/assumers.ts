import type { RoleAssumer, WebIdentityAssumer } from "../credentials/profile/callbacks.ts";
import { StsClient } from "./client.ts";
import type { StsConnection } from "./connection.ts";

/**
 * The STS-backed `roleAssumer` for profiles with `role_arn` (same signature as AWS SDK v3's),
 * for `resolveProfileCredentials`; `fromIni` uses it by default.
 *
 * @example
 * ```ts
 * import { explicitPlatform, loadSharedConfig, resolveProfileCredentials } from "@iamfetch/iamfetch/credentials";
 * import { stsRoleAssumer } from "@iamfetch/iamfetch/sts";
 * import { assertEquals } from "@std/assert";
 *
 * const platform = explicitPlatform({ homeDir: "/home/me" });
 * const resolve = async () =>
 *   resolveProfileCredentials("admin", await loadSharedConfig(platform), {
 *     platform,
 *     roleAssumer: stsRoleAssumer({ region: "eu-west-1" }),
 *   });
 * assertEquals(typeof resolve, "function");
 * ```
 */
export function stsRoleAssumer(connection: StsConnection = {}): RoleAssumer {
  return async (source, params) => {
    const sts = new StsClient({ ...connection, credentials: source });
    return (await sts.assumeRole(params)).credentials;
  };
}

/**
 * The STS-backed `webIdentityAssumer` for profiles with `web_identity_token_file`, for
 * `resolveProfileCredentials`; `fromIni` uses it by default.
 *
 * @example
 * ```ts
 * import { stsWebIdentityAssumer } from "@iamfetch/iamfetch/sts";
 * import { assertEquals } from "@std/assert";
 *
 * const assumer = stsWebIdentityAssumer({ region: "eu-west-1" });
 * assertEquals(typeof assumer, "function");
 * ```
 */
export function stsWebIdentityAssumer(connection: StsConnection = {}): WebIdentityAssumer {
  const sts = new StsClient(connection);
  return async (params) => (await sts.assumeRoleWithWebIdentity(params)).credentials;
}
