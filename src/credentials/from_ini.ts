import type { CredentialProvider } from "../sigv4/credentials.ts";
import { defaultPlatform } from "./default_platform.ts";
import type { Platform } from "./platform.ts";
import { resolveProfileCredentials, type ResolveProfileOptions } from "./resolve_profile.ts";
import { loadSharedConfig, type LoadSharedConfigOptions } from "./shared_config.ts";

/**
 * Options of {@linkcode fromIni}: the profile, the files, and what some profiles need
 * (see {@linkcode ResolveProfileOptions}).
 */
export interface FromIniOptions extends ResolveProfileOptions, LoadSharedConfigOptions {
  /** The profile. Default: `AWS_PROFILE`, else `default`. */
  profile?: string;
}

/**
 * The profile name {@linkcode fromIni} uses: `profile` when given (and not empty), else
 * `AWS_PROFILE`, else `default`, as AWS SDK v3's `getProfileName`.
 *
 * @example
 * ```ts
 * import { explicitPlatform, selectedProfileName } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const platform = explicitPlatform({ env: { AWS_PROFILE: "dev" } });
 * assertEquals(selectedProfileName(platform), "dev");
 * assertEquals(selectedProfileName(platform, "prod"), "prod");
 * ```
 */
export function selectedProfileName(platform: Platform, profile?: string): string {
  return profile || platform.env("AWS_PROFILE") || "default";
}

/**
 * A provider of the credentials of a profile of `~/.aws/config` and `~/.aws/credentials`
 * (or `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`, or the given paths), resolved as
 * AWS SDK v3's `fromIni` does: static keys, `role_arn` with `source_profile` chains or
 * `credential_source`, `web_identity_token_file`, `credential_process`, SSO — see
 * {@linkcode resolveProfileCredentials} for the order and the options each needs.
 *
 * The files are read on every call (AWS SDK v3 caches them per path for the life of the
 * process, so edits go unseen); wrap the provider in `refreshing()` to cache credentials.
 * A missing profile throws `ProfileNotFoundError` (a chain goes on); a broken one a typed
 * error naming the profile and setting at fault.
 *
 * @example
 * ```ts
 * import { explicitPlatform, fromIni } from "@iamfetch/iamfetch/credentials";
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
  return async () => {
    const platform = options.platform ?? defaultPlatform();
    const config = await loadSharedConfig(platform, options);
    return await resolveProfileCredentials(
      selectedProfileName(platform, options.profile),
      config,
      { ...options, platform },
    );
  };
}
