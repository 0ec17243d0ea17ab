// The three Okta Identity Engine modes (web, direct, m2m) to credentials inside workerd.
import { runInWorkerd } from "../../../runtime/run_in_workerd.ts";
import type { OktaOieRuntimeResult } from "./runtime_entry.ts";
import {
  assertOktaOieRuntimeResult,
  oktaOieRuntimeBundle,
  startOktaOieRuntimeSetup,
} from "./runtime_fixtures.ts";

Deno.test("Okta OIE web, direct and m2m run in workerd (Miniflare) to credentials", async () => {
  await using runtime = await startOktaOieRuntimeSetup();
  const bundle = await oktaOieRuntimeBundle();
  const result = await runInWorkerd(bundle, "runOktaOieLogins", runtime.input);
  assertOktaOieRuntimeResult(result as OktaOieRuntimeResult, runtime);
});
