// Runs one README example as a module of its own, with the fakes' origins swapped in, and
// returns what it printed.
import assert from "node:assert/strict";
import type { EmulatorState } from "../emulator/emulator.ts";
import { type OriginMap, type ReadmeBlock, readmeBlocks, withOrigins } from "./readme_blocks.ts";

const README = new URL("../../README.md", import.meta.url);

/** The README's tagged blocks, by scenario name. */
export async function readmeBlock(name: string): Promise<ReadmeBlock> {
  const block = readmeBlocks(await Deno.readTextFile(README)).find((b) => b.name === name);
  assert.ok(block, `README.md has no example tagged "${name}"`);
  assert.equal(block.mode, "run", `README example ${name} must be tagged run`);
  return block;
}

function printed(args: unknown[]): string {
  return args.map((a) => typeof a === "string" ? a : Deno.inspect(a)).join(" ");
}

/**
 * Writes `block` (origins replaced) to a temporary module under test/docs (so deno.json's
 * imports and the package's own name resolve), sets `env` for the run, imports it, and
 * returns the lines it logged with console.log / console.warn.
 */
export async function runReadmeBlock(
  block: ReadmeBlock,
  origins: OriginMap,
  env: Readonly<Record<string, string>> = {},
): Promise<string[]> {
  const code = withOrigins(block, origins);
  const dir = await Deno.makeTempDir({
    dir: new URL(".", import.meta.url).pathname,
    prefix: ".readme_run_",
  });
  const file = `${dir}/${block.name}.ts`;
  await Deno.writeTextFile(file, code);
  const saved = Object.keys(env).map((name) => [name, Deno.env.get(name)] as const);
  for (const [name, value] of Object.entries(env)) Deno.env.set(name, value);
  const lines: string[] = [];
  const { log, warn } = console;
  console.log = (...args: unknown[]) => lines.push(printed(args));
  console.warn = (...args: unknown[]) => lines.push(printed(args));
  try {
    await import(new URL(`file://${file}`).href);
  } finally {
    console.log = log;
    console.warn = warn;
    for (const [name, value] of saved) {
      if (value === undefined) Deno.env.delete(name);
      else Deno.env.set(name, value);
    }
    await Deno.remove(dir, { recursive: true });
  }
  return lines;
}

/** The temporary access key printed in `line`, which the emulator must have issued. */
export function assertIssuedKey(line: string | undefined, state: EmulatorState): string {
  const key = /ASIA[A-Z0-9]{16}/.exec(line ?? "")?.[0];
  assert.ok(key, `expected credentials with an ASIA… key, got: ${line}`);
  assert.ok(state.identities.has(key), `the emulator did not issue ${key}`);
  assert.ok(!line!.includes(state.identities.get(key)!.secretAccessKey), "secret printed");
  return key;
}
