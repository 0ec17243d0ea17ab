import { IniSyntaxError } from "./errors.ts";

/**
 * Options of {@linkcode parseIni}.
 */
export interface ParseIniOptions {
  /** The file the text came from, named in syntax errors. */
  path: string;
}

// What JavaScript's `\s` and `String.prototype.trim` treat as white space.
function isWhiteSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 ||
    code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 ||
    code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

// AWS SDK v3 cuts a line at the first `#` or `;` that starts it or follows white space
// (`line.split(/(^|\s)[;#]/)[0]`), anywhere in the line: `key = a;b` keeps its value,
// `key = a ;b` is `a`. Done by hand, in one pass, rather than with a regular expression.
function stripComment(line: string): string {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if ((code === 0x23 || code === 0x3b) && (i === 0 || isWhiteSpace(line.charCodeAt(i - 1)))) {
      return line.slice(0, i);
    }
  }
  return line;
}

/**
 * Parses the INI dialect of `~/.aws/config` and `~/.aws/credentials` with AWS SDK v3's
 * semantics, into the sections in file order — each named by the text between the brackets
 * as it is (e.g. `profile dev`; `[ dev ]` is ` dev `, as in AWS SDK v3 and botocore) — of
 * keys to values. A section header that appears twice
 * gives two entries: {@linkcode parseIni} merges them. The rules:
 *
 * - `key = value`: key and value trimmed; the first `=` separates them; a repeated key
 *   replaces the earlier value.
 * - Comments: from a `#` or `;` that starts a line or follows white space, to the end of
 *   the line — also inside values, as AWS SDK v3 does (`a = b ;c` is `b`, `a = b;c` is `b;c`).
 * - Sub-properties: a key with an empty value opens a block; the indented `key = value`
 *   lines under it are stored as `parent.key` (`s3 =` / `  addressing_style = path` gives
 *   `s3.addressing_style`), as botocore and AWS SDK v3 do. The key with the empty value
 *   itself is not stored, as in AWS SDK v3 (an empty setting is an unset one).
 * - CRLF line ends and a byte order mark are accepted.
 *
 * Unlike AWS SDK v3, which silently skips them (botocore rejects them too), a line that is
 * none of a section header, a pair, a comment or blank throws {@linkcode IniSyntaxError}
 * naming the file and line number — never the line, which may hold a secret. Runs in time
 * linear in the text: no regular expressions.
 *
 * @param text The file's content.
 * @param options `path`, used in error messages.
 * @returns `[section name, key → value]` for each section header, in file order.
 *
 * @example
 * ```ts
 * import { parseIniSections } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const sections = parseIniSections(
 *   "[profile dev] # work\nregion = eu-west-1\ns3 =\n  addressing_style = path\n[profile dev]\nregion = us-east-1\n",
 *   { path: "/home/me/.aws/config" },
 * );
 * assertEquals(sections.length, 2);
 * assertEquals(sections[0][1].get("s3.addressing_style"), "path");
 * assertEquals(sections[1][1].get("region"), "us-east-1");
 * ```
 */
export function parseIniSections(
  text: string,
  options: ParseIniOptions,
): Array<[name: string, settings: Map<string, string>]> {
  const sections: Array<[string, Map<string, string>]> = [];
  let section: Map<string, string> | undefined;
  let parentKey: string | undefined;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let lineNumber = 1; start <= text.length; lineNumber++) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const rawLine = text.slice(start, end);
    start = end + 1;
    const line = stripComment(rawLine).trim();
    if (line === "") continue;

    if (line.charCodeAt(0) === 0x5b /* [ */) {
      if (line.charCodeAt(line.length - 1) !== 0x5d /* ] */) {
        throw new IniSyntaxError(options.path, lineNumber, "a section header must end with ']'");
      }
      // Not trimmed: `[ default ]` is the section " default ", which neither AWS SDK v3 nor
      // botocore takes for `[default]` (nor `[ profile x ]` for a profile).
      const name = line.slice(1, -1);
      if (name.trim() === "") {
        throw new IniSyntaxError(options.path, lineNumber, "the section header has no name");
      }
      section = new Map();
      sections.push([name, section]);
      parentKey = undefined;
      continue;
    }
    if (section === undefined) {
      throw new IniSyntaxError(
        options.path,
        lineNumber,
        "a key = value line must follow a [section] header",
      );
    }
    const equals = line.indexOf("=");
    if (equals === -1) {
      throw new IniSyntaxError(
        options.path,
        lineNumber,
        "expected a [section] header or a key = value line, found neither",
      );
    }
    const key = line.slice(0, equals).trim();
    if (key === "") {
      throw new IniSyntaxError(options.path, lineNumber, "the line has no key before '='");
    }
    const value = line.slice(equals + 1).trim();
    if (value === "") {
      parentKey = key;
      continue;
    }
    // A line that is not indented ends the sub-property block (AWS SDK v3: the raw line
    // equals its `trimStart()`).
    if (parentKey !== undefined && !isWhiteSpace(rawLine.charCodeAt(0))) parentKey = undefined;
    section.set(parentKey === undefined ? key : `${parentKey}.${key}`, value);
  }
  return sections;
}

/**
 * Parses an AWS config or credentials file like {@linkcode parseIniSections} (see there for
 * the rules and errors) and merges sections with the same header key by key, later values
 * winning, as AWS SDK v3 does.
 *
 * @param text The file's content.
 * @param options `path`, used in error messages.
 * @returns Section name → (key → value).
 *
 * @example
 * ```ts
 * import { parseIni } from "@iamfetch/iamfetch/credentials";
 * import { assert } from "@std/assert";
 *
 * const sections = parseIni(
 *   "[profile dev] # work\nregion = eu-west-1\ns3 =\n  addressing_style = path\n",
 *   { path: "/home/me/.aws/config" },
 * );
 * const dev = sections.get("profile dev");
 * assert(dev?.get("region") === "eu-west-1");
 * assert(dev?.get("s3.addressing_style") === "path");
 * ```
 */
export function parseIni(text: string, options: ParseIniOptions): Map<string, Map<string, string>> {
  const merged = new Map<string, Map<string, string>>();
  for (const [name, settings] of parseIniSections(text, options)) {
    const section = merged.get(name);
    if (section === undefined) merged.set(name, settings);
    else for (const [key, value] of settings) section.set(key, value);
  }
  return merged;
}
