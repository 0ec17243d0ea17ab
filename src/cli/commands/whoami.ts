import { StsClient } from "../../sts/client.ts";
import { resolveCliConnection } from "../_connection.ts";
import { CliPrompts } from "../_prompts.ts";
import type { Command } from "../_command.ts";

/** `iamfetch whoami`: STS GetCallerIdentity, printed as the AWS CLI prints it. */
export const whoamiCommand: Command = {
  name: "whoami",
  summary: "show the account, ARN and user id the credentials belong to",
  help: `Usage: iamfetch whoami [connection flags]

Calls STS GetCallerIdentity and prints {"UserId", "Account", "Arn"} as JSON.`,
  flags: { values: [], switches: [] },
  async run(args, io) {
    const prompts = new CliPrompts(io);
    try {
      const connection = await resolveCliConnection(args, io, prompts);
      const sts = new StsClient({
        ...connection.endpoints,
        credentials: connection.credentials,
        region: connection.region,
        endpoint: connection.endpoint,
        fetch: io.fetch,
      });
      const identity = await sts.getCallerIdentity();
      io.out(
        JSON.stringify(
          { UserId: identity.userId, Account: identity.account, Arn: identity.arn },
          null,
          4,
        ) + "\n",
      );
      return 0;
    } finally {
      prompts.stop();
    }
  },
};
