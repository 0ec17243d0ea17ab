import {
  curveName,
  derChildren,
  derContent,
  type DerElement,
  derEncoding,
  derExpect,
  DerSyntaxError,
  OID,
  oidHex,
  parseDer,
  TAG,
} from "../../_shared/asn1/der.ts";
import { pemBlocks } from "../../_shared/asn1/pem.ts";
import { X509CertificateError } from "./errors.ts";

/**
 * What X.509 signing needs to know of a certificate, read from its DER.
 *
 * @example
 * ```ts
 * import { parseCertificate, type ParsedCertificate } from "@iamfetch/iamfetch/sigv4";
 * import { assertEquals } from "@std/assert";
 *
 * // A self-signed EC P-256 certificate, serial 0x123456789, valid 2024-2034.
 * const certificate: ParsedCertificate = parseCertificate(`-----BEGIN CERTIFICATE-----
 * MIIBDzCBtgIFASNFZ4kwCgYIKoZIzj0EAwIwEjEQMA4GA1UEAwwHZXhhbXBsZTAe
 * Fw0yNDAxMDEwMDAwMDBaFw0zNDAxMDEwMDAwMDBaMBIxEDAOBgNVBAMMB2V4YW1w
 * bGUwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAR6PtaMQhI/vg5Is0RUCS0e1K4L
 * pwVJXyBfUwBhv6Rrjb1WQwpw4wV1aESQ2mKJqXuDSH9Gu6Ygel5XWsjuIYzPMAoG
 * CCqGSM49BAMCA0gAMEUCICYST5kz+5wjdmAL2IBiXL0AKbX/iS/G4YjKqs3uMMEd
 * AiEA8myBLA0HwnD/CSD2s6+PAaqZKJGRvuZ8v8u9AAoHQYc=
 * -----END CERTIFICATE-----`);
 * assertEquals(certificate.serialNumber, "4886718345");
 * assertEquals(certificate.notBefore, new Date("2024-01-01T00:00:00Z"));
 * assertEquals(certificate.notAfter, new Date("2034-01-01T00:00:00Z"));
 * assertEquals([certificate.keyType, certificate.namedCurve], ["EC", "P-256"]);
 * const algorithm = { name: "ECDSA", namedCurve: "P-256" };
 * const key = await crypto.subtle.importKey("spki", certificate.spki, algorithm, true, ["verify"]);
 * assertEquals(key.type, "public");
 * ```
 */
export interface ParsedCertificate {
  /** The certificate's DER encoding, as sent base64-encoded in `X-Amz-X509`. */
  readonly der: Uint8Array;
  /**
   * The serial number in decimal, as IAM Roles Anywhere expects it in the credential scope
   * (AWS's credential helper writes Go's `SerialNumber.String()`).
   */
  readonly serialNumber: string;
  /** The start of the validity period. */
  readonly notBefore: Date;
  /** The end of the validity period. */
  readonly notAfter: Date;
  /** The public key's algorithm: `RSA`, `EC`, or `other` (Ed25519, DSA, …). */
  readonly keyType: "RSA" | "EC" | "other";
  /** The curve of an EC key (`P-256`, `P-384`, `P-521`), when it is one of those. */
  readonly namedCurve?: string;
  /** The SubjectPublicKeyInfo DER, importable with `crypto.subtle.importKey("spki", …)`. */
  readonly spki: Uint8Array<ArrayBuffer>;
}

/** Two's-complement big-endian bytes as a decimal string (RFC 5280 serials are INTEGERs). */
function integerDecimal(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new DerSyntaxError("empty serial number");
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  if (bytes[0] & 0x80) value -= 1n << BigInt(8 * bytes.length);
  return value.toString();
}

const UTC_TIME = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;
const GENERALIZED_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;

/** A Time (RFC 5280 §4.1.2.5): UTCTime through 2049, GeneralizedTime after. */
function readTime(element: DerElement): Date {
  const text = String.fromCharCode(...derContent(element));
  const match = element.tag === TAG.UTC_TIME
    ? UTC_TIME.exec(text)
    : element.tag === TAG.GENERALIZED_TIME
    ? GENERALIZED_TIME.exec(text)
    : null;
  if (match === null) throw new DerSyntaxError("validity time not in DER form");
  let year = Number(match[1]);
  if (element.tag === TAG.UTC_TIME) year += year >= 50 ? 1900 : 2000;
  const [month, day, hour, minute, second] = match.slice(2).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls over out-of-range fields (month 13, second 61); such a time is malformed.
  if (
    date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day ||
    date.getUTCHours() !== hour || date.getUTCMinutes() !== minute ||
    date.getUTCSeconds() !== second
  ) {
    throw new DerSyntaxError("validity time out of range");
  }
  date.setUTCFullYear(year); // years 0-99 would otherwise be read as 1900-1999
  return date;
}

