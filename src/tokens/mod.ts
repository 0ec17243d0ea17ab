/**
 * Auth tokens and credentials for AWS data services that take IAM instead of a password:
 * RDS and Aurora DSQL connection tokens, Redshift cluster and serverless credentials,
 * the Keyspaces SigV4 SASL exchange, ElastiCache, MSK and EKS tokens, and CloudFront signed
 * URLs and cookies.
 *
 * @example
 * ```ts
 * import { rdsAuthToken } from "@iamfetch/iamfetch/tokens";
 * import { assertEquals, assertMatch } from "@std/assert";
 *
 * // The password a PostgreSQL or MySQL driver sends for IAM database authentication:
 * // a presigned "connect" URL without its scheme, valid for 15 minutes.
 * const token = await rdsAuthToken({
 *   hostname: "orders.cluster-abc123.eu-west-1.rds.amazonaws.com",
 *   port: 5432,
 *   username: "app_user",
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   date: new Date("2024-05-01T12:00:00Z"),
 * });
 * const url = new URL(`https://${token}`);
 * assertEquals(url.searchParams.get("Action"), "connect");
 * assertEquals(url.searchParams.get("DBUser"), "app_user");
 * assertEquals(url.searchParams.get("X-Amz-Expires"), "900");
 * assertMatch(url.searchParams.get("X-Amz-Credential") ?? "", /\/20240501\/eu-west-1\/rds-db\/aws4_request$/);
 * ```
 *
 * @module
 */
export { RedshiftClient } from "./redshift/client.ts";
export type {
  DescribeClustersInput,
  DescribeClustersResult,
  GetClusterCredentialsInput,
  GetClusterCredentialsWithIamInput,
  RedshiftCallOptions,
  RedshiftClientOptions,
  RedshiftCluster,
} from "./redshift/types.ts";
export {
  type RedshiftDbCredentials,
  toSafeRedshiftDbCredentials,
} from "./redshift/db_credentials.ts";
export { redshiftEndpoint } from "./redshift/endpoint.ts";
export {
  type GetServerlessCredentialsInput,
  RedshiftServerlessClient,
} from "./redshift/serverless_client.ts";
export { type RedshiftConnection, toSafeRedshiftConnection } from "./redshift/connection.ts";
export {
  redshiftConnectionCredentials,
  type RedshiftConnectionOptions,
} from "./redshift/connection_credentials.ts";
export {
  redshiftServerlessConnectionCredentials,
  type RedshiftServerlessConnectionOptions,
} from "./redshift/serverless_connection_credentials.ts";
export { KeyspacesChallengeError } from "./keyspaces/errors.ts";
export {
  type KeyspacesAuthCallback,
  type KeyspacesAuthenticator,
  type KeyspacesAuthProvider,
  keyspacesAuthProvider,
  type KeyspacesAuthProviderOptions,
} from "./keyspaces/auth_provider.ts";
export {
  elastiCacheAuthToken,
  type ElastiCacheAuthTokenOptions,
} from "./elasticache_auth_token.ts";
export {
  mskAuthToken,
  type MskAuthTokenOptions,
  type MskAuthTokenResult,
} from "./msk_auth_token.ts";
export { EKS_AUTH_TOKEN_PREFIX, eksAuthToken, type EksAuthTokenOptions } from "./eks_auth_token.ts";
export { TokenInputError } from "./errors.ts";
export { rdsAuthToken, type RdsAuthTokenOptions } from "./rds/auth_token.ts";
export {
  dsqlRegionFromHostname,
  rdsDefaultPort,
  type RdsEngine,
  rdsRegionFromHostname,
} from "./rds/host.ts";
export {
  RdsTokenCache,
  type RdsTokenCacheOptions,
  type RdsTokenRequest,
} from "./rds/token_cache.ts";
export { dsqlAuthToken, type DsqlAuthTokenOptions } from "./dsql_auth_token.ts";
export { getSignedUrl } from "./cloudfront/signed_url.ts";
export { getSignedCookies } from "./cloudfront/signed_cookies.ts";
export { CloudFrontSignerError } from "./cloudfront/errors.ts";
export type {
  CloudfrontSignedCookiesOutput,
  CloudfrontSignerAlgorithm,
  CloudfrontSignerCredentials,
  CloudfrontSignInput,
  CloudfrontSignInputWithParameters,
  CloudfrontSignInputWithPolicy,
} from "./cloudfront/types.ts";
