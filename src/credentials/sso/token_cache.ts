import { toHex } from "../../_shared/bytes/hex.ts";
import type { Platform } from "../platform/types.ts";
import { parseJsonObject } from "../../_shared/json_object.ts";

/**
 * An IAM Identity Center token cache file (`~/.aws/sso/cache/<sha1>.json`) as the AWS CLI
 * v2 writes it after `aws sso login`, and AWS SDK v3's `@aws-sdk/token-providers` rewrites
 * it after a refresh. Legacy (`sso_start_url` only) logins have no client or refresh fields.
 */
export interface SsoCachedToken {
  /** The portal's start URL, e.g. `https://my-org.awsapps.com/start`. */
  startUrl?: string;
  /** The IAM Identity Center region (`sso_region`). */
  region?: string;
  /** The bearer token of the portal API. */
  accessToken: string;
  /** When `accessToken` expires: ISO 8601 in UTC (`…Z`). */
  expiresAt: string;
  /** The OIDC client the token was issued to (needed to refresh it). */
  clientId?: string;
  /** That client's secret. */
  clientSecret?: string;
  /** When the client registration expires: ISO 8601 in UTC. */
  registrationExpiresAt?: string;
  /** Exchanged for a new access token by `CreateToken` (`grant_type=refresh_token`). */
  refreshToken?: string;
}

/**
 * A {@linkcode Platform} that can also write the SSO token cache: `writeTextFile` replaces
 * the file at `path`, creating missing directories, readable by its owner only (mode
 * `0600`, directory `0700`) as the AWS CLI's `JSONFileCache` does — the file holds tokens.
 *
 * @example
 * ```ts
 * import { explicitPlatform, type SsoCachePlatform } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const files = new Map<string, string>();
 * const platform: SsoCachePlatform = {
 *   ...explicitPlatform({ homeDir: "/home/me" }),
 *   readTextFile: (path) => Promise.resolve(files.get(path)),
 *   writeTextFile: (path, text) => Promise.resolve(void files.set(path, text)),
 * };
 * await platform.writeTextFile("/home/me/x", "y");
 * assertEquals(await platform.readTextFile("/home/me/x"), "y");
 * ```
 */
export interface SsoCachePlatform extends Platform {
  /** Writes `text` to `path` (UTF-8), owner-only, creating directories as needed. */
  writeTextFile(path: string, text: string): Promise<void>;
}

/**
 * Whether `platform` can write files (see {@linkcode SsoCachePlatform}).
 *
 * @example
 * ```ts
 * import { explicitPlatform } from "@iamfetch/iamfetch/credentials";
 * import { canWriteFiles } from "./token_cache.ts";
 * import { assert } from "@std/assert";
 *
 * assert(!canWriteFiles(explicitPlatform()));
 * ```
 */
export function canWriteFiles(platform: Platform): platform is SsoCachePlatform {
  return typeof (platform as Partial<SsoCachePlatform>).writeTextFile === "function";
}

/**
 * The lower-case hex SHA-1 of `text`'s UTF-8 bytes: the AWS CLI's cache file names.
 *
 * @example
 * ```ts
 * import { sha1Hex } from "./token_cache.ts";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(await sha1Hex(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
 * ```
 */
export async function sha1Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text))));
}

/**
 * The path of the cache file named by `key` (`sha1(key).json` in `~/.aws/sso/cache`), or
 * `undefined` where there is no home directory. The token of an `sso-session` is keyed by
 * the session's name, a legacy profile's by its start URL, as the AWS CLI and SDKs do.
 *
 * @example
 * ```ts
 * import { explicitPlatform } from "@iamfetch/iamfetch/credentials";
 * import { ssoCacheFilePath } from "./token_cache.ts";
 * import { assert } from "@std/assert";
 *
 * const path = await ssoCacheFilePath(explicitPlatform({ homeDir: "/home/me" }), "my-sso");
 * assert(path?.startsWith("/home/me/.aws/sso/cache/") && path.endsWith(".json"));
 * ```
 */
export async function ssoCacheFilePath(
  platform: Platform,
  key: string,
): Promise<string | undefined> {
  const home = platform.homeDir();
  return home === undefined ? undefined : `${home}/.aws/sso/cache/${await sha1Hex(key)}.json`;
}

/**
 * The JSON object in the cache file named by `key`, or `undefined` when there is no such
 * file or it does not hold a JSON object (the AWS CLI treats both as "not logged in").
 *
 * @example
 * ```ts
 * import { explicitPlatform } from "@iamfetch/iamfetch/credentials";
 * import { readSsoCacheFile } from "./token_cache.ts";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(await readSsoCacheFile(explicitPlatform({ homeDir: "/h" }), "s"), undefined);
 * ```
 */
export async function readSsoCacheFile(
  platform: Platform,
  key: string,
): Promise<Record<string, unknown> | undefined> {
  const path = await ssoCacheFilePath(platform, key);
  const text = path === undefined ? undefined : await platform.readTextFile(path);
  return text === undefined ? undefined : parseJsonObject(text);
}

/**
 * Writes `value` as JSON to the cache file named by `key` and returns its path.
 *
 * @example
 * ```ts
 * import { explicitPlatform } from "@iamfetch/iamfetch/credentials";
 * import { writeSsoCacheFile } from "./token_cache.ts";
 * import { assertEquals } from "@std/assert";
 *
 * const files = new Map<string, string>();
 * const platform = {
 *   ...explicitPlatform({ homeDir: "/h" }),
 *   writeTextFile: (path: string, text: string) => Promise.resolve(void files.set(path, text)),
 * };
 * const path = await writeSsoCacheFile(platform, "s", { a: 1 });
 * assertEquals(files.get(path), '{"a":1}');
 * ```
 */
export async function writeSsoCacheFile(
  platform: SsoCachePlatform,
  key: string,
  value: object,
): Promise<string> {
  const path = await ssoCacheFilePath(platform, key);
  if (path === undefined) {
    throw new TypeError("The SSO token cache needs a home directory (HOME is not set).");
  }
  await platform.writeTextFile(path, JSON.stringify(value));
  return path;
}

/**
 * `ms` (epoch milliseconds) as the AWS CLI writes cache times: ISO 8601, UTC, whole seconds.
 *
 * @example
 * ```ts
 * import { isoSeconds } from "./token_cache.ts";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(isoSeconds(Date.UTC(2024, 4, 1, 13, 0, 0, 999)), "2024-05-01T13:00:00Z");
 * ```
 */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}
