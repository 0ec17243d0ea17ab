// What a profile of the shared config files is, read with the predicates of AWS SDK v3's
// credential-provider-ini, over settings whose values are never empty (an empty setting is
// not stored: see parseIni), and the small readings the resolvers share.
import type { Credentials } from "../../sigv4/credentials.ts";
import { CredentialSettingError } from "../errors.ts";
import { toSafeCredentials } from "../redacted_credentials.ts";
import { profileExpiration } from "./expiration.ts";
import type { SectionSettings } from "./shared_config.ts";

/** The settings of one profile. */
export type Profile = SectionSettings;

/** `aws_access_key_id` and `aws_secret_access_key` are both set. */
export const hasStaticKeys = (p: Profile): boolean =>
  p.aws_access_key_id !== undefined && p.aws_secret_access_key !== undefined;

/** `role_arn` with exactly one of `source_profile` and `credential_source`. */
export const isAssumeRole = (p: Profile): boolean =>
  p.role_arn !== undefined &&
  ((p.source_profile !== undefined && p.credential_source === undefined) ||
    (p.credential_source !== undefined && p.source_profile === undefined));

/** A `credential_source` profile without `role_arn` (the source of another profile). */
export const isCredentialSourceWithoutRoleArn = (p: Profile | undefined): boolean =>
  p !== undefined && p.role_arn === undefined && p.credential_source !== undefined;

/** `web_identity_token_file` with `role_arn`. */
export const isWebIdentity = (p: Profile): boolean =>
  p.web_identity_token_file !== undefined && p.role_arn !== undefined;

/** Any of the IAM Identity Center settings. */
export const isSso = (p: Profile): boolean =>
  ["sso_start_url", "sso_account_id", "sso_session", "sso_region", "sso_role_name"].some((key) =>
    p[key] !== undefined
  );

/**
 * Static keys; temporary ones that `iamfetch login` or saml2aws wrote carry their expiry
 * (x_security_token_expires), and are refused locally once past it.
 */
export function staticCredentials(name: string, p: Profile): Credentials {
  const expiration = profileExpiration(name, p);
  return toSafeCredentials({
    accessKeyId: p.aws_access_key_id,
    secretAccessKey: p.aws_secret_access_key,
    sessionToken: p.aws_session_token,
    ...(expiration === undefined ? {} : { expiration }),
  });
}

/** `duration_seconds` as a number, checked; `undefined` when unset. */
export function durationSeconds(profile: string, value: string | undefined): number | undefined {
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

/** The shortest stretch of `path` that starts and ends with the same profile. */
export function cycleIn(path: readonly string[]): string[] {
  for (let i = 1; i < path.length; i++) {
    const first = path.indexOf(path[i]);
    if (first < i) return path.slice(first, i + 1);
  }
  return [...path];
}
