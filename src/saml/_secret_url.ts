/**
 * The one rule for a URL an identity-provider login sends a password or token to.
 *
 * @module
 */

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/**
 * `url` if a secret may be sent to it: `https:` (plain `http:` only on a loopback address,
 * for tests) and no user name or password of its own. Otherwise a `TypeError` from
 * `caller` about its `setting`, naming the URL by scheme and host only (its user part may
 * hold a password); `sent` says what would go there.
 */
export function checkSecretUrl(url: URL, setting: string, caller: string, sent: string): URL {
  if (url.username !== "" || url.password !== "") {
    throw new TypeError(
      `${caller}: ${setting} must not carry a user name or password (${url.host}).`,
    );
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.test(url.hostname))) {
    throw new TypeError(
      `${caller}: ${setting} must be an https: URL (${sent}), got ${url.protocol}//${url.host}.`,
    );
  }
  return url;
}
