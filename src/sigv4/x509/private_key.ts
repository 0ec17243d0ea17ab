import {
  importPrivateKey,
  type PrivateKeyProblem,
  readPemPrivateKey,
} from "../../_shared/asn1/private_key.ts";
import { X509CertificateError } from "./errors.ts";

/** The WebCrypto algorithms of the two X.509 signing variants. */
export const RSA_PKCS1_SHA256: RsaHashedImportParams = {
  name: "RSASSA-PKCS1-v1_5",
  hash: "SHA-256",
};
/** ECDSA on P-256; the hash (always SHA-256) is given when signing. */
export const ECDSA_P256: EcKeyImportParams = { name: "ECDSA", namedCurve: "P-256" };

/** The {@linkcode X509CertificateError} of a private key that cannot sign. */
function keyError(refused: PrivateKeyProblem): X509CertificateError {
  switch (refused.problem) {
    case "no-key":
    case "other-format":
      return new X509CertificateError(
        "malformed-key",
        "No -----BEGIN PRIVATE KEY----- (PKCS #8), RSA PRIVATE KEY or EC PRIVATE KEY block was found in the private key text.",
      );
    case "encrypted":
      return new X509CertificateError(
        "encrypted-key",
        "The private key is encrypted; decrypt it first (openssl pkcs8 -in key.pem -out plain.pem) and keep the result as protected as the password was.",
      );
    case "not-base64":
      return new X509CertificateError(
        "malformed-key",
        `The ${refused.label} block is empty or not valid base64.`,
      );
    case "malformed":
      return new X509CertificateError(
        "malformed-key",
        `The ${refused.label} is not a valid DER encoding (${refused.detail}).`,
      );
    case "unnamed-curve":
      return new X509CertificateError(
        "malformed-key",
        "The EC PRIVATE KEY does not name its curve; write it with its parameters (openssl ec -param_out).",
      );
    case "other-curve":
      return unsupported(`EC on ${refused.curve ?? "an unknown curve"}`);
    case "other-algorithm":
      return unsupported(refused.keyType ?? "neither RSA nor EC");
  }
}

function unsupported(what: string): X509CertificateError {
  return new X509CertificateError(
    "unsupported-key",
    `The private key is ${what}; IAM Roles Anywhere signing here takes RSA or EC P-256 keys.`,
  );
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
 * import { assert, assertEquals, assertRejects } from "@std/assert";
 *
 * const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]);
 * const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
 * const pem = `-----BEGIN PRIVATE KEY-----\n${btoa(String.fromCharCode(...pkcs8))}\n-----END PRIVATE KEY-----\n`;
 * const key = await importPrivateKeyPem(pem);
 * assertEquals(key.algorithm.name, "ECDSA");
 * assert(!key.extractable);
 *
 * const error = await assertRejects(
 *   () => importPrivateKeyPem("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----"),
 *   X509CertificateError,
 * );
 * assertEquals(error.reason, "encrypted-key");
 * ```
 */
export async function importPrivateKeyPem(pem: string): Promise<CryptoKey> {
  if (typeof pem !== "string") {
    throw new X509CertificateError("malformed-key", "The private key must be PEM text.");
  }
  const key = readPemPrivateKey(pem);
  if ("problem" in key) throw keyError(key);
  try {
    return await importPrivateKey(key, "SHA-256");
  } catch (cause) {
    // The runtime's message may describe the key's bytes; only its name is kept.
    throw new X509CertificateError(
      "malformed-key",
      `The runtime's WebCrypto refused the ${key.label} (${
        cause instanceof Error ? cause.name : "error"
      }).`,
    );
  }
}
