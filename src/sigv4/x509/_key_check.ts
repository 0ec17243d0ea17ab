import type { ParsedCertificate } from "./certificate.ts";
import { X509CertificateError } from "./errors.ts";
import { ECDSA_P256, RSA_PKCS1_SHA256 } from "./private_key.ts";

/** Which certificate keys can sign here, and the WebCrypto algorithm of each. */
export function certificateKeyAlgorithm(
  certificate: ParsedCertificate,
): RsaHashedImportParams | EcKeyImportParams {
  if (certificate.keyType === "RSA") return RSA_PKCS1_SHA256;
  if (certificate.keyType === "EC" && certificate.namedCurve === "P-256") return ECDSA_P256;
  const key = certificate.keyType === "EC"
    ? `an EC ${certificate.namedCurve ?? "(unknown curve)"} key`
    : "a key that is neither RSA nor EC";
  throw new X509CertificateError(
    "unsupported-key",
    `The certificate (serial ${certificate.serialNumber}) has ${key}; ` +
      "IAM Roles Anywhere signing here takes RSA or EC P-256 certificates.",
  );
}

/** Whether `key` is a private signing key of the algorithm `expected`. */
function isKeyOf(key: CryptoKey, expected: RsaHashedImportParams | EcKeyImportParams): boolean {
  const algorithm = key.algorithm as Partial<RsaHashedKeyAlgorithm & EcKeyAlgorithm>;
  if (key.type !== "private" || !key.usages.includes("sign")) return false;
  if (algorithm.name !== expected.name) return false;
  return expected.name === "ECDSA"
    ? algorithm.namedCurve === "P-256"
    : algorithm.hash?.name === "SHA-256";
}

const PROBE = /* @__PURE__ */ new TextEncoder().encode("iamfetch: does this key match?");

/**
 * Checks that `key` is the private key of `certificate`: of the certificate's algorithm,
 * and making a signature its public key verifies (a probe, signed once; comparing public
 * keys would need the private key extractable). Throws {@linkcode X509CertificateError}
 * (`key-mismatch`, `unsupported-key`, `malformed-certificate`).
 */
export async function checkKeyMatchesCertificate(
  key: CryptoKey,
  certificate: ParsedCertificate,
): Promise<void> {
  const expected = certificateKeyAlgorithm(certificate);
  const mismatch = (detail: string) =>
    new X509CertificateError(
      "key-mismatch",
      `The private key does not belong to the certificate (serial ${certificate.serialNumber}): ${detail}.`,
    );
  if (!isKeyOf(key, expected)) {
    throw mismatch(
      `the certificate has ${
        expected.name === "ECDSA" ? "an EC P-256" : "an RSA"
      } key, the private key is ${describeKey(key)}`,
    );
  }
  let publicKey: CryptoKey;
  try {
    publicKey = await crypto.subtle.importKey(
      "spki",
      certificate.spki,
      expected,
      false,
      ["verify"],
    );
  } catch (cause) {
    throw new X509CertificateError(
      "malformed-certificate",
      `The runtime's WebCrypto refused the certificate's public key (serial ${certificate.serialNumber}).`,
      { cause },
    );
  }
  const params = expected.name === "ECDSA" ? { name: "ECDSA", hash: "SHA-256" } : expected;
  const signature = await crypto.subtle.sign(params, key, PROBE);
  if (!await crypto.subtle.verify(params, publicKey, signature, PROBE)) {
    throw mismatch("a signature made with it does not verify with the certificate's public key");
  }
}

function describeKey(key: CryptoKey): string {
  const algorithm = key.algorithm as Partial<RsaHashedKeyAlgorithm & EcKeyAlgorithm>;
  const detail = algorithm.namedCurve ?? algorithm.hash?.name;
  return `a ${key.type} ${algorithm.name}${detail ? ` (${detail})` : ""} key${
    key.usages.includes("sign") ? "" : " without the sign usage"
  }`;
}
