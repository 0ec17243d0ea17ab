import {
  type Credentials,
  type CredentialsInput,
  resolveCredentials,
} from "../sigv4/credentials.ts";
import { SigningInputError } from "../sigv4/errors.ts";
import { parseAmzDate } from "../sigv4/amz_date.ts";
import { SigV4Signer } from "../sigv4/signer.ts";
import { uriEncode } from "../_shared/uri_encode.ts";
import type { AwsRequestInit, AwsRequestInput, AwsRequestOptions } from "./aws_client_options.ts";
import { inferServiceRegion } from "./infer_service_region.ts";

// aws4fetch presigns S3 URLs for a day unless the URL names its own X-Amz-Expires.
const S3_PRESIGN_EXPIRES_IN = 86400;

/** How one `AwsClient.fetch`/`sign` call signs its request, each time it is sent. */
export interface SigningPlan {
  /** The request to sign: method, URL, headers, signal and options; the body not yet read. */
  request: Request;
  /** Whether the body is a caller's `ReadableStream`, which can be sent only once. */
  streaming: boolean;
  service: string;
  region: string;
  /** `false` for aws4fetch's `singleEncode` (S3 always encodes once). */
  uriEscapePath: boolean;
  /** Set when this request has its own credentials or appends the token: resolved per signature. */
  credentials?: CredentialsInput;
  appendSessionToken: boolean;
  signQuery: boolean;
  /** The presigned URL's lifetime; `undefined` for the signer's default. */
  expiresIn?: number;
  /** A fixed signing time (`init.aws.datetime`); `undefined` signs with the current time. */
  date?: Date;
  /** aws4fetch's `allHeaders`. */
  allHeaders: boolean;
  /** Sign `UNSIGNED-PAYLOAD` so a streamed S3 upload is neither read nor buffered (as aws4fetch). */
  unsignedPayload: boolean;
}

/** What the client contributes to a plan. */
export interface ClientDefaults {
  service?: string;
  region?: string;
  credentials: CredentialsInput;
}

/**
 * Builds the plan of one call: the `Request` (as `fetch` would build it from `input` and
 * `init`), its service and region (explicit, else inferred from the host), and aws4fetch's
 * per-request options. Throws {@linkcode SigningInputError} when no service can be named.
 */
export function signingPlan(
  input: AwsRequestInput,
  init: AwsRequestInit | null | undefined,
  client: ClientDefaults,
): SigningPlan {
  const { aws = {}, ...requestInit } = init ?? {};
  const streaming = isReadableStream(requestInit.body);
  const request = toRequest(input, requestInit, streaming);
  const url = new URL(request.url);
  // aws4fetch's precedence: init.aws, then the client, then the host.
  let service = aws.service || client.service;
  let region = aws.region || client.region;
  if (!service || !region) {
    const inferred = inferServiceRegion(url, request.headers);
    service ||= inferred.service;
    region ||= inferred.region;
  }
  if (!service) {
    // aws4fetch would sign for an empty service name, which no AWS endpoint accepts.
    throw new SigningInputError(
      `Cannot infer the AWS service from the host ${url.host}; ` +
        'pass { service } to AwsClient or in init.aws (e.g. "execute-api").',
    );
  }
  const appendSessionToken = aws.appendSessionToken ?? service === "iotdevicegateway";
  const ownCredentials = withOverrides(client.credentials, aws);
  const expiresParam = url.searchParams.get("X-Amz-Expires");
  return {
    request,
    streaming,
    service,
    region,
    uriEscapePath: !aws.singleEncode && service !== "s3",
    credentials: ownCredentials ?? (appendSessionToken ? client.credentials : undefined),
    appendSessionToken,
    signQuery: aws.signQuery === true,
    expiresIn: expiresParam !== null
      ? Number(expiresParam)
      : service === "s3"
      ? S3_PRESIGN_EXPIRES_IN
      : undefined,
    date: signingDate(aws.datetime),
    allHeaders: aws.allHeaders === true,
    unsignedPayload: streaming && service === "s3",
  };
}

/**
 * Signs `request` (a copy of the plan's request, or the request itself) once, returning
 * the request to send. `body` is its body when already in memory, used for presigned
 * requests, which are rebuilt around their new URL. `cached` signs for the plan's scope
 * with the client's credentials.
 */
