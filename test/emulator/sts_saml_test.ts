// AssumeRoleWithSAML as AWS judges it: served without a SigV4 signature, the assertion's
// XML signature checked against the registered SAML provider's certificate, then the
// audience, recipient, validity window and role pair; wrapped or duplicated assertions
// are refused.
import assert from "node:assert/strict";
import { EmulatorState, startEmulator } from "./emulator.ts";
import { callerArn, callSts, credentialsFrom, errorOf, xmlValue } from "./sts_requests.ts";
import {
  base64Utf8,
  OTHER_IDP,
  registerTestIdp,
  type SignedSamlInit,
  signedSamlResponse,
  signedSamlResponseXml,
} from "../idp/saml_issuer.ts";

const ROLE_ARN = "arn:aws:iam::111122223333:role/WebApp";
const PRINCIPAL_ARN = "arn:aws:iam::111122223333:saml-provider/Okta";
const ROLE = { roleArn: ROLE_ARN, principalArn: PRINCIPAL_ARN };

function samlState(): EmulatorState {
  const state = new EmulatorState();
  state.addRole({ arn: ROLE_ARN });
  registerTestIdp(state, { principalArn: PRINCIPAL_ARN });
  return state;
}

function samlParams(SAMLAssertion: string, principalArn = PRINCIPAL_ARN): Record<string, string> {
  return {
    Action: "AssumeRoleWithSAML",
    RoleArn: ROLE_ARN,
    PrincipalArn: principalArn,
    SAMLAssertion,
  };
}

async function refusal(
  state: EmulatorState,
  assertion: string,
  principalArn?: string,
): Promise<[number, string, string]> {
  await using emulator = await startEmulator({ state });
  const result = await callSts(emulator, samlParams(assertion, principalArn), { keys: null });
  return [...errorOf(result), xmlValue(result.body, "Message") ?? ""];
}

Deno.test("AssumeRoleWithSAML accepts a signed assertion and answers its subject and issuer", async () => {
  await using emulator = await startEmulator({ state: samlState() });
  const assertion = signedSamlResponse({
    roles: [`${ROLE_ARN.replace("WebApp", "Other")},${PRINCIPAL_ARN}`, ROLE],
    issuer: "http://www.okta.com/exk1",
    subject: "alice@example.com",
    roleSessionName: "alice@example.com",
    sessionDuration: 1800,
  });
  const result = await callSts(emulator, samlParams(assertion), { keys: null });
  assert.equal(result.status, 200, result.body);
  assert.match(
    result.body,
    /^<AssumeRoleWithSAMLResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><AssumeRoleWithSAMLResult><Credentials>/,
  );
  assert.equal(xmlValue(result.body, "Subject"), "alice@example.com");
  assert.equal(xmlValue(result.body, "SubjectType"), "persistent");
  assert.equal(xmlValue(result.body, "Issuer"), "http://www.okta.com/exk1");
  assert.equal(xmlValue(result.body, "Audience"), "https://signin.aws.amazon.com/saml");
  const digest = await crypto.subtle.digest(
    "SHA-1",
    new TextEncoder().encode("http://www.okta.com/exk1111122223333/Okta"),
  );
  assert.equal(
    xmlValue(result.body, "NameQualifier"),
    btoa(String.fromCharCode(...new Uint8Array(digest))),
  );
  const keys = credentialsFrom(result.body);
  const lifetime = Date.parse(keys.expiration) - Date.now();
  assert.ok(lifetime > 1790_000 && lifetime <= 1800_000, String(lifetime));
  assert.equal(
    await callerArn(emulator, keys),
    "arn:aws:sts::111122223333:assumed-role/WebApp/alice@example.com",
  );
});

Deno.test("AssumeRoleWithSAML accepts the role pair in either order and urn:amazon:webservices", async () => {
  await using emulator = await startEmulator({ state: samlState() });
  const assertion = signedSamlResponse({
    roles: [`${PRINCIPAL_ARN},${ROLE_ARN}`],
    audience: "urn:amazon:webservices",
    recipient: "https://us-east-2.signin.aws.amazon.com/saml",
  });
  const result = await callSts(emulator, samlParams(assertion), { keys: null });
  assert.equal(result.status, 200, result.body);
  assert.equal(xmlValue(result.body, "Audience"), "https://us-east-2.signin.aws.amazon.com/saml");
});

