/**
 * AWS STS for every runtime: `StsClient` (AssumeRole, AssumeRoleWithWebIdentity,
 * AssumeRoleWithSAML, GetSessionToken, GetCallerIdentity, GetFederationToken) over the
 * Query protocol, with retries, timeouts and clock-skew correction.
 *
 * @example
 * ```ts
 * import { StsClient } from "@iamfetch/iamfetch/sts";
 *
 * const sts = new StsClient({ region: "us-east-1" });
 * console.assert(sts.endpoint.href === "https://sts.us-east-1.amazonaws.com/");
 * ```
 *
 * @module
 */
export { StsClient, type StsClientOptions } from "./sts_client.ts";
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
} from "./sts_types.ts";
