import { sha256Hex, utf8 } from "../../_shared/hash/sha256.ts";
import { canonicalRequest, type CanonicalRequestParts } from "../signature.ts";
import { toHex } from "../../_shared/bytes/hex.ts";
import { ecdsaDerToRaw, ecdsaRawToDer } from "../../_shared/asn1/ecdsa_signature.ts";
import { sigV4aVerifyingKey } from "./key.ts";
import { ecdsaSign, type SigV4aSigningKey } from "./_ecdsa.ts";

/** The SigV4a algorithm name, first line of the string to sign. */
export const SIGV4A_ALGORITHM = "AWS4-ECDSA-P256-SHA256";

/** What the SigV4a string to sign is made of: the canonical request, date and scope. */
export interface SigV4aStringToSignInput extends CanonicalRequestParts {
  longDate: string;
  shortDate: string;
  service: string;
}

/**
 * The SigV4a credential scope `date/service/aws4_request`: no region, which the
 * `X-Amz-Region-Set` header or parameter carries instead.
 */
export function sigV4aCredentialScope(shortDate: string, service: string): string {
  return shortDate + "/" + service + "/aws4_request";
}

/**
 * The string to sign: the SigV4 canonical request (the same six lines), then the
 * algorithm, date, SigV4a scope and hex SHA-256 of the canonical request.
 */
export function sigV4aStringToSign(input: SigV4aStringToSignInput): string {
  return SIGV4A_ALGORITHM + "\n" +
    input.longDate + "\n" +
    sigV4aCredentialScope(input.shortDate, input.service) + "\n" +
    sha256Hex(canonicalRequest(input));
}

/** Signs `stringToSign` with ECDSA P-256/SHA-256; returns the hex of the DER signature. */
export async function signSigV4a(key: SigV4aSigningKey, stringToSign: string): Promise<string> {
  return toHex(ecdsaRawToDer(await ecdsaSign(key, stringToSign)));
}

// ECDSA with SHA-256 hashes the string to sign itself, exactly what SigV4a specifies.
const ECDSA_SHA256: EcdsaParams = { name: "ECDSA", hash: "SHA-256" };

const HEX_PAIRS = /^(?:[0-9a-f]{2})+$/;

/** Whether `signatureHex` (hex DER) is a valid ECDSA signature of `stringToSign` under `key`. */
export async function verifySigV4a(
  key: CryptoKey,
  stringToSign: string,
  signatureHex: string,
): Promise<boolean> {
  if (!HEX_PAIRS.test(signatureHex)) return false;
  const der = new Uint8Array(signatureHex.length / 2);
  for (let i = 0; i < der.length; i++) {
    der[i] = parseInt(signatureHex.slice(2 * i, 2 * i + 2), 16);
  }
  const raw = ecdsaDerToRaw(der);
  if (raw === undefined) return false;
  return await crypto.subtle.verify(
    ECDSA_SHA256,
    key,
    raw as Uint8Array<ArrayBuffer>,
    utf8(stringToSign) as Uint8Array<ArrayBuffer>,
  );
}

/** What a claimed SigV4a signature is checked against. */
export interface SigV4aClaimed {
  accessKeyId: string;
  longDate: string;
  shortDate: string;
  service: string;
  signature: string;
}

/**
 * Whether `claimed.signature` signs `parts` under the public key derived from
 * `secretAccessKey`, as a server that knows the secret checks a SigV4a request.
 */
export async function sigV4aSignatureMatches(
  parts: CanonicalRequestParts,
  claimed: SigV4aClaimed,
  secretAccessKey: string,
): Promise<boolean> {
  const key = await sigV4aVerifyingKey(claimed.accessKeyId, secretAccessKey);
  const stringToSign = sigV4aStringToSign({
    ...parts,
    longDate: claimed.longDate,
    shortDate: claimed.shortDate,
    service: claimed.service,
  });
  return verifySigV4a(key, stringToSign, claimed.signature);
}
