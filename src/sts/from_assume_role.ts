import type { CredentialProvider, CredentialsInput } from "../sigv4/credentials.ts";
import { refreshing } from "../credentials/refreshing.ts";
import { StsClient } from "./client.ts";
import type { StsConnection } from "./connection.ts";
import type { MfaCodeProvider } from "../credentials/profile/callbacks.ts";
import { mfaParameters } from "./mfa_parameters.ts";
import type { PolicyDescriptor, SessionTag } from "./types.ts";
import { roleSessionName } from "../credentials/profile/session_name.ts";

/**
 * Options of {@linkcode fromAssumeRole}.
 */
export interface FromAssumeRoleOptions extends StsConnection {
  /** The credentials that call AssumeRole. */
  source: CredentialsInput;
  /** The role to assume. */
  roleArn: string;
  /** The session name; default `iamfetch-<milliseconds since the epoch>`. */
  roleSessionName?: string;
  /** The external id the role's trust policy requires. */
  externalId?: string;
  /** Session length in seconds. */
  durationSeconds?: number;
  /** An inline session policy (JSON). */
  policy?: string;
  /** Managed session policies. */
  policyArns?: readonly PolicyDescriptor[];
  /** Session tags. */
  tags?: readonly SessionTag[];
  /** Tag keys that persist through role chaining. */
  transitiveTagKeys?: readonly string[];
  /** The source identity. */
  sourceIdentity?: string;
  /** The MFA device's serial number or ARN; needs `mfaCodeProvider`. */
  mfaSerial?: string;
  /** Asked for the current MFA code at each (re-)assumption. */
  mfaCodeProvider?: MfaCodeProvider;
}

/**
 * Credentials of an assumed role, refreshed 5 minutes before they expire (one STS call
 * however many callers wait, the old credentials served while still valid).
 *
 * @example
 * ```ts
 * import { explicitPlatform } from "@iamfetch/iamfetch/credentials";
 * import { fromAssumeRole } from "@iamfetch/iamfetch/sts";
 * import { assertEquals, assertMatch } from "@std/assert";
 *
 * const sent: Request[] = [];
 * const fetch = (input: RequestInfo | URL) => {
 *   sent.push(input as Request);
 *   return Promise.resolve(new Response(
 *     "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>secret</SecretAccessKey>" +
 *       "<SessionToken>token</SessionToken><Expiration>2100-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>",
 *   ));
 * };
 * const credentials = fromAssumeRole({
 *   source: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   roleArn: "arn:aws:iam::123456789012:role/reader",
 *   roleSessionName: "report",
 *   region: "eu-west-1",
 *   fetch,
 *   platform: explicitPlatform({ env: {} }), // no AWS_ENDPOINT_URL* variables
 * });
 * // Two callers at once share one AssumeRole call, signed with the source keys.
 * const [first, second] = await Promise.all([credentials(), credentials()]);
 * assertEquals([first.accessKeyId, second.sessionToken], ["ASIAEXAMPLE", "token"]);
 * assertEquals(sent.length, 1);
 * assertMatch(sent[0].headers.get("authorization")!, /Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/sts\//);
 * const { RoleArn, RoleSessionName } = Object.fromEntries(new URLSearchParams(await sent[0].text()));
 * assertEquals([RoleArn, RoleSessionName], ["arn:aws:iam::123456789012:role/reader", "report"]);
 * ```
 */
export function fromAssumeRole(options: FromAssumeRoleOptions): CredentialProvider {
  const { source, roleArn, mfaSerial, mfaCodeProvider, ...connection } = options;
  const sts = new StsClient({ ...stsConnection(connection), credentials: source });
  const mfa = mfaParameters("fromAssumeRole", mfaSerial, mfaCodeProvider);
  return refreshing(async () => {
    const { credentials } = await sts.assumeRole({
      RoleArn: roleArn,
      RoleSessionName: roleSessionName(options.roleSessionName),
      ExternalId: options.externalId,
      DurationSeconds: options.durationSeconds,
      Policy: options.policy,
      PolicyArns: options.policyArns,
      Tags: options.tags,
      TransitiveTagKeys: options.transitiveTagKeys,
      SourceIdentity: options.sourceIdentity,
      ...await mfa(),
    });
    return credentials;
  });
}

/** Picks the connection settings out of a provider's options. */
export function stsConnection(options: StsConnection): StsConnection {
  const {
    region,
    endpoint,
    fetch,
    maxAttempts,
    timeoutMs,
    platform,
    profile,
    ignoreConfiguredEndpointUrls,
    sharedConfig,
  } = options;
  return {
    region,
    endpoint,
    fetch,
    maxAttempts,
    timeoutMs,
    platform,
    profile,
    ignoreConfiguredEndpointUrls,
    sharedConfig,
  };
}
