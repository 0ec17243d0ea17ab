// The three Okta Identity Engine modes (web, direct, m2m) to credentials inside headless
// Chromium: the page is served from http://localhost and calls the fake org and the
// emulator at 127.0.0.1, cross-origin, so CORS is part of what is tested.
import assert from "node:assert/strict";
import { Hono } from "hono";
import { chromium } from "playwright-core";
import { findProgram } from "../../../find_program.ts";
import { serveApp } from "../../../idp/serve_app.ts";
import type { OktaOieRuntimeInput, OktaOieRuntimeResult } from "./runtime_entry.ts";
import {
  assertOktaOieRuntimeResult,
  oktaOieRuntimeBundle,
  startOktaOieRuntimeSetup,
} from "./runtime_fixtures.ts";

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const INDEX_HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>iamfetch Okta OIE flows</title></head>
<body>
<script type="module">
import { runOktaOieLogins } from "../../okta_oie/okta_oie.js";
globalThis.runOktaOieLogins = runOktaOieLogins;
</script>
</body>
</html>
`;

Deno.test("Okta OIE web, direct and m2m run in headless Chromium to credentials", async () => {
  const executablePath = await findProgram("chromium", "install Debian's chromium package");
  await using runtime = await startOktaOieRuntimeSetup();
  const bundle = await oktaOieRuntimeBundle();
  await using page = await serveApp(
    new Hono()
      .get("/index.html", (c) => c.html(INDEX_HTML))
      .get("/okta_oie.js", (c) => c.body(bundle, 200, { "content-type": "text/javascript" })),
    { host: "localhost" },
  );
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const tab = await browser.newPage();
    const pageErrors: string[] = [];
    tab.on("pageerror", (error) => pageErrors.push(error.message));
    assert.equal((await tab.goto(`${page.url}/index.html`))?.status(), 200);
    await tab.waitForFunction(() => "runOktaOieLogins" in globalThis, undefined, {
      timeout: 10_000,
    });
    const result = await tab.evaluate(
      (input) =>
        (globalThis as unknown as {
          runOktaOieLogins: (input: OktaOieRuntimeInput) => Promise<OktaOieRuntimeResult>;
        }).runOktaOieLogins(input),
      runtime.input,
    );
    assert.deepEqual(pageErrors, []);
    assertOktaOieRuntimeResult(result, runtime);
    const origins = new Set(runtime.setup.okta.state.log.map((request) => request.origin));
    assert.deepEqual(
      [...origins],
      [page.url],
      "every call to Okta was a cross-origin browser call",
    );
  } finally {
    await browser.close();
  }
});
