// A synchronous SHA-256 (FIPS 180-4) tuned for SigV4's many small inputs: no per-call
// allocation besides the digest, and a resumable start state so an HMAC key's padded blocks
// are compressed once and reused (see keyedHmacSha256).

// The constants are computed, as FIPS 180-4 §4.2.2 and §5.3.3 define them, rather than
// spelled out: far smaller in a bundle. K[i] is the first 32 bits of the fractional part of
// the cube root of the i-th prime, the initial value those of the square roots of the first
// 8 primes. No scaled root lies within 2^-7 of an integer while a double holds it to 2^-17,
// so even a Math.cbrt a thousand ulps off yields the same bits; sha256_test.ts checks all
// 72 words against the standard's table.
function firstPrimes(count: number): number[] {
  const primes: number[] = [];
  for (let n = 2; primes.length < count; n++) {
    if (primes.every((p) => n % p)) primes.push(n);
  }
  return primes;
}
const PRIMES = /* @__PURE__ */ firstPrimes(64);
/** The 64 SHA-256 round constants. */
export const SHA256_K: Int32Array = /* @__PURE__ */ Int32Array.from(
  PRIMES,
  (p) => (Math.cbrt(p) % 1) * 2 ** 32,
);

/** The SHA-256 initial hash value. */
export const SHA256_IV: Int32Array = /* @__PURE__ */ Int32Array.from(
  PRIMES.slice(0, 8),
  (p) => (Math.sqrt(p) % 1) * 2 ** 32,
);

// The message schedule; a block's 16 words are loaded into W[0..15] before compress().
const W = new Int32Array(64);

/** Compresses the block loaded in W into `state`. */
function compress(state: Int32Array): void {
  let a = state[0], b = state[1], c = state[2], d = state[3];
  let e = state[4], f = state[5], g = state[6], h = state[7];
  for (let i = 0; i < 64; i++) {
    if (i > 15) {
      // σ0 and σ1 with one rotation folded into another: the same bits, fewer operations.
      const x = W[i - 15], y = W[i - 2];
      const s0 = x ^ ((x >>> 11) | (x << 21));
      const s1 = y ^ ((y >>> 2) | (y << 30));
      W[i] = (W[i - 16] + (((s0 >>> 7) | (s0 << 25)) ^ (x >>> 3)) + W[i - 7] +
        (((s1 >>> 17) | (s1 << 15)) ^ (y >>> 10))) | 0;
    }
    // Σ1, Σ0 folded the same way; Ch and Maj in their one-operation-shorter forms.
    const x = e ^ ((e >>> 5) | (e << 27)) ^ ((e >>> 19) | (e << 13));
    const t1 = (h + ((x >>> 6) | (x << 26)) + (g ^ (e & (f ^ g))) + SHA256_K[i] + W[i]) | 0;
    const y = a ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 20) | (a << 12));
    const t2 = (((y >>> 2) | (y << 30)) + ((a & b) | (c & (a | b)))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0] + a) | 0;
  state[1] = (state[1] + b) | 0;
  state[2] = (state[2] + c) | 0;
  state[3] = (state[3] + d) | 0;
  state[4] = (state[4] + e) | 0;
  state[5] = (state[5] + f) | 0;
  state[6] = (state[6] + g) | 0;
  state[7] = (state[7] + h) | 0;
}

// The running state of the hash being computed; results are read out of it right away.
const STATE = new Int32Array(8);

/**
 * Runs SHA-256 over `data[0..length)` starting from `start` (a state after `prefixLength`
 * bytes already compressed, a multiple of 64) and leaves the digest in the shared state,
 * to be read at once with {@linkcode digestHex}, {@linkcode digestInto} or
 * {@linkcode sha256OfDigest}.
 */
export function sha256Run(
  start: Int32Array,
  prefixLength: number,
  data: Uint8Array,
  length: number = data.length,
): void {
  STATE.set(start);
  const fullEnd = length - (length % 64);
  if (fullEnd > 0) {
    const view = new DataView(data.buffer, data.byteOffset, fullEnd);
    for (let at = 0; at < fullEnd;) {
      for (let i = 0; i < 16; i++, at += 4) W[i] = view.getInt32(at);
      compress(STATE);
    }
  }
  // The last bytes, 0x80, zeros and the bit length, in one or two blocks.
  const blocks = length - fullEnd < 56 ? 1 : 2;
  const bits = (prefixLength + length) * 8;
  for (let block = 0; block < blocks; block++) {
    W.fill(0, 0, 16);
    for (let j = 0; j < 64; j++) {
      const at = fullEnd + block * 64 + j;
      const byte = at < length ? data[at] : at === length ? 0x80 : 0;
      W[j >> 2] |= byte << (24 - 8 * (j & 3));
    }
    if (block === blocks - 1) {
      W[14] = bits / 2 ** 32;
      W[15] = bits;
    }
    compress(STATE);
  }
}

const HEX = "0123456789abcdef";

/** The digest of the last {@linkcode sha256Run} as lowercase hex. */
export function digestHex(): string {
  let out = "";
  for (let i = 0; i < 32; i++) {
    const byte = STATE[i >> 2] >>> (24 - 8 * (i & 3));
    out += HEX[(byte >>> 4) & 15] + HEX[byte & 15];
  }
  return out;
}

/** Writes the digest of the last {@linkcode sha256Run} into `out` (32 bytes). */
export function digestInto(out: Uint8Array): Uint8Array {
  for (let i = 0; i < 32; i++) out[i] = STATE[i >> 2] >>> (24 - 8 * (i & 3));
  return out;
}

/**
 * Hashes the digest of the last {@linkcode sha256Run} as a 32-byte message from `start` (a
 * state after one 64-byte block): the outer hash of an HMAC, its one block loaded
 * straight from the words of the inner digest.
 */
export function sha256OfDigest(start: Int32Array): void {
  W.set(STATE);
  W.fill(0, 8, 16);
  W[8] = 0x80000000;
  W[15] = (64 + 32) * 8;
  STATE.set(start);
  compress(STATE);
}

/** The state after compressing one 64-byte block onto the initial value. */
export function stateAfterBlock(block: Uint8Array): Int32Array {
  const state = SHA256_IV.slice();
  const view = new DataView(block.buffer, block.byteOffset, 64);
  for (let i = 0; i < 16; i++) W[i] = view.getInt32(i * 4);
  compress(state);
  return state;
}
