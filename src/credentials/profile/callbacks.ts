import type { Credentials } from "../../sigv4/credentials.ts";

/**
 * The parameters of an STS `AssumeRole` call that a profile asks for, named as in the STS
 * API (and as AWS SDK v3's `roleAssumer` receives them, so its `getDefaultRoleAssumer()`
 * plugs in as is).
 */
export interface AssumeRoleParams {
  /** `role_arn`. */
  RoleArn: string;
  /** `role_session_name`, default `iamfetch-<milliseconds since the epoch>`. */
  RoleSessionName: string;
  /** `external_id`. */
  ExternalId?: string;
  /** `mfa_serial`. */
  SerialNumber?: string;
  /** The code `mfaCodeProvider` returned for `mfa_serial`. */
  TokenCode?: string;
  /** `duration_seconds`, when set. */
  DurationSeconds?: number;
}

/**
 * Calls STS `AssumeRole` with `sourceCredentials` and returns the role's credentials.
 * Same signature as AWS SDK v3's `roleAssumer` option of `fromIni`.
 */
export type RoleAssumer = (
  sourceCredentials: Credentials,
  params: AssumeRoleParams,
) => Promise<Credentials>;

/**
 * The parameters of an STS `AssumeRoleWithWebIdentity` call that a profile asks for.
 */
export interface AssumeRoleWithWebIdentityParams {
  /** `role_arn`. */
  RoleArn: string;
  /** `role_session_name`, default `iamfetch-<milliseconds since the epoch>`. */
  RoleSessionName: string;
  /** The content of `web_identity_token_file`, trimmed. */
  WebIdentityToken: string;
}

/**
 * Calls STS `AssumeRoleWithWebIdentity` (which needs no credentials) and returns the role's
 * credentials. Same signature as AWS SDK v3's `roleAssumerWithWebIdentity`.
 */
export type WebIdentityAssumer = (
  params: AssumeRoleWithWebIdentityParams,
) => Promise<Credentials>;

/**
 * What a profile using IAM Identity Center (SSO) hands to the `ssoCredentialsResolver` option of
 * `fromIni`: the profile's settings (`sso_account_id`, `sso_role_name`, legacy `sso_start_url`
 * and `sso_region`) and, for `sso_session`, that `[sso-session]` section's settings.
 */
export interface SsoProfile {
  /** The profile's name. */
  profileName: string;
  /** The profile's settings. */
  settings: Readonly<Record<string, string>>;
  /** The settings of the `[sso-session]` section the profile's `sso_session` names. */
  ssoSession?: Readonly<Record<string, string>>;
}

/**
 * Turns an SSO profile into credentials (cached token → portal `GetRoleCredentials`).
 */
export type SsoCredentialsResolver = (profile: SsoProfile) => Promise<Credentials>;

/**
 * Returns the code of the MFA device `mfaSerial` (asked of the user, or read from a TOTP
 * generator). Same signature as AWS SDK v3's `mfaCodeProvider`.
 */
export type MfaCodeProvider = (mfaSerial: string) => Promise<string>;
