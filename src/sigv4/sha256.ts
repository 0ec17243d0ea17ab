import { digestHex, digestInto, SHA256_IV, sha256Run, stateAfterBlock } from "./sha256_blocks.ts";
import { toHex } from "./hex.ts";

const encoder = new TextEncoder();

/** SHA-256 of the empty string, the payload hash of every body-less request. */
export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// WebCrypto is asynchronous: for the few hundred bytes of a canonical request its promise
// round trip costs more than hashing itself, so small inputs are hashed synchronously and
// large bodies go to crypto.subtle, whose native code wins above this size.
const SUBTLE_THRESHOLD_BYTES = 16 * 1024;

// Strings are UTF-8 encoded into one reused buffer instead of a fresh array per hash.
let scratch = new Uint8Array(1024);

// Below this many characters, copying char codes in JS beats a call into the runtime's
// encoder; above it (long session tokens in the canonical request) the encoder wins.
const JS_ENCODE_MAX_LENGTH = 256;

function encodeIntoScratch(text: string): number {
  const length = text.length;
  if (length * 3 > scratch.length) scratch = new Uint8Array(length * 3);
  if (length > JS_ENCODE_MAX_LENGTH) return encoder.encodeInto(text, scratch).written;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return encoder.encodeInto(text, scratch).written;
    scratch[i] = code;
  }
  return length;
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
  if (typeof data === "string") {
    const length = encodeIntoScratch(data); // may replace `scratch`: read it afterwards
    sha256Run(SHA256_IV, 0, scratch, length);
  } else sha256Run(SHA256_IV, 0, data);
  return digestHex();
}

/** Hex SHA-256 of a body of any size: synchronous when small, WebCrypto when large. */
export async function sha256HexOfBody(bytes: Uint8Array): Promise<string> {
  if (bytes.byteLength < SUBTLE_THRESHOLD_BYTES) return sha256Hex(bytes);
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return toHex(new Uint8Array(digest));
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
  const innerDigest = new Uint8Array(32);
  const run = (message: string | Uint8Array) => {
    if (typeof message === "string") {
      const length = encodeIntoScratch(message); // may replace `scratch`: read it afterwards
      sha256Run(inner, 64, scratch, length);
    } else sha256Run(inner, 64, message);
    sha256Run(outer, 64, digestInto(innerDigest));
  };
  return {
    bytes(message) {
      run(message);
      return digestInto(new Uint8Array(32));
    },
    hex(message) {
      run(message);
      return digestHex();
    },
  };
}

/** HMAC-SHA256 of `message` under `key`. */
export function hmacSha256(key: Uint8Array, message: string | Uint8Array): Uint8Array {
  return keyedHmacSha256(key).bytes(message);
}
