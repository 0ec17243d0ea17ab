import { defaultPlatform } from "../../credentials/platform/default.ts";
import { awsSchemeCredentials } from "./_aws_schemes.ts";
import { AUTH_SCHEMES, type AuthScheme } from "./_properties.ts";
import { type SamlScheme, samlSchemeCredentials } from "./_saml_schemes.ts";
import { CDataSettings } from "./_settings.ts";
import { ConnectionStringError } from "../errors.ts";
import type { ConfigOptions, ConfiguredCredentials } from "../options.ts";
import { stsConnectionFor } from "../_sts_settings.ts";
import { checkRegionSetting } from "../_region_setting.ts";

const SAML_SCHEMES: ReadonlySet<string> = new Set(["ADFS", "Okta", "PingFederate", "AzureAD"]);

function authScheme(value: string | undefined): AuthScheme {
  if (value === undefined) return "Auto";
  const lower = value.toLowerCase();
  // CData's other AWS connectors spell the MFA scheme `AwsMFA`; the issue calls it `MFA`.
  if (lower === "mfa") return "AwsMFA";
  const scheme = AUTH_SCHEMES.find((name) => name.toLowerCase() === lower);
  if (scheme === undefined) {
    throw new ConnectionStringError(
      `AuthScheme "${value}" is not known. Valid values: ${AUTH_SCHEMES.join(", ")}.`,
      { key: "AuthScheme" },
    );
  }
  return scheme;
}

function durationSetting(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]{1,6}$/.test(value) || Number(value) < 900 || Number(value) > 129600) {
    throw new ConnectionStringError(
      "TemporaryTokenDuration must be a whole number of seconds from 900 to 129600.",
      { key: "TemporaryTokenDuration" },
    );
  }
  return Number(value);
}

function endpointSetting(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new ConnectionStringError(
      "StorageBaseURL must be an absolute http(s) URL, e.g. http://127.0.0.1:9000.",
      { key: "StorageBaseURL" },
    );
  }
  return value;
}

// Accepted for compatibility, deliberately not acted on: say so instead of failing.
const NOT_USED: Readonly<Record<string, string>> = {
  CredentialsLocation: "CredentialsLocation is not used: MFA sessions are kept in memory " +
    "and renewed (asking options.mfa for a fresh code), not saved to a file.",
  CallbackURL: "CallbackURL is not used: the AzureAD login uses the OAuth password grant " +
    "with User and Password, not a browser redirect.",
  InitiateOAuth: "InitiateOAuth is not used: tokens are obtained at each login and kept in memory.",
};

/**
 * Credentials, region and endpoint from a CData connection string (seed 000), e.g.
 * `AuthScheme=AwsIAMRoles;AWSAccessKey=…;AWSSecretKey=…;AWSRoleARN=…;AWSExternalId=…`.
 *
 * The string is read with the rules of {@linkcode parseConnectionString} (case-insensitive
 * keys, quoted values, `SSOProperties` as a nested connection string). Every `AuthScheme`
 * of the seed is supported: `AwsRootKeys`, `AwsTempCredentials`, `AwsCredentialsFile`
 * (`AWSCredentialsFile`, `AWSCredentialsFileProfile`), `AwsEC2Roles` (IMDSv2, then v1),
 * `AwsIAMRoles` (`AWSRoleARN`, `AWSExternalId`), `AwsWebIdentity` (`AWSRoleARN` +
 * `AWSWebIdentityToken`, else `AWS_ROLE_ARN` / `AWS_WEB_IDENTITY_TOKEN_FILE`), `AwsMFA`
 * (also `MFA`), `ADFS`, `Okta`, `PingFederate`, `AzureAD`, and `Auto` (the default when
 * `AuthScheme` is absent: the keys when given, else the AWS SDK default chain). On every
 * key-based scheme, `AWSRoleARN` assumes a role on top of the base credentials and
 * `MFASerialNumber` + `MFAToken` add MFA (to the AssumeRole call, or to a GetSessionToken
 * session of `TemporaryTokenDuration`, default 3600 s).
 *
 * `AWSRegion` is returned as `region`, `StorageBaseURL` as `endpoint`. An unknown key, a
 * missing required one or an invalid value throws {@linkcode ConnectionStringError} naming
 * it (never a secret's value). Keys the scheme does not use are listed in `notes`.
 *
 * @param text The connection string.
 * @param options Platform, fetches, STS endpoint, MFA prompt, mutual-TLS fetch factory.
 *
 * @example
 * ```ts
 * import { fromConnectionString } from "@iamfetch/iamfetch/config";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const { credentials, region } = fromConnectionString(
 *   "AuthScheme=AwsTempCredentials; AWSAccessKey=ASIAEXAMPLE; AWSSecretKey='s;e=cret'; AWSSessionToken=token; AWSRegion=eu-west-1",
 * );
 * const resolved = await credentials();
 * assert(resolved.secretAccessKey === "s;e=cret" && resolved.sessionToken === "token");
 * assertEquals(region, "eu-west-1");
 * ```
 */
export function fromConnectionString(
  text: string,
  options: ConfigOptions = {},
): ConfiguredCredentials {
  const settings = new CDataSettings(text);
  const platform = options.platform ?? defaultPlatform();
  const scheme = authScheme(settings.top("AuthScheme"));
  const region = checkRegionSetting(
    settings.get("AWSRegion"),
    "AWSRegion",
    (message) => new ConnectionStringError(message, { key: "AWSRegion" }),
  );
  const endpoint = endpointSetting(settings.get("StorageBaseURL"));
  const context = {
    options,
    platform,
    sts: stsConnectionFor(options, platform, region),
    durationSeconds: durationSetting(settings.get("TemporaryTokenDuration")),
  };
  const credentials = SAML_SCHEMES.has(scheme)
    ? samlSchemeCredentials(scheme as SamlScheme, settings, context)
    : awsSchemeCredentials(scheme, settings, context);
  const notes = settings.unread().map((name) =>
    NOT_USED[name] ?? `${name} is not used with AuthScheme=${scheme}.`
  );
  return { credentials, ...(region ? { region } : {}), ...(endpoint ? { endpoint } : {}), notes };
}
