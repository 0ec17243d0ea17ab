/** A token and when it stops being valid (milliseconds since the epoch), if known. */
export interface ExpiringToken {
  /** The token. */
  readonly token: string;
  /** When the token expires; `undefined` when unknown (the token is then not reused). */
  readonly expiresAt?: number;
}

/** Tokens are replaced this long before they expire, as AWS SDKs refresh credentials. */
export const TOKEN_REFRESH_BEFORE_MS = 5 * 60_000;

/**
 * Wraps `obtain` so its token is reused until {@linkcode TOKEN_REFRESH_BEFORE_MS} before its
 * expiry, and concurrent callers share one request. A failed request is not cached.
 */
export function cachedTokenSource(
  obtain: () => Promise<ExpiringToken>,
  now: () => number = Date.now,
): () => Promise<string> {
  let cached: ExpiringToken | undefined;
  let pending: Promise<ExpiringToken> | undefined;
  return async () => {
    if (cached?.expiresAt !== undefined && cached.expiresAt - TOKEN_REFRESH_BEFORE_MS > now()) {
      return cached.token;
    }
    pending ??= obtain().finally(() => pending = undefined);
    cached = await pending;
    return cached.token;
  };
}
