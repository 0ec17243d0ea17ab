/**
 * Random names and contents within what moto's signature check accepts (see the limits at
 * the top of `services_test.ts`).
 *
 * @module
 */

/** The account every moto server answers for. */
export const MOTO_ACCOUNT = "123456789012";

/**
 * Random text of `length` characters that moto's signature check accepts in an S3 key or a
 * query value (RFC 3986 unreserved characters, which SigV4 never percent-encodes).
 */
export function unreservedName(length: number): string {
  return randomText(length, `${ALPHANUMERIC}-_.~`);
}

/**
 * Random lower-case letters and digits: a name every service takes (S3 buckets, DynamoDB
 * tables, SQS queues).
 */
export function plainName(length: number): string {
  return randomText(length, ALPHANUMERIC.slice(26));
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function randomText(length: number, alphabet: string): string {
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join("");
}

/** `length` random bytes (WebCrypto hands out at most 65,536 at a time). */
export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let at = 0; at < length; at += 65_536) {
    crypto.getRandomValues(bytes.subarray(at, Math.min(length, at + 65_536)));
  }
  return bytes;
}

/** A random integer in [min, max]. */
export function randomInt(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}
