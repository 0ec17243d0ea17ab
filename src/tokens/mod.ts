/**
 * Auth tokens and credentials for AWS data services that take IAM instead of a password:
 * RDS and Aurora DSQL connection tokens, Redshift cluster and serverless credentials,
 * the Keyspaces SigV4 SASL exchange, ElastiCache, MSK and EKS tokens, and CloudFront signed
 * URLs and cookies.
 *
 * @module
 */
export { RedshiftClient } from "./redshift_client.ts";
export type {
  DescribeClustersInput,
  DescribeClustersResult,
  GetClusterCredentialsInput,
  GetClusterCredentialsWithIamInput,
  RedshiftCallOptions,
  RedshiftClientOptions,
  RedshiftCluster,
} from "./redshift_types.ts";
export {
  type RedshiftDbCredentials,
  toSafeRedshiftDbCredentials,
} from "./redshift_db_credentials.ts";
export { redshiftEndpoint } from "./redshift_endpoint.ts";
export {
  type GetServerlessCredentialsInput,
  RedshiftServerlessClient,
} from "./redshift_serverless_client.ts";
export { type RedshiftConnection, toSafeRedshiftConnection } from "./redshift_connection.ts";
export {
  redshiftConnectionCredentials,
  type RedshiftConnectionOptions,
} from "./redshift_connection_credentials.ts";
export {
  redshiftServerlessConnectionCredentials,
  type RedshiftServerlessConnectionOptions,
} from "./redshift_serverless_connection_credentials.ts";
export {
  KEYSPACES_SASL_INITIAL_RESPONSE,
  keyspacesSaslResponse,
  type KeyspacesSaslResponseOptions,
} from "./keyspaces_sasl_response.ts";
export { KeyspacesChallengeError } from "./keyspaces_challenge_error.ts";
export {
  type KeyspacesAuthCallback,
  KeyspacesAuthenticator,
  KeyspacesAuthProvider,
  type KeyspacesAuthProviderOptions,
} from "./keyspaces_auth_provider.ts";
export {
  type AuthenticatorFactory,
  cassandraAuthProvider,
} from "./keyspaces_cassandra_auth_provider.ts";
export {
  elastiCacheAuthToken,
  type ElastiCacheAuthTokenOptions,
} from "./elasticache_auth_token.ts";
export {
  mskIamSaslPayload,
  type MskIamSaslPayloadOptions,
  type MskIamSaslToken,
} from "./msk_iam_sasl.ts";
export { EKS_TOKEN_PREFIX, eksToken, type EksTokenOptions } from "./eks_token.ts";
export { TokenInputError } from "./errors.ts";
export { rdsAuthToken, type RdsAuthTokenOptions } from "./rds_auth_token.ts";
export {
  dsqlRegionFromHostname,
  rdsDefaultPort,
  type RdsEngine,
  rdsRegionFromHostname,
} from "./rds_host.ts";
export {
  RdsTokenCache,
  type RdsTokenCacheOptions,
  type RdsTokenRequest,
} from "./rds_token_cache.ts";
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
