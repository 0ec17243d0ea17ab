// The OIE adapters keep secrets on the org's origin: an org whose endpoints redirect to
// another origin (307 keeps the body: the password, the tokens; a redirect of the app links
// would carry the Authorization header) gets a typed error and the other origin receives
// nothing, through fromSaml's sessionFetch and through a plain fetch alike; an org URL that
// is not https (or loopback http) is refused before any request.
import assert from "node:assert/strict";
import { Hono } from "hono";
import {
  fromSaml,
  oktaOieDirectAdapter,
  OktaOieError,
  oktaOieM2mTokenSource,
  oktaOieWebAdapter,
} from "../../../../src/saml/mod.ts";
import { serveApp } from "../../../idp/serve_app.ts";
import {
  NATIVE_CLIENT,
  PASSWORD,
  PROD_APP,
  recordingSleep,
  SERVICE_CLIENT,
  startOieSetup,
  USER,
} from "./fixtures.ts";
import { rejectionOf } from "../../../rejection.ts";

/** An org that forwards to `org`, except that requests to `path` are redirected to `other`. */
async function redirectingOrg(org: string, other: string, path: string, status: 302 | 307) {
  const app = new Hono().all("*", async (c) => {
    const url = new URL(c.req.url);
    if (url.pathname === path) return c.redirect(`${other}${path}`, status);
    return await fetch(`${org}${url.pathname}${url.search}`, {
      method: c.req.method,
      headers: c.req.raw.headers,
      body: c.req.method === "GET" ? undefined : await c.req.arrayBuffer(),
    });
  });
  return await serveApp(app);
}

/** Another origin that records what reaches it. */
async function otherOrigin() {
  const received: string[] = [];
  const served = await serveApp(new Hono().all("*", async (c) => {
    received.push(`${c.req.method} ${new URL(c.req.url).pathname} ${await c.req.text()}`);
    return c.json({ access_token: "stolen" });
  }));
  return { url: served.url, received, [Symbol.asyncDispose]: () => served.close() };
}

const failure = (promise: Promise<unknown>) => rejectionOf(promise, OktaOieError);

Deno.test("direct: a 307 of the password grant to another origin sends the password nowhere", async () => {
  await using setup = await startOieSetup();
  await using other = await otherOrigin();
  await using org = await redirectingOrg(setup.okta.url, other.url, "/oauth2/v1/token", 307);
  const adapter = oktaOieDirectAdapter({
    orgUrl: org.url,
    clientId: NATIVE_CLIENT,
    appId: PROD_APP,
  });
  const viaSession = await failure(
    fromSaml({
      adapter,
      username: USER,
      password: PASSWORD,
      endpoint: "http://127.0.0.1:9",
      region: "us-east-1",
    })(),
  );
  assert.deepEqual([viaSession.step, viaSession.status], ["password", 307]);
  const viaFetch = await failure(
    adapter.getSamlResponse({ fetch, username: USER, password: PASSWORD }),
  );
  assert.deepEqual([viaFetch.step, viaFetch.status], ["password", 307]);
  assert.deepEqual(other.received, []);
  assert.ok(!String(viaFetch).includes(PASSWORD));
});

Deno.test("web: a redirect of the app links or the SAML sign-in carries no token away", async () => {
  await using setup = await startOieSetup();
  await using other = await otherOrigin();
  for (
    const [path, step] of [["/api/v1/users/me/appLinks", "app-list"], ["/login/token/sso", "saml"]]
  ) {
    await using org = await redirectingOrg(setup.okta.url, other.url, path, 302);
    const adapter = oktaOieWebAdapter({
      orgUrl: org.url,
      clientId: NATIVE_CLIENT,
      onDeviceCode: (code) => setup.okta.state.approveDevice(code.userCode, USER),
      sleep: recordingSleep().sleep,
    });
    const error = await failure(
      fromSaml({ adapter, endpoint: "http://127.0.0.1:9", region: "us-east-1" })(),
    );
    assert.deepEqual([error.step, error.status], [step, 302]);
  }
  assert.deepEqual(other.received, []);
});

Deno.test("m2m: a redirect of the token request takes the client assertion nowhere", async () => {
  await using setup = await startOieSetup();
  await using other = await otherOrigin();
  await using org = await redirectingOrg(
    setup.okta.url,
    other.url,
    "/oauth2/default/v1/token",
    307,
  );
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
  ]);
  const error = await failure(
    oktaOieM2mTokenSource({
      orgUrl: org.url,
      clientId: SERVICE_CLIENT,
      privateKey: await crypto.subtle.exportKey("jwk", pair.privateKey),
    })(),
  );
  assert.deepEqual([error.step, error.status], ["client-credentials", 307]);
  assert.deepEqual(other.received, []);
});

Deno.test("an org URL that is not https (nor loopback http), or ids that are not ids, are refused", () => {
  const onDeviceCode = () => {};
  for (
    const orgUrl of [
      "http://example.okta.com",
      "ftp://example.okta.com",
      "https://u:p@x.okta.com",
      "::",
    ]
  ) {
    assert.throws(
      () => oktaOieWebAdapter({ orgUrl, clientId: NATIVE_CLIENT, onDeviceCode }),
      TypeError,
    );
  }
  assert.throws(
    () => oktaOieWebAdapter({ orgUrl: "example.okta.com", clientId: "0oa/../x", onDeviceCode }),
    /clientId must be an Okta id/,
  );
  assert.throws(
    () =>
      oktaOieDirectAdapter({
        orgUrl: "example.okta.com",
        clientId: NATIVE_CLIENT,
        authorizationServerId: "a/b",
      }),
    /authorizationServerId/,
  );
  // a bare host, as okta-aws-cli's --org-domain, is https
  assert.equal(
    oktaOieWebAdapter({ orgUrl: "example.okta.com", clientId: NATIVE_CLIENT, onDeviceCode }).name,
    "okta-oie",
  );
});

Deno.test("an org URL carrying a password is refused without the password in the message", async () => {
  const orgUrl = "https://me:hunter2@example.okta.com";
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
  ]);
  const privateKey = await crypto.subtle.exportKey("jwk", pair.privateKey);
  const attempts = [
    () => oktaOieWebAdapter({ orgUrl, clientId: NATIVE_CLIENT, onDeviceCode: () => {} }),
    () => oktaOieDirectAdapter({ orgUrl, clientId: NATIVE_CLIENT }),
    () => oktaOieM2mTokenSource({ orgUrl, clientId: SERVICE_CLIENT, privateKey }),
  ];
  for (const attempt of attempts) {
    assert.throws(attempt, (error: unknown) => {
      assert.ok(error instanceof TypeError);
      assert.match(
        error.message,
        /orgUrl must not carry a user name or password \(example\.okta\.com\)/,
      );
      assert.ok(!String(error).includes("hunter2"), String(error));
      return true;
    });
  }
});
