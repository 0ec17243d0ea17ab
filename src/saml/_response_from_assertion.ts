import { escapeXml } from "./_ws_trust_xml.ts";
import { base64 } from "../_shared/bytes/base64.ts";

const SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
const SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";

/**
 * A base64 SAML 2.0 `Response` around a bare `Assertion` element, for the IdPs that hand out
 * the assertion alone (PingFederate's WS-Trust STS, Azure AD's SAML token grant): STS's
 * `AssumeRoleWithSAML` takes a Response, as CData's and Redshift's connectors build it.
 *
 * `assertionXml` is kept byte for byte, since its signature covers it. `inheritedNamespaces`
 * are the declarations the assertion relied on where it came from (its ancestors'); they are
 * declared on the Response so every prefix keeps its meaning, which is all exclusive
 * canonicalization looks at. The Response itself is unsigned, as AWS only checks the assertion.
 *
 * @example
 * ```ts
 * import { samlResponseFromAssertion } from "./_response_from_assertion.ts";
 * import { assert } from "@std/assert";
 *
 * const response = samlResponseFromAssertion(
 *   '<saml2:Assertion ID="_a" Version="2.0"/>',
 *   new Map([["saml2", "urn:oasis:names:tc:SAML:2.0:assertion"]]),
 * );
 * assert(atob(response).includes('xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion"'));
 * ```
 */
export function samlResponseFromAssertion(
  assertionXml: string,
  inheritedNamespaces: ReadonlyMap<string, string> = new Map(),
): string {
  const prefix =
    ["samlp", "saml2p", "iamfetchp"].find((p) =>
      !inheritedNamespaces.has(p) || inheritedNamespaces.get(p) === SAMLP
    ) ?? "iamfetchp";
  const declarations = [...inheritedNamespaces]
    .filter(([name]) => name !== prefix)
    .map(([name, uri]) => ` xmlns${name === "" ? "" : `:${name}`}="${escapeXml(uri)}"`)
    .join("");
  const xml = `<${prefix}:Response xmlns:${prefix}="${SAMLP}"${declarations} ` +
    `ID="_${crypto.randomUUID()}" Version="2.0" IssueInstant="${new Date().toISOString()}">` +
    `<${prefix}:Status><${prefix}:StatusCode Value="${SUCCESS}"/></${prefix}:Status>` +
    assertionXml + `</${prefix}:Response>`;
  return base64(xml);
}
