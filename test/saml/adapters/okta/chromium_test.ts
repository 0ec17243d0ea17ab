// The Okta flow (push MFA, SAMLResponse, fromSaml to the emulator) inside headless Chromium:
// the page is served from http://localhost and calls the fake Okta and the emulator at
// 127.0.0.1, cross-origin, so CORS is part of what is tested.
import assert from "node:assert/strict";
import { runInChromium } from "../../../runtime/run_in_chromium.ts";
import type { OktaRuntimeResult } from "./runtime_entry.ts";
import {
  assertOktaRuntimeResult,
  oktaRuntimeBundle,
  startOktaRuntimeSetup,
} from "./runtime_fixtures.ts";

Deno.test("the Okta flow runs in headless Chromium: push MFA, SAMLResponse, credentials", async () => {
  await using setup = await startOktaRuntimeSetup();
  const bundle = await oktaRuntimeBundle();
  const { result, origin } = await runInChromium("runOktaLogin", bundle, setup.input);
  assertOktaRuntimeResult(result as OktaRuntimeResult, setup);
  const origins = new Set(setup.okta.state.log.map((request) => request.origin));
  assert.deepEqual([...origins], [origin], "every call to Okta was a cross-origin browser call");
});
