/**
 * How the platform tests run a probe in Node and Bun: its TypeScript (importing the library
 * by absolute path) bundled for the browser platform, so that any static import of a Node
 * built-in fails the build, then run from a temporary folder; the probe prints one line of
 * JSON, which is the result.
 *
 * @module
 */
import assert from "node:assert/strict";
import { bundleSource } from "../../runtime/bundle.ts";

/** The Bun that `deno task test` installs in `node_modules`. */
export { INSTALLED_BUN as BUN } from "../../find_program.ts";

/** The absolute path of a module of the repository, `relative` to its root, for a probe's import. */
export function repositoryPath(relative: string): string {
  return decodeURIComponent(new URL(`../../../${relative}`, import.meta.url).pathname);
}

// Node 20.0 to 20.15 (and 22.0 to 22.2) have no process.getBuiltinModule: a newer Node
// without it stands in for them.
const WITHOUT_GET_BUILTIN_MODULE =
  'delete process.getBuiltinModule;\nawait import("./probe.mjs");\n';

/** Options of {@linkcode runProbe}. */
export interface ProbeOptions {
  /** The program: `node` or {@linkcode BUN}. */
  runtime: string;
  /** Its arguments before the script, e.g. `["run"]` for Bun. */
  args?: string[];
  /** Run as a Node before 20.16 would: without `process.getBuiltinModule`. */
  oldNode?: boolean;
  /** Writes what the probe needs into its folder `dir` and returns its environment. */
  prepare?: (dir: string) => Promise<Record<string, string>>;
}

/** Bundles `source`, runs it and returns what it printed, parsed as JSON. */
export async function runProbe(
  source: string,
  options: ProbeOptions,
): Promise<Record<string, unknown>> {
  const dir = await Deno.makeTempDir({ prefix: "iamfetch-probe-" });
  try {
    await Deno.writeTextFile(`${dir}/probe.mjs`, await bundleSource(source));
    await Deno.writeTextFile(`${dir}/old-node.mjs`, WITHOUT_GET_BUILTIN_MODULE);
    const env = await options.prepare?.(dir) ?? {};
    const script = `${dir}/${options.oldNode ? "old-node" : "probe"}.mjs`;
    const output = await new Deno.Command(options.runtime, {
      args: [...options.args ?? [], script],
      env: { IAMFETCH_PROBE_DIR: dir, ...env },
    }).output();
    assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
    return JSON.parse(new TextDecoder().decode(output.stdout));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
