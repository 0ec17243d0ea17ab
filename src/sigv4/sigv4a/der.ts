// SigV4a sends the ECDSA signature DER-encoded (SEQUENCE { INTEGER r, INTEGER s }), as
// aws-c-auth and @smithy/signature-v4a do; WebCrypto signs and verifies the raw form,
// r and s as two 32-byte big-endian halves. These convert between the two.

const HALF = 32;

function derInteger(half: Uint8Array): Uint8Array {
  let start = 0;
  while (start < HALF - 1 && half[start] === 0) start++;
  const pad = half[start] >= 0x80 ? 1 : 0; // a set high bit would make it negative
  const out = new Uint8Array(2 + pad + HALF - start);
  out[0] = 0x02;
  out[1] = pad + HALF - start;
  out.set(half.subarray(start), 2 + pad);
  return out;
}

/** DER encoding of a raw 64-byte ECDSA P-256 signature (r || s). */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const r = derInteger(raw.subarray(0, HALF));
  const s = derInteger(raw.subarray(HALF, 2 * HALF));
  const der = new Uint8Array(2 + r.length + s.length);
  der[0] = 0x30;
  der[1] = r.length + s.length;
  der.set(r, 2);
  der.set(s, 2 + r.length);
  return der;
}

/**
 * The raw 64-byte form of a DER ECDSA P-256 signature, or `undefined` unless `der` is one
 * strictly encoded SEQUENCE of two positive, minimally encoded integers of at most 32 bytes.
 */
export function ecdsaDerToRaw(der: Uint8Array): Uint8Array | undefined {
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return undefined;
  const raw = new Uint8Array(2 * HALF);
  let at = 2;
  for (const offset of [0, HALF]) {
    if (der[at] !== 0x02) return undefined;
    const length = der[at + 1];
    const value = der.subarray(at + 2, at + 2 + length);
    if (length === 0 || value.length !== length || value[0] >= 0x80) return undefined;
    if (length > 1 && value[0] === 0 && value[1] < 0x80) return undefined; // not minimal
    const digits = value[0] === 0 && length > 1 ? value.subarray(1) : value;
    if (digits.length > HALF) return undefined;
    raw.set(digits, offset + HALF - digits.length);
    at += 2 + length;
  }
  return at === der.length ? raw : undefined;
}
