import { SCENARIO_ROLE } from "./scenario.ts";
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { type RunningEmulator, startEmulator } from "../emulator/emulator.ts";
import { assertEmulatorVerifiedScenario, assertScenarioPassed } from "./assert_scenario.ts";
import { scenarioBundle } from "./bundle.ts";
import { launchChromium } from "../launch_chromium.ts";
import { runInPage } from "./run_in_chromium.ts";
import type { ScenarioInput, ScenarioResult } from "./scenario.ts";

const SCREENSHOT = new URL("../output/chromium.png", import.meta.url);

/**
 * The page: loads the bundled scenario as a module, exposes `runScenario` to the test,
 * and shows the checks it ran so that the screenshot tells what happened.
 */
const INDEX_HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>iamfetch runtime scenario</title></head>
<body>
<h1>iamfetch runtime scenario</h1>
<ul id="checks"><li>not run yet</li></ul>
<script type="module">
import { runScenario } from "./scenario.js";
globalThis.runScenario = async (input) => {
  const result = await runScenario(input);
  const list = document.getElementById("checks");
  list.replaceChildren(...result.checks.map((check) => {
    const item = document.createElement("li");
    item.textContent = (check.ok ? "ok — " : "FAILED — ") + check.name +
      (check.detail ? " (" + check.detail + ")" : "");
    return item;
  }));
  return result;
};
</script>
</body>
</html>
`;

Deno.test("the runtime scenario passes in headless Chromium", async () => {
  const emulator = await startEmulator();
  emulator.state.addRole(SCENARIO_ROLE);
  try {
    emulator.state.staticFiles.set("scenario.js", {
      body: await scenarioBundle(),
      type: "text/javascript; charset=utf-8",
    });
    emulator.state.staticFiles.set("index.html", {
      body: INDEX_HTML,
      type: "text/html; charset=utf-8",
    });
    const browser = await launchChromium();
    try {
      await runInBrowser(browser, emulator);
    } finally {
      await browser.close();
    }
  } finally {
    await emulator.close();
  }
});

/** Opens the page, runs the scenario in it, saves the screenshot and asserts the result. */
async function runInBrowser(browser: Browser, emulator: RunningEmulator): Promise<void> {
  // Served by the emulator under the name localhost: calls to it at 127.0.0.1 are cross-origin.
  const pageUrl = `http://localhost:${emulator.port}/__static/index.html`;
  const input: ScenarioInput = { endpoint: emulator.url, credentials: emulator.credentials };
  const result = await runInPage(browser, pageUrl, "runScenario", input, {
    screenshot: SCREENSHOT,
  });
  assertScenarioPassed(result as ScenarioResult, {
    runtime: "browser",
    secrets: [emulator.credentials.secretAccessKey],
  });
  const preflights = assertEmulatorVerifiedScenario(emulator.state.log);
  assert.ok(preflights.length > 0, "the page called the emulator without a CORS preflight");
}
