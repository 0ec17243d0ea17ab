// Node 20.0 to 20.2 have no AbortSignal.any; sendAwsRequest's timeouts and the caller's
// abort must work there too. Each test takes AbortSignal.any away while it runs.
import assert from "node:assert/strict";
import { anySignal } from "../../src/http/_abort_signals.ts";
import { AwsError } from "../../src/http/errors.ts";
import { sendAwsRequest } from "../../src/http/send_aws_request.ts";

async function withoutAbortSignalAny(body: () => void | Promise<void>) {
  const signals = AbortSignal as { any?: unknown };
  const native = signals.any;
  delete signals.any;
  try {
    await body();
  } finally {
    signals.any = native;
  }
}

const hanging: typeof fetch = (input, init) =>
  new Promise((_, reject) => {
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
  });

Deno.test("without AbortSignal.any, sendAwsRequest still abandons an attempt at its timeout", async () => {
  await withoutAbortSignalAny(async () => {
    let calls = 0;
    const counting: typeof fetch = (input, init) => {
      calls++;
      return hanging(input, init);
    };
    const started = Date.now();
    await assert.rejects(
      sendAwsRequest(new Request("https://sts.amazonaws.com/"), {
        fetch: counting,
        timeoutMs: 50,
        maxAttempts: 2,
        baseDelayMs: 1,
      }),
      (error: unknown) => error instanceof AwsError && error.code === "TimeoutError",
    );
    assert.equal(calls, 2);
    assert.ok(Date.now() - started < 2_000);
  });
});

Deno.test("without AbortSignal.any, the caller's signal aborts sendAwsRequest with its reason", async () => {
  await withoutAbortSignalAny(async () => {
    const caller = new AbortController();
    const reason = new DOMException("stopped by the caller", "AbortError");
    setTimeout(() => caller.abort(reason), 30);
    await assert.rejects(
      sendAwsRequest(new Request("https://sts.amazonaws.com/"), {
        fetch: hanging,
        signal: caller.signal,
        timeoutMs: 10_000,
      }),
      (error: unknown) => error === reason,
    );
  });
});

Deno.test("anySignal aborts with the reason of the first signal to abort, or at once if one already has", async () => {
  await withoutAbortSignalAny(() => {
    const first = new AbortController();
    const second = new AbortController();
    const combined = anySignal([first.signal, second.signal]);
    assert.equal(combined.aborted, false);
    second.abort("second");
    first.abort("first");
    assert.equal(combined.reason, "second");
    assert.equal(anySignal([AbortSignal.abort("early"), second.signal]).reason, "early");
  });
});
