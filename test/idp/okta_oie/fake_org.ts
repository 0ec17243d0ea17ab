/**
 * A fake Okta Identity Engine org on 127.0.0.1, built from Okta's published requests and
 * answers (device authorization, Direct Authentication, the web SSO token exchange,
 * `/login/token/sso`, app links, `client_credentials` with `private_key_jwt`, and the error
 * shapes of Okta's OAuth 2.0 error reference). Its access tokens are RS256 JWTs under the
 * key {@linkcode RunningFakeOktaOie.publicJwk}; its SAML assertions are signed by the test
 * IdP's key (`registerTestIdp` makes the emulator trust them).
 *
 * @example
 * ```ts
 * await using okta = await startFakeOktaOie({ users: [...], apps: [...], clients: [...] });
 * okta.state.approveDevice(userCode, "alice@example.com");
 * ```
 *
 * @module
 */
import { serveApp, type ServedApp } from "../serve_app.ts";
import { createFakeOktaOieApp } from "./app.ts";
import { type FakeOieInit, FakeOktaOieState } from "./state.ts";

export { fakeOieIssuer } from "./app.ts";
export type {
  FakeOieAppInit,
  FakeOieClientInit,
  FakeOieFactorInit,
  FakeOieInit,
  FakeOieUserInit,
  FakeOktaOieState,
} from "./state.ts";

/** A running fake org; close it (or `await using` it) at the end of the test. */
export interface RunningFakeOktaOie extends ServedApp {
  /** The org's state: users, apps, clients, what it issued, the request log. */
  readonly state: FakeOktaOieState;
  /** The public key of its token signatures, with `kid` (its JWKS entry). */
  readonly publicJwk: JsonWebKey & { kid: string };
}

/** Starts a fake org for `init` on a free port of 127.0.0.1. */
export async function startFakeOktaOie(init: FakeOieInit): Promise<RunningFakeOktaOie> {
  const keyPair = await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    true,
    ["sign", "verify"],
  );
  const state = new FakeOktaOieState(init, keyPair);
  const served = await serveApp(createFakeOktaOieApp(state));
  return { ...served, state, publicJwk: await state.publicJwk() };
}
