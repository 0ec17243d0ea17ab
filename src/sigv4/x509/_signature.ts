import { toHex } from "../../_shared/bytes/hex.ts";
import { sha256Hex, utf8 } from "../../_shared/hash/sha256.ts";
import { canonicalRequest, type CanonicalRequestParts, credentialScope } from "../signature.ts";
import { ecdsaRawToDer } from "../../_shared/asn1/ecdsa_signature.ts";

/** The algorithm of a request signed with an RSA certificate's key. */
export const X509_RSA_ALGORITHM = "AWS4-X509-RSA-SHA256";
/** The algorithm of a request signed with an EC certificate's key. */
export const X509_ECDSA_ALGORITHM = "AWS4-X509-ECDSA-SHA256";

/** What the string to sign of an X.509 signature is made of. */
export interface X509StringToSignInput extends CanonicalRequestParts {
  algorithm: string;
  longDate: string;
  shortDate: string;
  region: string;
  service: string;
}

/**
 * The string to sign, as SigV4's ("Signing process for IAM Roles Anywhere": identical to
 * SigV4 but for the algorithm and the key): algorithm, date, the credential scope
 * `date/region/service/aws4_request`, and the hex SHA-256 of the canonical request.
 */
export function x509StringToSign(input: X509StringToSignInput): string {
  return input.algorithm + "\n" +
    input.longDate + "\n" +
    credentialScope(input.shortDate, input.region, input.service) + "\n" +
    sha256Hex(canonicalRequest(input));
}

const ECDSA_SHA256: EcdsaParams = { name: "ECDSA", hash: "SHA-256" };

/**
 * Signs `stringToSign` with the certificate's private key and returns the hex signature:
 * RSASSA-PKCS1-v1_5 over SHA-256, or ECDSA P-256 over SHA-256 DER-encoded (SEQUENCE of r
 * and s), as AWS's credential helper sends both (Go's `rsa.SignPKCS1v15`,
 * `ecdsa.SignASN1`). WebCrypto hashes the message itself.
 */
export async function signX509(key: CryptoKey, stringToSign: string): Promise<string> {
  const message = utf8(stringToSign) as Uint8Array<ArrayBuffer>;
  if (key.algorithm.name === "ECDSA") {
    const raw = new Uint8Array(await crypto.subtle.sign(ECDSA_SHA256, key, message));
    return toHex(ecdsaRawToDer(raw));
  }
  return toHex(new Uint8Array(await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key, message)));
}
