/** The SAML audiences STS accepts an assertion for. */
export const AWS_SAML_AUDIENCES: readonly string[] = [
  "https://signin.aws.amazon.com/saml",
  "urn:amazon:webservices",
];

const ATTRIBUTES = "https://aws.amazon.com/SAML/Attributes/";
const NAMEID_FORMAT = "urn:oasis:names:tc:SAML:2.0:nameid-format:";
const RECIPIENT = /<(?:[\w.-]+:)?SubjectConfirmationData\s[^>]*\bRecipient="([^"]*)"/;

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

/** The outcome of {@linkcode checkSamlAssertion}. */
export type SamlAssertionCheck =
  | { readonly ok: true; readonly facts: SamlAssertionFacts }
  | { readonly ok: false; readonly message: string };

/**
 * Decides whether STS accepts a base64 `SAMLAssertion` for `roleArn` and `principalArn`:
 * it must decode to XML holding an `Assertion`, an `Audience` of
 * {@linkcode AWS_SAML_AUDIENCES}, and a `Role` attribute value naming the role and the
 * provider (`role,principal`, either order). The XML signature is not checked yet: this
 * function is the one to replace when it is.
 */
export function checkSamlAssertion(
  base64: string,
  expected: { roleArn: string; principalArn: string },
): SamlAssertionCheck {
  const xml = decodeBase64Text(base64);
  if (xml === undefined || !/^\s*</.test(xml) || elements(xml, "Assertion").length === 0) {
    return { ok: false, message: "Invalid SAML response: not a base64-encoded SAML assertion." };
  }
  const audience = elements(xml, "Audience").map((e) => e.text).find((text) =>
    AWS_SAML_AUDIENCES.includes(text)
  );
  if (audience === undefined) {
    return { ok: false, message: "SAML assertion audience is not AWS (Audience element)." };
  }
  const wanted = [expected.roleArn, expected.principalArn].sort().join(",");
  const roleValues = attributeValues(xml, `${ATTRIBUTES}Role`);
  if (
    !roleValues.some((value) => value.split(",").map((s) => s.trim()).sort().join(",") === wanted)
  ) {
    return {
      ok: false,
      message: "SAML assertion has no Role attribute value for the RoleArn and PrincipalArn.",
    };
  }
  const nameId = elements(xml, "NameID")[0];
  const format = unescapeXml(
    nameId?.attributes.match(/\bFormat="([^"]*)"/)?.[1] ?? `${NAMEID_FORMAT}transient`,
  );
  const duration = attributeValues(xml, `${ATTRIBUTES}SessionDuration`)[0];
  return {
    ok: true,
    facts: {
      issuer: elements(xml, "Issuer")[0]?.text ?? "",
      subject: nameId?.text ?? "",
      subjectType: format.startsWith(NAMEID_FORMAT) ? format.slice(NAMEID_FORMAT.length) : format,
      audience: unescapeXml(xml.match(RECIPIENT)?.[1] ?? audience),
      roleSessionName: attributeValues(xml, `${ATTRIBUTES}RoleSessionName`)[0],
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

/** The elements named `local` (any namespace prefix): attributes, raw content, unescaped text. */
function elements(
  xml: string,
  local: string,
): { attributes: string; inner: string; text: string }[] {
  const pattern = new RegExp(
    `<(?:[\\w.-]+:)?${local}(\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w.-]+:)?${local}>`,
    "g",
  );
  return [...xml.matchAll(pattern)].map((match) => ({
    attributes: match[1] ?? "",
    inner: match[2],
    text: unescapeXml(match[2].trim()),
  }));
}

/** The values of the `Attribute` named `name`. */
function attributeValues(xml: string, name: string): string[] {
  return elements(xml, "Attribute")
    .filter((attribute) => attribute.attributes.includes(`Name="${name}"`))
    .flatMap((attribute) => elements(attribute.inner, "AttributeValue").map((value) => value.text));
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, name: string) => {
    if (name.startsWith("#x") || name.startsWith("#X")) {
      return String.fromCodePoint(parseInt(name.slice(2), 16));
    }
    if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? entity;
  });
}
