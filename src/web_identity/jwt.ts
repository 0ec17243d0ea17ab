/**
 * RS256 JSON Web Tokens with WebCrypto only: sign a JWT with an RSA private key from a PEM
 * (PKCS #8, as in a Google service-account file), and read a JWT's claims without checking
 * its signature (to know when a token we were given expires).
 *
 * @module
 */
import { base64Decode } from "../_shared/bytes/base64.ts";
import { importPrivateKey, readPemPrivateKey } from "../_shared/asn1/private_key.ts";
import { signJwt } from "./jwt_signing_key.ts";

/** The bytes of base64url `text`, or `undefined` when it is not base64url. */
export function base64UrlDecode(text: string): Uint8Array | undefined {
  return /^[\w-]*$/.test(text) ? base64Decode(text) : undefined;
}

/**
 * Imports the RSA private key of a PEM `-----BEGIN PRIVATE KEY-----` block (PKCS #8) for
 * RS256 signing. Throws a `TypeError` that names the expected format — never the key — when
 * the PEM is something else (a PKCS #1 `RSA PRIVATE KEY` must first be converted with
 * `openssl pkcs8 -topk8 -nocrypt`).
 */
export async function importRs256PrivateKey(pem: string): Promise<CryptoKey> {
  // Service-account JSON read without JSON.parse may still hold literal "\n" sequences.
  const key = readPemPrivateKey(pem.replaceAll("\\n", "\n"));
  const label = "label" in key ? key.label : undefined;
  if (label !== "PRIVATE KEY" || ("problem" in key && key.problem === "not-base64")) {
    throw new TypeError(
      "The private key is not a PEM PKCS #8 key (-----BEGIN PRIVATE KEY-----); convert a PKCS #1 key with `openssl pkcs8 -topk8 -nocrypt`.",
    );
  }
  const unusable = (options?: ErrorOptions) =>
    new TypeError("The private key could not be imported as an RSA PKCS #8 key.", options);
  if ("problem" in key || key.kind !== "RSA") throw unusable();
  try {
    return await importPrivateKey(key, "SHA-256");
  } catch (cause) {
    throw unusable({ cause });
  }
}

/** `header` (with `alg: "RS256"`, `typ: "JWT"` added) and `claims`, signed with `key`. */
export function signJwtRs256(
  claims: Record<string, unknown>,
  key: CryptoKey,
  header: Record<string, unknown> = {},
): Promise<string> {
  return signJwt(claims, { alg: "RS256", key }, header);
}

/** The claims (payload) of a JWT, unverified; `undefined` when `token` is not a JWT. */
export function unverifiedJwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split(".");
  const payload = parts.length === 3 ? base64UrlDecode(parts[1]) : undefined;
  if (payload === undefined) return undefined;
  try {
    const claims = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payload));
    return typeof claims === "object" && claims !== null && !Array.isArray(claims)
      ? claims
      : undefined;
  } catch {
    return undefined;
  }
}
