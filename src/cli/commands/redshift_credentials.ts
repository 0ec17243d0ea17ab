import { redshiftConnectionCredentials } from "../../tokens/redshift/connection_credentials.ts";
import { resolveCliConnection } from "../_connection.ts";
import { CliPrompts } from "../_prompts.ts";
import type { Command } from "../_command.ts";
import { requiredValue, wholeNumber } from "./_flag_values.ts";

/** `iamfetch redshift-credentials`: temporary database credentials for a Redshift cluster. */
export const redshiftCredentialsCommand: Command = {
  name: "redshift-credentials",
  summary: "print temporary Redshift database credentials (GetClusterCredentials[WithIAM])",
  help:
    `Usage: iamfetch redshift-credentials --cluster-identifier ID [--db-user USER] [options] [connection flags]

Looks the cluster up (DescribeClusters) and prints {"host", "port", "database", "user",
"password", "expiration"} as JSON. With --db-user it calls GetClusterCredentials, without
it GetClusterCredentialsWithIAM (the database user is the IAM identity).
  --cluster-identifier ID   the cluster
  --db-user USER            the database user
  --db-name NAME            the database (default: the cluster's)
  --db-groups A,B           database groups to join (with --db-user)
  --auto-create             create the database user if it does not exist
  --duration-seconds SECS   900 to 3600`,
  flags: {
    values: ["cluster-identifier", "db-user", "db-name", "db-groups", "duration-seconds"],
    switches: ["auto-create"],
  },
  async run(args, io) {
    const clusterIdentifier = requiredValue(args, "cluster-identifier", "redshift-credentials");
    const durationSeconds = wholeNumber(args, "duration-seconds", "redshift-credentials");
    const prompts = new CliPrompts(io);
    try {
      const { credentials, region, endpoint, endpoints } = await resolveCliConnection(
        args,
        io,
        prompts,
      );
      const connection = await redshiftConnectionCredentials({
        ...endpoints,
        credentials,
        region,
        endpoint,
        fetch: io.fetch,
        clusterIdentifier,
        dbUser: args.values.get("db-user"),
        dbName: args.values.get("db-name"),
        dbGroups: args.values.get("db-groups")?.split(",").map((group) => group.trim()),
        autoCreate: args.switches.has("auto-create") ? true : undefined,
        durationSeconds,
      });
      io.out(
        JSON.stringify(
          {
            host: connection.host,
            port: connection.port,
            database: connection.database,
            user: connection.user,
            password: connection.password,
            expiration: connection.expiration.toISOString(),
          },
          null,
          2,
        ) + "\n",
      );
      return 0;
    } finally {
      prompts.stop();
    }
  },
};
