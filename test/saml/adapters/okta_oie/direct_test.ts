// oktaOieDirectAdapter against the fake OIE org: Okta's Direct Authentication grants (the
// password grant answering mfa_required, an Okta Verify push through /challenge polled with
// the mfa-oob grant, a TOTP code with the mfa-otp grant, an SMS code as the binding_code),
// then the web SSO exchange and fromSaml to the emulator's AssumeRoleWithSAML.
import assert from "node:assert/strict";
import {
  fromSaml,
  type MfaChallenge,
  oktaOieDirectAdapter,
  type OktaOieDirectAdapterOptions,
  OktaOieError,
  parseSamlAssertion,
} from "../../../../src/saml/mod.ts";
import type { FakeOieFactorInit } from "../../../idp/okta_oie/fake_org.ts";
import { totp } from "../../../idp/okta/totp.ts";
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

const OTP_SECRET = new TextEncoder().encode("direct-otp-secret");
const MFA_OOB = "http://auth0.com/oauth/grant-type/mfa-oob";

function orgWith(factors: FakeOieFactorInit[], push = {}) {
  return orgInit({ users: [{ login: USER, password: PASSWORD, factors }], push });
}

function adapterFor(setup: OieSetup, options: Partial<OktaOieDirectAdapterOptions> = {}) {
  return oktaOieDirectAdapter({
    orgUrl: setup.okta.url,
    clientId: NATIVE_CLIENT,
    appId: PROD_APP,
    sleep: recordingSleep().sleep,
    ...options,
  });
}

const failure = (promise: Promise<unknown>) => rejectionOf(promise, OktaOieError);

function grantsSent(setup: OieSetup): string[] {
  return setup.okta.state.log.flatMap((r) =>
    r.form?.grant_type ?? (r.path.endsWith("/challenge") ? ["challenge"] : [])
  );
}

Deno.test("direct: password, mfa_required, push polled until approved, credentials", async () => {
  await using setup = await startOieSetup(
    orgWith([{ type: "push", answer: "approve", afterPolls: 2 }]),
  );
  const challenges: MfaChallenge[] = [];
  const { sleep, waits } = recordingSleep();
  const credentials = await fromSaml({
    adapter: adapterFor(setup, { sleep }),
    username: USER,
    password: PASSWORD,
    mfa: (challenge) => Promise.resolve(void challenges.push(challenge)),
    endpoint: setup.emulator.url,
    region: "us-east-1",
  })();
  assert.match(credentials.accessKeyId, /^ASIA/);
  assert.deepEqual(assumedRoles(setup.emulator), [PROD_ROLE]);
  assert.deepEqual(challenges.map((c) => c.kind), ["push"]);
  assert.match(challenges[0].message, /approve it in Okta Verify/);
  assert.deepEqual(waits, [5000, 5000], "the challenge's interval of 5 s");
  assert.deepEqual(grantsSent(setup), [
    "password",
    "challenge",
    MFA_OOB,
    MFA_OOB,
    MFA_OOB,
    "urn:ietf:params:oauth:grant-type:token-exchange",
  ]);
  const log = setup.okta.state.log;
  const password = log.find((r) => r.form?.grant_type === "password")!;
  assert.deepEqual(password.form, {
    client_id: NATIVE_CLIENT,
    scope: "openid okta.apps.sso",
    grant_type: "password",
    username: USER,
    password: PASSWORD,
  });
  assert.equal(password.path, "/oauth2/v1/token", "the org authorization server by default");
  const challenge = log.find((r) => r.path === "/oauth2/v1/challenge")!;
  assert.deepEqual(Object.keys(challenge.form!).sort(), [
    "challenge_types_supported",
    "channel_hint",
    "client_id",
    "mfa_token",
  ]);
  assert.equal(challenge.form!.challenge_types_supported, MFA_OOB);
  assert.equal(challenge.form!.channel_hint, "push");
  const poll = log.find((r) => r.form?.grant_type === MFA_OOB)!;
  assert.deepEqual(Object.keys(poll.form!).sort(), [
    "client_id",
    "grant_type",
    "mfa_token",
    "oob_code",
    "scope",
  ]);
});

