/**
 * The ```ts blocks of one README section, for the tests that run them as written
 * (`runReadmeBlock` of test/docs swaps in local origins and files).
 *
 * @module
 */
import type { ReadmeBlock } from "../../docs/readme_blocks.ts";

const README = new URL("../../../README.md", import.meta.url);

/** The `index`-th ```ts block under the heading `heading` (up to the next heading). */
export async function readmeSectionBlock(heading: string, index: number): Promise<ReadmeBlock> {
  const lines = (await Deno.readTextFile(README)).split("\n");
  const start = lines.indexOf(heading);
  if (start === -1) throw new Error(`README.md has no heading "${heading}"`);
  const end = lines.findIndex((line, i) => i > start && /^#{1,3} /.test(line));
  const blocks: ReadmeBlock[] = [];
  for (let i = start; i < (end === -1 ? lines.length : end); i++) {
    if (lines[i] !== "```ts") continue;
    const close = lines.indexOf("```", i + 1);
    const name = heading.replace(/\W+/g, "-").replace(/^-|-$/g, "").toLowerCase();
    blocks.push({
      mode: "run",
      name: `${name}-${blocks.length}`,
      code: lines.slice(i + 1, close).join("\n"),
      line: i + 1,
    });
    i = close;
  }
  const block = blocks[index];
  if (block === undefined) throw new Error(`"${heading}" has no ts block ${index}`);
  return block;
}
