// fromOktaOieM2m / oktaOieM2mTokenSource against the fake OIE org, whose client_credentials
// grant checks the private_key_jwt assertion with node:crypto (a verifier independent of the
// WebCrypto signer): RS256 and ES256 keys from PEM (PKCS #8, PKCS #1, SEC1) and JWK; expired
// assertions and other keys refused; the access token exchanged at the emulator's
// AssumeRoleWithWebIdentity, which checks its RS256 signature against the org's key.
import assert from "node:assert/strict";
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import {
  fromOktaOieM2m,
  OktaOieError,
  oktaOieM2mTokenSource,
  type OktaOieM2mTokenSourceOptions,
} from "../../../../src/saml/mod.ts";
import {
  M2M_ROLE,
  NATIVE_CLIENT,
  type OieSetup,
  orgInit,
  SERVICE_CLIENT,
  startOieSetup,
} from "./fixtures.ts";
import { rejectionOf } from "../../../rejection.ts";

interface TestKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicJwk: JsonWebKey & { kid: string };
}

function testKey(kid: string, type: "rsa" | "ec"): TestKey {
  const { privateKey, publicKey } = type === "rsa"
    ? generateKeyPairSync("rsa", { modulusLength: 2048 })
    : generateKeyPairSync("ec", { namedCurve: "P-256" });
  return { kid, privateKey, publicJwk: { ...publicKey.export({ format: "jwk" }), kid } };
}

const RSA_KEY = testKey("rsa-key", "rsa");
const EC_KEY = testKey("ec-key", "ec");
const STRANGER = testKey("rsa-key", "rsa"); // same kid, another key

async function m2mSetup(tokenLifetimeSeconds?: number): Promise<OieSetup> {
  return await startOieSetup(orgInit({
    tokenLifetimeSeconds,
    clients: [
      ...orgInit().clients,
      {
        id: SERVICE_CLIENT,
        grants: ["client_credentials"],
        publicKeys: [RSA_KEY.publicJwk, EC_KEY.publicJwk],
      },
    ],
  }));
}

function sourceFor(setup: OieSetup, options: Partial<OktaOieM2mTokenSourceOptions>) {
  return oktaOieM2mTokenSource({
    orgUrl: setup.okta.url,
    clientId: SERVICE_CLIENT,
    privateKey: "",
    ...options,
  });
}

