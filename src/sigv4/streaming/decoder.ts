import {
  canonicalTrailer,
  hasTrailer,
  isSignedMode,
  MIN_CHUNK_SIZE,
  type StreamingPayloadMode,
  type StreamingTrailer,
} from "./format.ts";
import { type ChunkSeed, SignatureChain } from "./signature_chain.ts";
import { trailerAlgorithm } from "./_encoder.ts";
import { Crc32 } from "../../_shared/hash/crc32.ts";
import { EMPTY_SHA256, sha256HexOfBody, utf8 } from "../../_shared/hash/sha256.ts";
import { AwsChunkedBodyError, type AwsChunkedErrorCode } from "./errors.ts";

/**
 * Options of {@linkcode verifyAwsChunkedBody}.
 */
export interface AwsChunkedBodyOptions {
  /** The request's `x-amz-content-sha256`. */
  mode: StreamingPayloadMode;
  /** The request's `x-amz-decoded-content-length`. */
  decodedLength: number;
  /** The request's `x-amz-trailer`; required by the trailer modes. */
  trailer?: StreamingTrailer;
  /** Required by the signed modes. */
  seed?: ChunkSeed;
  /** The largest chunk accepted (and buffered); larger ones fail. Defaults to 16 MiB. */
  maxChunkSize?: number;
}

const MAX_LINE_BYTES = 256;
const DEFAULT_MAX_CHUNK_SIZE = 0x1000000; // 16 MiB (a literal: bundlers drop it when unused)
const SIGNED_HEADER = /^([0-9a-fA-F]{1,8});chunk-signature=([0-9a-f]{64})$/;
const UNSIGNED_HEADER = /^([0-9a-fA-F]{1,8})$/;
const TRAILER_LINE = /^([A-Za-z0-9-]+):(.*)$/;

type State = "header" | "data" | "dataEnd" | "finalEnd" | "trailer" | "done";

function fail(code: AwsChunkedErrorCode, message: string): never {
  throw new AwsChunkedBodyError(code, message);
}

/**
 * A transform from an aws-chunked request body to the bytes it carries, verifying as it
 * goes: each chunk signature (chained from the seed signature), the chunk sizes, the
 * total against `decodedLength`, and the trailing checksum and its signature. A chunk is
 * passed on only once its signature verified, so at most one chunk is held in memory;
 * on the first fault the stream errors with an {@linkcode AwsChunkedBodyError}.
 * Read the output to its end before acting on it: a fault can still come with the last chunk.
 *
 * @example
 * ```ts
 * import { verifyAwsChunkedBody } from "@iamfetch/iamfetch/sigv4";
 * import { assertEquals } from "@std/assert";
 *
 * const encoded = "3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\n\r\n";
 * const decoded = new Blob([encoded]).stream().pipeThrough(verifyAwsChunkedBody({
 *   mode: "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
 *   decodedLength: 3,
 *   trailer: "x-amz-checksum-crc32",
 * }));
 * assertEquals(await new Response(decoded).text(), "abc");
 * ```
 */
