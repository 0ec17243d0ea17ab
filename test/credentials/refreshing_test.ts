import assert from "node:assert/strict";
import { refreshing } from "../../src/credentials/refreshing.ts";
import type { Credentials } from "../../src/sigv4/credentials.ts";

const MINUTE = 60_000;

// A provider on a fake clock: each call returns credentials numbered by call, valid for an
// hour, after a turn of the event loop (so concurrent callers really overlap).
function fakeSource(clock: { now: number }) {
  const state = { calls: 0, fail: false };
  const provider = async (): Promise<Credentials> => {
    state.calls++;
    const call = state.calls;
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (state.fail) throw new Error(`source down (call ${call})`);
    return {
      accessKeyId: `AKID${call}`,
      secretAccessKey: "s",
      expiration: new Date(clock.now + 60 * MINUTE),
    };
  };
  return { state, provider };
}

Deno.test("refreshing makes one call for 10,000 concurrent first callers", async () => {
  const clock = { now: 1_000_000 };
  const { state, provider } = fakeSource(clock);
  const cached = refreshing(provider, { now: () => clock.now });
  const results = await Promise.all(Array.from({ length: 10_000 }, () => cached()));
  assert.equal(state.calls, 1);
  assert.ok(results.every((credentials) => credentials.accessKeyId === "AKID1"));
});

Deno.test("refreshing makes exactly one call for 10,000 concurrent callers across an expiry", async () => {
  const clock = { now: 1_000_000 };
  const { state, provider } = fakeSource(clock);
  const cached = refreshing(provider, { now: () => clock.now });
  await cached();
  clock.now += 61 * MINUTE; // past the expiration
  const results = await Promise.all(Array.from({ length: 10_000 }, () => cached()));
  assert.equal(state.calls, 2);
  assert.ok(results.every((credentials) => credentials.accessKeyId === "AKID2"));
  assert.equal((await cached()).accessKeyId, "AKID2");
  assert.equal(state.calls, 2);
});

Deno.test("refreshing reuses credentials until refreshBeforeMs before expiry, then refreshes", async () => {
  const clock = { now: 1_000_000 };
  const { state, provider } = fakeSource(clock);
  const cached = refreshing(provider, { now: () => clock.now, refreshBeforeMs: 10 * MINUTE });
  await cached();
  clock.now += 49 * MINUTE; // 11 minutes left
  assert.equal((await cached()).accessKeyId, "AKID1");
  clock.now += 2 * MINUTE; // 9 minutes left
  const results = await Promise.all(Array.from({ length: 1000 }, () => cached()));
  assert.ok(results.every((credentials) => credentials.accessKeyId === "AKID2"));
  assert.equal(state.calls, 2);
});

Deno.test("refreshing defaults to a 5-minute window", async () => {
  const clock = { now: 1_000_000 };
  const { state, provider } = fakeSource(clock);
  const cached = refreshing(provider, { now: () => clock.now });
  await cached();
  clock.now += 54 * MINUTE;
  await cached();
  assert.equal(state.calls, 1);
  clock.now += 2 * MINUTE;
  await cached();
  assert.equal(state.calls, 2);
});

Deno.test("refreshing caches credentials without expiration forever", async () => {
  let calls = 0;
  const clock = { now: 0 };
  const cached = refreshing(() => {
    calls++;
    return Promise.resolve({ accessKeyId: "AKIDLONG", secretAccessKey: "s" });
  }, { now: () => clock.now });
  for (let i = 0; i < 100; i++) {
    clock.now += 365 * 24 * 60 * MINUTE;
    assert.equal((await cached()).accessKeyId, "AKIDLONG");
  }
  assert.equal(calls, 1);
});

