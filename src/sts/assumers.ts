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
 * import { assertEquals, assertMatch } from "@std/assert";
 *
 * const platform = explicitPlatform({
 *   homeDir: "/home/me",
 *   files: {
 *     "/home/me/.aws/credentials": "[base]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n",
 *     "/home/me/.aws/config": "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = base\n",
 *   },
 * });
 * const sent: Request[] = [];
 * const fetch = (input: RequestInfo | URL) => {
 *   sent.push(input as Request);
 *   return Promise.resolve(new Response(
 *     "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>secret</SecretAccessKey>" +
 *       "<SessionToken>token</SessionToken><Expiration>2100-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>",
 *   ));
 * };
 * const credentials = await resolveProfileCredentials("admin", await loadSharedConfig(platform), {
 *   platform,
 *   roleAssumer: stsRoleAssumer({ region: "eu-west-1", fetch, platform }),
 * });
 * assertEquals(credentials.accessKeyId, "ASIAEXAMPLE");
 * // AssumeRole went to STS in eu-west-1, signed with the source profile's keys:
 * assertEquals(new URLSearchParams(await sent[0].text()).get("RoleArn"), "arn:aws:iam::123456789012:role/admin");
 * assertMatch(sent[0].headers.get("authorization")!, /Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/sts\//);
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
 * import { explicitPlatform } from "@iamfetch/iamfetch/credentials";
 * import { stsWebIdentityAssumer } from "@iamfetch/iamfetch/sts";
 * import { assertEquals } from "@std/assert";
 *
 * const sent: Request[] = [];
 * const fetch = (input: RequestInfo | URL) => {
 *   sent.push(input as Request);
 *   return Promise.resolve(new Response(
 *     "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId>" +
 *       "<SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken><Expiration>2100-01-01T00:00:00Z</Expiration>" +
 *       "</Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>",
 *   ));
 * };
 * const assumer = stsWebIdentityAssumer({ region: "eu-west-1", fetch, platform: explicitPlatform({ env: {} }) });
 * const credentials = await assumer({
 *   RoleArn: "arn:aws:iam::123456789012:role/ci",
 *   RoleSessionName: "build",
 *   WebIdentityToken: "eyJhbGciOi...",
 * });
 * assertEquals(credentials.accessKeyId, "ASIAEXAMPLE");
 * assertEquals(sent[0].url, "https://sts.eu-west-1.amazonaws.com/");
 * assertEquals(sent[0].headers.get("authorization"), null); // unsigned: no AWS credentials needed
 * ```
 */
export function stsWebIdentityAssumer(connection: StsConnection = {}): WebIdentityAssumer {
  const sts = new StsClient(connection);
  return async (params) => (await sts.assumeRoleWithWebIdentity(params)).credentials;
}
