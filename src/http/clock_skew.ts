import { readBoundedText } from "../_shared/bounded_body.ts";
import { MAX_ERROR_BODY_BYTES, readErrorCode } from "./error_code.ts";

/**
 * Error codes a service answers when the request's time is off, as AWS SDK v3 lists them
 * (`CLOCK_SKEW_ERROR_CODES` in `@smithy/core`'s service error classification). Each is a
 * clock problem only when the server's time shows it: a `SignatureDoesNotMatch` from a
 * server whose clock agrees with ours is a wrong key.
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
  "AccessDeniedException",
  "AuthFailure",
  "InvalidSignatureException",
  "RequestExpired",
  "RequestInTheFuture",
  "RequestTimeTooSkewed",
  "SignatureDoesNotMatch",
]);

// AWS SDK v3 (`@aws-sdk/core`, AwsSdkSigV4Signer.errorHandler) corrects the clock when the
// offset it learns is 4 minutes or more away; below that a skew-looking error is a real
// signature problem and re-signing would not help. (Older SDK v3 releases used 5 minutes.)
const SKEW_THRESHOLD_MS = 4 * 60 * 1000;
// Like the SDK, a server time that took longer than this to arrive is not trusted.
const MAX_ROUND_TRIP_MS = 15 * 60 * 1000;

/**
 * What {@linkcode ClockSkew.prototype.learnFrom} may use besides the response headers.
 */
export interface SkewEvidence {
  /** The error body's text: S3 puts its time in `<ServerTime>`, which the SDK reads first. */
  errorBody?: string;
  /** When the request was sent, in epoch milliseconds; a slower round trip is ignored. */
  sentAt?: number;
}

/**
 * The offset between this machine's clock and a service's, learned from a clock-skew error
 * and applied to every later signature of the same client: the rule of AWS SDK v3, shared
 * by every sender here (`sendAwsRequest`, `AwsClient`).
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
   * Learns the offset when `code` is a clock-skew error and the server's time — S3's
   * `<ServerTime>` in the error body, else the `Date` header — is 4 minutes or more away
   * from our corrected time. As AWS SDK v3 does, a response with an `Age` header (served
   * from a cache) or one that arrived more than 15 minutes after the request was sent
   * teaches nothing. Returns whether the offset changed, i.e. whether re-signing is worth it.
   */
  learnFrom(
    code: string | undefined,
    response: Pick<Response, "headers">,
    evidence: SkewEvidence = {},
  ): boolean {
    if (code === undefined || !CLOCK_SKEW_ERROR_CODES.has(code)) return false;
    if (response.headers.has("age")) return false;
    const received = Date.now();
    if (evidence.sentAt !== undefined && received - evidence.sentAt > MAX_ROUND_TRIP_MS) {
      return false;
    }
    const serverTime = Date.parse(
      serverTimeElement(evidence.errorBody) ?? response.headers.get("date") ?? "",
    );
    if (Number.isNaN(serverTime)) return false;
    const offset = serverTime - received;
    if (Math.abs(offset - this.offsetMs) < SKEW_THRESHOLD_MS) return false;
    this.offsetMs = offset;
    return true;
  }

  /**
   * {@linkcode ClockSkew.prototype.learnFrom} for an error response whose body the caller
   * still wants: the code and the server time are read from a clone (at most 64 KiB).
   * Only a 4xx is read: services answer a skewed request with 400, 401 or 403.
   */
  async learnFromResponse(response: Response, sentAt?: number): Promise<boolean> {
    if (response.status < 400 || response.status >= 500) return false;
    const code = await readErrorCode(response);
    if (code === undefined || !CLOCK_SKEW_ERROR_CODES.has(code)) return false;
    let errorBody = "";
    if (response.body !== null && !response.bodyUsed) {
      try {
        errorBody = (await readBoundedText(response.clone().body, MAX_ERROR_BODY_BYTES)).text;
      } catch {
        // A body that fails to arrive leaves the Date header to go by.
      }
    }
    return this.learnFrom(code, response, { errorBody, sentAt });
  }
}

// The text of S3's `<ServerTime>2024-05-01T12:30:00Z</ServerTime>`, if any; scanned with
// indexOf (no backtracking on hostile bodies).
function serverTimeElement(body: string | undefined): string | undefined {
  if (body === undefined) return undefined;
  const open = body.indexOf("<ServerTime>");
  if (open === -1) return undefined;
  const start = open + "<ServerTime>".length;
  const end = body.indexOf("</ServerTime>", start);
  if (end === -1 || end - start > 64) return undefined;
  return body.slice(start, end).trim();
}
