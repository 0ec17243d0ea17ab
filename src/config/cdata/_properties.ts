/**
 * The connection-string properties of CData's AWS connectors (seed 000) that iamfetch
 * reads: their canonical names, whether they are secret (never echoed, not even in a
 * "did you mean"), and where they may appear — at the top level, inside `SSOProperties`,
 * or both (CData documents the Okta MFA settings and the PingFederate client-certificate
 * settings as SSOProperties; its other connectors accept them at the top level too).
 *
 * @module
 */

/** Where a property may be written. */
export type PropertyPlace = "top" | "sso" | "both";

/** One known property. */
export interface CDataProperty {
  /** The canonical spelling, e.g. `AWSSecretKey`; keys match it case-insensitively. */
  readonly name: string;
  /** Its value is a secret: never shown. */
  readonly secret: boolean;
  /** Where it may be written. */
  readonly place: PropertyPlace;
}

function property(name: string, place: PropertyPlace = "top", secret = false): CDataProperty {
  return { name, secret, place };
}

/** Every property iamfetch reads from a CData connection string. */
export const CDATA_PROPERTIES: readonly CDataProperty[] = [
  property("AuthScheme", "both"), // in SSOProperties: PingFederate's `AuthScheme=Basic`
  property("AWSAccessKey"),
  property("AWSSecretKey", "top", true),
  property("AWSSessionToken", "top", true),
  property("AWSRoleARN"),
  property("AWSExternalId"),
  property("AWSPrincipalARN"),
  property("AWSRegion"),
  property("StorageBaseURL"),
  property("AWSCredentialsFile"),
  property("AWSCredentialsFileProfile"),
  property("AWSWebIdentityToken", "top", true),
  property("CredentialsLocation"),
  property("MFASerialNumber"),
  property("MFAToken", "top", true),
  property("TemporaryTokenDuration"),
  property("User"),
  property("Password", "top", true),
  property("SSOLoginURL"),
  property("SSOExchangeUrl"),
  property("SSOProperties"),
  property("OAuthClientId"),
  property("OAuthClientSecret", "top", true),
  property("CallbackURL"),
  property("InitiateOAuth"),
  property("RelyingParty", "sso"),
  property("Resource", "sso"),
  property("AzureTenant", "sso"),
  property("APIToken", "both", true),
  property("MFAType", "both"),
  property("MFAPassCode", "both", true),
  property("MFARememberDevice", "both"),
  property("SSLClientCert", "both"),
  property("SSLClientCertType", "both"),
  property("SSLClientCertSubject", "both"),
  property("SSLClientCertPassword", "both", true),
];

/** The canonical names of the properties allowed at `place` (`top` or `sso`). */
export function propertyNames(place: "top" | "sso"): string[] {
  return CDATA_PROPERTIES.filter((p) => p.place === place || p.place === "both").map((p) => p.name);
}

const BY_LOWER_NAME = new Map(CDATA_PROPERTIES.map((p) => [p.name.toLowerCase(), p]));

/** The property `key` names (case-insensitively), if it is known. */
export function findProperty(key: string): CDataProperty | undefined {
  return BY_LOWER_NAME.get(key.toLowerCase());
}

/** The `AuthScheme` values, canonical spelling; matched case-insensitively. */
export const AUTH_SCHEMES = [
  "Auto",
  "AwsRootKeys",
  "AwsTempCredentials",
  "AwsCredentialsFile",
  "AwsEC2Roles",
  "AwsIAMRoles",
  "AwsWebIdentity",
  "AwsMFA",
  "ADFS",
  "Okta",
  "PingFederate",
  "AzureAD",
] as const;

/** One of {@linkcode AUTH_SCHEMES}. */
export type AuthScheme = typeof AUTH_SCHEMES[number];
