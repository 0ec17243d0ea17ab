import assert from "node:assert/strict";
import { Hono } from "hono";
import { CookieJar } from "../../src/saml/cookie_jar.ts";
import { SamlLoginError } from "../../src/saml/errors.ts";
import { sessionFetch } from "../../src/saml/session_fetch.ts";
import { serveApp } from "../idp/serve_app.ts";

const PASSWORD = "Hunter2-Password-Secret";

/** An app that echoes what it received at `/echo/*` and counts requests. */
function echoApp(): { app: Hono; hits: string[] } {
  const hits: string[] = [];
  const app = new Hono();
  app.use("*", async (c, next) => {
    hits.push(`${c.req.method} ${new URL(c.req.url).pathname}`);
    await next();
  });
  app.all("/echo/*", async (c) =>
    c.json({
      method: c.req.method,
      cookie: c.req.header("cookie") ?? null,
      authorization: c.req.header("authorization") ?? null,
      contentType: c.req.header("content-type") ?? null,
      body: await c.req.text(),
    }));
  return { app, hits };
}

Deno.test("sessionFetch: cookies set along a redirect chain are sent by path and host", async () => {
  const { app } = echoApp();
  app.get("/start", (c) => {
    c.header("set-cookie", "root=1; Path=/", { append: true });
    c.header("set-cookie", "deep=2; Path=/echo/app", { append: true });
    c.header("set-cookie", "elsewhere=3; Path=/other", { append: true });
    return c.redirect("/step", 302);
  });
  app.get("/step", (c) => {
    c.header("set-cookie", "step=4; Path=/; HttpOnly; SameSite=Lax");
    return c.redirect("/echo/app/final", 303);
  });
  await using server = await serveApp(app);
  const idp = sessionFetch();
  const response = await idp(`${server.url}/start`);
  const seen = await response.json();
  assert.equal(response.url, `${server.url}/echo/app/final`);
  assert.equal(seen.cookie, "deep=2; root=1; step=4");
  assert.equal(idp.cookies.all().length, 4);
  const other = await (await idp(`${server.url}/echo/x`)).json();
  assert.equal(other.cookie, "root=1; step=4");
  await using localhost = await serveApp(app, { host: "localhost" });
  const cross = await (await idp(`${localhost.url}/echo/x`)).json();
  assert.equal(cross.cookie, null, "host-only cookies of 127.0.0.1 never go to localhost");
});

Deno.test("sessionFetch: an expired cookie is not sent (jar clock)", async () => {
  const { app } = echoApp();
  app.get("/set", (c) => {
    c.header("set-cookie", "short=1; Max-Age=30; Path=/", { append: true });
    c.header("set-cookie", "long=2; Max-Age=3600; Path=/", { append: true });
    return c.text("ok");
  });
  await using server = await serveApp(app);
  let now = Date.now();
  const idp = sessionFetch(undefined, { cookies: new CookieJar({ now: () => now }) });
  await (await idp(`${server.url}/set`)).text();
  assert.equal((await (await idp(`${server.url}/echo/1`)).json()).cookie, "short=1; long=2");
  now += 31_000;
  assert.equal((await (await idp(`${server.url}/echo/1`)).json()).cookie, "long=2");
});

Deno.test("sessionFetch: 302 after POST and 303 become GET without body; 307 re-posts same-origin", async () => {
  const { app } = echoApp();
  app.post("/login302", (c) => c.redirect("/echo/after302", 302));
  app.post("/login303", (c) => c.redirect("/echo/after303", 303));
  app.post("/login307", (c) => c.redirect("/echo/after307", 307));
  await using server = await serveApp(app);
  const idp = sessionFetch();
  const post = (path: string) =>
    idp(`${server.url}${path}`, { method: "POST", body: new URLSearchParams({ pw: PASSWORD }) });
  const after302 = await (await post("/login302")).json();
  assert.deepEqual([after302.method, after302.body, after302.contentType], ["GET", "", null]);
  const after303 = await (await post("/login303")).json();
  assert.deepEqual([after303.method, after303.body], ["GET", ""]);
  const after307 = await (await post("/login307")).json();
  assert.equal(after307.method, "POST");
  assert.equal(after307.body, `pw=${PASSWORD}`);
  assert.match(after307.contentType, /x-www-form-urlencoded/);
});

Deno.test("sessionFetch: a cross-origin 307/308 that would re-send the body is refused", async () => {
  const other = echoApp();
  await using evil = await serveApp(other.app);
  const { app } = echoApp();
  app.post("/login", (c) => c.redirect(`${evil.url}/echo/steal`, 307));
  app.post("/login308", (c) => c.redirect(`${evil.url}/echo/steal`, 308));
  await using server = await serveApp(app);
  const idp = sessionFetch(undefined, { adapter: "form" });
  for (const path of ["/login", "/login308"]) {
    const error = await idp(`${server.url}${path}`, {
      method: "POST",
      body: `password=${PASSWORD}`,
    })
      .then(() => undefined, (e) => e);
    assert.ok(error instanceof SamlLoginError);
    assert.equal(error.adapter, "form");
    assert.match(error.message, /another origin .*request body/);
    assert.ok(!error.message.includes(PASSWORD) && !String(error.stack).includes(PASSWORD));
  }
  assert.deepEqual(other.hits, []);
});

