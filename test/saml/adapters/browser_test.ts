// The browser adapter: a real loopback listener (denoPlatform().serveLoopback) and a fake
// "browser" that loads the IdP's auto-post page and submits it, as a browser's script does.
import assert from "node:assert/strict";
import { Hono } from "hono";
import { denoPlatform, type Platform } from "../../../src/credentials/mod.ts";
import { browserAdapter, fromSaml, SamlLoginError } from "../../../src/saml/mod.ts";
import { parseHtmlForms } from "../../../src/saml/html_form.ts";
import { startEmulator } from "../../emulator/emulator.ts";
import { registerTestIdp, signedSamlResponse } from "../../idp/saml_issuer.ts";
import { serveApp } from "../../idp/serve_app.ts";
import { freePort } from "../../find_program.ts";

const SAML_RESPONSE = "PHNhbWxwOlJlc3BvbnNlIHhtbG5zOnNhbWxwPSJ1cm46b2FzaXMiLz4+Lz8=";

/**
 * An IdP whose login URL answers the page that posts `samlResponse` to `acs`, with the
 * `RelayState` the login URL carried, as IdP-initiated SAML does.
 */
function fakeIdp(acs: string, samlResponse = SAML_RESPONSE): Hono {
  return new Hono().get("/sso", (c) =>
    c.html(
      `<form method="post" action="${acs}"><input type="hidden" name="SAMLResponse" value="${samlResponse}">` +
        `<input type="hidden" name="RelayState" value="${
          c.req.query("RelayState") ?? ""
        }"></form><script>document.forms[0].submit()</script>`,
    ));
}

/** Deno's loopback server, and a browser that runs `steps` against the listener, then submits the IdP's form. */
function fakeBrowser(statuses: number[], steps: RequestInit[] = []): Platform {
  const deno = denoPlatform();
  return {
    ...deno,
    async openUrl(url) {
      const html = await (await fetch(url)).text();
      const [form] = parseHtmlForms(html, url);
      for (const init of steps) {
        const headers = new Headers(init.headers);
        headers.set("origin", new URL(url).origin);
        const response = await fetch(form.action, { ...init, headers });
        await response.body?.cancel();
        statuses.push(response.status);
      }
      // A browser sends the origin of the page whose form it submits.
      const response = await fetch(form.action, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          origin: new URL(url).origin,
        },
        body: new URLSearchParams(form.fields),
      });
      statuses.push(response.status);
      assert.match(await response.text(), /You may close this window/);
    },
  };
}

async function assertClosed(port: number): Promise<void> {
  await assert.rejects(fetch(`http://127.0.0.1:${port}/`), TypeError, "the listener is closed");
}

Deno.test("browserAdapter opens the login URL and receives the IdP's SAMLResponse POST", async () => {
  const port = freePort();
  await using idp = await serveApp(fakeIdp(`http://127.0.0.1:${port}/`));
  const statuses: number[] = [];
  const adapter = browserAdapter({
    loginUrl: `${idp.url}/sso`,
    listenPort: port,
    platform: fakeBrowser(statuses),
  });
  assert.equal(adapter.name, "browser");
  assert.equal(await adapter.getSamlResponse({ fetch }), SAML_RESPONSE);
  assert.deepEqual(statuses, [200]);
  await assertClosed(port);
});

Deno.test("GETs and malformed POSTs are answered with 4xx and do not end the wait", async () => {
  const port = freePort();
  await using idp = await serveApp(fakeIdp(`http://127.0.0.1:${port}/`));
  const statuses: number[] = [];
  const form = { "content-type": "application/x-www-form-urlencoded" };
  const platform = fakeBrowser(statuses, [
    { method: "GET" },
    { method: "POST", headers: { "content-type": "application/json" }, body: "{}" },
    { method: "POST", headers: form, body: "RelayState=r" },
    { method: "POST", headers: form, body: "SAMLResponse=" + "A".repeat(1024 * 1024 + 1) },
  ]);
  const samlResponse = await browserAdapter({
    loginUrl: `${idp.url}/sso`,
    listenPort: port,
    platform,
  }).getSamlResponse({ fetch });
  assert.equal(samlResponse, SAML_RESPONSE);
  assert.deepEqual(statuses, [405, 415, 400, 400, 200]);
});

