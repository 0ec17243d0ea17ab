import type { Credentials } from "../../sigv4/credentials.ts";
import { resolveCliConnection } from "../_connection.ts";
import { CliUsageError } from "../errors.ts";
import { CliPrompts } from "../_prompts.ts";
import type { Command } from "../_command.ts";

const FORMATS = ["env", "json", "process"] as const;

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Renders credentials in one of the `--format`s; this is the one place secrets are printed. */
export function formatCredentials(credentials: Credentials, format: string): string {
  const expiration = credentials.expiration?.toISOString();
  switch (format) {
    case "env":
      return [
        `export AWS_ACCESS_KEY_ID=${shellQuote(credentials.accessKeyId)}`,
        `export AWS_SECRET_ACCESS_KEY=${shellQuote(credentials.secretAccessKey)}`,
        ...(credentials.sessionToken
          ? [`export AWS_SESSION_TOKEN=${shellQuote(credentials.sessionToken)}`]
          : []),
        ...(expiration ? [`export AWS_CREDENTIAL_EXPIRATION=${expiration}`] : []),
      ].join("\n") + "\n";
    case "json":
      return JSON.stringify(
        {
          accessKeyId: credentials.accessKeyId,
          secretAccessKey: credentials.secretAccessKey,
          sessionToken: credentials.sessionToken,
          expiration,
        },
        null,
        2,
      ) + "\n";
    default:
      // The `credential_process` contract: Version 1, Expiration only for temporary keys.
      return JSON.stringify({
        Version: 1,
        AccessKeyId: credentials.accessKeyId,
        SecretAccessKey: credentials.secretAccessKey,
        ...(credentials.sessionToken ? { SessionToken: credentials.sessionToken } : {}),
        ...(expiration ? { Expiration: expiration } : {}),
      }) + "\n";
  }
}

/** `iamfetch credentials`: resolves credentials and prints them, secrets included. */
export const credentialsCommand: Command = {
  name: "credentials",
  summary: "print credentials as shell exports, JSON or credential_process output",
  help: `Usage: iamfetch credentials [--format env|json|process] [connection flags]

Resolves credentials and prints them, secret key and session token included:
  --format env       export AWS_ACCESS_KEY_ID=… lines for eval (default)
  --format json      {"accessKeyId", "secretAccessKey", "sessionToken", "expiration"}
  --format process   the JSON a profile's credential_process must print`,
  flags: { values: ["format"], switches: [] },
  async run(args, io) {
    const format = args.values.get("format") ?? "env";
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new CliUsageError(
        `--format must be one of ${FORMATS.join(", ")}, not ${JSON.stringify(format)}.`,
        "credentials",
      );
    }
    const prompts = new CliPrompts(io);
    try {
      const connection = await resolveCliConnection(args, io, prompts);
      io.out(formatCredentials(await connection.credentials(), format));
      return 0;
    } finally {
      prompts.stop();
    }
  },
};
