/**
 * Typed errors of the credential providers. Every message names the profile, file, setting
 * or option at fault and what to do about it — never a secret, and never the content of a
 * configuration line (which may hold one).
 *
 * @module
 */
import { IamfetchError } from "../_shared/iamfetch_error.ts";
import { CredentialsError } from "../sigv4/errors.ts";

/**
 * Thrown by a provider whose source of credentials is not available here (no such
 * environment variable, profile or file): {@linkcode chain} then tries its next provider.
 * Other errors stop the chain, as in AWS SDK v3, whose `CredentialsProviderError` has the
 * same duck-typed `tryNextLink` flag — so the two libraries' chains understand each other.
 *
 * @example
 * ```ts
 * import { CredentialsProviderError } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const error = new CredentialsProviderError("AWS_ACCESS_KEY_ID is not set.");
 * assertEquals(error.tryNextLink, true);
 * ```
 */
export class CredentialsProviderError extends CredentialsError {
  /** `true` when a chain should go on to its next provider. */
  readonly tryNextLink: boolean;

  /** Creates the error; `message` must not contain secret values. */
  constructor(message: string, options: { tryNextLink?: boolean; cause?: unknown } = {}) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.name = "CredentialsProviderError";
    this.tryNextLink = options.tryNextLink ?? true;
  }
}

/**
 * Thrown when a setting of a profile or of the environment has a value that cannot be used
 * (an unknown `credential_source`, a `duration_seconds` that is not a number, an
 * `AWS_CREDENTIAL_EXPIRATION` that is not a date, a missing token file…). The message names
 * the setting and where it was read, and lists valid values where there is a fixed set.
 *
 * @example
 * ```ts
 * import { CredentialSettingError, fromEnv } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals, assertRejects } from "@std/assert";
 *
 * const provider = fromEnv({
 *   env: { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "s", AWS_CREDENTIAL_EXPIRATION: "soon" },
 * });
 * const error = await assertRejects(() => provider(), CredentialSettingError);
 * assertEquals(error.setting, "AWS_CREDENTIAL_EXPIRATION");
 * ```
 */
export class CredentialSettingError extends CredentialsError {
  /** Where the setting was read: `profile "dev"`, `environment`, … */
  readonly source: string;
  /** The setting's name, e.g. `credential_source`. */
  readonly setting: string;

  /** Creates the error; `problem` must not contain secret values. */
  constructor(source: string, setting: string, problem: string) {
    super(`${source}: ${setting} ${problem}`);
    this.name = "CredentialSettingError";
    this.source = source;
    this.setting = setting;
  }
}

/**
 * Thrown when a profile needs something the caller did not pass: an `mfaCodeProvider` for
 * `mfa_serial`, a `roleAssumer` for `role_arn`, an injected provider for a
 * `credential_source`, … The message names the profile and the option to pass.
 *
 * @example
 * ```ts
 * import { explicitPlatform, ProviderOptionMissingError } from "@iamfetch/iamfetch/credentials";
 * import { fromIni } from "@iamfetch/iamfetch/sts";
 * import { assertEquals, assertRejects } from "@std/assert";
 *
 * const platform = explicitPlatform({
 *   homeDir: "/home/me",
 *   files: {
 *     "/home/me/.aws/credentials": "[base]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = s\n",
 *     "/home/me/.aws/config": "[profile admin]\nrole_arn = arn:aws:iam::1:role/admin\nsource_profile = base\n" +
 *       "mfa_serial = arn:aws:iam::1:mfa/me\n",
 *   },
 * });
 * const error = await assertRejects(
 *   () => fromIni({ profile: "admin", platform })(), // no mfaCodeProvider
 *   ProviderOptionMissingError,
 * );
 * assertEquals(error.option, "mfaCodeProvider");
 * ```
 */
export class ProviderOptionMissingError extends CredentialsError {
  /** The option that has to be passed, e.g. `mfaCodeProvider`. */
  readonly option: string;

  /** Creates the error; `message` must not contain secret values. */
  constructor(option: string, message: string) {
    super(message);
    this.name = "ProviderOptionMissingError";
    this.option = option;
  }
}

/**
 * Thrown when a `credential_process` command cannot run, times out, exits with a non-zero
 * code or prints something other than Version 1 credentials JSON. The message carries the
 * exit code and a short, redacted excerpt of standard error — never standard output, which
 * holds the secrets.
 *
 * @example
 * ```ts
 * import { explicitPlatform, fromProcess, ProcessCredentialsError } from "@iamfetch/iamfetch/credentials";
 * import { assertRejects } from "@std/assert";
 *
 * // explicit platforms cannot run processes
 * const provider = fromProcess({ command: "aws-vault export --format=json dev", platform: explicitPlatform() });
 * await assertRejects(() => provider(), ProcessCredentialsError);
 * ```
 */
export class ProcessCredentialsError extends CredentialsError {
  /** The exit code, when the process ran to its end. */
  readonly exitCode?: number;

  /** Creates the error; `message` must not contain secret values. */
  constructor(message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.name = "ProcessCredentialsError";
    if (options.exitCode !== undefined) this.exitCode = options.exitCode;
  }
}

/**
 * Thrown by a {@linkcode Platform}'s `runProcess` when the process did not finish within its
 * timeout; the process has been killed.
 *
 * @example
 * ```ts
 * import { ProcessTimeoutError } from "@iamfetch/iamfetch/credentials";
 * import { assert } from "@std/assert";
 *
 * const error = new ProcessTimeoutError("my-helper", 5000);
 * assert(error.message.includes("5000 ms"));
 * ```
 */
export class ProcessTimeoutError extends IamfetchError {
  /** The timeout that passed. */
  readonly timeoutMs: number;

  /** Creates the error for `command`, killed after `timeoutMs`. */
  constructor(command: string, timeoutMs: number) {
    super(`${command} did not finish within ${timeoutMs} ms and was killed.`);
    this.name = "ProcessTimeoutError";
    this.timeoutMs = timeoutMs;
  }
}

/**
 * Thrown by {@linkcode chain} when every provider said it was not available here. The
 * message lists what each one reported (messages of this library's providers hold no
 * secrets; anything key-like in other providers' messages is redacted); `errors` holds them.
 *
 * @example
 * ```ts
 * import { chain, ChainExhaustedError, fromEnv } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals, assertRejects } from "@std/assert";
 *
 * const error = await assertRejects(() => chain(fromEnv({ env: {} }))(), ChainExhaustedError);
 * assertEquals(error.errors.length, 1);
 * ```
 */
export class ChainExhaustedError extends CredentialsProviderError {
  /** What each provider threw, in order. */
  readonly errors: readonly unknown[];

  /** Creates the error; `message` must not contain secret values. */
  constructor(message: string, errors: readonly unknown[]) {
    super(message, { tryNextLink: true });
    this.name = "ChainExhaustedError";
    this.errors = errors;
  }
}
