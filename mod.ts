/**
 * iamfetch: AWS authentication for every JavaScript runtime that has `fetch` and
 * WebCrypto — SigV4 signing, presigning and verification, an aws4fetch-compatible
 * `AwsClient` with retries, credential providers (environment, shared config files, SSO,
 * IMDS, containers, web identity, assumed roles), an STS client, and auth tokens for data
 * services (RDS, Aurora DSQL, Redshift, Keyspaces, ElastiCache, MSK, EKS).
 *
 * This entry holds what applications call: the signers and verifiers, `AwsClient`, every
 * credential provider, the service clients, the token functions, the identity-provider
 * adapters and the configuration front-ends, with their options and every error class
 * (all of them extend {@linkcode IamfetchError}). The building blocks under them — the
 * sender and its retry rules, error-body readers, INI and config-file readers, endpoint
 * resolution, STS assumers, HTML and cookie handling — stay on their layer's entry
 * (`@iamfetch/iamfetch/http`, `…/credentials`, …), as do the Hono middleware (`…/hono`) and
 * the command line (`…/cli`).
 *
 * @example
 * ```ts
 * import { AwsClient, SigV4Signer } from "@iamfetch/iamfetch";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
 * const signer = new SigV4Signer({ credentials, region: "us-east-1", service: "execute-api" });
 * const url = await signer.presign(new Request("https://api.example.com/report"), { expiresIn: 300 });
 * assert(url.searchParams.has("X-Amz-Signature"));
 *
 * const aws = new AwsClient({ ...credentials, region: "eu-west-1", service: "execute-api" });
 * const signed = await aws.sign("https://api.example.com/report");
 * assertEquals(
 *   signed.headers.get("authorization")?.split(",")[0],
 *   `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${signed.headers.get("x-amz-date")?.slice(0, 8)}/eu-west-1/execute-api/aws4_request`,
 * );
 * ```
 *
 * @module
 */

// Signing and verification (@iamfetch/iamfetch/sigv4).
export {
  AwsChunkedBodyError,
  type AwsChunkedErrorCode,
  type CredentialProvider,
  type Credentials,
  CredentialsError,
  type CredentialsInput,
  IamfetchError,
  type PlainRequest,
  type PostPolicyCondition,
  PostPolicyError,
  type PostPolicyErrorCode,
  type PostPolicyFailure,
  type PresignedPost,
  type PresignOptions,
  presignPost,
  type PresignPostOptions,
  signHeaders,
  SigningInputError,
  type SignOptions,
  signStreaming,
  SigV4aSigner,
  type SigV4aSignerOptions,
  SigV4Signer,
  type SigV4SignerOptions,
  StreamingLengthError,
  type StreamingPayloadMode,
  type StreamingSignOptions,
  type StreamingTrailer,
  type StreamingVerifyOptions,
  type StreamingVerifyResult,
  type VerificationErrorCode,
  type VerificationFailure,
  type VerifiedPostPolicy,
  type VerifiedRequest,
  type VerifiedStreamingRequest,
  type VerifyOptions,
  verifyPostPolicy,
  type VerifyPostPolicyOptions,
  type VerifyPostPolicyResult,
  type VerifyResult,
  verifySignature,
  verifyStreamingRequest,
  X509CertificateError,
  type X509ErrorReason,
  X509Signer,
  type X509SignerOptions,
  type X509SignOptions,
} from "./src/sigv4/mod.ts";

// The aws4fetch-compatible client and AWS's error answers (@iamfetch/iamfetch/http).
export {
  AwsClient,
  type AwsClientOptions,
  AwsError,
  awsErrorFromResponse,
  type AwsErrorInit,
  type AwsRequestInit,
  type AwsRequestInput,
  type AwsRequestOptions,
} from "./src/http/mod.ts";

// Credential providers (@iamfetch/iamfetch/credentials).
export {
  chain,
  ChainExhaustedError,
  CredentialSettingError,
  CredentialsProviderError,
  explicitPlatform,
  type ExplicitPlatformValues,
  fromCognitoIdentityPool,
  type FromCognitoIdentityPoolOptions,
  fromContainer,
  type FromContainerOptions,
  fromEnv,
  type FromEnvOptions,
  fromImds,
  type FromImdsOptions,
  fromProcess,
  type FromProcessOptions,
  fromRolesAnywhere,
  type FromRolesAnywhereOptions,
  fromSso,
  type FromSsoOptions,
  fromStatic,
  type IdentityIdStore,
  IniSyntaxError,
  localStorageIdentityIdStore,
  memoryIdentityIdStore,
  type MfaCodeProvider,
  type Platform,
  ProcessCredentialsError,
  ProcessTimeoutError,
  ProfileExpiredError,
  ProfileNotFoundError,
  ProviderOptionMissingError,
  refreshing,
  type RefreshingOptions,
  SourceProfileCycleError,
  type SsoAccessToken,
  ssoAccessToken,
  type SsoAccessTokenOptions,
  type SsoAccount,
  type SsoAccountRole,
  type SsoCachePlatform,
  type SsoDeviceCode,
  ssoLogin,
  SsoLoginError,
  type SsoLoginOptions,
  type SsoLoginResult,
  type SsoPortalCallOptions,
  SsoPortalClient,
  type SsoPortalClientOptions,
  SsoSessionExpiredError,
} from "./src/credentials/mod.ts";

