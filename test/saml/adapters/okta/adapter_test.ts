// oktaAdapter against the fake Okta org: the password flow, every factor, the API token,
// and the failures — each a SamlLoginError without the password, code or tokens in it.
import assert from "node:assert/strict";
import {
  type MfaChallenge,
  oktaAdapter,
  type SamlLoginError,
  sessionFetch,
} from "../../../../src/saml/mod.ts";
import type { OktaAdapterOptions, SamlLoginContext } from "../../../../src/saml/mod.ts";
import {
  type FakeOktaFactorInit,
  type RunningFakeOkta,
  startFakeOkta,
} from "../../../idp/okta/fake_okta.ts";
import { totp } from "../../../idp/okta/totp.ts";
import { OKTA_ROLES, PASSWORD, samlRoleValues, USER } from "./test_fixtures.ts";
import { assertNoneShown } from "../../../security/assert_no_secrets.ts";
import { loginRejection } from "../../login_rejection.ts";

const TOTP_SECRET = new TextEncoder().encode("okta-totp-shared-secret!");

async function fakeOrg(factors: FakeOktaFactorInit[] = [], apiTokens?: string[]) {
  return await startFakeOkta({
    users: [{ login: USER, password: PASSWORD, factors }],
    roles: OKTA_ROLES,
    apiTokens,
  });
}

function login(
  okta: RunningFakeOkta,
  options: Partial<OktaAdapterOptions> = {},
  context: Partial<SamlLoginContext> = {},
): Promise<string> {
  const adapter = oktaAdapter({ loginUrl: okta.loginUrl, pollIntervalMs: 5, ...options });
  return adapter.getSamlResponse({ fetch, username: USER, password: PASSWORD, ...context });
}

function verifyCalls(okta: RunningFakeOkta) {
  return okta.state.log.filter((request) => request.path.endsWith("/verify"));
}

function loginError(promise: Promise<unknown>): Promise<SamlLoginError> {
  return loginRejection(promise, "okta", []);
}

Deno.test("oktaAdapter signs in with a password and reads the SAMLResponse of the embed link", async () => {
  await using okta = await fakeOrg();
  const samlResponse = await login(okta, {}, { fetch: sessionFetch(fetch) });
  assert.deepEqual(
    samlRoleValues(samlResponse),
    OKTA_ROLES.map((r) => `${r.roleArn},${r.principalArn}`),
  );
  assert.deepEqual(okta.state.log.map((r) => `${r.method} ${r.path}`), [
    "POST /api/v1/authn",
    `GET ${new URL(okta.loginUrl).pathname}`,
  ]);
  assert.equal(okta.state.redeemed.length, 1, "the session token was redeemed at the embed link");
  assert.ok(okta.state.log.every((r) => r.authorization === undefined));
});

Deno.test("oktaAdapter refuses a wrong password with status 401 and no password anywhere", async () => {
  await using okta = await fakeOrg();
  const error = await loginError(login(okta, {}, { password: "wrong-SECRET-pw-9000" }));
  assert.equal(error.status, 401);
  assert.match(error.message, /E0000004/);
  assertNoneShown(error, ["wrong-SECRET-pw-9000", PASSWORD]);
});

Deno.test("oktaAdapter sends the API token as SSWS to the API only, and never echoes it", async () => {
  await using okta = await fakeOrg([], ["api-TOKEN-SECRET-77"]);
  await login(okta, { apiToken: "api-TOKEN-SECRET-77" });
  const [authn, embed] = okta.state.log;
  assert.equal(authn.authorization, "SSWS api-TOKEN-SECRET-77");
  assert.equal(embed.authorization, undefined);
  const error = await loginError(login(okta, { apiToken: "wrong-TOKEN-SECRET-88" }));
  assert.equal(error.status, 401);
  assert.match(error.message, /E0000011/);
  assertNoneShown(error, ["wrong-TOKEN-SECRET-88", PASSWORD]);
});

Deno.test("oktaAdapter answers a TOTP factor with mfaPassCode and asks to remember the device", async () => {
  await using okta = await fakeOrg([{ type: "token:software:totp", secret: TOTP_SECRET }]);
  const mfaPassCode = await totp(TOTP_SECRET, Date.now());
  const samlResponse = await login(okta, { mfaPassCode });
  assert.equal(samlRoleValues(samlResponse).length, 1);
  const verifies = verifyCalls(okta);
  assert.equal(verifies.length, 1);
  assert.equal(verifies[0].query.rememberDevice, "true");
});

