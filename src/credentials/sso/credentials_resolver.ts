import type { Credentials } from "../../sigv4/credentials.ts";
import type { ConfiguredEndpointOptions } from "../endpoints/configured_endpoint.ts";
import { CredentialSettingError, CredentialsProviderError } from "../errors.ts";
import type { Platform } from "../platform/types.ts";
import type { SsoCredentialsResolver, SsoProfile } from "../profile/callbacks.ts";
import { SsoPortalClient } from "./portal_client.ts";
import { readSsoCacheFile } from "./token_cache.ts";

/**
 * Options of {@linkcode ssoCredentialsResolver}.
 *
 * @example
 * ```ts
 * import { explicitPlatform, type SsoCredentialsResolverOptions } from "@iamfetch/iamfetch/credentials";
 *
 * const options: SsoCredentialsResolverOptions = {
 *   platform: explicitPlatform({ homeDir: "/home/me" }),
 *   portalEndpoint: "http://127.0.0.1:9000",
 * };
 * ```
 */
export interface SsoCredentialsResolverOptions extends ConfiguredEndpointOptions {
  /** Where the token cache (`~/.aws/sso/cache`) is read from. */
  platform: Platform;
  /**
   * The portal endpoint; default the configured one of the `SSO` service (see
   * `configuredEndpoint`; `profile` defaults to the SSO profile being resolved), else
   * `https://portal.sso.<sso_region>.amazonaws.com`.
   */
  portalEndpoint?: string;
  /** The fetch to use. */
  fetch?: typeof fetch;
}

/**
 * Resolves IAM Identity Center (SSO) profiles the way the AWS CLI and SDKs do: the access
 * token cached by `aws sso login` in `~/.aws/sso/cache/<sha1 of the sso-session name, or of
 * the legacy sso_start_url>.json`, exchanged at the portal's `GetRoleCredentials` for
 * `sso_account_id` / `sso_role_name` credentials. An expired token asks the user to log in
 * again (this resolver does not refresh tokens).
 *
 * @example
 * ```ts
 * import { explicitPlatform, loadSharedConfig, resolveProfileCredentials, ssoCredentialsResolver } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * // `aws sso login` cached the session's token in ~/.aws/sso/cache/<SHA-1 of "my-sso">.json.
 * const platform = explicitPlatform({
 *   env: {},
 *   homeDir: "/home/me",
 *   files: {
 *     "/home/me/.aws/config": "[profile dev]\nsso_session = my-sso\nsso_account_id = 111122223333\nsso_role_name = Dev\n" +
 *       "[sso-session my-sso]\nsso_region = us-east-1\nsso_start_url = https://example.awsapps.com/start\n",
 *     "/home/me/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json":
 *       JSON.stringify({ accessToken: "sso-token", expiresAt: "2100-01-01T00:00:00Z" }),
 *   },
 * });
 * const seen: string[] = []; // URL and bearer token of each portal call
 * const fetch = (input: RequestInfo | URL) => {
 *   const request = input as Request;
 *   seen.push(`${request.url} ${request.headers.get("x-amz-sso_bearer_token")}`);
 *   return Promise.resolve(Response.json({
 *     roleCredentials: { accessKeyId: "ASIAEXAMPLE", secretAccessKey: "secret", sessionToken: "t", expiration: 4102444800000 },
 *   }));
 * };
 * const credentials = await resolveProfileCredentials("dev", await loadSharedConfig(platform), {
 *   platform,
 *   ssoCredentialsResolver: ssoCredentialsResolver({ platform, fetch }),
 * });
 * assertEquals(credentials.accessKeyId, "ASIAEXAMPLE");
 * assertEquals(seen, [
 *   "https://portal.sso.us-east-1.amazonaws.com/federation/credentials?account_id=111122223333&role_name=Dev sso-token",
 * ]);
 * ```
 */
export function ssoCredentialsResolver(
  options: SsoCredentialsResolverOptions,
): SsoCredentialsResolver {
  return async (profile: SsoProfile): Promise<Credentials> => {
    const source = `profile "${profile.profileName}"`;
    const settings = { ...profile.ssoSession, ...profile.settings };
    const accountId = settings.sso_account_id;
    const roleName = settings.sso_role_name;
    const region = settings.sso_region;
    const cacheKey = settings.sso_session ?? settings.sso_start_url;
    for (
      const [name, value] of Object.entries({
        sso_account_id: accountId,
        sso_role_name: roleName,
        sso_region: region,
      })
    ) {
      if (!value) throw new CredentialSettingError(source, name, "is required for SSO.");
    }
    if (!cacheKey) {
      throw new CredentialSettingError(source, "sso_session", "or sso_start_url is required.");
    }
    const token = await readSsoCacheFile(options.platform, cacheKey) ?? {};
    const expiresAt = typeof token.expiresAt === "string" ? Date.parse(token.expiresAt) : NaN;
    if (typeof token.accessToken !== "string" || !(expiresAt > Date.now())) {
      throw new CredentialsProviderError(
        `${source}: the SSO session has no valid cached token; run "aws sso login" (or iamfetch login --sso).`,
        { tryNextLink: false },
      );
    }
    const { portalEndpoint, ...connection } = options;
    const portal = new SsoPortalClient({
      ...connection,
      profile: options.profile ?? profile.profileName,
      accessToken: token.accessToken,
      region,
      endpoint: portalEndpoint,
    });
    return await portal.getRoleCredentials({ accountId, roleName });
  };
}
