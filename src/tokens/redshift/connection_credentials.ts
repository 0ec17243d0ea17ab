import type { CredentialsInput } from "../../sigv4/credentials.ts";
import type { ConfiguredEndpointOptions } from "../../credentials/endpoints/configured_endpoint.ts";
import { RedshiftClient } from "./client.ts";
import { type RedshiftConnection, toSafeRedshiftConnection } from "./connection.ts";
import type { RedshiftCallOptions } from "./types.ts";

/**
 * Options of {@linkcode redshiftConnectionCredentials}.
 */
export interface RedshiftConnectionOptions extends RedshiftCallOptions, ConfiguredEndpointOptions {
  /** Credentials, or a provider (any of this library's), to sign the calls with. */
  credentials: CredentialsInput;
  /** The cluster's region. */
  region: string;
  /** The cluster's identifier. */
  clusterIdentifier: string;
  /**
   * The database user (`GetClusterCredentials`); leave it out to log on as the caller's IAM
   * identity (`GetClusterCredentialsWithIAM`).
   */
  dbUser?: string;
  /** The database; defaults to the cluster's (`DescribeClusters`' `DBName`, usually `dev`). */
  dbName?: string;
  /** Create `dbUser` if it does not exist. */
  autoCreate?: boolean;
  /** Database groups `dbUser` joins for the session. */
  dbGroups?: readonly string[];
  /** Seconds the password lasts: 900–3600, default 900. */
  durationSeconds?: number;
  /** The cluster's address; looked up with `DescribeClusters` when left out. */
  host?: string;
  /** The cluster's port; looked up with `DescribeClusters` when left out (with `host`: 5439). */
  port?: number;
  /** A custom Redshift API endpoint; else the configured one (see `configuredEndpoint`), else the regional one. */
  endpoint?: string | URL;
  /** The fetch to use; defaults to the global one. */
  fetch?: typeof fetch;
  /** Attempts per call, the first included. Default 3. */
  maxAttempts?: number;
}

/**
 * Everything a PostgreSQL driver needs to log on to a provisioned Redshift cluster with IAM,
 * as redshift_connector's `iam=True` does: `DescribeClusters` for the host, port and database
 * (unless given), then `GetClusterCredentials` (or `GetClusterCredentialsWithIAM` without
 * `dbUser`) for a temporary user and password.
 *
 * @example
 * ```ts
 * import { explicitPlatform } from "@iamfetch/iamfetch/credentials";
 * import { redshiftConnectionCredentials } from "@iamfetch/iamfetch/tokens";
 * import { assertEquals } from "@std/assert";
 *
 * const results: Record<string, string> = { // what Redshift answers, by action
 *   DescribeClusters: "<Clusters><Cluster><ClusterIdentifier>analytics</ClusterIdentifier><DBName>sales</DBName><Endpoint>" +
 *     "<Address>analytics.abc123.us-east-1.redshift.amazonaws.com</Address><Port>5439</Port></Endpoint></Cluster></Clusters>",
 *   GetClusterCredentials:
 *     "<DbUser>IAMA:sales@example.com</DbUser><DbPassword>db-password</DbPassword><Expiration>2100-01-01T00:15:00Z</Expiration>",
 * };
 * const fetch = async (input: RequestInfo | URL) => {
 *   const action = new URLSearchParams(await (input as Request).text()).get("Action")!;
 *   return new Response(`<${action}Response><${action}Result>${results[action]}</${action}Result></${action}Response>`);
 * };
 * const connection = await redshiftConnectionCredentials({
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   region: "us-east-1",
 *   clusterIdentifier: "analytics",
 *   dbUser: "sales@example.com",
 *   autoCreate: true,
 *   fetch,
 *   platform: explicitPlatform({ env: {} }), // nothing configured: the regional endpoint
 * });
 * assertEquals({ ...connection }, {
 *   host: "analytics.abc123.us-east-1.redshift.amazonaws.com", port: 5439, database: "sales",
 *   user: "IAMA:sales@example.com", password: "db-password", expiration: new Date("2100-01-01T00:15:00Z"),
 * });
 * ```
 */
export async function redshiftConnectionCredentials(
  options: RedshiftConnectionOptions,
): Promise<RedshiftConnection> {
  const client = new RedshiftClient(options);
  const call = { signal: options.signal };
  let { host, port, dbName } = options;
  if (host === undefined || dbName === undefined) {
    const { clusters } = await client.describeClusters(
      { ClusterIdentifier: options.clusterIdentifier },
      call,
    );
    const cluster = clusters.find((c) => c.identifier === options.clusterIdentifier);
    if (host === undefined) {
      if (cluster?.endpoint === undefined) {
        throw new TypeError(
          `Redshift cluster ${options.clusterIdentifier} has no endpoint yet (status ${cluster?.status}).`,
        );
      }
      host = cluster.endpoint.address;
      port ??= cluster.endpoint.port;
    }
    dbName ??= cluster?.dbName ?? "dev";
  }
  const credentials = options.dbUser === undefined
    ? await client.getClusterCredentialsWithIam({
      ClusterIdentifier: options.clusterIdentifier,
      DbName: dbName,
      DurationSeconds: options.durationSeconds,
    }, call)
    : await client.getClusterCredentials({
      ClusterIdentifier: options.clusterIdentifier,
      DbUser: options.dbUser,
      DbName: dbName,
      DurationSeconds: options.durationSeconds,
      AutoCreate: options.autoCreate,
      DbGroups: options.dbGroups,
    }, call);
  return toSafeRedshiftConnection({
    host,
    port: port ?? 5439,
    user: credentials.dbUser,
    password: credentials.dbPassword,
    database: dbName,
    expiration: credentials.expiration,
  });
}
