import { assertScenarioRunsIn } from "./assert_scenario.ts";
import { scenarioBundle } from "./bundle.ts";
import { runInWorkerd } from "./run_in_workerd.ts";

Deno.test("the runtime scenario passes in workerd (Miniflare)", async () => {
  // The Worker runs the scenario with the emulator's URL and credentials POSTed to it.
  await assertScenarioRunsIn(
    "workerd",
    async (input) => await runInWorkerd(await scenarioBundle(), "runScenario", input),
  );
});
