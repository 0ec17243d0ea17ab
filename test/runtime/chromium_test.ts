import assert from "node:assert/strict";
import { assertScenarioRunsIn } from "./assert_scenario.ts";
import { scenarioBundle } from "./bundle.ts";
import { launchChromium } from "../launch_chromium.ts";
import { runInPage } from "./run_in_chromium.ts";

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
  const browser = await launchChromium();
  try {
    const preflights = await assertScenarioRunsIn("browser", async (input, emulator) => {
      emulator.state.staticFiles.set("scenario.js", {
        body: await scenarioBundle(),
        type: "text/javascript; charset=utf-8",
      });
      emulator.state.staticFiles.set("index.html", {
        body: INDEX_HTML,
        type: "text/html; charset=utf-8",
      });
      // Served by the emulator under the name localhost: calls to 127.0.0.1 are cross-origin.
      const pageUrl = `http://localhost:${emulator.port}/__static/index.html`;
      return await runInPage(browser, pageUrl, "runScenario", input, { screenshot: SCREENSHOT });
    });
    assert.ok(preflights.length > 0, "the page called the emulator without a CORS preflight");
  } finally {
    await browser.close();
  }
});
