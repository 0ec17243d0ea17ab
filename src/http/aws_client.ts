import { checkCredentials, type CredentialsInput } from "../sigv4/credentials.ts";
import { CredentialsError } from "../sigv4/errors.ts";
import { SigV4Signer } from "../sigv4/signer.ts";
import type { AwsClientOptions, AwsRequestInit, AwsRequestInput } from "./aws_client_options.ts";
import { delay } from "./delay.ts";
import { backoffDelay, isRetryableFetchError, isRetryableResponse } from "./retry.ts";
import { ClockSkew } from "./clock_skew.ts";
import { discardBody, type SigningPlan, signingPlan, signWithPlan } from "./_signing_plan.ts";

const DEFAULT_RETRIES = 10;
const DEFAULT_INIT_RETRY_MS = 50;
// aws4fetch's backoff has no ceiling: with its defaults the 10th retry may wait
// 50 ms * 2^9 = 25.6 s, and a larger `retries` grows the wait without bound (2^20 * 50 ms
// is 14 hours). AWS SDK v3 caps each wait at 20 s (MAXIMUM_RETRY_DELAY); so do we, so that
// the worst case of a call is bounded by roughly retries * 20 s.
const MAX_BACKOFF_MS = 20_000;
// One signer per (service, region, path encoding); a client talks to few of those, but
// hosts are user input, so the map is bounded anyway.
const MAX_CACHED_SIGNERS = 64;

/**
 * A drop-in replacement for aws4fetch's `AwsClient`: signs requests with SigV4 and sends
 * them with `fetch`, retrying throttling, 5xx and network errors with capped, fully
 * jittered exponential backoff, and re-signing each attempt. Service and region are
 * inferred from the host when not given (see {@linkcode inferServiceRegion}).
 *
 * Differences from aws4fetch, all deliberate:
 * - Also takes `credentials`: an object or an async provider, called for each signature.
 * - Missing credentials throw {@linkcode CredentialsError} (aws4fetch: `TypeError`); a
 *   negative or fractional `retries` throws `RangeError` at construction.
 * - Retries `400` throttling errors (`ThrottlingException`, `SlowDown`, …) and network
 *   errors, not only 5xx and 429; never a body given as a `ReadableStream`, which cannot be
 *   sent twice. Each backoff is capped at 20 s. Aborting the request's signal stops the
 *   retries and the wait between them. Bodies of discarded responses are cancelled.
 * - Signs with the AWS SDK's header rules (`content-type` and `range` are signed) and
 *   hashes the payload, for S3 too (aws4fetch sends `UNSIGNED-PAYLOAD` to S3); only a
 *   streamed S3 upload is sent as `UNSIGNED-PAYLOAD`.
 * - The body of a `Request` input is always sent (aws4fetch drops it unless the request
 *   has a `Content-Type`), read into memory once so that retries can resend it.
 * - Presigned (`signQuery`) URLs always carry `X-Amz-Expires` (86400 s for S3 as in
 *   aws4fetch, else 900 s) and carry `x-amz-*` headers in the query.
 * - Throws {@linkcode SigningInputError} when no service is given or inferable (aws4fetch
 *   signs for an empty service name).
 * - `accessKeyId`, `secretAccessKey` and `sessionToken` are getters, not own properties,
 *   so no rendering of the client (`JSON.stringify`, `util.inspect`, …) shows a secret;
 *   with a credential provider they are `undefined`.
 * - Corrects a skewed clock as AWS SDK v3 does: after a clock-skew error (e.g. `403
 *   RequestTimeTooSkewed`) whose server time is 4 minutes or more away, it keeps the
 *   offset for every later signature and re-signs the request once (not counted as a
 *   retry; a stream body is not re-sent).
 *
 * @example
 * ```ts
 * import { AwsClient } from "@iamfetch/iamfetch";
 * import { assert } from "@std/assert";
 *
 * const aws = new AwsClient({
 *   accessKeyId: "AKIDEXAMPLE",
 *   secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
 *   retries: 3,
 * });
 * const request = await aws.sign("https://sqs.eu-west-1.amazonaws.com/?Action=ListQueues");
 * assert(request.headers.get("authorization")?.includes("/eu-west-1/sqs/aws4_request"));
 * assert(aws.accessKeyId === "AKIDEXAMPLE" && aws.service === undefined);
 * // const response = await aws.fetch("https://sqs.eu-west-1.amazonaws.com/?Action=ListQueues");
 * ```
 */
