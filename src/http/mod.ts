/**
 * The HTTP layer: {@linkcode AwsClient}, a drop-in replacement for aws4fetch's client that
 * signs with SigV4 and retries with capped, fully jittered exponential backoff; the
 * service and region inference it uses; and the retry rules (which responses and errors
 * are worth retrying, how long to wait); and {@linkcode sendAwsRequest}, the sender every
 * service client builds on (retries, timeouts, clock-skew correction, {@linkcode AwsError}).
 *
 * @example
 * ```ts
 * import { AwsClient, inferServiceRegion } from "@iamfetch/iamfetch/http";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const url = new URL("https://dynamodb.eu-central-1.amazonaws.com/");
 * assertEquals(inferServiceRegion(url, new Headers()).service, "dynamodb");
 *
 * const aws = new AwsClient({
 *   credentials: () => Promise.resolve({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }),
 * });
 * const signed = await aws.sign(url, {
 *   method: "POST",
 *   headers: { "x-amz-target": "DynamoDB_20120810.ListTables" },
 *   body: "{}",
 * });
 * assert(signed.headers.has("authorization"));
 * ```
 *
 * @module
 */
export { AwsClient } from "./aws_client.ts";
export type {
  AwsClientOptions,
  AwsRequestInit,
  AwsRequestInput,
  AwsRequestOptions,
} from "./aws_client_options.ts";
export { DEFAULT_REGION, inferServiceRegion, type ServiceRegion } from "./infer_service_region.ts";
export {
  backoffDelay,
  isRetryableFetchError,
  isRetryableResponse,
  THROTTLING_ERROR_CODES,
  TRANSIENT_ERROR_CODES,
} from "./retry.ts";
export { errorCodeFromBody, MAX_ERROR_BODY_BYTES, readErrorCode } from "./error_code.ts";
export { delay, type DelayOptions } from "./delay.ts";
export { AwsError, awsErrorFromResponse, type AwsErrorInit } from "./errors.ts";
export { type RequestSigner, sendAwsRequest, type SendOptions } from "./send_aws_request.ts";
export { CLOCK_SKEW_ERROR_CODES, ClockSkew, type SkewEvidence } from "./clock_skew.ts";
export { parseJsonObject } from "../_shared/json_object.ts";
