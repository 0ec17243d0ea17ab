import type { Platform } from "../platform/types.ts";

/**
 * The profile name the shared config is read for: `profile` when given (and not empty),
 * else `AWS_PROFILE`, else `default`, as AWS SDK v3's `getProfileName`.
 *
 * @example
 * ```ts
 * import { explicitPlatform, selectedProfileName } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const platform = explicitPlatform({ env: { AWS_PROFILE: "dev" } });
 * assertEquals(selectedProfileName(platform), "dev");
 * assertEquals(selectedProfileName(platform, "prod"), "prod");
 * ```
 */
export function selectedProfileName(platform: Platform, profile?: string): string {
  return profile || platform.env("AWS_PROFILE") || "default";
}