export class AwsClient {
  /**
   * The service signing name given to the constructor, as given (aws4fetch keeps it the
   * same way); `undefined` when each request's service is inferred from its host.
   */
  readonly service: string | undefined;
  /** The region given to the constructor, as given; `undefined` when inferred per request. */
  readonly region: string | undefined;
  /** How many times a failed request is retried. */
  readonly retries: number;
  /** The upper bound of the first backoff, in milliseconds. */
  readonly initRetryMs: number;
  readonly #credentials: CredentialsInput;
  readonly #keys: StaticKeys;
  readonly #signers = new Map<string, SigV4Signer>();
  readonly #clock = new ClockSkew();

  // The keys are getters over a private field, not own properties as in aws4fetch, so that
  // JSON.stringify, String, Deno.inspect and util.inspect of a client never show a secret.

  /** The access key id given as an option or in a credentials object; `undefined` with a provider. */
  get accessKeyId(): string | undefined {
    return this.#keys.accessKeyId;
  }

  /** The secret access key given as an option or in a credentials object; `undefined` with a provider. */
  get secretAccessKey(): string | undefined {
    return this.#keys.secretAccessKey;
  }

  /** The session token given as an option or in a credentials object, if any. */
  get sessionToken(): string | undefined {
    return this.#keys.sessionToken;
  }

  /**
   * Creates a client. Throws {@linkcode CredentialsError} when no usable credentials are
   * given and `RangeError` for an invalid `retries` or `initRetryMs`.
   */
  constructor(options: AwsClientOptions) {
    if (options === null || typeof options !== "object") {
      throw new CredentialsError(
        "AwsClient needs options with { credentials } or { accessKeyId, secretAccessKey }.",
      );
    }
    this.#credentials = clientCredentials(options);
    this.#keys = staticKeys(options, this.#credentials);
    this.service = options.service;
    this.region = options.region;
    const retries = options.retries ?? DEFAULT_RETRIES;
    if (!Number.isInteger(retries) || retries < 0) {
      throw new RangeError(
        `retries must be a non-negative integer (0 disables retries), got ${String(retries)}.`,
      );
    }
    this.retries = retries;
    // `||` as in aws4fetch: 0 means the default.
    const initRetryMs = options.initRetryMs || DEFAULT_INIT_RETRY_MS;
    if (!Number.isFinite(initRetryMs) || initRetryMs < 0) {
      throw new RangeError(
        `initRetryMs must be a non-negative number of milliseconds, got ${String(initRetryMs)}.`,
      );
    }
    this.initRetryMs = initRetryMs;
  }

