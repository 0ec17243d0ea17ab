import { SamlAssertionError } from "./errors.ts";
import { rolesFromAttributeValues, type SamlRole } from "./roles.ts";
import {
  attributeOf,
  children,
  descend,
  MAX_SAML_XML_BYTES,
  parseSamlXml,
  type SamlXmlElement,
  textOf,
} from "./_xml.ts";
import { base64Decode } from "../_shared/bytes/base64.ts";

/**
 * What a SAML response says about the AWS sign-in it is for.
 */
export interface SamlAssertionInfo {
  /** The roles of the AWS `Role` attribute, in order. */
  roles: SamlRole[];
  /** The AWS `SessionDuration` attribute, in seconds. */
  sessionDuration?: number;
  /** The AWS `RoleSessionName` attribute. */
  roleSessionName?: string;
  /** The subject's `NameID`. */
  subject?: string;
  /** The assertion's `Issuer` (else the response's). */
  issuer?: string;
  /** The earliest `NotOnOrAfter` of the subject confirmation and the conditions. */
  notOnOrAfter?: Date;
  /** The `Audience`s of the assertion's conditions. */
  audiences: string[];
  /** The subject confirmation's `Recipient`. */
  recipient?: string;
}

const ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/";
/** AWS's SAML audiences: the global and regional sign-in endpoints of each partition. */
const AWS_AUDIENCE =
  /^(?:urn:amazon:webservices(?::cn|:govcloud)?|https:\/\/(?:[a-z0-9-]+\.)?signin\.(?:aws\.amazon\.com|amazonaws\.cn|amazonaws-us-gov\.com)\/saml)$/;
const MAX_BASE64_LENGTH = Math.ceil(MAX_SAML_XML_BYTES / 3) * 4 + 4096;

/**
 * Decodes a base64 `SAMLResponse` (as an IdP posts it to AWS) and reads what AWS reads:
 * roles, session duration and name, subject, issuer, expiry, audiences and recipient.
 * Unsafe or unusable input fails fast with a {@linkcode SamlAssertionError} whose message
 * never quotes the assertion: oversized or malformed base64, text that is not UTF-8 XML, a
 * DOCTYPE or entity declaration, an encrypted assertion, zero or several assertions, an
 * audience that is not AWS's (the message names it), or no AWS `Role` attribute.
 *
 * The signature is not checked here: AWS checks it, against the certificate registered for
 * the SAML provider.
 *
 * @param base64 The `SAMLResponse` value (standard or URL-safe base64; whitespace ignored).
 *
 * @example
 * ```ts
 * import { parseSamlAssertion } from "@iamfetch/iamfetch/saml";
 * import { assertEquals } from "@std/assert";
 *
 * const xml = '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">' +
 *   '<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><saml:Issuer>https://idp.example.com</saml:Issuer>' +
 *   "<saml:Conditions><saml:AudienceRestriction><saml:Audience>https://signin.aws.amazon.com/saml</saml:Audience>" +
 *   '</saml:AudienceRestriction></saml:Conditions><saml:AttributeStatement><saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role">' +
 *   "<saml:AttributeValue>arn:aws:iam::123456789012:saml-provider/Idp,arn:aws:iam::123456789012:role/Dev</saml:AttributeValue>" +
 *   "</saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>";
 * const info = parseSamlAssertion(btoa(xml));
 * assertEquals(info.roles[0].roleArn, "arn:aws:iam::123456789012:role/Dev");
 * assertEquals(info.issuer, "https://idp.example.com");
 * ```
 */
export function parseSamlAssertion(base64: string): SamlAssertionInfo {
  const root = parseSamlXml(decodeBase64Xml(base64));
  const response = children(root, "Response")[0];
  if (response === undefined) {
    throw new SamlAssertionError("The SAML response's root element is not a SAML 2.0 Response.");
  }
  const assertions = children(response, "Assertion");
  if (assertions.length === 0 && children(response, "EncryptedAssertion").length > 0) {
    throw new SamlAssertionError(
      "The SAML assertion is encrypted, so its roles cannot be read; turn off assertion " +
        "encryption for the AWS relying party at the identity provider.",
    );
  }
  if (assertions.length !== 1) {
    throw new SamlAssertionError(
      `The SAML response holds ${assertions.length} assertions; exactly one is expected.`,
    );
  }
  return assertionInfo(response, assertions[0]);
}

