/**
 * Replaces the `[name]` section of an INI text with `entries`, or appends it, leaving every
 * other line (comments, other profiles, their order) untouched — what saml2aws and
 * `aws configure` do to the shared credentials file.
 */
export function upsertIniSection(
  text: string,
  name: string,
  entries: ReadonlyArray<readonly [string, string]>,
): string {
  const lines = text === "" ? [] : text.replace(/\r?\n$/, "").split(/\r?\n/);
  // The name exactly as written between the brackets, as the readers take it ([ dev ] is
  // another profile than [dev]).
  const header = (line: string) => line.match(/^\s*\[([^\]]*)\]\s*(?:[#;].*)?$/)?.[1];
  const start = lines.findIndex((line) => header(line) === name);
  const section = [`[${name}]`, ...entries.map(([key, value]) => `${key} = ${value}`)];
  if (start === -1) {
    if (lines.length > 0 && lines[lines.length - 1].trim() !== "") lines.push("");
    return [...lines, ...section].join("\n") + "\n";
  }
  let end = start + 1;
  while (end < lines.length && header(lines[end]) === undefined) end++;
  // Keep the blank lines that separated the old section from the next one.
  let keep = end;
  while (keep > start + 1 && lines[keep - 1].trim() === "") keep--;
  return [...lines.slice(0, start), ...section, ...lines.slice(keep)].join("\n") + "\n";
}