function readKeyType(spki: DerElement) {
  const [algorithm] = derChildren(spki);
  const [oid, parameters] = derChildren(derExpect(algorithm, TAG.SEQUENCE, "key algorithm"));
  const algorithmOid = oidHex(oid);
  if (algorithmOid === OID.RSA) return { keyType: "RSA" as const };
  if (algorithmOid !== OID.EC_PUBLIC_KEY) return { keyType: "other" as const };
  const namedCurve = parameters?.tag === TAG.OID ? curveName(oidHex(parameters)) : undefined;
  return namedCurve === undefined
    ? { keyType: "EC" as const }
    : { keyType: "EC" as const, namedCurve };
}

/** Reads a certificate's DER (Certificate ::= SEQUENCE { tbsCertificate, … }, RFC 5280 §4.1). */
function readCertificate(der: Uint8Array): ParsedCertificate {
  const [tbs] = derChildren(derExpect(parseDer(der), TAG.SEQUENCE, "certificate"));
  const fields = derChildren(derExpect(tbs, TAG.SEQUENCE, "tbsCertificate"));
  // `version` is an explicit [0] tag, absent in version 1 certificates.
  const at = fields[0]?.tag === 0xa0 ? 1 : 0;
  const serial = derExpect(fields[at], TAG.INTEGER, "serialNumber");
  const validity = derChildren(derExpect(fields[at + 3], TAG.SEQUENCE, "validity"));
  const spki = derExpect(fields[at + 5], TAG.SEQUENCE, "subjectPublicKeyInfo");
  if (validity.length !== 2) throw new DerSyntaxError("validity is not two times");
  return {
    der,
    serialNumber: integerDecimal(derContent(serial)),
    notBefore: readTime(validity[0]),
    notAfter: readTime(validity[1]),
    ...readKeyType(spki),
    spki: derEncoding(spki).slice(),
  };
}

/** The DER of every `CERTIFICATE` block of a PEM text, or the bytes given as DER. */
function certificateDers(input: string | Uint8Array): Uint8Array[] {
  if (typeof input !== "string") return [input];
  const blocks = pemBlocks(input).filter((block) => block.label === "CERTIFICATE");
  return blocks.map((block) => {
    if (block.der === undefined) {
      throw new X509CertificateError(
        "malformed-certificate",
        "A CERTIFICATE block of the PEM text is not valid base64.",
      );
    }
    return block.der;
  });
}

function parseOne(der: Uint8Array): ParsedCertificate {
  try {
    return readCertificate(der);
  } catch (error) {
    if (!(error instanceof DerSyntaxError)) throw error;
    throw new X509CertificateError(
      "malformed-certificate",
      `The certificate is not a valid X.509 DER encoding (${error.message}).`,
    );
  }
}

/**
 * Reads an X.509 certificate given as PEM (the first `CERTIFICATE` block; other blocks are
 * ignored, as AWS's credential helper does) or as DER bytes. Throws
 * {@linkcode X509CertificateError} (`malformed-certificate`) for anything else.
 *
 * @example
 * ```ts
 * import { parseCertificate, X509CertificateError } from "@iamfetch/iamfetch/sigv4";
 * import { assertEquals, assertThrows } from "@std/assert";
 *
 * const error = assertThrows(
 *   () => parseCertificate("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
 *   X509CertificateError,
 * );
 * assertEquals(error.reason, "malformed-certificate");
 * ```
 */
export function parseCertificate(input: string | Uint8Array): ParsedCertificate {
  const [der] = certificateDers(input);
  if (der === undefined) {
    throw new X509CertificateError(
      "malformed-certificate",
      "No -----BEGIN CERTIFICATE----- block was found in the certificate text.",
    );
  }
  return parseOne(der);
}

/**
 * Reads a certificate chain: a PEM text of any number of `CERTIFICATE` blocks (a bundle), or
 * a list of PEM texts and DER encodings, each one certificate. Order is kept.
 */
export function parseCertificateChain(
  input: string | readonly (string | Uint8Array)[],
): ParsedCertificate[] {
  if (typeof input === "string") return certificateDers(input).map(parseOne);
  return input.map((item) => parseCertificate(item));
}
