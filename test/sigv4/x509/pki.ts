/**
 * A test PKI on WebCrypto alone: makes key pairs and X.509 certificates (a CA, intermediates,
 * end-entity certificates with any serial number and validity) and writes keys as PKCS #8,
 * PKCS #1 or SEC 1 PEM. Its own small DER writer, independent of the library's reader, and
 * web standards only, so the runtime-matrix scenario can issue certificates in every runtime.
 * Everything it makes is generated at run time; no key is ever written to the repository.
 *
 * @module
 */

/** The key types the tests issue certificates for. */
export type TestKeyType = "RSA" | "EC";

/** A key pair with what is needed to name it in a certificate. */
export interface TestKeyPair {
  readonly type: TestKeyType;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
}

/** A certificate and the key pair it certifies. */
export interface TestCertificate {
  readonly der: Uint8Array;
  readonly pem: string;
  readonly keys: TestKeyPair;
  readonly subject: string;
}

/** What to put in a certificate. */
export interface IssueOptions {
  /** The subject's common name. */
  subject: string;
  /** The certified key pair (a new one of `keyType` by default). */
  keys?: TestKeyPair;
  /** The key type of a new key pair; default `EC`. */
  keyType?: TestKeyType;
  /** The serial number's INTEGER content bytes; default 16 random bytes (positive). */
  serial?: Uint8Array;
  notBefore?: Date;
  notAfter?: Date;
  /** Whether it is a CA certificate (basicConstraints cA, keyCertSign). */
  ca?: boolean;
}

const RSA_ALGORITHM = {
  name: "RSASSA-PKCS1-v1_5",
  modulusLength: 2048,
  publicExponent: Uint8Array.of(1, 0, 1),
  hash: "SHA-256",
};
const EC_ALGORITHM = { name: "ECDSA", namedCurve: "P-256" };

/** A fresh extractable key pair. */
export async function generateTestKeys(type: TestKeyType): Promise<TestKeyPair> {
  const pair = await crypto.subtle.generateKey(
    type === "RSA" ? RSA_ALGORITHM : EC_ALGORITHM,
    true,
    ["sign", "verify"],
  ) as CryptoKeyPair;
  return { type, privateKey: pair.privateKey, publicKey: pair.publicKey };
}

function der(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const header = [tag];
  if (length < 0x80) header.push(length);
  else {
    const bytes: number[] = [];
    for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
    header.push(0x80 | bytes.length, ...bytes);
  }
  const out = new Uint8Array(header.length + length);
  out.set(header);
  let at = header.length;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const seq = (...parts: Uint8Array[]) => der(0x30, ...parts);
const oid = (...bytes: number[]) => der(0x06, Uint8Array.from(bytes));
const utf8 = (text: string) => new TextEncoder().encode(text);

const SHA256_WITH_RSA = seq(oid(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b), der(0x05));
const ECDSA_WITH_SHA256 = seq(oid(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02));

function name(commonName: string): Uint8Array {
  return seq(der(0x31, seq(oid(0x55, 0x04, 0x03), der(0x0c, utf8(commonName)))));
}

function time(date: Date): Uint8Array {
  const iso = date.toISOString(); // 2024-05-01T12:00:00.000Z
  const digits = iso.slice(0, 19).replace(/[-T:]/g, "");
  const year = date.getUTCFullYear();
  // RFC 5280: UTCTime through 2049, GeneralizedTime from 2050.
  return year < 2050 ? der(0x17, utf8(digits.slice(2) + "Z")) : der(0x18, utf8(digits + "Z"));
}

function integer(bytes: Uint8Array): Uint8Array {
  return der(0x02, bytes[0] & 0x80 ? Uint8Array.of(0, ...bytes) : bytes);
}

/** The DER ECDSA-Sig-Value of a raw r || s signature. */
export function ecdsaDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const minimal = (part: Uint8Array) => {
    let start = 0;
    while (start < part.length - 1 && part[start] === 0) start++;
    return part.subarray(start);
  };
  return seq(integer(minimal(raw.subarray(0, half))), integer(minimal(raw.subarray(half))));
}

function extensions(ca: boolean): Uint8Array {
  const critical = der(0x01, Uint8Array.of(0xff));
  const basicConstraints = seq(
    oid(0x55, 0x1d, 0x13),
    critical,
    der(0x04, ca ? seq(der(0x01, Uint8Array.of(0xff))) : seq()),
  );
  // keyUsage: keyCertSign + cRLSign (bits 5, 6) for a CA, digitalSignature (bit 0) otherwise.
  const usage = ca ? der(0x03, Uint8Array.of(0x01, 0x06)) : der(0x03, Uint8Array.of(0x07, 0x80));
  const keyUsage = seq(oid(0x55, 0x1d, 0x0f), critical, der(0x04, usage));
  return der(0xa3, seq(basicConstraints, keyUsage));
}

