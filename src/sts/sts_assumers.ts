import type { RoleAssumer, WebIdentityAssumer } from "../credentials/role_assumer.ts";
import { StsClient } from "./sts_client.ts";
import type { StsConnection } from "./sts_connection.ts";

/**
 * The STS-backed `roleAssumer` for profiles with `role_arn` (same signature as AWS SDK v3's).
 *
 * @example
 * ```ts
 * import { fromIni } from "@iamfetch/iamfetch/credentials";
 * import { stsRoleAssumer } from "@iamfetch/iamfetch/sts";
 * import { assertEquals } from "@std/assert";
 *
 * const provider = fromIni({ profile: "admin", roleAssumer: stsRoleAssumer({ region: "eu-west-1" }) });
 * assertEquals(typeof provider, "function");
 * ```
 */
export function stsRoleAssumer(connection: StsConnection = {}): RoleAssumer {
  return async (source, params) => {
    const sts = new StsClient({ ...connection, credentials: source });
    return (await sts.assumeRole(params)).credentials;
  };
}

/**
 * The STS-backed `webIdentityAssumer` for profiles with `web_identity_token_file`.
 *
 * @example
 * ```ts
 * import { fromIni } from "@iamfetch/iamfetch/credentials";
 * import { stsWebIdentityAssumer } from "@iamfetch/iamfetch/sts";
 * import { assertEquals } from "@std/assert";
 *
 * const provider = fromIni({ profile: "ci", webIdentityAssumer: stsWebIdentityAssumer() });
 * assertEquals(typeof provider, "function");
 * ```
 */
export function stsWebIdentityAssumer(connection: StsConnection = {}): WebIdentityAssumer {
  const sts = new StsClient(connection);
  return async (params) => (await sts.assumeRoleWithWebIdentity(params)).credentials;
}
