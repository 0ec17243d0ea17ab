/**
 * The setup the workerd and Chromium Okta tests share: a fake Okta org whose user approves
 * an Okta Verify push on the second poll, the emulator trusting the org's signing
 * certificate, and the checks of what the bundled flow reported.
 *
 * @module
 */
import assert from "node:assert/strict";
import { startEmulator } from "../../../emulator/emulator.ts";
import { registerTestIdp } from "../../../idp/saml_issuer.ts";
import { type RunningFakeOkta, startFakeOkta } from "../../../idp/okta/fake_okta.ts";
import { bundleModule } from "../../../runtime/bundle.ts";
import type { OktaRuntimeInput, OktaRuntimeResult } from "./runtime_entry.ts";
import { OKTA_PRINCIPAL_ARN, OKTA_ROLE_ARN, OKTA_ROLES, PASSWORD, USER } from "./test_fixtures.ts";

/** The bundled `runtime_entry.ts`, exporting `runOktaLogin`. */
export function oktaRuntimeBundle(): Promise<string> {
  return bundleModule(new URL("./runtime_entry.ts", import.meta.url));
}

/** The fake org, the emulator and the input for `runOktaLogin`; dispose to stop both. */
export interface OktaRuntimeSetup extends AsyncDisposable {
  /** The fake Okta org. */
  readonly okta: RunningFakeOkta;
  /** What to pass to `runOktaLogin`. */
  readonly input: OktaRuntimeInput;
  /** The emulator's STS calls so far, by action. */
  stsActions(): string[];
}

/** Starts the fake org (push approved on the second poll) and the emulator. */
export async function startOktaRuntimeSetup(): Promise<OktaRuntimeSetup> {
  const emulator = await startEmulator();
  registerTestIdp(emulator.state, { principalArn: OKTA_PRINCIPAL_ARN });
  emulator.state.addRole({ arn: OKTA_ROLE_ARN });
  const okta = await startFakeOkta({
    users: [{
      login: USER,
      password: PASSWORD,
      factors: [{ type: "push", answer: "approve", afterPolls: 2 }],
    }],
    roles: OKTA_ROLES,
  });
  return {
    okta,
    input: {
      loginUrl: okta.loginUrl,
      username: USER,
      password: PASSWORD,
      sts: { endpoint: emulator.url, roleArn: OKTA_ROLE_ARN },
    },
    stsActions: () => emulator.state.stsCalls.map((call) => call.action),
    async [Symbol.asyncDispose]() {
      await okta.close();
      await emulator.close();
    },
  };
}

/** Asserts what a run of the bundled flow must have reported. */
export function assertOktaRuntimeResult(result: OktaRuntimeResult, setup: OktaRuntimeSetup): void {
  assert.deepEqual(result.roles, [`${OKTA_ROLE_ARN},${OKTA_PRINCIPAL_ARN}`]);
  assert.deepEqual(result.prompts, ["push", "push"], "one push announcement per login");
  assert.deepEqual(result.wrongPassword, { name: "SamlLoginError", status: 401, leaked: false });
  assert.ok(result.credentials !== undefined, "fromSaml produced credentials");
  assert.match(result.credentials.accessKeyId, /^ASIA/);
  assert.ok(result.credentials.hasSecret && result.credentials.hasSessionToken);
  assert.deepEqual(setup.stsActions(), ["AssumeRoleWithSAML"]);
  assert.equal(setup.okta.state.redeemed.length, 2, "two logins redeemed their session tokens");
}
