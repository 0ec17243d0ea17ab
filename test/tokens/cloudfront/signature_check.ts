/**
 * How the tests check a CloudFront signature on their own: CloudFront's URL-safe base64
 * decoded, and the RSA-SHA1 signature verified with the public key by WebCrypto, in whichever
 * runtime runs the test (the runtime matrix bundles this module too).
 *
 * @module
 */

/** CloudFront's URL-safe base64 (`-` for `+`, `_` for `=`, `~` for `/`) decoded. */
export function cloudFrontBase64Decode(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(
    atob(text.replace(/-/g, "+").replace(/_/g, "=").replace(/~/g, "/")),
    (c) => c.charCodeAt(0),
  );
}

/**
 * Whether `signature` (CloudFront's URL-safe base64) signs `policy` with the private key of
 * `publicKeyPem` (a PEM `PUBLIC KEY`).
 */
export async function cloudFrontSignatureVerifies(
  publicKeyPem: string,
  signature: string,
  policy: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  const spki = Uint8Array.from(
    atob(publicKeyPem.replace(/-----[A-Z ]+-----|\s/g, "")),
    (c) => c.charCodeAt(0),
  );
  const key = await crypto.subtle.importKey(
    "spki",
    spki,
    { name: "RSASSA-PKCS1-v1_5", hash: "SHA-1" },
    false,
    ["verify"],
  );
  return await crypto.subtle.verify(
    "RSASSA-PKCS1-v1_5",
    key,
    cloudFrontBase64Decode(signature),
    policy,
  );
}
