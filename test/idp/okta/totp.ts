/**
 * RFC 6238 time-based one-time passwords (HMAC-SHA1, the variant Okta Verify and Google
 * Authenticator use), computed with WebCrypto: the fake Okta checks `token:software:totp`
 * pass codes with it, and tests compute the code a user's app would show.
 *
 * @example
 * ```ts
 * const code = await totp(secret, Date.now());
 * ```
 *
 * @module
 */

/** Options of {@linkcode totp}. */
export interface TotpOptions {
  /** The number of digits; 6 by default (RFC 6238's reference tests use 8). */
  readonly digits?: number;
  /** The time step in seconds; 30 by default. */
  readonly stepSeconds?: number;
}

/** The code for the time `timeMs` (milliseconds since the epoch) and the shared `secret`. */
export async function totp(
  secret: Uint8Array<ArrayBuffer>,
  timeMs: number,
  options: TotpOptions = {},
): Promise<string> {
  const counter = Math.floor(timeMs / 1000 / (options.stepSeconds ?? 30));
  return await hotp(secret, counter, options.digits ?? 6);
}

/**
 * Whether `code` is the code of `timeMs`'s step or of one step either side (RFC 6238 §5.2's
 * allowance for clock drift and typing time, as Okta allows).
 */
export async function totpMatches(
  secret: Uint8Array<ArrayBuffer>,
  code: string,
  timeMs: number,
  options: TotpOptions = {},
): Promise<boolean> {
  const stepMs = (options.stepSeconds ?? 30) * 1000;
  for (const drift of [0, -1, 1]) {
    if (await totp(secret, timeMs + drift * stepMs, options) === code) return true;
  }
  return false;
}

/** RFC 4226 HOTP: HMAC-SHA1 of the 8-byte big-endian counter, dynamically truncated. */
async function hotp(
  secret: Uint8Array<ArrayBuffer>,
  counter: number,
  digits: number,
): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    secret,
    { name: "HMAC", hash: "SHA-1" },
    false,
    ["sign"],
  );
  const message = new DataView(new ArrayBuffer(8));
  message.setUint32(0, Math.floor(counter / 2 ** 32));
  message.setUint32(4, counter >>> 0);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, message));
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = new DataView(mac.buffer).getUint32(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}
