/**
 * `text` parsed as a JSON object, or `undefined` when it is not JSON or not an object
 * (an array, a string, `null`). Never throws: JSON.parse's own message quotes the text,
 * which may hold a secret, so callers report the failure in their own words.
 *
 * @example
 * ```ts
 * import { parseJsonObject } from "@iamfetch/iamfetch/http";
 * import { assert } from "@std/assert";
 *
 * assert(parseJsonObject('{"a":1}')?.a === 1);
 * assert(parseJsonObject("[1]") === undefined && parseJsonObject("{") === undefined);
 * ```
 */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? value as Record<string, unknown>
      : undefined;
  } catch {
    return undefined;
  }
}
