import {
  canonicalTrailer,
  chunkHeader,
  chunkStringToSign,
  hasTrailer,
  type StreamingPayloadMode,
  type StreamingTrailer,
  trailerBlock,
  trailerStringToSign,
} from "./format.ts";
import { Crc32 } from "../../_shared/hash/crc32.ts";
import { EMPTY_SHA256, type KeyedHmac, sha256HexOfBody } from "../../_shared/hash/sha256.ts";
import { StreamingLengthError } from "./errors.ts";

/** What signs the chunks: the signing key, the request's date and scope, and the seed signature. */
export interface ChunkSigning {
  hmac: KeyedHmac;
  longDate: string;
  scope: string;
  seedSignature: string;
}

/** Options of {@linkcode awsChunkedEncoder}. */
export interface AwsChunkedEncoderOptions {
  mode: StreamingPayloadMode;
  chunkSize: number;
  decodedLength: number;
  trailer?: StreamingTrailer;
  /** Required by the signed modes. */
  signing?: ChunkSigning;
}

/**
 * A transform from the body's bytes to its aws-chunked encoding. It holds at most one
 * chunk: input is copied into a chunk-sized buffer that is signed and sent when full,
 * and, as every TransformStream, it reads only as fast as its output is consumed.
 */
export function awsChunkedEncoder(
  options: AwsChunkedEncoderOptions,
): TransformStream<Uint8Array, Uint8Array> {
  const { chunkSize, decodedLength, signing, trailer } = options;
  // Created per body, not at module level, so a bundle that only signs requests drops them.
  const encoder = new TextEncoder();
  const CRLF = encoder.encode("\r\n");
  const checksum = trailer === undefined ? undefined : new Crc32(trailerAlgorithm(trailer));
  let previous = signing?.seedSignature ?? "";
  let buffer = new Uint8Array(chunkSize);
  let filled = 0;
  let total = 0;

  const sign = (stringToSign: string) => {
    previous = (signing as ChunkSigning).hmac.hex(stringToSign);
    return previous;
  };
  const chunkSignature = async (data: Uint8Array) => {
    if (signing === undefined) return undefined;
    const hash = data.length === 0 ? EMPTY_SHA256 : await sha256HexOfBody(data);
    return sign(chunkStringToSign(signing.longDate, signing.scope, previous, hash));
  };
  const emit = async (
    controller: TransformStreamDefaultController<Uint8Array>,
    data: Uint8Array,
  ) => {
    checksum?.update(data);
    controller.enqueue(encoder.encode(chunkHeader(data.length, await chunkSignature(data))));
    controller.enqueue(data);
    controller.enqueue(CRLF);
  };

  return new TransformStream({
    async transform(input, controller) {
      total += input.length;
      if (total > decodedLength) throw new StreamingLengthError(decodedLength, total);
      let offset = 0;
      while (offset < input.length) {
        const take = Math.min(chunkSize - filled, input.length - offset);
        buffer.set(input.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === chunkSize) {
          // The full buffer is handed downstream, so the next chunk gets a fresh one.
          await emit(controller, buffer);
          buffer = new Uint8Array(chunkSize);
          filled = 0;
        }
      }
    },
    async flush(controller) {
      if (total !== decodedLength) throw new StreamingLengthError(decodedLength, total);
      if (filled > 0) await emit(controller, buffer.subarray(0, filled));
      const finalHeader = chunkHeader(0, await chunkSignature(new Uint8Array(0)));
      if (!hasTrailer(options.mode) || checksum === undefined || trailer === undefined) {
        controller.enqueue(encoder.encode(finalHeader + "\r\n"));
        return;
      }
      const value = checksum.digestBase64();
      const trailerSignature = signing === undefined ? undefined : sign(
        trailerStringToSign(
          signing.longDate,
          signing.scope,
          previous,
          await sha256HexOfBody(encoder.encode(canonicalTrailer(trailer, value))),
        ),
      );
      controller.enqueue(
        encoder.encode(finalHeader + trailerBlock(trailer, value, trailerSignature)),
      );
    },
  });
}

/** The checksum algorithm a trailer header names. */
export function trailerAlgorithm(trailer: StreamingTrailer): "crc32" | "crc32c" {
  return trailer === "x-amz-checksum-crc32c" ? "crc32c" : "crc32";
}
