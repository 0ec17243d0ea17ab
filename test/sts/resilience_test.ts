import assert from "node:assert/strict";
import { StsClient } from "../../src/sts/mod.ts";
import { AwsError } from "../../src/http/errors.ts";
import { startEmulator } from "../emulator/emulator.ts";

const SECRET_MARK = "do-not-leak";

Deno.test("STS 503s are retried with backoff, up to 3 attempts in all", async () => {
  await using emu = await startEmulator();
  emu.state.failNext(2, { status: 503, code: "ServiceUnavailable", path: "/" });
  const sts = new StsClient({ credentials: emu.credentials, endpoint: emu.url });
  const identity = await sts.getCallerIdentity();
  assert.equal(identity.account.length, 12);
  assert.equal(emu.state.log.filter((entry) => entry.path === "/").length, 3);

  emu.state.failNext(3, { status: 503, code: "ServiceUnavailable", path: "/" });
  const error = await sts.getCallerIdentity().catch((e) => e);
  assert.ok(error instanceof AwsError);
  assert.deepEqual([error.code, error.status, error.retryable], ["ServiceUnavailable", 503, true]);
});

Deno.test("STS throttling (400 Throttling) is retried, a ValidationError is not", async () => {
  await using emu = await startEmulator();
  emu.state.failNext(1, { status: 400, code: "Throttling", message: "Rate exceeded", path: "/" });
  const sts = new StsClient({ credentials: emu.credentials, endpoint: emu.url });
  await sts.getCallerIdentity();
  assert.equal(emu.state.log.filter((entry) => entry.path === "/").length, 2);
  emu.state.failNext(1, { status: 400, code: "ValidationError", path: "/" });
  const error = await sts.getCallerIdentity().catch((e) => e);
  assert.equal(error instanceof AwsError && error.code, "ValidationError");
  assert.equal(emu.state.log.filter((entry) => entry.path === "/").length, 3);
});

Deno.test("a skewed clock is learned from the server's Date and kept by the client", async () => {
  await using emu = await startEmulator();
  emu.state.skewSeconds = 3600; // the server lives an hour ahead of us
  const sts = new StsClient({ credentials: emu.credentials, endpoint: emu.url });
  await sts.getCallerIdentity();
  const codes = emu.state.log.map((entry) => entry.verification);
  assert.deepEqual(codes, ["RequestTimeTooSkewed", "ok"]);
  await sts.getCallerIdentity();
  assert.equal(emu.state.log.at(-1)?.verification, "ok");
  assert.equal(emu.state.log.length, 3, "the second call needs no correction");
});

function answering(status: number, body: string, type = "text/xml"): typeof fetch {
  return (input, init) => {
    void new Request(input, init).body?.cancel();
    return Promise.resolve(new Response(body, { status, headers: { "content-type": type } }));
  };
}

const credentials = { accessKeyId: "AKIDTEST", secretAccessKey: `secret-${SECRET_MARK}` };

Deno.test("an STS that answers HTML or hostile XML gives a typed InvalidResponse", async () => {
  const bodies: [number, string, string][] = [
    [200, "<html><body>Captive portal</body></html>", "text/html"],
    [403, "<html><body>Forbidden by proxy</body></html>", "text/html"],
    [
      200,
      '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><GetCallerIdentityResponse>&a;</GetCallerIdentityResponse>',
      "text/xml",
    ],
    [
      200,
      "<GetCallerIdentityResponse><GetCallerIdentityResult></GetCallerIdentityResult></GetCallerIdentityResponse>",
      "text/xml",
    ],
    [200, "<GetCallerIdentityResponse>" + "x".repeat(2 * 1024 * 1024), "text/xml"],
  ];
  for (const [status, body, type] of bodies) {
    const sts = new StsClient({
      credentials,
      fetch: answering(status, body, type),
      maxAttempts: 1,
    });
    const error = await sts.getCallerIdentity().catch((e) => e);
    assert.ok(error instanceof AwsError, String(error));
    assert.equal(error.code, "InvalidResponse");
    assert.ok(!error.message.includes(SECRET_MARK));
  }
});

Deno.test("an STS that never answers is abandoned after the timeout, each attempt", async () => {
  let attempts = 0;
  const hanging: typeof fetch = (input, init) => {
    attempts++;
    const signal = new Request(input, init).signal;
    return new Promise((_, reject) =>
      signal.addEventListener("abort", () => reject(signal.reason))
    );
  };
  const sts = new StsClient({ credentials, fetch: hanging, timeoutMs: 50, maxAttempts: 2 });
  const started = Date.now();
  const error = await sts.getCallerIdentity().catch((e) => e);
  assert.equal(error instanceof AwsError && error.code, "TimeoutError");
  assert.equal(attempts, 2);
  assert.ok(Date.now() - started < 2_000);
});

Deno.test("network errors are retried and end as a typed NetworkingError", async () => {
  let attempts = 0;
  const failing: typeof fetch = () => {
    attempts++;
    return Promise.reject(new TypeError("connection refused"));
  };
  const sts = new StsClient({ credentials, fetch: failing });
  const error = await sts.getCallerIdentity().catch((e) => e);
  assert.equal(error instanceof AwsError && error.code, "NetworkingError");
  assert.equal(attempts, 3);
});

Deno.test("a caller's signal aborts an STS call during its backoff", async () => {
  await using emu = await startEmulator();
  emu.state.failNext(20, { status: 503, code: "ServiceUnavailable", path: "/" });
  const sts = new StsClient({ credentials: emu.credentials, endpoint: emu.url, maxAttempts: 20 });
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error("caller gave up")), 30);
  const error = await sts.getCallerIdentity({ signal: controller.signal }).catch((e) => e);
  assert.equal(error instanceof Error && error.message, "caller gave up");
  assert.ok(emu.state.log.length < 20);
});
