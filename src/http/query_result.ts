import { AwsError } from "./errors.ts";
import { parseXml, type XmlNode, XmlParseError } from "../_shared/xml/parse.ts";

/**
 * The `InvalidResponse` error of a successful answer that lacks a part: `what` names the
 * part (`an <AssumeRoleResult>`, `complete <Credentials>`), never a value of the answer.
 */
export function answeredWithout(
  serviceName: string,
  action: string,
  requestId: string | undefined,
  what: string,
): AwsError {
  return new AwsError({
    code: "InvalidResponse",
    message: `${serviceName} ${action} answered without ${what}.`,
    status: 200,
    requestId,
    retryable: false,
  });
}

/**
 * The `<Action>Result` element of a successful AWS Query-protocol answer
 * (`<ActionResponse><ActionResult>…`, STS, Redshift, IAM), read from its XML text. An
 * answer that is not such XML is an `InvalidResponse` {@linkcode AwsError} (see
 * {@linkcode answeredWithout}).
 *
 * @param serviceName The service, for the message (`STS`, `Redshift`).
 * @param action The action called, e.g. `AssumeRole`.
 * @param xml The answer's body.
 * @param requestId The answer's request id, carried by the error.
 */
export function queryResult(
  serviceName: string,
  action: string,
  xml: string,
  requestId?: string,
): XmlNode {
  let doc;
  try {
    doc = parseXml(xml);
  } catch (error) {
    if (!(error instanceof XmlParseError)) throw error;
    throw answeredWithout(serviceName, action, requestId, `its XML (${error.message})`);
  }
  const response = doc[`${action}Response`];
  const result = response && !Array.isArray(response) && typeof response === "object"
    ? response[`${action}Result`]
    : undefined;
  if (result === undefined || Array.isArray(result)) {
    throw answeredWithout(serviceName, action, requestId, `an <${action}Result>`);
  }
  return result;
}
