const REDACTED = "[redacted]";

/** Words that, in a field, parameter, header or element name, mark its value as secret. */
const SECRET_WORD =
  "pass(?:word|code|wd)?|pwd|secret|token|saml(?:response|assertion)|assertion|cookie|otp|answer|code";
// Each repetition is bounded, so every match attempt takes a bounded number of steps and a
// scan is linear in the line's length.
const HEADER = /\b((?:set-)?cookie|(?:proxy-)?authorization)([ \t]{0,8}:[ \t]{0,8})[^\r\n]*/gi;
const JSON_MEMBER = new RegExp(
  `("[\\w.-]{0,40}(?:${SECRET_WORD})[\\w.-]{0,40}"[ \\t]{0,8}:[ \\t]{0,8})` +
    `("(?:[^"\\\\]|\\\\.){0,4096}"|[^,}\\s]{1,1000})`,
  "gi",
);
const FORM_PARAMETER = new RegExp(
  `((?:^|[?&;\\s"'])[\\w.:%\\[\\]-]{0,40}(?:${SECRET_WORD})[\\w.:%\\[\\]-]{0,40}=)[^&\\s"'<>;]*`,
  "gi",
);
const HTML_FIELD = new RegExp(
  `(name=["'][^"'<>]{0,40}(?:${SECRET_WORD})[^"'<>]{0,40}["'][^<>]{0,200}?value=)` +
    `("[^"]{0,4096}"|'[^']{0,4096}')`,
  "gi",
);
const XML_ELEMENT =
  /(<(?:[\w-]{1,40}:)?(?:Password|PassCode|Assertion|EncryptedAssertion|SignatureValue|BinarySecurityToken|SAMLResponse|RequestedSecurityToken|Nonce)\b[^<>]{0,4000}>)[^<]*/gi;
const LONG_RUN = /[A-Za-z0-9+/=_-]{100,}/g;
/** Lines are cut to this many characters before redaction (the debug log is for people). */
const MAX_LINE = 65_536;

/**
 * Masks the secrets in one line of IdP traffic before it goes to a `SamlDebugLog`:
 * `Cookie`/`Set-Cookie`/`Authorization` header values, form and query parameters, JSON
 * members and HTML fields whose names mention a password, passcode, code, OTP, token,
 * secret, cookie or SAML response/assertion, the text of XML `Password`, `Assertion`,
 * `SignatureValue` and WS-Trust token elements, and any run of 100+ base64 characters (a
 * SAMLResponse). Lines longer than 64 KiB are cut first. Linear time.
 *
 * @param line A line to log, e.g. `POST https://idp.example.com/login password=hunter2`.
 * @returns The line with secret values replaced by `[redacted]`.
 *
 * @example
 * ```ts
 * import { redactIdpLogLine } from "@iamfetch/iamfetch/saml";
 * import { assert } from "@std/assert";
 *
 * const line = redactIdpLogLine('POST /api/v1/authn {"username":"alice","password":"hunter2"}');
 * assert(line.includes("alice") && !line.includes("hunter2"));
 * assert(!redactIdpLogLine("UserName=alice&Password=hunter2").includes("hunter2"));
 * ```
 */
export function redactIdpLogLine(line: string): string {
  const cut = line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line;
  return cut
    .replace(HEADER, `$1$2${REDACTED}`)
    .replace(JSON_MEMBER, `$1"${REDACTED}"`)
    .replace(HTML_FIELD, `$1"${REDACTED}"`)
    .replace(FORM_PARAMETER, `$1${REDACTED}`)
    .replace(XML_ELEMENT, `$1${REDACTED}`)
    .replace(LONG_RUN, REDACTED);
}

/**
 * A URL for logs and error messages: origin and path, with the values of secret-looking
 * query parameters masked (see {@linkcode redactIdpLogLine}) and any fragment dropped.
 *
 * @example
 * ```ts
 * import { redactUrl } from "@iamfetch/iamfetch/saml";
 * import { assertEquals } from "@std/assert";
 *
 * const url = redactUrl("https://idp.example.com/sso?SAMLResponse=PHNhbWw&RelayState=x#top");
 * assertEquals(url, "https://idp.example.com/sso?SAMLResponse=[redacted]&RelayState=x");
 * ```
 */
export function redactUrl(url: string | URL): string {
  const parsed = new URL(url);
  return redactIdpLogLine(`${parsed.origin}${parsed.pathname}${parsed.search}`);
}
