/**
 * AWS STS for every runtime: `StsClient` (AssumeRole, AssumeRoleWithWebIdentity,
 * AssumeRoleWithSAML, GetSessionToken, GetCallerIdentity, GetFederationToken) over the
 * Query protocol, with retries, timeouts and clock-skew correction, and the providers that
 * call it: `defaultProvider` (the AWS SDK's default chain), `fromIni` (profiles, roles,
 * web identity and SSO included), `fromAssumeRole`, `fromSessionToken`, `fromWebIdentity`.
 * Endpoints configured as for the AWS SDKs (`AWS_ENDPOINT_URL_STS`, a profile's
 * `endpoint_url`) are followed.
 *
 * @example
 * ```ts
 * import { explicitPlatform } from "@iamfetch/iamfetch/credentials";
 * import { StsClient } from "@iamfetch/iamfetch/sts";
 * import { assertEquals } from "@std/assert";
 *
 * const sts = new StsClient({ region: "us-east-1", platform: explicitPlatform({ env: {} }) });
 * const { href } = await sts.endpoint();
 * assertEquals(href, "https://sts.us-east-1.amazonaws.com/");
 * ```
 *
 * @module
 */
export { type StsCallOptions, StsClient, type StsClientOptions } from "./client.ts";
export type { StsConnection } from "./connection.ts";
export { fromAssumeRole, type FromAssumeRoleOptions } from "./from_assume_role.ts";
export { fromSessionToken, type FromSessionTokenOptions } from "./from_session_token.ts";
export { fromWebIdentity, type FromWebIdentityOptions } from "./from_web_identity.ts";
export { stsRoleAssumer, stsWebIdentityAssumer } from "./assumers.ts";
export { fromIni, type FromIniOptions } from "./from_ini.ts";
export { defaultProvider, type DefaultProviderOptions } from "./default_provider.ts";
export type {
  AssumeRoleInput,
  AssumeRoleWithSamlInput,
  AssumeRoleWithWebIdentityInput,
  CallerIdentity,
  GetFederationTokenInput,
  GetSessionTokenInput,
  PolicyDescriptor,
  SessionTag,
  StsCredentialsResult,
} from "./types.ts";
