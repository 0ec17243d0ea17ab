import type { Platform } from "./platform.ts";

/**
 * The profile name the shared config is read for: `profile` when given (and not empty),
 * else `AWS_PROFILE`, else `default`, as AWS SDK v3's `getProfileName`.
 *
 * @example
 * ```ts
 * import { explicitPlatform, selectedProfileName } from "@iamfetch/iamfetch/credentials";
 *
 * const platform = explicitPlatform({ env: { AWS_PROFILE: "dev" } });
 * if (selectedProfileName(platform) !== "dev") throw new Error("AWS_PROFILE");
 * if (selectedProfileName(platform, "prod") !== "prod") throw new Error("option");
 * ```
 */
export function selectedProfileName(platform: Platform, profile?: string): string {
  return profile || platform.env("AWS_PROFILE") || "default";
}
