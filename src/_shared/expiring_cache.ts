/** Values are replaced this long before they expire, as AWS SDK v3 refreshes credentials. */
export const DEFAULT_REFRESH_BEFORE_MS = 5 * 60_000;

/** How {@linkcode expiringCache} keeps a value. */
export interface ExpiringCacheOptions<T> {
  /** When `value` stops being valid, in milliseconds since the epoch; `undefined` if unknown. */
  expiresAt(value: T): number | undefined;
  /**
   * What a value of unknown expiry is worth: `"forever"` keeps it for good (credentials
   * without an expiration); `"once"` serves it to the callers of its one load only, so the
   * next call loads again (a token that may expire at any time).
   */
  unknownExpiry: "forever" | "once";
  /** Load a new value this long before the cached one expires. Default 5 minutes. */
  refreshBeforeMs?: number;
  /**
   * Static stability, as botocore's advisory refresh: when given, a load that fails while
   * the cached value is still valid serves the cached value, and the next load waits this
   * long. When not given, every call inside the refresh window loads, and its failure
   * reaches the caller.
   */
  retryAfterMs?: number;
  /** The clock, in milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/**
 * Wraps `load` in a single-flight cache of an expiring value: the value is reused until it
 * comes within `refreshBeforeMs` of its expiry, then loaded anew; however many callers
 * arrive while a load is under way, they all wait for that one load. A failed load is
 * never cached: the next call tries again (after `retryAfterMs` when the old value is still
 * served).
 */
export function expiringCache<T>(
  load: () => Promise<T>,
  options: ExpiringCacheOptions<T>,
): () => Promise<T> {
  const refreshBeforeMs = options.refreshBeforeMs ?? DEFAULT_REFRESH_BEFORE_MS;
  const { retryAfterMs } = options;
  const now = options.now ?? Date.now;
  let cached: { value: T; expiresAt: number | undefined } | undefined;
  let inFlight: Promise<T> | undefined;
  let nextAttemptAt = -Infinity;

  // Whether a value expiring at `expiresAt` is reused as it is.
  const reusable = (expiresAt: number | undefined) =>
    expiresAt === undefined
      ? options.unknownExpiry === "forever"
      : expiresAt - now() > refreshBeforeMs;

  const reload = (): Promise<T> => {
    if (inFlight !== undefined) return inFlight;
    const attempt = (async () => {
      const value = await load();
      const expiresAt = options.expiresAt(value);
      cached = { value, expiresAt };
      // The pause between attempts is for a failing source, or for one whose fresh value
      // already falls inside the window; otherwise the next window's load must not wait
      // for it (short-lived values would run out first).
      if (reusable(expiresAt)) nextAttemptAt = -Infinity;
      return value;
    })();
    // Cleared before any caller resumes (registered first), also when `load` throws at once.
    const clear = () => {
      if (inFlight === attempt) inFlight = undefined;
    };
    inFlight = attempt;
    attempt.then(clear, clear);
    return attempt;
  };

  return async () => {
    const current = cached;
    if (current !== undefined && reusable(current.expiresAt)) return current.value;
    const expiresAt = current?.expiresAt;
    if (
      current === undefined || expiresAt === undefined || expiresAt <= now() ||
      retryAfterMs === undefined
    ) {
      return await reload();
    }
    // Within the refresh window, still valid.
    if (inFlight === undefined && now() < nextAttemptAt) return current.value;
    if (inFlight === undefined) nextAttemptAt = now() + retryAfterMs;
    try {
      return await reload();
    } catch (error) {
      if (expiresAt > now()) return current.value;
      throw error;
    }
  };
}