export function verifyAwsChunkedBody(
  options: AwsChunkedBodyOptions,
): TransformStream<Uint8Array, Uint8Array> {
  const { mode, decodedLength, trailer, seed } = options;
  const maxChunkSize = options.maxChunkSize ?? DEFAULT_MAX_CHUNK_SIZE;
  const signed = isSignedMode(mode);
  if (signed && seed === undefined) throw new TypeError(`${mode} needs options.seed.`);
  if (hasTrailer(mode) && trailer === undefined) {
    throw new TypeError(`${mode} needs options.trailer.`);
  }
  const chain = seed && new SignatureChain(seed);
  const checksum = trailer === undefined ? undefined : new Crc32(trailerAlgorithm(trailer));
  let state: State = "header";
  let line = "";
  let chunk = new Uint8Array(0);
  let filled = 0;
  let claimed = ""; // the signature the current chunk header claims
  let lastSize = -1;
  let total = 0;
  const trailers = new Map<string, string>();

  const startChunk = (header: string) => {
    const match = (signed ? SIGNED_HEADER : UNSIGNED_HEADER).exec(header);
    if (!match) {
      fail(
        "InvalidRequest",
        `Malformed chunk header (expected ${
          signed ? "hex-size;chunk-signature=<64 hex>" : "hex-size"
        }).`,
      );
    }
    const size = parseInt(match[1], 16);
    claimed = signed ? match[2] : "";
    if (size > maxChunkSize) {
      fail(
        "InvalidChunkSizeError",
        `A chunk of ${size} bytes exceeds the limit of ${maxChunkSize}.`,
      );
    }
    if (signed && size > 0 && lastSize >= 0 && lastSize < MIN_CHUNK_SIZE) {
      fail(
        "InvalidChunkSizeError",
        `Only the last chunk may be smaller than ${MIN_CHUNK_SIZE} bytes.`,
      );
    }
    if (total + size > decodedLength) {
      fail("InvalidRequest", "The chunks carry more than x-amz-decoded-content-length bytes.");
    }
    if (size === 0) {
      if (total !== decodedLength) {
        fail("IncompleteBody", `The body ended after ${total} of ${decodedLength} bytes.`);
      }
      chain?.checkChunk(EMPTY_SHA256, claimed);
      state = hasTrailer(mode) ? "trailer" : "finalEnd";
      return;
    }
    chunk = new Uint8Array(size);
    filled = 0;
    lastSize = size;
    state = "data";
  };

  const finishChunk = async (controller: TransformStreamDefaultController<Uint8Array>) => {
    chain?.checkChunk(await sha256HexOfBody(chunk), claimed);
    checksum?.update(chunk);
    total += chunk.length;
    controller.enqueue(chunk);
    state = "header";
  };

  const trailerLine = async (text: string) => {
    if (text !== "") {
      const match = TRAILER_LINE.exec(text);
      if (!match) fail("MalformedTrailerError", "A trailer line is not name:value.");
      trailers.set(match[1].toLowerCase(), match[2].trim());
      if (trailers.size > 2) fail("MalformedTrailerError", "The body has unexpected trailers.");
      return;
    }
    const value = trailers.get(trailer ?? "");
    if (value === undefined) {
      fail(
        "MalformedTrailerError",
        `The body does not end with the ${trailer} trailer it declared.`,
      );
    }
    if (chain) {
      const given = trailers.get("x-amz-trailer-signature");
      if (given === undefined) {
        fail("MalformedTrailerError", "The trailer has no x-amz-trailer-signature.");
      }
      chain.checkTrailer(
        await sha256HexOfBody(utf8(canonicalTrailer(trailer ?? "", value))),
        given,
      );
    } else if (trailers.size > 1) {
      fail("MalformedTrailerError", "The body has unexpected trailers.");
    }
    if (value !== checksum?.digestBase64()) {
      fail("BadDigest", `The ${trailer} you specified did not match the calculated checksum.`);
    }
    state = "done";
  };

  return new TransformStream({
    async transform(input, controller) {
      let i = 0;
      while (i < input.length) {
        if (state === "data") {
          const take = Math.min(chunk.length - filled, input.length - i);
          chunk.set(input.subarray(i, i + take), filled);
          filled += take;
          i += take;
          if (filled === chunk.length) state = "dataEnd";
          continue;
        }
        if (state === "done") fail("InvalidRequest", "The body continues after its final chunk.");
        // Every other state reads a CRLF-terminated line.
        const byte = input[i++];
        if (byte !== 0x0a) {
          line += String.fromCharCode(byte);
          if (line.length > MAX_LINE_BYTES) {
            fail("InvalidRequest", "A chunk header or trailer line is too long.");
          }
          continue;
        }
        if (!line.endsWith("\r")) {
          fail("InvalidRequest", "A line of the chunked body does not end with CRLF.");
        }
        const text = line.slice(0, -1);
        line = "";
        if (state === "header") startChunk(text);
        else if (state === "trailer") await trailerLine(text);
        else if (text !== "") fail("InvalidRequest", "Chunk data is longer than its header says.");
        else if (state === "dataEnd") await finishChunk(controller);
        else state = "done"; // finalEnd
      }
    },
    flush() {
      if (state !== "done") fail("IncompleteBody", "The body ended before its final chunk.");
    },
  });
}
