import { CredentialSettingError } from "../errors.ts";
import { ProfileExpiredError } from "./errors.ts";
import type { SectionSettings } from "./shared_config.ts";

/**
 * The expiry of a profile's temporary keys, read from `x_security_token_expires` — the key
 * `iamfetch login` and saml2aws write next to `aws_session_token` (an RFC 3339 time) — so
 * that the credentials carry `expiration` and a refreshing cache knows when to read the
 * file again. `undefined` when the key is absent.
 *
 * botocore and AWS SDK v3 ignore this key (their static credentials never expire, and AWS
 * answers `ExpiredToken` later); saml2aws reads it to decide whether `login` is needed and
 * refuses expired credentials in `exec`. iamfetch does what saml2aws does.
 *
 * @param profileName The profile, named in errors.
 * @param settings Its settings, from `loadSharedConfig`.
 * @param now The clock, in epoch milliseconds.
 * @returns The expiry, still in the future.
 * @throws {ProfileExpiredError} When the time has passed.
 * @throws {CredentialSettingError} When the value is not a time.
 *
 * @example
 * ```ts
 * import { profileExpiration } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const settings = { aws_session_token: "token", x_security_token_expires: "2099-01-01T00:00:00Z" };
 * const expiration = profileExpiration("work", settings);
 * assertEquals(expiration?.getUTCFullYear(), 2099);
 * ```
 */
export function profileExpiration(
  profileName: string,
  settings: SectionSettings,
  now: number = Date.now(),
): Date | undefined {
  const text = settings.x_security_token_expires;
  if (text === undefined) return undefined;
  // RFC 3339 as saml2aws (Go's time.Time) and iamfetch login (toISOString) write it; a
  // bare date or a locale format is refused rather than guessed.
  const expiration = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(text)
    ? new Date(text)
    : new Date(NaN);
  if (Number.isNaN(expiration.getTime())) {
    throw new CredentialSettingError(
      `profile ${profileName}`,
      "x_security_token_expires",
      "is not an RFC 3339 time such as 2030-01-01T00:00:00Z.",
    );
  }
  if (expiration.getTime() <= now) throw new ProfileExpiredError(profileName, expiration);
  return expiration;
}
