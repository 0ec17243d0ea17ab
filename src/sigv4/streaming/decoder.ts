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
  return new TransformStream(new AwsChunkedDecoder(options));
}

/**
 * The state machine behind {@linkcode verifyAwsChunkedBody}: reads CRLF-terminated chunk
 * headers and trailer lines, fills one chunk at a time, and passes it on once verified.
 */
class AwsChunkedDecoder implements Transformer<Uint8Array, Uint8Array> {
  readonly #mode: StreamingPayloadMode;
  readonly #decodedLength: number;
  readonly #trailer?: StreamingTrailer;
  readonly #maxChunkSize: number;
  readonly #signed: boolean;
  readonly #chain?: SignatureChain;
  readonly #checksum?: Crc32;
  #state: State = "header";
  #line = "";
  #chunk = new Uint8Array(0);
  #filled = 0;
  #claimed = ""; // the signature the current chunk header claims
  #lastSize = -1;
  #total = 0;
  readonly #trailers = new Map<string, string>();

  constructor(options: AwsChunkedBodyOptions) {
    const { mode, trailer, seed } = options;
    this.#signed = isSignedMode(mode);
    if (this.#signed && seed === undefined) throw new TypeError(`${mode} needs options.seed.`);
    if (hasTrailer(mode) && trailer === undefined) {
      throw new TypeError(`${mode} needs options.trailer.`);
    }
    this.#mode = mode;
    this.#decodedLength = options.decodedLength;
    this.#trailer = trailer;
    this.#maxChunkSize = options.maxChunkSize ?? DEFAULT_MAX_CHUNK_SIZE;
    this.#chain = seed && new SignatureChain(seed);
    this.#checksum = trailer === undefined ? undefined : new Crc32(trailerAlgorithm(trailer));
  }

  async transform(
    input: Uint8Array,
    controller: TransformStreamDefaultController<Uint8Array>,
  ): Promise<void> {
    let i = 0;
    while (i < input.length) {
      if (this.#state === "data") {
        const take = Math.min(this.#chunk.length - this.#filled, input.length - i);
        this.#chunk.set(input.subarray(i, i + take), this.#filled);
        this.#filled += take;
        i += take;
        if (this.#filled === this.#chunk.length) this.#state = "dataEnd";
        continue;
      }
      if (this.#state === "done") {
        fail("InvalidRequest", "The body continues after its final chunk.");
      }
      // Every other state reads a CRLF-terminated line.
      const byte = input[i++];
      if (byte !== 0x0a) {
        this.#line += String.fromCharCode(byte);
        if (this.#line.length > MAX_LINE_BYTES) {
          fail("InvalidRequest", "A chunk header or trailer line is too long.");
        }
        continue;
      }
      if (!this.#line.endsWith("\r")) {
        fail("InvalidRequest", "A line of the chunked body does not end with CRLF.");
      }
      const text = this.#line.slice(0, -1);
      this.#line = "";
      await this.#endOfLine(text, controller);
    }
  }

  flush(): void {
    if (this.#state !== "done") fail("IncompleteBody", "The body ended before its final chunk.");
  }

  async #endOfLine(
    text: string,
    controller: TransformStreamDefaultController<Uint8Array>,
  ): Promise<void> {
    if (this.#state === "header") this.#startChunk(text);
    else if (this.#state === "trailer") await this.#trailerLine(text);
    else if (text !== "") fail("InvalidRequest", "Chunk data is longer than its header says.");
    else if (this.#state === "dataEnd") await this.#finishChunk(controller);
    else this.#state = "done"; // finalEnd
  }

  #startChunk(header: string): void {
    const match = (this.#signed ? SIGNED_HEADER : UNSIGNED_HEADER).exec(header);
    if (!match) {
      fail(
        "InvalidRequest",
        `Malformed chunk header (expected ${
          this.#signed ? "hex-size;chunk-signature=<64 hex>" : "hex-size"
        }).`,
      );
    }
    const size = parseInt(match[1], 16);
    this.#claimed = this.#signed ? match[2] : "";
    if (size > this.#maxChunkSize) {
      fail(
        "InvalidChunkSizeError",
        `A chunk of ${size} bytes exceeds the limit of ${this.#maxChunkSize}.`,
      );
    }
    if (this.#signed && size > 0 && this.#lastSize >= 0 && this.#lastSize < MIN_CHUNK_SIZE) {
      fail(
        "InvalidChunkSizeError",
        `Only the last chunk may be smaller than ${MIN_CHUNK_SIZE} bytes.`,
      );
    }
    if (this.#total + size > this.#decodedLength) {
      fail("InvalidRequest", "The chunks carry more than x-amz-decoded-content-length bytes.");
    }
    if (size === 0) {
      if (this.#total !== this.#decodedLength) {
        fail(
          "IncompleteBody",
          `The body ended after ${this.#total} of ${this.#decodedLength} bytes.`,
        );
      }
      this.#chain?.checkChunk(EMPTY_SHA256, this.#claimed);
      this.#state = hasTrailer(this.#mode) ? "trailer" : "finalEnd";
      return;
    }
    this.#chunk = new Uint8Array(size);
    this.#filled = 0;
    this.#lastSize = size;
    this.#state = "data";
  }

  async #finishChunk(controller: TransformStreamDefaultController<Uint8Array>): Promise<void> {
    this.#chain?.checkChunk(await sha256HexOfBody(this.#chunk), this.#claimed);
    this.#checksum?.update(this.#chunk);
    this.#total += this.#chunk.length;
    controller.enqueue(this.#chunk);
    this.#state = "header";
  }

  async #trailerLine(text: string): Promise<void> {
    const trailers = this.#trailers;
    if (text !== "") {
      const match = TRAILER_LINE.exec(text);
      if (!match) fail("MalformedTrailerError", "A trailer line is not name:value.");
      trailers.set(match[1].toLowerCase(), match[2].trim());
      if (trailers.size > 2) fail("MalformedTrailerError", "The body has unexpected trailers.");
      return;
    }
    const trailer = this.#trailer ?? "";
    const value = trailers.get(trailer);
    if (value === undefined) {
      fail(
        "MalformedTrailerError",
        `The body does not end with the ${trailer} trailer it declared.`,
      );
    }
    if (this.#chain) {
      const given = trailers.get("x-amz-trailer-signature");
      if (given === undefined) {
        fail("MalformedTrailerError", "The trailer has no x-amz-trailer-signature.");
      }
      this.#chain.checkTrailer(
        await sha256HexOfBody(utf8(canonicalTrailer(trailer, value))),
        given,
      );
    } else if (trailers.size > 1) {
      fail("MalformedTrailerError", "The body has unexpected trailers.");
    }
    if (value !== this.#checksum?.digestBase64()) {
      fail("BadDigest", `The ${trailer} you specified did not match the calculated checksum.`);
    }
    this.#state = "done";
  }
}
