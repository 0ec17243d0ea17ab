// examples/browser/ in headless Chromium: the page (served from http://localhost by a small
// server here) gets credentials by web identity or from a Cognito identity pool, presigns
// a PUT, uploads a picked file with XMLHttpRequest and shows a presigned GET link; the
// emulator (on 127.0.0.1, so every call is cross-origin) verifies every signature.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { Hono } from "hono";
import type { Browser } from "playwright-core";
import { type RunningEmulator, startEmulator } from "../emulator/emulator.ts";
import { unsignedJwt } from "../emulator/federation_fixtures.ts";
import { bundleModule } from "../runtime/bundle.ts";
import { launchChromium } from "../launch_chromium.ts";
import { serveApp, type ServedApp } from "../idp/serve_app.ts";

const EXAMPLE = new URL("../../examples/browser/", import.meta.url);
const SCREENSHOT = new URL("../output/browser-example.png", import.meta.url);
const ROLE_ARN = "arn:aws:iam::123456789012:role/browser-uploader";
const ISSUER = "https://login.example.com";
const AUDIENCE = "iamfetch-browser-example";
const SIZE = 1_500_000;

/** Serves the example's `index.html` and its bundled `app.js` on 127.0.0.1, named `localhost`. */
async function servePage(): Promise<ServedApp> {
  const files = {
    "index.html": {
      body: await Deno.readTextFile(new URL("index.html", EXAMPLE)),
      type: "text/html; charset=utf-8",
    },
    "app.js": {
      body: await bundleModule(new URL("app.ts", EXAMPLE)),
      type: "text/javascript; charset=utf-8",
    },
  };
  const app = new Hono();
  app.get("/:name", (c) => {
    const file = files[c.req.param("name") as keyof typeof files];
    return file === undefined
      ? c.notFound()
      : c.body(file.body, 200, { "content-type": file.type });
  });
  return await serveApp(app, { host: "localhost" });
}

function randomFile(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let at = 0; at < size; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536));
  return bytes;
}

/** Opens the page with `query`, picks a file, uploads it, and returns the download link. */
async function uploadInPage(
  browser: Browser,
  pageOrigin: string,
  query: Record<string, string>,
  file: { name: string; bytes: Uint8Array },
  screenshot?: URL,
): Promise<string> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  const url = `${pageOrigin}/index.html?${new URLSearchParams(query)}`;
  assert.equal((await page.goto(url))?.status(), 200);
  await page.waitForSelector("#upload:not([disabled])", { timeout: 10_000 });
  await page.setInputFiles("#file", {
    name: file.name,
    mimeType: "application/octet-stream",
    buffer: Buffer.from(file.bytes),
  });
  await page.click("#upload");
  await page.waitForSelector("#download:not([hidden])", { timeout: 15_000 }).catch(async () => {
    throw new Error(`no download link; the page says: ${await page.textContent("#status")}`);
  });
  assert.equal(await page.textContent("#percent"), "100 %");
  assert.equal(await page.getAttribute("#progress", "value"), "100");
  assert.match(await page.textContent("#status") ?? "", new RegExp(`Uploaded ${SIZE} bytes`));
  const href = await page.getAttribute("#download", "href");
  assert.ok(href !== null);
  if (screenshot !== undefined) {
    await Deno.mkdir(new URL(".", screenshot), { recursive: true });
    await page.screenshot({ path: decodeURIComponent(screenshot.pathname), fullPage: true });
  }
  assert.deepEqual(errors, [], "the page threw");
  await page.close();
  return href;
}

/** The presigned GET link works (no other credentials) and returns `bytes`. */
async function assertDownloads(href: string, bytes: Uint8Array): Promise<void> {
  const url = new URL(href);
  assert.equal(url.searchParams.get("X-Amz-Expires"), "3600");
  assert.match(url.searchParams.get("X-Amz-Credential") ?? "", /^ASIA/);
  const response = await fetch(url);
  assert.equal(response.status, 200);
  assert.deepEqual(new Uint8Array(await response.arrayBuffer()), bytes);
}

