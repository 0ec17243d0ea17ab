import type { CredentialProvider } from "../sigv4/credentials.ts";
import type { ConfiguredEndpointOptions } from "../credentials/endpoints/configured_endpoint.ts";
import { profileNotFoundError } from "../credentials/profile/not_found.ts";
import { selectedProfileName } from "../credentials/profile/selected_name.ts";
import { loadSharedConfig, type SharedConfig } from "../credentials/profile/shared_config.ts";
import { defaultProvider } from "../sts/default_provider.ts";
import { fromConnectionString } from "../config/cdata/connection.ts";
import { fromAirflowConnection, fromAirflowEnv } from "../config/airflow/connection.ts";
import type { CliIo } from "./io.ts";
import type { CliPrompts } from "./_prompts.ts";
import type { ParsedArgs } from "./_parse_args.ts";
import { CliUsageError } from "./errors.ts";

/** Where a command's AWS calls go, and as whom. */
export interface CliConnection {
  /** The credentials to sign with. */
  readonly credentials: CredentialProvider;
  /** The region. */
  readonly region: string;
  /** `--endpoint-url`, else the connection's endpoint: every AWS call goes there. */
  readonly endpoint?: string;
  /**
   * Where a client without `endpoint` looks for a configured one (`AWS_ENDPOINT_URL_<SERVICE>`,
   * the profile's `endpoint_url` and `services` section): the CLI's platform and `--profile`.
   */
  readonly endpoints: ConfiguredEndpointOptions;
}

/**
 * Resolves the connection flags: `--connection` (CData), `--airflow-conn` (URI, JSON or a
 * connection id read from `AIRFLOW_CONN_<ID>`), else the default chain for `--profile`.
 * The region is `--region`, else the connection's, else `AWS_REGION` / `AWS_DEFAULT_REGION`,
 * else the profile's `region`, else `us-east-1` (the AWS CLI would fail without one; a
 * default keeps the token commands, which need none to talk to, usable).
 *
 * `--endpoint-url` is the endpoint of every AWS call the command makes, those of the
 * credentials included (the STS calls of role profiles and connection strings, the IAM
 * Identity Center portal). Without it, each service's configured endpoint applies, as in
 * the AWS CLI. A profile asked for (`--profile`, `AWS_PROFILE`) must exist, as in the AWS
 * CLI: otherwise `ProfileNotFoundError` naming the files, before any credential source
 * (web identity, instance metadata) is tried.
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
  const configOptions = { platform, fetch, mfa: prompts.mfa, stsEndpoint: flagEndpoint };
  const configured = connection !== undefined
    ? fromConnectionString(connection, configOptions)
    : airflow === undefined
    ? undefined
    : /^\s*(aws:\/\/|\{)/.test(airflow)
    ? fromAirflowConnection(airflow, configOptions)
    : fromAirflowEnv(airflow, configOptions);
  const profile = args.values.get("profile");
  // Read once, when a profile matters, and handed to the clients for their endpoints.
  let sharedConfig: SharedConfig | undefined;
  const config = async () => sharedConfig ??= await loadSharedConfig(platform);
  const explicitProfile = profile || platform.env("AWS_PROFILE");
  if (configured === undefined && explicitProfile) {
    const loaded = await config();
    if (!loaded.profiles.has(explicitProfile)) {
      throw profileNotFoundError(loaded, [explicitProfile]);
    }
  }
  const region = flagRegion ?? configured?.region ?? platform.env("AWS_REGION") ??
    platform.env("AWS_DEFAULT_REGION") ??
    (await config()).profiles.get(selectedProfileName(platform, profile))?.region ?? "us-east-1";
  const endpoint = flagEndpoint ?? configured?.endpoint;
  const credentials = configured?.credentials ?? defaultProvider({
    profile,
    platform,
    fetch,
    region,
    endpoint: flagEndpoint,
    ssoPortalEndpoint: flagEndpoint,
    mfaCodeProvider: prompts.mfaCodeProvider,
  });
  return { credentials, region, endpoint, endpoints: { platform, profile, sharedConfig } };
}