Deno.test("without a POST in time the adapter fails with SamlLoginError and closes the listener", async () => {
  const port = freePort();
  const platform: Platform = { ...denoPlatform(), openUrl: () => Promise.resolve() };
  const started = Date.now();
  const error = await browserAdapter({
    loginUrl: "https://idp.example.com/sso",
    listenPort: port,
    timeoutMs: 300,
    platform,
  }).getSamlResponse({ fetch }).then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof SamlLoginError);
  assert.equal(error.adapter, "browser");
  assert.match(
    error.message,
    new RegExp(`No SAMLResponse reached http://127\\.0\\.0\\.1:${port}/ within 0\\.3 s`),
  );
  assert.ok(Date.now() - started < 3000);
  await assertClosed(port);
});

Deno.test("the URL is printed when the platform cannot open a browser, and an abort stops the wait", async () => {
  const port = freePort();
  const printed: unknown[] = [];
  const originalError = console.error;
  console.error = (...args: unknown[]) => void printed.push(...args);
  const controller = new AbortController();
  try {
    const { openUrl: _, ...withoutBrowser } = denoPlatform();
    const pending = browserAdapter({
      loginUrl: "https://idp.example.com/sso?app=aws",
      listenPort: port,
      platform: { ...withoutBrowser },
    }).getSamlResponse({ fetch, signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort(new Error("user cancelled"));
    await assert.rejects(pending, /user cancelled/);
  } finally {
    console.error = originalError;
  }
  assert.match(String(printed[0]), /https:\/\/idp\.example\.com\/sso\?app=aws/);
  await assertClosed(port);
});

Deno.test("a busy port or a platform that cannot listen is a SamlLoginError", async () => {
  const busy = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const error = await browserAdapter({
      loginUrl: "https://idp.example.com/sso",
      listenPort: (busy.addr as Deno.NetAddr).port,
      platform: denoPlatform(),
    }).getSamlResponse({ fetch }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof SamlLoginError);
    assert.match(error.message, /Could not listen on 127\.0\.0\.1:\d+ \(AddrInUse\)/);
  } finally {
    busy.close();
  }
  const { serveLoopback: _, ...worker } = denoPlatform();
  await assert.rejects(
    browserAdapter({ loginUrl: "https://idp.example.com/sso", platform: worker })
      .getSamlResponse({ fetch }),
    (error: unknown) => error instanceof SamlLoginError && /needs a platform/.test(error.message),
  );
});

Deno.test("fromSaml with browserAdapter turns the posted assertion into credentials", async () => {
  const role = {
    roleArn: "arn:aws:iam::123456789012:role/Redshift",
    principalArn: "arn:aws:iam::123456789012:saml-provider/Okta",
  };
  const port = freePort();
  await using idp = await serveApp(
    fakeIdp(`http://127.0.0.1:${port}/redshift/`, signedSamlResponse({ roles: [role] })),
  );
  await using emulator = await startEmulator();
  emulator.state.addRole({ arn: role.roleArn });
  registerTestIdp(emulator.state, { principalArn: role.principalArn });
  const statuses: number[] = [];
  const credentials = await fromSaml({
    adapter: browserAdapter({
      loginUrl: `${idp.url}/sso`,
      listenPort: port,
      platform: fakeBrowser(statuses),
    }),
    endpoint: emulator.url,
    region: "us-east-1",
  })();
  assert.match(credentials.accessKeyId, /^ASIA/);
  assert.deepEqual(statuses, [200]);
  assert.equal(emulator.state.stsCalls[0].params.RoleArn, role.roleArn);
});