Deno.test("a failed refresh while the credentials are valid keeps serving them, retrying after a pause", async () => {
  const clock = { now: 1_000_000 };
  const { state, provider } = fakeSource(clock);
  const cached = refreshing(provider, { now: () => clock.now, retryAfterMs: 30_000 });
  await cached();
  clock.now += 57 * MINUTE; // in the window, 3 minutes left
  state.fail = true;
  const during = await Promise.all(Array.from({ length: 1000 }, () => cached()));
  assert.ok(during.every((credentials) => credentials.accessKeyId === "AKID1"));
  assert.equal(state.calls, 2);
  // Within retryAfterMs: served from the cache, the source is left alone.
  clock.now += 10_000;
  for (let i = 0; i < 100; i++) assert.equal((await cached()).accessKeyId, "AKID1");
  assert.equal(state.calls, 2);
  // After it: one more attempt, which succeeds.
  clock.now += 25_000;
  state.fail = false;
  assert.equal((await cached()).accessKeyId, "AKID3");
  assert.equal(state.calls, 3);
});

Deno.test("expired credentials and a failing source reject with the source's error", async () => {
  const clock = { now: 1_000_000 };
  const { state, provider } = fakeSource(clock);
  const cached = refreshing(provider, { now: () => clock.now });
  await cached();
  clock.now += 61 * MINUTE;
  state.fail = true;
  const outcomes = await Promise.allSettled(Array.from({ length: 100 }, () => cached()));
  assert.ok(outcomes.every((outcome) => outcome.status === "rejected"));
  assert.match(String((outcomes[0] as PromiseRejectedResult).reason), /source down \(call 2\)/);
  assert.equal(state.calls, 2);
  // Expired: every later call tries again (no back-off), and recovers.
  await assert.rejects(cached(), /call 3/);
  state.fail = false;
  assert.equal((await cached()).accessKeyId, "AKID4");
});

Deno.test("a first call that fails is not cached", async () => {
  const clock = { now: 1_000_000 };
  const { state, provider } = fakeSource(clock);
  const cached = refreshing(provider, { now: () => clock.now });
  state.fail = true;
  await assert.rejects(cached(), /source down/);
  state.fail = false;
  assert.equal((await cached()).accessKeyId, "AKID2");
});

Deno.test("credentials that arrive already inside the window are not refreshed in a hot loop", async () => {
  const clock = { now: 1_000_000 };
  let calls = 0;
  const cached = refreshing(() => {
    calls++;
    return Promise.resolve({
      accessKeyId: `AKID${calls}`,
      secretAccessKey: "s",
      expiration: new Date(clock.now + 2 * MINUTE), // shorter than the 5-minute window
    });
  }, { now: () => clock.now, retryAfterMs: 30_000 });
  await cached();
  for (let i = 0; i < 50; i++) await cached();
  assert.equal(calls, 2); // the first call, and one refresh attempt in the window
  clock.now += 31_000;
  await cached();
  assert.equal(calls, 3);
});

Deno.test("a successful refresh does not delay the next window's refresh", async () => {
  const clock = { now: 1_000_000 };
  let calls = 0;
  const cached = refreshing(() => {
    calls++;
    return Promise.resolve({
      accessKeyId: `AKID${calls}`,
      secretAccessKey: "secret",
      expiration: new Date(clock.now + 2_000),
    });
  }, { now: () => clock.now, refreshBeforeMs: 500, retryAfterMs: 30_000 });
  assert.equal((await cached()).accessKeyId, "AKID1");
  for (let generation = 2; generation <= 5; generation++) {
    clock.now += 1_600; // inside the window of the current generation, which is still valid
    assert.equal((await cached()).accessKeyId, `AKID${generation}`);
  }
  assert.equal(calls, 5);
});

Deno.test("a provider that throws instead of rejecting is not cached either", async () => {
  let calls = 0;
  const cached = refreshing(
    (() => {
      calls++;
      if (calls === 1) throw new Error("thrown at once");
      return Promise.resolve({ accessKeyId: `AKID${calls}`, secretAccessKey: "s" });
    }) as () => Promise<Credentials>,
  );
  await assert.rejects(cached(), /thrown at once/);
  assert.equal((await cached()).accessKeyId, "AKID2");
  assert.equal((await cached()).accessKeyId, "AKID2");
  assert.equal(calls, 2);
});
