/**
 * Typed errors of the shared config and credentials files: a line that is not INI, a profile
 * that is missing, `source_profile` settings that loop, temporary keys that expired. Messages
 * name the file, line, profile or setting at fault, never the content of a line (it may hold
 * a secret).
 *
 * @module
 */
import { CredentialsError } from "../../sigv4/errors.ts";
import { CredentialsProviderError } from "../errors.ts";

/**
 * Thrown by `parseIni` for a line that is not a section header, a `key = value` pair, a
 * comment or blank. Names the file and line number, never the line (it may hold a secret).
 *
 * @example
 * ```ts
 * import { IniSyntaxError, parseIni } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals, assertThrows } from "@std/assert";
 *
 * const error = assertThrows(
 *   () => parseIni("[default]\nnot a pair\n", { path: "/home/me/.aws/config" }),
 *   IniSyntaxError,
 * );
 * assertEquals(error.line, 2);
 * ```
 */
export class IniSyntaxError extends CredentialsError {
  /** The file the line is in. */
  readonly path: string;
  /** The 1-based line number. */
  readonly line: number;

  /** Creates the error for line `line` of `path`; `problem` describes the line's shape. */
  constructor(path: string, line: number, problem: string) {
    super(`${path}, line ${line}: ${problem}.`);
    this.name = "IniSyntaxError";
    this.path = path;
    this.line = line;
  }
}

/**
 * Thrown when a profile (or an `sso-session`) does not exist or has no setting that yields
 * credentials. For the profile that was asked for, `tryNextLink` is `true` (a chain goes on,
 * as AWS SDK v3's does); for a profile reached through `source_profile` it is `false`: the
 * configuration is broken and falling back would hide it.
 *
 * @example
 * ```ts
 * import { explicitPlatform, ProfileNotFoundError } from "@iamfetch/iamfetch/credentials";
 * import { fromIni } from "@iamfetch/iamfetch/sts";
 * import { assertEquals, assertRejects } from "@std/assert";
 *
 * const provider = fromIni({ profile: "missing", platform: explicitPlatform({ homeDir: "/home/me" }) });
 * const error = await assertRejects(() => provider(), ProfileNotFoundError);
 * assertEquals(error.profile, "missing");
 * ```
 */
export class ProfileNotFoundError extends CredentialsProviderError {
  /** The profile that was not usable. */
  readonly profile: string;

  /** Creates the error; `message` must not contain secret values. */
  constructor(profile: string, message: string, options: { tryNextLink: boolean }) {
    super(message, options);
    this.name = "ProfileNotFoundError";
    this.profile = profile;
  }
}

/**
 * Thrown when `source_profile` settings lead back to a profile already on the path.
 *
 * @example
 * ```ts
 * import { explicitPlatform, SourceProfileCycleError } from "@iamfetch/iamfetch/credentials";
 * import { fromIni } from "@iamfetch/iamfetch/sts";
 * import { assertEquals, assertRejects } from "@std/assert";
 *
 * const platform = explicitPlatform({
 *   homeDir: "/home/me",
 *   files: {
 *     "/home/me/.aws/config": "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n" +
 *       "[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n",
 *   },
 * });
 * const error = await assertRejects(() => fromIni({ profile: "a", platform })(), SourceProfileCycleError);
 * assertEquals(error.profiles.join(" -> "), "a -> b -> a");
 * ```
 */
export class SourceProfileCycleError extends CredentialsError {
  /** The profiles on the path, in order, ending with the one seen twice. */
  readonly profiles: readonly string[];

  /** Creates the error for the path `profiles`. */
  constructor(profiles: readonly string[]) {
    super(
      `The source_profile settings form a cycle: ${profiles.join(" -> ")}. ` +
        "Point the last source_profile at a profile with static keys or a credential_source.",
    );
    this.name = "SourceProfileCycleError";
    this.profiles = profiles;
  }
}

/**
 * Thrown for a profile whose temporary keys expired, as its `x_security_token_expires`
 * says: a clear local error instead of a call that AWS refuses with `ExpiredToken`. It stops
 * a chain (the profile was chosen; falling back to IMDS would hide that it needs a login).
 *
 * @example
 * ```ts
 * import { ProfileExpiredError } from "@iamfetch/iamfetch/credentials";
 * import { assert } from "@std/assert";
 *
 * const error = new ProfileExpiredError("work", new Date("2024-05-01T12:00:00Z"));
 * assert(error.message.includes("2024-05-01T12:00:00"));
 * ```
 */
export class ProfileExpiredError extends CredentialsError {
  /** The profile whose credentials expired. */
  readonly profile: string;
  /** When they expired. */
  readonly expiration: Date;

  /** Creates the error for `profile`, expired at `expiration`. */
  constructor(profile: string, expiration: Date) {
    super(
      `The credentials of profile ${profile} expired at ${expiration.toISOString()} ` +
        `(x_security_token_expires): log in again, e.g. iamfetch login --profile-out ${profile}.`,
    );
    this.name = "ProfileExpiredError";
    this.profile = profile;
    this.expiration = expiration;
  }
}
