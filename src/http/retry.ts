import { readErrorCode } from "./error_code.ts";

/**
 * The error codes AWS services use for throttling, retried whatever the HTTP status: AWS
 * SDK v3's standard retry mode list (`THROTTLING_ERROR_CODES` in
 * `@smithy/service-error-classification`).
 *
 * @example
 * ```ts
 * import { THROTTLING_ERROR_CODES } from "@iamfetch/iamfetch/http";
 * import { assert } from "@std/assert";
 *
 * assert(THROTTLING_ERROR_CODES.has("SlowDown"));
 * ```
 */
export const THROTTLING_ERROR_CODES: ReadonlySet<string> = new Set([
  "BandwidthLimitExceeded",
  "EC2ThrottledException",
  "LimitExceededException",
  "PriorRequestNotComplete",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "ThrottledException",
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException",
  "TransactionInProgressException",
]);

/**
 * Server-side timeouts that AWS SDK v3's standard mode also retries (`TRANSIENT_ERROR_CODES`),
 * e.g. S3's `400 RequestTimeout` when an upload stalled.
 *
 * @example
 * ```ts
 * import { TRANSIENT_ERROR_CODES } from "@iamfetch/iamfetch/http";
 * import { assert } from "@std/assert";
 *
 * assert(TRANSIENT_ERROR_CODES.has("RequestTimeout"));
 * ```
 */
export const TRANSIENT_ERROR_CODES: ReadonlySet<string> = new Set([
  "RequestTimeout",
  "RequestTimeoutException",
]);

/**
 * The wait before retry number `attempt` (0 for the first retry), with "full jitter":
 * a uniformly random time up to `min(capMs, baseMs * 2 ** attempt)`, which spreads the
 * retries of many clients instead of synchronising them (AWS Architecture Blog,
 * "Exponential Backoff And Jitter").
 *
 * @param attempt The number of retries made so far.
 * @param baseMs The upper bound of the first wait.
 * @param capMs The largest upper bound, however many retries.
 * @param random A source of numbers in [0, 1); injectable for tests.
 * @returns The delay in milliseconds, in `[0, min(capMs, baseMs * 2 ** attempt))`.
 *
 * @example
 * ```ts
 * import { backoffDelay } from "@iamfetch/iamfetch/http";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(backoffDelay(3, 50, 20_000, () => 0.5), 200);
 * assertEquals(backoffDelay(30, 50, 20_000, () => 0.5), 10_000);
 * ```
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  return random() * Math.min(capMs, baseMs * 2 ** attempt);
}

/**
 * Whether an error answered with `status` and, when the answer named one, error `code` is
 * worth retrying, by AWS SDK v3's standard rules: every 5xx, 429, and a throttling or
 * transient code whatever the status.
 */
export function isRetryableError(status: number, code?: string): boolean {
  return status >= 500 || status === 429 ||
    (code !== undefined && (THROTTLING_ERROR_CODES.has(code) || TRANSIENT_ERROR_CODES.has(code)));
}

/**
 * Whether an AWS response is worth retrying: every 5xx, 429, and a 4xx whose error code
 * (from `x-amzn-errortype` or, read from a clone of the body, XML `<Code>` / JSON
 * `__type` or `code`) is a throttling or transient code. Any other 4xx is final. The
 * response body stays unread for the caller.
 *
 * @param response The response to classify.
 * @returns `true` when the same request may succeed if sent again.
 *
 * @example
 * ```ts
 * import { isRetryableResponse } from "@iamfetch/iamfetch/http";
 * import { assert } from "@std/assert";
 *
 * const throttled = new Response("<Error><Code>SlowDown</Code></Error>", { status: 400 });
 * assert(await isRetryableResponse(throttled));
 * assert((await throttled.text()).includes("SlowDown"));
 * assert(!(await isRetryableResponse(new Response(null, { status: 404 }))));
 * ```
 */
export async function isRetryableResponse(response: Response): Promise<boolean> {
  const { status } = response;
  if (status < 400) return false;
  // The body is read only when the status alone does not decide.
  if (isRetryableError(status)) return true;
  return isRetryableError(status, await readErrorCode(response));
}

/**
 * Whether an error thrown by `fetch` is worth retrying: a `TypeError`, which is how
 * `fetch` reports network failures (refused or reset connections, DNS and TLS failures).
 * An abort (`AbortError`, `TimeoutError`) is not.
 *
 * @param error What `fetch` rejected with.
 * @returns `true` for a network failure.
 *
 * @example
 * ```ts
 * import { isRetryableFetchError } from "@iamfetch/iamfetch/http";
 * import { assert } from "@std/assert";
 *
 * assert(isRetryableFetchError(new TypeError("fetch failed")));
 * assert(!isRetryableFetchError(new DOMException("stopped", "AbortError")));
 * ```
 */
export function isRetryableFetchError(error: unknown): boolean {
  return error instanceof TypeError;
}