const failure = (promise: Promise<unknown>) => rejectionOf(promise, OktaOieError);

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(atob(jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
}

const KEY_FORMS: [string, TestKey, () => string | JsonWebKey][] = [
  [
    "RS256, PEM PKCS #8",
    RSA_KEY,
    () => RSA_KEY.privateKey.export({ type: "pkcs8", format: "pem" }) as string,
  ],
  [
    "RS256, PEM PKCS #1",
    RSA_KEY,
    () => RSA_KEY.privateKey.export({ type: "pkcs1", format: "pem" }) as string,
  ],
  [
    "RS256, JWK object",
    RSA_KEY,
    () => ({ ...RSA_KEY.privateKey.export({ format: "jwk" }), kid: "rsa-key" }),
  ],
  [
    "ES256, PEM PKCS #8",
    EC_KEY,
    () => EC_KEY.privateKey.export({ type: "pkcs8", format: "pem" }) as string,
  ],
  [
    "ES256, PEM SEC1",
    EC_KEY,
    () => EC_KEY.privateKey.export({ type: "sec1", format: "pem" }) as string,
  ],
  [
    "ES256, JWK JSON text",
    EC_KEY,
    () => JSON.stringify({ ...EC_KEY.privateKey.export({ format: "jwk" }), kid: "ec-key" }),
  ],
];

for (const [name, key, privateKey] of KEY_FORMS) {
  Deno.test(`m2m: ${name}: the assertion passes an independent check, credentials follow`, async () => {
    await using setup = await m2mSetup();
    const credentials = await fromOktaOieM2m({
      orgUrl: setup.okta.url,
      clientId: SERVICE_CLIENT,
      privateKey: privateKey(),
      keyId: typeof privateKey() === "string" ? key.kid : undefined,
      roleArn: M2M_ROLE,
      roleSessionName: "okta-m2m",
      endpoint: setup.emulator.url,
      region: "us-east-1",
    })();
    assert.match(credentials.accessKeyId, /^ASIA/);
    const [request] = setup.okta.state.requestsTo("/oauth2/default/v1/token");
    const form = request.form!;
    assert.deepEqual(Object.keys(form).sort(), [
      "client_assertion",
      "client_assertion_type",
      "grant_type",
      "scope",
    ]);
    assert.equal(form.grant_type, "client_credentials");
    assert.equal(form.scope, "okta-m2m-access");
    assert.equal(
      form.client_assertion_type,
      "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    );
    const header = JSON.parse(atob(form.client_assertion.split(".")[0]));
    assert.deepEqual(header, {
      alg: key === RSA_KEY ? "RS256" : "ES256",
      typ: "JWT",
      kid: key.kid,
    });
    const claims = claimsOf(form.client_assertion);
    assert.equal(claims.iss, SERVICE_CLIENT);
    assert.equal(claims.sub, SERVICE_CLIENT);
    assert.equal(claims.aud, `${setup.okta.url}/oauth2/default/v1/token`);
    assert.equal((claims.exp as number) - (claims.iat as number), 300);
    assert.match(claims.jti as string, /^[0-9a-f-]{36}$/);
    const [call] = setup.emulator.state.stsCalls;
    assert.equal(call.action, "AssumeRoleWithWebIdentity");
    assert.equal(call.params.RoleArn, M2M_ROLE);
    assert.equal(call.params.RoleSessionName, "okta-m2m");
    assert.equal(claimsOf(call.params.WebIdentityToken).iss, `${setup.okta.url}/oauth2/default`);
  });
}

Deno.test("m2m: an assertion signed with another key is refused (client_assertion_invalid_signature)", async () => {
  await using setup = await m2mSetup();
  const error = await failure(
    sourceFor(setup, {
      privateKey: STRANGER.privateKey.export({ type: "pkcs8", format: "pem" }) as string,
      keyId: "rsa-key",
    })(),
  );
  assert.deepEqual([error.step, error.code, error.status], [
    "client-credentials",
    "invalid_client",
    401,
  ]);
  assert.match(
    error.message,
    /The client_assertion signature is invalid.*public key is registered/,
  );
});

Deno.test("m2m: an expired assertion is refused (client_assertion_expired_token)", async () => {
  await using setup = await m2mSetup();
  const error = await failure(
    sourceFor(setup, {
      privateKey: RSA_KEY.privateKey.export({ type: "pkcs8", format: "pem" }) as string,
      keyId: "rsa-key",
      now: () => Date.now() - 10 * 60_000, // a clock ten minutes behind: exp has passed
    })(),
  );
  assert.deepEqual([error.code, error.status], ["invalid_client", 401]);
  assert.match(error.message, /The client_assertion token is expired/);
});

Deno.test("m2m: an unknown kid, a scope not granted, a client without keys, an unknown client are refused", async () => {
  await using setup = await m2mSetup();
  const pem = RSA_KEY.privateKey.export({ type: "pkcs8", format: "pem" }) as string;
  const kid = await failure(sourceFor(setup, { privateKey: pem, keyId: "nope" })());
  assert.match(kid.message, /kid is invalid/);
  const scope = await failure(
    sourceFor(setup, { privateKey: pem, keyId: "rsa-key", scope: "admin" })(),
  );
  assert.deepEqual([scope.code, scope.status], ["invalid_scope", 400]);
  const native = await failure(
    sourceFor(setup, { privateKey: pem, keyId: "rsa-key", clientId: NATIVE_CLIENT })(),
  );
  assert.match(native.message, /kid is invalid/, "the native app has no keys");
  const unknown = await failure(
    sourceFor(setup, { privateKey: pem, keyId: "rsa-key", clientId: "0oaUnknownClient" })(),
  );
  assert.match(unknown.message, /issuer claim/);
});

Deno.test("m2m: the token is reused until 5 minutes before it expires, then renewed", async () => {
  await using setup = await m2mSetup(310); // reusable for 10 s
  let clock = Date.now();
  const source = sourceFor(setup, {
    privateKey: { ...EC_KEY.privateKey.export({ format: "jwk" }), kid: "ec-key" },
    now: () => clock,
  });
  const first = await source();
  assert.equal(await source(), first);
  clock += 11_000;
  const second = await source();
  assert.notEqual(second, first);
  assert.equal(setup.okta.state.requestsTo("/oauth2/default/v1/token").length, 2);
});

Deno.test("m2m: an unreadable or encrypted key is a private-key error that quotes nothing", async () => {
  await using setup = await m2mSetup();
  const secretish =
    "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkq\n-----END ENCRYPTED PRIVATE KEY-----";
  const encrypted = await failure(sourceFor(setup, { privateKey: secretish })());
  assert.equal(encrypted.step, "private-key");
  assert.match(encrypted.message, /encrypted/);
  assert.ok(!String(encrypted).includes("MIIFHDBO"));
  const garbage = await failure(sourceFor(setup, { privateKey: "not a key at all" })());
  assert.match(garbage.message, /PKCS #8/);
  assert.ok(!garbage.message.includes("not a key at all"));
  assert.equal(setup.okta.state.log.length, 0, "nothing was sent");
  assert.throws(
    () =>
      fromOktaOieM2m({
        orgUrl: setup.okta.url,
        clientId: SERVICE_CLIENT,
        privateKey: "",
        roleArn: "",
      }),
    TypeError,
  );
});
