import { denoPlatform } from "../credentials/platform/deno.ts";
import type { CliIo, Spinner } from "./io.ts";
import { readLine, readSecretLine } from "./_terminal_input.ts";

const encoder = new TextEncoder();
const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

function write(stream: { writeSync(p: Uint8Array): number }, text: string): void {
  const bytes = encoder.encode(text);
  for (let offset = 0; offset < bytes.length;) {
    offset += stream.writeSync(bytes.subarray(offset));
  }
}

function spinner(message: string): Spinner {
  if (!Deno.stderr.isTerminal()) {
    write(Deno.stderr, `${message}\n`);
    return { stop() {} };
  }
  let frame = 0;
  const draw = () => write(Deno.stderr, `\r${FRAMES[frame++ % FRAMES.length]} ${message}`);
  draw();
  const timer = setInterval(draw, 80);
  return {
    stop() {
      clearInterval(timer);
      write(Deno.stderr, "\r\x1b[2K");
    },
  };
}

/**
 * The CLI's {@linkcode CliIo} on Deno: standard streams, the terminal for prompts (input
 * hidden for secrets), the real file system and the global `fetch`.
 *
 * @example
 * ```ts
 * import { denoCliIo } from "@iamfetch/iamfetch/cli";
 * import { assertEquals } from "@std/assert";
 *
 * // Files go to disk, their directory created, with the mode asked for (0o600 for secrets).
 * const io = denoCliIo();
 * const dir = await Deno.makeTempDir();
 * await io.writeTextFile(`${dir}/.aws/credentials`, "[default]\n", { mode: 0o600 });
 * assertEquals(await io.platform.readTextFile(`${dir}/.aws/credentials`), "[default]\n");
 * assertEquals((await Deno.stat(`${dir}/.aws/credentials`)).mode! & 0o777, 0o600);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function denoCliIo(): CliIo {
  return {
    out: (text) => write(Deno.stdout, text),
    err: (text) => write(Deno.stderr, text),
    prompt: async (question, options = {}) => {
      write(Deno.stderr, question);
      if (options.hidden && Deno.stdin.isTerminal()) {
        const answer = await readSecretLine(Deno.stdin);
        write(Deno.stderr, "\n");
        return answer;
      }
      return await readLine(Deno.stdin);
    },
    spinner,
    platform: denoPlatform(),
    fetch: (input, init) => fetch(input, init),
    writeTextFile: async (path, text, options = {}) => {
      const slash = path.lastIndexOf("/");
      if (slash > 0) await Deno.mkdir(path.slice(0, slash), { recursive: true });
      await Deno.writeTextFile(path, text, { mode: options.mode });
    },
  };
}
