/**
 * A test SAML identity provider's signing half: a fixed RSA key pair and self-signed
 * certificate (`test/idp/fixtures/`), and functions that issue SAML 2.0 Responses for AWS
 * whose Assertion is signed the way real IdPs sign it (xml-crypto, RSA-SHA256, exclusive
 * c14n, enveloped signature placed after the assertion's `Issuer`, certificate in `KeyInfo`).
 * Fake IdPs in `test/idp/<name>/` use it to answer logins; {@linkcode registerTestIdp} makes
 * the emulator's `AssumeRoleWithSAML` trust the certificate.
 *
 * @example
 * ```ts
 * registerTestIdp(emulator.state, { principalArn: PRINCIPAL });
 * const samlResponse = signedSamlResponse({ roles: [{ roleArn: ROLE, principalArn: PRINCIPAL }] });
 * ```
 *
 * @module
 */
import { SignedXml } from "xml-crypto";
import { escapeXml } from "../emulator/aws_error.ts";
import type { EmulatorState } from "../emulator/state.ts";

/** The test IdP's key pair, certificate (PEM) and default issuer. Test-only: never a secret. */
export const TEST_IDP: {
  readonly privateKeyPem: string;
  readonly certificatePem: string;
  readonly issuer: string;
} = {
  privateKeyPem: Deno.readTextFileSync(new URL("./fixtures/test_idp_key.pem", import.meta.url)),
  certificatePem: Deno.readTextFileSync(new URL("./fixtures/test_idp_cert.pem", import.meta.url)),
  issuer: "https://idp.iamfetch.test/saml",
};

/** A second, untrusted IdP key pair and certificate, for "signed by someone else" tests. */
export const OTHER_IDP: { readonly privateKeyPem: string; readonly certificatePem: string } = {
  privateKeyPem: Deno.readTextFileSync(new URL("./fixtures/other_idp_key.pem", import.meta.url)),
  certificatePem: Deno.readTextFileSync(new URL("./fixtures/other_idp_cert.pem", import.meta.url)),
};

/** AWS's SAML audience and the default recipient: the AWS sign-in endpoint. */
export const AWS_SAML_AUDIENCE = "https://signin.aws.amazon.com/saml";

/** A role/provider pair, written `role,principal` in the assertion's `Role` attribute. */
export interface TestSamlRole {
  /** e.g. `arn:aws:iam::123456789012:role/Admin`. */
  readonly roleArn: string;
  /** e.g. `arn:aws:iam::123456789012:saml-provider/Okta`. */
  readonly principalArn: string;
}

/** What goes into a signed SAML Response. */
export interface SignedSamlInit {
  /** `Role` attribute values: pairs, or raw strings to test odd orders and several per value. */
  readonly roles: readonly (TestSamlRole | string)[];
  /** The `NameID`; defaults to `alice@example.com`. */
  readonly subject?: string;
  /** The `Issuer`; defaults to {@linkcode TEST_IDP}'s. */
  readonly issuer?: string;
  /** The `Audience`; defaults to {@linkcode AWS_SAML_AUDIENCE}. */
  readonly audience?: string;
  /** The `SubjectConfirmationData` `Recipient`; defaults to {@linkcode AWS_SAML_AUDIENCE}. */
  readonly recipient?: string;
  /** The assertion's expiry; defaults to five minutes after `now`. */
  readonly notOnOrAfter?: Date;
  /** The issue instant; defaults to the current time. */
  readonly now?: Date;
  /** The `SessionDuration` attribute in seconds, left out when `undefined`. */
  readonly sessionDuration?: number;
  /** The `RoleSessionName` attribute, left out when `undefined`. */
  readonly roleSessionName?: string;
  /** The assertion's `ID`; defaults to a random one. */
  readonly assertionId?: string;
  /** Signs with this key instead of {@linkcode TEST_IDP}'s (PEM, PKCS#8). */
  readonly privateKeyPem?: string;
  /** Puts this certificate in `KeyInfo` instead of {@linkcode TEST_IDP}'s. */
  readonly certificatePem?: string;
}

const SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
const SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";

