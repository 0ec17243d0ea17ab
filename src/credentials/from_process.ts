import type { CredentialProvider, Credentials } from "../sigv4/credentials.ts";
import { splitCommandLine } from "./command_line.ts";
import { defaultPlatform } from "./platform/default.ts";
import { ProcessCredentialsError, ProcessTimeoutError } from "./errors.ts";
import type { Platform } from "./platform/types.ts";
import { redactedExcerpt } from "./redact_secrets.ts";
import { toSafeCredentials } from "./redacted_credentials.ts";

const DEFAULT_TIMEOUT_MS = 60_000;
const STDERR_EXCERPT_CHARS = 300;

/**
 * Options of {@linkcode fromProcess}.
 */
export interface FromProcessOptions {
  /** The command line, as in a profile's `credential_process`; split like the AWS CLI does. */
  command: string;
  /** Where to run it. Default: {@linkcode defaultPlatform}; needs `runProcess`. */
  platform?: Platform;
  /** Kill the process and fail after this long. Default: 60,000 ms (the AWS CLI waits forever). */
  timeoutMs?: number;
  /** The profile the command comes from, named in error messages. */
  profile?: string;
}

/**
 * A provider that runs an external program and reads the credentials it prints, as the AWS
 * CLI's and SDKs' `credential_process` do: standard output must be Version 1 JSON
 * (`Version`, `AccessKeyId`, `SecretAccessKey`, optional `SessionToken` and `Expiration`).
 * The program runs without a shell, the command line split like the AWS CLI's (quotes and
 * backslashes, see {@linkcode splitCommandLine}).
 *
 * Failures throw {@linkcode ProcessCredentialsError}: where the platform cannot run programs
 * (Workers, browsers), when the program cannot start, times out, exits non-zero (the message
 * has the exit code and a short excerpt of standard error with key-like text redacted), or
 * prints anything but valid, unexpired Version 1 credentials. Standard output never appears
 * in a message: it holds the secrets.
 *
 * @example
 * ```ts
 * import { explicitPlatform, fromProcess } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * // denoPlatform() and nodePlatform() run real programs; this one pretends to
 * const platform = {
 *   ...explicitPlatform(),
 *   runProcess: (program: string) => {
 *     assertEquals(program, "/opt/bin/creds");
 *     const stdout = JSON.stringify({ Version: 1, AccessKeyId: "AKIDEXAMPLE", SecretAccessKey: "secret" });
 *     return Promise.resolve({ code: 0, stdout, stderr: "" });
 *   },
 * };
 * const credentials = await fromProcess({ command: "/opt/bin/creds --role 'my dev'", platform })();
 * assertEquals(credentials.accessKeyId, "AKIDEXAMPLE");
 * ```
 */
export function fromProcess(options: FromProcessOptions): CredentialProvider {
  return async () => {
    const where = options.profile === undefined
      ? "credential_process"
      : `credential_process of profile ${options.profile}`;
    const platform = options.platform ?? defaultPlatform();
    if (platform.runProcess === undefined) {
      throw new ProcessCredentialsError(
        `${where}: this platform cannot run programs (only Deno, Node and Bun can); ` +
          "use another credential source here.",
      );
    }
    let words: string[];
    try {
      words = splitCommandLine(options.command);
    } catch (cause) {
      throw new ProcessCredentialsError(`${where}: ${(cause as Error).message}`, { cause });
    }
    if (words.length === 0) throw new ProcessCredentialsError(`${where}: the command is empty.`);
    const [program, ...args] = words;

    let result;
    try {
      result = await platform.runProcess(program, {
        args,
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      });
    } catch (cause) {
      const reason = cause instanceof ProcessTimeoutError
        ? `did not finish within ${cause.timeoutMs} ms and was killed`
        : `could not be started (${cause instanceof Error ? cause.name : "error"})`;
      throw new ProcessCredentialsError(`${where}: ${program} ${reason}.`, { cause });
    }
    if (result.code !== 0) {
      const stderr = redactedExcerpt(result.stderr, STDERR_EXCERPT_CHARS);
      throw new ProcessCredentialsError(
        `${where}: ${program} exited with code ${result.code}` +
          (stderr === "" ? "." : `; standard error (redacted): ${stderr}`),
        { exitCode: result.code },
      );
    }
    return toSafeCredentials(parseProcessOutput(result.stdout, `${where}: ${program}`));
  };
}

function parseProcessOutput(stdout: string, who: string): Credentials {
  let output: unknown;
  try {
    output = JSON.parse(stdout);
  } catch {
    // Not even a JSON parser's message: it may quote the output.
    throw new ProcessCredentialsError(`${who} did not print JSON on standard output.`);
  }
  if (output === null || typeof output !== "object" || Array.isArray(output)) {
    throw new ProcessCredentialsError(`${who} did not print a JSON object.`);
  }
  const { Version, AccessKeyId, SecretAccessKey, SessionToken, Expiration } = output as Record<
    string,
    unknown
  >;
  if (Version !== 1) {
    throw new ProcessCredentialsError(
      `${who} printed Version ${typeof Version === "number" ? Version : typeof Version}; ` +
        "only Version 1 is supported.",
    );
  }
  if (typeof AccessKeyId !== "string" || AccessKeyId === "") {
    throw new ProcessCredentialsError(`${who} printed no AccessKeyId.`);
  }
  if (typeof SecretAccessKey !== "string" || SecretAccessKey === "") {
    throw new ProcessCredentialsError(`${who} printed no SecretAccessKey.`);
  }
  if (SessionToken !== undefined && SessionToken !== null && typeof SessionToken !== "string") {
    throw new ProcessCredentialsError(`${who} printed a SessionToken that is not a string.`);
  }
  let expiration: Date | undefined;
  if (Expiration !== undefined && Expiration !== null) {
    expiration = typeof Expiration === "string" ? new Date(Expiration) : new Date(NaN);
    if (Number.isNaN(expiration.getTime())) {
      throw new ProcessCredentialsError(
        `${who} printed an Expiration that is not an ISO 8601 date.`,
      );
    }
    // As AWS SDK v3's fromProcess: expired credentials are an error, not something to sign with.
    if (expiration.getTime() <= Date.now()) {
      throw new ProcessCredentialsError(
        `${who} printed credentials that expired at ${expiration.toISOString()}.`,
      );
    }
  }
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    sessionToken: typeof SessionToken === "string" && SessionToken !== ""
      ? SessionToken
      : undefined,
    expiration,
  };
}
