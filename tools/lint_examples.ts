/**
 * Refuses documentation examples that cannot fail: `console.assert` only prints in Deno, so
 * an example checking a value with it passes whatever the value. Examples check with
 * `@std/assert`. Run by `deno task check`.
 *
 * @module
 */
const ROOTS = ["mod.ts", "src"];

async function* typeScriptFiles(path: string): AsyncGenerator<string> {
  const info = await Deno.stat(path);
  if (info.isFile) {
    if (path.endsWith(".ts")) yield path;
    return;
  }
  for await (const entry of Deno.readDir(path)) yield* typeScriptFiles(`${path}/${entry.name}`);
}

const offenders: string[] = [];
for (const root of ROOTS) {
  for await (const file of typeScriptFiles(root)) {
    const lines = (await Deno.readTextFile(file)).split("\n");
    lines.forEach((line, index) => {
      if (line.includes("console.assert")) offenders.push(`${file}:${index + 1}: ${line.trim()}`);
    });
  }
}
if (offenders.length > 0) {
  console.error(
    "console.assert only prints in Deno; check example values with @std/assert:\n" +
      offenders.join("\n"),
  );
  Deno.exit(1);
}