// STS and the providers that call it (@iamfetch/iamfetch/sts).
export {
  type AssumeRoleInput,
  type AssumeRoleWithSamlInput,
  type AssumeRoleWithWebIdentityInput,
  type CallerIdentity,
  defaultProvider,
  type DefaultProviderOptions,
  fromAssumeRole,
  type FromAssumeRoleOptions,
  fromIni,
  type FromIniOptions,
  fromSessionToken,
  type FromSessionTokenOptions,
  fromWebIdentity,
  type FromWebIdentityOptions,
  type GetFederationTokenInput,
  type GetSessionTokenInput,
  type PolicyDescriptor,
  type SessionTag,
  type StsCallOptions,
  StsClient,
  type StsClientOptions,
  type StsCredentialsResult,
} from "./src/sts/mod.ts";

// Web-identity tokens (@iamfetch/iamfetch/web_identity).
export {
  googleIdTokenSource,
  type GoogleIdTokenSourceOptions,
  type GoogleServiceAccount,
  IdentityTokenError,
  oidcTokenSource,
  type OidcTokenSourceOptions,
} from "./src/web_identity/mod.ts";

// Database and service tokens, CloudFront signing (@iamfetch/iamfetch/tokens).
export {
  type CloudfrontSignedCookiesOutput,
  type CloudfrontSignerAlgorithm,
  type CloudfrontSignerCredentials,
  CloudFrontSignerError,
  type CloudfrontSignInput,
  type CloudfrontSignInputWithParameters,
  type CloudfrontSignInputWithPolicy,
  type DescribeClustersInput,
  type DescribeClustersResult,
  dsqlAuthToken,
  type DsqlAuthTokenOptions,
  eksAuthToken,
  type EksAuthTokenOptions,
  elastiCacheAuthToken,
  type ElastiCacheAuthTokenOptions,
  type GetClusterCredentialsInput,
  type GetClusterCredentialsWithIamInput,
  type GetServerlessCredentialsInput,
  getSignedCookies,
  getSignedUrl,
  type KeyspacesAuthCallback,
  type KeyspacesAuthenticator,
  type KeyspacesAuthProvider,
  keyspacesAuthProvider,
  type KeyspacesAuthProviderOptions,
  KeyspacesChallengeError,
  mskAuthToken,
  type MskAuthTokenOptions,
  type MskAuthTokenResult,
  rdsAuthToken,
  type RdsAuthTokenOptions,
  RdsTokenCache,
  type RdsTokenCacheOptions,
  type RdsTokenRequest,
  type RedshiftCallOptions,
  RedshiftClient,
  type RedshiftClientOptions,
  type RedshiftCluster,
  type RedshiftConnection,
  redshiftConnectionCredentials,
  type RedshiftConnectionOptions,
  type RedshiftDbCredentials,
  RedshiftServerlessClient,
  redshiftServerlessConnectionCredentials,
  type RedshiftServerlessConnectionOptions,
  TokenInputError,
} from "./src/tokens/mod.ts";

// SAML federation and the identity-provider adapters (@iamfetch/iamfetch/saml).
export {
  adfsAdapter,
  type AdfsAdapterOptions,
  azureAdAdapter,
  type AzureAdAdapterOptions,
  browserAdapter,
  type BrowserAdapterOptions,
  formAdapter,
  type FormAdapterOptions,
  fromOktaOieM2m,
  type FromOktaOieM2mOptions,
  fromSaml,
  type FromSamlOptions,
  type MfaChallenge,
  type MfaPrompt,
  oktaAdapter,
  type OktaAdapterOptions,
  type OktaAwsApp,
  type OktaAwsAppChooser,
  type OktaMfaType,
  oktaOieDirectAdapter,
  type OktaOieDirectAdapterOptions,
  OktaOieError,
  oktaOieM2mTokenSource,
  type OktaOieM2mTokenSourceOptions,
  type OktaOieMfaType,
  type OktaOieStep,
  oktaOieWebAdapter,
  type OktaOieWebAdapterOptions,
  pingFederateAdapter,
  type PingFederateAdapterOptions,
  type SamlAdapter,
  SamlAssertionError,
  type SamlDebugLog,
  type SamlLoginContext,
  SamlLoginError,
  type SamlRole,
  UnsupportedXPathError,
} from "./src/saml/mod.ts";

// The users' existing configuration (@iamfetch/iamfetch/config).
export {
  AirflowConnectionError,
  type AirflowConnectionOptions,
  type ConfigOptions,
  type ConfiguredCredentials,
  ConnectionStringError,
  fromAirflowConnection,
  fromAirflowEnv,
  fromConnectionString,
} from "./src/config/mod.ts";
