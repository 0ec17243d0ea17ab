import { anySignal } from "./_abort_signals.ts";
import { AwsError, awsErrorFromResponse } from "./errors.ts";
import { ClockSkew } from "./clock_skew.ts";
import { delay } from "./delay.ts";
import { backoffDelay, isRetryableFetchError, THROTTLING_ERROR_CODES } from "./retry.ts";

/**
 * What signs each attempt of {@linkcode sendAwsRequest}: a `SigV4Signer`, or any signer with
 * the same `sign` (the X.509 signer of IAM Roles Anywhere), so that every signed call gets
 * the clock-skew correction.
 *
 * @example
 * ```ts
 * import type { RequestSigner } from "@iamfetch/iamfetch/http";
 * import { SigV4Signer } from "@iamfetch/iamfetch/sigv4";
 * import { assert } from "@std/assert";
 *
 * const signer: RequestSigner = new SigV4Signer({
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   region: "us-east-1",
 *   service: "sts",
 * });
 * const signed = await signer.sign(new Request("https://sts.amazonaws.com/"), { date: new Date() });
 * assert(signed.headers.has("authorization"));
 * ```
 */
export interface RequestSigner {
  /** Returns a signed copy of `request`, dated `options.date`. */
  sign(request: Request, options: { date?: Date }): Promise<Request>;
}

/**
 * How {@linkcode sendAwsRequest} sends: the AWS SDKs' "standard" retry mode by default.
 */
export interface SendOptions {
  /** Signs each attempt; omit for unsigned calls (IMDS, AssumeRoleWithWebIdentity, …). */
  signer?: RequestSigner;
  /** The fetch to use (mutual TLS, proxies, test doubles); defaults to the global one. */
  fetch?: typeof fetch;
  /** Attempts in all, the first included. Defaults to 3, as the AWS SDKs. */
  maxAttempts?: number;
  /** Milliseconds each attempt may take before it is aborted and retried. Defaults to 30 s. */
  timeoutMs?: number;
  /** The client's learned clock offset, shared by its calls. */
  clock?: ClockSkew;
  /** Aborts the whole call, retries and waits included. */
  signal?: AbortSignal;
  /** Base of the exponential backoff in ms (100, or 500 after throttling, as the SDKs). */
  baseDelayMs?: number;
}

const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_BASE_DELAY_MS = 100;
const THROTTLING_BASE_DELAY_MS = 500;
const MAX_BACKOFF_MS = 20_000;

/**
 * Sends `request` to an AWS service: signs each attempt with a fresh (skew-corrected)
 * date, times out each attempt, retries 5xx, 429, throttling, transient and network
 * errors with full-jitter exponential backoff, re-signs once after a clock-skew error
 * using the server's `Date`, and turns every failure into an {@linkcode AwsError}.
 * Returns the successful (2xx) response.
 *
 * @example
 * ```ts
 * import { sendAwsRequest } from "@iamfetch/iamfetch/http";
 * import { SigV4Signer } from "@iamfetch/iamfetch/sigv4";
 * import { assertEquals, assertMatch } from "@std/assert";
 *
 * const signer = new SigV4Signer({
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   region: "us-east-1",
 *   service: "sts",
 * });
 * // The service is busy once (503), then answers: the call is retried, each attempt signed.
 * const sent: Request[] = [];
 * const fetch = (input: RequestInfo | URL) => {
 *   sent.push(input as Request);
 *   const busy = sent.length === 1;
 *   return Promise.resolve(new Response(busy ? "busy" : "<GetCallerIdentityResponse/>", { status: busy ? 503 : 200 }));
 * };
 * const request = new Request("https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15");
 * const response = await sendAwsRequest(request, { signer, fetch, baseDelayMs: 1 });
 * assertEquals(await response.text(), "<GetCallerIdentityResponse/>");
 * assertEquals(sent.length, 2);
 * for (const attempt of sent) {
 *   assertMatch(attempt.headers.get("authorization")!, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/sts\//);
 * }
 * ```
 */
export async function sendAwsRequest(
  request: Request,
  options: SendOptions = {},
): Promise<Response> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be a positive integer, got ${String(maxAttempts)}.`);
  }
  const clock = options.clock ?? new ClockSkew();
  const callerSignal = options.signal ?? request.signal;
  // Bodies of AWS API calls are small: read once so that every attempt can resend it.
  const body = request.body === null ? null : await request.arrayBuffer();
  let skewCorrected = false;
  for (let attempt = 1;; attempt++) {
    callerSignal.throwIfAborted();
    const signal = anySignal([
      callerSignal,
      AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    ]);
    const unsigned = new Request(request, { body, signal });
    const outgoing = options.signer
      ? await options.signer.sign(unsigned, { date: clock.now() })
      : unsigned;
    let error: AwsError;
    const sentAt = Date.now();
    try {
      const response = await doFetch(outgoing);
      if (response.ok) return response;
      error = await awsErrorFromResponse(response);
      if (!skewCorrected && options.signer && clock.learnFrom(error.code, response, { sentAt })) {
        skewCorrected = true;
        attempt--; // a re-sign with the corrected clock is not a retry
        continue;
      }
    } catch (cause) {
      if (callerSignal.aborted) throw callerSignal.reason;
      error = networkError(cause, signal);
    }
    if (!error.retryable || attempt >= maxAttempts) throw error;
    const base = options.baseDelayMs ??
      (THROTTLING_ERROR_CODES.has(error.code) ? THROTTLING_BASE_DELAY_MS : DEFAULT_BASE_DELAY_MS);
    await delay(backoffDelay(attempt - 1, base, MAX_BACKOFF_MS), { signal: callerSignal });
  }
}

function networkError(cause: unknown, signal: AbortSignal): AwsError {
  if (signal.aborted) {
    return new AwsError({
      code: "TimeoutError",
      message: "The attempt took longer than its timeout and was aborted.",
      status: 0,
      retryable: true,
      cause,
    });
  }
  return new AwsError({
    code: "NetworkingError",
    message: `The request could not be sent (${cause instanceof Error ? cause.name : "error"}).`,
    status: 0,
    retryable: isRetryableFetchError(cause),
    cause,
  });
}
