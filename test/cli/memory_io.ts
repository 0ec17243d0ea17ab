/**
 * A {@linkcode CliIo} in memory for in-process CLI tests: captured output, scripted
 * prompt answers (recording which were hidden), files in a map.
 *
 * @module
 */
import type { CliIo } from "../../src/cli/mod.ts";
import { explicitPlatform } from "../../src/credentials/mod.ts";

/** A CliIo whose effects the test can read back. */
export interface MemoryIo extends CliIo {
  /** Everything written to standard output. */
  readonly stdout: () => string;
  /** Everything written to standard error. */
  readonly stderr: () => string;
  /** The prompts asked, with whether input was hidden. */
  readonly prompts: Array<{ question: string; hidden: boolean }>;
  /** Files written (and the initial ones). */
  readonly files: Map<string, string>;
  /** Spinner messages shown. */
  readonly spinners: string[];
}

/** Creates a {@linkcode MemoryIo} with environment `env`, home `/home/me`, and prompt `answers`. */
export function memoryIo(
  env: Record<string, string>,
  options: { answers?: string[]; files?: Record<string, string>; fetch?: typeof fetch } = {},
): MemoryIo {
  let out = "";
  let err = "";
  const answers = [...(options.answers ?? [])];
  const files = new Map(Object.entries(options.files ?? {}));
  const prompts: MemoryIo["prompts"] = [];
  const spinners: string[] = [];
  const platform = explicitPlatform({ env, homeDir: "/home/me" });
  return {
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    prompt: (question, { hidden = false } = {}) => {
      prompts.push({ question, hidden });
      const answer = answers.shift();
      return answer === undefined
        ? Promise.reject(new Error(`unexpected prompt: ${question}`))
        : Promise.resolve(answer);
    },
    spinner: (message) => {
      spinners.push(message);
      return { stop() {} };
    },
    platform: { ...platform, readTextFile: (path) => Promise.resolve(files.get(path)) },
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    writeTextFile: (path, text) => {
      files.set(path, text);
      return Promise.resolve();
    },
    stdout: () => out,
    stderr: () => err,
    prompts,
    files,
    spinners,
  };
}
