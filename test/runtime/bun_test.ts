import assert from "node:assert/strict";
import { INSTALLED_BUN as BUN } from "../find_program.ts";
import { assertScenarioRunsIn } from "./assert_scenario.ts";
import { runScenarioInSubprocess } from "./scenario_subprocess.ts";

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
  await assertScenarioRunsIn("bun", (input) => runScenarioInSubprocess(BUN, input));
});