function assertionInfo(response: SamlXmlElement, assertion: SamlXmlElement): SamlAssertionInfo {
  const conditions = children(assertion, "Conditions")[0];
  const audiences = children(conditions, "AudienceRestriction")
    .flatMap((restriction) => children(restriction, "Audience"))
    .map((audience) => textOf(audience) ?? "");
  if (!audiences.some((audience) => AWS_AUDIENCE.test(audience))) {
    throw new SamlAssertionError(
      audiences.length === 0
        ? "The SAML assertion names no audience; AWS requires https://signin.aws.amazon.com/saml."
        : `The SAML assertion is for ${audiences.map((a) => `"${a}"`).join(", ")}, not AWS ` +
          "(https://signin.aws.amazon.com/saml); pick the AWS application at the identity provider.",
    );
  }
  const attributes = new Map<string, string[]>();
  for (const statement of children(assertion, "AttributeStatement")) {
    for (const attribute of children(statement, "Attribute")) {
      const name = attributeOf(attribute, "Name") ?? "";
      const values = children(attribute, "AttributeValue").map((value) => textOf(value) ?? "");
      attributes.set(name, [...(attributes.get(name) ?? []), ...values]);
    }
  }
  const roles = rolesFromAttributeValues(attributes.get(`${ATTRIBUTE}Role`) ?? []);
  if (roles.length === 0) {
    throw new SamlAssertionError(
      `The SAML assertion has no usable ${ATTRIBUTE}Role attribute (role ARN, provider ARN ` +
        "pairs); map AWS roles to the user at the identity provider.",
    );
  }
  const confirmation = descend(assertion, ["Subject", "SubjectConfirmation"]);
  const confirmationData = children(confirmation, "SubjectConfirmationData")[0];
  const info: SamlAssertionInfo = { roles, audiences };
  const duration = attributes.get(`${ATTRIBUTE}SessionDuration`)?.[0];
  if (duration !== undefined && /^\d{1,9}$/.test(duration.trim())) {
    info.sessionDuration = Number(duration);
  }
  const sessionName = attributes.get(`${ATTRIBUTE}RoleSessionName`)?.[0];
  if (sessionName !== undefined) info.roleSessionName = sessionName;
  const subject = textOf(descend(assertion, ["Subject", "NameID"]));
  if (subject !== undefined) info.subject = subject;
  const issuer = textOf(children(assertion, "Issuer")[0]) ??
    textOf(children(response, "Issuer")[0]);
  if (issuer !== undefined) info.issuer = issuer;
  const expiries = [
    attributeOf(confirmationData, "NotOnOrAfter"),
    attributeOf(conditions, "NotOnOrAfter"),
  ]
    .map((text) => (text === undefined ? NaN : Date.parse(text)))
    .filter((time) => !Number.isNaN(time));
  if (expiries.length > 0) info.notOnOrAfter = new Date(Math.min(...expiries));
  const recipient = attributeOf(confirmationData, "Recipient");
  if (recipient !== undefined) info.recipient = recipient;
  return info;
}

/** The UTF-8 text of a base64 SAML response, or a {@linkcode SamlAssertionError}. */
function decodeBase64Xml(base64: string): string {
  if (base64.length > MAX_BASE64_LENGTH) {
    throw new SamlAssertionError(
      `The SAML response is longer than ${MAX_BASE64_LENGTH} characters; refusing to decode it.`,
    );
  }
  const compact = base64.replace(/\s+/g, "");
  const bytes = compact === "" ? undefined : base64Decode(compact);
  if (bytes === undefined) throw new SamlAssertionError("The SAML response is not valid base64.");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new SamlAssertionError("The decoded SAML response is not UTF-8 text.");
  }
}