  /**
   * Returns a signed copy of the request `fetch(input, init)` would send: signed in the
   * `Authorization` header, or presigned in the URL with `init.aws.signQuery`.
   *
   * @param input A `Request`, a `URL` or a URL string.
   * @param init Request options, with aws4fetch's signing options in `init.aws`.
   * @returns The signed request.
   */
  async sign(input: AwsRequestInput, init?: AwsRequestInit | null): Promise<Request> {
    const plan = signingPlan(input, init, this.#defaults());
    return await signWithPlan(this.#dated(plan), plan.request, null, () => this.#signer(plan));
  }

  /**
   * Signs and sends a request, retrying it (re-signed with a fresh date) after a 5xx, a
   * 429, a throttling error or a network error, up to `retries` times with full-jitter
   * exponential backoff. Returns the first response that is not retried, or the last one.
   * A body given as a `ReadableStream` is sent once and never retried. Aborting the
   * request's signal rejects at once with the signal's reason.
   *
   * @param input A `Request`, a `URL` or a URL string.
   * @param init Request options, with aws4fetch's signing options in `init.aws`.
   * @returns The response.
   */
  async fetch(input: AwsRequestInput, init?: AwsRequestInit | null): Promise<Response> {
    const plan = signingPlan(input, init, this.#defaults());
    const { request, streaming } = plan;
    const signal = request.signal;
    // Every body but a caller's stream is read once, so that each attempt resends it.
    const body = !streaming && request.body !== null ? await request.arrayBuffer() : null;
    // A fixed `init.aws.datetime` is the caller's choice, which a correction would override.
    let mayCorrectClock = !streaming && plan.date === undefined;
    for (let attempt = 0;; attempt++) {
      signal.throwIfAborted();
      const unsigned = body === null ? request : new Request(request, { body });
      const sentAt = Date.now();
      const signed = await signWithPlan(
        this.#dated(plan),
        unsigned,
        body,
        () => this.#signer(plan),
      );
      const final = streaming || attempt >= this.retries;
      let response: Response;
      try {
        response = await fetch(signed);
      } catch (error) {
        if (final || signal.aborted || !isRetryableFetchError(error)) throw error;
        await delay(this.#backoff(attempt), { signal });
        continue;
      }
      // The offset is learned even when this request cannot be re-sent, for the next one.
      if ((await this.#clock.learnFromResponse(response, sentAt)) && mayCorrectClock) {
        mayCorrectClock = false; // once per call, as StsClient: a re-sign is not a retry
        discardBody(response);
        attempt--;
        continue;
      }
      if (final || !(await isRetryableResponse(response))) return response;
      discardBody(response);
      await delay(this.#backoff(attempt), { signal });
    }
  }

  // The plan signed at the clock-corrected time, unless the caller fixed the time.
  #dated(plan: SigningPlan): SigningPlan {
    return plan.date === undefined ? { ...plan, date: this.#clock.now() } : plan;
  }

  #defaults() {
    return { service: this.service, region: this.region, credentials: this.#credentials };
  }

  #backoff(attempt: number): number {
    return backoffDelay(attempt, this.initRetryMs, MAX_BACKOFF_MS);
  }

  #signer(scope: { service: string; region: string; uriEscapePath: boolean }): SigV4Signer {
    const key = scope.service + "\n" + scope.region + "\n" + scope.uriEscapePath;
    let signer = this.#signers.get(key);
    if (signer === undefined) {
      signer = new SigV4Signer({
        credentials: this.#credentials,
        service: scope.service,
        region: scope.region,
        uriEscapePath: scope.uriEscapePath,
      });
      if (this.#signers.size >= MAX_CACHED_SIGNERS) {
        this.#signers.delete(this.#signers.keys().next().value as string);
      }
      this.#signers.set(key, signer);
    }
    return signer;
  }
}

interface StaticKeys {
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
}

// What the key getters show: the options as given (aws4fetch keeps an empty session token
// as ""), else a credentials object's keys; a provider has none until it is called.
function staticKeys(options: AwsClientOptions, credentials: CredentialsInput): StaticKeys {
  if (typeof credentials === "function") return {};
  if (options.credentials != null) {
    const { accessKeyId, secretAccessKey, sessionToken } = credentials;
    return { accessKeyId, secretAccessKey, sessionToken };
  }
  const { accessKeyId, secretAccessKey, sessionToken } = options;
  return { accessKeyId, secretAccessKey, sessionToken };
}

function clientCredentials(options: AwsClientOptions): CredentialsInput {
  const { credentials, accessKeyId, secretAccessKey } = options;
  // aws4fetch users often pass `sessionToken: process.env.AWS_SESSION_TOKEN`, which may be
  // empty; like aws4fetch, treat that as no token.
  const sessionToken = options.sessionToken || undefined;
  if (credentials !== undefined && credentials !== null) {
    if (accessKeyId != null || secretAccessKey != null || sessionToken !== undefined) {
      throw new CredentialsError(
        "Pass either { credentials } or { accessKeyId, secretAccessKey, sessionToken }, not both.",
      );
    }
    // A provider is checked each time it is called, by the signer.
    return typeof credentials === "function" ? credentials : checkCredentials(credentials);
  }
  if (accessKeyId == null && secretAccessKey == null) {
    throw new CredentialsError(
      "AwsClient has no credentials: pass { credentials } (an object or an async provider) " +
        "or { accessKeyId, secretAccessKey }.",
    );
  }
  if (accessKeyId == null) {
    throw new CredentialsError("accessKeyId is missing: pass it along with secretAccessKey.");
  }
  if (secretAccessKey == null) {
    throw new CredentialsError("secretAccessKey is missing: pass it along with accessKeyId.");
  }
  return checkCredentials({ accessKeyId, secretAccessKey, sessionToken });
}
