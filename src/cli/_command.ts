import type { CliIo } from "./io.ts";
import type { FlagSpec, ParsedArgs } from "./_parse_args.ts";

/** One CLI command: its name, help text, flags and what it does. */
export interface Command {
  /** The word after `iamfetch`, e.g. `whoami`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The usage line and the description of its own flags, for `--help`. */
  readonly help: string;
  /** Its own flags (the connection flags are added to every command). */
  readonly flags: FlagSpec;
  /** Runs the command; resolves to the exit code. */
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/** The flags every command takes to find credentials, region and endpoint. */
export const CONNECTION_FLAGS: FlagSpec = {
  values: ["profile", "region", "endpoint-url", "connection", "airflow-conn"],
  switches: ["help"],
};

/** Help text for {@linkcode CONNECTION_FLAGS}. */
export const CONNECTION_HELP = `Credentials (default: the AWS SDK's default chain):
  --profile NAME          a profile of ~/.aws/config and ~/.aws/credentials
  --connection STRING     a CData-style connection string ("AuthScheme=Okta;User=…;…")
  --airflow-conn VALUE    an Airflow connection: aws:// URI, JSON, or a connection id
                          whose AIRFLOW_CONN_<ID> environment variable holds one
  --region REGION         the AWS region (default: the connection's, AWS_REGION, the profile's)
  --endpoint-url URL      send AWS calls here (e.g. http://127.0.0.1:9000)
  --help                  show this help`;
