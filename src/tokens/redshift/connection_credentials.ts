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
 * import { redshiftConnectionCredentials } from "@iamfetch/iamfetch/tokens";
 * import { assertEquals } from "@std/assert";
 *
 * const connect = () =>
 *   redshiftConnectionCredentials({
 *     credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *     region: "us-east-1",
 *     clusterIdentifier: "analytics",
 *     dbUser: "sales@example.com",
 *     autoCreate: true,
 *   });
 * assertEquals(typeof connect, "function");
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
