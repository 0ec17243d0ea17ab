import { IamfetchError } from "../_shared/iamfetch_error.ts";
import { readBoundedText } from "../_shared/bounded_body.ts";
import {
  bareErrorCode,
  errorCodeFromBody,
  headerErrorCode,
  MAX_ERROR_BODY_BYTES,
} from "./error_code.ts";
import { isRetryableError } from "./retry.ts";
import { parseXml, xmlText } from "../_shared/xml/parse.ts";

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
 * assert(error.message === "AccessDenied: Not authorized");
 * ```
 */
export class AwsError extends IamfetchError {
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

/**
 * Reads an unsuccessful response into an {@linkcode AwsError}, whatever its content type,
 * as botocore's response parsers do: XML whose root is `<Error>` (S3) or holds `<Error>`
 * (`<ErrorResponse><Error>`: STS, Query services, Route 53) or `<Errors><Error>`
 * (`<ErrorResponse><Errors>`: older Query services and moto; `<Response><Errors>`: EC2);
 * JSON with `code` or `__type` and `message` / `Message`; the code of the
 * `x-amzn-query-error` or `x-amzn-errortype` header first. A body that is none of these (an
 * HTML page from a proxy, say) becomes `InvalidResponse` naming the status and content
 * type only; botocore names such an error after the HTTP status instead.
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
  const { text } = await readBoundedText(response.body, MAX_ERROR_BODY_BYTES);
  const body = text.trimStart();
  const details = body.startsWith("<")
    ? xmlErrorDetails(body)
    : body.startsWith("{")
    ? jsonErrorDetails(body)
    : {};
  const code = headerErrorCode(response.headers) ?? details.code;
  const requestId = response.headers.get("x-amzn-requestid") ??
    response.headers.get("x-amz-request-id") ?? details.requestId;
  if (code === undefined) {
    const type = response.headers.get("content-type") ?? "no content type";
    return new AwsError({
      code: "InvalidResponse",
      message:
        `The service answered HTTP ${status} with a body that is not an AWS error (${type}).`,
      status,
      requestId,
      retryable: isRetryableError(status),
    });
  }
  return new AwsError({
    code,
    message: details.message ?? `The service answered HTTP ${status} without a message.`,
    status,
    requestId,
    retryable: isRetryableError(status, code),
  });
}

/** What an error body says about itself. */
interface ErrorDetails {
  code?: string;
  message?: string;
  requestId?: string;
}

/**
 * An XML error body read as botocore's Query, EC2 and REST-XML parsers read it: the error
 * is the root when the root is `<Error>`, else the root's `<Error>` or `<Errors><Error>`
 * child, whatever the root is called; the request id is the root's `RequestId` (EC2:
 * `RequestID`).
 */
function xmlErrorDetails(body: string): ErrorDetails {
  let doc: ReturnType<typeof parseXml>;
  try {
    doc = parseXml(body);
  } catch {
    // Not readable XML (HTML from a proxy, a cut-off body): the caller's InvalidResponse.
    return {};
  }
  const [root] = Object.keys(doc);
  const error = [[root], [root, "Error"], [root, "Errors", "Error"]]
    .find((path) => (path.length > 1 || root === "Error") && xmlText(doc, [...path, "Code"]));
  if (error === undefined) return {};
  const code = xmlText(doc, [...error, "Code"]);
  return {
    code: code === undefined ? undefined : bareErrorCode(code),
    message: xmlText(doc, [...error, "Message"]),
    requestId: xmlText(doc, [root, "RequestId"]) ?? xmlText(doc, [root, "RequestID"]),
  };
}

/**
 * A JSON error body: the code as {@linkcode errorCodeFromBody} finds it (`code`, then
 * `__type`), the message in `message` or `Message` as botocore looks for it.
 */
function jsonErrorDetails(body: string): ErrorDetails {
  const code = errorCodeFromBody(body);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    // A cut-off JSON body keeps the code found textually.
    return { code };
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) return { code };
  const record = json as Record<string, unknown>;
  const message = [record.message, record.Message].find((value) => typeof value === "string");
  return { code, message: message as string | undefined };
}
