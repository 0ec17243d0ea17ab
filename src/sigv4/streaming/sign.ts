import {
  encodedLength,
  MIN_CHUNK_SIZE,
  STREAMING_TRAILERS,
  type StreamingPayloadMode,
  type StreamingTrailer,
} from "./format.ts";
import { awsChunkedEncoder } from "./_encoder.ts";
import { formatAmzDate } from "../amz_date.ts";
import { resolveCredentials } from "../credentials.ts";
import { SigningInputError } from "../errors.ts";
import { credentialScope } from "../signature.ts";
import { signerSettings, SigV4Signer } from "../signer.ts";
import { signingHmac } from "../_signing_key.ts";
import { isSignableHeader } from "../_canonical/headers.ts";

/**
 * Options of {@linkcode signStreaming}.
 */
export interface StreamingSignOptions {
  /** The exact length of the body in bytes; the body stream errors if it differs. */
  decodedLength: number;
  /** Bytes per chunk (the last may be smaller): an integer from 8192 to 16 MiB. Defaults to 65536. */
  chunkSize?: number;
  /**
   * End the body with this checksum of it (`x-amz-trailer`), signed unless
   * `unsignedPayload`. Defaults to none, or to `x-amz-checksum-crc32` with `unsignedPayload`.
   */
  trailer?: StreamingTrailer;
  /**
   * Send unsigned chunks with a trailing checksum (`STREAMING-UNSIGNED-PAYLOAD-TRAILER`),
   * as the AWS SDKs do for uploads over HTTPS, instead of signing each chunk.
   */
  unsignedPayload?: boolean;
  /** The signing time; defaults to now. */
  date?: Date;
  /**
   * As {@linkcode SignOptions.signedHeaders}, but by default `content-length` is not
   * signed: `fetch` in Deno and browsers sends a streamed body with chunked transfer
   * encoding instead (S3 accepts either). Name it here to sign it, as AWS's example does.
   */
  signedHeaders?: Iterable<string>;
}

const DEFAULT_CHUNK_SIZE = 65536;
/** The largest chunk the verifier accepts by default, so the signer never makes bigger ones. */
export const MAX_CHUNK_SIZE = 0x1000000; // 16 MiB (a literal: bundlers drop it when unused)

/**
 * Signs `request` for a streaming upload in `aws-chunked` encoding: the headers get a seed
 * signature (`x-amz-content-sha256: STREAMING-…`, `Content-Encoding: aws-chunked`,
 * `x-amz-decoded-content-length`, and `Content-Length` of the encoded body), and the body
 * is re-framed as it is read into chunks each signed with the previous chunk's signature,
 * optionally ending with a CRC32 checksum trailer. Memory stays at one chunk whatever the
 * body's size. The body of `request` is consumed by the returned request (streamed, not
 * copied), so a streamed upload cannot be retried with the same `request`.
 *
 * Throws `RangeError` for a `chunkSize` under 8192 (S3's minimum) or over 16 MiB, or a
 * `decodedLength` that is not a non-negative integer. The body stream errors with
 * {@linkcode StreamingLengthError} when the body's length differs from `decodedLength`.
 *
 * @example
 * ```ts
 * import { SigV4Signer, signStreaming } from "@iamfetch/iamfetch/sigv4";
 * import { assertEquals } from "@std/assert";
 *
 * const signer = new SigV4Signer({
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   region: "us-east-1",
 *   service: "s3",
 * });
 * const body = new Uint8Array(100_000);
 * const request = new Request("https://bucket.s3.amazonaws.com/big.bin", { method: "PUT", body });
 * const signed = await signStreaming(signer, request, { decodedLength: body.length });
 * assertEquals(signed.headers.get("content-encoding"), "aws-chunked");
 * const encoded = new Uint8Array(await signed.arrayBuffer());
 * assertEquals(encoded.length, Number(signed.headers.get("content-length")));
 * ```
 */
export async function signStreaming(
  signer: SigV4Signer,
  request: Request,
  options: StreamingSignOptions,
): Promise<Request> {
  const { decodedLength, chunkSize = DEFAULT_CHUNK_SIZE } = options;
  if (!Number.isSafeInteger(decodedLength) || decodedLength < 0) {
    throw new RangeError(
      `decodedLength must be the body's length as a non-negative integer, got ${
        String(decodedLength)
      }.`,
    );
  }
  if (!Number.isInteger(chunkSize) || chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
    throw new RangeError(
      `chunkSize must be an integer from ${MIN_CHUNK_SIZE} (S3's minimum) to ${MAX_CHUNK_SIZE}, got ${
        String(chunkSize)
      }.`,
    );
  }
  if (options.trailer !== undefined && !STREAMING_TRAILERS.includes(options.trailer)) {
    throw new SigningInputError(`trailer must be one of ${STREAMING_TRAILERS.join(", ")}.`);
  }
  if (!(request instanceof Request) || request.bodyUsed) {
    throw new SigningInputError("Expected a Request whose body has not been read.");
  }
  const trailer = options.trailer ?? (options.unsignedPayload ? "x-amz-checksum-crc32" : undefined);
  const mode: StreamingPayloadMode = options.unsignedPayload
    ? "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
    : trailer === undefined
    ? "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
    : "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";

  const headers = new Headers(request.headers);
  const encoding = headers.get("content-encoding");
  headers.set("content-encoding", encoding ? "aws-chunked," + encoding : "aws-chunked");
  headers.set("content-length", String(encodedLength(decodedLength, chunkSize, mode, trailer)));
  headers.set("x-amz-content-sha256", mode);
  headers.set("x-amz-decoded-content-length", String(decodedLength));
  if (trailer !== undefined) headers.set("x-amz-trailer", trailer);

  // One resolution of the credentials signs both the seed and the chunks: a provider
  // rotating keys in between would otherwise produce a body no server accepts.
  const settings = signerSettings(signer);
  const credentials = await resolveCredentials(settings.credentials);
  const date = options.date ?? new Date();
  const seeded = await new SigV4Signer({
    ...settings,
    credentials,
    region: signer.region,
    service: signer.service,
  }).sign(new Request(request.url, { method: request.method, headers }), {
    date,
    signedHeaders: options.signedHeaders ?? unsignedContentLength(headers),
  });
  const authorization = seeded.headers.get("authorization") as string;
  const { longDate, shortDate } = formatAmzDate(date);
  const encoder = awsChunkedEncoder({
    mode,
    chunkSize,
    decodedLength,
    trailer,
    signing: mode === "STREAMING-UNSIGNED-PAYLOAD-TRAILER" ? undefined : {
      hmac: signingHmac(credentials.secretAccessKey, shortDate, signer.region, signer.service),
      longDate,
      scope: credentialScope(shortDate, signer.region, signer.service),
      seedSignature: authorization.slice(-64),
    },
  });
  const body = (request.body ?? new Blob().stream()).pipeThrough(encoder);
  // `duplex` is required by browsers for a streamed request body (not yet in every lib.dom).
  return new Request(request, {
    headers: seeded.headers,
    body,
    duplex: "half",
  } as RequestInit);
}

/** The default signed headers, less `content-length` (see {@linkcode StreamingSignOptions}). */
function unsignedContentLength(headers: Headers): string[] {
  return [...headers.keys()].filter((name) => name !== "content-length" && isSignableHeader(name));
}
