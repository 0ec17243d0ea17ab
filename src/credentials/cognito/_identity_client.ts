import { readAnswerText } from "../../http/read_answer_text.ts";
import { sendAwsRequest } from "../../http/send_aws_request.ts";
import { CredentialsProviderError } from "../errors.ts";
import { parseJsonObject } from "../../_shared/json_object.ts";

/**
 * Where and how Amazon Cognito Identity is called.
 */
export interface CognitoIdentityOptions {
  /** The identity pool's region. */
  region: string;
  /** The endpoint; default `https://cognito-identity.<region>.amazonaws.com`. */
  endpoint?: string;
  /** The fetch to use. */
  fetch?: typeof fetch;
}

/**
 * Calls a Cognito Identity operation (`AWSCognitoIdentityService.<operation>`, AWS JSON
 * 1.1) unsigned — `GetId` and `GetCredentialsForIdentity` need no credentials, and AWS SDK
 * v3 sends them unsigned too — and returns the answer's JSON object. A refusal is the
 * `AwsError` of `sendAwsRequest` (`code` e.g. `ResourceNotFoundException`).
 *
 * @example
 * ```ts
 * import { callCognitoIdentity } from "./_identity_client.ts";
 * import { assertEquals } from "@std/assert";
 *
 * const fetch = (input: RequestInfo | URL) =>
 *   Promise.resolve(Response.json({ IdentityId: (input as Request).headers.get("x-amz-target") }));
 * const answer = await callCognitoIdentity("GetId", { IdentityPoolId: "p" }, { region: "us-east-1", fetch });
 * assertEquals(answer.IdentityId, "AWSCognitoIdentityService.GetId");
 * ```
 */
export async function callCognitoIdentity(
  operation: "GetId" | "GetCredentialsForIdentity",
  body: Record<string, unknown>,
  options: CognitoIdentityOptions,
): Promise<Record<string, unknown>> {
  const endpoint = options.endpoint ?? `https://cognito-identity.${options.region}.amazonaws.com`;
  const request = new Request(`${endpoint.replace(/\/+$/, "")}/`, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": `AWSCognitoIdentityService.${operation}`,
    },
    body: JSON.stringify(body),
  });
  const response = await sendAwsRequest(request, { fetch: options.fetch });
  const { text } = await readAnswerText(response, 64 * 1024, `Amazon Cognito ${operation}`);
  const value = parseJsonObject(text);
  if (value !== undefined) return value;
  throw new CredentialsProviderError(`Amazon Cognito answered ${operation} with no JSON object.`, {
    tryNextLink: false,
  });
}
