import {
  curveName,
  derChildren,
  type DerElement,
  derEncoding,
  derExpect,
  DerSyntaxError,
  encodeDer,
  OID,
  oidBytes,
  oidHex,
  parseDer,
  TAG,
} from "./_der.ts";
import { pemBlocks } from "./_pem.ts";
import { X509CertificateError } from "./errors.ts";

/** The WebCrypto algorithms of the two X.509 signing variants. */
export const RSA_PKCS1_SHA256: RsaHashedImportParams = {
  name: "RSASSA-PKCS1-v1_5",
  hash: "SHA-256",
};
/** ECDSA on P-256; the hash (always SHA-256) is given when signing. */
export const ECDSA_P256: EcKeyImportParams = { name: "ECDSA", namedCurve: "P-256" };

const KEY_LABELS = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY"];

/** The DER INTEGER of a structure's `version` field. */
function version(value: 0 | 1): Uint8Array {
  return encodeDer(TAG.INTEGER, Uint8Array.of(value));
}

function unsupported(what: string): X509CertificateError {
  return new X509CertificateError(
    "unsupported-key",
    `The private key is ${what}; IAM Roles Anywhere signing here takes RSA or EC P-256 keys.`,
  );
}

/** A PKCS #8 PrivateKeyInfo (RFC 5208) around a PKCS #1 RSAPrivateKey. */
function pkcs8FromPkcs1(pkcs1: Uint8Array): Uint8Array {
  derChildren(derExpect(parseDer(pkcs1), TAG.SEQUENCE, "RSAPrivateKey"));
  const algorithm = encodeDer(
    TAG.SEQUENCE,
    encodeDer(TAG.OID, oidBytes(OID.RSA)),
    encodeDer(TAG.NULL),
  );
  return encodeDer(TAG.SEQUENCE, version(0), algorithm, encodeDer(TAG.OCTET_STRING, pkcs1));
}

/**
 * A PKCS #8 PrivateKeyInfo around a SEC 1 ECPrivateKey (RFC 5915): the curve moves into the
 * AlgorithmIdentifier and the inner key keeps its scalar and public point but not its own
 * copy of the curve, the form OpenSSL writes and every WebCrypto imports.
 */
function pkcs8FromSec1(sec1: Uint8Array): Uint8Array {
  const fields = derChildren(derExpect(parseDer(sec1), TAG.SEQUENCE, "ECPrivateKey"));
  const scalar = derExpect(fields[1], TAG.OCTET_STRING, "EC private key");
  const parameters = fields.find((field) => field.tag === 0xa0);
  const publicKey = fields.find((field) => field.tag === 0xa1);
  const curveOid = parameters === undefined ? undefined : derChildren(parameters)[0];
  const curve = curveOid === undefined ? undefined : curveName(oidHex(curveOid));
  if (curve !== "P-256") {
    throw curve === undefined && parameters === undefined
      ? new X509CertificateError(
        "malformed-key",
        "The EC PRIVATE KEY does not name its curve; write it with its parameters (openssl ec -param_out).",
      )
      : unsupported(`EC on ${curve ?? "an unknown curve"}`);
  }
  const inner = encodeDer(
    TAG.SEQUENCE,
    version(1),
    derEncoding(scalar),
    ...(publicKey === undefined ? [] : [derEncoding(publicKey)]),
  );
  const algorithm = encodeDer(
    TAG.SEQUENCE,
    encodeDer(TAG.OID, oidBytes(OID.EC_PUBLIC_KEY)),
    encodeDer(TAG.OID, oidBytes(OID.P256)),
  );
  return encodeDer(TAG.SEQUENCE, version(0), algorithm, encodeDer(TAG.OCTET_STRING, inner));
}

