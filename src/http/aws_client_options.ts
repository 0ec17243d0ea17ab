import type { CredentialsInput } from "../sigv4/credentials.ts";

/**
 * Options of {@linkcode AwsClient}: aws4fetch's `AwsClient` options, plus `credentials`.
 * Give either `credentials` or `accessKeyId` and `secretAccessKey`.
 */
export interface AwsClientOptions {
  /** Credentials, or an async provider called before each signature (e.g. a refreshing cache). */
  credentials?: CredentialsInput;
  /** The access key id, as in aws4fetch; an alternative to `credentials`. */
  accessKeyId?: string;
  /** The secret access key, as in aws4fetch; an alternative to `credentials`. */
  secretAccessKey?: string;
  /** The session token of temporary credentials, as in aws4fetch. */
  sessionToken?: string;
  /** The service signing name; inferred from each request's host when not given. */
  service?: string;
  /** The region; inferred from each request's host when not given, else `us-east-1`. */
  region?: string;
  /**
   * Accepted for aws4fetch compatibility and not used: signing keys are cached (bounded)
   * by the signer itself.
   */
  cache?: Map<string, ArrayBuffer>;
  /** How many times a failed request is retried (so at most `retries + 1` attempts). Defaults to 10. */
  retries?: number;
  /** The upper bound of the first backoff, in milliseconds, doubling each retry. Defaults to 50. */
  initRetryMs?: number;
}

/**
 * The per-request `aws` options of {@linkcode AwsClient.prototype.fetch} and
 * {@linkcode AwsClient.prototype.sign}, the same as aws4fetch's.
 */
export interface AwsRequestOptions {
  /** Presign: put the signature in the URL's query instead of the `Authorization` header. */
  signQuery?: boolean;
  /** The service signing name for this request. */
  service?: string;
  /** The region for this request. */
  region?: string;
  /** The signing time: a `Date`, or aws4fetch's `YYYYMMDDTHHMMSSZ` string. Defaults to now. */
  datetime?: string | Date;
  /** Sign every header of the request, including those proxies may rewrite (`user-agent`, …). */
  allHeaders?: boolean;
  /** Encode the path once instead of twice (S3 always encodes once). */
  singleEncode?: boolean;
  /**
   * Leave the session token out of the signature and send it after signing (in the query
   * when presigning, in `X-Amz-Security-Token` otherwise), as AWS IoT's device gateway
   * wants. Defaults to `true` for the `iotdevicegateway` service.
   */
  appendSessionToken?: boolean;
  /** Accepted for aws4fetch compatibility and not used. */
  cache?: Map<string, ArrayBuffer>;
  /** Signs this request with another access key id. */
  accessKeyId?: string;
  /** Signs this request with another secret access key. */
  secretAccessKey?: string;
  /** Signs this request with another session token. */
  sessionToken?: string;
}

/**
 * A `RequestInit` with aws4fetch's per-request `aws` options.
 */
export type AwsRequestInit = RequestInit & { aws?: AwsRequestOptions };

/**
 * What {@linkcode AwsClient} accepts as a request: a `Request`, or anything whose string
 * form is a URL (a `URL`, a string), as aws4fetch does.
 */
export type AwsRequestInput = Request | { toString(): string };
