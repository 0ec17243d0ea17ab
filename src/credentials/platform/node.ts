import { ProcessTimeoutError } from "../errors.ts";
import { homeDirFromEnv } from "./_home_dir.ts";
import type { Platform, ProcessResult, RunProcessOptions } from "./types.ts";
import { serveLoopback } from "./_node_loopback.ts";
import { nodeBuiltin, type NodeProcess, nodeProcess } from "./_node_modules.ts";

// Node reports a missing file, or a path through something that is not a directory, so.
const MISSING_FILE_CODES = new Set(["ENOENT", "ENOTDIR"]);

async function runProcess(
  process: NodeProcess,
  command: string,
  options: RunProcessOptions,
): Promise<ProcessResult> {
  const { spawn } = await nodeBuiltin(process, "node:child_process");
  return await new Promise((resolve, reject) => {
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

// The commands Deno's platform uses too: `open` on macOS, the URL protocol handler on
// Windows, `xdg-open` elsewhere.
async function openUrl(process: NodeProcess, url: string): Promise<void> {
  const [command, ...args] = process.platform === "darwin"
    ? ["open", url]
    : process.platform === "win32"
    ? ["rundll32", "url.dll,FileProtocolHandler", url]
    : ["xdg-open", url];
  const { spawn } = await nodeBuiltin(process, "node:child_process");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, {
      env: process.env,
      stdio: ["ignore", "ignore", "ignore"],
      windowsHide: true,
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} exited with code ${code}.`));
    });
  });
}

/**
 * The {@linkcode Platform} of Node (20.0 and later) and Bun: `process.env`,
 * `fs.promises.readFile` (a missing file reads as `undefined`), `HOME` / `USERPROFILE` as the
 * home directory (else `os.homedir()` where `process.getBuiltinModule` exists, Node >= 20.16),
 * `child_process.spawn` (no shell) to run programs, killed with `SIGKILL` on timeout, a
 * `node:http` server on `127.0.0.1` for loopback servers (the browser SAML adapter), and
 * `open` / `xdg-open` / `rundll32` to open a URL in the browser. Node's modules come from
 * `process.getBuiltinModule`, or from a dynamic `import()` on Node before 20.16.
 *
 * @example
 * ```ts
 * import { nodePlatform } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * // Deno has Node's process global too
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
        return await (await nodeBuiltin(process, "node:fs")).promises.readFile(path, "utf8");
      } catch (error) {
        const code = (error as { code?: unknown } | null)?.code;
        if (typeof code === "string" && MISSING_FILE_CODES.has(code)) return undefined;
        throw error;
      }
    },
    // Synchronous by contract: before Node 20.16 no module can be loaded synchronously, so
    // there only the variables tell (Node's own homedir() reads HOME first too).
    homeDir: () =>
      homeDirFromEnv(env) ?? process.getBuiltinModule?.("node:os").homedir() ?? undefined,
    runProcess: (command, options) => runProcess(process, command, options),
    serveLoopback: (port, handler) => serveLoopback(process, port, handler),
    openUrl: (url) => openUrl(process, url),
  };
}
