import { base64 } from "../bytes/base64.ts";

// CRC-32 (IEEE 802.3, as zlib) and CRC-32C (Castagnoli), the checksums S3 accepts in an
// aws-chunked trailer (`x-amz-checksum-crc32`, `x-amz-checksum-crc32c`). Table-driven,
// eight bytes per step ("slicing-by-8"), so a 1 GiB upload is not held up by its checksum.

function tables(polynomial: number): Int32Array[] {
  const result = Array.from({ length: 8 }, () => new Int32Array(256));
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? polynomial ^ (c >>> 1) : c >>> 1;
    result[0][n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = result[0][n];
    for (let t = 1; t < 8; t++) {
      c = result[0][c & 0xff] ^ (c >>> 8);
      result[t][n] = c;
    }
  }
  return result;
}

/** The reflected polynomials of the two checksums. */
const POLYNOMIALS = { crc32: 0xedb88320, crc32c: 0x82f63b78 } as const;

/** The checksum algorithms {@linkcode Crc32} computes. */
export type CrcAlgorithm = keyof typeof POLYNOMIALS;

const TABLES = new Map<CrcAlgorithm, Int32Array[]>();

/** An incremental CRC-32 or CRC-32C: `update` with each piece, then `digest`. */
export class Crc32 {
  #crc = -1;
  readonly #t: Int32Array[];

  /** Starts a checksum; `crc32` by default. */
  constructor(algorithm: CrcAlgorithm = "crc32") {
    let t = TABLES.get(algorithm);
    if (t === undefined) TABLES.set(algorithm, t = tables(POLYNOMIALS[algorithm]));
    this.#t = t;
  }

  /** Adds `bytes` to the checksum. */
  update(bytes: Uint8Array): this {
    const [t0, t1, t2, t3, t4, t5, t6, t7] = this.#t;
    let crc = this.#crc;
    let i = 0;
    const end8 = bytes.length - (bytes.length % 8);
    for (; i < end8; i += 8) {
      const a = crc ^ (bytes[i] | bytes[i + 1] << 8 | bytes[i + 2] << 16 | bytes[i + 3] << 24);
      crc = t7[a & 0xff] ^ t6[(a >>> 8) & 0xff] ^ t5[(a >>> 16) & 0xff] ^ t4[a >>> 24] ^
        t3[bytes[i + 4]] ^ t2[bytes[i + 5]] ^ t1[bytes[i + 6]] ^ t0[bytes[i + 7]];
    }
    for (; i < bytes.length; i++) crc = t0[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    this.#crc = crc;
    return this;
  }

  /** The checksum as an unsigned 32-bit number. */
  digest(): number {
    return ~this.#crc >>> 0;
  }

  /** The checksum as S3 sends it: base64 of its four big-endian bytes. */
  digestBase64(): string {
    const value = this.digest();
    return base64(Uint8Array.of(value >>> 24, value >>> 16, value >>> 8, value));
  }
}
