/**
 * Platforms for the SSO tests: one over a map of files (with a write log), one over a
 * temporary home directory on disk (for the AWS SDK, which reads `~/.aws` itself).
 *
 * @module
 */
import { denoPlatform } from "../../../src/credentials/platform/deno.ts";
import type { SsoCachePlatform } from "../../../src/credentials/sso/token_cache.ts";

/** A platform whose files live in `files`; `writes` lists the paths written, in order. */
export function memoryCachePlatform(
  homeDir = "/home/me",
  files: Map<string, string> = new Map(),
): SsoCachePlatform & { files: Map<string, string>; writes: string[] } {
  const writes: string[] = [];
  return {
    files,
    writes,
    env: () => undefined,
    homeDir: () => homeDir,
    readTextFile: (path) => Promise.resolve(files.get(path)),
    writeTextFile: (path, text) => {
      writes.push(path);
      files.set(path, text);
      return Promise.resolve();
    },
  };
}

/** `denoPlatform()` with `HOME` = `home` and a `writeTextFile` that writes as the AWS CLI does. */
export function diskCachePlatform(home: string): SsoCachePlatform {
  const base = denoPlatform();
  return {
    ...base,
    homeDir: () => home,
    async writeTextFile(path, text) {
      await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true, mode: 0o700 });
      await Deno.writeTextFile(path, text, { mode: 0o600 });
    },
  };
}

/** Records the waits asked for and lets the clock jump by them instead of sleeping. */
export function fakeTime(start = Date.now()): {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  sleeps: number[];
} {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: (ms) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
    sleeps,
  };
}
