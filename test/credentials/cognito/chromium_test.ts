// fromCognitoIdentityPool in headless Chromium against the emulator (a cross-origin page,
// so CORS is exercised), the identity id kept in localStorage across page loads.
import assert from "node:assert/strict";
import { startEmulator } from "../../emulator/emulator.ts";
import { callerArn } from "../../emulator/sts_requests.ts";
import { bundleModule } from "../../runtime/bundle.ts";
import { launchChromium } from "../../launch_chromium.ts";
import type { CognitoPageResult } from "./browser_entry.ts";

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cognito</title></head><body>
<script type="module">
import { cognitoCredentials } from "./cognito.js";
globalThis.cognitoCredentials = cognitoCredentials;
</script></body></html>`;

Deno.test("fromCognitoIdentityPool runs in Chromium and keeps the identity id in localStorage", async () => {
  await using emulator = await startEmulator();
  const pool = emulator.state.cognito.addPool();
  emulator.state.staticFiles.set("cognito.js", {
    body: await bundleModule(new URL("./browser_entry.ts", import.meta.url)),
    type: "text/javascript; charset=utf-8",
  });
  emulator.state.staticFiles.set("cognito.html", { body: PAGE, type: "text/html; charset=utf-8" });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const run = async (): Promise<CognitoPageResult> => {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`http://localhost:${emulator.port}/__static/cognito.html`);
      await page.waitForFunction(() => "cognitoCredentials" in globalThis, undefined, {
        timeout: 10_000,
      });
      const result = await page.evaluate(
        (input) =>
          (globalThis as unknown as {
            cognitoCredentials: (input: unknown) => Promise<CognitoPageResult>;
          }).cognitoCredentials(input),
        { endpoint: `${emulator.url}/cognito-identity`, identityPoolId: pool.identityPoolId },
      );
      assert.deepEqual(errors, []);
      await page.close();
      return result;
    };
    const first = await run();
    const second = await run();
    assert.match(first.storedIdentityId ?? "", /^us-east-1:/);
    assert.equal(second.storedIdentityId, first.storedIdentityId);
    assert.deepEqual(emulator.state.cognito.calls.map((call) => call.target.split(".")[1]), [
      "GetId",
      "GetCredentialsForIdentity",
      "GetCredentialsForIdentity",
    ]);
    // Cross-origin: the browser asked before posting JSON with X-Amz-Target.
    assert.ok(
      emulator.state.log.some((entry) =>
        entry.method === "OPTIONS" && entry.path === "/cognito-identity/"
      ),
    );
    assert.equal(
      await callerArn(emulator, second),
      "arn:aws:sts::123456789012:assumed-role/Cognito_AppUnauth_Role/CognitoIdentityCredentials",
    );
    assert.ok(Date.parse(second.expiration!) > Date.now());
  } finally {
    await browser.close();
  }
});