Deno.test("oktaAdapter asks the mfa prompt for a Google Authenticator code; rememberDevice false is sent", async () => {
  await using okta = await fakeOrg([
    { type: "token:software:totp", provider: "GOOGLE", secret: TOTP_SECRET },
  ]);
  const challenges: MfaChallenge[] = [];
  const mfa = async (challenge: MfaChallenge) => {
    challenges.push(challenge);
    return await totp(TOTP_SECRET, Date.now());
  };
  await login(okta, { mfaType: "totp", rememberDevice: false }, { mfa });
  assert.deepEqual(challenges.map((c) => [c.kind, c.factor]), [["code", "token:software:totp"]]);
  assert.equal(verifyCalls(okta)[0].query.rememberDevice, "false");
});

Deno.test("oktaAdapter refuses a wrong code with status 403 and without the code", async () => {
  await using okta = await fakeOrg([{ type: "token:software:totp", secret: TOTP_SECRET }]);
  const right = await totp(TOTP_SECRET, Date.now());
  const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, "0");
  const error = await loginError(login(okta, { mfaPassCode: wrong }));
  assert.equal(error.status, 403);
  assert.match(error.message, /E0000068/);
  assertNoneShown(error, [wrong, PASSWORD]);
});

for (const channel of ["sms", "email"] as const) {
  Deno.test(`oktaAdapter verifies ${channel}: Okta sends a code, the prompt types it`, async () => {
    await using okta = await fakeOrg([{ type: channel }]);
    const mfa = (challenge: MfaChallenge) => {
      assert.deepEqual([challenge.kind, challenge.factor], ["code", channel]);
      return Promise.resolve(okta.state.codesSentTo(USER, channel).at(-1));
    };
    await login(okta, { mfaType: channel }, { mfa });
    assert.equal(okta.state.sentCodes.length, 0, "the one code sent was used up");
    assert.deepEqual(verifyCalls(okta).map((r) => r.query.rememberDevice), ["true", "true"]);
  });
}

Deno.test("oktaAdapter without a prompt has Okta send the SMS, then signs in with it as mfaPassCode", async () => {
  await using okta = await fakeOrg([{ type: "sms" }]);
  const first = await loginError(login(okta, { mfaType: "sms" }));
  assert.match(first.message, /sent by SMS.*mfaPassCode/);
  const [code] = okta.state.codesSentTo(USER, "sms");
  const samlResponse = await login(okta, { mfaType: "sms", mfaPassCode: code });
  assert.equal(samlRoleValues(samlResponse).length, 1);
  assertNoneShown(first, [code, PASSWORD]);
});

Deno.test("oktaAdapter announces a push once and polls until it is approved", async () => {
  await using okta = await fakeOrg([{ type: "push", answer: "approve", afterPolls: 3 }]);
  const challenges: MfaChallenge[] = [];
  const mfa = (challenge: MfaChallenge) => {
    challenges.push(challenge);
    return Promise.resolve(undefined);
  };
  await login(okta, { mfaType: "push" }, { mfa });
  assert.deepEqual(challenges.map((c) => c.kind), ["push"]);
  const verifies = verifyCalls(okta);
  assert.equal(verifies.length, 4, "one verify, three polls");
  assert.ok(verifies.every((r) => r.query.rememberDevice === "true"));
});

Deno.test("oktaAdapter fails when the push is rejected, or Okta times it out", async () => {
  for (const [answer, pattern] of [["reject", /rejected/], ["timeout", /timed out/]] as const) {
    await using okta = await fakeOrg([{ type: "push", answer, afterPolls: 1 }]);
    const error = await loginError(login(okta));
    assert.match(error.message, pattern);
    assertNoneShown(error, [PASSWORD]);
  }
});

Deno.test("oktaAdapter gives up on an unanswered push after pushTimeoutMs", async () => {
  await using okta = await fakeOrg([{ type: "push", answer: "ignore" }]);
  const started = Date.now();
  const error = await loginError(login(okta, { pollIntervalMs: 20, pushTimeoutMs: 150 }));
  assert.match(error.message, /not answered within 0\.15 s/);
  assert.ok(Date.now() - started < 2000);
  assert.ok(verifyCalls(okta).length >= 3, "it polled while waiting");
});

Deno.test("oktaAdapter stops polling when the signal aborts", async () => {
  await using okta = await fakeOrg([{ type: "push", answer: "ignore" }]);
  const controller = new AbortController();
  const mfa = () => {
    setTimeout(() => controller.abort(new Error("user cancelled")), 30);
    return Promise.resolve(undefined);
  };
  await assert.rejects(
    login(okta, { pollIntervalMs: 10 }, { mfa, signal: controller.signal }),
    /user cancelled/,
  );
});

Deno.test("oktaAdapter lets the prompt choose among factors, and names what is enrolled", async () => {
  await using okta = await fakeOrg([{ type: "push", answer: "reject" }, { type: "sms" }]);
  const offered: (readonly string[] | undefined)[] = [];
  const mfa = (challenge: MfaChallenge) => {
    if (challenge.kind === "choose") {
      offered.push(challenge.factors);
      return Promise.resolve("sms");
    }
    return Promise.resolve(okta.state.codesSentTo(USER, "sms").at(-1));
  };
  await login(okta, {}, { mfa });
  assert.deepEqual(offered, [["push", "sms"]]);
  const error = await loginError(login(okta, { mfaType: "email" }, { mfa }));
  assert.match(error.message, /no email factor \(enrolled: push, sms\)/);
});

