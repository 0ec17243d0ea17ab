import { readBoundedText } from "./bounded_text.ts";
import { bareErrorCode, errorCodeFromBody } from "./error_code.ts";
import { THROTTLING_ERROR_CODES, TRANSIENT_ERROR_CODES } from "./retry.ts";
import { parseXml, xmlText } from "./xml.ts";

/**
 * What {@linkcode AwsError} is made of.
 */
export interface AwsErrorInit {
  /** The AWS error code, e.g. `AccessDenied`, or `InvalidResponse` for an unreadable answer. */
  code: string;
  /** The service's message (never a secret of ours). */
  message: string;
  /** The HTTP status, or 0 when no response arrived. */
  status: number;
  /** The request id AWS assigned, for support cases. */
  requestId?: string;
  /** Whether sending the request again may succeed (throttling, 5xx, transient faults). */
  retryable: boolean;
  /** The underlying error, e.g. a network failure. */
  cause?: unknown;
}

/**
 * An error answered by an AWS service (or by the network on the way there), with AWS's
 * code, status and request id.
 *
 * @example
 * ```ts
 * import { AwsError } from "@iamfetch/iamfetch/http";
 * import { assert } from "@std/assert";
 *
 * const error = new AwsError({ code: "AccessDenied", message: "Not authorized", status: 403, retryable: false });
 * assert(error.name === "AwsError" && error.code === "AccessDenied");
 * ```
 */
export class AwsError extends Error {
  /** The AWS error code. */
  readonly code: string;
  /** The HTTP status, or 0 when no response arrived. */
  readonly status: number;
  /** The AWS request id, when the service sent one. */
  readonly requestId?: string;
  /** Whether a retry may succeed. */
  readonly retryable: boolean;

  /** Creates the error. */
  constructor(init: AwsErrorInit) {
    super(
      `${init.code}: ${init.message}`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.name = "AwsError";
    this.code = init.code;
    this.status = init.status;
    this.requestId = init.requestId;
    this.retryable = init.retryable;
  }
}

/** The most of an error body that is read; AWS error documents are a few hundred bytes. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** Whether an error with this code and status is worth retrying, by AWS SDK v3's standard rules. */
export function isRetryableError(code: string, status: number): boolean {
  return status >= 500 || status === 429 || THROTTLING_ERROR_CODES.has(code) ||
    TRANSIENT_ERROR_CODES.has(code);
}

/**
 * Reads an unsuccessful response into an {@linkcode AwsError}: Query/REST-XML
 * (`<ErrorResponse><Error>`, `<Error>`, EC2's `<Response><Errors><Error>`) and JSON
 * (`__type`/`code` and `message`) bodies. A body that is neither (an HTML page from a
 * proxy, say) becomes `InvalidResponse` naming the status and content type only.
 *
 * @example
 * ```ts
 * import { awsErrorFromResponse } from "@iamfetch/iamfetch/http";
 * import { assert } from "@std/assert";
 *
 * const response = new Response(
 *   "<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r-1</RequestId></ErrorResponse>",
 *   { status: 400 },
 * );
 * const error = await awsErrorFromResponse(response);
 * assert(error.code === "Throttling" && error.retryable && error.requestId === "r-1");
 * ```
 */
export async function awsErrorFromResponse(response: Response): Promise<AwsError> {
  const { status } = response;
  let requestId = response.headers.get("x-amzn-requestid") ??
    response.headers.get("x-amz-request-id") ?? undefined;
  const { text } = await readBoundedText(response.body, MAX_ERROR_BODY_BYTES);
  const body = text.trimStart();
  const errorType = response.headers.get("x-amzn-errortype");
  let code = errorType === null || errorType.trim() === "" ? undefined : bareErrorCode(errorType);
  let message: string | undefined;
  if (body.startsWith("<")) {
    try {
      const doc = parseXml(body);
      const error = [["ErrorResponse", "Error"], ["Error"], ["Response", "Errors", "Error"]]
        .find((path) => xmlText(doc, [...path, "Code"]) !== undefined);
      if (error) {
        code ??= xmlText(doc, [...error, "Code"]);
        message = xmlText(doc, [...error, "Message"]);
        requestId ??= xmlText(doc, ["ErrorResponse", "RequestId"]) ??
          xmlText(doc, ["Error", "RequestId"]) ?? xmlText(doc, ["Response", "RequestID"]);
      }
    } catch {
      // Not readable XML (HTML from a proxy, a cut-off body): handled below as InvalidResponse.
    }
  } else if (body.startsWith("{")) {
    code ??= errorCodeFromBody(body);
    try {
      const json = JSON.parse(body) as Record<string, unknown>;
      const found = Object.keys(json).find((key) => key.toLowerCase() === "message");
      if (found && typeof json[found] === "string") message = json[found] as string;
    } catch {
      // A cut-off JSON body keeps the code found textually.
    }
  }
  if (code === undefined) {
    const type = response.headers.get("content-type") ?? "no content type";
    return new AwsError({
      code: "InvalidResponse",
      message:
        `The service answered HTTP ${status} with a body that is not an AWS error (${type}).`,
      status,
      requestId,
      retryable: status >= 500 || status === 429,
    });
  }
  return new AwsError({
    code,
    message: message ?? `HTTP ${status}`,
    status,
    requestId,
    retryable: isRetryableError(code, status),
  });
}
