// The emulator's test knobs (faults, request log, clock) and what a browser needs
// (CORS, static files), each shown to change what a client observes.
import assert from "node:assert/strict";
import { SigV4Signer } from "../../src/sigv4/signer.ts";
import { EmulatorState, type RunningEmulator, startEmulator } from "./emulator.ts";

async function signedGet(emulator: RunningEmulator, path: string, date?: Date): Promise<Request> {
  const signer = new SigV4Signer({
    credentials: emulator.credentials,
    region: "us-east-1",
    service: "execute-api",
  });
  return await signer.sign(new Request(`${emulator.url}${path}`), { date });
}

async function statusAndCode(response: Response): Promise<[number, string]> {
  const body = await response.text();
  return [response.status, body.match(/<Code>([^<]*)<\/Code>/)?.[1] ?? ""];
}

Deno.test("failNext(2) answers two signed requests with the fault, then the route again", async () => {
  await using emulator = await startEmulator();
  emulator.state.failNext(2, {
    status: 503,
    code: "ServiceUnavailable",
    headers: { "retry-after": "1" },
  });
  const first = await fetch(await signedGet(emulator, "/echo/a"));
  assert.equal(first.headers.get("retry-after"), "1");
  assert.deepEqual(await statusAndCode(first), [503, "ServiceUnavailable"]);
  assert.deepEqual(await statusAndCode(await fetch(await signedGet(emulator, "/echo/a"))), [
    503,
    "ServiceUnavailable",
  ]);
  assert.deepEqual(await statusAndCode(await fetch(await signedGet(emulator, "/echo/a"))), [
    200,
    "",
  ]);
  assert.equal(emulator.state.pendingFaults, 0);
});

Deno.test("a fault is consumed only by a correctly signed request to its path", async () => {
  await using emulator = await startEmulator();
  emulator.state.failNext(1, { status: 400, code: "Throttling", path: "/echo/throttled" });
  await (await fetch(`${emulator.url}/echo/throttled`)).body?.cancel(); // unsigned: refused first
  assert.deepEqual(await statusAndCode(await fetch(await signedGet(emulator, "/echo/other"))), [
    200,
    "",
  ]);
  assert.equal(emulator.state.pendingFaults, 1);
  const throttled = await fetch(await signedGet(emulator, "/echo/throttled"));
  assert.deepEqual(await statusAndCode(throttled), [400, "Throttling"]);
  assert.equal(emulator.state.log.at(-1)?.fault, "Throttling");
});

Deno.test("failNext rejects a count that is not a positive integer", () => {
  const state = new EmulatorState();
  assert.throws(() => state.failNext(0, { status: 500, code: "InternalFailure" }), RangeError);
  assert.throws(() => state.failNext(1.5, { status: 500, code: "InternalFailure" }), RangeError);
});

Deno.test("the request log records each request's key, verification outcome and status", async () => {
  await using emulator = await startEmulator();
  const { accessKeyId } = emulator.credentials;
  await (await fetch(await signedGet(emulator, "/echo/one"))).body?.cancel();
  await (await fetch(`${emulator.url}/echo/two`)).body?.cancel();
  await (await fetch(await signedGet(emulator, "/echo/three", new Date(Date.now() - 3600_000))))
    .body?.cancel();
  await (await fetch(await signedGet(emulator, "/nowhere"))).body?.cancel();
  assert.deepEqual(emulator.state.log, [
    { method: "GET", path: "/echo/one", accessKeyId, verification: "ok", status: 200 },
    {
      method: "GET",
      path: "/echo/two",
      accessKeyId: undefined,
      verification: "MissingAuthenticationToken",
      status: 403,
    },
    {
      method: "GET",
      path: "/echo/three",
      accessKeyId,
      verification: "RequestTimeTooSkewed",
      status: 403,
    },
    { method: "GET", path: "/nowhere", accessKeyId, verification: "ok", status: 404 },
  ]);
  assert.equal(emulator.state.requestsTo("/echo").length, 3);
});

Deno.test("the emulator's clock decides skew and is sent in the Date header", async () => {
  await using emulator = await startEmulator();
  emulator.state.skewSeconds = 3600; // the server runs an hour ahead of the client
  const response = await fetch(await signedGet(emulator, "/echo/x"));
  assert.deepEqual(await statusAndCode(response), [403, "RequestTimeTooSkewed"]);
  const serverTime = Date.parse(response.headers.get("date") ?? "");
  assert.ok(
    Math.abs(serverTime - (Date.now() + 3600_000)) < 5000,
    response.headers.get("date") ?? "no date",
  );

  emulator.state.skewSeconds = 0;
  emulator.state.fixedTime = new Date("2024-05-01T12:00:00Z");
  const fixed = await fetch(await signedGet(emulator, "/echo/x", new Date("2024-05-01T12:10:00Z")));
  assert.deepEqual(await statusAndCode(fixed), [200, ""]);
  assert.equal(fixed.headers.get("date"), "Wed, 01 May 2024 12:00:00 GMT");
});

Deno.test("a signed request to an unknown route gets 404, an unsigned one 403", async () => {
  await using emulator = await startEmulator();
  assert.deepEqual(await statusAndCode(await fetch(await signedGet(emulator, "/no/such"))), [
    404,
    "UnknownOperationException",
  ]);
  assert.deepEqual(await statusAndCode(await fetch(`${emulator.url}/no/such`)), [
    403,
    "MissingAuthenticationToken",
  ]);
});

Deno.test("CORS preflights are answered without a signature and errors carry Allow-Origin", async () => {
  await using emulator = await startEmulator();
  const preflight = await fetch(`${emulator.url}/echo/x`, {
    method: "OPTIONS",
    headers: {
      origin: "http://localhost:1234",
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization,x-amz-date,x-amz-security-token",
    },
  });
  await preflight.body?.cancel();
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get("access-control-allow-origin"), "*");
  assert.equal(preflight.headers.get("access-control-allow-methods"), "POST");
  assert.equal(
    preflight.headers.get("access-control-allow-headers"),
    "authorization,x-amz-date,x-amz-security-token",
  );
  assert.equal(emulator.state.log[0].verification, "none");

  for (
    const response of [
      await fetch(`${emulator.url}/echo/x`),
      await fetch(await signedGet(emulator, "/echo/x")),
    ]
  ) {
    await response.body?.cancel();
    assert.equal(response.headers.get("access-control-allow-origin"), "*");
    assert.match(
      response.headers.get("access-control-expose-headers") ?? "",
      /x-amzn-requestid.*date/,
    );
    assert.ok(response.headers.get("x-amzn-requestid"));
  }
});

Deno.test("static files are served without a signature, unknown names are 404", async () => {
  const state = new EmulatorState();
  state.staticFiles.set("page.html", { body: "<h1>matrix</h1>", type: "text/html; charset=utf-8" });
  await using emulator = await startEmulator({ state });
  const page = await fetch(`${emulator.url}/__static/page.html`);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get("content-type"), "text/html; charset=utf-8");
  assert.equal(await page.text(), "<h1>matrix</h1>");
  const missing = await fetch(`${emulator.url}/__static/missing.js`);
  await missing.body?.cancel();
  assert.equal(missing.status, 404);
  assert.deepEqual(state.log.map((entry) => entry.verification), ["none", "none"]);
});
