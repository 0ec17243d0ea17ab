/**
 * The canonical request and string to sign of a request signed for IAM Roles Anywhere, built
 * as the "Signing process for IAM Roles Anywhere" lays them out step by step (SigV4's tasks 1
 * and 2 with the X.509 algorithm), for requests with a plain path and no query: written from
 * the documentation, apart from the library, to check it against.
 *
 * @module
 */

/** Lowercase hex SHA-256 (WebCrypto) of `data`, text as UTF-8. */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The facts of a signed request the documentation's layout is made of. */
export interface DocRequest {
  /** `/sessions`. */
  path: string;
  /** The signed headers, lowercase name → value, in any order. */
  headers: Record<string, string>;
  /** The JSON body. */
  body: string;
}

/**
 * Task 1: method, canonical URI, canonical query string (empty), canonical headers (each
 * `name:value` and a newline, sorted), signed headers, hex SHA-256 of the payload.
 */
export async function docCanonicalRequest(request: DocRequest): Promise<string> {
  const names = Object.keys(request.headers).sort();
  return "POST\n" +
    `${request.path}\n` +
    "\n" +
    names.map((name) => `${name}:${request.headers[name]}\n`).join("") + "\n" +
    `${names.join(";")}\n` +
    await sha256Hex(request.body);
}

/**
 * Task 2: the algorithm, the request date, the credential scope
 * `YYYYMMDD/region/rolesanywhere/aws4_request`, the hex SHA-256 of the canonical request.
 */
export async function docStringToSign(
  algorithm: string,
  amzDate: string,
  region: string,
  canonicalRequest: string,
): Promise<string> {
  return `${algorithm}\n${amzDate}\n${amzDate.slice(0, 8)}/${region}/rolesanywhere/aws4_request\n` +
    await sha256Hex(canonicalRequest);
}

/** Standard base64 of `bytes`. */
export function base64Of(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
