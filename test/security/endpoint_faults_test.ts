// Faults the existing resilience tests do not cover (see docs/TESTING.md for those that
// do): bodies cut off midway or stalled, connections reset before any answer, the
// container endpoint failing and throttling, and a skewed credential endpoint clock.
// Each must end in a typed error within its timeout, after a bounded number of attempts,
// while still-valid cached credentials keep being served.
import assert from "node:assert/strict";
import { AwsError } from "../../src/http/errors.ts";
import { CredentialsProviderError } from "../../src/credentials/errors.ts";
import { explicitPlatform } from "../../src/credentials/platform/explicit.ts";
import { fromContainer } from "../../src/credentials/from_container.ts";
import { fromImds } from "../../src/credentials/from_imds.ts";
import { refreshing } from "../../src/credentials/refreshing.ts";
import { CredentialsError } from "../../src/sigv4/errors.ts";
import { StsClient } from "../../src/sts/mod.ts";
import { type RunningEmulator, startEmulator } from "../emulator/emulator.ts";
import { rejectionOf } from "../rejection.ts";

const CONTAINER_PATH = "/container/credentials";

function containerProvider(emu: RunningEmulator, timeoutMs = 1000) {
  return fromContainer({
    timeoutMs,
    platform: explicitPlatform({
      env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${emu.url}${CONTAINER_PATH}` },
    }),
  });
}

function attemptsTo(emu: RunningEmulator, path: string): number {
  return emu.state.log.filter((entry) => entry.path === path).length;
}

Deno.test("an STS answer cut off midway is a typed, retryable NetworkingError", async () => {
  await using emu = await startEmulator();
  emu.state.failNext(1, { status: 200, code: "Truncated", path: "/", body: "truncated" });
  const sts = new StsClient({ credentials: emu.credentials, endpoint: emu.url, maxAttempts: 1 });
  const error = await rejectionOf(sts.getCallerIdentity());
  assert.ok(error instanceof AwsError, String(error));
  assert.deepEqual([error.code, error.retryable], ["NetworkingError", true]);
  assert.match((await sts.getCallerIdentity()).arn, /^arn:aws:/, "the next call succeeds");
});

Deno.test("an STS body that stalls past the timeout is a TimeoutError, not a hang", async () => {
  await using emu = await startEmulator();
  emu.state.failNext(1, { status: 200, code: "Stalled", path: "/", body: { stallMs: 5_000 } });
  const sts = new StsClient({
    credentials: emu.credentials,
    endpoint: emu.url,
    maxAttempts: 1,
    timeoutMs: 200,
  });
  const started = performance.now();
  const error = await rejectionOf(sts.getCallerIdentity());
  assert.ok(error instanceof AwsError && error.code === "TimeoutError", String(error));
  assert.ok(performance.now() - started < 1_500, "gave up within the timeout");
});

Deno.test("a container endpoint answering 500, 503 and 429 is retried: 3 attempts, bounded backoff", async () => {
  for (
    const [status, code] of [[500, "InternalFailure"], [503, "ServiceUnavailable"], [
      429,
      "Throttling",
    ]] as const
  ) {
    await using emu = await startEmulator();
    emu.state.failNext(2, { status, code, path: CONTAINER_PATH });
    const started = performance.now();
    const credentials = await containerProvider(emu)();
    assert.match(credentials.accessKeyId, /^ASIA/);
    assert.equal(attemptsTo(emu, CONTAINER_PATH), 3, `${status}: two failures, then success`);
    // Full jitter: at most 100 + 200 ms of backoff (500 + 1000 ms after throttling).
    assert.ok(performance.now() - started < 2_500, `${status}: backoff stayed bounded`);

    emu.state.failNext(3, { status, code, path: CONTAINER_PATH });
    const error = await rejectionOf(containerProvider(emu)());
    assert.ok(error instanceof CredentialsProviderError, String(error));
    assert.equal(error.tryNextLink, false);
    assert.ok(error.cause instanceof AwsError && error.cause.status === status);
    assert.equal(attemptsTo(emu, CONTAINER_PATH), 6, `${status}: gives up after 3 attempts`);
  }
});

Deno.test("a container answer cut off midway, or stalled, is a typed error within the timeout", async () => {
  await using emu = await startEmulator();
  emu.state.failNext(3, {
    status: 200,
    code: "Truncated",
    path: CONTAINER_PATH,
    body: "truncated",
  });
  const truncated = await rejectionOf(containerProvider(emu)());
  assert.ok(truncated instanceof CredentialsProviderError, String(truncated));

  emu.state.failNext(1, {
    status: 200,
    code: "Stalled",
    path: CONTAINER_PATH,
    body: { stallMs: 5_000 },
  });
  const started = performance.now();
  const stalled = await rejectionOf(containerProvider(emu, 200)());
  assert.ok(stalled instanceof CredentialsProviderError, String(stalled));
  assert.ok(performance.now() - started < 1_500);
});

Deno.test("IMDS credentials cut off midway, or stalled, are a typed error within the timeout", async () => {
  await using emu = await startEmulator();
  const path = `/latest/meta-data/iam/security-credentials/${emu.state.imds.role}`;
  const platform = explicitPlatform({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.url } });
  emu.state.failNext(1, { status: 200, code: "Truncated", path, body: "truncated" });
  const truncated = await rejectionOf(fromImds({ platform })());
  assert.ok(truncated instanceof CredentialsProviderError, String(truncated));

  emu.state.failNext(1, { status: 200, code: "Stalled", path, body: { stallMs: 5_000 } });
  const started = performance.now();
  const stalled = await rejectionOf(fromImds({ platform, timeoutMs: 200 })());
  assert.ok(stalled instanceof CredentialsProviderError, String(stalled));
  assert.ok(performance.now() - started < 1_500);
});

Deno.test("cached container credentials keep being served through an outage while valid", async () => {
  await using emu = await startEmulator();
  emu.state.container.credentialDurationSeconds = 3600;
  let now = Date.now();
  const cached = refreshing(containerProvider(emu), { now: () => now });
  const first = await cached();
  // Inside the refresh window (5 minutes before expiry), with every attempt failing.
  emu.state.failNext(100, { status: 503, code: "ServiceUnavailable", path: CONTAINER_PATH });
  now += 3600_000 - 60_000;
  assert.equal((await cached()).accessKeyId, first.accessKeyId);
  assert.equal((await cached()).accessKeyId, first.accessKeyId, "no refresh storm");
  assert.equal(
    attemptsTo(emu, CONTAINER_PATH),
    1 + 3,
    "one failed refresh of 3 attempts, then a pause",
  );
});

Deno.test("a connection reset before any answer is retried, then a typed NetworkingError", async () => {
  // A raw TCP listener: Hono cannot drop a connection before answering.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  let connections = 0;
  const accepting = (async () => {
    for await (const connection of listener) {
      connections++;
      connection.close();
    }
  })();
  const url = `http://127.0.0.1:${listener.addr.port}`;
  try {
    const sts = new StsClient({
      credentials: { accessKeyId: "AKIDRESET", secretAccessKey: "reset-secret" },
      endpoint: url,
    });
    const error = await rejectionOf(sts.getCallerIdentity());
    assert.ok(error instanceof AwsError && error.code === "NetworkingError", String(error));
    assert.equal(connections, 3);

    const container = await rejectionOf(
      fromContainer({
        platform: explicitPlatform({
          env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${url}${CONTAINER_PATH}` },
        }),
      })(),
    );
    assert.ok(container instanceof CredentialsProviderError, String(container));
    assert.equal(connections, 6);
  } finally {
    listener.close();
    await accepting.catch(() => {});
  }
});

Deno.test("container credentials already expired by our clock (a skewed endpoint) are refused", async () => {
  await using emu = await startEmulator();
  emu.state.skewSeconds = -7 * 3600; // the endpoint lives 7 hours behind us
  const error = await rejectionOf(containerProvider(emu)());
  assert.ok(error instanceof CredentialsError, String(error));
  assert.match(error.message, /expired/);
});
