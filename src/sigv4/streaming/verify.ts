import {
  STREAMING_MODES,
  STREAMING_TRAILERS,
  type StreamingPayloadMode,
  type StreamingTrailer,
} from "./format.ts";
import { verifyAwsChunkedBody } from "./decoder.ts";
import { formatAmzDate } from "../amz_date.ts";
import { ALGORITHM } from "../signature.ts";
import { failure, type VerificationFailure } from "../verification_failure.ts";
import { declaredPayloadHash, ECDSA_STREAMING_MODES } from "../payload_declaration.ts";
import { isPresigned } from "../_verify/checks.ts";
import { type VerifiedRequest, type VerifyOptions, verifySignature } from "../verify.ts";

/**
 * Options of {@linkcode verifyStreamingRequest}: those of {@linkcode verifySignature},
 * and the largest chunk to accept.
 */
export interface StreamingVerifyOptions extends Omit<VerifyOptions, "acceptStreamingPayload"> {
  /** The largest chunk accepted (and buffered). Defaults to 16 MiB. */
  maxChunkSize?: number;
}

/**
 * A streaming upload whose seed signature verified, with its decoded body.
 */
export interface VerifiedStreamingRequest extends VerifiedRequest {
  /** The payload mode, from `x-amz-content-sha256`. */
  mode: StreamingPayloadMode;
  /** The length of the decoded body, from `x-amz-decoded-content-length`. */
  decodedLength: number;
  /** The trailing checksum the body ends with, from `x-amz-trailer`. */
  trailer?: StreamingTrailer;
  /**
   * The decoded body, verified as it is read (see {@linkcode verifyAwsChunkedBody}): it
   * errors with an {@linkcode AwsChunkedBodyError} at the first fault.
   */
  body: ReadableStream<Uint8Array>;
}

/**
 * The outcome of {@linkcode verifyStreamingRequest}.
 */
export type StreamingVerifyResult = VerifiedStreamingRequest | VerificationFailure;

const DECIMAL_LENGTH = /^\d{1,15}$/;

/**
 * Verifies a streaming (`aws-chunked`) upload: the request's seed signature now, with
 * {@linkcode verifySignature}, and its chunks as the returned `body` is read. Answers
 * `InvalidRequest` for a request that is not a well-formed streaming upload (call it when
 * `x-amz-content-sha256` starts with `STREAMING-`).
 *
 * @example
 * ```ts
 * import { SigV4Signer, signStreaming, verifyStreamingRequest } from "@iamfetch/iamfetch/sigv4";
 * import { assert } from "@std/assert";
 *
 * const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
 * const signer = new SigV4Signer({ credentials, region: "us-east-1", service: "s3" });
 * const request = new Request("https://bucket.s3.amazonaws.com/k", { method: "PUT", body: "hello" });
 * const signed = await signStreaming(signer, request, { decodedLength: 5 });
 *
 * const result = await verifyStreamingRequest(signed, { secretFor: () => credentials.secretAccessKey });
 * assert(result.ok && await new Response(result.body).text() === "hello");
 * ```
 */
export async function verifyStreamingRequest(
  request: Request,
  options: StreamingVerifyOptions,
): Promise<StreamingVerifyResult> {
  const { headers } = request;
  const url = new URL(request.url);
  const authorization = headers.get("authorization");
  // The same reading of the declaration as verifySignature's, so both agree on the mode.
  const declared = declaredPayloadHash(url, headers, isPresigned(url, authorization));
  if (typeof declared === "object") return declared;
  // SigV4a chunks are not checked here: the seed is (a forgery gets 403), then 501.
  if (declared !== undefined && ECDSA_STREAMING_MODES.includes(declared)) {
    const seed = await verifySignature(request, { ...options, acceptStreamingPayload: false });
    return seed.ok ? failure(501, "NotImplemented", `${declared} is not supported.`) : seed;
  }
  const mode = STREAMING_MODES.find((known) => known === declared);
  if (mode === undefined) {
    return failure(
      400,
      "InvalidRequest",
      `x-amz-content-sha256 must be one of ${STREAMING_MODES.join(", ")} for a streaming upload.`,
    );
  }
  const lengthHeader = headers.get("x-amz-decoded-content-length") ?? "";
  if (!DECIMAL_LENGTH.test(lengthHeader)) {
    return failure(
      400,
      "InvalidRequest",
      "A streaming upload needs x-amz-decoded-content-length: the decoded body's length.",
    );
  }
  const trailerHeader = headers.get("x-amz-trailer")?.toLowerCase();
  const trailer = STREAMING_TRAILERS.find((known) => known === trailerHeader);
  if (mode.endsWith("-TRAILER") !== (trailer !== undefined)) {
    return failure(
      400,
      "InvalidRequest",
      `${mode} ${mode.endsWith("-TRAILER") ? "needs" : "takes no"} x-amz-trailer (one of ${
        STREAMING_TRAILERS.join(", ")
      }).`,
    );
  }
  const seedSignature = authorization === null
    ? url.searchParams.get("X-Amz-Signature")
    : authorization.startsWith(ALGORITHM + " ")
    ? /Signature=([0-9a-f]{64})$/.exec(authorization)?.[1]
    : undefined;
  if (!seedSignature && mode !== "STREAMING-UNSIGNED-PAYLOAD-TRAILER") {
    return failure(
      501,
      "NotImplemented",
      `${mode} is supported with ${ALGORITHM} signatures only.`,
    );
  }

  let secret: string | undefined;
  const verified = await verifySignature(request, {
    ...options,
    acceptStreamingPayload: true,
    secretFor: async (accessKeyId, context) =>
      secret = await options.secretFor(accessKeyId, context),
  });
  if (!verified.ok) return verified;
  const decodedLength = Number(lengthHeader);
  const decoder = verifyAwsChunkedBody({
    mode,
    decodedLength,
    trailer,
    maxChunkSize: options.maxChunkSize,
    seed: mode === "STREAMING-UNSIGNED-PAYLOAD-TRAILER" ? undefined : {
      signature: seedSignature as string,
      secretAccessKey: secret as string,
      longDate: formatAmzDate(verified.date).longDate,
      region: verified.region,
      service: verified.service,
    },
  });
  const body = (request.body ?? new Blob().stream()).pipeThrough(decoder);
  return { ...verified, mode, decodedLength, ...(trailer ? { trailer } : {}), body };
}
