import assert from "node:assert/strict";
import { assertScenarioRunsIn } from "./assert_scenario.ts";
import { runScenarioInSubprocess } from "./scenario_subprocess.ts";

Deno.test("the runtime scenario passes in Node 20 or later", async () => {
  const version = new TextDecoder().decode(
    (await new Deno.Command("node", { args: ["--version"], stdout: "piped" }).output()).stdout,
  ).trim();
  assert.ok(Number(version.match(/^v(\d+)\./)?.[1]) >= 20, `node is ${version}, need 20+`);
  await assertScenarioRunsIn("node", (input) => runScenarioInSubprocess("node", input));
});
