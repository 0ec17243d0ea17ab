import assert from "node:assert/strict";
import { SamlAssertionError } from "../../src/saml/errors.ts";
import { parseSamlAssertion } from "../../src/saml/assertion.ts";
import { base64Utf8, signedSamlResponse, signedSamlResponseXml } from "../idp/saml_issuer.ts";

const ACCOUNT = "arn:aws:iam::123456789012";
const PROVIDER = `${ACCOUNT}:saml-provider/TestIdp`;
const DEV = { roleArn: `${ACCOUNT}:role/Dev`, principalArn: PROVIDER };
const OPS = { roleArn: `${ACCOUNT}:role/team/Ops`, principalArn: PROVIDER };

function refused(base64: string, pattern: RegExp): void {
  assert.throws(() => parseSamlAssertion(base64), (error) => {
    assert.ok(error instanceof SamlAssertionError, String(error));
    assert.match(error.message, pattern);
    if (base64.length >= 8) {
      assert.ok(!error.message.includes(base64.slice(0, 40)), "the assertion is never quoted");
    }
    return true;
  });
}

Deno.test("parseSamlAssertion: reads what AWS reads from a signed response", () => {
  const notOnOrAfter = new Date("2031-05-06T07:08:09.000Z");
  const info = parseSamlAssertion(signedSamlResponse({
    roles: [DEV],
    subject: "alice&bob@example.com",
    issuer: "https://idp.example.com/saml",
    sessionDuration: 7200,
    roleSessionName: "alice@example.com",
    notOnOrAfter,
    recipient: "https://eu-west-1.signin.aws.amazon.com/saml",
  }));
  assert.deepEqual(info, {
    roles: [DEV],
    audiences: ["https://signin.aws.amazon.com/saml"],
    sessionDuration: 7200,
    roleSessionName: "alice@example.com",
    subject: "alice&bob@example.com",
    issuer: "https://idp.example.com/saml",
    notOnOrAfter,
    recipient: "https://eu-west-1.signin.aws.amazon.com/saml",
  });
});

Deno.test("parseSamlAssertion: roles in either order, several per value and several values", () => {
  const other = `${ACCOUNT}:saml-provider/Other`;
  const info = parseSamlAssertion(signedSamlResponse({
    roles: [
      `${PROVIDER},${DEV.roleArn}`,
      `${OPS.roleArn}, ${OPS.principalArn}`,
      `${ACCOUNT}:role/A,${PROVIDER},${ACCOUNT}:role/B,${other}`,
      `${ACCOUNT}:role/C;${ACCOUNT}:role/D;${other}`,
      DEV,
      "not-an-arn,also-not",
      `${ACCOUNT}:role/Lonely`,
    ],
  }));
  assert.deepEqual(
    info.roles.map((r) => `${r.roleArn.split(":").at(-1)} ${r.principalArn.split("/")[1]}`),
    [
      "role/Dev TestIdp",
      "role/team/Ops TestIdp",
      "role/A TestIdp",
      "role/B Other",
      "role/C Other",
      "role/D Other",
    ],
  );
});

Deno.test("parseSamlAssertion: accepts URL-safe base64, line breaks, and AWS's regional audiences", () => {
  const xml = signedSamlResponseXml({ roles: [DEV], audience: "urn:amazon:webservices" });
  const urlSafe = base64Utf8(xml).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  assert.deepEqual(parseSamlAssertion(urlSafe).audiences, ["urn:amazon:webservices"]);
  const wrapped = base64Utf8(xml).replace(/.{76}/g, "$&\r\n");
  assert.equal(parseSamlAssertion(wrapped).roles.length, 1);
  for (
    const audience of [
      "https://us-east-2.signin.aws.amazon.com/saml",
      "https://signin.amazonaws.cn/saml",
    ]
  ) {
    assert.deepEqual(parseSamlAssertion(signedSamlResponse({ roles: [DEV], audience })).audiences, [
      audience,
    ]);
  }
});

Deno.test("parseSamlAssertion: another audience is refused, naming it", () => {
  refused(
    signedSamlResponse({ roles: [DEV], audience: "https://salesforce.example.com/sp" }),
    /is for "https:\/\/salesforce\.example\.com\/sp", not AWS/,
  );
  const noAudience = signedSamlResponseXml({ roles: [DEV] })
    .replace(/<saml2:AudienceRestriction>.*<\/saml2:AudienceRestriction>/, "");
  refused(base64Utf8(noAudience), /names no audience/);
});

Deno.test("parseSamlAssertion: encrypted, missing, duplicated assertions and missing roles are refused", () => {
  const xml = signedSamlResponseXml({ roles: [DEV] });
  const assertion = xml.slice(xml.indexOf("<saml2:Assertion"), xml.indexOf("</saml2p:Response>"));
  const encrypted = xml.replace(
    assertion,
    '<saml2:EncryptedAssertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion">' +
      '<xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#">AAAA</xenc:EncryptedData>' +
      "</saml2:EncryptedAssertion>",
  );
  refused(base64Utf8(encrypted), /encrypted/);
  refused(base64Utf8(xml.replace(assertion, "")), /holds 0 assertions/);
  refused(base64Utf8(xml.replace(assertion, assertion + assertion)), /holds 2 assertions/);
  refused(signedSamlResponse({ roles: ["nothing useful"] }), /no usable .*Role attribute/);
  refused(base64Utf8(assertion), /not a SAML 2.0 Response/);
});

Deno.test("parseSamlAssertion: malformed base64, non-UTF-8 and non-XML input get typed errors", () => {
  refused("", /not valid base64/);
  refused("not base64 at all!", /not valid base64/);
  refused("PHNhbWw", /not valid base64|not well-formed/);
  refused("A", /not valid base64/);
  refused(btoa("\xff\xfe<x/>"), /not UTF-8/);
  refused(btoa("<samlp:Response><unclosed></samlp:Response>"), /XML is not well-formed/);
  refused(btoa("just text"), /not a SAML 2.0 Response|not well-formed/);
});
