import type { CredentialProvider } from "../sigv4/credentials.ts";
import { chain } from "../credentials/chain.ts";
import { defaultPlatform } from "../credentials/platform/default.ts";
import { fromContainer, type FromContainerOptions } from "../credentials/from_container.ts";
import { fromEnv } from "../credentials/from_env.ts";
import { fromImds, type FromImdsOptions } from "../credentials/from_imds.ts";
import type { Platform } from "../credentials/platform/types.ts";
import { refreshing } from "../credentials/refreshing.ts";
import type { MfaCodeProvider } from "../credentials/profile/callbacks.ts";
import { fromIni } from "./from_ini.ts";
import { fromWebIdentity } from "./from_web_identity.ts";
import type { StsConnection } from "./connection.ts";

/**
 * Options of {@linkcode defaultProvider}.
 */
export interface DefaultProviderOptions extends Omit<StsConnection, "sharedConfig"> {
  /**
   * The profile: its credentials, and its configured endpoints for STS and IAM Identity
   * Center (see `fromIni`). Default `AWS_PROFILE`, else `default`.
   */
  profile?: string;
  /**
   * The region of the STS calls; default as `fromIni` for profiles and, for
   * `AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_REGION` (or `AWS_DEFAULT_REGION`), else `us-east-1`.
   */
  region?: string;
  /** Where environment, files and processes come from; default the runtime's. */
  platform?: Platform;
  /** Asked for MFA codes of profiles with `mfa_serial`. */
  mfaCodeProvider?: MfaCodeProvider;
  /** The IAM Identity Center portal endpoint (tests, private endpoints). */
  ssoPortalEndpoint?: string;
  /** Options of the instance metadata provider. */
  imds?: FromImdsOptions;
  /** Options of the container credentials provider. */
  container?: FromContainerOptions;
}

/**
 * The AWS SDK v3 default credential chain: environment variables, the shared config and
 * credentials files (static keys, SSO, roles with `source_profile` / `credential_source`,
 * web identity, `credential_process`), web identity from `AWS_WEB_IDENTITY_TOKEN_FILE`,
 * then the container endpoint when its variables are set, else EC2 instance metadata.
 * The result is cached and refreshed before expiry.
 *
 * Like AWS SDK v3 (and unlike botocore), an explicit profile (`profile` or `AWS_PROFILE`)
 * skips the environment's keys, so the profile asked for is the one used.
 *
 * @example
 * ```ts
 * import { explicitPlatform } from "@iamfetch/iamfetch/credentials";
 * import { defaultProvider } from "@iamfetch/iamfetch/sts";
 * import { assertEquals } from "@std/assert";
 *
 * // As on EKS with IRSA: no keys, no ~/.aws files, a role and a token file.
 * const platform = explicitPlatform({
 *   env: { AWS_ROLE_ARN: "arn:aws:iam::123456789012:role/pod", AWS_WEB_IDENTITY_TOKEN_FILE: "/var/run/token" },
 *   files: { "/var/run/token": "eyJhbGciOi...\n" },
 * });
 * const sent: Record<string, string>[] = []; // the form body of each STS call
 * const fetch = async (input: RequestInfo | URL) => {
 *   sent.push(Object.fromEntries(new URLSearchParams(await (input as Request).text())));
 *   return new Response(
 *     "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId>" +
 *       "<SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken><Expiration>2100-01-01T00:00:00Z</Expiration>" +
 *       "</Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>",
 *   );
 * };
 * const credentials = defaultProvider({ fetch, platform });
 * assertEquals((await credentials()).accessKeyId, "ASIAEXAMPLE");
 * assertEquals((await credentials()).accessKeyId, "ASIAEXAMPLE"); // cached: no second STS call
 * assertEquals(sent.map(({ Action, RoleArn, WebIdentityToken }) => [Action, RoleArn, WebIdentityToken]), [
 *   ["AssumeRoleWithWebIdentity", "arn:aws:iam::123456789012:role/pod", "eyJhbGciOi..."],
 * ]);
 * ```
 */
export function defaultProvider(options: DefaultProviderOptions = {}): CredentialProvider {
  const platform = options.platform ?? defaultPlatform();
  const { profile, region, endpoint, fetch, maxAttempts, timeoutMs } = options;
  const connection: StsConnection = {
    profile,
    platform,
    endpoint,
    fetch,
    maxAttempts,
    timeoutMs,
    ignoreConfiguredEndpointUrls: options.ignoreConfiguredEndpointUrls,
  };
  const imds = fromImds({ fetch, ...options.imds, platform });
  const container = fromContainer({ fetch, ...options.container, platform });
  const remote: CredentialProvider = () =>
    platform.env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") ||
      platform.env("AWS_CONTAINER_CREDENTIALS_FULL_URI")
      ? container()
      : imds();
  const explicitProfile = profile ?? platform.env("AWS_PROFILE");
  const links: CredentialProvider[] = [
    ...(explicitProfile ? [] : [fromEnv({ platform })]),
    fromIni({
      ...connection,
      region,
      mfaCodeProvider: options.mfaCodeProvider,
      ssoPortalEndpoint: options.ssoPortalEndpoint,
      credentialSources: {
        Environment: fromEnv({ platform }),
        Ec2InstanceMetadata: imds,
        EcsContainer: container,
      },
    }),
    fromWebIdentity({
      ...connection,
      region: region ?? platform.env("AWS_REGION") ?? platform.env("AWS_DEFAULT_REGION") ??
        "us-east-1",
    }),
    remote,
  ];
  return refreshing(chain(...links));
}