Deno.test("direct: slow_down while polling a push adds 5 s to the interval", async () => {
  await using setup = await startOieSetup(
    orgWith([{ type: "push", answer: "approve", afterPolls: 3 }], {
      interval: 1,
      slowDownPolls: [1],
    }),
  );
  const { sleep, waits } = recordingSleep();
  await adapterFor(setup, { sleep }).getSamlResponse({ fetch, username: USER, password: PASSWORD });
  assert.deepEqual(waits, [6000, 6000, 6000]);
});

Deno.test("direct: a number challenge is shown through the mfa prompt", async () => {
  await using setup = await startOieSetup(
    orgWith([{ type: "push", answer: "approve", afterPolls: 1, numberChallenge: "95" }]),
  );
  const messages: string[] = [];
  await adapterFor(setup).getSamlResponse({
    fetch,
    username: USER,
    password: PASSWORD,
    mfa: (challenge) => Promise.resolve(void messages.push(challenge.message)),
  });
  assert.deepEqual(messages, [
    "Okta sent a push notification; in Okta Verify, choose 95 to approve it.",
  ]);
});

Deno.test("direct: a push rejected on the phone is invalid_grant at the push step", async () => {
  await using setup = await startOieSetup(orgWith([{ type: "push", answer: "reject" }]));
  const error = await failure(
    adapterFor(setup).getSamlResponse({ fetch, username: USER, password: PASSWORD }),
  );
  assert.deepEqual([error.step, error.code, error.status], ["push", "invalid_grant", 400]);
  assert.match(
    error.message,
    /User rejected out-of-band authentication prompt.*rejected in Okta Verify/,
  );
});

Deno.test("direct: an unanswered push times out (pushTimeoutMs), and Okta's expiry is access_denied", async () => {
  await using setup = await startOieSetup(orgWith([{ type: "push", answer: "ignore" }]));
  let clock = 0;
  const timedOut = await failure(
    adapterFor(setup, {
      pushTimeoutMs: 20_000,
      now: () => clock,
      sleep: (ms) => Promise.resolve(void (clock += ms)),
    }).getSamlResponse({ fetch, username: USER, password: PASSWORD }),
  );
  assert.equal(timedOut.step, "push");
  assert.match(timedOut.message, /not answered within 20 s/);
  assert.equal(setup.okta.state.log.filter((r) => r.form?.grant_type === MFA_OOB).length, 4);

  await using expiring = await startOieSetup(
    orgWith([{ type: "push", answer: "ignore" }], { expireAfterPolls: 2 }),
  );
  const expired = await failure(
    adapterFor(expiring).getSamlResponse({ fetch, username: USER, password: PASSWORD }),
  );
  assert.deepEqual([expired.step, expired.code, expired.status], ["push", "access_denied", 403]);
  assert.match(expired.message, /'mfa_token' has expired/);
});

Deno.test("direct: a TOTP code with the mfa-otp grant, from mfaPassCode or the prompt", async () => {
  await using setup = await startOieSetup(orgWith([{ type: "otp", secret: OTP_SECRET }]));
  const given = await adapterFor(setup, { mfaPassCode: await totp(OTP_SECRET, Date.now()) })
    .getSamlResponse({ fetch, username: USER, password: PASSWORD });
  assert.equal(parseSamlAssertion(given).roles[0].roleArn, PROD_ROLE);
  const asked: MfaChallenge[] = [];
  await adapterFor(setup, { mfaType: "otp" }).getSamlResponse({
    fetch,
    username: USER,
    password: PASSWORD,
    mfa: async (challenge) => (asked.push(challenge), await totp(OTP_SECRET, Date.now())),
  });
  assert.deepEqual(asked.map((c) => [c.kind, c.factor]), [["code", "otp"]]);
  const otp = setup.okta.state.log.filter((r) =>
    r.form?.grant_type === "http://auth0.com/oauth/grant-type/mfa-otp"
  );
  assert.equal(otp.length, 2);
  assert.deepEqual(Object.keys(otp[0].form!).sort(), [
    "client_id",
    "grant_type",
    "mfa_token",
    "otp",
    "scope",
  ]);
});

