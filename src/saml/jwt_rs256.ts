/**
 * RS256 JSON Web Tokens with WebCrypto only: sign a JWT with an RSA private key from a PEM
 * (PKCS #8, as in a Google service-account file), and read a JWT's claims without checking
 * its signature (to know when a token we were given expires).
 *
 * @module
 */

/** The base64url form (RFC 7515, no padding) of `data`. */
export function base64UrlEncode(data: Uint8Array | string): string {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The bytes of base64url `text`, or `undefined` when it is not base64url. */
export function base64UrlDecode(text: string): Uint8Array | undefined {
  return /^[\w-]*$/.test(text) ? decodeBase64(text) : undefined;
}

/** The bytes of unpadded base64 in either alphabet, or `undefined`. */
function decodeBase64(text: string): Uint8Array | undefined {
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/**
 * Imports the RSA private key of a PEM `-----BEGIN PRIVATE KEY-----` block (PKCS #8) for
 * RS256 signing. Throws a `TypeError` that names the expected format — never the key — when
 * the PEM is something else (a PKCS #1 `RSA PRIVATE KEY` must first be converted with
 * `openssl pkcs8 -topk8 -nocrypt`).
 */
export async function importRs256PrivateKey(pem: string): Promise<CryptoKey> {
  const match = pem.match(
    /-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\s\\n]+)-----END PRIVATE KEY-----/,
  );
  // Service-account JSON read without JSON.parse may still hold literal "\n" sequences.
  const body = match?.[1].replace(/\\n|\s/g, "").replace(/=+$/, "");
  const der = body === undefined ? undefined : decodeBase64(body);
  if (der === undefined || der.length === 0) {
    throw new TypeError(
      "The private key is not a PEM PKCS #8 key (-----BEGIN PRIVATE KEY-----); convert a PKCS #1 key with `openssl pkcs8 -topk8 -nocrypt`.",
    );
  }
  try {
    return await crypto.subtle.importKey(
      "pkcs8",
      der as Uint8Array<ArrayBuffer>,
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
      false,
      ["sign"],
    );
  } catch (cause) {
    throw new TypeError("The private key could not be imported as an RSA PKCS #8 key.", {
      cause,
    });
  }
}

/** `header` (with `alg: "RS256"`, `typ: "JWT"` added) and `claims`, signed with `key`. */
export async function signJwtRs256(
  claims: Record<string, unknown>,
  key: CryptoKey,
  header: Record<string, unknown> = {},
): Promise<string> {
  const signingInput = `${
    base64UrlEncode(JSON.stringify({ alg: "RS256", typ: "JWT", ...header }))
  }.${base64UrlEncode(JSON.stringify(claims))}`;
  const signature = await crypto.subtle.sign(
    "RSASSA-PKCS1-v1_5",
    key,
    new TextEncoder().encode(signingInput),
  );
  return `${signingInput}.${base64UrlEncode(new Uint8Array(signature))}`;
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
