// Step 2 of resolving a profile: `role_arn` with `source_profile` or `credential_source`.
import type { Credentials } from "../../sigv4/credentials.ts";
import { ProviderOptionMissingError } from "../errors.ts";
import { SourceProfileCycleError } from "./errors.ts";
import { toSafeCredentials } from "../redacted_credentials.ts";
import type { AssumeRoleParams } from "./callbacks.ts";
import { credentialSourceProvider } from "./credential_source.ts";
import type { ResolveContext } from "./_resolve_context.ts";
import {
  cycleIn,
  durationSeconds,
  isCredentialSourceWithoutRoleArn,
  type Profile,
} from "./_profile_kinds.ts";
import { roleSessionName } from "./session_name.ts";

/**
 * The credentials of a role profile: its source's (the `source_profile` chain, walked with
 * cycle detection, or the `credential_source` provider), then `roleAssumer` with the
 * profile's session name, external id, duration and MFA code. A `credential_source` profile
 * without `role_arn` gives its source's credentials.
 */
export async function roleProfileCredentials(
  ctx: ResolveContext,
  name: string,
  profile: Profile,
  visited: readonly string[],
): Promise<Credentials> {
  const sourceProfile = profile.source_profile;
  if (sourceProfile !== undefined && visited.includes(sourceProfile)) {
    throw new SourceProfileCycleError(cycleIn([ctx.profileName, ...visited, sourceProfile]));
  }
  const assumes = !isCredentialSourceWithoutRoleArn(profile);
  const duration = assumes ? durationSeconds(name, profile.duration_seconds) : undefined;
  // The whole source_profile chain is walked before the options are checked, so that a
  // cycle or a broken source is reported as such.
  const source = sourceProfile !== undefined
    ? await ctx.resolve(
      sourceProfile,
      [...visited, sourceProfile],
      isCredentialSourceWithoutRoleArn(ctx.config.profiles.get(sourceProfile)),
    )
    : toSafeCredentials(
      await credentialSourceProvider(
        profile.credential_source,
        name,
        ctx.options.credentialSources ?? {},
        ctx.platform,
      )(),
    );
  if (!assumes) return source;

  const { roleAssumer } = ctx.options;
  if (roleAssumer === undefined) {
    throw new ProviderOptionMissingError(
      "roleAssumer",
      `Profile ${name} has role_arn: pass a roleAssumer option (an STS AssumeRole call).`,
    );
  }
  const params: AssumeRoleParams = {
    RoleArn: profile.role_arn,
    RoleSessionName: roleSessionName(profile.role_session_name),
  };
  if (profile.external_id !== undefined) params.ExternalId = profile.external_id;
  if (duration !== undefined) params.DurationSeconds = duration;
  if (profile.mfa_serial !== undefined) {
    params.SerialNumber = profile.mfa_serial;
    params.TokenCode = await mfaCode(ctx, name, profile.mfa_serial);
  }
  return toSafeCredentials(await roleAssumer(source, params));
}

// Asked only after the source's credentials are in hand (as botocore does), so no code is
// wasted on a broken source.
function mfaCode(ctx: ResolveContext, name: string, serial: string): Promise<string> {
  const { mfaCodeProvider } = ctx.options;
  if (mfaCodeProvider === undefined) {
    throw new ProviderOptionMissingError(
      "mfaCodeProvider",
      `Profile ${name} requires multi-factor authentication (mfa_serial): pass an ` +
        "mfaCodeProvider option returning the device's code.",
    );
  }
  return mfaCodeProvider(serial);
}
