// The fake OIE org answers as Okta's guides show: the device authorization answer and the
// pending error of "Configure Device Authorization Grant Flow", the mfa_required answer and
// the push challenge of "Configure Direct Authentication", single-use web SSO tokens and
// client assertions, and a tampered assertion refused by its node:crypto check.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { generateKeyPairSync, sign } from "node:crypto";
import { startFakeOktaOie } from "./fake_org.ts";

const CLIENT = "0oaNativeClient01";
const SERVICE = "0oaServiceClient1";
const APP = "0oaAwsApp00000001";
const KEY = generateKeyPairSync("rsa", { modulusLength: 2048 });

async function fakeOrg() {
  return await startFakeOktaOie({
    users: [{ login: "alice", password: "pw", factors: [{ type: "push", answer: "approve" }] }],
    apps: [{ id: APP, label: "AWS", roles: [], webSsoClient: CLIENT }],
    clients: [
      {
        id: CLIENT,
        grants: ["urn:ietf:params:oauth:grant-type:device_code", "password"],
        oktaScopes: ["okta.apps.sso"],
      },
      {
        id: SERVICE,
        grants: ["client_credentials"],
        publicKeys: [{ ...KEY.publicKey.export({ format: "jwk" }), kid: "k1" }],
      },
    ],
  });
}

async function post(url: string, form: Record<string, string>) {
  const response = await fetch(url, { method: "POST", body: new URLSearchParams(form) });
  return { status: response.status, body: await response.json() };
}

function assertion(aud: string, claims: Record<string, unknown> = {}): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const input = `${part({ alg: "RS256", kid: "k1" })}.${
    part({
      iss: SERVICE,
      sub: SERVICE,
      aud,
      iat: now,
      exp: now + 300,
      jti: crypto.randomUUID(),
      ...claims,
    })
  }`;
  return `${input}.${sign("sha256", Buffer.from(input), KEY.privateKey).toString("base64url")}`;
}

Deno.test("fake OIE org: device authorization and the pending answer as in Okta's guide", async () => {
  await using okta = await fakeOrg();
  const started = await post(`${okta.url}/oauth2/v1/device/authorize`, {
    client_id: CLIENT,
    scope: "openid okta.apps.sso",
  });
  assert.equal(started.status, 200);
  assert.deepEqual(Object.keys(started.body).sort(), [
    "device_code",
    "expires_in",
    "interval",
    "user_code",
    "verification_uri",
    "verification_uri_complete",
  ]);
  assert.deepEqual([started.body.expires_in, started.body.interval], [600, 5]);
  const pending = await post(`${okta.url}/oauth2/v1/token`, {
    client_id: CLIENT,
    device_code: started.body.device_code,
    grant_type: "urn:ietf:params:oauth:grant-type:device_code",
  });
  assert.deepEqual(pending, {
    status: 400,
    body: {
      error: "authorization_pending",
      error_description: "The device authorization is pending. Please try again later.",
    },
  });
});

Deno.test("fake OIE org: mfa_required with an mfa_token, then the push challenge's fields", async () => {
  await using okta = await fakeOrg();
  const first = await post(`${okta.url}/oauth2/v1/token`, {
    client_id: CLIENT,
    scope: "openid",
    grant_type: "password",
    username: "alice",
    password: "pw",
  });
  assert.equal(first.status, 403);
  assert.equal(first.body.error, "mfa_required");
  assert.equal(
    first.body.error_description,
    "Verify with an additional authenticator to complete the sign-in process.",
  );
  const challenge = await post(`${okta.url}/oauth2/v1/challenge`, {
    client_id: CLIENT,
    mfa_token: first.body.mfa_token,
    challenge_types_supported: "http://auth0.com/oauth/grant-type/mfa-oob",
    channel_hint: "push",
  });
  assert.equal(challenge.status, 200);
  assert.deepEqual(Object.keys(challenge.body).sort(), [
    "binding_method",
    "challenge_type",
    "channel",
    "expires_in",
    "interval",
    "oob_code",
  ]);
});

Deno.test("fake OIE org: a client assertion works once; a tampered one is refused", async () => {
  await using okta = await fakeOrg();
  const tokenUrl = `${okta.url}/oauth2/default/v1/token`;
  const form = (jwt: string) => ({
    grant_type: "client_credentials",
    scope: "okta-m2m-access",
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: jwt,
  });
  const jwt = assertion(tokenUrl);
  assert.equal((await post(tokenUrl, form(jwt))).status, 200);
  const replay = await post(tokenUrl, form(jwt));
  assert.deepEqual([replay.status, replay.body.error_description], [
    401,
    "The client_assertion token has already been used.",
  ]);
  const [header, , signature] = assertion(tokenUrl).split(".");
  const other = assertion(tokenUrl, { sub: SERVICE, scp: "admin" }).split(".")[1];
  const tampered = await post(tokenUrl, form(`${header}.${other}.${signature}`));
  assert.equal(tampered.body.error_description, "The client_assertion signature is invalid.");
  const elsewhere = await post(tokenUrl, form(assertion(`${okta.url}/oauth2/v1/token`)));
  assert.match(elsewhere.body.error_description, /audience claim/);
});

Deno.test("fake OIE org: unknown authorization servers are Okta's E0000007", async () => {
  await using okta = await fakeOrg();
  const answer = await post(`${okta.url}/oauth2/aus404/v1/token`, { grant_type: "password" });
  assert.equal(answer.status, 404);
  assert.equal(answer.body.errorCode, "E0000007");
});
