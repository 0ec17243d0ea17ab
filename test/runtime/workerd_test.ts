import { SCENARIO_ROLE } from "./scenario.ts";
import { Miniflare } from "miniflare";
import { startEmulator } from "../emulator/emulator.ts";
import { assertEmulatorVerifiedScenario, assertScenarioPassed } from "./assert_scenario.ts";
import { scenarioBundle } from "./bundle.ts";

/**
 * The Worker: a fetch handler that runs the scenario with the input POSTed to it (the
 * emulator's URL and credentials) and answers the result as JSON.
 */
const WORKER_SOURCE = `import { runScenario } from "./scenario.mjs";
export default {
  async fetch(request) {
    return Response.json(await runScenario(await request.json()));
  },
};
`;

Deno.test("the runtime scenario passes in workerd (Miniflare)", async () => {
  const emulator = await startEmulator();
  emulator.state.addRole(SCENARIO_ROLE);
  let miniflare: Miniflare | undefined;
  try {
    miniflare = new Miniflare({
      modules: [
        { type: "ESModule", path: "worker.mjs", contents: WORKER_SOURCE },
        { type: "ESModule", path: "scenario.mjs", contents: await scenarioBundle() },
      ],
      compatibilityDate: "2025-09-01",
    });
    const response = await miniflare.dispatchFetch("http://worker.test/", {
      method: "POST",
      body: JSON.stringify({ endpoint: emulator.url, credentials: emulator.credentials }),
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`the Worker answered ${response.status}: ${text}`);
    assertScenarioPassed(JSON.parse(text), {
      runtime: "workerd",
      secrets: [emulator.credentials.secretAccessKey],
    });
    assertEmulatorVerifiedScenario(emulator.state.log);
  } finally {
    await miniflare?.dispose();
    await emulator.close();
  }
});
