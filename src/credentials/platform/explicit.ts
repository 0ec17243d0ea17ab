import type { Platform } from "./types.ts";

/**
 * Fixed values for {@linkcode explicitPlatform}: where there is no process environment or
 * file system (Workers, browsers) or where a test wants exact inputs.
 */
export interface ExplicitPlatformValues {
  /** Environment variables, e.g. a Worker's `env` bindings. Default: none. */
  env?: Readonly<Record<string, string | undefined>>;
  /** File contents by path. Default: no files. */
  files?: Readonly<Record<string, string>>;
  /** The home directory. Default: none (so `~/.aws/*` files are not looked for). */
  homeDir?: string;
}

/**
 * A {@linkcode Platform} over fixed values: for Cloudflare Workers (pass the `env` bindings),
 * browsers and tests. It has no `runProcess`, so `credential_process` is not available.
 *
 * @example
 * ```ts
 * import { explicitPlatform } from "@iamfetch/iamfetch/credentials";
 * import { fromIni } from "@iamfetch/iamfetch/sts";
 * import { assertEquals } from "@std/assert";
 *
 * const platform = explicitPlatform({
 *   homeDir: "/home/me",
 *   files: { "/home/me/.aws/credentials": "[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = s\n" },
 * });
 * const credentials = await fromIni({ platform })();
 * assertEquals(credentials.accessKeyId, "AKIDEXAMPLE");
 * ```
 */
export function explicitPlatform(values: ExplicitPlatformValues = {}): Platform {
  const env = values.env ?? {};
  const files = values.files ?? {};
  const homeDir = values.homeDir;
  return {
    // Object.hasOwn: a name such as "constructor" or "__proto__" must not reach the prototype.
    env: (name) => (Object.hasOwn(env, name) ? env[name] : undefined),
    readTextFile: (path) => Promise.resolve(Object.hasOwn(files, path) ? files[path] : undefined),
    homeDir: () => homeDir,
  };
}
