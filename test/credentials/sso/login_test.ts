// ssoLogin against the emulator's OIDC service: the device flow with the right back-off,
// the AWS CLI's cache files (names, fields, formats), typed errors without secrets.
import assert from "node:assert/strict";
import { ssoLogin, type SsoLoginOptions } from "../../../src/credentials/sso/device_login.ts";
import { SsoLoginError } from "../../../src/credentials/sso/errors.ts";
import { registrationCacheKey } from "../../../src/credentials/sso/_client_registration.ts";
import { type RunningEmulator, startEmulator } from "../../emulator/emulator.ts";
import { fakeTime, memoryCachePlatform } from "./cache_platform.ts";

const START_URL = "https://my-org.awsapps.com/start";
const CACHE = "/home/me/.aws/sso/cache";

function loginOptions(
  emulator: RunningEmulator,
  overrides: Partial<SsoLoginOptions> = {},
): SsoLoginOptions & { platform: ReturnType<typeof memoryCachePlatform> } {
  const time = fakeTime();
  return {
    startUrl: START_URL,
    region: "eu-west-1",
    sessionName: "my-sso",
    platform: memoryCachePlatform(),
    oidcEndpoint: `${emulator.url}/sso-oidc`,
    onDeviceCode: () => {},
    sleep: time.sleep,
    now: time.now,
    ...overrides,
  } as SsoLoginOptions & { platform: ReturnType<typeof memoryCachePlatform> };
}

