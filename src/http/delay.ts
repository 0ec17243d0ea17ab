/**
 * Options of {@linkcode delay}.
 */
export interface DelayOptions {
  /** Aborting it ends the wait at once, rejecting with the signal's reason. */
  signal?: AbortSignal | null;
}

/**
 * Resolves after `ms` milliseconds, or rejects with `signal.reason` as soon as `signal`
 * aborts (at once when it already has). The timer is always cleared, so an aborted wait
 * leaves nothing pending.
 *
 * @param ms How long to wait, in milliseconds.
 * @param options An optional abort signal.
 *
 * @example
 * ```ts
 * import { delay } from "@iamfetch/iamfetch/http";
 * import { assertEquals, assertRejects } from "@std/assert";
 *
 * const controller = new AbortController();
 * const waiting = delay(60_000, { signal: controller.signal });
 * controller.abort();
 * const error = await assertRejects(() => waiting);
 * assertEquals(error.name, "AbortError");
 * ```
 */
export function delay(ms: number, options: DelayOptions = {}): Promise<void> {
  const { signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
