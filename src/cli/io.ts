import type { Platform } from "../credentials/platform/types.ts";

/** A running spinner; `stop()` clears it. */
export interface Spinner {
  /** Stops and clears the spinner. */
  stop(): void;
}

/**
 * Everything the CLI touches outside itself, so tests can run it in-process: output
 * streams, prompts, files and the network.
 *
 * @example
 * ```ts
 * import type { CliIo } from "@iamfetch/iamfetch/cli";
 * import { explicitPlatform } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const out: string[] = [];
 * const io: CliIo = {
 *   out: (text) => void out.push(text),
 *   err: () => {},
 *   prompt: () => Promise.resolve(""),
 *   spinner: () => ({ stop() {} }),
 *   platform: explicitPlatform({ env: {} }),
 *   fetch,
 *   writeTextFile: () => Promise.resolve(),
 * };
 * io.out("hello\n");
 * assertEquals(out[0], "hello\n");
 * ```
 */
export interface CliIo {
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
  /** Asks the user; with `hidden`, the answer is not echoed (passwords, MFA codes). */
  prompt(question: string, options?: { hidden?: boolean }): Promise<string>;
  /** Shows `message` with a spinner on standard error until stopped. */
  spinner(message: string): Spinner;
  /** Environment variables, files and home directory. */
  platform: Platform;
  /** The fetch for AWS and identity providers. */
  fetch: typeof fetch;
  /** Writes a file, creating its directory; `mode` for new files (e.g. `0o600`). */
  writeTextFile(path: string, text: string, options?: { mode?: number }): Promise<void>;
}
