// The fake Okta itself: it must refuse what Okta refuses, or the adapter tests prove nothing.
import assert from "node:assert/strict";
import { startFakeOkta } from "../../../idp/okta/fake_okta.ts";
import { totp, totpMatches } from "../../../idp/okta/totp.ts";

const ROLES = [{
  roleArn: "arn:aws:iam::123456789012:role/OktaAdmin",
  principalArn: "arn:aws:iam::123456789012:saml-provider/Okta",
}];
const SECRET = new TextEncoder().encode("12345678901234567890");

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

Deno.test("totp matches RFC 6238's SHA-1 test vectors", async () => {
  const vectors: [number, string][] = [
    [59, "94287082"],
    [1111111109, "07081804"],
    [1234567890, "89005924"],
    [20000000000, "65353130"],
  ];
  for (const [seconds, code] of vectors) {
    assert.equal(await totp(SECRET, seconds * 1000, { digits: 8 }), code);
  }
  const now = 1_700_000_000_000;
  assert.ok(await totpMatches(SECRET, await totp(SECRET, now - 30_000), now));
  assert.ok(!await totpMatches(SECRET, await totp(SECRET, now - 90_000), now));
});

Deno.test("fake Okta refuses a wrong password, an unknown API token and a wrong state token", async () => {
  await using okta = await startFakeOkta({
    users: [{ login: "bob", password: "pw", factors: [{ type: "sms" }] }],
    roles: ROLES,
    apiTokens: ["good-token"],
  });
  const authn = `${okta.url}/api/v1/authn`;
  const wrong = await post(authn, { username: "bob", password: "nope" });
  assert.deepEqual([wrong.status, wrong.json.errorCode], [401, "E0000004"]);
  const badToken = await post(authn, { username: "bob", password: "pw" }, {
    authorization: "SSWS bad-token",
  });
  assert.deepEqual([badToken.status, badToken.json.errorCode], [401, "E0000011"]);
  const started = await post(authn, { username: "bob", password: "pw" }, {
    authorization: "SSWS good-token",
  });
  assert.equal(started.json.status, "MFA_REQUIRED");
  const verify = started.json._embedded.factors[0]._links.verify.href;
  const forged = await post(verify, { stateToken: "00forged" });
  assert.deepEqual([forged.status, forged.json.errorCode], [401, "E0000011"]);
  okta.state.now = () => Date.now() + 301_000;
  const expired = await post(verify, { stateToken: started.json.stateToken });
  assert.deepEqual([expired.status, expired.json.errorCode], [401, "E0000011"]);
});

Deno.test("fake Okta sends an SMS code per challenge and accepts it once", async () => {
  await using okta = await startFakeOkta({
    users: [{ login: "bob", password: "pw", factors: [{ type: "sms" }] }],
    roles: ROLES,
  });
  const started = await post(`${okta.url}/api/v1/authn`, { username: "bob", password: "pw" });
  const verify = started.json._embedded.factors[0]._links.verify.href;
  const stateToken = started.json.stateToken;
  const challenge = await post(verify, { stateToken });
  assert.equal(challenge.json.status, "MFA_CHALLENGE");
  const [code] = okta.state.codesSentTo("bob", "sms");
  const wrongCode = code === "000000" ? "111111" : "000000";
  const refused = await post(verify, { stateToken, passCode: wrongCode });
  assert.deepEqual([refused.status, refused.json.errorCode], [403, "E0000068"]);
  const done = await post(verify, { stateToken, passCode: code });
  assert.equal(done.json.status, "SUCCESS");
  const again = await post(verify, { stateToken, passCode: code });
  assert.equal(again.status, 401, "the state token ends with the transaction");
});

Deno.test("fake Okta answers the embed link once per session token, with Okta's encoding", async () => {
  await using okta = await startFakeOkta({
    users: [{ login: "bob", password: "pw" }],
    roles: ROLES,
  });
  const done = await post(`${okta.url}/api/v1/authn`, { username: "bob", password: "pw" });
  assert.equal(done.json.status, "SUCCESS");
  const link = `${okta.loginUrl}?onetimetoken=${done.json.sessionToken}`;
  const page = await (await fetch(link)).text();
  assert.match(page, /<input name="SAMLResponse" type="hidden" value="[A-Za-z0-9&#;]+"\/>/);
  assert.match(
    page,
    /&#x3d;|&#x2b;|&#x2f;/,
    "base64 punctuation is written as character references",
  );
  const reused = await fetch(link, { redirect: "manual" });
  await reused.body?.cancel();
  assert.equal(reused.status, 302);
  assert.match(reused.headers.get("location") ?? "", /^\/login\/login\.htm/);
});

Deno.test("fake Okta push answers WAITING until the scripted answer", async () => {
  await using okta = await startFakeOkta({
    users: [{
      login: "bob",
      password: "pw",
      factors: [{ type: "push", answer: "approve", afterPolls: 2 }],
    }],
    roles: ROLES,
  });
  const started = await post(`${okta.url}/api/v1/authn`, { username: "bob", password: "pw" });
  const stateToken = started.json.stateToken;
  let answer = await post(started.json._embedded.factors[0]._links.verify.href, { stateToken });
  const results = [answer.json.factorResult];
  while (answer.json.status === "MFA_CHALLENGE") {
    assert.equal(answer.json._links.next.name, "poll");
    answer = await post(answer.json._links.next.href, { stateToken });
    results.push(answer.json.factorResult ?? answer.json.status);
  }
  assert.deepEqual(results, ["WAITING", "WAITING", "SUCCESS"]);
  assert.match(answer.json.sessionToken, /^20111/);
});
