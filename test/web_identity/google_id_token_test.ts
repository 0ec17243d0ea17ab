// Airflow's Google web-identity federation: a service-account JWT signed with WebCrypto is
// exchanged at a fake Google token endpoint for an RS256 ID token, which the emulator's
// AssumeRoleWithWebIdentity verifies against Google's JWKS before issuing credentials.
import assert from "node:assert/strict";
import { googleIdTokenSource, IdentityTokenError } from "../../src/web_identity/mod.ts";
import { unverifiedJwtClaims } from "../../src/web_identity/jwt.ts";
import { fromWebIdentity } from "../../src/sts/mod.ts";
import { startEmulator } from "../emulator/emulator.ts";
import { callerArn, callSts, errorOf } from "../emulator/sts_requests.ts";
import { startFakeGoogle } from "../idp/google/fake_google.ts";

const ROLE = "arn:aws:iam::240057002457:role/WebIdentity-Role";
const EMAIL = "airflow@my-project.iam.gserviceaccount.com";
const AUDIENCE = "service_a.apache.com";

/**
 * The fake Google and an emulator trusting its keys for the role; the OIDC provider's
 * audience is the service account's client id (AWS matches `azp` for Google) unless given.
 */
async function googleFederation(audience?: string) {
  const google = await startFakeGoogle();
  const emulator = await startEmulator();
  const serviceAccount = await google.createServiceAccount(EMAIL);
  emulator.state.addRole({ arn: ROLE });
  emulator.state.addOidcProvider({
    issuer: "https://accounts.google.com",
    audience: audience ?? serviceAccount.client_id,
    publicKeys: google.jwks.keys,
  });
  return {
    google,
    emulator,
    serviceAccount,
    async [Symbol.asyncDispose]() {
      await emulator.close();
      await google.close();
    },
  };
}

Deno.test("googleIdTokenSource exchanges a signed service-account JWT for a cached ID token", async () => {
  await using google = await startFakeGoogle();
  const serviceAccount = await google.createServiceAccount(EMAIL);
  const source = googleIdTokenSource({ serviceAccount, audience: AUDIENCE });
  const [first, concurrent] = await Promise.all([source(), source()]);
  assert.equal(first, concurrent);
  assert.equal(await source(), first);
  assert.equal(google.issued, 1, "one request for concurrent and later calls");
  const claims = unverifiedJwtClaims(first);
  assert.equal(claims?.iss, "https://accounts.google.com");
  assert.equal(claims?.aud, AUDIENCE);
  assert.equal(claims?.azp, serviceAccount.client_id);
  assert.equal(claims?.email, EMAIL);
  assert.deepEqual(google.refusals, []);
});

Deno.test("fromWebIdentity with googleIdTokenSource reaches credentials through a verified token", async () => {
  await using federation = await googleFederation();
  const { emulator, serviceAccount } = federation;
  const credentials = await fromWebIdentity({
    roleArn: ROLE,
    roleSessionName: "airflow",
    webIdentityToken: googleIdTokenSource({ serviceAccount, audience: AUDIENCE }),
    endpoint: emulator.url,
    region: "us-east-1",
  })();
  assert.match(credentials.accessKeyId, /^ASIA/);
  assert.equal(
    await callerArn(emulator, credentials),
    "arn:aws:sts::240057002457:assumed-role/WebIdentity-Role/airflow",
  );
  const call = emulator.state.stsCalls[0];
  assert.equal(call.action, "AssumeRoleWithWebIdentity");
  assert.equal(unverifiedJwtClaims(call.params.WebIdentityToken)?.aud, AUDIENCE);
});

Deno.test("the emulator refuses Google-issuer tokens not signed by Google's key", async () => {
  await using federation = await googleFederation();
  const { emulator, serviceAccount } = federation;
  const token = await googleIdTokenSource({ serviceAccount, audience: AUDIENCE })();
  const [header, payload, signature] = token.split(".");
  const claims = { ...unverifiedJwtClaims(token), sub: "someone-else" };
  const forged = `${header}.${
    btoa(JSON.stringify(claims)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
  }.${signature}`;
  const unsigned = `${header}.${payload}.`;
  const wrongAlg = `${btoa('{"alg":"none"}').replace(/=+$/, "")}.${payload}.${signature}`;
  for (const bad of [forged, unsigned, wrongAlg]) {
    const result = await callSts(emulator, {
      Action: "AssumeRoleWithWebIdentity",
      RoleArn: ROLE,
      RoleSessionName: "probe",
      WebIdentityToken: bad,
    }, { keys: null });
    assert.deepEqual(errorOf(result), [400, "InvalidIdentityToken"]);
    assert.match(result.body, /invalid signature/);
  }
  const good = await callSts(emulator, {
    Action: "AssumeRoleWithWebIdentity",
    RoleArn: ROLE,
    RoleSessionName: "probe",
    WebIdentityToken: token,
  }, { keys: null });
  assert.equal(good.status, 200, good.body);
});

