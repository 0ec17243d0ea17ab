import { assertScenarioRunsIn } from "./assert_scenario.ts";
import { runScenario } from "./scenario.ts";

Deno.test("the runtime scenario passes in Deno", async () => {
  await assertScenarioRunsIn("deno", (input) => runScenario(input));
});
