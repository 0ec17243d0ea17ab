import { SCENARIO_ROLE, type ScenarioResult } from "./scenario.ts";
import { startEmulator } from "../emulator/emulator.ts";
import { assertEmulatorVerifiedScenario, assertScenarioPassed } from "./assert_scenario.ts";
import { scenarioBundle } from "./bundle.ts";
import { runInWorkerd } from "./run_in_workerd.ts";

Deno.test("the runtime scenario passes in workerd (Miniflare)", async () => {
  await using emulator = await startEmulator();
  emulator.state.addRole(SCENARIO_ROLE);
  // The Worker runs the scenario with the emulator's URL and credentials POSTed to it.
  const result = await runInWorkerd(await scenarioBundle(), "runScenario", {
    endpoint: emulator.url,
    credentials: emulator.credentials,
  });
  assertScenarioPassed(result as ScenarioResult, {
    runtime: "workerd",
    secrets: [emulator.credentials.secretAccessKey],
  });
  assertEmulatorVerifiedScenario(emulator.state.log);
});
