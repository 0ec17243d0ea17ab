// oktaOieWebAdapter against the fake OIE org: the device authorization (shown through the
// SSO device login's callback, approved at the org's /activate page), the token polling
// rules of RFC 8628, the web SSO exchange and /login/token/sso, then fromSaml to the
// emulator's AssumeRoleWithSAML, which checks the assertion's signature.
import assert from "node:assert/strict";
import type { SsoDeviceCode } from "../../../../src/credentials/mod.ts";
import {
  fromSaml,
  OktaOieError,
  oktaOieWebAdapter,
  type OktaOieWebAdapterOptions,
  parseSamlAssertion,
} from "../../../../src/saml/mod.ts";
import { fakeOieIssuer } from "../../../idp/okta_oie/fake_org.ts";
import {
  assumedRoles,
  NATIVE_CLIENT,
  type OieSetup,
  orgInit,
  PASSWORD,
  PROD_APP,
  PROD_ROLE,
  recordingSleep,
  startOieSetup,
  USER,
} from "./fixtures.ts";
import { rejectionOf } from "../../../rejection.ts";

/** Approves each device code as the user would: by signing in at the verification page. */
function approveInBrowser(shown: SsoDeviceCode[] = []) {
  return async (code: SsoDeviceCode) => {
    shown.push(code);
    const page = await fetch(code.verificationUri, {
      method: "POST",
      body: new URLSearchParams({ user_code: code.userCode, username: USER, password: PASSWORD }),
    });
    assert.equal(await page.text(), "Device activated");
  };
}

function adapterFor(setup: OieSetup, options: Partial<OktaOieWebAdapterOptions> = {}) {
  return oktaOieWebAdapter({
    orgUrl: setup.okta.url,
    clientId: NATIVE_CLIENT,
    onDeviceCode: approveInBrowser(),
    sleep: recordingSleep().sleep,
    ...options,
  });
}

const failure = (promise: Promise<unknown>) => rejectionOf(promise, OktaOieError);

Deno.test("web: device code shown, approved, SAML exchanged at STS for the app's role", async () => {
  await using setup = await startOieSetup();
  const shown: SsoDeviceCode[] = [];
  const credentials = await fromSaml({
    adapter: adapterFor(setup, { onDeviceCode: approveInBrowser(shown) }),
    endpoint: setup.emulator.url,
    region: "us-east-1",
  })();
  assert.match(credentials.accessKeyId, /^ASIA/);
  assert.equal(shown.length, 1);
  assert.match(shown[0].userCode, /^[A-Z]{8}$/);
  assert.equal(shown[0].verificationUri, `${setup.okta.url}/activate`);
  assert.equal(
    shown[0].verificationUriComplete,
    `${setup.okta.url}/activate?user_code=${shown[0].userCode}`,
  );
  assert.ok(shown[0].expiresAt.getTime() > Date.now() + 590_000, "expires_in 600 s");
  assert.deepEqual(assumedRoles(setup.emulator), [PROD_ROLE]);
  const call = setup.emulator.state.stsCalls[0];
  assert.equal(parseSamlAssertion(call.params.SAMLAssertion).issuer, fakeOieIssuer(PROD_APP));
  const lifetime = credentials.expiration!.getTime() - Date.now();
  assert.ok(lifetime > 1700_000 && lifetime <= 1800_000, "the app's SessionDuration");

  const log = setup.okta.state.log;
  const authorize = log.find((r) => r.path === "/oauth2/v1/device/authorize")!;
  assert.deepEqual(authorize.form, {
    client_id: NATIVE_CLIENT,
    scope: "openid okta.apps.sso okta.users.read.self",
  });
  const exchange = log.find((r) => r.form?.grant_type?.endsWith("token-exchange"))!;
  assert.deepEqual(Object.keys(exchange.form!).sort(), [
    "actor_token",
    "actor_token_type",
    "audience",
    "client_id",
    "grant_type",
    "requested_token_type",
    "subject_token",
    "subject_token_type",
  ]);
  assert.equal(exchange.form!.audience, `urn:okta:apps:${PROD_APP}`);
  assert.equal(exchange.form!.requested_token_type, "urn:okta:oauth:token-type:web_sso_token");
  assert.equal(exchange.form!.actor_token_type, "urn:ietf:params:oauth:token-type:access_token");
  assert.equal(exchange.form!.subject_token_type, "urn:ietf:params:oauth:token-type:id_token");
  assert.ok(setup.okta.state.accessTokens.has(exchange.form!.actor_token));
  assert.ok(setup.okta.state.idTokens.has(exchange.form!.subject_token));
  const sso = log.find((r) => r.path === "/login/token/sso")!;
  assert.deepEqual(Object.keys(sso.form!), ["token"], "the web SSO token goes in the body");
  assert.deepEqual(
    log.map((r) => `${r.method} ${r.path}`),
    [
      "GET /.well-known/okta-organization",
      "POST /oauth2/v1/device/authorize",
      "POST /activate",
      "POST /oauth2/v1/token",
      "GET /api/v1/users/me/appLinks",
      "POST /oauth2/v1/token",
      "POST /login/token/sso",
    ],
  );
});

