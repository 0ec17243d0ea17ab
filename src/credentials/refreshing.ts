import type { CredentialProvider } from "../sigv4/credentials.ts";
import { expiringCache } from "../_shared/expiring_cache.ts";
import { toSafeCredentials } from "./redacted_credentials.ts";

/**
 * Options of {@linkcode refreshing}.
 */
export interface RefreshingOptions {
  /** Refresh credentials this long before they expire. Default: 5 minutes, as AWS SDK v3. */
  refreshBeforeMs?: number;
  /**
   * After a refresh attempt made while the cached credentials were still valid, wait this
   * long before the next one (so a failing source is not hammered). Default: 30 seconds.
   */
  retryAfterMs?: number;
  /** The clock, in milliseconds since the epoch. Default: `Date.now`. */
  now?: () => number;
}

/**
 * Wraps `provider` in a cache: credentials are reused until they come within
 * `refreshBeforeMs` of their expiration (forever when they have none), then refreshed.
 *
 * - Single flight: however many callers arrive while a call to `provider` is under way,
 *   they all wait for that one call.
 * - Static stability: when a refresh fails while the cached credentials are still valid,
 *   callers get the cached credentials, and the next attempt waits `retryAfterMs`. Only
 *   when the cached credentials have truly expired (or there are none) does a failure reach
 *   the caller — the provider's own error, rethrown.
 *
 * Credentials are cached with their secrets redacted from logs (see `toSafeCredentials`).
 *
 * AWS SDK v3's `memoize` also refreshes 5 minutes early, but fails the callers when that
 * early refresh fails; this keeps serving, as botocore's advisory refresh does.
 *
 * @param provider The source of credentials, e.g. an STS call.
 * @param options The refresh window, retry wait and clock.
 *
 * @example
 * ```ts
 * import { refreshing } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * let calls = 0;
 * const provider = refreshing(() => {
 *   calls++;
 *   return Promise.resolve({
 *     accessKeyId: "AKIDEXAMPLE",
 *     secretAccessKey: "secret",
 *     expiration: new Date(Date.now() + 3600_000),
 *   });
 * });
 * await Promise.all([provider(), provider(), provider()]);
 * await provider();
 * assertEquals(calls, 1);
 * ```
 */
export function refreshing(
  provider: CredentialProvider,
  options: RefreshingOptions = {},
): CredentialProvider {
  return expiringCache(async () => toSafeCredentials(await provider()), {
    expiresAt: (credentials) => credentials.expiration?.getTime(),
    unknownExpiry: "forever",
    refreshBeforeMs: options.refreshBeforeMs,
    retryAfterMs: options.retryAfterMs ?? 30_000,
    now: options.now,
  });
}
