import assert from "node:assert/strict";
import { DOMParser } from "@xmldom/xmldom";
import { XmlParseError } from "../../../src/_shared/xml/parse.ts";
import { samlResponseFromAssertion } from "../../../src/saml/_response_from_assertion.ts";
import {
  readWsTrustAnswer,
  wsTrustIssueRequest,
} from "../../../src/saml/adapters/ping_federate/_ws_trust.ts";
import { escapeXml, namespacesInScope } from "../../../src/saml/_ws_trust_xml.ts";

const SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
const SAML2 = "urn:oasis:names:tc:SAML:2.0:assertion";

Deno.test("wsTrustIssueRequest is well-formed XML with escaped credentials and AppliesTo", () => {
  const body = wsTrustIssueRequest({
    endpoint: "https://pf.example.com/idp/sts.wst",
    appliesTo: "https://signin.aws.amazon.com/platform/saml/acs/a?b=1&c=2",
    username: `al"ice<`,
    password: `p&ss</wsse:Password><evil/>`,
    now: new Date("2026-01-02T03:04:05.678Z"),
  });
  const doc = new DOMParser().parseFromString(body, "application/xml");
  const wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
  assert.equal(doc.documentElement?.namespaceURI, SOAP12);
  assert.equal(
    doc.getElementsByTagNameNS(wsse, "Password")[0].textContent,
    `p&ss</wsse:Password><evil/>`,
  );
  assert.equal(doc.getElementsByTagNameNS(wsse, "Username")[0].textContent, `al"ice<`);
  assert.equal(doc.getElementsByTagName("evil").length, 0);
  assert.match(
    body,
    /<wsa:Address>https:\/\/signin\.aws\.amazon\.com\/platform\/saml\/acs\/a\?b=1&amp;c=2</,
  );
  assert.match(
    body,
    /<wsu:Created>2026-01-02T03:04:05Z<\/wsu:Created><wsu:Expires>2026-01-02T03:09:05Z</,
  );
});

Deno.test("wsTrustIssueRequest refuses control characters without quoting the value", () => {
  assert.throws(
    () =>
      wsTrustIssueRequest({
        endpoint: "https://x",
        appliesTo: "a",
        username: "u",
        password: "pw\u0001secret",
      }),
    (error: Error) => error instanceof TypeError && !error.message.includes("secret"),
  );
  assert.equal(escapeXml("emoji \u{1F600} ok"), "emoji \u{1F600} ok");
  assert.throws(() => escapeXml("lone \uD800 surrogate"), TypeError);
});

Deno.test("readWsTrustAnswer keeps the assertion byte for byte with its inherited namespaces", () => {
  const assertion = `<saml2:Assertion ID="_a" Version="2.0"><saml2:Issuer>i</saml2:Issuer>` +
    `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/></saml2:Assertion>`;
  const xml = `<s:Envelope xmlns:s="${SOAP12}"><s:Body>` +
    `<t:RequestSecurityTokenResponseCollection xmlns:t="http://docs.oasis-open.org/ws-sx/ws-trust/200512/">` +
    `<t:RequestSecurityTokenResponse xmlns:saml2="${SAML2}"><t:TokenType>x</t:TokenType>` +
    `<t:RequestedSecurityToken>\n  ${assertion}\n</t:RequestedSecurityToken>` +
    `</t:RequestSecurityTokenResponse></t:RequestSecurityTokenResponseCollection></s:Body></s:Envelope>`;
  const answer = readWsTrustAnswer(xml);
  assert.equal(answer.kind, "assertion");
  if (answer.kind !== "assertion") return;
  assert.equal(answer.assertionXml, assertion);
  assert.equal(answer.inheritedNamespaces.get("saml2"), SAML2);
  assert.equal(answer.inheritedNamespaces.get("s"), SOAP12);
  const response = new TextDecoder().decode(
    Uint8Array.from(
      atob(samlResponseFromAssertion(answer.assertionXml, answer.inheritedNamespaces)),
      (c) => c.charCodeAt(0),
    ),
  );
  const doc = new DOMParser().parseFromString(response, "application/xml");
  const parsed = doc.getElementsByTagNameNS(SAML2, "Assertion")[0];
  assert.equal(parsed?.getAttribute("ID"), "_a");
  assert.ok(response.includes(assertion));
});

Deno.test("readWsTrustAnswer reads SOAP 1.2 subcodes and SOAP 1.1 fault codes", () => {
  const soap12 = readWsTrustAnswer(
    `<s:Envelope xmlns:s="${SOAP12}"><s:Body><s:Fault><s:Code><s:Value>s:Sender</s:Value>` +
      `<s:Subcode><s:Value>wst:FailedAuthentication</s:Value></s:Subcode></s:Code>` +
      `<s:Reason><s:Text>bad password hunter2</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>`,
  );
  assert.deepEqual(soap12, { kind: "fault", code: "wst:FailedAuthentication" });
  const soap11 = readWsTrustAnswer(
    `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>` +
      `<faultcode>wsse:InvalidSecurity</faultcode><faultstring>x</faultstring></soap:Fault></soap:Body></soap:Envelope>`,
  );
  assert.deepEqual(soap11, { kind: "fault", code: "wsse:InvalidSecurity" });
});

Deno.test("readWsTrustAnswer refuses DOCTYPEs, SAML 1.1, empty tokens and non-SOAP text", () => {
  const rstr = (token: string) =>
    `<s:Envelope xmlns:s="${SOAP12}"><s:Body><RequestSecurityTokenResponse>` +
    `<RequestedSecurityToken>${token}</RequestedSecurityToken></RequestSecurityTokenResponse></s:Body></s:Envelope>`;
  assert.throws(
    () => readWsTrustAnswer(`<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${rstr("&e;")}`),
    XmlParseError,
  );
  assert.throws(
    () =>
      readWsTrustAnswer(
        rstr(`<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:1.0:assertion"/>`),
      ),
    /not SAML 2\.0/,
  );
  assert.throws(() => readWsTrustAnswer(rstr("")), /holds no Assertion/);
  assert.throws(
    () => readWsTrustAnswer("<html><body>Login</body></html>"),
    /no RequestedSecurityToken/,
  );
  assert.throws(() => readWsTrustAnswer("not xml at all <"), XmlParseError);
});

Deno.test("namespacesInScope ignores closed siblings, comments and self-closed elements", () => {
  const xml =
    `<a xmlns="urn:d" xmlns:p="urn:1"><!-- <x xmlns:p="urn:bad"> --><b xmlns:p="urn:2"/>` +
    `<c xmlns:q='urn:q'><t/>`;
  const scope = namespacesInScope(xml, xml.length - 4);
  assert.deepEqual([...scope].sort(), [["", "urn:d"], ["p", "urn:1"], ["q", "urn:q"]]);
});
