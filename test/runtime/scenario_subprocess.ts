/**
 * Runs the bundled scenario in another JavaScript runtime's process (Node, Bun): writes
 * the bundle and a small runner into a temporary directory, spawns the runtime on the
 * runner, hands it the scenario input on stdin, and parses the result it prints.
 *
 * @module
 */
import { scenarioBundle } from "./bundle.ts";
import type { ScenarioInput } from "./scenario.ts";

/** How long a spawned runtime may take before it is killed and the test fails. */
const SUBPROCESS_TIMEOUT_MS = 30_000;

/**
 * The runner: reads the input from stdin (so no secret is in the process's arguments or
 * environment), runs the scenario and prints its result as one JSON line. Written in the
 * subset of Node's API that Bun implements.
 */
const RUNNER_SOURCE = `import { runScenario } from "./scenario.mjs";
let text = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) text += chunk;
const result = await runScenario(JSON.parse(text));
process.stdout.write(JSON.stringify(result) + "\\n");
`;

/**
 * Runs the scenario with `executable` (a path or a name on `PATH`) and returns what it
 * printed, parsed. Throws with the process's stderr when it exits unsuccessfully, prints
 * no JSON, or outlives {@linkcode SUBPROCESS_TIMEOUT_MS}; the temporary directory is
 * removed in every case.
 *
 * @example
 * ```ts
 * const result = await runScenarioInSubprocess("node", { endpoint, credentials });
 * ```
 */
export async function runScenarioInSubprocess(
  executable: string,
  input: ScenarioInput,
): Promise<unknown> {
  const directory = await Deno.makeTempDir({ prefix: "iamfetch-runtime-" });
  try {
    await Deno.writeTextFile(`${directory}/scenario.mjs`, await scenarioBundle());
    await Deno.writeTextFile(`${directory}/runner.mjs`, RUNNER_SOURCE);
    const child = new Deno.Command(executable, {
      args: ["runner.mjs"],
      cwd: directory,
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
      signal: AbortSignal.timeout(SUBPROCESS_TIMEOUT_MS),
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(JSON.stringify(input)));
    await writer.close();
    const { success, code, signal, stdout, stderr } = await child.output();
    const out = new TextDecoder().decode(stdout).trim();
    const err = new TextDecoder().decode(stderr).trim();
    if (!success) {
      throw new Error(`${executable} exited with ${signal ?? code}:\n${err}\n${out}`);
    }
    const lastLine = out.split("\n").at(-1) ?? "";
    try {
      return JSON.parse(lastLine);
    } catch {
      throw new Error(`${executable} printed no JSON result:\n${out}\n${err}`);
    }
  } finally {
    await Deno.remove(directory, { recursive: true });
  }
}
