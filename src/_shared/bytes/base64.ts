// Base64 for the few places that need it (JWTs, SASL and EKS tokens, SAML responses,
// Basic credentials, checksums), on the runtime's btoa/atob: no Node Buffer.

function bytesOf(data: Uint8Array | string): Uint8Array {
  return typeof data === "string" ? new TextEncoder().encode(data) : data;
}

/** Standard base64 (with padding) of `data`: bytes, or text as UTF-8. */
export function base64(data: Uint8Array | string): string {
  const bytes = bytesOf(data);
  let binary = "";
  // In slices: String.fromCharCode's argument list has a limit.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** base64url without padding (RFC 4648 §5, as JWTs and EKS tokens use it) of `data`. */
export function base64Url(data: Uint8Array | string): string {
  return base64(data).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * The bytes of `text` in base64 or base64url, padding optional, or `undefined` when it is
 * neither (a stray character, or a length no encoding produces).
 */
export function base64Decode(text: string): Uint8Array | undefined {
  const standard = text.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  if (!/^[A-Za-z0-9+/]*$/.test(standard) || standard.length % 4 === 1) return undefined;
  try {
    const binary = atob(standard + "=".repeat((4 - (standard.length % 4)) % 4));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}
