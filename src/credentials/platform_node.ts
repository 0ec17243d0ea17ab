import { ProcessTimeoutError } from "./errors.ts";
import { homeDirFromEnv } from "./home_dir.ts";
import type { Platform, ProcessResult, RunProcessOptions } from "./platform.ts";

// The only file of the library that touches Node's built-ins, and only through
// `process.getBuiltinModule` (Node >= 20.16, Bun): no `node:` import statement, so bundles
// for Workers and browsers never try to resolve one. The few shapes used are typed here.

interface NodeFs {
  promises: { readFile(path: string, encoding: "utf8"): Promise<string> };
}
interface NodeOs {
  homedir(): string;
}
interface NodeStream {
  on(event: "data", listener: (chunk: Uint8Array) => void): unknown;
}
interface NodeChildProcess {
  stdout: NodeStream | null;
  stderr: NodeStream | null;
  kill(signal: string): boolean;
  on(event: "error", listener: (error: Error) => void): unknown;
  on(event: "close", listener: (code: number | null, signal: string | null) => void): unknown;
}
interface NodeChildProcessModule {
  spawn(command: string, args: readonly string[], options: {
    env: Record<string, string | undefined>;
    stdio: ["ignore", "pipe", "pipe"];
    windowsHide: boolean;
  }): NodeChildProcess;
}
interface NodeProcess {
  env: Record<string, string | undefined>;
  getBuiltinModule(id: "node:fs"): NodeFs;
  getBuiltinModule(id: "node:os"): NodeOs;
  getBuiltinModule(id: "node:child_process"): NodeChildProcessModule;
}

function nodeProcess(): NodeProcess {
  const process = (globalThis as { process?: Partial<NodeProcess> }).process;
  if (typeof process?.getBuiltinModule !== "function") {
    throw new TypeError(
      "nodePlatform() needs process.getBuiltinModule (Node >= 20.16 or Bun); use explicitPlatform() elsewhere.",
    );
  }
  return process as NodeProcess;
}

// Node reports a missing file, or a path through something that is not a directory, so.
const MISSING_FILE_CODES = new Set(["ENOENT", "ENOTDIR"]);

function runProcess(
  process: NodeProcess,
  command: string,
  options: RunProcessOptions,
): Promise<ProcessResult> {
  const { spawn } = process.getBuiltinModule("node:child_process");
  return new Promise((resolve, reject) => {
    const child = spawn(command, options.args ?? [], {
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      windowsHide: true,
    });
    const stdout: Uint8Array[] = [];
    const stderr: Uint8Array[] = [];
    child.stdout?.on("data", (chunk) => stdout.push(chunk));
    child.stderr?.on("data", (chunk) => stderr.push(chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new ProcessTimeoutError(command, options.timeoutMs));
    }, options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({
        // Killed by a signal: 128 + n as a shell reports it; the exact number does not matter.
        code: code ?? (signal ? 137 : 1),
        stdout: decode(stdout),
        stderr: decode(stderr),
      });
    });
  });
}

function decode(chunks: Uint8Array[]): string {
  const decoder = new TextDecoder();
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join("") +
    decoder.decode();
}

/**
 * The {@linkcode Platform} of Node (>= 20.16) and Bun, reached through
 * `process.getBuiltinModule`: `process.env`, `fs.promises.readFile` (a missing file reads as
 * `undefined`), `HOME` / `USERPROFILE` / `os.homedir()` as the home directory, and
 * `child_process.spawn` (no shell) to run programs, killed with `SIGKILL` on timeout.
 *
 * @example
 * ```ts
 * import { nodePlatform } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * // Deno implements process.getBuiltinModule too
 * const platform = nodePlatform();
 * assertEquals(await platform.readTextFile("/no/such/file"), undefined);
 * ```
 */
export function nodePlatform(): Platform {
  const process = nodeProcess();
  const env = (name: string) => process.env[name];
  return {
    env,
    async readTextFile(path) {
      try {
        return await process.getBuiltinModule("node:fs").promises.readFile(path, "utf8");
      } catch (error) {
        const code = (error as { code?: unknown } | null)?.code;
        if (typeof code === "string" && MISSING_FILE_CODES.has(code)) return undefined;
        throw error;
      }
    },
    homeDir: () => homeDirFromEnv(env) ?? process.getBuiltinModule("node:os").homedir(),
    runProcess: (command, options) => runProcess(process, command, options),
  };
}
