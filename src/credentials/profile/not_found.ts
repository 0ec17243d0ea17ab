import { ProfileNotFoundError } from "./errors.ts";
import type { SharedConfig } from "./shared_config.ts";

// A name from AWS_PROFILE or an option may hold control characters (no file can): shown
// escaped, so that a CR / LF cannot forge a line in a log.
function shown(name: string): string {
  return Array.from(name, (char) => {
    const code = char.charCodeAt(0);
    return code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, "0")}` : char;
  }).join("");
}

/**
 * The {@linkcode ProfileNotFoundError} for the last profile of `path` — the profile asked
 * for, then the `source_profile`s followed from it — which `problem` describes (default:
 * it is not in the files `config` was read from, named). For the profile asked for,
 * `tryNextLink` is `true` (a chain goes on); for a source profile it is `false`.
 *
 * @example
 * ```ts
 * import { profileNotFoundError } from "./not_found.ts";
 * import { assertEquals } from "@std/assert";
 *
 * const config = {
 *   profiles: new Map(),
 *   ssoSessions: new Map(),
 *   services: new Map(),
 *   configFilepath: "/home/me/.aws/config",
 *   credentialsFilepath: "/home/me/.aws/credentials",
 * };
 * const error = profileNotFoundError(config, ["nosuch"]);
 * assertEquals(error.message, "Profile nosuch was not found in /home/me/.aws/config or /home/me/.aws/credentials.");
 * ```
 */
export function profileNotFoundError(
  config: SharedConfig,
  path: readonly string[],
  problem?: string,
): ProfileNotFoundError {
  const name = path.at(-1) ?? "default";
  const files = [config.configFilepath, config.credentialsFilepath]
    .filter((file) => file !== undefined).join(" or ") ||
    "no file (no home directory, AWS_CONFIG_FILE or AWS_SHARED_CREDENTIALS_FILE)";
  const what = path.length <= 1
    ? `Profile ${shown(name)}`
    : `Profile ${name}, the source_profile of profile ${path.at(-2)},`;
  return new ProfileNotFoundError(name, `${what} ${problem ?? `was not found in ${files}.`}`, {
    tryNextLink: path.length <= 1,
  });
}