/** The signed `<saml2:Assertion>` element alone (what WS-Trust and Azure AD hand out). */
export function signedAssertionXml(init: SignedSamlInit): string {
  const signer = new SignedXml({
    privateKey: init.privateKeyPem ?? TEST_IDP.privateKeyPem,
    publicCert: init.certificatePem ?? TEST_IDP.certificatePem,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  signer.addReference({
    xpath: "/*[local-name(.)='Assertion']",
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
    transforms: [
      "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
      "http://www.w3.org/2001/10/xml-exc-c14n#",
    ],
  });
  signer.computeSignature(unsignedAssertionXml(init), {
    prefix: "ds",
    location: { reference: "/*/*[local-name(.)='Issuer']", action: "after" },
  });
  return signer.getSignedXml();
}

/** A SAML 2.0 `Response` (XML text) around {@linkcode signedAssertionXml}. */
export function signedSamlResponseXml(init: SignedSamlInit): string {
  const instant = (init.now ?? new Date()).toISOString();
  return '<?xml version="1.0" encoding="UTF-8"?>' +
    `<saml2p:Response xmlns:saml2p="${SAMLP}" ID="_${crypto.randomUUID()}" Version="2.0" ` +
    `IssueInstant="${instant}" Destination="${escapeXml(init.recipient ?? AWS_SAML_AUDIENCE)}">` +
    `<saml2:Issuer xmlns:saml2="${SAML}">${escapeXml(init.issuer ?? TEST_IDP.issuer)}` +
    "</saml2:Issuer>" +
    '<saml2p:Status><saml2p:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/>' +
    "</saml2p:Status>" + signedAssertionXml(init) + "</saml2p:Response>";
}

/** The base64 `SAMLResponse` an IdP posts to AWS: {@linkcode signedSamlResponseXml}, encoded. */
export function signedSamlResponse(init: SignedSamlInit): string {
  return base64Utf8(signedSamlResponseXml(init));
}

/** Base64 of `text`'s UTF-8 bytes (any length). */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * Registers the SAML provider `principalArn` in the emulator with the test IdP's certificate
 * (or `certificatePem`), so `AssumeRoleWithSAML` verifies assertions against it.
 */
export function registerTestIdp(
  state: EmulatorState,
  options: { principalArn: string; certificatePem?: string },
): void {
  state.addSamlProvider({
    arn: options.principalArn,
    certificatePem: options.certificatePem ?? TEST_IDP.certificatePem,
  });
}

function unsignedAssertionXml(init: SignedSamlInit): string {
  const now = init.now ?? new Date();
  const notOnOrAfter = (init.notOnOrAfter ?? new Date(now.getTime() + 300_000)).toISOString();
  const recipient = init.recipient ?? AWS_SAML_AUDIENCE;
  const roles = init.roles.map((r) => typeof r === "string" ? r : `${r.roleArn},${r.principalArn}`);
  return `<saml2:Assertion xmlns:saml2="${SAML}" ` +
    `ID="${escapeXml(init.assertionId ?? `_${crypto.randomUUID()}`)}" ` +
    `IssueInstant="${now.toISOString()}" Version="2.0">` +
    `<saml2:Issuer>${escapeXml(init.issuer ?? TEST_IDP.issuer)}</saml2:Issuer>` +
    "<saml2:Subject>" +
    '<saml2:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">' +
    `${escapeXml(init.subject ?? "alice@example.com")}</saml2:NameID>` +
    '<saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">' +
    `<saml2:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" ` +
    `Recipient="${escapeXml(recipient)}"/>` +
    "</saml2:SubjectConfirmation></saml2:Subject>" +
    `<saml2:Conditions NotBefore="${new Date(now.getTime() - 60_000).toISOString()}" ` +
    `NotOnOrAfter="${notOnOrAfter}">` +
    `<saml2:AudienceRestriction><saml2:Audience>${
      escapeXml(init.audience ?? AWS_SAML_AUDIENCE)
    }</saml2:Audience></saml2:AudienceRestriction></saml2:Conditions>` +
    `<saml2:AuthnStatement AuthnInstant="${now.toISOString()}"><saml2:AuthnContext>` +
    "<saml2:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport" +
    "</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement>" +
    "<saml2:AttributeStatement>" +
    attribute("Role", roles) +
    (init.roleSessionName === undefined
      ? ""
      : attribute("RoleSessionName", [init.roleSessionName])) +
    (init.sessionDuration === undefined
      ? ""
      : attribute("SessionDuration", [String(init.sessionDuration)])) +
    "</saml2:AttributeStatement></saml2:Assertion>";
}

function attribute(name: string, values: readonly string[]): string {
  return `<saml2:Attribute Name="https://aws.amazon.com/SAML/Attributes/${name}">` +
    values.map((v) => `<saml2:AttributeValue>${escapeXml(v)}</saml2:AttributeValue>`).join("") +
    "</saml2:Attribute>";
}
