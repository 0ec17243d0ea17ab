/**
 * Web-identity tokens and SAML responses the emulator's STS accepts, for tests of
 * `AssumeRoleWithWebIdentity` and `AssumeRoleWithSAML` clients. Neither is signed: the
 * emulator does not check signatures of either yet.
 *
 * @example
 * ```ts
 * state.addOidcProvider({ issuer: "https://issuer.example", audience: "my-app" });
 * const token = unsignedJwt({ iss: "https://issuer.example", aud: "my-app", sub: "user-1" });
 * ```
 *
 * @module
 */
import { escapeXml } from "./aws_error.ts";

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(
    /=+$/,
    "",
  );
}

/** A JWT with header `{"alg":"none"}`, payload `claims` and a placeholder signature. */
export function unsignedJwt(claims: Record<string, unknown>): string {
  return `${base64url(JSON.stringify({ alg: "none", typ: "JWT" }))}.${
    base64url(JSON.stringify(claims))
  }.c2lnbmF0dXJl`;
}

/** What {@linkcode samlResponseBase64} puts in its assertion. */
export interface SamlResponseInit {
  /** The role to assume, paired with `principalArn` in the `Role` attribute. */
  roleArn: string;
  /** The SAML provider's ARN, e.g. `arn:aws:iam::123456789012:saml-provider/Okta`. */
  principalArn: string;
  /** The `Issuer`; defaults to `https://idp.example.com/saml`. */
  issuer?: string;
  /** The `NameID`; defaults to `alice@example.com`. */
  subject?: string;
  /** The `NameID` format; defaults to SAML 2.0's `persistent`. */
  nameIdFormat?: string;
  /** The `Audience`; defaults to `https://signin.aws.amazon.com/saml`. */
  audience?: string;
  /** The `RoleSessionName` attribute, left out when `undefined`. */
  roleSessionName?: string;
  /** The `SessionDuration` attribute in seconds, left out when `undefined`. */
  sessionDuration?: number;
  /** More `Role` attribute values (`role,principal` pairs) before the main one. */
  otherRoles?: string[];
}

/** A base64 SAML 2.0 `Response` with one assertion for AWS, as an IdP posts to the AWS sign-in page. */
export function samlResponseBase64(init: SamlResponseInit): string {
  const attribute = (name: string, values: string[]) =>
    `<saml2:Attribute Name="https://aws.amazon.com/SAML/Attributes/${name}">` +
    values.map((v) => `<saml2:AttributeValue>${escapeXml(v)}</saml2:AttributeValue>`).join("") +
    "</saml2:Attribute>";
  const audience = init.audience ?? "https://signin.aws.amazon.com/saml";
  const issuer = `<saml2:Issuer>${escapeXml(init.issuer ?? "https://idp.example.com/saml")}` +
    "</saml2:Issuer>";
  const format = init.nameIdFormat ?? "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
  const xml = '<?xml version="1.0" encoding="UTF-8"?>' +
    '<saml2p:Response xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1" Version="2.0">' +
    issuer +
    '<saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a1" Version="2.0">' +
    issuer +
    `<saml2:Subject><saml2:NameID Format="${escapeXml(format)}">` +
    `${escapeXml(init.subject ?? "alice@example.com")}</saml2:NameID>` +
    '<saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">' +
    `<saml2:SubjectConfirmationData Recipient="${escapeXml(audience)}"/>` +
    "</saml2:SubjectConfirmation></saml2:Subject>" +
    "<saml2:Conditions><saml2:AudienceRestriction>" +
    `<saml2:Audience>${escapeXml(audience)}</saml2:Audience>` +
    "</saml2:AudienceRestriction></saml2:Conditions>" +
    "<saml2:AttributeStatement>" +
    attribute("Role", [...(init.otherRoles ?? []), `${init.roleArn},${init.principalArn}`]) +
    (init.roleSessionName === undefined
      ? ""
      : attribute("RoleSessionName", [init.roleSessionName])) +
    (init.sessionDuration === undefined
      ? ""
      : attribute("SessionDuration", [String(init.sessionDuration)])) +
    "</saml2:AttributeStatement></saml2:Assertion></saml2p:Response>";
  return btoa(String.fromCharCode(...new TextEncoder().encode(xml)));
}