/** Signs `data` with `keys` the way an X.509 signature is encoded. */
async function x509Signature(keys: TestKeyPair, data: Uint8Array): Promise<Uint8Array> {
  const params = keys.type === "RSA" ? "RSASSA-PKCS1-v1_5" : { name: "ECDSA", hash: "SHA-256" };
  const raw = new Uint8Array(
    await crypto.subtle.sign(params, keys.privateKey, data as Uint8Array<ArrayBuffer>),
  );
  return keys.type === "RSA" ? raw : ecdsaDer(raw);
}

/** Base64 PEM of `bytes` under `label`, 64 characters a line. */
export function toPem(label: string, bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  const lines = btoa(binary).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

/**
 * Issues a certificate for `options.subject`, signed by `issuer` (self-signed when omitted):
 * version 3, sha256WithRSAEncryption or ecdsa-with-SHA256 after the issuer's key.
 */
export async function issueCertificate(
  options: IssueOptions,
  issuer?: TestCertificate,
): Promise<TestCertificate> {
  const keys = options.keys ?? await generateTestKeys(options.keyType ?? "EC");
  const signer = issuer?.keys ?? keys;
  const serial = options.serial ??
    crypto.getRandomValues(new Uint8Array(16)).map((byte, i) =>
      i === 0 ? (byte & 0x7f) | 0x01 : byte
    );
  const notBefore = options.notBefore ?? new Date(Date.now() - 60 * 60_000);
  const notAfter = options.notAfter ?? new Date(Date.now() + 24 * 60 * 60_000);
  const algorithm = signer.type === "RSA" ? SHA256_WITH_RSA : ECDSA_WITH_SHA256;
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", keys.publicKey));
  const tbs = seq(
    der(0xa0, der(0x02, Uint8Array.of(2))),
    integer(serial),
    algorithm,
    name(issuer?.subject ?? options.subject),
    seq(time(notBefore), time(notAfter)),
    name(options.subject),
    spki,
    extensions(options.ca ?? false),
  );
  const signature = await x509Signature(signer, tbs);
  const certificate = seq(tbs, algorithm, der(0x03, Uint8Array.of(0), signature));
  return {
    der: certificate,
    pem: toPem("CERTIFICATE", certificate),
    keys,
    subject: options.subject,
  };
}

/** The content of the last OCTET STRING of a PKCS #8 PrivateKeyInfo: the inner key. */
function innerKey(pkcs8: Uint8Array): Uint8Array {
  // SEQUENCE { INTEGER 0, SEQUENCE algorithm, OCTET STRING key }: walk the three children.
  const lengthAt = (at: number): [number, number] => {
    const first = pkcs8[at + 1];
    if (first < 0x80) return [first, at + 2];
    let length = 0;
    for (let i = 0; i < (first & 0x7f); i++) length = length * 256 + pkcs8[at + 2 + i];
    return [length, at + 2 + (first & 0x7f)];
  };
  let [, at] = lengthAt(0);
  for (let child = 0; child < 2; child++) {
    const [length, content] = lengthAt(at);
    at = content + length;
  }
  const [length, content] = lengthAt(at);
  return pkcs8.subarray(content, content + length);
}

/**
 * The private key as PEM: `pkcs8` (`PRIVATE KEY`), `pkcs1` (`RSA PRIVATE KEY`, RSA only) or
 * `sec1` (`EC PRIVATE KEY` with its curve parameters, as `openssl ec` writes it; EC only).
 */
export async function privateKeyPem(
  keys: TestKeyPair,
  format: "pkcs8" | "pkcs1" | "sec1" = "pkcs8",
): Promise<string> {
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", keys.privateKey));
  if (format === "pkcs8") return toPem("PRIVATE KEY", pkcs8);
  if (format === "pkcs1") return toPem("RSA PRIVATE KEY", innerKey(pkcs8));
  // The JWK has the scalar and the point, whatever the runtime put into its PKCS #8.
  const jwk = await crypto.subtle.exportKey("jwk", keys.privateKey);
  const bytes = (value: string) =>
    Uint8Array.from(atob(value.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
  const point = Uint8Array.of(4, ...bytes(jwk.x!), ...bytes(jwk.y!));
  const sec1 = seq(
    der(0x02, Uint8Array.of(1)),
    der(0x04, bytes(jwk.d!)),
    der(0xa0, oid(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07)),
    der(0xa1, der(0x03, Uint8Array.of(0), point)),
  );
  return toPem("EC PRIVATE KEY", sec1);
}
