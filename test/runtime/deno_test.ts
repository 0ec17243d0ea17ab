import { startEmulator } from "../emulator/emulator.ts";
import { assertEmulatorVerifiedScenario, assertScenarioPassed } from "./assert_scenario.ts";
import { runScenario, SCENARIO_ROLE } from "./scenario.ts";

Deno.test("the runtime scenario passes in Deno", async () => {
  const emulator = await startEmulator();
  emulator.state.addRole(SCENARIO_ROLE);
  try {
    const result = await runScenario({ endpoint: emulator.url, credentials: emulator.credentials });
    assertScenarioPassed(result, {
      runtime: "deno",
      secrets: [emulator.credentials.secretAccessKey],
    });
    assertEmulatorVerifiedScenario(emulator.state.log);
  } finally {
    await emulator.close();
  }
});
