// Attack class 7 of SECURITY.md: login CSRF against the browser SAML listener. Any web page
// the user has open can post a form to 127.0.0.1:<listen port>; before the fix the first
// SAMLResponse posted won, so an attacker's own signed assertion (for the attacker's account)
// became the victim's session. Only the IdP login the listener started may get through.
import assert from "node:assert/strict";
import { Hono } from "hono";
import { denoPlatform, type Platform } from "../../src/credentials/mod.ts";
import { browserAdapter } from "../../src/saml/mod.ts";
import { serveApp } from "../idp/serve_app.ts";
import { freePort } from "../find_program.ts";
import { launchChromium } from "../launch_chromium.ts";

const VICTIM_ASSERTION = "VklDVElNLUFTU0VSVElPTg==";
const ATTACKER_ASSERTION = "QVRUQUNLRVItQVNTRVJUSU9O";

/** A page that auto-posts `fields` to `action`, as an IdP's (or an attacker's) page does. */
function autoPostPage(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields).map(([name, value]) =>
    `<input type="hidden" name="${name}" value="${value}">`
  ).join("");
  return `<!doctype html><form method="post" action="${action}">${inputs}</form>` +
    `<script>document.forms[0].submit()</script>`;
}

/** The IdP: IdP-initiated SSO echoing the RelayState of its login URL. */
function idpApp(acs: string): Hono {
  return new Hono().get("/sso", (c) =>
    c.html(autoPostPage(acs, {
      SAMLResponse: VICTIM_ASSERTION,
      RelayState: c.req.query("RelayState") ?? "",
    })));
}

/** Posts a form to the listener as a page of `origin` would, and returns the status. */
async function post(acs: string, fields: Record<string, string>, origin?: string) {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (origin !== undefined) headers.origin = origin;
  const answer = await fetch(acs, {
    method: "POST",
    headers,
    body: new URLSearchParams(fields),
  });
  await answer.body?.cancel();
  return answer.status;
}

Deno.test("class 7: forged SAML posts to the listener get 403 and the wait goes on until the real login", async () => {
  const port = freePort();
  const acs = `http://127.0.0.1:${port}/`;
  await using idp = await serveApp(idpApp(acs));
  const statuses: number[] = [];
  const platform: Platform = {
    ...denoPlatform(),
    async openUrl(url) {
      const relayState = new URL(url).searchParams.get("RelayState") ?? "";
      assert.match(relayState, /^[A-Za-z0-9_-]{22}$/, "16 random bytes, base64url");
      // While the user signs in, other pages post their own assertions.
      statuses.push(await post(acs, { SAMLResponse: ATTACKER_ASSERTION }, "https://evil.example"));
      statuses.push(await post(acs, { SAMLResponse: ATTACKER_ASSERTION }));
      statuses.push(
        await post(acs, { SAMLResponse: ATTACKER_ASSERTION, RelayState: "guess" }, idp.url),
      );
      statuses.push(
        await post(acs, { SAMLResponse: ATTACKER_ASSERTION, RelayState: relayState }, "null"),
      );
      // DNS rebinding: the attacker's name resolved to 127.0.0.1, so Host names the attacker.
      const rebound = await fetch(acs, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          host: "evil.example:" + port,
          origin: "http://evil.example:" + port,
        },
        body: new URLSearchParams({ SAMLResponse: ATTACKER_ASSERTION, RelayState: relayState }),
      });
      await rebound.body?.cancel();
      statuses.push(rebound.status);
      // Then the IdP's own page posts, from the IdP's origin, with the RelayState it was given.
      const page = await (await fetch(url)).text();
      const echoed = /name="RelayState" value="([^"]*)"/.exec(page)?.[1] ?? "";
      statuses.push(
        await post(acs, { SAMLResponse: VICTIM_ASSERTION, RelayState: echoed }, idp.url),
      );
    },
  };
  const samlResponse = await browserAdapter({
    loginUrl: `${idp.url}/sso`,
    listenPort: port,
    timeoutMs: 10_000,
    platform,
  }).getSamlResponse({ fetch });
  assert.equal(samlResponse, VICTIM_ASSERTION);
  assert.deepEqual(statuses, [403, 403, 403, 403, 403, 200]);
});

Deno.test("class 7 in Chromium: another site's auto-posting page is refused, the IdP's page is taken", async () => {
  const port = freePort();
  const acs = `http://127.0.0.1:${port}/`;
  await using idp = await serveApp(idpApp(acs));
  // The attacker's page: another origin (localhost, not 127.0.0.1), posting its own assertion.
  await using attacker = await serveApp(
    new Hono().get("/", (c) => c.html(autoPostPage(acs, { SAMLResponse: ATTACKER_ASSERTION }))),
    { host: "localhost" },
  );
  const browser = await launchChromium();
  try {
    const tab = await browser.newPage();
    const answers: number[] = [];
    tab.on("response", (response) => {
      if (response.url() === acs) answers.push(response.status());
    });
    const platform: Platform = {
      ...denoPlatform(),
      async openUrl(url) {
        await tab.goto(`${attacker.url}/`);
        await tab.waitForURL(acs);
        await tab.goto(url);
        await tab.waitForURL(acs);
      },
    };
    const samlResponse = await browserAdapter({
      loginUrl: `${idp.url}/sso`,
      listenPort: port,
      timeoutMs: 20_000,
      platform,
    }).getSamlResponse({ fetch });
    assert.equal(samlResponse, VICTIM_ASSERTION);
    assert.deepEqual(answers, [403, 200], `Chromium ${browser.version()}`);
  } finally {
    await browser.close();
  }
});