Deno.test("web: polls every interval, 5 s longer after each slow_down (RFC 8628 §3.5)", async () => {
  await using setup = await startOieSetup(
    orgInit({ device: { interval: 2, pendingPolls: 4, slowDownPolls: [2, 4] } }),
  );
  const { sleep, waits } = recordingSleep();
  const samlResponse = await adapterFor(setup, { sleep, appId: PROD_APP }).getSamlResponse({
    fetch,
  });
  assert.ok(parseSamlAssertion(samlResponse).roles.length === 1);
  // polls: 1 pending, 2 slow_down, 3 pending, 4 slow_down, 5 tokens
  assert.deepEqual(waits, [2000, 7000, 7000, 12000]);
  const polls = setup.okta.state.log.filter((r) => r.form?.grant_type?.endsWith("device_code"));
  assert.equal(polls.length, 5);
  assert.deepEqual(Object.keys(polls[0].form!).sort(), ["client_id", "device_code", "grant_type"]);
});

Deno.test("web: expired_token from Okta ends the login with a typed error", async () => {
  await using setup = await startOieSetup(
    orgInit({ device: { pendingPolls: 9, expireAfterPolls: 3 } }),
  );
  const error = await failure(adapterFor(setup, { appId: PROD_APP }).getSamlResponse({ fetch }));
  assert.equal(error.step, "device-token");
  assert.equal(error.code, "expired_token");
  assert.equal(error.status, 400);
  assert.match(error.message, /The device code has expired.*log in again/);
});

Deno.test("web: the login times out when the code's expires_in passes while still pending", async () => {
  await using setup = await startOieSetup(orgInit({ device: { interval: 5, expiresIn: 12 } }));
  let clock = 1_000_000;
  const error = await failure(
    adapterFor(setup, {
      appId: PROD_APP,
      onDeviceCode: () => {}, // nobody approves
      now: () => clock,
      sleep: (ms) => Promise.resolve(void (clock += ms)),
    }).getSamlResponse({ fetch }),
  );
  assert.equal(error.step, "device-token");
  assert.equal(error.code, "expired_token");
  assert.match(error.message, /expired \(after 12 s\)/);
  const polls = setup.okta.state.log.filter((r) => r.form?.grant_type?.endsWith("device_code"));
  assert.equal(polls.length, 3, "polls at 0, 5 and 10 s; the next would be past 12 s");
});

Deno.test("web: a sign-in denied in the browser is access_denied", async () => {
  await using setup = await startOieSetup();
  const error = await failure(
    adapterFor(setup, {
      appId: PROD_APP,
      onDeviceCode: (code) => setup.okta.state.approveDevice(code.userCode, USER, "deny"),
    }).getSamlResponse({ fetch }),
  );
  assert.deepEqual([error.step, error.code, error.status], ["device-token", "access_denied", 403]);
  assert.match(error.message, /denied in the browser/);
});

Deno.test("web: an unknown client id fails at the device authorization", async () => {
  await using setup = await startOieSetup();
  const error = await failure(
    adapterFor(setup, { clientId: "0oaUnknownClient" }).getSamlResponse({ fetch }),
  );
  assert.deepEqual([error.step, error.code, error.status], [
    "device-authorization",
    "invalid_client",
    401,
  ]);
});

Deno.test("web: a Classic org is refused before anything else is sent", async () => {
  await using setup = await startOieSetup(orgInit({ pipeline: "v1" }));
  const error = await failure(adapterFor(setup).getSamlResponse({ fetch }));
  assert.equal(error.step, "organization");
  assert.match(error.message, /Classic Engine org.*oktaAdapter/);
  assert.equal(setup.okta.state.log.length, 1);
});