Deno.test("ssoLogin polls every interval until approval and writes the CLI's token cache", async () => {
  await using emulator = await startEmulator();
  emulator.state.ssoOidc.approveAfterPolls = 3;
  const time = fakeTime(Date.UTC(2024, 4, 1, 12, 0, 0, 250));
  const shown: string[] = [];
  const options = loginOptions(emulator, {
    sleep: time.sleep,
    now: time.now,
    onDeviceCode: (info) => void shown.push(info.userCode, info.verificationUriComplete ?? ""),
  });
  const result = await ssoLogin(options);

  assert.deepEqual(time.sleeps, [1000, 1000]);
  assert.deepEqual(
    emulator.state.ssoOidc.createTokenCalls.map((call) => call.outcome),
    ["AuthorizationPendingException", "AuthorizationPendingException", "ok"],
  );
  assert.match(shown[0], /^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
  assert.ok(shown[1].endsWith(`user_code=${shown[0]}`));
  // sha1("my-sso"), as the AWS CLI names the file of an sso-session.
  assert.equal(result.cacheFile, `${CACHE}/0ad374308c5a4e22f723adf10145eafad7c4031c.json`);
  const token = JSON.parse(options.platform.files.get(result.cacheFile)!);
  assert.deepEqual(Object.keys(token), [
    "startUrl",
    "region",
    "accessToken",
    "expiresAt",
    "clientId",
    "clientSecret",
    "registrationExpiresAt",
    "refreshToken",
  ]);
  assert.equal(token.startUrl, START_URL);
  assert.equal(token.region, "eu-west-1");
  assert.equal(token.expiresAt, "2024-05-01T20:00:02Z"); // 8 h after the third poll
  assert.match(token.registrationExpiresAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.ok(emulator.state.sso.accessTokens.has(token.accessToken));
  assert.equal(emulator.state.ssoOidc.refreshTokens.get(token.refreshToken), token.clientId);
  assert.equal(result.refreshable, true);
  assert.equal(result.expiresAt.toISOString(), "2024-05-01T20:00:02.000Z");
  assert.ok(!JSON.stringify(result).includes(token.accessToken));
});

Deno.test("the client registration is cached under the AWS CLI's key and reused", async () => {
  await using emulator = await startEmulator();
  const options = loginOptions(emulator, { sessionName: "équipe-sso" });
  await ssoLogin(options);
  await ssoLogin(options);
  assert.equal(emulator.state.ssoOidc.clients.size, 1);
  const [client] = emulator.state.ssoOidc.clients.values();
  assert.deepEqual(client.scopes, ["sso:account:access"]);
  assert.deepEqual(client.grantTypes, [
    "urn:ietf:params:oauth:grant-type:device_code",
    "refresh_token",
  ]);
  // Computed with Python: sha1(json.dumps({...}, sort_keys=True)) as botocore does.
  const key = "802ae003e9ce96db24da486fd3cfacc856fd1f5f";
  assert.equal(
    await sha1(registrationCacheKey({
      startUrl: START_URL,
      region: "eu-west-1",
      sessionName: "équipe-sso",
      scopes: ["sso:account:access"],
    })),
    key,
  );
  const registration = JSON.parse(options.platform.files.get(`${CACHE}/${key}.json`)!);
  assert.deepEqual(Object.keys(registration), ["clientId", "clientSecret", "expiresAt", "scopes"]);
  assert.equal(registration.clientId, client.clientId);
  // sha1("équipe-sso") in UTF-8
  assert.ok(options.platform.files.has(`${CACHE}/b7f193e4b3bb9076be026d2230add182a1a22ad0.json`));
});

Deno.test("a registration within 15 minutes of expiry is replaced", async () => {
  await using emulator = await startEmulator();
  const options = loginOptions(emulator);
  await ssoLogin(options);
  await editCachedRegistration(options, {
    expiresAt: new Date(options.now!() + 10 * 60_000).toISOString(),
  });
  await ssoLogin(options);
  assert.equal(emulator.state.ssoOidc.clients.size, 2);
});

Deno.test("SlowDownException adds 5 seconds to the interval, for good", async () => {
  await using emulator = await startEmulator();
  emulator.state.ssoOidc.approveAfterPolls = 4;
  emulator.state.ssoOidc.slowDownPolls = new Set([2]);
  const time = fakeTime();
  await ssoLogin(loginOptions(emulator, { sleep: time.sleep, now: time.now }));
  assert.deepEqual(time.sleeps, [1000, 6000, 6000]);
});

Deno.test("a legacy login (no sso-session) writes the four legacy fields under sha1(start URL)", async () => {
  await using emulator = await startEmulator();
  const options = loginOptions(emulator, { sessionName: undefined });
  const result = await ssoLogin(options);
  // Computed with Python: hashlib.sha1(b"https://my-org.awsapps.com/start").hexdigest()
  assert.equal(result.cacheFile, `${CACHE}/${await sha1(START_URL)}.json`);
  const token = JSON.parse(options.platform.files.get(result.cacheFile)!);
  assert.deepEqual(Object.keys(token), ["startUrl", "region", "accessToken", "expiresAt"]);
  assert.equal(result.refreshable, false);
  const [client] = emulator.state.ssoOidc.clients.values();
  assert.deepEqual(client.scopes, []);
  assert.ok(options.platform.files.has(`${CACHE}/9a4c0fdbd99d2be9f35b1e17f6262d86d182728a.json`));
});

Deno.test("a denied login is SsoLoginError AccessDeniedException, without secrets", async () => {
  await using emulator = await startEmulator();
  emulator.state.ssoOidc.deny = true;
  const options = loginOptions(emulator);
  const error = await ssoLogin(options).catch((e) => e);
  assert.ok(error instanceof SsoLoginError);
  assert.equal(error.code, "AccessDeniedException");
  assertNoSecrets(error, emulator);
});

Deno.test("a device code that expires is SsoLoginError ExpiredTokenException", async (t) => {
  await t.step("the service says so", async () => {
    await using emulator = await startEmulator();
    emulator.state.ssoOidc.approveAfterPolls = 100;
    emulator.state.fixedTime = new Date();
    const options = loginOptions(emulator, {
      sleep: (ms) => {
        emulator.state.fixedTime = new Date(emulator.state.fixedTime!.getTime() + ms * 1000);
        return Promise.resolve();
      },
    });
    const error = await ssoLogin(options).catch((e) => e);
    assert.ok(error instanceof SsoLoginError);
    assert.equal(error.code, "ExpiredTokenException");
    assertNoSecrets(error, emulator);
  });
  await t.step("its expiresIn passes first", async () => {
    await using emulator = await startEmulator();
    emulator.state.ssoOidc.approveAfterPolls = 100;
    emulator.state.ssoOidc.deviceCodeExpiresInSeconds = 10;
    const time = fakeTime();
    const error = await ssoLogin(loginOptions(emulator, { sleep: time.sleep, now: time.now }))
      .catch((e) => e);
    assert.equal(error.code, "ExpiredTokenException");
    assert.equal(time.sleeps.length, 9);
  });
});

Deno.test("an unknown client secret is the service's InvalidClientException", async () => {
  await using emulator = await startEmulator();
  const options = loginOptions(emulator);
  await ssoLogin(options);
  await editCachedRegistration(options, { clientSecret: "SECRET-WRONG-123" });
  const error = await ssoLogin(options).catch((e) => e);
  assert.equal(error.code, "InvalidClientException");
  assert.ok(!String(error.message).includes("SECRET-WRONG-123"));
});

/** Overwrites `changes` in the client registration cached by a login with `options`. */
async function editCachedRegistration(
  options: ReturnType<typeof loginOptions>,
  changes: Record<string, unknown>,
): Promise<void> {
  const key = await sha1(registrationCacheKey({ ...options, scopes: ["sso:account:access"] }));
  const path = `${CACHE}/${key}.json`;
  const cached = JSON.parse(options.platform.files.get(path)!);
  options.platform.files.set(path, JSON.stringify({ ...cached, ...changes }));
}

async function sha1(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

function assertNoSecrets(error: Error, emulator: RunningEmulator) {
  const text = `${error.message} ${error.stack} ${String((error.cause as Error)?.message)}`;
  const { ssoOidc, sso } = emulator.state;
  const secrets = [
    ...[...ssoOidc.clients.values()].map((client) => client.clientSecret),
    ...ssoOidc.deviceAuthorizations.keys(),
    ...ssoOidc.refreshTokens.keys(),
    ...sso.accessTokens,
  ];
  assert.ok(secrets.length > 0);
  for (const secret of secrets) assert.ok(!text.includes(secret), "a secret leaked into the error");
}

Deno.test("aborting the signal stops the polling with the signal's reason", async () => {
  await using emulator = await startEmulator();
  emulator.state.ssoOidc.approveAfterPolls = 100;
  const controller = new AbortController();
  let sleeps = 0;
  const error = await ssoLogin(loginOptions(emulator, {
    signal: controller.signal,
    sleep: () => {
      if (++sleeps === 2) controller.abort(new Error("user pressed Ctrl-C"));
      return Promise.resolve();
    },
  })).catch((e) => e);
  assert.equal(error.message, "user pressed Ctrl-C");
  assert.equal(emulator.state.ssoOidc.createTokenCalls.length, 2);
});
