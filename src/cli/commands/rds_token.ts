import { rdsAuthToken } from "../../tokens/rds/auth_token.ts";
import { resolveCliConnection } from "../_connection.ts";
import { CliPrompts } from "../_prompts.ts";
import type { Command } from "../_command.ts";
import { requiredValue, wholeNumber } from "./_flag_values.ts";

/** `iamfetch rds-token`: prints an RDS IAM authentication token (the database password). */
export const rdsTokenCommand: Command = {
  name: "rds-token",
  summary: "print an RDS IAM auth token to use as a PostgreSQL/MySQL password",
  help: `Usage: iamfetch rds-token --hostname HOST --username USER [--port PORT] [connection flags]

Prints the token \`aws rds generate-db-auth-token\` prints (valid 15 minutes).
  --hostname HOST   the DB instance or cluster endpoint
  --port PORT       the database port (default 5432)
  --username USER   the database user`,
  flags: { values: ["hostname", "port", "username"], switches: [] },
  async run(args, io) {
    const hostname = requiredValue(args, "hostname", "rds-token");
    const username = requiredValue(args, "username", "rds-token");
    const port = wholeNumber(args, "port", "rds-token") ?? 5432;
    const prompts = new CliPrompts(io);
    try {
      const { credentials, region } = await resolveCliConnection(args, io, prompts);
      io.out(`${await rdsAuthToken({ hostname, port, username, region, credentials })}\n`);
      return 0;
    } finally {
      prompts.stop();
    }
  },
};
