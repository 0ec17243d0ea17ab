import type { Credentials } from "../../sigv4/credentials.ts";
import { credentialSourceProvider, type CredentialSources } from "./credential_source.ts";
import { defaultPlatform } from "../platform/default.ts";
import {
  CredentialSettingError,
  ProviderOptionMissingError,
  SourceProfileCycleError,
} from "../errors.ts";
import { fromProcess } from "../from_process.ts";
import type { Platform } from "../platform/types.ts";
import { profileNotFoundError } from "./not_found.ts";
import { toSafeCredentials } from "../redacted_credentials.ts";
import { profileExpiration } from "./expiration.ts";
import type {
  AssumeRoleParams,
  MfaCodeProvider,
  RoleAssumer,
  SsoCredentialsResolver,
  WebIdentityAssumer,
} from "./callbacks.ts";
import type { SectionSettings, SharedConfig } from "./shared_config.ts";

/**
 * What {@linkcode resolveProfileCredentials} may need besides the files: the STS and IAM
 * Identity Center calls as callbacks, so that this layer does not depend on the STS client
 * (`fromIni` of `@iamfetch/iamfetch/sts` passes STS-backed ones; its options accept these
 * to replace them).
 */
export interface ResolveProfileOptions {
  /** Where the environment, token files and programs are. Default: `defaultPlatform()`. */
  platform?: Platform;
  /** Calls STS AssumeRole for `role_arn` profiles. Without it they throw `ProviderOptionMissingError`. */
  roleAssumer?: RoleAssumer;
  /** Calls STS AssumeRoleWithWebIdentity for `web_identity_token_file` profiles. */
  webIdentityAssumer?: WebIdentityAssumer;
  /** Returns the MFA code for a profile's `mfa_serial`. */
  mfaCodeProvider?: MfaCodeProvider;
  /** Providers for `credential_source` values. */
  credentialSources?: CredentialSources;
  /** Resolves `sso_session` / legacy `sso_*` profiles. */
  ssoCredentials?: SsoCredentialsResolver;
  /** Timeout of `credential_process` programs. Default: 60,000 ms. */
  processTimeoutMs?: number;
}

type Profile = SectionSettings;

// The predicates of AWS SDK v3's credential-provider-ini, over settings whose values are
// never empty (an empty setting is not stored: see parseIni).
const hasStaticKeys = (p: Profile) =>
  p.aws_access_key_id !== undefined && p.aws_secret_access_key !== undefined;
const isAssumeRole = (p: Profile) =>
  p.role_arn !== undefined &&
  ((p.source_profile !== undefined && p.credential_source === undefined) ||
    (p.credential_source !== undefined && p.source_profile === undefined));
const isCredentialSourceWithoutRoleArn = (p: Profile | undefined) =>
  p !== undefined && p.role_arn === undefined && p.credential_source !== undefined;
const isWebIdentity = (p: Profile) =>
  p.web_identity_token_file !== undefined && p.role_arn !== undefined;
const isSso = (p: Profile) =>
  ["sso_start_url", "sso_account_id", "sso_session", "sso_region", "sso_role_name"].some((key) =>
    p[key] !== undefined
  );

// The shortest stretch of `path` that starts and ends with the same profile.
function cycleIn(path: readonly string[]): string[] {
  for (let i = 1; i < path.length; i++) {
    const first = path.indexOf(path[i]);
    if (first < i) return path.slice(first, i + 1);
  }
  return [...path];
}

// Static keys; temporary ones that `iamfetch login` or saml2aws wrote carry their expiry
// (x_security_token_expires), and are refused locally once past it.
function staticCredentials(name: string, p: Profile): Credentials {
  const expiration = profileExpiration(name, p);
  return toSafeCredentials({
    accessKeyId: p.aws_access_key_id,
    secretAccessKey: p.aws_secret_access_key,
    sessionToken: p.aws_session_token,
    ...(expiration === undefined ? {} : { expiration }),
  });
}

