import { nearestName } from "../config/nearest_name.ts";
import { CliUsageError } from "./errors.ts";
import type { CliIo } from "./io.ts";
import { type Command, CONNECTION_FLAGS, CONNECTION_HELP } from "./_command.ts";
import { credentialsCommand } from "./commands/credentials.ts";
import { dsqlTokenCommand } from "./commands/dsql_token.ts";
import { loginCommand } from "./commands/login.ts";
import { presignCommand } from "./commands/presign.ts";
import { rdsTokenCommand } from "./commands/rds_token.ts";
import { redshiftCredentialsCommand } from "./commands/redshift_credentials.ts";
import { rolesAnywhereCommand } from "./commands/roles_anywhere.ts";
import { whoamiCommand } from "./commands/whoami.ts";
import { failureReport } from "./_failure_report.ts";
import { parseArgs } from "./_parse_args.ts";
import { VERSION } from "./version.ts";

const COMMANDS: readonly Command[] = [
  whoamiCommand,
  credentialsCommand,
  presignCommand,
  rdsTokenCommand,
  dsqlTokenCommand,
  redshiftCredentialsCommand,
  loginCommand,
  rolesAnywhereCommand,
];

function unknownCommand(name: string): CliUsageError {
  // Shown only when it looks like a command or flag: it may be a secret in the wrong place.
  if (!/^-{0,2}[A-Za-z][\w-]{0,40}$/.test(name)) return new CliUsageError("Unknown command.");
  const nearest = nearestName(name, COMMANDS.map((c) => c.name));
  return new CliUsageError(
    `Unknown command ${JSON.stringify(name)}.` + (nearest ? ` Did you mean ${nearest}?` : ""),
  );
}

function overview(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return `Usage: iamfetch <command> [flags]

AWS credentials, tokens and presigned URLs without the AWS CLI.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Run 'iamfetch <command> --help' (or -h) for a command's flags; 'iamfetch --version' for
the version.
`;
}

/**
 * Runs the `iamfetch` command line `args` with `io` and resolves to the exit code: 0 on
 * success, 1 when the work failed (an AWS or IdP error, missing credentials), 2 for a
 * command line it cannot run. Errors go to standard error: a line naming the error type,
 * then a `caused by` line for each cause (redacted); secrets are printed only by the
 * commands whose job that is (`credentials`, `redshift-credentials`, tokens,
 * `login --format`).
 *
 * @example
 * ```ts
 * import { type CliIo, runCli } from "@iamfetch/iamfetch/cli";
 * import { explicitPlatform } from "@iamfetch/iamfetch/credentials";
 * import { assert } from "@std/assert";
 *
 * let out = "";
 * const io: CliIo = {
 *   out: (text) => void (out += text),
 *   err: () => {},
 *   prompt: () => Promise.resolve(""),
 *   spinner: () => ({ stop() {} }),
 *   platform: explicitPlatform({ env: {} }),
 *   fetch,
 *   writeTextFile: () => Promise.resolve(),
 * };
 * const code = await runCli(["--help"], io);
 * assert(code === 0 && out.includes("whoami"));
 * ```
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined) {
    io.err(overview());
    return 2;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    io.out(overview());
    return 0;
  }
  if (name === "--version") {
    io.out(`iamfetch ${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (command === undefined) throw unknownCommand(name);
    const parsed = parseArgs(rest, {
      values: [...CONNECTION_FLAGS.values, ...command.flags.values],
      switches: [...CONNECTION_FLAGS.switches, ...command.flags.switches],
      positionals: command.flags.positionals,
    }, command.name);
    if (parsed.switches.has("help")) {
      io.out(`${command.help}\n\n${CONNECTION_HELP}\n`);
      return 0;
    }
    return await command.run(parsed, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      const hint = error.command ?? command?.name;
      io.err(
        `iamfetch: ${error.message}\n` +
          (hint ? `Run 'iamfetch ${hint} --help' for usage.\n` : overview()),
      );
      return 2;
    }
    io.err(failureReport(error));
    return 1;
  }
}
