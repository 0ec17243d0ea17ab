/**
 * Credential providers with the semantics of the AWS CLI and SDKs, for every runtime:
 * static keys, environment variables (or a Worker's bindings), the shared config and
 * credentials files (profiles, `source_profile` chains, `credential_source`, MFA, web
 * identity, `credential_process`, SSO, resolved by `resolveProfileCredentials` with the STS
 * and SSO calls it is given — the ready-made `fromIni` and `defaultProvider` are in
 * `@iamfetch/iamfetch/sts`), a provider chain and a refreshing cache with single-flight
 * refresh. IAM Identity Center login (`ssoLogin`, the device flow of `aws sso login`,
 * sharing the AWS CLI's token cache) with `fromSso`, and Cognito identity pools for
 * browsers (`fromCognitoIdentityPool`), IAM Roles Anywhere for workloads with an X.509
 * certificate (`fromRolesAnywhere`). A provider is an async function returning
 * `Credentials`, the same shape as AWS SDK v3's, so providers plug into either library.
 *
 * The environment, files and programs are reached through a small {@linkcode Platform}
 * (Deno, Node/Bun, or explicit values for Workers and browsers). Credentials the providers
 * return keep their secrets out of logs and `JSON.stringify`. `configuredEndpoint` applies
 * the AWS SDKs' configured endpoints (`AWS_ENDPOINT_URL_<SERVICE>`, a profile's
 * `endpoint_url` and `services` section) that every client of this library follows.
 *
 * @example
 * ```ts
 * import { chain, explicitPlatform, fromEnv, fromStatic, refreshing } from "@iamfetch/iamfetch/credentials";
 * import { SigV4Signer } from "@iamfetch/iamfetch/sigv4";
 * import { assert } from "@std/assert";
 *
 * const platform = explicitPlatform({ env: {} });
 * const credentials = refreshing(
 *   chain(fromEnv({ platform }), fromStatic({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" })),
 * );
 * const signer = new SigV4Signer({ credentials, region: "us-east-1", service: "execute-api" });
 * const signed = await signer.sign(new Request("https://api.example.com/items"));
 * assert(signed.headers.get("authorization")?.includes("Credential=AKIDEXAMPLE/"));
 * assert(!JSON.stringify(await credentials()).includes("secret\""));
 * ```
 *
 * @module
 */
export type { CredentialProvider, Credentials, CredentialsInput } from "../sigv4/credentials.ts";
export { CredentialsError } from "../sigv4/errors.ts";
export {
  ChainExhaustedError,
  CredentialSettingError,
  CredentialsProviderError,
  ProcessCredentialsError,
  ProcessTimeoutError,
  ProviderOptionMissingError,
} from "./errors.ts";
export {
  IniSyntaxError,
  ProfileExpiredError,
  ProfileNotFoundError,
  SourceProfileCycleError,
} from "./profile/errors.ts";
export type {
  LoopbackHandler,
  LoopbackServer,
  Platform,
  ProcessResult,
  RunProcessOptions,
} from "./platform/types.ts";
export { explicitPlatform, type ExplicitPlatformValues } from "./platform/explicit.ts";
export { denoPlatform } from "./platform/deno.ts";
export { nodePlatform } from "./platform/node.ts";
export { defaultPlatform } from "./platform/default.ts";
export { parseIni, type ParseIniOptions, parseIniSections } from "./profile/ini.ts";
export {
  loadSharedConfig,
  type LoadSharedConfigOptions,
  type SectionSettings,
  type SharedConfig,
} from "./profile/shared_config.ts";
export { type ProfileSettings, profileSettings } from "./profile/settings.ts";
export { profileExpiration } from "./profile/expiration.ts";
export type {
  AssumeRoleParams,
  AssumeRoleWithWebIdentityParams,
  MfaCodeProvider,
  RoleAssumer,
  SsoCredentialsResolver,
  SsoProfile,
  WebIdentityAssumer,
} from "./profile/callbacks.ts";
export { CREDENTIAL_SOURCES, type CredentialSources } from "./profile/credential_source.ts";
export { resolveProfileCredentials, type ResolveProfileOptions } from "./profile/resolve.ts";
export { roleSessionName } from "./profile/session_name.ts";
export { selectedProfileName } from "./profile/selected_name.ts";
export {
  configuredEndpoint,
  type ConfiguredEndpointOptions,
} from "./endpoints/configured_endpoint.ts";
export { fromEnv, type FromEnvOptions } from "./from_env.ts";
export { fromStatic } from "./from_static.ts";
export { fromProcess, type FromProcessOptions } from "./from_process.ts";
export { splitCommandLine } from "./command_line.ts";
export { chain } from "./chain.ts";
export { refreshing, type RefreshingOptions } from "./refreshing.ts";
export { toSafeCredentials } from "./redacted_credentials.ts";
export { fromImds, type FromImdsOptions } from "./from_imds.ts";
export { fromContainer, type FromContainerOptions } from "./from_container.ts";
export {
  ssoCredentialsResolver,
  type SsoCredentialsResolverOptions,
} from "./sso/credentials_resolver.ts";
export { SsoLoginError, SsoSessionExpiredError } from "./sso/errors.ts";
export { type SsoCachedToken, type SsoCachePlatform } from "./sso/token_cache.ts";
export {
  type SsoAccessToken,
  ssoAccessToken,
  type SsoAccessTokenOptions,
} from "./sso/access_token.ts";
export {
  type SsoAccount,
  type SsoAccountRole,
  type SsoPortalCallOptions,
  SsoPortalClient,
  type SsoPortalClientOptions,
} from "./sso/portal_client.ts";
export {
  type SsoDeviceCode,
  ssoLogin,
  type SsoLoginOptions,
  type SsoLoginResult,
} from "./sso/device_login.ts";
export { fromSso, type FromSsoOptions } from "./sso/from_sso.ts";
export {
  type IdentityIdStore,
  localStorageIdentityIdStore,
  memoryIdentityIdStore,
} from "./cognito/identity_id_store.ts";
export {
  fromCognitoIdentityPool,
  type FromCognitoIdentityPoolOptions,
} from "./cognito/from_identity_pool.ts";
export { fromRolesAnywhere, type FromRolesAnywhereOptions } from "./roles_anywhere/provider.ts";
export { X509CertificateError, type X509ErrorReason } from "../sigv4/x509/errors.ts";
