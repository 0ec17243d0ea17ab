import { ConnectionStringError } from "../errors.ts";

/**
 * One `Key=Value` pair of a connection string, in the order written.
 */
export interface ConnectionStringPair {
  /** The key as written, trimmed (keys are compared case-insensitively by consumers). */
  readonly key: string;
  /** The value: trimmed when unquoted, verbatim (quotes removed, doubled quotes undone) when quoted. */
  readonly value: string;
}

const SPACE = /\s/;

/**
 * Splits a CData / ADO.NET-style connection string into its pairs. The rules:
 *
 * - Pairs are separated by `;`; a pair is `Key=Value`, split at its first `=`.
 * - Keys are trimmed; an empty key is an error. Values are trimmed unless quoted.
 * - A value that starts (after spaces) with `'` or `"` is quoted: it runs to the matching
 *   quote and may hold `;`, `=`, spaces and the other quote; a doubled quote inside
 *   (`''` in `'…'`, `""` in `"…"`) is one literal quote. Only spaces may follow the closing
 *   quote before the next `;`.
 * - Empty pairs (`;;`, a trailing `;`, spaces) are skipped; a pair without `=` is an error.
 * - Repeated keys are all returned, in order (consumers let the last one win, as ADO.NET).
 *
 * Error messages give the pair's position and key, never a value.
 *
 * @example
 * ```ts
 * import { parseConnectionString } from "@iamfetch/iamfetch/config";
 * import { assertEquals } from "@std/assert";
 *
 * const pairs = parseConnectionString(`AuthScheme=ADFS; Password='p;w=''1'; SSOProperties="RelyingParty=urn:amazon:webservices";`);
 * assertEquals(pairs[1].value, "p;w='1");
 * assertEquals(pairs[2].value, "RelyingParty=urn:amazon:webservices");
 * ```
 */
export function parseConnectionString(text: string): ConnectionStringPair[] {
  const pairs: ConnectionStringPair[] = [];
  let i = 0;
  let ordinal = 0;
  while (i < text.length) {
    ordinal++;
    let end = i;
    while (end < text.length && text[end] !== "=" && text[end] !== ";") end++;
    if (end === text.length || text[end] === ";") {
      if (text.slice(i, end).trim() !== "") {
        throw new ConnectionStringError(
          `Pair ${ordinal} of the connection string has no "=": write Key=Value pairs separated by ";".`,
        );
      }
      i = end + 1;
      continue;
    }
    const key = text.slice(i, end).trim();
    if (key === "") {
      throw new ConnectionStringError(`Pair ${ordinal} of the connection string has an empty key.`);
    }
    i = end + 1;
    while (i < text.length && text[i] !== ";" && SPACE.test(text[i])) i++;
    const quote = text[i];
    if (quote === "'" || quote === '"') {
      const { value, next } = readQuoted(text, i + 1, quote, key);
      pairs.push({ key, value });
      i = next;
    } else {
      let stop = i;
      while (stop < text.length && text[stop] !== ";") stop++;
      pairs.push({ key, value: text.slice(i, stop).trim() });
      i = stop + 1;
    }
  }
  return pairs;
}

function readQuoted(
  text: string,
  start: number,
  quote: string,
  key: string,
): { value: string; next: number } {
  let value = "";
  let i = start;
  for (;;) {
    const close = text.indexOf(quote, i);
    if (close === -1) {
      throw new ConnectionStringError(
        `The value of ${key} opens a quote (${quote}) that is never closed; double a quote to put it inside a value.`,
        { key },
      );
    }
    value += text.slice(i, close);
    if (text[close + 1] === quote) {
      value += quote;
      i = close + 2;
      continue;
    }
    i = close + 1;
    break;
  }
  while (i < text.length && text[i] !== ";") {
    if (!SPACE.test(text[i])) {
      throw new ConnectionStringError(
        `The quoted value of ${key} is followed by more characters before the next ";": quote the whole value.`,
        { key },
      );
    }
    i++;
  }
  return { value, next: i + 1 };
}

const NEEDS_QUOTES = /[;='"]|^\s|\s$/;

function quoted(value: string): string {
  if (!NEEDS_QUOTES.test(value)) return value;
  // Prefer the quote the value does not contain, so most values need no doubling.
  if (value.includes("'") && !value.includes('"')) return `"${value}"`;
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Writes pairs as a connection string that {@linkcode parseConnectionString} reads back to
 * the same pairs: values with `;`, `=`, quotes or leading/trailing spaces are quoted (with
 * `'`, or `"` when the value holds only single quotes; quotes inside doubled). Keys must be
 * non-empty, without `;`, `=` or surrounding spaces; a bad key throws
 * {@linkcode ConnectionStringError}.
 *
 * @example
 * ```ts
 * import { parseConnectionString, toConnectionString } from "@iamfetch/iamfetch/config";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const text = toConnectionString({ AuthScheme: "AzureAD", SSOProperties: "Resource=https://signin.aws.amazon.com/saml;AzureTenant=t" });
 * assertEquals(text, "AuthScheme=AzureAD;SSOProperties='Resource=https://signin.aws.amazon.com/saml;AzureTenant=t';");
 * assert(parseConnectionString(text)[1].value.endsWith("AzureTenant=t"));
 * ```
 */
export function toConnectionString(
  pairs: Iterable<readonly [string, string]> | Readonly<Record<string, string>>,
): string {
  const entries = Symbol.iterator in pairs
    ? pairs as Iterable<readonly [string, string]>
    : Object.entries(pairs);
  let text = "";
  for (const [key, value] of entries) {
    if (key === "" || /[;=]/.test(key) || key.trim() !== key) {
      throw new ConnectionStringError(
        "A connection string key must be non-empty, without ';', '=' or surrounding spaces.",
        { key },
      );
    }
    text += `${key}=${quoted(value)};`;
  }
  return text;
}
