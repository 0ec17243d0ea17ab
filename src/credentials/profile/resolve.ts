import type { Credentials } from "../../sigv4/credentials.ts";
import { defaultPlatform } from "../platform/default.ts";
import { fromProcess } from "../from_process.ts";
import { profileNotFoundError } from "./not_found.ts";
import type { ResolveProfileOptions } from "./resolve_options.ts";
import type { SharedConfig } from "./shared_config.ts";
import type { ResolveContext } from "./_resolve_context.ts";
import { roleProfileCredentials } from "./_role_profile.ts";
import { ssoProfileCredentials, webIdentityProfileCredentials } from "./_federated_profiles.ts";
import {
  hasStaticKeys,
  isAssumeRole,
  isSso,
  isWebIdentity,
  staticCredentials,
} from "./_profile_kinds.ts";

export type { ResolveProfileOptions } from "./resolve_options.ts";

/**
 * Resolves the credentials of profile `profileName` in `config` with the rules of AWS SDK
 * v3's `fromIni` (`@aws-sdk/credential-provider-ini`), calling STS and IAM Identity Center
 * through the callbacks of `options` — the pluggable core of `fromIni` (in
 * `@iamfetch/iamfetch/sts`, which passes STS-backed callbacks). The rules, in order:
 *
 * 1. A profile reached through `source_profile` that has static keys: those keys (so a
 *    profile may name itself as `source_profile` to assume a role with its own keys).
 * 2. `role_arn` with exactly one of `source_profile` (a chain, with cycle detection:
 *    {@linkcode SourceProfileCycleError}) or `credential_source` (`Environment`,
 *    `Ec2InstanceMetadata`, `EcsContainer`): the source's credentials, then `roleAssumer`
 *    with `role_session_name`, `external_id`, `duration_seconds` and `mfa_serial` (code from
 *    `mfaCodeProvider`). A source profile with `credential_source` and no `role_arn` gives
 *    the source's credentials.
 * 3. Static keys: `aws_access_key_id`, `aws_secret_access_key`, `aws_session_token`.
 * 4. `web_identity_token_file` with `role_arn`: `webIdentityAssumer` with the file's token.
 * 5. `credential_process`: see `fromProcess`.
 * 6. `sso_session` or legacy `sso_*` settings: `ssoCredentialsResolver`.
 *
 * Deliberate differences from AWS SDK v3: the default session name is
 * `iamfetch-<milliseconds>`; `DurationSeconds` is only sent when `duration_seconds` is set
 * (STS's default is the SDK's 3600 s) and must be a number; the source's credentials are
 * obtained before the MFA code is asked for (as botocore does), so no code is wasted on a
 * broken source; a missing or credential-less *source* profile stops a chain (the SDK's
 * error would let it go on to other providers); `login_session` profiles are not supported.
 *
 * @param profileName The profile to resolve.
 * @param config From `loadSharedConfig`.
 * @param options The STS callbacks, MFA callback, credential sources and platform.
 *
 * @example
 * ```ts
 * import { explicitPlatform, loadSharedConfig, resolveProfileCredentials } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const platform = explicitPlatform({
 *   homeDir: "/home/me",
 *   files: {
 *     "/home/me/.aws/credentials": "[base]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n",
 *     "/home/me/.aws/config": "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = base\n",
 *   },
 * });
 * const credentials = await resolveProfileCredentials("admin", await loadSharedConfig(platform), {
 *   roleAssumer: (source, params) =>
 *     Promise.resolve({ accessKeyId: "ASIAEXAMPLE", secretAccessKey: "s", sessionToken: `${source.accessKeyId} as ${params.RoleArn}` }),
 * });
 * assertEquals(credentials.sessionToken, "AKIDEXAMPLE as arn:aws:iam::123456789012:role/admin");
 * ```
 */
export function resolveProfileCredentials(
  profileName: string,
  config: SharedConfig,
  options: ResolveProfileOptions = {},
): Promise<Credentials> {
  const ctx: ResolveContext = {
    profileName,
    config,
    options,
    platform: options.platform ?? defaultPlatform(),
    resolve: (name, visited, viaCredentialSource) =>
      resolveProfile(ctx, name, visited, viaCredentialSource),
  };
  return resolveProfile(ctx, profileName, [], false);
}

/** The rules above, in their order, for profile `name` reached through `visited`. */
async function resolveProfile(
  ctx: ResolveContext,
  name: string,
  visited: readonly string[],
  viaCredentialSource: boolean,
): Promise<Credentials> {
  const profile = ctx.config.profiles.get(name);
  // `visited`: the source profiles followed so far, the one at fault last.
  const notFound = (problem?: string) =>
    profileNotFoundError(ctx.config, [ctx.profileName, ...visited], problem);
  if (profile === undefined) throw notFound();
  if (visited.length > 0 && hasStaticKeys(profile)) return staticCredentials(name, profile);
  if (viaCredentialSource || isAssumeRole(profile)) {
    return await roleProfileCredentials(ctx, name, profile, visited);
  }
  if (hasStaticKeys(profile)) return staticCredentials(name, profile);
  if (isWebIdentity(profile)) return await webIdentityProfileCredentials(ctx, name, profile);
  if (profile.credential_process !== undefined) {
    return await fromProcess({
      command: profile.credential_process,
      platform: ctx.platform,
      timeoutMs: ctx.options.processTimeoutMs,
      profile: name,
    })();
  }
  if (isSso(profile)) return await ssoProfileCredentials(ctx, name, profile);
  throw notFound(
    "has no credential settings: static keys (aws_access_key_id, aws_secret_access_key), " +
      "role_arn with source_profile or credential_source, web_identity_token_file, " +
      "credential_process or sso_*.",
  );
}
