import { CredentialsError } from "../sigv4/errors.ts";

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
// A word of a name: `config`, `Role`, `2024`, or all capitals (`AWS`, `K7`).
const NAME_WORDS = /^(?:(?:[A-Z]?[a-z0-9]+)*|[A-Z0-9]+)$/;
const NAME_SEPARATORS = /[/_+=-]/;

// Variable names (`AWS_SECRET_ACCESS_KEY`), API names (`AssumeRoleWithWebIdentity`) and
// paths (`/home/me/projects/`) are runs of such words between `/ _ - + =`; the random
// base64 of a key or token has capitals inside its words (`wJalrXUtnFEMI/K7MDENG/bPxRfiCY…`)
// and is almost never read as one. Without this, a message lost its own variable names and
// the user's home directory to `[redacted]`.
function isNameOrPath(run: string): boolean {
  return run.split(NAME_SEPARATORS).every((word) => NAME_WORDS.test(word));
}

/**
 * Returns at most `maxLength` characters of `text` (the start, which is where programs say
 * what went wrong) with everything that looks like an AWS key, a token or a password
 * replaced by `[redacted]`, for error messages that quote another program's output.
 * Names and paths are kept: `AWS_SECRET_ACCESS_KEY`, `/home/me/.aws/config`.
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
    .replace(LONG_RUN, (run) => (run === REDACTED || isNameOrPath(run) ? run : REDACTED))
    .trim();
  return redacted.length <= maxLength ? redacted : `${redacted.slice(0, maxLength)}…`;
}

/**
 * The message of `error` as it may be shown: as written for this library's credential
 * errors, whose messages never hold a secret (a rule `test/security/` checks on every
 * failure path), else through {@linkcode redactedExcerpt} — another library's message, a
 * `fetch` error naming a URL, a server's text. One rule for the provider chain's summary and
 * the CLI's cause lines.
 *
 * @param error Anything thrown.
 * @param maxLength The longest excerpt of a message that is not this library's.
 *
 * @example
 * ```ts
 * import { safeErrorMessage } from "./redact_secrets.ts";
 * import { assertEquals } from "@std/assert";
 *
 * const message = safeErrorMessage(new TypeError("refused token=IQoJb3JpZ2luX2VjEXAMPLE"));
 * assertEquals(message, "refused token=[redacted]");
 * ```
 */
export function safeErrorMessage(error: unknown, maxLength = 500): string {
  if (error instanceof CredentialsError) return error.message;
  if (error instanceof Error) return redactedExcerpt(error.message, maxLength);
  return typeof error === "string" ? redactedExcerpt(error, maxLength) : "";
}

/**
 * `Name: message` of `error`, the message as {@linkcode safeErrorMessage} shows it; for a
 * thrown value that is not an `Error`, `a non-Error value` (and the string, redacted).
 *
 * @param error Anything thrown.
 * @param maxLength The longest excerpt of a message that is not this library's.
 *
 * @example
 * ```ts
 * import { redactedErrorLine } from "./redact_secrets.ts";
 * import { assertEquals } from "@std/assert";
 *
 * const line = redactedErrorLine(new TypeError("connection refused"));
 * assertEquals(line, "TypeError: connection refused");
 * ```
 */
export function redactedErrorLine(error: unknown, maxLength = 500): string {
  const message = safeErrorMessage(error, maxLength);
  if (!(error instanceof Error)) {
    return message === "" ? "a non-Error value" : `a non-Error value: ${message}`;
  }
  const name = error instanceof CredentialsError ? error.name : redactedExcerpt(error.name, 100);
  return `${name}: ${message}`;
}