function durationSeconds(profile: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]{1,9}$/.test(value)) {
    throw new CredentialSettingError(
      `profile ${profile}`,
      "duration_seconds",
      "must be a whole number of seconds (STS accepts 900 to 43200).",
    );
  }
  return Number(value);
}

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
 * 6. `sso_session` or legacy `sso_*` settings: `ssoCredentials`.
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
  const platform = options.platform ?? defaultPlatform();
  const { profiles } = config;
  // `visited`: the source profiles followed so far, the one at fault last.
  const notFound = (visited: readonly string[], problem?: string) =>
    profileNotFoundError(config, [profileName, ...visited], problem);

  const assumeRole = async (
    name: string,
    profile: Profile,
    visited: readonly string[],
  ): Promise<Credentials> => {
    const sourceProfile = profile.source_profile;
    if (sourceProfile !== undefined && visited.includes(sourceProfile)) {
      throw new SourceProfileCycleError(cycleIn([profileName, ...visited, sourceProfile]));
    }
    const assumes = !isCredentialSourceWithoutRoleArn(profile);
    const duration = assumes ? durationSeconds(name, profile.duration_seconds) : undefined;
    // The whole source_profile chain is walked before the options are checked, so that a
    // cycle or a broken source is reported as such.
    const source = sourceProfile !== undefined
      ? await resolve(
        sourceProfile,
        [...visited, sourceProfile],
        isCredentialSourceWithoutRoleArn(profiles.get(sourceProfile)),
      )
      : toSafeCredentials(
        await credentialSourceProvider(
          profile.credential_source,
          name,
          options.credentialSources ?? {},
          platform,
        )(),
      );
    if (!assumes) return source;

    const { roleAssumer, mfaCodeProvider } = options;
    if (roleAssumer === undefined) {
      throw new ProviderOptionMissingError(
        "roleAssumer",
        `Profile ${name} has role_arn: pass a roleAssumer option (an STS AssumeRole call).`,
      );
    }
    const params: AssumeRoleParams = {
      RoleArn: profile.role_arn,
      RoleSessionName: profile.role_session_name ?? `iamfetch-${Date.now()}`,
    };
    if (profile.external_id !== undefined) params.ExternalId = profile.external_id;
    if (duration !== undefined) params.DurationSeconds = duration;
    if (profile.mfa_serial !== undefined) {
      if (mfaCodeProvider === undefined) {
        throw new ProviderOptionMissingError(
          "mfaCodeProvider",
          `Profile ${name} requires multi-factor authentication (mfa_serial): pass an ` +
            "mfaCodeProvider option returning the device's code.",
        );
      }
      params.SerialNumber = profile.mfa_serial;
      params.TokenCode = await mfaCodeProvider(profile.mfa_serial);
    }
    return toSafeCredentials(await roleAssumer(source, params));
  };

  const webIdentity = async (name: string, profile: Profile): Promise<Credentials> => {
    if (options.webIdentityAssumer === undefined) {
      throw new ProviderOptionMissingError(
        "webIdentityAssumer",
        `Profile ${name} has web_identity_token_file: pass a webIdentityAssumer option ` +
          "(an STS AssumeRoleWithWebIdentity call).",
      );
    }
    const path = profile.web_identity_token_file;
    // A path the runtime cannot open (a NUL, a directory, no permission) is a setting
    // error like a missing file, not the runtime's bare TypeError.
    const token = (await platform.readTextFile(path).catch(() => undefined))?.trim();
    if (!token) {
      throw new CredentialSettingError(
        `profile ${name}`,
        "web_identity_token_file",
        `names ${path}, which cannot be read or is empty.`,
      );
    }
    return toSafeCredentials(
      await options.webIdentityAssumer({
        RoleArn: profile.role_arn,
        RoleSessionName: profile.role_session_name ?? `iamfetch-${Date.now()}`,
        WebIdentityToken: token,
      }),
    );
  };

  const sso = async (name: string, profile: Profile): Promise<Credentials> => {
    const sessionName = profile.sso_session;
    const ssoSession = sessionName === undefined ? undefined : config.ssoSessions.get(sessionName);
    if (sessionName !== undefined && ssoSession === undefined) {
      throw new CredentialSettingError(
        `profile ${name}`,
        "sso_session",
        `names [sso-session ${sessionName}], which is not in ${
          config.configFilepath ?? "the config file"
        }.`,
      );
    }
    if (options.ssoCredentials === undefined) {
      throw new ProviderOptionMissingError(
        "ssoCredentials",
        `Profile ${name} uses IAM Identity Center (sso_* settings): pass an ssoCredentials option.`,
      );
    }
    return toSafeCredentials(
      await options.ssoCredentials({ profileName: name, settings: profile, ssoSession }),
    );
  };

  const resolve = async (
    name: string,
    visited: readonly string[],
    viaCredentialSource: boolean,
  ): Promise<Credentials> => {
    const profile = profiles.get(name);
    if (profile === undefined) throw notFound(visited);
    if (visited.length > 0 && hasStaticKeys(profile)) return staticCredentials(name, profile);
    if (viaCredentialSource || isAssumeRole(profile)) {
      return await assumeRole(name, profile, visited);
    }
    if (hasStaticKeys(profile)) return staticCredentials(name, profile);
    if (isWebIdentity(profile)) return await webIdentity(name, profile);
    if (profile.credential_process !== undefined) {
      return await fromProcess({
        command: profile.credential_process,
        platform,
        timeoutMs: options.processTimeoutMs,
        profile: name,
      })();
    }
    if (isSso(profile)) return await sso(name, profile);
    throw notFound(
      visited,
      "has no credential settings: static keys (aws_access_key_id, aws_secret_access_key), " +
        "role_arn with source_profile or credential_source, web_identity_token_file, " +
        "credential_process or sso_*.",
    );
  };

  return resolve(profileName, [], false);
}
