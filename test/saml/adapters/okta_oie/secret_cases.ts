/**
 * Secrets-sweep cases of the Okta Identity Engine modes (run by
 * `test/security/no_secrets_test.ts` through `secret_cases_saml.ts`): the fake OIE org
 * failing each step — a wrong password, a wrong code, a rejected push, an expired or denied
 * device code, a refused token exchange, an org echoing what it was sent (the password, the
 * web SSO token) in its error descriptions, an m2m key Okta does not know, STS refusing the
 * m2m token. Besides `SECRETS`, each case checks what is only known at run time (every
 * password, code, token, device code, MFA token, OOB code and client assertion the org saw
 * or issued, and the m2m private key) in every rendering of the error and in the `debugLog`.
 *
 * @module
 */
import { Hono } from "hono";
import { fromSaml, type FromSamlOptions } from "../../../../src/saml/from_saml.ts";
import {
  fromOktaOieM2m,
  oktaOieDirectAdapter,
  oktaOieWebAdapter,
} from "../../../../src/saml/mod.ts";
import type { FakeOieInit, FakeOktaOieState } from "../../../idp/okta_oie/fake_org.ts";
import { serveApp } from "../../../idp/serve_app.ts";
import { renderings, type SecretCase, SECRETS } from "../../../security/assert_no_secrets.ts";
import {
  DEV_APP_INIT,
  M2M_ROLE,
  NATIVE_CLIENT,
  type OieSetup,
  orgInit,
  PROD_APP,
  recordingSleep,
  SERVICE_CLIENT,
  startOieSetup,
  USER,
} from "./fixtures.ts";

const OTP_SECRET = new TextEncoder().encode("sweep-oie-otp-secret");
/** The form fields whose values are secrets. */
const SECRET_FIELDS = [
  "password",
  "otp",
  "binding_code",
  "mfa_token",
  "oob_code",
  "device_code",
  "actor_token",
  "subject_token",
  "token",
  "client_assertion",
];

/** Every secret the org saw in a form or issued. */
function runtimeSecrets(state: FakeOktaOieState): string[] {
  return [
    ...state.log.flatMap((r) => SECRET_FIELDS.flatMap((f) => r.form?.[f] ?? [])),
    ...state.accessTokens.keys(),
    ...state.idTokens.keys(),
    ...state.webSsoTokens.keys(),
    ...state.mfaTokens.keys(),
    ...state.oobCodes.keys(),
    ...state.deviceCodes.keys(),
  ].filter((secret) => secret.length >= 6);
}

/**
 * A case that runs `login` against an org for `init` and fails; a runtime secret or a
 * `SECRETS` value in the error or a debug log line makes it resolve instead (the sweep then
 * reports it), since a thrown assertion would count as the error under test.
 */
function oieCase(
  name: string,
  init: FakeOieInit,
  login: (setup: OieSetup, debugLog: (line: string) => void) => Promise<unknown>,
  extraSecrets: readonly string[] = [],
): SecretCase {
  return {
    name: `Okta OIE: ${name}`,
    run: async () => {
      await using setup = await startOieSetup(init);
      const lines: string[] = [];
      const error = await login(setup, (line) => void lines.push(line))
        .then(() => new Error(`${name}: the login succeeded`), (e: unknown) => e);
      const secrets = [
        ...Object.values(SECRETS),
        ...runtimeSecrets(setup.okta.state),
        ...extraSecrets,
      ];
      const shown = [...renderings(error), ...lines];
      const leak = secrets.find((s) => shown.some((text) => text.includes(s)));
      if (leak === undefined) throw error;
      console.error(`${name}: a secret leaked (${leak.slice(0, 6)}…) into the error or the log`);
      return leak;
    },
  };
}

function viaFromSaml(
  setup: OieSetup,
  debugLog: (line: string) => void,
  options: Omit<FromSamlOptions, "endpoint" | "region" | "debugLog">,
) {
  return fromSaml({ ...options, endpoint: setup.emulator.url, region: "us-east-1", debugLog })();
}

function direct(orgUrl: string, mfaPassCode?: string) {
  return oktaOieDirectAdapter({
    orgUrl,
    clientId: NATIVE_CLIENT,
    appId: PROD_APP,
    mfaPassCode,
    sleep: recordingSleep().sleep,
  });
}

function web(setup: OieSetup, appId = PROD_APP, decision: "approve" | "deny" = "approve") {
  return oktaOieWebAdapter({
    orgUrl: setup.okta.url,
    clientId: NATIVE_CLIENT,
    appId,
    onDeviceCode: (code) => setup.okta.state.approveDevice(code.userCode, USER, decision),
    sleep: recordingSleep().sleep,
  });
}

