import type { ConfiguredEndpointOptions } from "../endpoints/configured_endpoint.ts";
import type { Platform } from "../platform/types.ts";
import { SsoSessionExpiredError } from "./errors.ts";
import { callSsoOidc, requiredNumber, requiredString, ssoOidcEndpoint } from "./_oidc_client.ts";
import { canWriteFiles, isoSeconds, readSsoCacheFile, writeSsoCacheFile } from "./token_cache.ts";

/**
 * Options of {@linkcode ssoAccessToken}.
 *
 * @example
 * ```ts
 * import { explicitPlatform, type SsoAccessTokenOptions } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const options: SsoAccessTokenOptions = {
 *   sessionName: "my-sso",
 *   region: "eu-west-1",
 *   platform: explicitPlatform({ homeDir: "/home/me" }),
 * };
 * assertEquals(options.startUrl, undefined);
 * ```
 */
export interface SsoAccessTokenOptions extends ConfiguredEndpointOptions {
  /** The `sso-session` name: the cache key. */
  sessionName?: string;
  /** The start URL: the cache key of a legacy profile (used when `sessionName` is not given). */
  startUrl?: string;
  /** The IAM Identity Center region, where the token is refreshed. */
  region: string;
  /** Where the cache is read; a {@linkcode SsoCachePlatform} also gets refreshed tokens written. */
  platform: Platform;
  /**
   * The OIDC endpoint; default the configured one (`AWS_ENDPOINT_URL_SSO_OIDC`, …: see
   * `configuredEndpoint`), else `https://oidc.<region>.amazonaws.com`.
   */
  oidcEndpoint?: string;
  /** The fetch to use. */
  fetch?: typeof fetch;
  /** The clock, in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
}

/**
 * A valid IAM Identity Center access token and its expiry. The token is a secret: never log it.
 */
export interface SsoAccessToken {
  /** The portal's bearer token. */
  accessToken: string;
  /** When it expires. */
  expiresAt: Date;
}

// botocore's and AWS SDK v3's token providers refresh 5 minutes before expiry.
const REFRESH_WINDOW_MS = 5 * 60_000;

/**
 * The cached access token of an IAM Identity Center session, read from the AWS CLI's cache
 * (`~/.aws/sso/cache/<sha1 of the session name or start URL>.json`). Within 5 minutes of its
 * expiry, when the cache holds a refresh token and a client registration that has not
 * expired, it is renewed with `CreateToken` (`grant_type=refresh_token`) and the cache file
 * rewritten (AWS SDK v3's and botocore's rule); if that fails while the old token is still
 * valid, the old one is returned. Otherwise throws {@linkcode SsoSessionExpiredError}.
 *
 * AWS SDK v3 also waits 30 s between failed refresh attempts; wrap callers in `refreshing()`
 * (as `fromSso` does) for the same effect.
 *
 * @example
 * ```ts
 * import { explicitPlatform, ssoAccessToken, SsoSessionExpiredError } from "@iamfetch/iamfetch/credentials";
 * import { assertRejects } from "@std/assert";
 *
 * const platform = explicitPlatform({ homeDir: "/h" }); // no cached token: not logged in
 * await assertRejects(
 *   () => ssoAccessToken({ sessionName: "none", region: "us-east-1", platform }),
 *   SsoSessionExpiredError,
 * );
 * ```
 */
export async function ssoAccessToken(options: SsoAccessTokenOptions): Promise<SsoAccessToken> {
  const key = options.sessionName ?? options.startUrl;
  if (key === undefined) throw new TypeError("ssoAccessToken needs a sessionName or a startUrl.");
  const now = options.now ?? Date.now;
  const cached = await readSsoCacheFile(options.platform, key) ?? {};
  const expiresAt = typeof cached.expiresAt === "string" ? Date.parse(cached.expiresAt) : NaN;
  const current = typeof cached.accessToken === "string" && expiresAt > now()
    ? { accessToken: cached.accessToken, expiresAt: new Date(expiresAt) }
    : undefined;
  if (current !== undefined && expiresAt - now() > REFRESH_WINDOW_MS) return current;

  const { clientId, clientSecret, refreshToken, registrationExpiresAt } = cached;
  const canRefresh = typeof clientId === "string" && typeof clientSecret === "string" &&
    typeof refreshToken === "string" && typeof registrationExpiresAt === "string" &&
    Date.parse(registrationExpiresAt) > now();
  if (!canRefresh) {
    if (current !== undefined) return current;
    throw new SsoSessionExpiredError(key);
  }
  try {
    const answer = await callSsoOidc("/token", {
      clientId,
      clientSecret,
      grantType: "refresh_token",
      refreshToken,
    }, {
      region: options.region,
      endpoint: await ssoOidcEndpoint(options),
      fetch: options.fetch,
    });
    const accessToken = requiredString(answer, "accessToken", "CreateToken");
    const newExpiresAt = now() + requiredNumber(answer, "expiresIn", "CreateToken") * 1000;
    const newRefreshToken = typeof answer.refreshToken === "string"
      ? answer.refreshToken
      : refreshToken;
    if (canWriteFiles(options.platform)) {
      // As AWS SDK v3: a cache that cannot be written does not waste the new token.
      await writeSsoCacheFile(options.platform, key, {
        ...cached,
        accessToken,
        expiresAt: isoSeconds(newExpiresAt),
        refreshToken: newRefreshToken,
      }).catch(() => {});
    }
    return { accessToken, expiresAt: new Date(newExpiresAt) };
  } catch (error) {
    if (current !== undefined && current.expiresAt.getTime() > now()) return current;
    throw new SsoSessionExpiredError(key, { cause: error });
  }
}
