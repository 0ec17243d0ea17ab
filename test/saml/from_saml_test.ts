import assert from "node:assert/strict";
import { Hono } from "hono";
import { AwsError } from "../../src/http/errors.ts";
import { SamlAssertionError } from "../../src/saml/errors.ts";
import { fromSaml, type FromSamlOptions } from "../../src/saml/from_saml.ts";
import type { SamlAdapter, SamlLoginContext } from "../../src/saml/adapter.ts";
import { StsClient } from "../../src/sts/client.ts";
import { type RunningEmulator, startEmulator } from "../emulator/emulator.ts";
import { registerTestIdp, type SignedSamlInit, signedSamlResponse } from "../idp/saml_issuer.ts";
import { serveApp } from "../idp/serve_app.ts";

const ACCOUNT = "arn:aws:iam::123456789012";
const PROVIDER = `${ACCOUNT}:saml-provider/TestIdp`;
const DEV = { roleArn: `${ACCOUNT}:role/Dev`, principalArn: PROVIDER };
const OPS = { roleArn: `${ACCOUNT}:role/Ops`, principalArn: PROVIDER };
const PASSWORD = "Correct-Horse-Battery-Staple-9";

async function samlEmulator(): Promise<RunningEmulator> {
  const emulator = await startEmulator();
  emulator.state.addRole({ arn: DEV.roleArn, maxSessionDuration: 43200 });
  emulator.state.addRole({ arn: OPS.roleArn, maxSessionDuration: 43200 });
  registerTestIdp(emulator.state, { principalArn: PROVIDER });
  return emulator;
}

/** An adapter that issues a signed assertion for `init` and records each login's context. */
function countingAdapter(
  init: Partial<SignedSamlInit> = {},
): SamlAdapter & { logins: SamlLoginContext[]; issued: string[] } {
  const logins: SamlLoginContext[] = [];
  const issued: string[] = [];
  return {
    name: "counting",
    logins,
    issued,
    getSamlResponse(context) {
      logins.push(context);
      const response = signedSamlResponse({
        roles: [DEV, OPS],
        subject: "alice@example.com",
        ...init,
      });
      issued.push(response);
      return Promise.resolve(response);
    },
  };
}

function options(
  emulator: RunningEmulator,
  rest: Omit<FromSamlOptions, "endpoint">,
): FromSamlOptions {
  return { endpoint: emulator.url, maxAttempts: 1, ...rest };
}

Deno.test("fromSaml: logs in, picks the role and gets credentials that sign as it", async () => {
  await using emulator = await samlEmulator();
  const adapter = countingAdapter({ roleSessionName: "alice" });
  const provider = fromSaml(options(emulator, {
    adapter,
    username: "alice",
    password: PASSWORD,
    roleArn: OPS.roleArn,
  }));
  const credentials = await provider();
  assert.match(credentials.accessKeyId, /^ASIA/);
  assert.equal(adapter.logins[0].username, "alice");
  assert.equal(adapter.logins[0].password, PASSWORD);
  const identity = await new StsClient({ credentials: provider, endpoint: emulator.url })
    .getCallerIdentity();
  assert.equal(identity.arn, "arn:aws:sts::123456789012:assumed-role/Ops/alice");
  const call = emulator.state.stsCalls.find((c) => c.action === "AssumeRoleWithSAML")!;
  assert.equal(call.accessKeyId, undefined, "AssumeRoleWithSAML is unsigned");
  assert.equal(call.params.PrincipalArn, PROVIDER);
});

Deno.test("fromSaml: re-logs in only when the STS credentials expire; one login for concurrent callers", async () => {
  await using emulator = await samlEmulator();
  let clock = Date.now();
  let passwordAsked = 0;
  const adapter = countingAdapter();
  const provider = fromSaml(options(emulator, {
    adapter,
    password: () => Promise.resolve(`${PASSWORD}-${++passwordAsked}`),
    roleArn: DEV.roleArn,
    durationSeconds: 900,
    now: () => clock,
  }));
  const first = await Promise.all([provider(), provider(), provider()]);
  assert.equal(adapter.logins.length, 1);
  assert.ok(first.every((c) => c.accessKeyId === first[0].accessKeyId));
  clock += 500_000;
  assert.equal((await provider()).accessKeyId, first[0].accessKeyId);
  assert.equal(adapter.logins.length, 1);
  clock += 200_000; // within five minutes of the 900 s expiry
  const second = await provider();
  assert.equal(adapter.logins.length, 2);
  assert.notEqual(second.accessKeyId, first[0].accessKeyId);
  assert.equal(passwordAsked, 2);
  assert.deepEqual(adapter.logins.map((l) => l.password), [`${PASSWORD}-1`, `${PASSWORD}-2`]);
});