/** The org behind a proxy that answers `path` with an error echoing the form it got. */
async function echoingOrg(org: string, path: string) {
  const app = new Hono().all("*", async (c) => {
    const url = new URL(c.req.url);
    const body = c.req.method === "GET" ? undefined : await c.req.text();
    if (url.pathname === path) {
      return c.json({ error: "invalid_grant", error_description: `refused: ${body}` }, 400);
    }
    return await fetch(`${org}${url.pathname}`, {
      method: c.req.method,
      headers: c.req.raw.headers,
      body,
    });
  });
  return await serveApp(app);
}

const withUser = (factors: NonNullable<FakeOieInit["users"][number]["factors"]>) =>
  orgInit({ users: [{ login: USER, password: SECRETS.password, factors }] });

/** The m2m cases' private keys (the `d` of each), checked like the other secrets. */
const privateKeys: string[] = [];

async function m2mKey(): Promise<JsonWebKey> {
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ]);
  const jwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
  privateKeys.push(jwk.d!);
  return jwk;
}

/** The cases. */
export const OKTA_OIE_CASES: readonly SecretCase[] = [
  oieCase(
    "direct: a wrong password",
    withUser([]),
    (setup, debugLog) =>
      viaFromSaml(setup, debugLog, {
        adapter: direct(setup.okta.url),
        username: USER,
        password: `${SECRETS.password}-wrong`,
      }),
  ),
  oieCase(
    "direct: a wrong one-time code",
    withUser([{ type: "otp", secret: OTP_SECRET }]),
    (setup, debugLog) =>
      viaFromSaml(setup, debugLog, {
        adapter: direct(setup.okta.url, SECRETS.mfaCode),
        username: USER,
        password: SECRETS.password,
      }),
  ),
  oieCase(
    "direct: a push rejected on the phone",
    withUser([{ type: "push", answer: "reject" }]),
    (setup, debugLog) =>
      viaFromSaml(setup, debugLog, {
        adapter: direct(setup.okta.url),
        username: USER,
        password: SECRETS.password,
      }),
  ),
  oieCase(
    "direct: an org echoing the password grant's form in its error",
    withUser([]),
    async (setup, debugLog) => {
      await using org = await echoingOrg(setup.okta.url, "/oauth2/v1/token");
      return await viaFromSaml(setup, debugLog, {
        adapter: direct(org.url),
        username: USER,
        password: SECRETS.password,
      });
    },
  ),
  oieCase(
    "web: the device code expired",
    orgInit({ device: { pendingPolls: 9, expireAfterPolls: 2 } }),
    (setup, debugLog) => viaFromSaml(setup, debugLog, { adapter: web(setup) }),
  ),
  oieCase(
    "web: the sign-in denied in the browser",
    orgInit(),
    (setup, debugLog) => viaFromSaml(setup, debugLog, { adapter: web(setup, PROD_APP, "deny") }),
  ),
  oieCase(
    "web: the exchange refused (client not allowed by the AWS app)",
    orgInit({ apps: [{ ...DEV_APP_INIT, webSsoClient: "0oaSomeOtherClient" }] }),
    (setup, debugLog) => viaFromSaml(setup, debugLog, { adapter: web(setup, DEV_APP_INIT.id) }),
  ),
  oieCase(
    "web: an org echoing the web SSO token at /login/token/sso",
    orgInit(),
    async (setup, debugLog) => {
      await using org = await echoingOrg(setup.okta.url, "/login/token/sso");
      const adapter = oktaOieWebAdapter({
        orgUrl: org.url,
        clientId: NATIVE_CLIENT,
        appId: PROD_APP,
        onDeviceCode: (code) => setup.okta.state.approveDevice(code.userCode, USER),
        sleep: recordingSleep().sleep,
      });
      return await viaFromSaml(setup, debugLog, { adapter });
    },
  ),
  oieCase(
    "m2m: a key Okta does not know",
    orgInit({
      clients: [...orgInit().clients, {
        id: SERVICE_CLIENT,
        grants: ["client_credentials"],
        publicKeys: [],
      }],
    }),
    async (setup) =>
      await fromOktaOieM2m({
        orgUrl: setup.okta.url,
        clientId: SERVICE_CLIENT,
        privateKey: await m2mKey(),
        keyId: "unknown",
        roleArn: M2M_ROLE,
        endpoint: setup.emulator.url,
        region: "us-east-1",
      })(),
    privateKeys,
  ),
  oieCase(
    "m2m: STS refusing the token (no OIDC provider for the org)",
    orgInit(),
    async (setup) => {
      const privateKey = await m2mKey();
      setup.okta.state.clients.set(SERVICE_CLIENT, {
        id: SERVICE_CLIENT,
        grants: ["client_credentials"],
        publicKeys: [{ kty: "EC", crv: "P-256", x: privateKey.x, y: privateKey.y, kid: "k" }],
      });
      setup.emulator.state.oidcProviders.length = 0;
      return await fromOktaOieM2m({
        orgUrl: setup.okta.url,
        clientId: SERVICE_CLIENT,
        privateKey,
        keyId: "k",
        roleArn: M2M_ROLE,
        endpoint: setup.emulator.url,
        region: "us-east-1",
      })();
    },
    privateKeys,
  ),
];
