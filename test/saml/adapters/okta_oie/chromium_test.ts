// The three Okta Identity Engine modes (web, direct, m2m) to credentials inside headless
// Chromium: the page is served from http://localhost and calls the fake org and the
// emulator at 127.0.0.1, cross-origin, so CORS is part of what is tested.
import assert from "node:assert/strict";
import { runInChromium } from "../../../runtime/run_in_chromium.ts";
import type { OktaOieRuntimeResult } from "./runtime_entry.ts";
import {
  assertOktaOieRuntimeResult,
  oktaOieRuntimeBundle,
  startOktaOieRuntimeSetup,
} from "./runtime_fixtures.ts";

Deno.test("Okta OIE web, direct and m2m run in headless Chromium to credentials", async () => {
  await using runtime = await startOktaOieRuntimeSetup();
  const bundle = await oktaOieRuntimeBundle();
  const { result, origin } = await runInChromium("runOktaOieLogins", bundle, runtime.input);
  assertOktaOieRuntimeResult(result as OktaOieRuntimeResult, runtime);
  const origins = new Set(runtime.setup.okta.state.log.map((request) => request.origin));
  assert.deepEqual([...origins], [origin], "every call to Okta was a cross-origin browser call");
});
