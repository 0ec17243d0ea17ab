import type { CredentialProvider } from "../sigv4/credentials.ts";
import { defaultPlatform } from "../credentials/platform/default.ts";
import { fromContainer } from "../credentials/from_container.ts";
import { fromEnv } from "../credentials/from_env.ts";
import { fromImds } from "../credentials/from_imds.ts";
import {
  resolveProfileCredentials,
  type ResolveProfileOptions,
} from "../credentials/profile/resolve.ts";
import { selectedProfileName } from "../credentials/profile/selected_name.ts";
import {
  loadSharedConfig,
  type LoadSharedConfigOptions,
} from "../credentials/profile/shared_config.ts";
import { ssoCredentialsResolver } from "../credentials/sso/credentials_resolver.ts";
import { stsConnection } from "./from_assume_role.ts";
import { stsRoleAssumer, stsWebIdentityAssumer } from "./assumers.ts";
import type { StsConnection } from "./connection.ts";

/**
 * Options of {@linkcode fromIni}: the profile and files, how STS and IAM Identity Center
 * are reached, and what some profiles need (an MFA code callback). The callbacks of
 * `resolveProfileCredentials` (`roleAssumer`, `webIdentityAssumer`, `ssoCredentialsResolver`,
 * `credentialSources`) replace the built-in ones when given — AWS SDK v3's `roleAssumer`
 * plugs in as is.
 */
export interface FromIniOptions
  extends ResolveProfileOptions, LoadSharedConfigOptions, Omit<StsConnection, "sharedConfig"> {
  /** The profile. Default: `AWS_PROFILE`, else `default`. */
  profile?: string;
  /**
   * The region of the STS calls. Default, as AWS SDK v3: for `role_arn` profiles the
   * profile's `region`, else `AWS_REGION` (or `AWS_DEFAULT_REGION`), else `us-east-1`; for
   * `web_identity_token_file` profiles the variables first, then the profile's `region`.
   */
  region?: string;
  /**
   * The STS endpoint. Default: the configured one of the profile (`AWS_ENDPOINT_URL_STS`,
   * `AWS_ENDPOINT_URL`, its `services` section or `endpoint_url`: see `configuredEndpoint`),
   * else the regional one.
   */
  endpoint?: string | URL;
  /** The IAM Identity Center portal endpoint. Default: the configured one, else the regional one. */
  ssoPortalEndpoint?: string;
}

/**
 * A provider of the credentials of a profile of `~/.aws/config` and `~/.aws/credentials`
 * (or `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`, or the given paths), resolved as
 * AWS SDK v3's `fromIni` does, with nothing else to pass: static keys; `role_arn` with
 * `source_profile` chains or `credential_source` (`Environment`, `Ec2InstanceMetadata`,
 * `EcsContainer`) through STS `AssumeRole` (MFA codes from `mfaCodeProvider`);
 * `web_identity_token_file` through `AssumeRoleWithWebIdentity`; `credential_process`; SSO
 * profiles through the AWS CLI's token cache and the portal's `GetRoleCredentials`. See
 * `resolveProfileCredentials` for the order of the rules.
 *
 * STS and the portal are reached at the endpoints the requested profile configures (the
 * whole `source_profile` chain uses the requested profile's `region` and endpoints, never
 * a source profile's: AWS SDK v3 keeps the first role profile's region for every role of
 * the chain, and botocore's clients all use the session's profile — which is the requested
 * one, where AWS SDK v3's nested STS client would read `AWS_PROFILE`'s endpoints).
 *
 * The files are read once per call (AWS SDK v3 caches them per path for the life of the
 * process, so edits go unseen), and not again for the endpoints; wrap the provider in
 * `refreshing()` to cache credentials. A missing profile throws `ProfileNotFoundError` (a
 * chain goes on); a broken one a typed error naming the profile and setting at fault.
 *
 * @example
 * ```ts
 * import { explicitPlatform } from "@iamfetch/iamfetch/credentials";
 * import { fromIni } from "@iamfetch/iamfetch/sts";
 * import { assertEquals } from "@std/assert";
 *
 * const platform = explicitPlatform({
 *   homeDir: "/home/me",
 *   env: { AWS_PROFILE: "dev" },
 *   files: {
 *     "/home/me/.aws/credentials": "[dev]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n",
 *   },
 * });
 * const credentials = await fromIni({ platform })();
 * assertEquals(credentials.accessKeyId, "AKIDEXAMPLE");
 * ```
 */
export function fromIni(options: FromIniOptions = {}): CredentialProvider {
  const platform = options.platform ?? defaultPlatform();
  const { fetch } = options;
  const credentialSources = {
    Environment: fromEnv({ platform }),
    Ec2InstanceMetadata: fromImds({ fetch, platform }),
    EcsContainer: fromContainer({ fetch, platform }),
    ...options.credentialSources,
  };
  return async () => {
    const config = await loadSharedConfig(platform, options);
    const profileName = selectedProfileName(platform, options.profile);
    const profileRegion = config.profiles.get(profileName)?.region;
    const envRegion = platform.env("AWS_REGION") || platform.env("AWS_DEFAULT_REGION");
    // The endpoints of the requested profile, from the files just read.
    const sts: StsConnection = {
      ...stsConnection(options),
      platform,
      profile: profileName,
      sharedConfig: config,
    };
    return await resolveProfileCredentials(profileName, config, {
      ...options,
      platform,
      roleAssumer: options.roleAssumer ?? stsRoleAssumer({
        ...sts,
        region: options.region ?? profileRegion ?? envRegion ?? "us-east-1",
      }),
      webIdentityAssumer: options.webIdentityAssumer ?? stsWebIdentityAssumer({
        ...sts,
        region: options.region ?? envRegion ?? profileRegion ?? "us-east-1",
      }),
      ssoCredentialsResolver: options.ssoCredentialsResolver ?? ssoCredentialsResolver({
        platform,
        fetch,
        portalEndpoint: options.ssoPortalEndpoint,
        profile: profileName,
        ignoreConfiguredEndpointUrls: options.ignoreConfiguredEndpointUrls,
        sharedConfig: config,
      }),
      credentialSources,
    });
  };
}
