import type { CredentialsInput } from "../../sigv4/credentials.ts";
import type { ConfiguredEndpointOptions } from "../../credentials/endpoints/configured_endpoint.ts";

/**
 * Options of {@linkcode RedshiftClient} and {@linkcode RedshiftServerlessClient}. Besides
 * `endpoint`, the endpoint may be configured outside the code as for the AWS SDKs
 * (`AWS_ENDPOINT_URL_REDSHIFT` / `AWS_ENDPOINT_URL_REDSHIFT_SERVERLESS`, `AWS_ENDPOINT_URL`,
 * the profile's `services` section or `endpoint_url`): see `configuredEndpoint`.
 */
export interface RedshiftClientOptions extends ConfiguredEndpointOptions {
  /** Credentials, or a provider, to sign the calls with. */
  credentials: CredentialsInput;
  /** The region of the cluster or workgroup, e.g. `us-east-1`. */
  region: string;
  /** A custom endpoint, e.g. a VPC endpoint or `http://127.0.0.1:9000`; wins over configured ones. */
  endpoint?: string | URL;
  /** The fetch to use; defaults to the global one. */
  fetch?: typeof fetch;
  /** Attempts per call, the first included. Default 3. */
  maxAttempts?: number;
  /** Milliseconds per attempt. Default 30 s. */
  timeoutMs?: number;
}

/**
 * Per-call options of the Redshift clients.
 */
export interface RedshiftCallOptions {
  /** Aborts the call, its retries and the waits between them. */
  signal?: AbortSignal;
}

/**
 * Input of `GetClusterCredentials`, with AWS's parameter names.
 */
export interface GetClusterCredentialsInput {
  /** The database user; created when `AutoCreate` is set and it does not exist. */
  DbUser: string;
  /** The database the user may log on to; any when left out. */
  DbName?: string;
  /** The cluster's identifier. */
  ClusterIdentifier: string;
  /** Seconds the password lasts: 900–3600, default 900. */
  DurationSeconds?: number;
  /** Whether to create `DbUser` if it does not exist. */
  AutoCreate?: boolean;
  /** Database groups the user joins for this session. */
  DbGroups?: readonly string[];
  /** A custom domain name of the cluster, instead of `ClusterIdentifier`'s. */
  CustomDomainName?: string;
}

/**
 * Input of `GetClusterCredentialsWithIAM`: the database user is the IAM identity's.
 */
export interface GetClusterCredentialsWithIamInput {
  /** The database the user may log on to. */
  DbName?: string;
  /** The cluster's identifier. */
  ClusterIdentifier: string;
  /** Seconds the password lasts: 900–3600, default 900. */
  DurationSeconds?: number;
  /** A custom domain name of the cluster. */
  CustomDomainName?: string;
}

/**
 * Input of `DescribeClusters`.
 */
export interface DescribeClustersInput {
  /** The cluster to describe; every cluster when left out. */
  ClusterIdentifier?: string;
  /** Records per page, 20–100. */
  MaxRecords?: number;
  /** The `marker` of the previous page. */
  Marker?: string;
}

/**
 * A cluster as `DescribeClusters` describes it (the fields a connection needs).
 */
export interface RedshiftCluster {
  /** The cluster identifier. */
  identifier: string;
  /** Where it listens; absent while it is being created. */
  endpoint?: { address: string; port: number };
  /** The database created with the cluster, e.g. `dev`. */
  dbName?: string;
  /** The cluster's status, e.g. `available`. */
  status?: string;
}

/**
 * Result of `DescribeClusters`.
 */
export interface DescribeClustersResult {
  /** The clusters. */
  clusters: RedshiftCluster[];
  /** Set when there are more pages: pass it as `Marker`. */
  marker?: string;
}
