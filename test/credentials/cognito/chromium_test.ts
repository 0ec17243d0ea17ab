// fromCognitoIdentityPool in headless Chromium against the emulator (a cross-origin page,
// so CORS is exercised), the identity id kept in localStorage across page loads.
import assert from "node:assert/strict";
import { startEmulator } from "../../emulator/emulator.ts";
import { callerArn } from "../../emulator/sts_requests.ts";
import { bundleModule } from "../../runtime/bundle.ts";
import { launchChromium } from "../../launch_chromium.ts";
import { runInPage, serveModulePage } from "../../runtime/run_in_chromium.ts";
import type { CognitoPageResult } from "./browser_entry.ts";

Deno.test("fromCognitoIdentityPool runs in Chromium and keeps the identity id in localStorage", async () => {
  await using emulator = await startEmulator();
  const pool = emulator.state.cognito.addPool();
  const bundle = await bundleModule(new URL("./browser_entry.ts", import.meta.url));
  await using page = await serveModulePage("cognitoCredentials", bundle);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const input = {
      endpoint: `${emulator.url}/cognito-identity`,
      identityPoolId: pool.identityPoolId,
    };
    const run = async () =>
      await runInPage(context, page.pageUrl, "cognitoCredentials", input) as CognitoPageResult;
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
