// A synchronous SHA-256 (FIPS 180-4) tuned for SigV4's many small inputs: no per-call
// allocation besides the 32-byte digest, and a resumable start state so an HMAC key's
// padded blocks are compressed once and reused (see keyedHmacSha256).

// The 64 round constants, as one hex string: far smaller in a bundle than 64 literals.
const K_HEX = "428a2f9871374491b5c0fbcfe9b5dba53956c25b59f111f1923f82a4ab1c5ed5" +
  "d807aa9812835b01243185be550c7dc372be5d7480deb1fe9bdc06a7c19bf174" +
  "e49b69c1efbe47860fc19dc6240ca1cc2de92c6f4a7484aa5cb0a9dc76f988da" +
  "983e5152a831c66db00327c8bf597fc7c6e00bf3d5a7914706ca635114292967" +
  "27b70a852e1b21384d2c6dfc53380d13650a7354766a0abb81c2c92e92722c85" +
  "a2bfe8a1a81a664bc24b8b70c76c51a3d192e819d6990624f40e3585106aa070" +
  "19a4c1161e376c082748774c34b0bcb5391c0cb34ed8aa4a5b9cca4f682e6ff3" +
  "748f82ee78a5636f84c878148cc7020890befffaa4506cebbef9a3f7c67178f2";
const K = /* @__PURE__ */ Int32Array.from(
  { length: 64 },
  (_, i) => parseInt(K_HEX.slice(8 * i, 8 * i + 8), 16) | 0,
);

/** The SHA-256 initial hash value. */
export const SHA256_IV: Int32Array = new Int32Array([
  0x6a09e667,
  0xbb67ae85,
  0x3c6ef372,
  0xa54ff53a,
  0x510e527f,
  0x9b05688c,
  0x1f83d9ab,
  0x5be0cd19,
]);

const W = new Int32Array(64);
const TAIL = new Uint8Array(128);
const TAIL_VIEW = new DataView(TAIL.buffer);

/** Compresses the 64-byte block of `data` at `offset` into `state`. */
function compress(state: Int32Array, data: DataView, offset: number): void {
  for (let i = 0; i < 16; i++, offset += 4) W[i] = data.getInt32(offset);
  for (let i = 16; i < 64; i++) {
    const w15 = W[i - 15];
    const w2 = W[i - 2];
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
  }
  let a = state[0], b = state[1], c = state[2], d = state[3];
  let e = state[4], f = state[5], g = state[6], h = state[7];
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    // Ch and Maj in their one-operation-shorter forms.
    const t1 = (h + S1 + (g ^ (e & (f ^ g))) + K[i] + W[i]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) | (c & (a | b)))) | 0;
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
 * Runs SHA-256 over `data[0..length)` starting from `start` (a state after
 * `prefixLength` bytes already compressed, a multiple of 64) and leaves the digest in
 * the shared state, to be read at once with {@linkcode digestHex} or {@linkcode digestInto}.
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
    for (let offset = 0; offset < fullEnd; offset += 64) compress(STATE, view, offset);
  }

  const rest = length - fullEnd;
  const tailLength = rest < 56 ? 64 : 128;
  for (let i = 0; i < rest; i++) TAIL[i] = data[fullEnd + i];
  TAIL[rest] = 0x80;
  TAIL.fill(0, rest + 1, tailLength - 8);
  const bits = (prefixLength + length) * 8;
  const high = Math.floor(bits / 0x100000000);
  const low = bits >>> 0;
  TAIL[tailLength - 8] = high >>> 24;
  TAIL[tailLength - 7] = high >>> 16;
  TAIL[tailLength - 6] = high >>> 8;
  TAIL[tailLength - 5] = high;
  TAIL[tailLength - 4] = low >>> 24;
  TAIL[tailLength - 3] = low >>> 16;
  TAIL[tailLength - 2] = low >>> 8;
  TAIL[tailLength - 1] = low;
  compress(STATE, TAIL_VIEW, 0);
  if (tailLength === 128) compress(STATE, TAIL_VIEW, 64);
}

const HEX = "0123456789abcdef";

/** The digest of the last {@linkcode sha256Run} as lowercase hex. */
export function digestHex(): string {
  let out = "";
  for (let i = 0; i < 8; i++) {
    const word = STATE[i];
    for (let shift = 28; shift >= 0; shift -= 4) out += HEX[(word >>> shift) & 15];
  }
  return out;
}

/** Writes the digest of the last {@linkcode sha256Run} into `out` (32 bytes). */
export function digestInto(out: Uint8Array): Uint8Array {
  for (let i = 0; i < 8; i++) {
    const word = STATE[i];
    out[i * 4] = word >>> 24;
    out[i * 4 + 1] = word >>> 16;
    out[i * 4 + 2] = word >>> 8;
    out[i * 4 + 3] = word;
  }
  return out;
}

/** The state after compressing one 64-byte block onto the initial value. */
export function stateAfterBlock(block: Uint8Array): Int32Array {
  const state = SHA256_IV.slice();
  compress(state, new DataView(block.buffer, block.byteOffset, 64), 0);
  return state;
}
