/**
 * How the emulator's `AssumeRoleWithSAML` judges a `SAMLAssertion`, as AWS does: the XML
 * signature by the registered SAML provider's key ({@linkcode signedAssertion}), the
 * audience, the recipient, the validity window and the role pair.
 *
 * @module
 */
import type { Element } from "@xmldom/xmldom";
import { TEST_IDP } from "../../idp/saml_issuer.ts";
import { childElements, SAML_NS, signedAssertion } from "./saml_signature_check.ts";

/** The SAML audiences STS accepts an assertion for. */
export const AWS_SAML_AUDIENCES: readonly string[] = [
  "https://signin.aws.amazon.com/saml",
  "urn:amazon:webservices",
];
/** The sign-in endpoints a `Recipient` may name: global or regional. */
const AWS_RECIPIENT =
  /^https:\/\/(?:[a-z0-9-]+\.)?signin\.aws\.amazon\.com\/saml$|^urn:amazon:webservices$/;
const ATTRIBUTES = "https://aws.amazon.com/SAML/Attributes/";
const NAMEID_FORMAT = "urn:oasis:names:tc:SAML:2.0:nameid-format:";
/** The clock skew AWS tolerates on `NotBefore`. */
const SKEW_MS = 5 * 60_000;

/** What `AssumeRoleWithSAML` reads from an accepted assertion. */
export interface SamlAssertionFacts {
  /** The `Issuer` element. */
  readonly issuer: string;
  /** The `NameID` of the `Subject`. */
  readonly subject: string;
  /** The `NameID` format, `transient` or `persistent` for SAML 2.0's, else the full URN. */
  readonly subjectType: string;
  /** The `Recipient` of `SubjectConfirmationData`, else the matching `Audience`. */
  readonly audience: string;
  /** The `…/Attributes/RoleSessionName` attribute, if any. */
  readonly roleSessionName?: string;
  /** The `…/Attributes/SessionDuration` attribute in seconds, if any. */
  readonly sessionDuration?: number;
}

/** The outcome of {@linkcode checkSamlAssertion}; `code` is the STS error code to answer. */
export type SamlAssertionCheck =
  | { readonly ok: true; readonly facts: SamlAssertionFacts }
  | {
    readonly ok: false;
    readonly code: "InvalidIdentityToken" | "ExpiredTokenException";
    readonly message: string;
  };

/** What the assertion is checked against. */
export interface SamlExpectation {
  /** The `RoleArn` parameter: a `Role` attribute value must pair it with `principalArn`. */
  readonly roleArn: string;
  /** The `PrincipalArn` parameter: the SAML provider. */
  readonly principalArn: string;
  /** The provider's registered certificate; defaults to the test IdP's. */
  readonly certificatePem?: string;
  /** The current time; defaults to the real clock. */
  readonly now?: Date;
}

/**
 * Decides whether STS accepts a base64 `SAMLAssertion`: a SAML 2.0 Response with exactly
 * one `Assertion`, signed (assertion or response) with the provider's key; an `Audience` of
 * {@linkcode AWS_SAML_AUDIENCES}; a `Recipient`, if any, naming AWS's sign-in endpoint; not
 * before `NotBefore` (5 minutes' skew) nor at/after any `NotOnOrAfter`
 * (`ExpiredTokenException`); and a `Role` value naming the role and the provider (either
 * order). Every fact is read from the verified assertion element.
 */
export function checkSamlAssertion(base64: string, expected: SamlExpectation): SamlAssertionCheck {
  const invalid = (message: string): SamlAssertionCheck => ({
    ok: false,
    code: "InvalidIdentityToken",
    message: `Invalid SAML response: ${message}`,
  });
  const xml = decodeBase64Text(base64);
  if (xml === undefined || !/^\s*</.test(xml)) {
    return invalid("not a base64-encoded SAML response.");
  }
  const signed = signedAssertion(xml, expected.certificatePem ?? TEST_IDP.certificatePem);
  if ("refused" in signed) return invalid(signed.refused);
  const { assertion } = signed;
  const conditions = first(assertion, "Conditions");
  const audience = descendants(conditions, "Audience").map(text).find((value) =>
    AWS_SAML_AUDIENCES.includes(value)
  );
  if (audience === undefined) return invalid("the audience is not AWS (Audience element).");
  const confirmation = descendants(first(assertion, "Subject"), "SubjectConfirmationData")[0];
  const recipient = confirmation?.getAttribute("Recipient") ?? undefined;
  if (recipient !== undefined && recipient !== "" && !AWS_RECIPIENT.test(recipient)) {
    return invalid("the Recipient is not the AWS sign-in endpoint.");
  }
  const now = (expected.now ?? new Date()).getTime();
  const notBefore = Date.parse(conditions?.getAttribute("NotBefore") ?? "");
  if (notBefore - SKEW_MS > now) return invalid("the assertion is not yet valid (NotBefore).");
  const expiries = [conditions, confirmation].map((e) =>
    Date.parse(e?.getAttribute("NotOnOrAfter") ?? "")
  );
  if (expiries.some((expiry) => expiry <= now)) {
    return {
      ok: false,
      code: "ExpiredTokenException",
      message: "Token expired: current date/time must be before the expiration date/time.",
    };
  }
  const wanted = [expected.roleArn, expected.principalArn].sort().join(",");
  const roleValues = attributeValues(assertion, `${ATTRIBUTES}Role`);
  if (
    !roleValues.some((value) => value.split(",").map((s) => s.trim()).sort().join(",") === wanted)
  ) {
    return invalid("no Role attribute value for the RoleArn and PrincipalArn.");
  }
  const nameId = descendants(first(assertion, "Subject"), "NameID")[0];
  const format = nameId?.getAttribute("Format") || `${NAMEID_FORMAT}transient`;
  const duration = attributeValues(assertion, `${ATTRIBUTES}SessionDuration`)[0];
  return {
    ok: true,
    facts: {
      issuer: text(first(assertion, "Issuer")),
      subject: text(nameId),
      subjectType: format.startsWith(NAMEID_FORMAT) ? format.slice(NAMEID_FORMAT.length) : format,
      audience: recipient || audience,
      roleSessionName: attributeValues(assertion, `${ATTRIBUTES}RoleSessionName`)[0],
      sessionDuration: duration === undefined ? undefined : Number(duration),
    },
  };
}

function decodeBase64Text(base64: string): string | undefined {
  const compact = base64.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  try {
    const bytes = Uint8Array.from(atob(compact), (char) => char.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The first child element of `parent` in the assertion namespace named `local`. */
function first(parent: Element | undefined, local: string): Element | undefined {
  return parent === undefined
    ? undefined
    : childElements(parent).find((e) => e.namespaceURI === SAML_NS && e.localName === local);
}

function descendants(parent: Element | undefined, local: string): Element[] {
  return parent === undefined ? [] : [...parent.getElementsByTagNameNS(SAML_NS, local)];
}

function text(element: Element | undefined): string {
  return element?.textContent?.trim() ?? "";
}

/** The values of the `Attribute` named `name`. */
function attributeValues(assertion: Element, name: string): string[] {
  return descendants(first(assertion, "AttributeStatement"), "Attribute")
    .filter((attribute) => attribute.getAttribute("Name") === name)
    .flatMap((attribute) => descendants(attribute, "AttributeValue").map(text));
}
