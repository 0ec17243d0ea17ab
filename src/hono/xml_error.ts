import { escapeXml } from "../_shared/xml/escape.ts";

/**
 * What {@linkcode xmlErrorResponse} answers with.
 */
export interface XmlErrorInit {
  /** The HTTP status. */
  status: number;
  /** The AWS error code, e.g. `SignatureDoesNotMatch`. */
  code: string;
  /** A message for the client; must never contain a secret or an expected signature. */
  message: string;
  /** The request id; a random UUID by default. */
  requestId?: string;
  /** Header names for S3's `<HeadersNotSigned>` element (unsigned `x-amz-*` headers). */
  headersNotSigned?: string[];
}

/**
 * An AWS error response in S3's XML shape (`<Error><Code>…</Code><Message>…</Message>
 * <RequestId>…</RequestId></Error>`), which the AWS SDKs and the AWS CLI parse for S3 and,
 * by its `Code`, for other XML services too.
 *
 * @example
 * ```ts
 * import { xmlErrorResponse } from "@iamfetch/iamfetch/hono";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const response = xmlErrorResponse({ status: 403, code: "AccessDenied", message: "Access Denied" });
 * assertEquals(response.status, 403);
 * assert((await response.text()).includes("<Code>AccessDenied</Code>"));
 * ```
 */
export function xmlErrorResponse(error: XmlErrorInit): Response {
  const requestId = error.requestId ?? crypto.randomUUID();
  const body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error>' +
    `<Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message>` +
    (error.headersNotSigned === undefined
      ? ""
      : `<HeadersNotSigned>${escapeXml(error.headersNotSigned.join(", "))}</HeadersNotSigned>`) +
    `<RequestId>${escapeXml(requestId)}</RequestId></Error>`;
  return new Response(body, {
    status: error.status,
    headers: { "content-type": "application/xml", "x-amz-request-id": requestId },
  });
}