export async function signWithPlan(
  plan: SigningPlan,
  request: Request,
  body: ArrayBuffer | null,
  cached: () => SigV4Signer,
): Promise<Request> {
  let signer: SigV4Signer;
  let appendedToken: string | undefined;
  if (plan.credentials === undefined) signer = cached();
  else {
    let credentials: Credentials = await resolveCredentials(plan.credentials);
    if (plan.appendSessionToken && credentials.sessionToken) {
      appendedToken = credentials.sessionToken;
      credentials = {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
      };
    }
    signer = new SigV4Signer({
      credentials,
      service: plan.service,
      region: plan.region,
      uriEscapePath: plan.uriEscapePath,
    });
  }
  if (plan.signQuery) {
    const url = await signer.presign(request, { date: plan.date, expiresIn: plan.expiresIn });
    if (appendedToken !== undefined) {
      // Appended to the query text as is: re-serialising it through URLSearchParams
      // could change how the signed parameters are encoded.
      url.search += "&X-Amz-Security-Token=" + uriEncode(appendedToken);
    }
    return requestAt(url, request, body ?? request.body);
  }
  const signed = await signer.sign(request, {
    date: plan.date,
    unsignedPayload: plan.unsignedPayload,
    signedHeaders: plan.allHeaders ? [...request.headers.keys()] : undefined,
  });
  if (appendedToken !== undefined) signed.headers.set("x-amz-security-token", appendedToken);
  // The signer sent a copy (a tee) of the body; the original branch would otherwise
  // buffer all of it in memory, unread.
  discardBody(request);
  return signed;
}

/**
 * Starts cancelling the unread body of `message` (a request or a response), ignoring
 * failures. Not awaitable on purpose: cancelling one branch of a cloned (teed) body
 * settles only once the other branch is cancelled or read to its end.
 */
export function discardBody(message: Request | Response): void {
  if (message.body === null || message.bodyUsed) return;
  message.body.cancel().catch(() => {});
}

function isReadableStream(body: unknown): body is ReadableStream {
  return typeof ReadableStream !== "undefined" && body instanceof ReadableStream;
}

function toRequest(input: AwsRequestInput, init: RequestInit, streaming: boolean): Request {
  const requestInit: RequestInit & { duplex?: "half" } = { ...init };
  // aws4fetch's default: a body without a method is a POST (fetch would throw instead).
  if (!(input instanceof Request) && requestInit.method === undefined && requestInit.body != null) {
    requestInit.method = "POST";
  }
  // Deno, Node and Chromium need `duplex: "half"` to accept a stream body.
  if (streaming && requestInit.duplex === undefined) requestInit.duplex = "half";
  return new Request(input instanceof Request ? input : String(input), requestInit);
}

// aws4fetch lets init.aws carry accessKeyId, secretAccessKey and sessionToken, merged
// over the client's; `undefined` when it carries none.
function withOverrides(
  base: CredentialsInput,
  aws: AwsRequestOptions,
): CredentialsInput | undefined {
  const overrides: { accessKeyId?: string; secretAccessKey?: string; sessionToken?: string } = {};
  if (aws.accessKeyId !== undefined) overrides.accessKeyId = aws.accessKeyId;
  if (aws.secretAccessKey !== undefined) overrides.secretAccessKey = aws.secretAccessKey;
  if (aws.sessionToken !== undefined) overrides.sessionToken = aws.sessionToken || undefined;
  if (Object.keys(overrides).length === 0) return undefined;
  if (typeof base === "function") return async () => ({ ...(await base()), ...overrides });
  return { ...base, ...overrides };
}

function signingDate(datetime: string | Date | undefined): Date | undefined {
  if (datetime === undefined) return undefined;
  if (datetime instanceof Date) return datetime;
  const date = typeof datetime === "string" ? parseAmzDate(datetime) : undefined;
  if (date === undefined) {
    throw new SigningInputError(
      'init.aws.datetime must be a Date or a "YYYYMMDDTHHMMSSZ" string such as "20240101T120000Z", got ' +
        JSON.stringify(String(datetime).slice(0, 32)) + ".",
    );
  }
  return date;
}

// A presigned request: `request` at `url`, without the x-amz-* headers the presigner
// moved into the query (S3 rejects x-amz-* headers that the signature does not cover).
function requestAt(url: URL, request: Request, body: BodyInit | null): Request {
  const headers = new Headers();
  request.headers.forEach((value, name) => {
    if (!name.startsWith("x-amz-")) headers.append(name, value);
  });
  const init: RequestInit & { duplex?: "half" } = {
    method: request.method,
    headers,
    body,
    signal: request.signal,
    redirect: request.redirect,
    credentials: request.credentials,
    cache: request.cache,
    integrity: request.integrity,
    keepalive: request.keepalive,
    referrerPolicy: request.referrerPolicy,
  };
  if (request.mode !== "navigate") init.mode = request.mode;
  if (isReadableStream(body)) init.duplex = "half";
  return new Request(url, init);
}
