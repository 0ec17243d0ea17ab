import type { Credentials } from "../sigv4/credentials.ts";

/**
 * The parameters of an STS `AssumeRole` call that a profile asks for, named as in the STS
 * API (and as AWS SDK v3's `roleAssumer` receives them, so its `getDefaultRoleAssumer()`
 * plugs in as is).
 *
 * @example
 * ```ts
 * import type { AssumeRoleParams } from "@iamfetch/iamfetch/credentials";
 *
 * const params: AssumeRoleParams = { RoleArn: "arn:aws:iam::123456789012:role/dev", RoleSessionName: "me" };
 * console.assert(params.ExternalId === undefined);
 * ```
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
 *
 * @example
 * ```ts
 * import type { RoleAssumer } from "@iamfetch/iamfetch/credentials";
 *
 * // a test double; the real one calls STS
 * const roleAssumer: RoleAssumer = (source, params) =>
 *   Promise.resolve({ accessKeyId: `${source.accessKeyId}>${params.RoleArn}`, secretAccessKey: "s", sessionToken: "t" });
 * const credentials = await roleAssumer({ accessKeyId: "AKID", secretAccessKey: "s" }, { RoleArn: "r", RoleSessionName: "n" });
 * console.assert(credentials.accessKeyId === "AKID>r");
 * ```
 */
export type RoleAssumer = (
  sourceCredentials: Credentials,
  params: AssumeRoleParams,
) => Promise<Credentials>;

/**
 * The parameters of an STS `AssumeRoleWithWebIdentity` call that a profile asks for.
 *
 * @example
 * ```ts
 * import type { AssumeRoleWithWebIdentityParams } from "@iamfetch/iamfetch/credentials";
 *
 * const params: AssumeRoleWithWebIdentityParams = {
 *   RoleArn: "arn:aws:iam::123456789012:role/ci",
 *   RoleSessionName: "ci",
 *   WebIdentityToken: "eyJ...",
 * };
 * console.assert(params.RoleSessionName === "ci");
 * ```
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
 *
 * @example
 * ```ts
 * import type { WebIdentityAssumer } from "@iamfetch/iamfetch/credentials";
 *
 * const assumer: WebIdentityAssumer = (params) =>
 *   Promise.resolve({ accessKeyId: "ASIAEXAMPLE", secretAccessKey: "s", sessionToken: params.RoleSessionName });
 * console.assert((await assumer({ RoleArn: "r", RoleSessionName: "n", WebIdentityToken: "t" })).sessionToken === "n");
 * ```
 */
export type WebIdentityAssumer = (
  params: AssumeRoleWithWebIdentityParams,
) => Promise<Credentials>;

/**
 * What a profile using IAM Identity Center (SSO) hands to the `ssoCredentials` option of
 * `fromIni`: the profile's settings (`sso_account_id`, `sso_role_name`, legacy `sso_start_url`
 * and `sso_region`) and, for `sso_session`, that `[sso-session]` section's settings.
 *
 * @example
 * ```ts
 * import type { SsoProfile } from "@iamfetch/iamfetch/credentials";
 *
 * const profile: SsoProfile = { profileName: "dev", settings: { sso_session: "corp" }, ssoSession: { sso_region: "eu-west-1" } };
 * console.assert(profile.ssoSession?.sso_region === "eu-west-1");
 * ```
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
 *
 * @example
 * ```ts
 * import type { SsoCredentialsResolver } from "@iamfetch/iamfetch/credentials";
 *
 * const resolver: SsoCredentialsResolver = (profile) =>
 *   Promise.resolve({ accessKeyId: "ASIAEXAMPLE", secretAccessKey: "s", sessionToken: profile.profileName });
 * console.assert((await resolver({ profileName: "dev", settings: {} })).sessionToken === "dev");
 * ```
 */
export type SsoCredentialsResolver = (profile: SsoProfile) => Promise<Credentials>;

/**
 * Returns the code of the MFA device `mfaSerial` (asked of the user, or read from a TOTP
 * generator). Same signature as AWS SDK v3's `mfaCodeProvider`.
 *
 * @example
 * ```ts
 * import type { MfaCodeProvider } from "@iamfetch/iamfetch/credentials";
 *
 * const mfaCodeProvider: MfaCodeProvider = (serial) => Promise.resolve(serial.endsWith("/me") ? "123456" : "");
 * console.assert(await mfaCodeProvider("arn:aws:iam::123456789012:mfa/me") === "123456");
 * ```
 */
export type MfaCodeProvider = (mfaSerial: string) => Promise<string>;
