/**
 * CData's AWS-key `AuthScheme`s (seed 000) as credential providers: the base credentials
 * of the scheme, then an MFA session (`GetSessionToken`) or a role (`AssumeRole` with
 * `AWSExternalId` and MFA) on top.
 *
 * @module
 */
import type { CredentialProvider } from "../../sigv4/credentials.ts";
import { fromImds } from "../../credentials/from_imds.ts";
import { fromStatic } from "../../credentials/from_static.ts";
import type { Platform } from "../../credentials/platform/types.ts";
import { defaultProvider } from "../../sts/default_provider.ts";
import { fromAssumeRole } from "../../sts/from_assume_role.ts";
import { fromIni } from "../../sts/from_ini.ts";
import { fromSessionToken } from "../../sts/from_session_token.ts";
import { fromWebIdentity } from "../../sts/from_web_identity.ts";
import type { StsConnection } from "../../sts/connection.ts";
import type { AuthScheme } from "./_properties.ts";
import type { CDataSettings } from "./_settings.ts";
import { ConnectionStringError } from "../errors.ts";
import type { ConfigOptions } from "../options.ts";
import { mfaCodeSource } from "../_sts_settings.ts";

/** What the AWS-key schemes need besides the settings. */
export interface AwsSchemeContext {
  readonly options: ConfigOptions;
  readonly platform: Platform;
  readonly sts: StsConnection;
  /** `TemporaryTokenDuration`, when set. */
  readonly durationSeconds?: number;
}

function staticKeys(s: CDataSettings, scheme: string, withToken: boolean): CredentialProvider {
  return fromStatic({
    accessKeyId: s.require("AWSAccessKey", scheme),
    secretAccessKey: s.require("AWSSecretKey", scheme),
    ...(withToken ? { sessionToken: s.require("AWSSessionToken", scheme) } : {}),
  });
}

function baseCredentials(
  scheme: AuthScheme,
  s: CDataSettings,
  context: AwsSchemeContext,
): CredentialProvider {
  const { options, platform, sts } = context;
  switch (scheme) {
    case "AwsTempCredentials":
      return staticKeys(s, scheme, true);
    case "AwsCredentialsFile":
      return fromIni({
        ...sts,
        filepath: s.get("AWSCredentialsFile"),
        profile: s.get("AWSCredentialsFileProfile") ?? "default",
        platform,
        mfaCodeProvider: mfaCodeSource(undefined, options.mfa),
      });
    case "AwsEC2Roles":
      // IMDSv2 first, IMDSv1 when the token call is refused: fromImds does both.
      return fromImds({ platform, fetch: options.fetch });
    case "Auto": {
      if (s.has("AWSAccessKey") || s.has("AWSSecretKey")) {
        return staticKeys(s, scheme, s.has("AWSSessionToken"));
      }
      return defaultProvider({
        ...sts,
        platform,
        mfaCodeProvider: mfaCodeSource(undefined, options.mfa),
      });
    }
    default: // AwsRootKeys, AwsIAMRoles, AwsMFA: long-term keys
      return staticKeys(s, scheme, false);
  }
}

/**
 * The provider of an AWS-key scheme. `AwsWebIdentity` exchanges `AWSWebIdentityToken` (or
 * the EKS variables `AWS_ROLE_ARN` / `AWS_WEB_IDENTITY_TOKEN_FILE`) for the role. The others
 * take their base credentials, then with `AWSRoleARN` assume it (with `AWSExternalId`, and
 * `MFASerialNumber` / `MFAToken` when set), else with `MFASerialNumber` open an MFA session
 * (`GetSessionToken`) lasting `TemporaryTokenDuration` (default 3600 s, as CData).
 */
export function awsSchemeCredentials(
  scheme: AuthScheme,
  s: CDataSettings,
  context: AwsSchemeContext,
): CredentialProvider {
  const { sts, durationSeconds } = context;
  if (scheme === "AwsWebIdentity") {
    return fromWebIdentity({
      ...sts,
      platform: context.platform,
      roleArn: s.get("AWSRoleARN"),
      webIdentityToken: s.get("AWSWebIdentityToken"),
      durationSeconds,
    });
  }
  const roleArn = scheme === "AwsIAMRoles" ? s.require("AWSRoleARN", scheme) : s.get("AWSRoleARN");
  const mfaSerial = scheme === "AwsMFA"
    ? s.require("MFASerialNumber", scheme)
    : s.get("MFASerialNumber");
  const mfaCodeProvider = mfaCodeSource(s.get("MFAToken"), context.options.mfa);
  if (mfaSerial !== undefined && mfaCodeProvider === undefined) {
    throw new ConnectionStringError(
      "MFASerialNumber needs MFAToken (or pass options.mfa to be asked for codes).",
      { key: "MFAToken" },
    );
  }
  const source = baseCredentials(scheme, s, context);
  if (roleArn !== undefined) {
    return fromAssumeRole({
      ...sts,
      source,
      roleArn,
      externalId: s.get("AWSExternalId"),
      durationSeconds,
      mfaSerial,
      mfaCodeProvider,
    });
  }
  if (mfaSerial === undefined) return source;
  if (scheme === "AwsTempCredentials") {
    throw new ConnectionStringError(
      "MFASerialNumber without AWSRoleARN opens an MFA session (GetSessionToken), which STS " +
        "refuses to temporary credentials: use long-term keys (AwsRootKeys) or set AWSRoleARN.",
      { key: "MFASerialNumber" },
    );
  }
  return fromSessionToken({
    ...sts,
    source,
    durationSeconds: durationSeconds ?? 3600,
    mfaSerial,
    mfaCodeProvider,
  });
}
