/**
 * Error codes a service answers when the request's time is off, as AWS SDK v3 lists them
 * (`CLOCK_SKEW_ERROR_CODES`).
 *
 * @example
 * ```ts
 * import { CLOCK_SKEW_ERROR_CODES } from "@iamfetch/iamfetch/http";
 * import { assert } from "@std/assert";
 *
 * assert(CLOCK_SKEW_ERROR_CODES.has("RequestTimeTooSkewed"));
 * ```
 */
export const CLOCK_SKEW_ERROR_CODES: ReadonlySet<string> = new Set([
  "AuthFailure",
  "InvalidSignatureException",
  "RequestExpired",
  "RequestInTheFuture",
  "RequestTimeTooSkewed",
  "SignatureDoesNotMatch",
]);

// The SDKs correct the clock only when it is off by 5 minutes or more: below that, a
// skew-looking error is a real signature problem and re-signing would not help.
const SKEW_THRESHOLD_MS = 5 * 60 * 1000;

/**
 * The offset between this machine's clock and a service's, learned from the `Date`
 * header of a skew error and applied to every later signature of the same client.
 *
 * @example
 * ```ts
 * import { ClockSkew } from "@iamfetch/iamfetch/http";
 * import { assert } from "@std/assert";
 *
 * const clock = new ClockSkew();
 * const serverDate = new Date(Date.now() + 3_600_000).toUTCString();
 * assert(clock.learnFrom("RequestTimeTooSkewed", { headers: new Headers({ date: serverDate }) }));
 * assert(clock.now().getTime() > Date.now() + 3_500_000);
 * ```
 */
export class ClockSkew {
  /** Milliseconds to add to the local clock to get the service's time. */
  offsetMs = 0;

  /** The time to sign with: now, corrected by the learned offset. */
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /**
   * Learns the offset from `response` when `code` is a clock-skew error and the server's
   * `Date` is 5 minutes or more away from our corrected time. Returns whether it changed,
   * i.e. whether re-signing is worth it.
   */
  learnFrom(code: string, response: Pick<Response, "headers">): boolean {
    if (!CLOCK_SKEW_ERROR_CODES.has(code)) return false;
    const header = response.headers.get("date");
    const serverTime = header === null ? NaN : Date.parse(header);
    if (Number.isNaN(serverTime)) return false;
    const offset = serverTime - Date.now();
    if (Math.abs(offset - this.offsetMs) < SKEW_THRESHOLD_MS) return false;
    this.offsetMs = offset;
    return true;
  }
}
