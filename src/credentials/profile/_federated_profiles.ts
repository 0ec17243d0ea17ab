// Steps 4 and 6 of resolving a profile: web identity (`web_identity_token_file` with
// `role_arn`) and IAM Identity Center (`sso_session` or the legacy `sso_*` settings).
import type { Credentials } from "../../sigv4/credentials.ts";
import { CredentialSettingError, ProviderOptionMissingError } from "../errors.ts";
import { toSafeCredentials } from "../redacted_credentials.ts";
import type { ResolveContext } from "./_resolve_context.ts";
import type { Profile } from "./_profile_kinds.ts";
import { roleSessionName } from "./session_name.ts";

/** `webIdentityAssumer` with the token read from `web_identity_token_file`. */
export async function webIdentityProfileCredentials(
  ctx: ResolveContext,
  name: string,
  profile: Profile,
): Promise<Credentials> {
  const { webIdentityAssumer } = ctx.options;
  if (webIdentityAssumer === undefined) {
    throw new ProviderOptionMissingError(
      "webIdentityAssumer",
      `Profile ${name} has web_identity_token_file: pass a webIdentityAssumer option ` +
        "(an STS AssumeRoleWithWebIdentity call).",
    );
  }
  const path = profile.web_identity_token_file;
  // A path the runtime cannot open (a NUL, a directory, no permission) is a setting
  // error like a missing file, not the runtime's bare TypeError.
  const token = (await ctx.platform.readTextFile(path).catch(() => undefined))?.trim();
  if (!token) {
    throw new CredentialSettingError(
      `profile ${name}`,
      "web_identity_token_file",
      `names ${path}, which cannot be read or is empty.`,
    );
  }
  return toSafeCredentials(
    await webIdentityAssumer({
      RoleArn: profile.role_arn,
      RoleSessionName: roleSessionName(profile.role_session_name),
      WebIdentityToken: token,
    }),
  );
}

/** `ssoCredentialsResolver` with the profile's settings and its `[sso-session]`, when it names one. */
export async function ssoProfileCredentials(
  ctx: ResolveContext,
  name: string,
  profile: Profile,
): Promise<Credentials> {
  const sessionName = profile.sso_session;
  const ssoSession = sessionName === undefined
    ? undefined
    : ctx.config.ssoSessions.get(sessionName);
  if (sessionName !== undefined && ssoSession === undefined) {
    throw new CredentialSettingError(
      `profile ${name}`,
      "sso_session",
      `names [sso-session ${sessionName}], which is not in ${
        ctx.config.configFilepath ?? "the config file"
      }.`,
    );
  }
  if (ctx.options.ssoCredentialsResolver === undefined) {
    throw new ProviderOptionMissingError(
      "ssoCredentialsResolver",
      `Profile ${name} uses IAM Identity Center (sso_* settings): pass an ssoCredentialsResolver option.`,
    );
  }
  return toSafeCredentials(
    await ctx.options.ssoCredentialsResolver({ profileName: name, settings: profile, ssoSession }),
  );
}
