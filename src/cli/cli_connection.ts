import type { CredentialProvider } from "../sigv4/credentials.ts";
import { loadSharedConfig } from "../credentials/shared_config.ts";
import { selectedProfileName } from "../credentials/from_ini.ts";
import { defaultProvider } from "../sts/default_provider.ts";
import { fromConnectionString } from "../config/cdata_connection.ts";
import { fromAirflowConnection, fromAirflowEnv } from "../config/airflow_connection.ts";
import type { CliIo } from "./cli_io.ts";
import type { CliPrompts } from "./cli_prompts.ts";
import type { ParsedArgs } from "./parse_args.ts";
import { CliUsageError } from "./cli_error.ts";

/** Where a command's AWS calls go, and as whom. */
export interface CliConnection {
  /** The credentials to sign with. */
  readonly credentials: CredentialProvider;
  /** The region. */
  readonly region: string;
  /** A custom endpoint for AWS calls, if any. */
  readonly endpoint?: string;
}

/**
 * Resolves the connection flags: `--connection` (CData), `--airflow-conn` (URI, JSON or a
 * connection id read from `AIRFLOW_CONN_<ID>`), else the default chain for `--profile`.
 * The region is `--region`, else the connection's, else `AWS_REGION` / `AWS_DEFAULT_REGION`,
 * else the profile's `region`, else `us-east-1` (the AWS CLI would fail without one; a
 * default keeps the token commands, which need none to talk to, usable).
 */
export async function resolveCliConnection(
  args: ParsedArgs,
  io: CliIo,
  prompts: CliPrompts,
): Promise<CliConnection> {
  const { platform, fetch } = io;
  const flagRegion = args.values.get("region");
  const flagEndpoint = args.values.get("endpoint-url");
  const connection = args.values.get("connection");
  const airflow = args.values.get("airflow-conn");
  if (connection !== undefined && airflow !== undefined) {
    throw new CliUsageError("Give --connection or --airflow-conn, not both.");
  }
  const configured = connection !== undefined
    ? fromConnectionString(connection, { platform, fetch, mfa: prompts.mfa })
    : airflow === undefined
    ? undefined
    : /^\s*(aws:\/\/|\{)/.test(airflow)
    ? fromAirflowConnection(airflow, { platform, fetch, mfa: prompts.mfa })
    : fromAirflowEnv(airflow, { platform, fetch, mfa: prompts.mfa });
  const profile = args.values.get("profile");
  const region = flagRegion ?? configured?.region ?? platform.env("AWS_REGION") ??
    platform.env("AWS_DEFAULT_REGION") ?? await profileRegion(io, profile) ?? "us-east-1";
  const endpoint = flagEndpoint ?? configured?.endpoint;
  const credentials = configured?.credentials ?? defaultProvider({
    profile,
    platform,
    fetch,
    region,
    endpoint,
    mfaCodeProvider: prompts.mfaCode,
  });
  return { credentials, region, endpoint };
}

async function profileRegion(io: CliIo, profile: string | undefined): Promise<string | undefined> {
  const config = await loadSharedConfig(io.platform);
  return config.profiles.get(selectedProfileName(io.platform, profile))?.region;
}
