/**
 * Splits a command line into a program and its arguments the way the AWS CLI splits
 * `credential_process` on Linux and macOS (Python's `shlex.split`, POSIX mode): white space
 * separates words; `'…'` keeps everything literally; `"…"` keeps everything except that a
 * backslash escapes `"`, `\`, `$` and `` ` ``; a backslash outside quotes escapes any
 * character. No variables, globs or other shell syntax are expanded.
 *
 * @param commandLine E.g. `/opt/bin/helper --profile "my dev"`.
 * @returns The words, e.g. `["/opt/bin/helper", "--profile", "my dev"]`.
 * @throws {SyntaxError} For an unterminated quote or a trailing backslash (the message does
 * not quote the command line, which may contain a secret).
 *
 * @example
 * ```ts
 * import { splitCommandLine } from "@iamfetch/iamfetch/credentials";
 * import { assert } from "@std/assert";
 *
 * const words = splitCommandLine(`aws-vault export --format=json 'my dev'`);
 * assert(words.length === 4 && words[3] === "my dev");
 * ```
 */
export function splitCommandLine(commandLine: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  for (let i = 0; i < commandLine.length; i++) {
    const char = commandLine[i];
    if (char === " " || char === "\t" || char === "\n" || char === "\r") {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
      continue;
    }
    inWord = true;
    if (char === "\\") {
      if (i + 1 >= commandLine.length) {
        throw new SyntaxError("The command line ends with a backslash that escapes nothing.");
      }
      word += commandLine[++i];
    } else if (char === "'") {
      const end = commandLine.indexOf("'", i + 1);
      if (end === -1) throw new SyntaxError("The command line has an unterminated ' quote.");
      word += commandLine.slice(i + 1, end);
      i = end;
    } else if (char === '"') {
      i++;
      for (; i < commandLine.length && commandLine[i] !== '"'; i++) {
        const next = commandLine[i + 1];
        if (
          commandLine[i] === "\\" &&
          (next === '"' || next === "\\" || next === "$" || next === "`")
        ) {
          word += next;
          i++;
        } else {
          word += commandLine[i];
        }
      }
      if (i >= commandLine.length) {
        throw new SyntaxError('The command line has an unterminated " quote.');
      }
    } else {
      word += char;
    }
  }
  if (inWord) words.push(word);
  return words;
}