Deno.test("AssumeRoleWithSAML refuses bad signatures: tampered, other key, unsigned, KeyInfo swapped", async () => {
  const xml = signedSamlResponseXml({ roles: [ROLE], subject: "alice@example.com" });
  const unsigned = xml.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, "");
  assert.notEqual(unsigned, xml);
  const cases: [string, RegExp][] = [
    [base64Utf8(xml.replace("alice@example.com", "admin@example.com")), /signature is invalid/],
    [signedSamlResponse({ roles: [ROLE], ...OTHER_IDP }), /signature is invalid/],
    [base64Utf8(unsigned), /not signed/],
  ];
  for (const [assertion, message] of cases) {
    const [status, code, text] = await refusal(samlState(), assertion);
    assert.deepEqual([status, code], [400, "InvalidIdentityToken"]);
    assert.match(text, message);
  }
});

Deno.test("AssumeRoleWithSAML refuses wrapped and duplicated assertions", async () => {
  const xml = signedSamlResponseXml({
    roles: [`${ROLE_ARN.replace("WebApp", "Reader")},${PRINCIPAL_ARN}`],
  });
  const signed = xml.slice(xml.indexOf("<saml2:Assertion"), xml.indexOf("</saml2p:Response>"));
  const forged = signed
    .replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, "")
    .replace("role/Reader", "role/WebApp")
    .replace(/ID="[^"]+"/, 'ID="_forged"');
  const attacks = [
    // A forged assertion first, the genuine signed one hidden in the Response's Extensions.
    xml.replace(signed, `<saml2p:Extensions>${signed}</saml2p:Extensions>${forged}`),
    // The genuine one followed by the forged one.
    xml.replace(signed, signed + forged),
    // The same signed assertion twice.
    xml.replace(signed, signed + signed),
    // The forged assertion wrapping the genuine one.
    xml.replace(signed, forged.replace("</saml2:Assertion>", `${signed}</saml2:Assertion>`)),
  ];
  for (const attack of attacks) {
    const [status, code, text] = await refusal(samlState(), base64Utf8(attack));
    assert.deepEqual([status, code], [400, "InvalidIdentityToken"], attack.slice(0, 300));
    assert.match(text, /exactly one Assertion|signature|not a child/);
  }
  // The forged assertion carrying the genuine signature (references the genuine ID).
  const moved = forged.replace(
    "</saml2:Issuer>",
    `</saml2:Issuer>${signed.match(/<ds:Signature[\s\S]*<\/ds:Signature>/)![0]}`,
  );
  const [, code, text] = await refusal(samlState(), base64Utf8(xml.replace(signed, moved)));
  assert.equal(code, "InvalidIdentityToken");
  assert.match(text, /signature is invalid/);
});

Deno.test("AssumeRoleWithSAML: an unregistered provider, a wrong audience or role pair are refused", async () => {
  const base: SignedSamlInit = { roles: [ROLE] };
  const cases: [string, string | undefined, RegExp][] = [
    [signedSamlResponse(base), "arn:aws:iam::111122223333:saml-provider/Ping", /No SAML provider/],
    [signedSamlResponse({ ...base, audience: "https://example.com/sp" }), undefined, /audience/],
    [
      signedSamlResponse({ ...base, recipient: "https://evil.example/acs" }),
      undefined,
      /Recipient/,
    ],
    [
      signedSamlResponse({ roles: [{ ...ROLE, roleArn: `${ROLE_ARN}2` }] }),
      undefined,
      /Role attribute/,
    ],
    ["bm90IHhtbA==", undefined, /not a base64-encoded SAML/],
    ["%%%%", undefined, /not a base64-encoded SAML/],
    [btoa('<!DOCTYPE x [<!ENTITY a "a">]><x>&a;</x>'), undefined, /DTD/],
  ];
  for (const [assertion, principal, message] of cases) {
    const [status, code, text] = await refusal(samlState(), assertion, principal);
    assert.deepEqual([status, code], [400, "InvalidIdentityToken"]);
    assert.match(text, message);
  }
});

Deno.test("AssumeRoleWithSAML answers ExpiredTokenException on the emulator's clock", async () => {
  const state = samlState();
  const now = new Date("2031-01-01T12:00:00Z");
  state.fixedTime = now;
  const assertion = signedSamlResponse({
    roles: [ROLE],
    now,
    notOnOrAfter: new Date(now.getTime() + 60_000),
  });
  {
    await using emulator = await startEmulator({ state });
    assert.equal((await callSts(emulator, samlParams(assertion), { keys: null })).status, 200);
  }
  state.fixedTime = new Date(now.getTime() + 60_000);
  const [status, code] = await refusal(state, assertion);
  assert.deepEqual([status, code], [400, "ExpiredTokenException"]);
  state.fixedTime = new Date(now.getTime() - 3600_000);
  assert.match((await refusal(state, assertion))[2], /not yet valid/);
});
