import { dsqlAuthToken } from "../../tokens/dsql_auth_token.ts";
import { resolveCliConnection } from "../_connection.ts";
import { CliPrompts } from "../_prompts.ts";
import type { Command } from "../_command.ts";
import { requiredValue, wholeNumber } from "./_flag_values.ts";

/** `iamfetch dsql-token`: prints an Aurora DSQL authentication token. */
export const dsqlTokenCommand: Command = {
  name: "dsql-token",
  summary: "print an Aurora DSQL auth token (DbConnect, or DbConnectAdmin with --admin)",
  help: `Usage: iamfetch dsql-token --hostname HOST [--admin] [--expires-in SECS] [connection flags]

Prints the token \`aws dsql generate-db-connect-auth-token\` prints.
  --hostname HOST     the cluster endpoint
  --admin             a DbConnectAdmin token (for the admin role)
  --expires-in SECS   validity (default 900)`,
  flags: { values: ["hostname", "expires-in"], switches: ["admin"] },
  async run(args, io) {
    const hostname = requiredValue(args, "hostname", "dsql-token");
    const expiresIn = wholeNumber(args, "expires-in", "dsql-token");
    const prompts = new CliPrompts(io);
    try {
      const { credentials, region } = await resolveCliConnection(args, io, prompts);
      const action = args.switches.has("admin") ? "DbConnectAdmin" : "DbConnect";
      io.out(`${await dsqlAuthToken({ hostname, region, credentials, action, expiresIn })}\n`);
      return 0;
    } finally {
      prompts.stop();
    }
  },
};
