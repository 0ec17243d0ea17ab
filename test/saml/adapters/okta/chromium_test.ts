// The Okta flow (push MFA, SAMLResponse, fromSaml to the emulator) inside headless Chromium:
// the page is served from http://localhost and calls the fake Okta and the emulator at
// 127.0.0.1, cross-origin, so CORS is part of what is tested.
import assert from "node:assert/strict";
import { Hono } from "hono";
import type { OktaRuntimeInput, OktaRuntimeResult } from "./runtime_entry.ts";
import {
  assertOktaRuntimeResult,
  oktaRuntimeBundle,
  startOktaRuntimeSetup,
} from "./runtime_fixtures.ts";
import { launchChromium } from "../../../launch_chromium.ts";
import { serveApp } from "../../../idp/serve_app.ts";

const INDEX_HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>iamfetch Okta flow</title></head>
<body>
<script type="module">
import { runOktaLogin } from "../../okta.js";
globalThis.runOktaLogin = runOktaLogin;
</script>
</body>
</html>
`;

/** Serves the page and the bundle on 127.0.0.1 (the test opens it as `localhost`). */
async function servePage(bundle: string) {
  const app = new Hono();
  app.get("/index.html", (c) => c.html(INDEX_HTML));
  app.get("/okta.js", (c) => c.body(bundle, 200, { "content-type": "text/javascript" }));
  return await serveApp(app, { host: "localhost" });
}

Deno.test("the Okta flow runs in headless Chromium: push MFA, SAMLResponse, credentials", async () => {
  await using setup = await startOktaRuntimeSetup();
  await using page = await servePage(await oktaRuntimeBundle());
  const browser = await launchChromium();
  try {
    const tab = await browser.newPage();
    const pageErrors: string[] = [];
    tab.on("pageerror", (error) => pageErrors.push(error.message));
    assert.equal((await tab.goto(`${page.url}/index.html`))?.status(), 200);
    await tab.waitForFunction(() => "runOktaLogin" in globalThis, undefined, { timeout: 10_000 });
    const result = await tab.evaluate(
      (input) =>
        (globalThis as unknown as {
          runOktaLogin: (input: OktaRuntimeInput) => Promise<OktaRuntimeResult>;
        }).runOktaLogin(input),
      setup.input,
    );
    assert.deepEqual(pageErrors, []);
    assertOktaRuntimeResult(result, setup);
    const origins = new Set(setup.okta.state.log.map((request) => request.origin));
    assert.deepEqual(
      [...origins],
      [page.url],
      "every call to Okta was a cross-origin browser call",
    );
  } finally {
    await browser.close();
  }
});