/** The WebCrypto algorithm of a PKCS #8 PrivateKeyInfo, from its AlgorithmIdentifier. */
function pkcs8Algorithm(pkcs8: Uint8Array): RsaHashedImportParams | EcKeyImportParams {
  const fields = derChildren(derExpect(parseDer(pkcs8), TAG.SEQUENCE, "PrivateKeyInfo"));
  const algorithm: DerElement = derExpect(fields[1], TAG.SEQUENCE, "private key algorithm");
  const [oid, parameters] = derChildren(algorithm);
  const algorithmOid = oidHex(oid);
  if (algorithmOid === OID.RSA) return RSA_PKCS1_SHA256;
  if (algorithmOid !== OID.EC_PUBLIC_KEY) throw unsupported("neither RSA nor EC");
  const curve = parameters?.tag === TAG.OID ? curveName(oidHex(parameters)) : undefined;
  if (curve !== "P-256") throw unsupported(`EC on ${curve ?? "an unknown curve"}`);
  derExpect(fields[2], TAG.OCTET_STRING, "private key");
  return ECDSA_P256;
}

function keyBlock(pem: string) {
  const block = pemBlocks(pem).find((candidate) => KEY_LABELS.includes(candidate.label));
  if (block === undefined) {
    throw new X509CertificateError(
      "malformed-key",
      "No -----BEGIN PRIVATE KEY----- (PKCS #8), RSA PRIVATE KEY or EC PRIVATE KEY block was found in the private key text.",
    );
  }
  if (block.label === "ENCRYPTED PRIVATE KEY" || block.encrypted) {
    throw new X509CertificateError(
      "encrypted-key",
      "The private key is encrypted; decrypt it first (openssl pkcs8 -in key.pem -out plain.pem) and keep the result as protected as the password was.",
    );
  }
  if (block.der === undefined) {
    throw new X509CertificateError(
      "malformed-key",
      `The ${block.label} block is not valid base64.`,
    );
  }
  return { label: block.label, der: block.der };
}

/**
 * Imports a PEM private key for X.509 signing: PKCS #8 (`-----BEGIN PRIVATE KEY-----`),
 * PKCS #1 RSA (`RSA PRIVATE KEY`) or SEC 1 EC (`EC PRIVATE KEY`), the forms AWS's credential
 * helper reads. Returns a non-extractable WebCrypto key for `RSASSA-PKCS1-v1_5` with SHA-256
 * or `ECDSA` on P-256. Throws {@linkcode X509CertificateError} (`malformed-key`,
 * `encrypted-key`, `unsupported-key`); messages never quote the key.
 *
 * @example
 * ```ts
 * import { importPrivateKeyPem, X509CertificateError } from "@iamfetch/iamfetch/sigv4";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]);
 * const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
 * const pem = `-----BEGIN PRIVATE KEY-----\n${btoa(String.fromCharCode(...pkcs8))}\n-----END PRIVATE KEY-----\n`;
 * const key = await importPrivateKeyPem(pem);
 * assertEquals(key.algorithm.name, "ECDSA");
 * assert(!key.extractable);
 *
 * try {
 *   await importPrivateKeyPem("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----");
 *   throw new Error("unreachable");
 * } catch (error) {
 *   assert(error instanceof X509CertificateError && error.reason === "encrypted-key");
 * }
 * ```
 */
export async function importPrivateKeyPem(pem: string): Promise<CryptoKey> {
  if (typeof pem !== "string") {
    throw new X509CertificateError("malformed-key", "The private key must be PEM text.");
  }
  const { label, der } = keyBlock(pem);
  let pkcs8: Uint8Array;
  let algorithm: RsaHashedImportParams | EcKeyImportParams;
  try {
    pkcs8 = label === "RSA PRIVATE KEY"
      ? pkcs8FromPkcs1(der)
      : label === "EC PRIVATE KEY"
      ? pkcs8FromSec1(der)
      : der;
    algorithm = pkcs8Algorithm(pkcs8);
  } catch (error) {
    if (!(error instanceof DerSyntaxError)) throw error;
    throw new X509CertificateError(
      "malformed-key",
      `The ${label} is not a valid DER encoding (${error.message}).`,
    );
  }
  try {
    return await crypto.subtle.importKey(
      "pkcs8",
      pkcs8 as Uint8Array<ArrayBuffer>,
      algorithm,
      false,
      ["sign"],
    );
  } catch (cause) {
    // The runtime's message may describe the key's bytes; only its name is kept.
    throw new X509CertificateError(
      "malformed-key",
      `The runtime's WebCrypto refused the ${label} (${
        cause instanceof Error ? cause.name : "error"
      }).`,
    );
  }
}
