// The one DER (X.690) reader and writer: enough ASN.1 for X.509 certificates (RFC 5280), the
// private key formats PKCS #8 (RFC 5208), PKCS #1 (RFC 8017) and SEC 1 (RFC 5915), and ECDSA
// signatures. Only definite, minimal lengths and one-byte tags, which is all DER allows in
// these structures.
import { IamfetchError } from "../iamfetch_error.ts";

/** Universal tags used here. */
export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
} as const;

/** Thrown by the reader for bytes that are not the DER expected; callers turn it into a typed error. */
export class DerSyntaxError extends IamfetchError {
  constructor(message: string) {
    super(message);
    this.name = "DerSyntaxError";
  }
}

/** One element: its tag, and where its header and content lie in `bytes`. */
export interface DerElement {
  readonly tag: number;
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly contentStart: number;
  readonly end: number;
}

function elementAt(bytes: Uint8Array, at: number, limit: number): DerElement {
  if (at + 2 > limit) throw new DerSyntaxError("truncated element header");
  const tag = bytes[at];
  if ((tag & 0x1f) === 0x1f) throw new DerSyntaxError("multi-byte tag");
  let length = bytes[at + 1];
  let contentStart = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    // Indefinite lengths (0x80) are BER, not DER; more than 4 length bytes is absurd here.
    if (count === 0 || count > 4) throw new DerSyntaxError("unsupported length form");
    if (contentStart + count > limit) throw new DerSyntaxError("truncated length");
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[contentStart + i];
    if (length < 0x80 || bytes[contentStart] === 0) throw new DerSyntaxError("non-minimal length");
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) throw new DerSyntaxError("element longer than its container");
  return { tag, bytes, start: at, contentStart, end };
}

/** The one element that makes up all of `bytes`. */
export function parseDer(bytes: Uint8Array): DerElement {
  const element = elementAt(bytes, 0, bytes.length);
  if (element.end !== bytes.length) throw new DerSyntaxError("trailing bytes");
  return element;
}

/** The elements inside a constructed element, which must fill it exactly. */
export function derChildren(parent: DerElement): DerElement[] {
  const children: DerElement[] = [];
  for (let at = parent.contentStart; at < parent.end;) {
    const child = elementAt(parent.bytes, at, parent.end);
    children.push(child);
    at = child.end;
  }
  return children;
}

/** `element`, checked to have `tag`. */
export function derExpect(element: DerElement | undefined, tag: number, what: string): DerElement {
  if (element === undefined || element.tag !== tag) {
    throw new DerSyntaxError(`${what} missing or of the wrong type`);
  }
  return element;
}

/** The content bytes of `element`. */
export function derContent(element: DerElement): Uint8Array {
  return element.bytes.subarray(element.contentStart, element.end);
}

/** The whole encoding of `element`, header included. */
export function derEncoding(element: DerElement): Uint8Array {
  return element.bytes.subarray(element.start, element.end);
}

/** Hex of an OBJECT IDENTIFIER's content, for comparing with the constants below. */
export function oidHex(element: DerElement): string {
  let hex = "";
  for (const byte of derContent(derExpect(element, TAG.OID, "object identifier"))) {
    hex += byte.toString(16).padStart(2, "0");
  }
  return hex;
}

/** Content hex of the object identifiers used here. */
export const OID = {
  /** rsaEncryption, 1.2.840.113549.1.1.1 */
  RSA: "2a864886f70d010101",
  /** id-ecPublicKey, 1.2.840.10045.2.1 */
  EC_PUBLIC_KEY: "2a8648ce3d0201",
  /** prime256v1 / secp256r1, 1.2.840.10045.3.1.7 */
  P256: "2a8648ce3d030107",
  /** secp384r1, 1.3.132.0.34 */
  P384: "2b81040022",
  /** secp521r1, 1.3.132.0.35 */
  P521: "2b81040023",
} as const;

/** The curve name of a named-curve OID's content hex, or `undefined`. */
export function curveName(hex: string): string | undefined {
  return hex === OID.P256
    ? "P-256"
    : hex === OID.P384
    ? "P-384"
    : hex === OID.P521
    ? "P-521"
    : undefined;
}

/** DER of one element with `tag` around the concatenated `contents`. */
export function encodeDer(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const length = contents.reduce((sum, part) => sum + part.length, 0);
  const lengthBytes: number[] = [];
  if (length < 0x80) lengthBytes.push(length);
  else {
    for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) {
      lengthBytes.unshift(rest % 256);
    }
    lengthBytes.unshift(0x80 | lengthBytes.length);
  }
  const out = new Uint8Array(1 + lengthBytes.length + length);
  out[0] = tag;
  out.set(lengthBytes, 1);
  let at = 1 + lengthBytes.length;
  for (const part of contents) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The content bytes of an OID given as its content hex. */
export function oidBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g)!, (pair) => parseInt(pair, 16));
}
