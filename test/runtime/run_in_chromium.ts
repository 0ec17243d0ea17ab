/**
 * Runs one exported function of a bundled module inside a headless Chromium page: the page is
 * served from `http://localhost` (a secure context, so `crypto.subtle` exists) while the
 * emulator and the fake IdPs answer at 127.0.0.1, so every call is cross-origin and CORS is
 * part of what is tested.
 *
 * @module
 */
import assert from "node:assert/strict";
import { Hono } from "hono";
import type { Browser, BrowserContext } from "playwright-core";
import { serveApp, type ServedApp } from "../idp/serve_app.ts";
import { launchChromium } from "../launch_chromium.ts";

/** A served page whose module puts `name` on `globalThis`. */
export interface ModulePage extends ServedApp {
  /** The page's URL, on `localhost`. */
  readonly pageUrl: string;
}

/**
 * Serves, on `localhost`, a page that imports `name` from `bundle` (from `bundleModule`) and
 * puts it on `globalThis` for {@linkcode runInPage}; `html` replaces the page.
 */
export async function serveModulePage(
  name: string,
  bundle: string,
  html = modulePageHtml(name),
): Promise<ModulePage> {
  const app = new Hono()
    .get("/index.html", (c) => c.html(html))
    .get("/bundle.js", (c) => c.body(bundle, 200, { "content-type": "text/javascript" }));
  const served = await serveApp(app, { host: "localhost" });
  return { ...served, pageUrl: `${served.url}/index.html` };
}

/** The page {@linkcode serveModulePage} serves unless given another: it imports `./bundle.js`. */
export function modulePageHtml(name: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>iamfetch: ${name}</title></head><body>
<script type="module">
import { ${name} } from "./bundle.js";
globalThis.${name} = ${name};
</script>
</body></html>
`;
}

/** Options of {@linkcode runInPage}. */
export interface RunInPageOptions {
  /** Where to save a screenshot of the page after the run. */
  screenshot?: URL;
}

/**
 * Opens `pageUrl` in a new tab, waits for `globalThis[name]`, calls it with `input` and
 * returns its result. The page must load and throw nothing; the tab is closed afterwards.
 */
export async function runInPage(
  browser: Browser | BrowserContext,
  pageUrl: string,
  name: string,
  input: unknown,
  options: RunInPageOptions = {},
): Promise<unknown> {
  const page = await browser.newPage();
  try {
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    assert.equal((await page.goto(pageUrl))?.status(), 200, `${pageUrl} did not load`);
    await page.waitForFunction((name) => name in globalThis, name, { timeout: 10_000 })
      .catch((error) => {
        throw new Error(`${name} did not load: ${pageErrors.join("; ") || error}`);
      });
    const result = await page.evaluate(
      ([name, input]) =>
        (globalThis as unknown as Record<string, (input: unknown) => Promise<unknown>>)[name](
          input,
        ),
      [name, input] as const,
    );
    if (options.screenshot !== undefined) {
      await Deno.mkdir(new URL(".", options.screenshot), { recursive: true });
      await page.screenshot({
        path: decodeURIComponent(options.screenshot.pathname),
        fullPage: true,
      });
    }
    assert.deepEqual(pageErrors, [], "the page threw");
    return result;
  } finally {
    await page.close();
  }
}

/**
 * Serves `bundle` on a `localhost` page ({@linkcode serveModulePage}), runs `name(input)` in
 * it in headless Chromium and returns the result with the page's origin.
 */
export async function runInChromium(
  name: string,
  bundle: string,
  input: unknown,
): Promise<{ result: unknown; origin: string }> {
  await using page = await serveModulePage(name, bundle);
  const browser = await launchChromium();
  try {
    return { result: await runInPage(browser, page.pageUrl, name, input), origin: page.url };
  } finally {
    await browser.close();
  }
}
