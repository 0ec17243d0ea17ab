// Hostile input for the client-side SAML reader: every case fails with a typed error, fast.
import assert from "node:assert/strict";
import { SamlAssertionError } from "../../src/saml/errors.ts";
import { parseSamlAssertion } from "../../src/saml/assertion.ts";
import { base64Utf8, signedSamlResponseXml } from "../idp/saml_issuer.ts";
import { assertFinishesInTime } from "../finishes_in_time.ts";

const ROLE = {
  roleArn: "arn:aws:iam::123456789012:role/Dev",
  principalArn: "arn:aws:iam::123456789012:saml-provider/TestIdp",
};

function refusedQuickly(name: string, base64: string, pattern: RegExp): Promise<void> {
  return assertFinishesInTime(name, () => {
    assert.throws(() => parseSamlAssertion(base64), (error) => {
      assert.ok(error instanceof SamlAssertionError, `${name}: ${error}`);
      assert.match(error.message, pattern, name);
      return true;
    });
  });
}

const LAUGHS = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
  Array.from(
    { length: 9 },
    (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`,
  ).join("") +
  ']><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&lol9;</samlp:Response>';

Deno.test("parseSamlAssertion refuses entity attacks before parsing", async () => {
  await refusedQuickly("billion laughs", base64Utf8(LAUGHS), /DOCTYPE or entities/);
  const external = '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
    '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&xxe;</samlp:Response>';
  await refusedQuickly("external entity", base64Utf8(external), /DOCTYPE or entities/);
  const signed = signedSamlResponseXml({ roles: [ROLE] });
  const inlineEntity = signed.replace("?>", '?><!DOCTYPE Response [<!ENTITY role "x">]>');
  await refusedQuickly("entity in a signed response", base64Utf8(inlineEntity), /DOCTYPE/);
  const undefinedEntity = signed.replace("alice@example.com", "&xxe;");
  const info = parseSamlAssertion(base64Utf8(undefinedEntity));
  assert.equal(info.subject, "&xxe;", "undeclared entities stay text, nothing is fetched");
});

Deno.test("parseSamlAssertion refuses oversized and malformed base64 at once", async () => {
  await refusedQuickly("10 MB of garbage", "\u0000garbage!".repeat(1_000_000), /longer than/);
  await refusedQuickly("10 MB of base64", "QUFB".repeat(2_500_000), /longer than/);
  await refusedQuickly(
    "1.3 MB of base64 letters",
    "A".repeat(1_300_000),
    /not valid base64|not well-formed/,
  );
  await refusedQuickly("bad characters", `${"QUFB".repeat(1000)}*`, /not valid base64/);
  await refusedQuickly("padding in the middle", "QQ==QUFB", /not valid base64/);
  await refusedQuickly(
    "random bytes",
    btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(4096)))),
    /not UTF-8|not well-formed|not a SAML/,
  );
});

Deno.test("parseSamlAssertion bounds hostile XML within the size limit", async () => {
  const deep = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">${
    "<a>".repeat(100_000)
  }${"</a>".repeat(100_000)}</samlp:Response>`;
  await refusedQuickly("100k nested elements", base64Utf8(deep), /nested deeper than 64/);
  const wide = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">${
    "<b/>".repeat(200_000)
  }</samlp:Response>`;
  await refusedQuickly("200k siblings", base64Utf8(wide), /holds 0 assertions/);
  const attributes = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ${
    Array.from({ length: 30_000 }, (_, i) => `a${i}="x"`).join(" ")
  }/>`;
  await refusedQuickly("30k attributes", base64Utf8(attributes), /holds 0 assertions/);
  const unclosed = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><x a="${
    "y".repeat(700_000)
  }`;
  await refusedQuickly("unterminated attribute", base64Utf8(unclosed), /not well-formed/);
});

Deno.test("parseSamlAssertion refuses a response with a wrapped second assertion", async () => {
  const xml = signedSamlResponseXml({ roles: [ROLE] });
  const assertion = xml.slice(xml.indexOf("<saml2:Assertion"), xml.indexOf("</saml2p:Response>"));
  const forged = assertion.replace("role/Dev", "role/Admin");
  await refusedQuickly(
    "two assertions",
    base64Utf8(xml.replace(assertion, forged + assertion)),
    /holds 2 assertions/,
  );
});
