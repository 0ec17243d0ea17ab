// The TypeScript examples of README.md outside the two sections readme_typecheck_test.ts
// covers ("Use it", "Credentials", …) type-check against the library as it is, so the
// README cannot drift from the API. They are fragments of an application, so the few
// values they take as given (`credentials`, an incoming `request`, …) are declared first.
import assert from "node:assert/strict";
import { README_SECTIONS } from "./readme_blocks.ts";
import { assertTypeChecks } from "./typecheck_sources.ts";

const README = new URL("../../README.md", import.meta.url);

const GIVEN: Record<string, string> = {
  credentials: 'import("@iamfetch/iamfetch").Credentials',
  request: "Request",
  secrets: "Map<string, string>",
};

/** Declarations of the given values a block uses and does not declare itself. */
function prelude(code: string): string {
  return Object.entries(GIVEN)
    .filter(([name]) =>
      new RegExp(`\\b${name}\\b`).test(code) &&
      !new RegExp(`\\b(?:const|let|var|function)\\s+${name}\\b`).test(code)
    )
    .map(([name, type]) => `declare const ${name}: ${type};\n`)
    .join("");
}

/** The ```ts blocks of `readme` outside the marked sections, with their line numbers. */
function usageBlocks(readme: string): { code: string; line: number }[] {
  let text = readme;
  for (const name of README_SECTIONS) {
    const start = text.indexOf(`<!-- ${name}:start -->`);
    const end = text.indexOf(`<!-- ${name}:end -->`);
    // Blank the section out but keep its lines, so line numbers stay true.
    text = text.slice(0, start) + text.slice(start, end).replace(/[^\n]/g, "") + text.slice(end);
  }
  const blocks: { code: string; line: number }[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== "```ts") continue;
    const close = lines.indexOf("```", i + 1);
    blocks.push({ code: lines.slice(i + 1, close).join("\n"), line: i + 1 });
    i = close;
  }
  return blocks;
}

Deno.test("README usage examples outside the tested sections type-check", async () => {
  const blocks = usageBlocks(await Deno.readTextFile(README));
  assert.ok(blocks.length >= 8, `only ${blocks.length} ts blocks found`);
  await assertTypeChecks(
    new Map(
      blocks.map((block) => [
        `line_${block.line}.ts`,
        prelude(block.code) + block.code + "\nexport {};\n",
      ]),
    ),
  );
});
