const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function randomString(alphabet: string, length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join("");
}

/** `length` random characters of an AWS key or unique id (`A–Z`, `2–7`), e.g. after `ASIA`. */
export function randomIdChars(length: number): string {
  return randomString(KEY_ALPHABET, length);
}

/** `length` random base64 characters, as in secret access keys and session tokens (`+`, `/` included). */
export function randomSecretChars(length: number): string {
  return randomString(SECRET_ALPHABET, length);
}
