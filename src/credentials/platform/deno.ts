import { ProcessTimeoutError } from "../errors.ts";
import { homeDirFromEnv } from "./_home_dir.ts";
import type {
  LoopbackHandler,
  LoopbackServer,
  Platform,
  ProcessResult,
  RunProcessOptions,
} from "./types.ts";

// The only file of the library that touches `Deno.*`.

function isPermissionError(error: unknown): boolean {
  // Deno 2 throws NotCapable where Deno 1 threw PermissionDenied.
  const errors = Deno.errors as Record<string, unknown>;
  return [errors.NotCapable, errors.PermissionDenied].some((type) =>
    typeof type === "function" && error instanceof type
  );
}

function isMissingFileError(error: unknown): boolean {
  return error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory;
}

function readEnv(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch (error) {
    // Without --allow-env the variable cannot be seen: for this process it is unset.
    if (isPermissionError(error)) return undefined;
    throw error;
  }
}

async function runProcess(command: string, options: RunProcessOptions): Promise<ProcessResult> {
  const child = new Deno.Command(command, {
    args: [...(options.args ?? [])],
    env: options.env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const output = child.output();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      try {
        child.kill("SIGKILL");
      } catch {
        // It exited between the timer firing and the kill.
      }
      reject(new ProcessTimeoutError(command, options.timeoutMs));
    }, options.timeoutMs);
  });
  try {
    const { code, stdout, stderr } = await Promise.race([output, timeout]);
    const decoder = new TextDecoder();
    return { code, stdout: decoder.decode(stdout), stderr: decoder.decode(stderr) };
  } finally {
    clearTimeout(timer);
    // After a timeout the output promise settles once the killed child's pipes close.
    output.catch(() => {});
  }
}

async function serveLoopback(port: number, handler: LoopbackHandler): Promise<LoopbackServer> {
  const listening = Promise.withResolvers<Deno.NetAddr>();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port, onListen: listening.resolve },
    (request) => handler(request),
  );
  const address = await listening.promise;
  let closing: Promise<void> | undefined;
  return { port: address.port, close: () => closing ??= server.shutdown() };
}

async function openUrl(url: string): Promise<void> {
  const [command, ...args] = Deno.build.os === "darwin"
    ? ["open", url]
    : Deno.build.os === "windows"
    ? ["rundll32", "url.dll,FileProtocolHandler", url]
    : ["xdg-open", url];
  const { success, code } = await new Deno.Command(command, {
    args,
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).output();
  if (!success) throw new Error(`${command} exited with code ${code}.`);
}

/**
 * The {@linkcode Platform} of Deno: `Deno.env` (a variable that `--allow-env` does not grant
 * reads as unset), `Deno.readTextFile` (a missing file reads as `undefined`), `HOME` /
 * `USERPROFILE` as the home directory, `Deno.Command` to run programs (needs
 * `--allow-run`), killed with `SIGKILL` when they outlive their timeout, `Deno.serve` on
 * `127.0.0.1` for loopback servers (needs `--allow-net`), and `open` / `xdg-open` /
 * `rundll32` to open a URL in the browser.
 *
 * @example
 * ```ts
 * import { denoPlatform } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const platform = denoPlatform();
 * assertEquals(await platform.readTextFile("/no/such/file"), undefined);
 * ```
 */
export function denoPlatform(): Platform {
  return {
    env: readEnv,
    async readTextFile(path) {
      try {
        return await Deno.readTextFile(path);
      } catch (error) {
        if (isMissingFileError(error)) return undefined;
        throw error;
      }
    },
    homeDir: () => homeDirFromEnv(readEnv),
    runProcess,
    serveLoopback,
    openUrl,
  };
}
