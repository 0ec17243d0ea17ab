/**
 * What the Okta Identity Engine tests share: a fake org (a user with a password, two AWS
 * Account Federation apps, an OIDC Native app for people and an API service app for
 * machines) and the emulator trusting the org's SAML certificate and its `default`
 * authorization server as an OIDC provider, plus a sleep that records instead of waiting.
 *
 * @module
 */
import { type RunningEmulator, startEmulator } from "../../../emulator/emulator.ts";
import { registerTestIdp } from "../../../idp/saml_issuer.ts";
import {
  type FakeOieInit,
  type RunningFakeOktaOie,
  startFakeOktaOie,
} from "../../../idp/okta_oie/fake_org.ts";

/** The org's user. */
export const USER = "alice@example.com";
/** Her password: recognisable, so a leak shows. */
export const PASSWORD = "oie-PASSWORD-SECRET-correct-horse";
/** The OIDC Native app people sign in with. */
export const NATIVE_CLIENT = "0oa5wyqjk6Wm148fE1d7";
/** The API service app machines sign in with. */
export const SERVICE_CLIENT = "0oaa4htg72TNrkTDr1d7";
/** The production AWS app. */
export const PROD_APP = "0oa9x1rifa2H6Q5d8325";
/** The development AWS app. */
export const DEV_APP = "0oa9x1rifaDevApp0001";
/** The SAML provider of both AWS apps. */
export const PRINCIPAL = "arn:aws:iam::123456789012:saml-provider/OktaOIE";
/** The production app's role. */
export const PROD_ROLE = "arn:aws:iam::123456789012:role/OktaOieProd";
/** The development app's role. */
export const DEV_ROLE = "arn:aws:iam::123456789012:role/OktaOieDev";
/** The role machines assume with web identity. */
export const M2M_ROLE = "arn:aws:iam::123456789012:role/OktaOieMachines";

/** The grant types of the Native app. */
export const NATIVE_GRANTS = [
  "urn:ietf:params:oauth:grant-type:device_code",
  "urn:ietf:params:oauth:grant-type:token-exchange",
  "password",
  "http://auth0.com/oauth/grant-type/mfa-oob",
  "http://auth0.com/oauth/grant-type/mfa-otp",
];

/** The org: `overrides` replace the defaults' top-level fields. */
export function orgInit(overrides: Partial<FakeOieInit> = {}): FakeOieInit {
  return {
    users: [{ login: USER, password: PASSWORD }],
    apps: [
      {
        id: PROD_APP,
        label: "AWS production",
        roles: [{ roleArn: PROD_ROLE, principalArn: PRINCIPAL }],
        webSsoClient: NATIVE_CLIENT,
        sessionDuration: 1800,
      },
    ],
    clients: [
      {
        id: NATIVE_CLIENT,
        grants: NATIVE_GRANTS,
        oktaScopes: ["okta.apps.sso", "okta.users.read.self"],
      },
    ],
    ...overrides,
  };
}

/** The development app, for orgs with two AWS apps. */
export const DEV_APP_INIT = {
  id: DEV_APP,
  label: "AWS development",
  roles: [{ roleArn: DEV_ROLE, principalArn: PRINCIPAL }],
  webSsoClient: NATIVE_CLIENT,
};

/** A fake org and the emulator; dispose to stop both. */
export interface OieSetup extends AsyncDisposable {
  readonly okta: RunningFakeOktaOie;
  readonly emulator: RunningEmulator;
}

/** Starts the org for `init` and an emulator trusting it. */
export async function startOieSetup(init: FakeOieInit = orgInit()): Promise<OieSetup> {
  const okta = await startFakeOktaOie(init);
  const emulator = await startEmulator();
  registerTestIdp(emulator.state, { principalArn: PRINCIPAL });
  for (const arn of [PROD_ROLE, DEV_ROLE, M2M_ROLE]) emulator.state.addRole({ arn });
  emulator.state.addOidcProvider({
    issuer: `${okta.url}/oauth2/default`,
    audience: "api://default",
    publicKeys: [okta.publicJwk],
  });
  return {
    okta,
    emulator,
    async [Symbol.asyncDispose]() {
      await okta.close();
      await emulator.close();
    },
  };
}

/** A sleep that waits no time and records how long it was asked to wait. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { sleep: (ms) => Promise.resolve(void waits.push(ms)), waits };
}

/** The `AssumeRoleWithSAML` / `AssumeRoleWithWebIdentity` role ARNs the emulator saw. */
export function assumedRoles(emulator: RunningEmulator): unknown[] {
  return emulator.state.stsCalls.map((call) => call.params.RoleArn);
}
