/** Fields of an AWS Query-protocol error (STS, IAM, Redshift, …). */
export interface AwsErrorInit {
  /** The HTTP status. */
  status: number;
  /** The AWS error code, e.g. `SignatureDoesNotMatch`. */
  code: string;
  /** The human-readable message. */
  message: string;
  /** `Sender` for the client's fault; defaults to `Receiver` for 5xx statuses, else `Sender`. */
  type?: "Sender" | "Receiver";
  /** Extra headers, e.g. `retry-after`. */
  headers?: Readonly<Record<string, string>>;
}

// The library's own escaping: the emulator writes the XML the client reads.
export { escapeXml } from "../../src/_shared/xml/escape.ts";
import { escapeXml } from "../../src/_shared/xml/escape.ts";

/**
 * The error body AWS Query services send, byte for byte in the shape STS uses, so the
 * client's XML error parser is tested against the real format.
 */
export function awsErrorXml(requestId: string, error: AwsErrorInit): string {
  const type = error.type ?? (error.status >= 500 ? "Receiver" : "Sender");
  return '<?xml version="1.0" encoding="UTF-8"?>' +
    '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">' +
    `<Error><Type>${type}</Type><Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`;
}

/** A `text/xml` error response carrying {@linkcode awsErrorXml} and `x-amzn-RequestId`. */
export function awsErrorResponse(requestId: string, error: AwsErrorInit): Response {
  return new Response(awsErrorXml(requestId, error), {
    status: error.status,
    headers: {
      ...error.headers,
      "content-type": "text/xml",
      "x-amzn-RequestId": requestId,
    },
  });
}

/**
 * An AWS error thrown by a service handler (e.g. a failed parameter check) and answered
 * by its route with {@linkcode awsErrorResponse}.
 *
 * @example
 * ```ts
 * throw new AwsServiceError({ status: 403, code: "AccessDenied", message: "Not authorized" });
 * ```
 */
export class AwsServiceError extends Error {
  /** The status, code and message to answer with. */
  readonly init: AwsErrorInit;

  /** Wraps `init`; the message is also the `Error` message. */
  constructor(init: AwsErrorInit) {
    super(init.message);
    this.name = "AwsServiceError";
    this.init = init;
  }
}
