import { expiringCache } from "./expiring_cache.ts";

/** A token and when it stops being valid (milliseconds since the epoch), if known. */
export interface ExpiringToken {
  /** The token. */
  readonly token: string;
  /** When the token expires; `undefined` when unknown (the token is then not reused). */
  readonly expiresAt?: number;
}

/**
 * Wraps `obtain` in an {@linkcode expiringCache}: its token is reused until 5 minutes before
 * its expiry (never when the expiry is unknown), and concurrent callers share one request.
 * A failed request reaches the callers and is not cached: the next call asks again.
 */
export function cachedTokenSource(
  obtain: () => Promise<ExpiringToken>,
  now: () => number = Date.now,
): () => Promise<string> {
  const cached = expiringCache(obtain, {
    expiresAt: (token) => token.expiresAt,
    unknownExpiry: "once",
    now,
  });
  return async () => (await cached()).token;
}
