import { SCENARIO_ROLE } from "./scenario.ts";
import assert from "node:assert/strict";
import { startEmulator } from "../emulator/emulator.ts";
import { assertEmulatorVerifiedScenario, assertScenarioPassed } from "./assert_scenario.ts";
import { runScenarioInSubprocess } from "./scenario_subprocess.ts";

Deno.test("the runtime scenario passes in Node 20 or later", async () => {
  const version = new TextDecoder().decode(
    (await new Deno.Command("node", { args: ["--version"], stdout: "piped" }).output()).stdout,
  ).trim();
  assert.ok(Number(version.match(/^v(\d+)\./)?.[1]) >= 20, `node is ${version}, need 20+`);
  const emulator = await startEmulator();
  emulator.state.addRole(SCENARIO_ROLE);
  try {
    const input = { endpoint: emulator.url, credentials: emulator.credentials };
    const result = await runScenarioInSubprocess("node", input);
    assertScenarioPassed(result, {
      runtime: "node",
      secrets: [emulator.credentials.secretAccessKey],
    });
    assertEmulatorVerifiedScenario(emulator.state.log);
  } finally {
    await emulator.close();
  }
});
