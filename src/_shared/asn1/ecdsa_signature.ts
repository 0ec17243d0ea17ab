// SigV4a, X.509 (IAM Roles Anywhere) and CloudFront send ECDSA P-256 signatures
// DER-encoded (SEQUENCE { INTEGER r, INTEGER s }), as aws-c-auth, @smithy/signature-v4a and
// OpenSSL do; WebCrypto signs and verifies the raw form, r and s as two 32-byte big-endian
// halves. These convert between the two.
import {
  derChildren,
  derContent,
  derExpect,
  DerSyntaxError,
  encodeDer,
  parseDer,
  TAG,
} from "./der.ts";

const HALF = 32;

// A non-negative big-endian number as the content of a minimal DER INTEGER.
function integerContent(half: Uint8Array): Uint8Array {
  let start = 0;
  while (start < half.length - 1 && half[start] === 0) start++;
  const digits = half.subarray(start);
  // A set high bit would make it negative: one zero byte in front.
  return digits[0] >= 0x80 ? Uint8Array.of(0, ...digits) : digits;
}

/** DER encoding of a raw 64-byte ECDSA P-256 signature (r || s). */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  return encodeDer(
    TAG.SEQUENCE,
    encodeDer(TAG.INTEGER, integerContent(raw.subarray(0, HALF))),
    encodeDer(TAG.INTEGER, integerContent(raw.subarray(HALF, 2 * HALF))),
  );
}

/**
 * The raw 64-byte form of a DER ECDSA P-256 signature, or `undefined` unless `der` is one
 * strictly encoded SEQUENCE of two positive, minimally encoded integers of at most 32 bytes.
 */
export function ecdsaDerToRaw(der: Uint8Array): Uint8Array | undefined {
  try {
    const integers = derChildren(derExpect(parseDer(der), TAG.SEQUENCE, "signature"));
    if (integers.length !== 2) return undefined;
    const raw = new Uint8Array(2 * HALF);
    for (const [index, integer] of integers.entries()) {
      const value = derContent(derExpect(integer, TAG.INTEGER, "r and s"));
      if (value.length === 0 || value[0] >= 0x80) return undefined;
      if (value.length > 1 && value[0] === 0 && value[1] < 0x80) return undefined; // not minimal
      const digits = value[0] === 0 && value.length > 1 ? value.subarray(1) : value;
      if (digits.length > HALF) return undefined;
      raw.set(digits, (index + 1) * HALF - digits.length);
    }
    return raw;
  } catch (error) {
    if (error instanceof DerSyntaxError) return undefined;
    throw error;
  }
}
