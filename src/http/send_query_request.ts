import type { XmlNode } from "../_shared/xml/parse.ts";
import { AwsError } from "./errors.ts";
import { queryBody, type QueryValue } from "./query_body.ts";
import { queryResult } from "./query_result.ts";
import { readAnswerText } from "./read_answer_text.ts";
import { sendAwsRequest, type SendOptions } from "./send_aws_request.ts";

/** One call of an AWS Query-protocol API (STS, IAM, Redshift, …). */
export interface QueryRequest {
  /** The service's endpoint. */
  endpoint: URL;
  /** The service's name, for error messages (`STS`, `Redshift`). */
  serviceName: string;
  /** The API version, e.g. `2011-06-15`. */
  version: string;
  /** The action, e.g. `AssumeRole`. */
  action: string;
  /** The action's parameters. */
  params: Readonly<Record<string, QueryValue>>;
}

// Query-protocol answers are a few KB; the cap keeps a hostile or broken endpoint from
// making the client buffer more.
const MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * Sends a Query-protocol call (a form-encoded POST) through {@linkcode sendAwsRequest} and
 * returns the `<ActionResult>` of the successful answer ({@linkcode queryResult}), read up
 * to 1 MiB (a body that breaks off or stalls is a retryable `NetworkingError` /
 * `TimeoutError`), with the answer's request id.
 */
export async function sendQueryRequest(
  query: QueryRequest,
  options: SendOptions,
): Promise<{ result: XmlNode; requestId?: string }> {
  const request = new Request(query.endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body: queryBody(query.action, query.version, query.params),
  });
  const response = await sendAwsRequest(request, options);
  const requestId = response.headers.get("x-amzn-requestid") ?? undefined;
  const { text, truncated } = await readAnswerText(
    response,
    MAX_RESPONSE_BYTES,
    `${query.serviceName} ${query.action}`,
  );
  if (truncated) {
    throw new AwsError({
      code: "InvalidResponse",
      message:
        `${query.serviceName} ${query.action} answered with more than ${MAX_RESPONSE_BYTES} bytes.`,
      status: response.status,
      requestId,
      retryable: false,
    });
  }
  return { result: queryResult(query.serviceName, query.action, text, requestId), requestId };
}
