import { explicitPlatform } from "./explicit_platform.ts";
import type { Platform } from "./platform.ts";
import { denoPlatform } from "./platform_deno.ts";
import { nodePlatform } from "./platform_node.ts";

/**
 * The {@linkcode Platform} of the current runtime: Deno's in Deno, Node's in Node and Bun
 * (detected by `process.versions.node`), and an empty explicit platform elsewhere (Workers,
 * browsers), where providers then find no environment variables and no files.
 *
 * @example
 * ```ts
 * import { defaultPlatform } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const platform = defaultPlatform();
 * assertEquals(typeof platform.env, "function");
 * ```
 */
export function defaultPlatform(): Platform {
  const global = globalThis as {
    Deno?: { readTextFile?: unknown };
    process?: { versions?: { node?: unknown }; getBuiltinModule?: unknown };
  };
  if (typeof global.Deno?.readTextFile === "function") return denoPlatform();
  if (
    typeof global.process?.versions?.node === "string" &&
    typeof global.process.getBuiltinModule === "function"
  ) {
    return nodePlatform();
  }
  // Workers with nodejs_compat also expose `process.versions.node` but may lack
  // getBuiltinModule; there, as in browsers, nothing can be read implicitly.
  return explicitPlatform();
}
