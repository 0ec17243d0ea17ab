import { CredentialSettingError } from "./errors.ts";

/**
 * Reads a boolean setting of the environment or a profile as botocore does: `true` or
 * `false` in any case; `undefined` when unset or empty. AWS SDK v3 takes only the
 * lower-case words and throws for anything else; botocore reads anything else as `false`.
 * Here anything else is a {@linkcode CredentialSettingError} naming the setting: a typo
 * must not silently turn a switch off.
 *
 * @example
 * ```ts
 * import { booleanSetting } from "./_boolean_setting.ts";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(booleanSetting("TRUE", "environment", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), true);
 * assertEquals(booleanSetting(undefined, "profile dev", "ignore_configured_endpoint_urls"), undefined);
 * ```
 */
export function booleanSetting(
  value: string | undefined,
  source: string,
  setting: string,
): boolean | undefined {
  if (value === undefined || value === "") return undefined;
  const lower = value.toLowerCase();
  if (lower === "true" || lower === "false") return lower === "true";
  throw new CredentialSettingError(source, setting, "must be true or false.");
}
