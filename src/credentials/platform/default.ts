import { explicitPlatform } from "./explicit.ts";
import type { Platform } from "./types.ts";
import { denoPlatform } from "./deno.ts";
import { nodePlatform } from "./node.ts";

/**
 * The {@linkcode Platform} of the current runtime: Deno's in Deno, Node's in Node (20.0 and
 * later) and Bun (detected by `process.versions.node`), and an empty explicit platform
 * elsewhere (Workers without `nodejs_compat`, browsers), where providers then find no
 * environment variables and no files.
 *
 * @example
 * ```ts
 * import { defaultPlatform } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * // In Deno: the process environment and the file system.
 * Deno.env.set("IAMFETCH_EXAMPLE_REGION", "eu-west-1");
 * const platform = defaultPlatform();
 * assertEquals(platform.env("IAMFETCH_EXAMPLE_REGION"), "eu-west-1");
 * assertEquals(await platform.readTextFile("/no/such/dir/config"), undefined);
 * Deno.env.delete("IAMFETCH_EXAMPLE_REGION");
 * ```
 */
export function defaultPlatform(): Platform {
  const global = globalThis as {
    Deno?: { readTextFile?: unknown };
    process?: { versions?: { node?: unknown }; env?: unknown };
  };
  if (typeof global.Deno?.readTextFile === "function") return denoPlatform();
  // Node before 20.16 has no process.getBuiltinModule; its platform loads Node's modules
  // another way, so the variables it was started with are never reported unset. Workers with
  // `nodejs_compat` land here too: their process.env (bindings, when populated) is read, and
  // with no HOME there are no shared files to look for.
  if (
    typeof global.process?.versions?.node === "string" &&
    typeof global.process.env === "object" && global.process.env !== null
  ) {
    return nodePlatform();
  }
  return explicitPlatform();
}