Deno.test("fromSaml: DurationSeconds defaults to the assertion's SessionDuration, within STS's range", async () => {
  await using emulator = await samlEmulator();
  const durations: (string | undefined)[] = [];
  for (
    const [sessionDuration, durationSeconds] of [[7200, undefined], [undefined, undefined], [
      60,
      undefined,
    ], [7200, 1800]]
  ) {
    const provider = fromSaml(options(emulator, {
      adapter: countingAdapter(sessionDuration === undefined ? {} : { sessionDuration }),
      roleArn: DEV.roleArn,
      ...(durationSeconds === undefined ? {} : { durationSeconds }),
    }));
    const credentials = await provider();
    const lifetime = (credentials.expiration!.getTime() - Date.now()) / 1000;
    durations.push(emulator.state.stsCalls.at(-1)?.params.DurationSeconds);
    assert.ok(Math.abs(lifetime - Number(durations.at(-1))) < 15, `${lifetime}`);
  }
  assert.deepEqual(durations, ["7200", "3600", "900", "1800"]);
});

Deno.test("fromSaml: the role chooser picks among the assertion's roles", async () => {
  await using emulator = await samlEmulator();
  let offered: string[] = [];
  const provider = fromSaml(options(emulator, {
    adapter: countingAdapter(),
    chooseRole: (roles) => {
      offered = roles.map((r) => r.roleArn);
      return roles[1];
    },
  }));
  await provider();
  assert.deepEqual(offered, [DEV.roleArn, OPS.roleArn]);
  assert.equal(emulator.state.stsCalls.at(-1)?.params.RoleArn, OPS.roleArn);
  await assert.rejects(
    fromSaml(options(emulator, { adapter: countingAdapter() }))(),
    (e) => e instanceof SamlAssertionError && /several roles/.test(e.message),
  );
});

Deno.test("fromSaml: errors never contain the password or the assertion", async () => {
  await using emulator = await samlEmulator();
  const cases: [Partial<SignedSamlInit>, Partial<FromSamlOptions>, (e: unknown) => boolean][] = [
    [{}, { roleArn: `${ACCOUNT}:role/Admin` }, (e) => e instanceof SamlAssertionError],
    [
      { notOnOrAfter: new Date(Date.now() - 1000) },
      { roleArn: DEV.roleArn },
      (e) => e instanceof AwsError && e.code === "ExpiredTokenException",
    ],
    [
      { roles: [{ ...DEV, principalArn: `${ACCOUNT}:saml-provider/Unknown` }] },
      {},
      (e) => e instanceof AwsError && e.code === "InvalidIdentityToken",
    ],
    [
      { audience: "https://app.example.com/sp" },
      {},
      (e) => e instanceof SamlAssertionError && /app\.example\.com/.test(String(e)),
    ],
  ];
  for (const [init, extra, expected] of cases) {
    const adapter = countingAdapter(init);
    const error = await fromSaml(options(emulator, { adapter, password: PASSWORD, ...extra }))()
      .then(() => undefined, (e) => e);
    assert.ok(expected(error), String(error));
    const everything = `${error} ${error.stack} ${JSON.stringify(error)} ${String(error.cause)}`;
    assert.ok(!everything.includes(PASSWORD));
    const assertion = adapter.issued[0];
    assert.ok(!everything.includes(assertion.slice(200, 240)), "no piece of the assertion");
  }
});

Deno.test("fromSaml: the adapter's fetch is a cookie session around idpFetch, with the debug log", async () => {
  await using emulator = await samlEmulator();
  const app = new Hono();
  app.get("/sso", (c) => {
    c.header("set-cookie", "session=abc; Path=/");
    return c.redirect("/saml", 302);
  });
  app.get(
    "/saml",
    (c) =>
      c.req.header("cookie") === "session=abc"
        ? c.html(
          `<form><input name="SAMLResponse" value="${
            signedSamlResponse({ roles: [DEV] })
          }"></form>`,
        )
        : c.text("no session", 401),
  );
  await using idp = await serveApp(app);
  let userFetchCalls = 0;
  const lines: string[] = [];
  const adapter: SamlAdapter = {
    name: "html",
    async getSamlResponse(context) {
      const page = await context.fetch(`${idp.url}/sso`, { signal: context.signal });
      const html = await page.text();
      return html.match(/value="([^"]+)"/)![1];
    },
  };
  const credentials = await fromSaml(options(emulator, {
    adapter,
    idpFetch: (input, init) => {
      userFetchCalls++;
      return fetch(input, init);
    },
    debugLog: (line) => lines.push(line),
  }))();
  assert.match(credentials.accessKeyId, /^ASIA/);
  assert.equal(userFetchCalls, 2);
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^GET http:\/\/127\.0\.0\.1:\d+\/sso -> 302 /);
});