Deno.test("a key Google does not know for the account fails with IdentityTokenError, no secret in it", async () => {
  await using google = await startFakeGoogle();
  const account = await google.createServiceAccount(EMAIL);
  const other = await google.createServiceAccount("other@my-project.iam.gserviceaccount.com");
  const source = googleIdTokenSource({
    serviceAccount: { ...account, private_key: other.private_key, private_key_id: undefined },
    audience: AUDIENCE,
  });
  const error = await source().then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof IdentityTokenError);
  assert.equal(error.source, "google");
  assert.equal(error.status, 400);
  assert.match(error.message, /invalid_grant \(Invalid JWT Signature\.\)/);
  assert.ok(!error.message.includes(other.private_key.slice(40, 80)));
  assert.equal(google.issued, 0);
});

Deno.test("an unusable private_key fails before any request, without quoting the key", async () => {
  let requests = 0;
  const countingFetch: typeof fetch = () => {
    requests++;
    return Promise.resolve(new Response("{}"));
  };
  const secretKey =
    "-----BEGIN RSA PRIVATE KEY-----\nSECRETKEYMATERIAL123\n-----END RSA PRIVATE KEY-----";
  for (
    const private_key of [
      secretKey,
      "-----BEGIN PRIVATE KEY-----\nSECRETKEYMATERIAL123\n-----END PRIVATE KEY-----",
    ]
  ) {
    const source = googleIdTokenSource({
      serviceAccount: { client_email: EMAIL, private_key },
      audience: AUDIENCE,
      fetch: countingFetch,
    });
    const error = await source().then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof IdentityTokenError, String(error));
    assert.match(error.message, /private_key of airflow@/);
    assert.ok(!error.message.includes("SECRETKEYMATERIAL123"));
  }
  assert.equal(requests, 0);
});

Deno.test("a token endpoint answer without an id_token is an IdentityTokenError", async () => {
  await using google = await startFakeGoogle();
  const serviceAccount = await google.createServiceAccount(EMAIL);
  const answers = [
    new Response(JSON.stringify({ access_token: "ya29.SECRET-ACCESS" }), { status: 200 }),
    new Response("<html>proxy error</html>", { status: 502 }),
  ];
  for (const answer of answers) {
    const error = await googleIdTokenSource({
      serviceAccount,
      audience: AUDIENCE,
      fetch: () => Promise.resolve(answer),
    })().then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof IdentityTokenError);
    assert.ok(!error.message.includes("SECRET-ACCESS"));
    assert.match(error.message, /127\.0\.0\.1/);
  }
});

Deno.test("for Google's issuer the emulator matches azp, and refuses expired tokens", async () => {
  await using federation = await googleFederation(AUDIENCE);
  const { google, emulator, serviceAccount } = federation;
  const token = await googleIdTokenSource({ serviceAccount, audience: AUDIENCE })();
  const call = () =>
    callSts(emulator, {
      Action: "AssumeRoleWithWebIdentity",
      RoleArn: ROLE,
      RoleSessionName: "probe",
      WebIdentityToken: token,
    }, { keys: null });
  const byAud = await call();
  assert.deepEqual(errorOf(byAud), [400, "InvalidIdentityToken"], "aud is not Google's client id");
  assert.match(byAud.body, /Incorrect token audience/);
  emulator.state.oidcProviders.splice(0, 1, {
    issuer: "https://accounts.google.com",
    audience: serviceAccount.client_id,
    publicKeys: google.jwks.keys,
  });
  assert.equal((await call()).status, 200);
  emulator.state.skewSeconds = 3601;
  assert.deepEqual(errorOf(await call()), [400, "ExpiredTokenException"]);
});
