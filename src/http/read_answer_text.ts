import { AwsError } from "./errors.ts";
import { type BoundedText, readBoundedText } from "../_shared/bounded_body.ts";

/**
 * Reads a successful answer's body like {@linkcode readBoundedText}, but a body that breaks
 * off (the connection dropped midway) or stalls past the attempt's timeout becomes a
 * retryable {@linkcode AwsError} — `NetworkingError` or `TimeoutError`, as when no answer
 * arrived — instead of the runtime's bare `TypeError` or `DOMException`. The caller's own
 * abort passes through unchanged. `what` names the call in the message, e.g. `STS AssumeRole`.
 */
export async function readAnswerText(
  response: Response,
  limit: number,
  what: string,
): Promise<BoundedText> {
  try {
    return await readBoundedText(response.body, limit);
  } catch (cause) {
    const timedOut = cause instanceof DOMException && cause.name === "TimeoutError";
    if (!timedOut && !(cause instanceof TypeError)) throw cause;
    throw new AwsError({
      code: timedOut ? "TimeoutError" : "NetworkingError",
      message: timedOut
        ? `${what}: the answer's body took longer than the timeout and was aborted.`
        : `${what}: the answer's body broke off before its end (${cause.name}).`,
      status: response.status,
      requestId: response.headers.get("x-amzn-requestid") ?? undefined,
      retryable: true,
      cause,
    });
  }
}
