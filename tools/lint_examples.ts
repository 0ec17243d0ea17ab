/**
 * Refuses documentation examples that cannot fail:
 *
 * - `console.assert` only prints in Deno, so an example checking a value with it passes
 *   whatever the value;
 * - an assertion inside `catch` (`try { … } catch (error) { assert(…) }`, or
 *   `.catch((error) => assert…)`) is skipped when the call succeeds, so the example passes
 *   when the error it documents is never thrown;
 * - a check that a value is a function (`typeof x === "function"`) restates the type the
 *   compiler already guarantees, so it holds whatever the function does.
 *
 * Examples check with `@std/assert`, and check errors with `assertThrows` /
 * `assertRejects`. Run by `deno task check`.
 *
 * @module
 */
const ROOTS = ["mod.ts", "src"];

const RULES: { pattern: RegExp; why: string }[] = [
  { pattern: /console\.assert/, why: "console.assert only prints in Deno; use @std/assert" },
  {
    pattern: /\}\s*catch\s*[({]|\.catch\(\s*\(?\s*\w*\s*\)?\s*=>\s*\{?\s*assert/,
    why: "an assertion in a catch is skipped when nothing throws; use assertThrows/assertRejects",
  },
  {
    pattern: /assert\w*\(.*typeof\b.*["']function["']/,
    why: "a typeof check restates the type; assert what the function does",
  },
];

async function* typeScriptFiles(path: string): AsyncGenerator<string> {
  const info = await Deno.stat(path);
  if (info.isFile) {
    if (path.endsWith(".ts")) yield path;
    return;
  }
  for await (const entry of Deno.readDir(path)) yield* typeScriptFiles(`${path}/${entry.name}`);
}

/** The lines of `source` that are inside a fenced code block of a JSDoc comment. */
function exampleLines(source: string): { line: string; number: number }[] {
  const found: { line: string; number: number }[] = [];
  let inFence = false;
  source.split("\n").forEach((line, index) => {
    const doc = /^\s*\*\s?(.*)$/.exec(line);
    if (!doc) {
      inFence = false;
      return;
    }
    if (doc[1].trimStart().startsWith("```")) {
      inFence = !inFence;
      return;
    }
    if (inFence) found.push({ line: doc[1], number: index + 1 });
  });
  return found;
}

const offenders: string[] = [];
for (const root of ROOTS) {
  for await (const file of typeScriptFiles(root)) {
    for (const { line, number } of exampleLines(await Deno.readTextFile(file))) {
      const broken = RULES.find((rule) => rule.pattern.test(line));
      if (broken) offenders.push(`${file}:${number}: ${line.trim()}  (${broken.why})`);
    }
  }
}
if (offenders.length > 0) {
  console.error("Documentation examples that cannot fail:\n" + offenders.join("\n"));
  Deno.exit(1);
}
