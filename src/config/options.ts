import type { CredentialProvider } from "../sigv4/credentials.ts";
import type { Platform } from "../credentials/platform/types.ts";
import type { MfaPrompt, SamlDebugLog } from "../saml/adapter.ts";

/**
 * A TLS client certificate, as CData's `SSLClientCert*` properties describe it, handed to
 * {@linkcode ConfigOptions.createMtlsFetch}.
 */
export interface ClientCertificate {
  /** `SSLClientCert`: the certificate (a path, a store name or PEM text, per `type`). */
  readonly cert: string;
  /** `SSLClientCertType`, e.g. `PEMKEY_FILE`, `PFXFILE`, `USER`. */
  readonly type?: string;
  /** `SSLClientCertSubject`: which certificate of a store to use. */
  readonly subject?: string;
  /** `SSLClientCertPassword`: the key's password. */
  readonly password?: string;
}

/**
 * Options of the configuration front-ends ({@linkcode fromConnectionString},
 * {@linkcode fromAirflowConnection}): how to reach the runtime, AWS and identity providers.
 *
 * @example
 * ```ts
 * import type { ConfigOptions } from "@iamfetch/iamfetch/config";
 * import { explicitPlatform } from "@iamfetch/iamfetch/credentials";
 * import { assertNotEquals } from "@std/assert";
 *
 * const options: ConfigOptions = {
 *   platform: explicitPlatform({ env: { AWS_REGION: "eu-west-1" } }),
 *   stsEndpoint: "http://127.0.0.1:9000",
 *   mfa: (challenge) => Promise.resolve(challenge.kind === "code" ? "123456" : undefined),
 * };
 * assertNotEquals(options.stsEndpoint, undefined);
 * ```
 */
export interface ConfigOptions {
  /** Environment, files and home directory; default the runtime's (`defaultPlatform()`). */
  platform?: Platform;
  /** The fetch for AWS calls (STS, instance metadata); default the global one. */
  fetch?: typeof fetch;
  /**
   * Where STS calls go; default the endpoint configured for STS as for the AWS SDKs
   * (`AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, the profile's `endpoint_url`: see
   * `configuredEndpoint`), else the regional endpoint of the configured region. The
   * configuration's own endpoint (CData's `StorageBaseURL`, Airflow's `endpoint_url`) is
   * for the data service and is not used for STS, as in both seed systems.
   */
  stsEndpoint?: string;
  /**
   * Asked for second factors: AWS MFA codes when no (or no longer a fresh) `MFAToken` /
   * `TokenCode` is configured, and the IdP's MFA challenges during SAML logins.
   */
  mfa?: MfaPrompt;
  /** The fetch for identity providers (proxies, custom CAs, Kerberos/SPNEGO); default `fetch`. */
  idpFetch?: typeof fetch;
  /** Builds a fetch that presents a TLS client certificate (PingFederate mutual TLS). */
  createMtlsFetch?: (certificate: ClientCertificate) => typeof fetch;
  /** Receives redacted IdP traffic lines (Airflow's `log_idp_response`). */
  debugLog?: SamlDebugLog;
}

/**
 * What a configuration front-end returns: a credential provider plus the region and the
 * service endpoint the configuration names, and notes about settings it did not use.
 *
 * @example
 * ```ts
 * import { fromConnectionString } from "@iamfetch/iamfetch/config";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const { credentials, region, endpoint, notes } = fromConnectionString(
 *   "AuthScheme=AwsRootKeys;AWSAccessKey=AKIDEXAMPLE;AWSSecretKey=secret;AWSRegion=eu-west-1;StorageBaseURL=http://127.0.0.1:9000",
 * );
 * assertEquals((await credentials()).accessKeyId, "AKIDEXAMPLE");
 * assert(region === "eu-west-1" && endpoint === "http://127.0.0.1:9000" && notes.length === 0);
 * ```
 */
export interface ConfiguredCredentials {
  /** The credentials, refreshed as needed. */
  readonly credentials: CredentialProvider;
  /** The region the configuration names (`AWSRegion`, `region_name`), if any. */
  readonly region?: string;
  /** The service endpoint it names (`StorageBaseURL`, `endpoint_url`), if any. */
  readonly endpoint?: string;
  /**
   * Settings that were accepted but not used, and why (names only, never values), e.g.
   * `"InitiateOAuth: …"`. Show them to the user as warnings.
   */
  readonly notes: readonly string[];
}
