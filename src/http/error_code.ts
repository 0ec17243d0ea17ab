import { readBoundedText } from "../_shared/bounded_body.ts";

/** How much of an error body {@linkcode readErrorCode} reads at most: 64 KiB. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * Reads the AWS error code of an error response: the code of a well-formed
 * `x-amzn-query-error` header or the `x-amzn-errortype` header when present, else the
 * `<Code>` of an XML body (S3, the Query protocol, EC2) or the `code` / `__type` member of
 * a JSON body (the JSON and REST-JSON protocols), read from a clone and at most
 * {@linkcode MAX_ERROR_BODY_BYTES} of it. `response` and its body stay unread for the
 * caller. Returns `undefined` when there is no recognisable code.
 *
 * @param response An error response.
 * @returns The bare error code, e.g. `ThrottlingException`.
 *
 * @example
 * ```ts
 * import { readErrorCode } from "@iamfetch/iamfetch/http";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const response = new Response(
 *   '{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException"}',
 *   { status: 400 },
 * );
 * assertEquals(await readErrorCode(response), "ProvisionedThroughputExceededException");
 * assert((await response.json()).__type.endsWith("Exception"));
 * ```
 */
export async function readErrorCode(response: Response): Promise<string | undefined> {
  const header = headerErrorCode(response.headers);
  if (header !== undefined) return header;
  if (response.body === null || response.bodyUsed) return undefined;
  let text: string;
  try {
    text = (await readBoundedText(response.clone().body, MAX_ERROR_BODY_BYTES)).text;
  } catch {
    // A body that fails to arrive has no code to tell; the caller sees the same failure.
    return undefined;
  }
  return errorCodeFromBody(text);
}

/**
 * Extracts the AWS error code from the text of an XML or JSON error body, or returns
 * `undefined`.
 *
 * @param text The body, or its first bytes.
 * @returns The bare error code.
 *
 * @example
 * ```ts
 * import { errorCodeFromBody } from "@iamfetch/iamfetch/http";
 * import { assertEquals } from "@std/assert";
 *
 * const xml = "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>";
 * assertEquals(errorCodeFromBody(xml), "SlowDown");
 * ```
 */
export function errorCodeFromBody(text: string): string | undefined {
  const body = text.trimStart();
  if (body.startsWith("{")) return jsonErrorCode(body);
  if (body.startsWith("<")) {
    // The first <Code> is the error's: <Error><Code> (S3, Query) or
    // <Response><Errors><Error><Code> (EC2).
    const code = xmlCodeText(body);
    return code === undefined ? undefined : bareErrorCode(code);
  }
  return undefined;
}

/**
 * The error code the headers give, or `undefined`. A query-compatible service (SQS on the
 * JSON protocol, say) names its former Query-protocol code in `x-amzn-query-error`
 * (`AWS.SimpleQueueService.NonExistentQueue;Sender`), which botocore's JSON parser and SDK
 * v3's query-compatible clients report in place of the JSON `__type`; otherwise
 * `x-amzn-errortype` (REST-JSON) names it.
 */
export function headerErrorCode(headers: Headers): string | undefined {
  const [queryCode, type, ...rest] = (headers.get("x-amzn-query-error") ?? "").split(";");
  if (queryCode.trim() !== "" && type !== undefined && rest.length === 0) return queryCode.trim();
  const errorType = headers.get("x-amzn-errortype");
  return errorType === null || errorType.trim() === "" ? undefined : bareErrorCode(errorType);
}

// The trimmed text of the first `<Code>…</Code>` holding 1 to 256 characters. Scanned with
// indexOf, not a regular expression: `/<Code>\s*([^<]{1,256}?)\s*<\/Code>/` backtracks in
// quadratic time on a `<Code>` followed by a long run of white space (8,000 spaces: 7 s).
function xmlCodeText(body: string): string | undefined {
  for (let at = body.indexOf("<Code>"); at !== -1; at = body.indexOf("<Code>", at + 1)) {
    const start = at + "<Code>".length;
    const end = body.indexOf("<", start);
    if (end === -1) return undefined;
    const text = body.slice(start, end).trim();
    if (body.startsWith("</Code>", end) && text.length >= 1 && text.length <= 256) return text;
  }
  return undefined;
}

function jsonErrorCode(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    // Cut off at the read limit or malformed: look for the members textually.
    const code = /"(?:code|__type)"\s*:\s*"([^"\\]{1,256})"/i.exec(body)?.[1];
    return code === undefined ? undefined : bareErrorCode(code);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return undefined;
  // As AWS SDK v3's REST-JSON error parsing: `code` before `__type`, names matched
  // without regard to case.
  const record = parsed as Record<string, unknown>;
  for (const wanted of ["code", "__type"]) {
    const key = Object.keys(record).find((name) => name.toLowerCase() === wanted);
    const value = key === undefined ? undefined : record[key];
    if (typeof value === "string" && value !== "") return bareErrorCode(value);
  }
  return undefined;
}

/**
 * The SDKs' sanitizeErrorCode: "ThrottlingException:http://internal.amazon.com/coral/..."
 * and "aws.protocoltests#ThrottlingException" both mean ThrottlingException.
 */
export function bareErrorCode(raw: string): string {
  let code = raw.split(",")[0].split(":")[0];
  const hash = code.indexOf("#");
  if (hash !== -1) code = code.slice(hash + 1);
  return code.trim();
}
