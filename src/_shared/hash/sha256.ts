import {
  digestHex,
  digestInto,
  SHA256_IV,
  sha256OfDigest,
  sha256Run,
  stateAfterBlock,
} from "./sha256_blocks.ts";

const encoder = new TextEncoder();

/** SHA-256 of the empty string, the payload hash of every body-less request. */
export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// WebCrypto is asynchronous: for a few kilobytes its promise round trip costs more than
// hashing itself, so small inputs are hashed synchronously and larger bodies go to
// crypto.subtle, whose native code wins above this size.
const SUBTLE_THRESHOLD_BYTES = 4 * 1024;

// Strings are UTF-8 encoded into one reused buffer instead of a fresh array per hash.
let scratch = new Uint8Array(1024);

// Below this many characters, copying char codes in JS beats a call into the runtime's
// encoder; above it (long session tokens in the canonical request) the encoder wins.
const JS_ENCODE_MAX_LENGTH = 256;

// Runs the hash over `data`, a string as UTF-8.
function run(start: Int32Array, prefixLength: number, data: string | Uint8Array): void {
  if (typeof data !== "string") return sha256Run(start, prefixLength, data);
  const length = data.length;
  if (length * 3 > scratch.length) scratch = new Uint8Array(length * 3);
  let written = length;
  for (let i = 0; i < length; i++) {
    const code = data.charCodeAt(i);
    if (code > 0x7f || length > JS_ENCODE_MAX_LENGTH) {
      written = encoder.encodeInto(data, scratch).written;
      break;
    }
    scratch[i] = code;
  }
  sha256Run(start, prefixLength, scratch, written);
}

/** UTF-8 bytes of `text`. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** SHA-256 digest of `bytes`, computed synchronously. */
export function sha256(bytes: Uint8Array): Uint8Array {
  sha256Run(SHA256_IV, 0, bytes);
  return digestInto(new Uint8Array(32));
}

/** Hex SHA-256 of a string (UTF-8) or bytes, computed synchronously. */
export function sha256Hex(data: string | Uint8Array): string {
  run(SHA256_IV, 0, data);
  return digestHex();
}

/** Hex SHA-256 of a body of any size: synchronous when small, WebCrypto when large. */
export async function sha256HexOfBody(bytes: Uint8Array): Promise<string> {
  if (bytes.byteLength < SUBTLE_THRESHOLD_BYTES) return sha256Hex(bytes);
  const digest = new DataView(
    await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>),
  );
  let out = "";
  for (let i = 0; i < 8; i++) out += digest.getUint32(i * 4).toString(16).padStart(8, "0");
  return out;
}

/** A keyed HMAC-SHA256 whose key blocks are compressed once and reused per message. */
export interface KeyedHmac {
  /** HMAC of `message` (a string is UTF-8 encoded) as bytes. */
  bytes(message: string | Uint8Array): Uint8Array;
  /** HMAC of `message` as lowercase hex. */
  hex(message: string): string;
}

/** Prepares HMAC-SHA256 (RFC 2104) under `key`. */
export function keyedHmacSha256(key: Uint8Array): KeyedHmac {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? sha256(key) : key);
  for (let i = 0; i < 64; i++) block[i] ^= 0x36;
  const inner = stateAfterBlock(block);
  for (let i = 0; i < 64; i++) block[i] ^= 0x36 ^ 0x5c;
  const outer = stateAfterBlock(block);
  return {
    bytes(message) {
      run(inner, 64, message);
      sha256OfDigest(outer);
      return digestInto(new Uint8Array(32));
    },
    hex(message) {
      run(inner, 64, message);
      sha256OfDigest(outer);
      return digestHex();
    },
  };
}

/** HMAC-SHA256 of `message` under `key`. */
export function hmacSha256(key: Uint8Array, message: string | Uint8Array): Uint8Array {
  return keyedHmacSha256(key).bytes(message);
}
