/**
 * What the Okta tests share: the user, a recognisable password, the roles the fake org's
 * AWS app grants, and how to read the roles of a SAML response.
 *
 * @module
 */

/** The fake org's user. */
export const USER = "alice@example.com";

/** The user's password: recognisable, so a leak into an error shows. */
export const PASSWORD = "okta-PASSWORD-SECRET-correct-horse";

/** The SAML provider registered for the fake org. */
export const OKTA_PRINCIPAL_ARN = "arn:aws:iam::123456789012:saml-provider/Okta";

/** The role the fake org's AWS app grants. */
export const OKTA_ROLE_ARN = "arn:aws:iam::123456789012:role/OktaDevelopers";

/** The roles of the fake org's assertions. */
export const OKTA_ROLES = [{ roleArn: OKTA_ROLE_ARN, principalArn: OKTA_PRINCIPAL_ARN }];

/** The `Role` attribute values of a base64 SAML Response, read from its XML text. */
export function samlRoleValues(samlResponse: string): string[] {
  const xml = new TextDecoder().decode(Uint8Array.from(atob(samlResponse), (c) => c.charCodeAt(0)));
  const attribute = xml.match(
    /<saml2:Attribute Name="https:\/\/aws\.amazon\.com\/SAML\/Attributes\/Role">(.*?)<\/saml2:Attribute>/,
  );
  return [
    ...(attribute?.[1] ?? "").matchAll(/<saml2:AttributeValue>(.*?)<\/saml2:AttributeValue>/g),
  ]
    .map((match) => match[1]);
}
