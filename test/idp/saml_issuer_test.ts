import assert from "node:assert/strict";
import { DOMParser } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import { OTHER_IDP, signedSamlResponse, signedSamlResponseXml, TEST_IDP } from "./saml_issuer.ts";

const ROLE = {
  roleArn: "arn:aws:iam::123456789012:role/Admin",
  principalArn: "arn:aws:iam::123456789012:saml-provider/Test",
};

/** Verifies `xml`'s one signature against `certificatePem`, as a relying party would. */
function verifies(xml: string, certificatePem = TEST_IDP.certificatePem): boolean {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const signatures = doc.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature");
  assert.equal(signatures.length, 1);
  const verifier = new SignedXml({ publicCert: certificatePem });
  verifier.loadSignature(signatures[0]);
  try {
    return verifier.checkSignature(xml);
  } catch {
    return false;
  }
}

Deno.test("signedSamlResponseXml: the assertion's signature verifies with the test certificate", () => {
  const xml = signedSamlResponseXml({ roles: [ROLE], sessionDuration: 7200 });
  assert.ok(verifies(xml));
  assert.match(xml, /<ds:Signature[^>]*>.*rsa-sha256.*xml-exc-c14n/);
  assert.match(xml, /<\/saml2:Issuer><ds:Signature/);
});

Deno.test("signedSamlResponseXml: changing one byte of the signed assertion breaks the signature", () => {
  const xml = signedSamlResponseXml({ roles: [ROLE] });
  const changed = xml.replace("role/Admin", "role/Admim");
  assert.notEqual(changed, xml);
  assert.equal(verifies(changed), false);
});

Deno.test("signedSamlResponseXml: a certificate other than the signer's does not verify", () => {
  const xml = signedSamlResponseXml({ roles: [ROLE] });
  assert.equal(verifies(xml, OTHER_IDP.certificatePem), false);
  const otherSigned = signedSamlResponseXml({ roles: [ROLE], ...OTHER_IDP });
  assert.ok(verifies(otherSigned, OTHER_IDP.certificatePem));
  assert.equal(verifies(otherSigned), false);
});

Deno.test("signedSamlResponse: base64 of the response XML, UTF-8 preserved", () => {
  const base64 = signedSamlResponse({ roles: [ROLE], subject: "zoë@example.com" });
  const xml = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
  assert.ok(xml.includes("zoë@example.com"));
  assert.ok(verifies(xml));
});