Deno.test("sessionFetch: any cross-origin redirect carrying Authorization is refused", async () => {
  const other = echoApp();
  await using elsewhere = await serveApp(other.app);
  const { app } = echoApp();
  app.get("/api", (c) => c.redirect(`${elsewhere.url}/echo/x`, 302));
  app.get("/same", (c) => c.redirect("/echo/same", 302));
  await using server = await serveApp(app);
  const idp = sessionFetch();
  const headers = { authorization: `Basic ${btoa(`alice:${PASSWORD}`)}` };
  const same = await (await idp(`${server.url}/same`, { headers })).json();
  assert.equal(same.authorization, headers.authorization, "same-origin redirects keep it");
  await assert.rejects(
    idp(`${server.url}/api`, { headers }),
    (e) => e instanceof SamlLoginError && /Authorization header/.test(e.message),
  );
  assert.deepEqual(other.hits, []);
  const plain = await (await idp(`${server.url}/api`, { headers: { cookie: "mine=1" } })).json();
  assert.equal(plain.cookie, null, "a caller's Cookie header stays on its origin");
  assert.deepEqual(other.hits, ["GET /echo/x"]);
});

Deno.test("sessionFetch: a redirect loop fails with SamlLoginError after maxRedirects", async () => {
  const { app, hits } = echoApp();
  app.get("/loop/:n", (c) => c.redirect(`/loop/${Number(c.req.param("n")) + 1}`, 302));
  await using server = await serveApp(app);
  const started = performance.now();
  await assert.rejects(
    sessionFetch(undefined, { maxRedirects: 4 })(`${server.url}/loop/0`),
    (e) => e instanceof SamlLoginError && /more than 4 times/.test(e.message) && e.status === 302,
  );
  assert.equal(hits.length, 5);
  await assert.rejects(sessionFetch()(`${server.url}/loop/0`), SamlLoginError);
  assert.equal(hits.length, 5 + 11);
  assert.ok(performance.now() - started < 5000);
});

Deno.test("sessionFetch: redirects to non-http schemes are refused", async () => {
  const { app } = echoApp();
  app.get("/js", (c) => c.redirect("javascript:alert(1)", 302));
  await using server = await serveApp(app);
  await assert.rejects(sessionFetch()(`${server.url}/js`), /not an http\(s\) URL/);
});

Deno.test("sessionFetch: bodies over maxBodyBytes fail, declared or streamed", async () => {
  const { app } = echoApp();
  app.get("/big", (c) => c.text("x".repeat(100_000)));
  app.get("/stream", () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 100) controller.enqueue(new Uint8Array(10_000));
        else controller.close();
      },
    });
    return new Response(body);
  });
  await using server = await serveApp(app);
  const idp = sessionFetch(undefined, { maxBodyBytes: 50_000 });
  await assert.rejects(idp(`${server.url}/big`), (e) => e instanceof SamlLoginError);
  const streamed = await idp(`${server.url}/stream`);
  await assert.rejects(streamed.text(), (e) => e instanceof SamlLoginError);
  const small = await sessionFetch(undefined, { maxBodyBytes: 200_000 })(`${server.url}/big`);
  assert.equal((await small.text()).length, 100_000);
});

Deno.test("sessionFetch: redirect 'manual' returns the redirect; 'error' rejects", async () => {
  const { app } = echoApp();
  app.get("/r", (c) => {
    c.header("set-cookie", "r=1; Path=/");
    return c.redirect("/echo/next", 302);
  });
  await using server = await serveApp(app);
  const idp = sessionFetch();
  const manual = await idp(`${server.url}/r`, { redirect: "manual" });
  assert.equal(manual.status, 302);
  assert.equal(manual.headers.get("location"), "/echo/next");
  assert.equal(idp.cookies.cookieHeader(new URL(server.url)), "r=1");
  await assert.rejects(idp(`${server.url}/r`, { redirect: "error" }), TypeError);
});

Deno.test("sessionFetch: the debug log names each hop with secrets redacted", async () => {
  const { app } = echoApp();
  app.get(
    "/sso",
    (c) => c.redirect(`/echo/acs?SAMLResponse=${"PHNhbWw".repeat(20)}&token=${PASSWORD}`, 302),
  );
  await using server = await serveApp(app);
  const lines: string[] = [];
  await (await sessionFetch(undefined, { log: (line) => lines.push(line) })(`${server.url}/sso`))
    .text();
  assert.equal(lines.length, 2);
  assert.match(
    lines[0],
    /^GET http:\/\/127\.0\.0\.1:\d+\/sso -> 302 http:\/\/.*\/echo\/acs\?SAMLResponse=\[redacted\]&token=\[redacted\]$/,
  );
  assert.match(lines[1], /^GET .*\/echo\/acs\?.* -> 200$/);
  assert.ok(!lines.join("\n").includes(PASSWORD) && !lines.join("\n").includes("PHNhbWxQ"));
});

Deno.test("sessionFetch: where the runtime hides redirects (browsers), GETs are re-sent to follow, POSTs refused", async () => {
  const { app, hits } = echoApp();
  app.get("/start", (c) => c.redirect("/echo/done", 302));
  app.post("/start", (c) => c.redirect("/echo/done", 302));
  await using server = await serveApp(app);
  // What a browser's fetch does with redirect: "manual": an opaque, status-0 answer.
  const browserLike: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (init?.redirect !== "manual" || response.status < 300 || response.status > 399) {
      return response;
    }
    await response.body?.cancel();
    return { type: "opaqueredirect", status: 0, headers: new Headers(), body: null } as Response;
  };
  const idp = sessionFetch(browserLike);
  const followed = await idp(`${server.url}/start`);
  assert.equal(followed.url, `${server.url}/echo/done`);
  assert.equal((await followed.json()).method, "GET");
  assert.deepEqual(hits, ["GET /start", "GET /start", "GET /echo/done"]);
  await assert.rejects(
    idp(`${server.url}/start`, { method: "POST", body: `password=${PASSWORD}` }),
    (e) =>
      e instanceof SamlLoginError && /hides where to/.test(e.message) &&
      !e.message.includes(PASSWORD),
  );
});
