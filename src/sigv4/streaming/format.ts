// The aws-chunked body format S3 defines for streaming uploads ("Signature Calculations
// for the Authorization Header: Transferring Payload in Multiple Chunks" and "…Including
// Trailing Headers" in the Amazon S3 API reference), shared by the encoder and the decoder.
import { EMPTY_SHA256 } from "../../_shared/hash/sha256.ts";

/**
 * The `x-amz-content-sha256` values of the streaming payload modes: every chunk signed,
 * every chunk signed plus a signed trailing checksum, or unsigned chunks with a trailing
 * checksum.
 */
export type StreamingPayloadMode =
  | "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
  | "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
  | "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

/**
 * The trailing checksum headers an aws-chunked body may end with.
 */
export type StreamingTrailer = "x-amz-checksum-crc32" | "x-amz-checksum-crc32c";

/** Every {@linkcode StreamingPayloadMode}, to recognise one in a header. */
export const STREAMING_MODES: readonly StreamingPayloadMode[] = [
  "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
  "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
  "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
];

/** Every {@linkcode StreamingTrailer}. */
export const STREAMING_TRAILERS: readonly StreamingTrailer[] = [
  "x-amz-checksum-crc32",
  "x-amz-checksum-crc32c",
];

/** Whether chunks of `mode` carry a `chunk-signature`. */
export function isSignedMode(mode: StreamingPayloadMode): boolean {
  return mode !== "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
}

/** Whether bodies of `mode` end with a trailing checksum. */
export function hasTrailer(mode: StreamingPayloadMode): boolean {
  return mode.endsWith("-TRAILER");
}

/** S3's smallest chunk size (all chunks but the last): 8 KB. */
export const MIN_CHUNK_SIZE = 8192;

const SIGNATURE_EXTENSION = ";chunk-signature=";
const TRAILER_SIGNATURE = "x-amz-trailer-signature";
const SIGNATURE_HEX_LENGTH = 64;

/** The chunk header line, CRLF included: `hex(size);chunk-signature=<sig>\r\n` or `hex(size)\r\n`. */
export function chunkHeader(size: number, signature?: string): string {
  return size.toString(16) + (signature === undefined ? "" : SIGNATURE_EXTENSION + signature) +
    "\r\n";
}

/** The trailer lines after the final chunk, the blank line that ends the body included. */
export function trailerBlock(name: string, value: string, signature?: string): string {
  return name + ":" + value + "\r\n" +
    (signature === undefined ? "" : TRAILER_SIGNATURE + ":" + signature + "\r\n") + "\r\n";
}

/** The trailer as it is hashed for its signature: `name:value\n`. */
export function canonicalTrailer(name: string, value: string): string {
  return name + ":" + value + "\n";
}

/** The string to sign of a data chunk (`AWS4-HMAC-SHA256-PAYLOAD`), chained to `previous`. */
export function chunkStringToSign(
  longDate: string,
  scope: string,
  previous: string,
  chunkHash: string,
): string {
  return "AWS4-HMAC-SHA256-PAYLOAD\n" + longDate + "\n" + scope + "\n" + previous + "\n" +
    EMPTY_SHA256 + "\n" + chunkHash;
}

/** The string to sign of the trailer (`AWS4-HMAC-SHA256-TRAILER`), chained to the final chunk's. */
export function trailerStringToSign(
  longDate: string,
  scope: string,
  previous: string,
  trailerHash: string,
): string {
  return "AWS4-HMAC-SHA256-TRAILER\n" + longDate + "\n" + scope + "\n" + previous + "\n" +
    trailerHash;
}

/** Length of the base64 value of a 4-byte checksum. */
const CRC_BASE64_LENGTH = 8;

/**
 * The encoded (`Content-Length`) size of a body of `decodedLength` bytes framed in
 * chunks of `chunkSize`, computable before any byte is read.
 */
export function encodedLength(
  decodedLength: number,
  chunkSize: number,
  mode: StreamingPayloadMode,
  trailer?: StreamingTrailer,
): number {
  const signed = isSignedMode(mode);
  const headerLength = (size: number) =>
    size.toString(16).length + (signed ? SIGNATURE_EXTENSION.length + SIGNATURE_HEX_LENGTH : 0) +
    2;
  const fullChunks = Math.floor(decodedLength / chunkSize);
  const rest = decodedLength % chunkSize;
  let length = fullChunks * (headerLength(chunkSize) + chunkSize + 2);
  if (rest > 0) length += headerLength(rest) + rest + 2;
  length += headerLength(0);
  if (!hasTrailer(mode) || trailer === undefined) return length + 2;
  length += trailer.length + 1 + CRC_BASE64_LENGTH + 2;
  if (signed) length += TRAILER_SIGNATURE.length + 1 + SIGNATURE_HEX_LENGTH + 2;
  return length + 2;
}