Deno.test("oktaAdapter fails with E0000011 when the state token expired during MFA", async () => {
  await using okta = await fakeOrg([{ type: "token:software:totp", secret: TOTP_SECRET }]);
  const mfa = async () => {
    okta.state.now = () => Date.now() + 600_000;
    return await totp(TOTP_SECRET, Date.now() + 600_000);
  };
  const error = await loginError(login(okta, {}, { mfa }));
  assert.equal(error.status, 401);
  assert.match(error.message, /expired: log in again/);
});

Deno.test("oktaAdapter refuses an MFA link to another origin before sending anything there", async () => {
  await using okta = await fakeOrg([{ type: "token:software:totp", secret: TOTP_SECRET }]);
  const elsewhere: string[] = [];
  const rewriting: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input);
    if (url.origin !== okta.url) elsewhere.push(url.href);
    const response = await fetch(input, init);
    if (!url.pathname.endsWith("/authn")) return response;
    const text = (await response.text()).replaceAll(okta.url, "https://evil.example");
    return new Response(text, { status: response.status, headers: response.headers });
  };
  const mfaPassCode = await totp(TOTP_SECRET, Date.now());
  const error = await loginError(login(okta, { mfaPassCode }, { fetch: rewriting }));
  assert.match(error.message, /https:\/\/evil\.example, not to the org/);
  assert.deepEqual(elsewhere, []);
  assertNoneShown(error, [mfaPassCode, PASSWORD]);
});

Deno.test("oktaAdapter reports an embed link without a SAML form, and insists on https", async () => {
  await using okta = await fakeOrg();
  const adapter = oktaAdapter({ loginUrl: `${okta.url}/home/amazon_aws/0oaWRONG/272` });
  const error = await loginError(
    adapter.getSamlResponse({ fetch, username: USER, password: PASSWORD }),
  );
  assert.match(error.message, /without a SAMLResponse form.*embed link/);
  assert.doesNotMatch(error.message, /onetimetoken|20111/);
  assert.throws(
    () => oktaAdapter({ loginUrl: "http://example.okta.com/home/amazon_aws/0oa1/272" }),
    /must be an https: URL/,
  );
  assert.throws(
    () => oktaAdapter({ loginUrl: "https://me:hunter2@example.okta.com/home/amazon_aws/0oa1/272" }),
    (error: unknown) => {
      assert.ok(error instanceof TypeError);
      assert.match(error.message, /loginUrl must not carry a user name or password/);
      assert.ok(!error.message.includes("hunter2"));
      return true;
    },
  );
  await assert.rejects(
    oktaAdapter({ loginUrl: okta.loginUrl }).getSamlResponse({ fetch }),
    /needs a user name and password/,
  );
});

Deno.test("oktaAdapter's debug log shows each step and no password, code or token", async () => {
  await using okta = await fakeOrg([{ type: "sms" }]);
  const lines: string[] = [];
  const log = (line: string) => void lines.push(line);
  const typed: string[] = [];
  const mfa = () => {
    typed.push(okta.state.codesSentTo(USER, "sms").at(-1)!);
    return Promise.resolve(typed.at(-1));
  };
  await login(okta, {}, { fetch: sessionFetch(fetch, { log }), log, mfa });
  assert.ok(
    lines.some((line) => /^okta: POST http:\S+\/api\/v1\/authn -> 200 MFA_REQUIRED$/.test(line)),
  );
  assert.ok(lines.some((line) => line.startsWith("okta: GET ")));
  const secrets = [PASSWORD, ...typed, ...okta.state.issuedStateTokens, ...okta.state.redeemed];
  assert.equal(secrets.length, 4);
  for (const secret of secrets) {
    assert.ok(lines.every((line) => !line.includes(secret)), `the log shows ${secret}`);
  }
});

Deno.test("oktaAdapter does not follow a redirect of the authn API, so the password stays put", async () => {
  await using okta = await fakeOrg();
  const followed: string[] = [];
  const redirecting: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input);
    if (url.pathname !== "/api/v1/authn") return fetch(input, init);
    if (init?.redirect !== "manual") followed.push("https://evil.example/api/v1/authn");
    return Promise.resolve(
      new Response(null, {
        status: 307,
        headers: { location: "https://evil.example/api/v1/authn" },
      }),
    );
  };
  const error = await loginError(login(okta, {}, { fetch: redirecting }));
  assert.equal(error.status, 307);
  assert.deepEqual(followed, []);
  assertNoneShown(error, [PASSWORD]);
});
