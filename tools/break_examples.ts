/**
 * Shows that the documentation examples can fail: copies the tree to a temporary directory,
 * breaks the first check of every example (the expected value of an `assertEquals`, the
 * condition of an `assert`, or an `assertThrows` / `assertRejects`, which then fails when the
 * call throws as documented), runs `deno test --doc` there and counts the examples that now
 * fail. An example that still passes with a broken check checks nothing.
 *
 * Run: `deno run -A tools/break_examples.ts`. Prints one line per surviving example and a
 * summary; exits 1 when an example that asserts something survives its break.
 *
 * @module
 */
const EXAMPLE = /( \* ```ts\n)((?: \*.*\n)*?)( \* ```\n)/g;

/** Each check an example may make, and the inverted check that replaces it. */
const BREAKS: readonly { check: RegExp; broken: string }[] = [
  { check: /(?<![A-Za-z])assertEquals\(/, broken: "assertNotEqualsBroken(" },
  { check: /(?<![A-Za-z])assert\(/, broken: "assertFalseBroken(" },
  { check: /(?<![A-Za-z])assertThrows\(/, broken: "assertNoThrowBroken(" },
  { check: /(?<![A-Za-z])assertRejects\(/, broken: "assertNoRejectBroken(" },
];

/** Breaks the first check of an example's code; `undefined` when it checks nothing. */
export function breakExample(code: string): string | undefined {
  let first: { index: number; length: number; broken: string } | undefined;
  for (const { check, broken } of BREAKS) {
    const found = check.exec(code);
    if (found && (first === undefined || found.index < first.index)) {
      first = { index: found.index, length: found[0].length, broken };
    }
  }
  if (first === undefined) return undefined;
  return code.slice(0, first.index) + first.broken + code.slice(first.index + first.length);
}

// Prepended to every broken example: the same checks, inverted. The inverted error checks
// throw when the call throws (as the example says it does) and return nothing otherwise.
const INVERTED = 'import { assertNotEquals as assertNotEqualsBroken } from "@std/assert";\n' +
  'const assertFalseBroken = (value: unknown) => { if (value) throw new Error("broken"); };\n' +
  "const assertNoThrowBroken = (fn: () => unknown, ..._: unknown[]): any => " +
  '{ try { fn(); } catch { throw new Error("broken"); } };\n' +
  "const assertNoRejectBroken = async (fn: () => PromiseLike<unknown>, ..._: unknown[]): " +
  'Promise<any> => { try { await fn(); } catch { throw new Error("broken"); } };\n';

async function copyTree(destination: string): Promise<void> {
  const listed = await new Deno.Command("git", { args: ["ls-files", "-z"], stdout: "piped" })
    .output();
  const files = new TextDecoder().decode(listed.stdout).split("\0").filter((path) => path !== "");
  for (const file of files) {
    const target = `${destination}/${file}`;
    await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), { recursive: true });
    await Deno.copyFile(file, target);
  }
  await Deno.symlink(`${Deno.cwd()}/node_modules`, `${destination}/node_modules`);
}

async function breakAll(root: string): Promise<{ broken: number; unchecked: string[] }> {
  let broken = 0;
  const unchecked: string[] = [];
  const files = new TextDecoder().decode(
    (await new Deno.Command("git", { args: ["ls-files", "mod.ts", "src"], stdout: "piped" })
      .output()).stdout,
  ).split("\n").filter((path) => path.endsWith(".ts"));
  for (const file of files) {
    const text = await Deno.readTextFile(`${root}/${file}`);
    const rewritten = text.replace(EXAMPLE, (whole, open: string, body: string, close: string) => {
      const code = body.split("\n").slice(0, -1).map((line) => line.replace(/^ \* ?/, "")).join(
        "\n",
      );
      const changed = breakExample(code);
      if (changed === undefined) {
        unchecked.push(file);
        return whole;
      }
      broken++;
      const lines = (INVERTED + changed).split("\n").map((line) =>
        line === "" ? " *" : ` * ${line}`
      );
      return open + lines.join("\n") + "\n" + close;
    });
    if (rewritten !== text) await Deno.writeTextFile(`${root}/${file}`, rewritten);
  }
  return { broken, unchecked };
}

if (import.meta.main) {
  const root = await Deno.makeTempDir({ prefix: "iamfetch-broken-examples-" });
  try {
    await copyTree(root);
    const { broken, unchecked } = await breakAll(root);
    const run = await new Deno.Command(Deno.execPath(), {
      args: ["test", "-A", "--doc", "--no-check", "mod.ts", "src/"],
      cwd: root,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const output = new TextDecoder().decode(run.stdout) + new TextDecoder().decode(run.stderr);
    // Every example runs: the broken ones must fail, only those asserting nothing may pass.
    const failed = (output.match(/ \.\.\. FAILED/g) ?? []).length;
    const passed = (output.match(/ \.\.\. ok/g) ?? []).length;
    const survivors = passed - unchecked.length;
    console.log(
      `${broken} examples broken on purpose: ${failed} failed, ${survivors} survived; ` +
        `${unchecked.length} examples assert nothing (${[...new Set(unchecked)].join(", ")})`,
    );
    if (survivors > 0 || failed !== broken) Deno.exit(1);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}
