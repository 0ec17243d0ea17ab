// The Node platform's loopback server (node:http) and openUrl, which the browser SAML
// adapter needs, in Node (with and without process.getBuiltinModule) and Bun; and the
// adapter itself end to end where the runtime has what it uses. The user's browser is a
// stand-in `xdg-open` on PATH that writes down the URL it was given. Probes are bundled for
// the browser platform, so no static `node:` import can sneak in.
import assert from "node:assert/strict";
import { findProgram, freePort } from "../../find_program.ts";
import { BUN, repositoryPath, runProbe } from "./runtime_probe.ts";

const SAML = repositoryPath("src/saml/mod.ts");
const CREDENTIALS = repositoryPath("src/credentials/mod.ts");
const LOGIN_URL = "https://idp.example/home/amazon_aws/0oa1/272?from=iamfetch";
const ASSERTION = "PHNhbWxwOlJlc3BvbnNlIElEPSJub2RlIj4=";

// The platform on its own: a handler that reports what it received, a body it stops reading
// after 4 bytes (as the adapter does at its cap) and openUrl.
const PLATFORM_PROBE = `
import { defaultPlatform } from ${JSON.stringify(CREDENTIALS)};
const platform = defaultPlatform();
const seen = [];
const server = await platform.serveLoopback(0, async (request) => {
  const url = new URL(request.url);
  if (url.pathname === "/partial") {
    const reader = request.body.getReader();
    await reader.read();
    await reader.cancel();
    return new Response("stopped reading", { status: 413 });
  }
  seen.push({ method: request.method, path: url.pathname + url.search, type: request.headers.get("content-type"), body: await request.text() });
  return new Response("answer " + seen.length, { status: 201, headers: { "x-probe": "yes" } });
});
const base = "http://127.0.0.1:" + server.port;
const posted = await fetch(base + "/form?a=1", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "SAMLResponse=abc%3D" });
const got = await fetch(base + "/");
const big = "x".repeat(5 * 1024 * 1024);
const partial = await fetch(base + "/partial", { method: "POST", body: big });
await platform.openUrl(${JSON.stringify(LOGIN_URL)});
await server.close();
let closed;
try {
  await fetch(base + "/");
  closed = false;
} catch {
  closed = true;
}
const fs = await import(["node", "fs"].join(":")); // not bundled for the browser
console.log(JSON.stringify({
  port: server.port > 0,
  posted: [posted.status, posted.headers.get("x-probe"), await posted.text()],
  got: [got.status, await got.text()],
  partial: [partial.status, await partial.text()],
  seen,
  opened: fs.readFileSync(process.env.IAMFETCH_PROBE_DIR + "/opened", "utf8"),
  closed,
}));
`;

const ADAPTER_PROBE = `
import { browserAdapter } from ${JSON.stringify(SAML)};
const port = Number(process.env.IAMFETCH_PROBE_PORT);
const opened = process.env.IAMFETCH_PROBE_DIR + "/opened";
const adapter = browserAdapter({ loginUrl: ${
  JSON.stringify(LOGIN_URL)
}, listenPort: port, timeoutMs: 20000 });
const samlResponse = adapter.getSamlResponse({ fetch });
const fs = await import(["node", "fs"].join(":")); // not bundled for the browser
for (let i = 0; i < 200 && !fs.existsSync(opened); i++) await new Promise((r) => setTimeout(r, 25));
const url = "http://127.0.0.1:" + port + "/";
// As the IdP's page would post: from the IdP's origin, with the RelayState of the login URL.
const loginUrl = new URL(fs.readFileSync(opened, "utf8"));
const get = await fetch(url);
const wrongType = await fetch(url, {
  method: "POST",
  body: "{}",
  headers: { "content-type": "application/json", origin: loginUrl.origin },
});
const post = await fetch(url, {
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", origin: loginUrl.origin },
  body: new URLSearchParams({
    SAMLResponse: ${JSON.stringify(ASSERTION)},
    RelayState: loginUrl.searchParams.get("RelayState"),
  }),
});
const page = await post.text();
const result = await samlResponse;
let closed;
try {
  await fetch(url);
  closed = false;
} catch {
  closed = true;
}
console.log(JSON.stringify({
  opened: fs.readFileSync(opened, "utf8"),
  get: get.status,
  wrongType: wrongType.status,
  post: post.status,
  page: page.includes("You may close this window"),
  result,
  closed,
}));
`;

/** Runs `probe` with a stand-in `xdg-open` on PATH (the user's browser) and a free port. */
function loopbackProbe(probe: string, runtime: string, options: { oldNode?: boolean } = {}) {
  return runProbe(probe, {
    runtime,
    args: runtime === BUN ? ["run"] : [],
    oldNode: options.oldNode,
    async prepare(dir) {
      // The user's browser: records the URL, as xdg-open hands it over, and returns.
      await Deno.mkdir(`${dir}/bin`);
      await Deno.writeTextFile(
        `${dir}/bin/xdg-open`,
        '#!/bin/sh\nprintf %s "$1" > "$IAMFETCH_PROBE_DIR/opened"\n',
      );
      await Deno.chmod(`${dir}/bin/xdg-open`, 0o755);
      await findProgram("sh", "install a POSIX shell");
      return {
        IAMFETCH_PROBE_PORT: String(freePort()),
        PATH: `${dir}/bin:${Deno.env.get("PATH") ?? ""}`,
      };
    },
  });
}

function assertPlatform(result: Record<string, unknown>) {
  assert.deepEqual(result, {
    port: true,
    posted: [201, "yes", "answer 1"],
    got: [201, "answer 2"],
    partial: [413, "stopped reading"],
    seen: [
      {
        method: "POST",
        path: "/form?a=1",
        type: "application/x-www-form-urlencoded",
        body: "SAMLResponse=abc%3D",
      },
      { method: "GET", path: "/", type: null, body: "" },
    ],
    opened: LOGIN_URL,
    closed: true,
  });
}

function assertLogin(result: Record<string, unknown>) {
  const opened = new URL(String(result.opened));
  assert.match(opened.searchParams.get("RelayState") ?? "", /^[A-Za-z0-9_-]{22}$/);
  opened.searchParams.delete("RelayState");
  assert.equal(opened.href, LOGIN_URL);
  assert.deepEqual({ ...result, opened: LOGIN_URL }, {
    opened: LOGIN_URL,
    get: 405,
    wrongType: 415,
    post: 200,
    page: true,
    result: ASSERTION,
    closed: true,
  });
}

Deno.test("in Node, the platform serves on 127.0.0.1 and opens URLs with the system's opener", async () => {
  assertPlatform(await loopbackProbe(PLATFORM_PROBE, "node"));
});

Deno.test("in a Node without process.getBuiltinModule (before 20.16), the platform serves and opens URLs too", async () => {
  assertPlatform(await loopbackProbe(PLATFORM_PROBE, "node", { oldNode: true }));
});

Deno.test("in Bun, the platform serves on 127.0.0.1 and opens URLs with the system's opener", async () => {
  assertPlatform(await loopbackProbe(PLATFORM_PROBE, BUN));
});

Deno.test("in Node, the browser adapter takes the SAML POST on 127.0.0.1", async () => {
  assertLogin(await loopbackProbe(ADAPTER_PROBE, "node"));
});

Deno.test("in Bun, the browser adapter opens the login page and takes the SAML POST on 127.0.0.1", async () => {
  assertLogin(await loopbackProbe(ADAPTER_PROBE, BUN));
});
