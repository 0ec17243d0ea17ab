/**
 * The setup the workerd and Chromium OIE tests share: the fake org (device polling that
 * answers `authorization_pending`, then `slow_down`; a user with an Okta Verify push and a
 * number challenge; an API service app with an ES256 key), the emulator trusting the org,
 * the bundled entry, and the checks of what it reported.
 *
 * @module
 */
import assert from "node:assert/strict";
import { bundleModule } from "../../../runtime/bundle.ts";
import {
  M2M_ROLE,
  NATIVE_CLIENT,
  type OieSetup,
  orgInit,
  PASSWORD,
  PROD_APP,
  PROD_ROLE,
  SERVICE_CLIENT,
  startOieSetup,
  USER,
} from "./fixtures.ts";
import type { OktaOieRuntimeInput, OktaOieRuntimeResult } from "./runtime_entry.ts";

/** The bundled `runtime_entry.ts`, exporting `runOktaOieLogins`. */
export function oktaOieRuntimeBundle(): Promise<string> {
  return bundleModule(new URL("./runtime_entry.ts", import.meta.url));
}

/** The org, the emulator, and the entry's input. */
export interface OktaOieRuntimeSetup extends AsyncDisposable {
  readonly setup: OieSetup;
  readonly input: OktaOieRuntimeInput;
}

/** Starts the org and the emulator for the runtime tests. */
export async function startOktaOieRuntimeSetup(): Promise<OktaOieRuntimeSetup> {
  const pair = await crypto.subtle.generateKey(
    { name: "ECDSA", namedCurve: "P-256" },
    true,
    ["sign", "verify"],
  );
  const kid = "runtime-ec-key";
  const publicJwk = await crypto.subtle.exportKey("jwk", pair.publicKey);
  const setup = await startOieSetup(orgInit({
    users: [{
      login: USER,
      password: PASSWORD,
      factors: [{ type: "push", answer: "approve", afterPolls: 1, numberChallenge: "42" }],
    }],
    clients: [...orgInit().clients, {
      id: SERVICE_CLIENT,
      grants: ["client_credentials"],
      publicKeys: [{ kty: publicJwk.kty, crv: publicJwk.crv, x: publicJwk.x, y: publicJwk.y, kid }],
    }],
    device: { interval: 1, pendingPolls: 2, slowDownPolls: [2] },
  }));
  return {
    setup,
    input: {
      orgUrl: setup.okta.url,
      clientId: NATIVE_CLIENT,
      appId: PROD_APP,
      username: USER,
      password: PASSWORD,
      serviceClientId: SERVICE_CLIENT,
      serviceKey: { ...await crypto.subtle.exportKey("jwk", pair.privateKey), kid },
      sts: { endpoint: setup.emulator.url, m2mRoleArn: M2M_ROLE },
    },
    [Symbol.asyncDispose]: () => setup[Symbol.asyncDispose](),
  };
}

/** Asserts what a run of the bundled entry must have reported. */
export function assertOktaOieRuntimeResult(
  result: OktaOieRuntimeResult,
  { setup }: OktaOieRuntimeSetup,
): void {
  for (const mode of [result.web, result.direct, result.m2m]) {
    assert.match(mode.accessKeyId, /^ASIA/);
    assert.ok(mode.hasSecret && mode.hasSessionToken);
  }
  assert.deepEqual(result.webWaits, [1000, 6000], "interval 1 s, then 5 s more after slow_down");
  assert.deepEqual(result.pushMessages, [
    "Okta sent a push notification; in Okta Verify, choose 42 to approve it.",
  ]);
  assert.deepEqual(result.wrongPassword, {
    name: "OktaOieError",
    step: "password",
    code: "invalid_grant",
    leaked: false,
  });
  assert.deepEqual(
    setup.emulator.state.stsCalls.map((call) => `${call.action} ${call.params.RoleArn}`),
    [
      `AssumeRoleWithSAML ${PROD_ROLE}`,
      `AssumeRoleWithSAML ${PROD_ROLE}`,
      `AssumeRoleWithWebIdentity ${M2M_ROLE}`,
    ],
  );
  assert.equal(setup.okta.state.requestsTo("/login/token/sso").length, 2);
}
