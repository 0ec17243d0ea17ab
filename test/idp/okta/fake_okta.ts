/**
 * A fake Okta org on 127.0.0.1 that speaks Okta's Authentication API and answers the AWS
 * app's embed link with a signed SAML Response (see `fake_okta_app.ts`).
 *
 * @example
 * ```ts
 * await using okta = await startFakeOkta({
 *   users: [{ login: "alice@example.com", password: "correct horse" }],
 *   roles: [{ roleArn: ROLE, principalArn: PRINCIPAL }],
 * });
 * const adapter = oktaAdapter({ loginUrl: okta.loginUrl });
 * ```
 *
 * @module
 */
import { createFakeOktaApp, FAKE_OKTA_APP_PATH } from "./fake_okta_app.ts";
import { type FakeOktaInit, FakeOktaState } from "./fake_okta_state.ts";
import { serveApp, type ServedApp } from "../serve_app.ts";

export { FAKE_OKTA_APP_PATH, FAKE_OKTA_ISSUER } from "./fake_okta_app.ts";
export { FakeOktaState } from "./fake_okta_state.ts";
export type { FakeOktaFactorInit, FakeOktaInit, FakeOktaUserInit } from "./fake_okta_state.ts";

/** A running fake Okta; close it (or `await using` it) at the end of the test. */
export interface RunningFakeOkta extends ServedApp {
  /** The AWS app's embed link: the adapter's `loginUrl`. */
  readonly loginUrl: string;
  /** The org's state: users, tokens, sent codes, the request log. */
  readonly state: FakeOktaState;
}

/** Starts a fake Okta org for `init` on a free port of 127.0.0.1. */
export async function startFakeOkta(init: FakeOktaInit): Promise<RunningFakeOkta> {
  const state = new FakeOktaState(init);
  const app = createFakeOktaApp(state);
  const served = await serveApp(app);
  return { ...served, loginUrl: `${served.url}${FAKE_OKTA_APP_PATH}`, state };
}
