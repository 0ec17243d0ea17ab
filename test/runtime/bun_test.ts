import { SCENARIO_ROLE } from "./scenario.ts";
import assert from "node:assert/strict";
import { startEmulator } from "../emulator/emulator.ts";
import { assertEmulatorVerifiedScenario, assertScenarioPassed } from "./assert_scenario.ts";
import { runScenarioInSubprocess } from "./scenario_subprocess.ts";

/** The Bun that `deno install --allow-scripts=npm:bun` puts in the project's node_modules. */
const BUN = decodeURIComponent(new URL("../../node_modules/.bin/bun", import.meta.url).pathname);

/** Bun's version, or `undefined` when the binary is missing or only the npm placeholder. */
async function installedBunVersion(): Promise<string | undefined> {
  try {
    const { success, stdout } = await new Deno.Command(BUN, {
      args: ["--version"],
      stdout: "piped",
      stderr: "null",
    }).output();
    const version = new TextDecoder().decode(stdout).trim();
    return success && /^\d+\.\d+\.\d+/.test(version) ? version : undefined;
  } catch {
    return undefined;
  }
}

Deno.test("the runtime scenario passes in Bun", async () => {
  assert.ok(
    await installedBunVersion(),
    `Bun is not installed at ${BUN}; run \`deno task test\`, which installs it ` +
      "(deno install --allow-scripts=npm:bun)",
  );
  const emulator = await startEmulator();
  emulator.state.addRole(SCENARIO_ROLE);
  try {
    const input = { endpoint: emulator.url, credentials: emulator.credentials };
    const result = await runScenarioInSubprocess(BUN, input);
    assertScenarioPassed(result, {
      runtime: "bun",
      secrets: [emulator.credentials.secretAccessKey],
    });
    assertEmulatorVerifiedScenario(emulator.state.log);
  } finally {
    await emulator.close();
  }
});
