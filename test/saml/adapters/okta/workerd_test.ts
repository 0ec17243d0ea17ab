// The Okta flow (push MFA, SAMLResponse, fromSaml to the emulator) inside workerd.
import { runInWorkerd } from "../../../runtime/run_in_workerd.ts";
import type { OktaRuntimeResult } from "./runtime_entry.ts";
import {
  assertOktaRuntimeResult,
  oktaRuntimeBundle,
  startOktaRuntimeSetup,
} from "./runtime_fixtures.ts";

Deno.test("the Okta flow runs in workerd (Miniflare): push MFA, SAMLResponse, credentials", async () => {
  await using setup = await startOktaRuntimeSetup();
  const result = await runInWorkerd(await oktaRuntimeBundle(), "runOktaLogin", setup.input);
  assertOktaRuntimeResult(result as OktaRuntimeResult, setup);
});
