import type { CredentialProvider, Credentials } from "../../sigv4/credentials.ts";
import type { ConfiguredEndpointOptions } from "../endpoints/configured_endpoint.ts";
import { defaultPlatform } from "../platform/default.ts";
import { CredentialSettingError } from "../errors.ts";
import type { Platform } from "../platform/types.ts";
import { refreshing, type RefreshingOptions } from "../refreshing.ts";
import { selectedProfileName } from "../profile/selected_name.ts";
import { loadSharedConfig, type SharedConfig } from "../profile/shared_config.ts";
import { ssoAccessToken } from "./access_token.ts";
import { SsoPortalClient } from "./portal_client.ts";

/**
 * Options of {@linkcode fromSso}: a profile of the shared config, or the settings given
 * directly (which override the profile's). Endpoints not given are looked up for the
 * `SSO` and `SSO OIDC` services as `configuredEndpoint` does, for the same profile.
 */
export interface FromSsoOptions extends ConfiguredEndpointOptions {
  /**
   * The profile whose `sso_session` (and its `[sso-session]` section) or legacy
   * `sso_start_url`, `sso_region`, `sso_account_id` and `sso_role_name` are used. Default:
   * `AWS_PROFILE`, else `default` — unless `sessionName` or `startUrl` is given.
   */
  profile?: string;
  /** The `sso-session` name (the token cache key). */
  sessionName?: string;
  /** The start URL (the token cache key of a legacy profile). */
  startUrl?: string;
  /** The IAM Identity Center region (`sso_region`). */
  region?: string;
  /** The account (`sso_account_id`). */
  accountId?: string;
  /** The role (`sso_role_name`). */
  roleName?: string;
  /** Where the config and token cache are read (and refreshed tokens written, if it can). */
  platform?: Platform;
  /** The portal endpoint; default the configured one, else `https://portal.sso.<region>.amazonaws.com`. */
  portalEndpoint?: string;
  /** The OIDC endpoint; default the configured one, else `https://oidc.<region>.amazonaws.com`. */
  oidcEndpoint?: string;
  /** The fetch to use. */
  fetch?: typeof fetch;
  /** How the credentials are cached and refreshed. */
  refresh?: RefreshingOptions;
}

interface SsoSettings {
  sessionName?: string;
  startUrl?: string;
  region: string;
  accountId: string;
  roleName: string;
  /** The shared config, when it was read for the profile. */
  config?: SharedConfig;
}

async function ssoSettings(options: FromSsoOptions, platform: Platform): Promise<SsoSettings> {
  const direct = options.sessionName !== undefined || options.startUrl !== undefined;
  let fromFile: Record<string, string | undefined> = {};
  let source = "fromSso options";
  let config: SharedConfig | undefined;
  if (options.profile !== undefined || !direct) {
    const name = selectedProfileName(platform, options.profile);
    config = options.sharedConfig ?? await loadSharedConfig(platform);
    const profile = config.profiles.get(name) ?? {};
    const session = profile.sso_session === undefined
      ? {}
      : config.ssoSessions.get(profile.sso_session) ?? {};
    fromFile = { ...session, ...profile };
    source = `profile ${name}`;
  }
  const sessionName = options.sessionName ?? fromFile.sso_session;
  const startUrl = options.startUrl ?? fromFile.sso_start_url;
  const settings = {
    region: options.region ?? fromFile.sso_region,
    accountId: options.accountId ?? fromFile.sso_account_id,
    roleName: options.roleName ?? fromFile.sso_role_name,
  };
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined) {
      throw new CredentialSettingError(source, name, "is required for IAM Identity Center.");
    }
  }
  if (sessionName === undefined && startUrl === undefined) {
    throw new CredentialSettingError(source, "sso_session", "or sso_start_url is required.");
  }
  return { sessionName, startUrl, ...settings, config } as SsoSettings;
}

/**
 * Credentials of an IAM Identity Center (SSO) role: the session's access token from the AWS
 * CLI's token cache (written by `aws sso login`, `ssoLogin` or an SDK), renewed with its
 * refresh token when it comes within 5 minutes of expiry (see `ssoAccessToken`), exchanged
 * at the portal's `GetRoleCredentials`; the credentials are cached and refreshed before
 * they expire (`refreshing`). A session without a valid token throws
 * {@linkcode SsoSessionExpiredError}: the user has to log in again.
 *
 * Unlike `ssoCredentialsResolver` (the `fromIni` resolver, which never refreshes tokens), this
 * provider renews tokens as AWS SDK v3's `fromSSO` does.
 *
 * @example
 * ```ts
 * import { explicitPlatform, fromSso, SsoSessionExpiredError } from "@iamfetch/iamfetch/credentials";
 * import { assertRejects } from "@std/assert";
 *
 * const platform = explicitPlatform({
 *   homeDir: "/home/me",
 *   files: {
 *     "/home/me/.aws/config": "[profile dev]\nsso_session = my-sso\nsso_account_id = 111122223333\n" +
 *       "sso_role_name = ReadOnly\n[sso-session my-sso]\nsso_start_url = https://my-org.awsapps.com/start\n" +
 *       "sso_region = eu-west-1\n",
 *   },
 * });
 * // Not logged in: no cached token.
 * await assertRejects(() => fromSso({ profile: "dev", platform })(), SsoSessionExpiredError);
 * ```
 */
export function fromSso(options: FromSsoOptions = {}): CredentialProvider {
  const platform = options.platform ?? defaultPlatform();
  return refreshing(async (): Promise<Credentials> => {
    const settings = await ssoSettings(options, platform);
    // Configured endpoints from the same profile, without reading the files again.
    const endpoints: ConfiguredEndpointOptions = {
      platform,
      profile: options.profile,
      ignoreConfiguredEndpointUrls: options.ignoreConfiguredEndpointUrls,
      sharedConfig: settings.config,
    };
    const { accessToken } = await ssoAccessToken({
      ...endpoints,
      sessionName: settings.sessionName,
      startUrl: settings.startUrl,
      region: settings.region,
      platform,
      oidcEndpoint: options.oidcEndpoint,
      fetch: options.fetch,
    });
    const portal = new SsoPortalClient({
      ...endpoints,
      accessToken,
      region: settings.region,
      endpoint: options.portalEndpoint,
      fetch: options.fetch,
    });
    return await portal.getRoleCredentials({
      accountId: settings.accountId,
      roleName: settings.roleName,
    });
  }, options.refresh);
}
