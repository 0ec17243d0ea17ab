// AssumeRoleWithWebIdentity: served without a signature, judged on the token, answered in
// STS's XML with credentials that sign later calls. (AssumeRoleWithSAML: sts_saml_test.ts.)
import assert from "node:assert/strict";
import { EmulatorState, startEmulator } from "./emulator.ts";
import { unsignedJwt } from "./federation_fixtures.ts";
import { callerArn, callSts, credentialsFrom, errorOf, xmlValue } from "./sts_requests.ts";

const ROLE_ARN = "arn:aws:iam::111122223333:role/WebApp";
const ISSUER = "https://token.actions.githubusercontent.com";

function federationState(): EmulatorState {
  const state = new EmulatorState();
  state.addRole({ arn: ROLE_ARN });
  state.addOidcProvider({ issuer: ISSUER, audience: "sts.amazonaws.com" });
  return state;
}

function webIdentityParams(token: string): Record<string, string> {
  return {
    Action: "AssumeRoleWithWebIdentity",
    RoleArn: ROLE_ARN,
    RoleSessionName: "gha",
    WebIdentityToken: token,
  };
}

Deno.test("AssumeRoleWithWebIdentity needs no signature and answers the token's subject", async () => {
  await using emulator = await startEmulator({ state: federationState() });
  const token = unsignedJwt({ iss: ISSUER, aud: ["other", "sts.amazonaws.com"], sub: "repo:o/r" });
  const result = await callSts(emulator, webIdentityParams(token), { keys: null });
  assert.equal(result.status, 200, result.body);
  assert.match(
    result.body,
    /^<AssumeRoleWithWebIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><AssumeRoleWithWebIdentityResult><Credentials>/,
  );
  assert.equal(xmlValue(result.body, "SubjectFromWebIdentityToken"), "repo:o/r");
  assert.equal(xmlValue(result.body, "Audience"), "sts.amazonaws.com");
  assert.equal(xmlValue(result.body, "Provider"), ISSUER);
  assert.equal(xmlValue(result.body, "Arn"), "arn:aws:sts::111122223333:assumed-role/WebApp/gha");
  const keys = credentialsFrom(result.body);
  assert.equal(
    await callerArn(emulator, keys),
    "arn:aws:sts::111122223333:assumed-role/WebApp/gha",
  );
  assert.deepEqual(emulator.state.stsCalls[0], {
    action: "AssumeRoleWithWebIdentity",
    params: { Version: "2011-06-15", ...webIdentityParams(token) },
    accessKeyId: undefined,
  });
  assert.equal(emulator.state.log[0].verification, "none");
});

Deno.test("AssumeRoleWithWebIdentity is verified when it is signed", async () => {
  await using emulator = await startEmulator({ state: federationState() });
  const params = webIdentityParams(
    unsignedJwt({ iss: ISSUER, aud: "sts.amazonaws.com", sub: "u" }),
  );
  const signed = await callSts(emulator, params);
  assert.equal(signed.status, 200, signed.body);
  assert.equal(emulator.state.stsCalls[0].accessKeyId, emulator.credentials.accessKeyId);
  const badKey = { accessKeyId: "AKIAUNKNOWNUNKNOWN00", secretAccessKey: "nope" };
  assert.deepEqual(errorOf(await callSts(emulator, params, { keys: badKey })), [
    403,
    "InvalidAccessKeyId",
  ]);
});

Deno.test("AssumeRoleWithWebIdentity refuses tokens STS would refuse", async () => {
  const state = federationState();
  state.fixedTime = new Date("2024-05-01T12:00:00Z");
  await using emulator = await startEmulator({ state });
  const now = state.fixedTime.getTime() / 1000;
  const claims = { iss: ISSUER, aud: "sts.amazonaws.com", sub: "u", exp: now + 60 };
  const cases: [string, number, string][] = [
    ["not-a-jwt", 400, "InvalidIdentityToken"],
    [unsignedJwt({ ...claims, iss: "https://evil.example" }), 400, "InvalidIdentityToken"],
    [unsignedJwt({ ...claims, aud: "someone-else" }), 400, "InvalidIdentityToken"],
    [unsignedJwt({ ...claims, sub: undefined }), 400, "InvalidIdentityToken"],
    [unsignedJwt({ ...claims, exp: now }), 400, "ExpiredTokenException"],
  ];
  for (const [token, status, code] of cases) {
    const result = await callSts(emulator, webIdentityParams(token), { keys: null });
    assert.deepEqual(errorOf(result), [status, code], token);
  }
  const unknownRole = { ...webIdentityParams(unsignedJwt(claims)), RoleArn: `${ROLE_ARN}2` };
  assert.deepEqual(errorOf(await callSts(emulator, unknownRole, { keys: null })), [
    403,
    "AccessDenied",
  ]);
  assert.equal(
    (await callSts(emulator, webIdentityParams(unsignedJwt(claims)), { keys: null })).status,
    200,
  );
});

Deno.test("values taken from a token are XML-escaped in the response", async () => {
  await using emulator = await startEmulator({ state: federationState() });
  const token = unsignedJwt({ iss: ISSUER, aud: "sts.amazonaws.com", sub: `<a&b>"'` });
  const result = await callSts(emulator, webIdentityParams(token), { keys: null });
  assert.ok(
    result.body.includes(
      "<SubjectFromWebIdentityToken>&lt;a&amp;b&gt;&quot;&apos;</SubjectFromWebIdentityToken>",
    ),
    result.body,
  );
});
