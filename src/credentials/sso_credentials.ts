import type { Credentials } from "../sigv4/credentials.ts";
import { checkCredentials } from "../sigv4/credentials.ts";
import { toHex } from "../sigv4/hex.ts";
import { readBoundedText } from "../http/bounded_text.ts";
import { sendAwsRequest } from "../http/send_aws_request.ts";
import { CredentialSettingError, CredentialsProviderError } from "./errors.ts";
import type { Platform } from "./platform.ts";
import { toSafeCredentials } from "./redacted_credentials.ts";
import type { SsoCredentialsResolver, SsoProfile } from "./role_assumer.ts";

/**
 * Options of {@linkcode ssoCredentials}.
 *
 * @example
 * ```ts
 * import { explicitPlatform, type SsoCredentialsOptions } from "@iamfetch/iamfetch/credentials";
 *
 * const options: SsoCredentialsOptions = {
 *   platform: explicitPlatform({ homeDir: "/home/me" }),
 *   portalEndpoint: "http://127.0.0.1:9000",
 * };
 * ```
 */
export interface SsoCredentialsOptions {
  /** Where the token cache (`~/.aws/sso/cache`) is read from. */
  platform: Platform;
  /** The portal endpoint; default `https://portal.sso.<sso_region>.amazonaws.com`. */
  portalEndpoint?: string;
  /** The fetch to use. */
  fetch?: typeof fetch;
}

/** The parts of the AWS CLI's SSO token cache file this resolver reads. */
interface CachedToken {
  accessToken?: unknown;
  expiresAt?: unknown;
}

async function sha1Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text))));
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
 * import { explicitPlatform, fromIni, ssoCredentials } from "@iamfetch/iamfetch/credentials";
 *
 * const platform = explicitPlatform({ env: {}, homeDir: "/home/me" });
 * const provider = fromIni({ profile: "dev", platform, ssoCredentials: ssoCredentials({ platform }) });
 * console.assert(typeof provider === "function");
 * ```
 */
export function ssoCredentials(options: SsoCredentialsOptions): SsoCredentialsResolver {
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
    const home = options.platform.homeDir();
    const path = `${home}/.aws/sso/cache/${await sha1Hex(cacheKey)}.json`;
    const text = home === undefined ? undefined : await options.platform.readTextFile(path);
    let token: CachedToken;
    try {
      token = JSON.parse(text ?? "null") ?? {};
    } catch {
      token = {};
    }
    const expiresAt = typeof token.expiresAt === "string" ? Date.parse(token.expiresAt) : NaN;
    if (typeof token.accessToken !== "string" || !(expiresAt > Date.now())) {
      throw new CredentialsProviderError(
        `${source}: the SSO session has no valid cached token; run "aws sso login" (or iamfetch login --sso).`,
        { tryNextLink: false },
      );
    }
    const url = new URL(
      "/federation/credentials",
      options.portalEndpoint ?? `https://portal.sso.${region}.amazonaws.com`,
    );
    url.searchParams.set("account_id", accountId);
    url.searchParams.set("role_name", roleName);
    const response = await sendAwsRequest(
      new Request(url, { headers: { "x-amz-sso_bearer_token": token.accessToken } }),
      { fetch: options.fetch },
    );
    const body = JSON.parse((await readBoundedText(response.body, 64 * 1024)).text) as {
      roleCredentials?: Record<string, unknown>;
    };
    const role = body.roleCredentials ?? {};
    return toSafeCredentials(checkCredentials({
      accessKeyId: role.accessKeyId,
      secretAccessKey: role.secretAccessKey,
      sessionToken: role.sessionToken,
      expiration: typeof role.expiration === "number" ? new Date(role.expiration) : undefined,
    }));
  };
}
