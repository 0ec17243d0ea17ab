const REDACTED = "[redacted]";

// Access key ids (AKIA…, ASIA…, and the AKID… of examples), then a value after a word that
// names a secret (`secret=…`, `"SessionToken": "…"`, `password: …`), then any long run of
// base64-ish characters: secret keys are 40 of them and session tokens hundreds. The
// repetitions between the name and the value are bounded, so each match attempt takes a
// bounded number of steps and the whole scan is linear (unbounded, `secretsecret…` would
// backtrack quadratically).
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|AKID|AROA|AIDA)[A-Z0-9]{8,}/g;
const NAMED_SECRET =
  /(secret|token|password|passwd|credential|signature)([\w-]{0,40}["']?[ \t]{0,8}[:=][ \t]{0,8}["']?)[^\s"',;]+/gi;
const LONG_RUN = /[A-Za-z0-9/+=_-]{20,}/g;
const MAX_SCANNED_CHARS = 65_536;

/**
 * Returns at most `maxLength` characters of `text` (the start, which is where programs say
 * what went wrong) with everything that looks like an AWS key, a token or a password
 * replaced by `[redacted]`, for error messages that quote another program's output.
 * Only the first 64 KiB of `text` are looked at.
 *
 * @param text Untrusted output, e.g. a `credential_process`'s standard error.
 * @param maxLength The longest excerpt returned; longer ones end with `…`.
 *
 * @example
 * ```ts
 * import { redactedExcerpt } from "./redact_secrets.ts";
 * import { assert } from "@std/assert";
 *
 * const excerpt = redactedExcerpt("bad key AKIAIOSFODNN7EXAMPLE secret=wJalrXUtnFEMI", 200);
 * assert(!excerpt.includes("AKIAIOSFODNN7EXAMPLE") && !excerpt.includes("wJalrXUtnFEMI"));
 * ```
 */
export function redactedExcerpt(text: string, maxLength: number): string {
  const redacted = text.slice(0, MAX_SCANNED_CHARS)
    .replace(ACCESS_KEY_ID, REDACTED)
    .replace(NAMED_SECRET, `$1$2${REDACTED}`)
    .replace(LONG_RUN, (run) => (run === REDACTED ? run : REDACTED))
    .trim();
  return redacted.length <= maxLength ? redacted : `${redacted.slice(0, maxLength)}…`;
}