Deno.test("direct: a wrong code is Okta's invalid_grant at the otp step", async () => {
  await using setup = await startOieSetup(orgWith([{ type: "otp", secret: OTP_SECRET }]));
  const error = await failure(
    adapterFor(setup, { mfaPassCode: "000000" }).getSamlResponse({
      fetch,
      username: USER,
      password: PASSWORD,
    }),
  );
  assert.deepEqual([error.step, error.code], ["otp", "invalid_grant"]);
  assert.match(error.message, /The 'otp' provided is either empty or incorrect/);
});

Deno.test("direct: an SMS code goes back as the binding_code of the mfa-oob grant", async () => {
  await using setup = await startOieSetup(orgWith([{ type: "sms" }]));
  const saml = await adapterFor(setup, { mfaType: "sms" }).getSamlResponse({
    fetch,
    username: USER,
    password: PASSWORD,
    mfa: (challenge) => {
      assert.deepEqual([challenge.kind, challenge.factor], ["code", "sms"]);
      const sent = [...setup.okta.state.oobCodes.values()][0];
      return Promise.resolve(sent.sentCode);
    },
  });
  assert.equal(parseSamlAssertion(saml).roles[0].roleArn, PROD_ROLE);
  const challenge = setup.okta.state.requestsTo("/oauth2/v1/challenge")[0];
  assert.equal(challenge.form?.channel_hint, "sms");
  const answer = setup.okta.state.log.find((r) => r.form?.binding_code !== undefined);
  assert.equal(answer?.form?.grant_type, MFA_OOB);
});

Deno.test("direct: a factor the user lacks is refused at the challenge", async () => {
  await using setup = await startOieSetup(orgWith([{ type: "otp", secret: OTP_SECRET }]));
  const error = await failure(
    adapterFor(setup, { mfaType: "push" }).getSamlResponse({
      fetch,
      username: USER,
      password: PASSWORD,
    }),
  );
  assert.deepEqual([error.step, error.code, error.status], ["challenge", "access_denied", 403]);
  assert.match(error.message, /pick another mfaType/);
});

Deno.test("direct: a wrong password is invalid_grant at the password step", async () => {
  await using setup = await startOieSetup();
  const error = await failure(
    adapterFor(setup).getSamlResponse({ fetch, username: USER, password: `${PASSWORD}-wrong` }),
  );
  assert.deepEqual([error.step, error.code, error.status], ["password", "invalid_grant", 400]);
  assert.match(
    error.message,
    /The credentials provided were invalid.*check the user name and password/,
  );
});

Deno.test("direct: without MFA in the policy the password grant answers the tokens", async () => {
  await using setup = await startOieSetup();
  const saml = await adapterFor(setup).getSamlResponse({
    fetch,
    username: USER,
    password: PASSWORD,
  });
  assert.equal(parseSamlAssertion(saml).subject, USER);
  assert.deepEqual(grantsSent(setup), [
    "password",
    "urn:ietf:params:oauth:grant-type:token-exchange",
  ]);
});

Deno.test("direct: a custom authorization server cannot issue okta.apps.sso (invalid_scope)", async () => {
  await using setup = await startOieSetup();
  const error = await failure(
    adapterFor(setup, { authorizationServerId: "default" })
      .getSamlResponse({ fetch, username: USER, password: PASSWORD }),
  );
  assert.deepEqual([error.step, error.code], ["password", "invalid_scope"]);
  assert.equal(setup.okta.state.log.at(-1)?.path, "/oauth2/default/v1/token");
});

Deno.test("direct: no user name or password is a clear error before any request", async () => {
  await using setup = await startOieSetup();
  const error = await failure(adapterFor(setup).getSamlResponse({ fetch }));
  assert.equal(error.step, "password");
  assert.match(error.message, /needs a user name and password/);
  assert.deepEqual(setup.okta.state.log.map((r) => r.path), ["/.well-known/okta-organization"]);
});

Deno.test("direct: each login checks its own user name and password (nothing is reused)", async () => {
  await using setup = await startOieSetup();
  const adapter = adapterFor(setup);
  await adapter.getSamlResponse({ fetch, username: USER, password: PASSWORD });
  const error = await failure(
    adapter.getSamlResponse({ fetch, username: USER, password: `${PASSWORD}-wrong` }),
  );
  assert.deepEqual([error.step, error.code], ["password", "invalid_grant"]);
});
