/**
 * The home directory as AWS SDK v3 finds it (`getHomeDir` in `@smithy/shared-ini-file-loader`):
 * `HOME`, else `USERPROFILE`, else `HOMEDRIVE` + `HOMEPATH`.
 *
 * @param env Reads one environment variable.
 * @returns The directory, or `undefined` when none of the variables is set.
 *
 * @example
 * ```ts
 * import { homeDirFromEnv } from "./_home_dir.ts";
 * import { assertEquals } from "@std/assert";
 *
 * const env: Record<string, string> = { USERPROFILE: "C:\\Users\\me" };
 * assertEquals(homeDirFromEnv((name) => env[name]), "C:\\Users\\me");
 * ```
 */
export function homeDirFromEnv(env: (name: string) => string | undefined): string | undefined {
  const home = env("HOME");
  if (home) return home;
  const userProfile = env("USERPROFILE");
  if (userProfile) return userProfile;
  const homePath = env("HOMEPATH");
  if (homePath) return (env("HOMEDRIVE") ?? "C:\\") + homePath;
  return undefined;
}