function assertStored(emulator: RunningEmulator, key: string, bytes: Uint8Array): void {
  const stored = emulator.state.s3Objects.get(key);
  assert.ok(stored !== undefined, `${key} was not stored`);
  assert.equal(stored.body.length, bytes.length);
  assert.ok(stored.body.every((byte, i) => byte === bytes[i]), `${key} differs from the file`);
  // Presigned: the signature is in the query, so no `x-amz-content-sha256` header came.
  assert.equal(stored.payloadMode, "");
  assert.match(stored.uploadedBy, /^ASIA/);
}

Deno.test("the browser example uploads a picked file with a presigned PUT and a progress bar", async () => {
  await using emulator = await startEmulator();
  emulator.state.addRole({ arn: ROLE_ARN });
  emulator.state.addOidcProvider({ issuer: ISSUER, audience: AUDIENCE });
  const cognitoPool = emulator.state.cognito.addPool();
  await using pageServer = await servePage();
  const browser = await launchChromium();
  try {
    const common = { bucket: "media", s3_endpoint: `${emulator.url}/s3` };
    const idToken = unsignedJwt({
      iss: ISSUER,
      aud: AUDIENCE,
      sub: "alice",
      exp: Math.floor(Date.now() / 1000) + 600,
    });
    const photo = { name: "photo.bin", bytes: randomFile(SIZE) };
    const viaWebIdentity = await uploadInPage(
      browser,
      pageServer.url,
      { ...common, role_arn: ROLE_ARN, id_token: idToken, sts_endpoint: emulator.url },
      photo,
      SCREENSHOT,
    );
    assertStored(emulator, "media/uploads/photo.bin", photo.bytes);
    await assertDownloads(viaWebIdentity, photo.bytes);
    const assumed = emulator.state.stsCalls.map((call) => [call.action, call.params.RoleArn]);
    assert.deepEqual(assumed, [["AssumeRoleWithWebIdentity", ROLE_ARN]]);

    const notes = { name: "notes.bin", bytes: randomFile(SIZE) };
    const viaCognito = await uploadInPage(browser, pageServer.url, {
      ...common,
      identity_pool_id: cognitoPool.identityPoolId,
      cognito_endpoint: `${emulator.url}/cognito-identity`,
    }, notes);
    assertStored(emulator, "media/uploads/notes.bin", notes.bytes);
    await assertDownloads(viaCognito, notes.bytes);

    // A token of an issuer STS does not trust: the page says why, and shows no token.
    const page = await browser.newPage();
    const strangerToken = unsignedJwt({
      iss: "https://evil.example",
      aud: AUDIENCE,
      sub: "mallory",
    });
    const query = {
      ...common,
      role_arn: ROLE_ARN,
      id_token: strangerToken,
      sts_endpoint: emulator.url,
    };
    await page.goto(`${pageServer.url}/index.html?${new URLSearchParams(query)}`);
    await page.setInputFiles("#file", {
      name: "x.bin",
      mimeType: "text/plain",
      buffer: Buffer.from("x"),
    });
    await page.click("#upload");
    await page.waitForSelector("#status.error", { timeout: 10_000 });
    const refusal = await page.textContent("#status") ?? "";
    assert.match(refusal, /^Upload failed: .*InvalidIdentityToken/);
    assert.ok(!refusal.includes(strangerToken.split(".")[1]), "the page showed the token");
    assert.equal(emulator.state.s3Objects.has("media/uploads/x.bin"), false);
    await page.close();

    // Cross-origin XHR with an upload listener: the browser asked before each PUT.
    const preflights = emulator.state.log.filter((entry) =>
      entry.method === "OPTIONS" && entry.path.startsWith("/s3/media/")
    );
    assert.equal(preflights.length, 2);
    const screenshot = await Deno.readFile(SCREENSHOT);
    assert.deepEqual([...screenshot.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
    assert.ok(screenshot.length > 10_000, `the screenshot is only ${screenshot.length} bytes`);
  } finally {
    await browser.close();
  }
});
