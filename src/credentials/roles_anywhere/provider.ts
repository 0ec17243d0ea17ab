import type { CredentialProvider } from "../../sigv4/credentials.ts";
import { X509Signer } from "../../sigv4/x509/signer.ts";
import { CredentialSettingError } from "../errors.ts";
import { refreshing, type RefreshingOptions } from "../refreshing.ts";
import {
  arnRegion,
  defaultEndpoint,
  durationSeconds,
  endpointOption,
  roleArn,
  sessionName,
} from "./_settings.ts";
import type { ConfiguredEndpointOptions } from "../endpoints/configured_endpoint.ts";
import { endpointResolver } from "../endpoints/endpoint_resolver.ts";
import { createSession } from "./_create_session.ts";

/**
 * Options of {@linkcode fromRolesAnywhere}. The names are those of AWS's credential helper
 * (`aws_signing_helper credential-process`) in camel case, but `sessionName` and
 * `durationSeconds`, as the other providers of this library call them.
 *
 * @example
 * ```ts
 * import type { FromRolesAnywhereOptions } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const options = (certificate: string, privateKey: string): FromRolesAnywhereOptions => ({
 *   certificate,
 *   privateKey,
 *   trustAnchorArn: "arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/6c9e3e3a-6f4b-4c3e-9f1e-2d5a0b7c8d9e",
 *   profileArn: "arn:aws:rolesanywhere:eu-west-1:111122223333:profile/1f2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
 *   roleArn: "arn:aws:iam::111122223333:role/workload",
 *   durationSeconds: 3600,
 * });
 * assertEquals(options("c", "k").region, undefined);
 * ```
 */
export interface FromRolesAnywhereOptions extends ConfiguredEndpointOptions {
  /** The end-entity certificate: PEM (its first `CERTIFICATE` block) or DER. */
  certificate: string | Uint8Array;
  /**
   * Its private key: PEM (PKCS #8, PKCS #1 RSA or SEC 1 EC; not encrypted), or a WebCrypto
   * signing key (`RSASSA-PKCS1-v1_5` SHA-256 or `ECDSA` P-256), which may be non-extractable.
   */
  privateKey: string | CryptoKey;
  /** Intermediate CA certificates (AWS's helper's `--intermediates`): a PEM bundle or a list. */
  certificateChain?: string | readonly (string | Uint8Array)[];
  /** The trust anchor whose CA issued the certificate. */
  trustAnchorArn: string;
  /** The profile that maps to the role. */
  profileArn: string;
  /** The role to take. */
  roleArn: string;
  /** The region of the call and its signature. Default: the trust anchor's, as AWS's helper. */
  region?: string;
  /** The role session name (`roleSessionName`); default chosen by the service. */
  sessionName?: string;
  /** Seconds the session lasts, 900 to 43200; default the profile's. */
  durationSeconds?: number;
  /**
   * The endpoint. Default: a configured one (`AWS_ENDPOINT_URL_ROLESANYWHERE`,
   * `AWS_ENDPOINT_URL`, the profile's `services` section or `endpoint_url`; see
   * `configuredEndpoint`), else `https://rolesanywhere.<region>.amazonaws.com`.
   */
  endpoint?: string;
  /** The fetch to use (proxies, mutual TLS, test doubles). */
  fetch?: typeof fetch;
  /** How the credentials are cached and refreshed. */
  refresh?: RefreshingOptions;
}

/**
 * Credentials from IAM Roles Anywhere for a workload outside AWS that holds an X.509
 * certificate: `CreateSession` signed with the certificate's key (`AWS4-X509-RSA-SHA256` or
 * `AWS4-X509-ECDSA-SHA256`, see `X509Signer`), on WebCrypto in every runtime — what AWS's
 * Go `aws_signing_helper` does as a separate program. Cached and refreshed before they expire
 * (`refreshing`).
 *
 * Checked before any call: the options (ARNs, matching trust anchor and profile regions,
 * duration, session name, endpoint) when the provider is made, a malformed certificate too;
 * at each refresh, that the certificate is valid now and (once) that the private key is its
 * own — all typed errors ({@linkcode CredentialSettingError}, `X509CertificateError`) that
 * never contain key material. The service's refusals are `AwsError`s
 * (`AccessDeniedException`, …).
 *
 * @example
 * ```ts
 * import { fromRolesAnywhere, X509CertificateError } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals, assertThrows } from "@std/assert";
 *
 * const error = assertThrows(
 *   () =>
 *     fromRolesAnywhere({
 *       certificate: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
 *       privateKey: "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----",
 *       trustAnchorArn: "arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/6c9e3e3a",
 *       profileArn: "arn:aws:rolesanywhere:eu-west-1:111122223333:profile/1f2b3c4d",
 *       roleArn: "arn:aws:iam::111122223333:role/workload",
 *     }),
 *   X509CertificateError,
 * );
 * assertEquals(error.reason, "malformed-certificate");
 * ```
 */
export function fromRolesAnywhere(options: FromRolesAnywhereOptions): CredentialProvider {
  if (options === null || typeof options !== "object") {
    throw new CredentialSettingError(
      "fromRolesAnywhere options",
      "options",
      "must be { certificate, privateKey, trustAnchorArn, profileArn, roleArn }.",
    );
  }
  const anchorRegion = arnRegion("trustAnchorArn", options.trustAnchorArn);
  if (arnRegion("profileArn", options.profileArn) !== anchorRegion) {
    // AWS's helper refuses the same ("trust anchor and profile regions don't match").
    throw new CredentialSettingError(
      "fromRolesAnywhere options",
      "profileArn",
      `must be in the trust anchor's region, ${anchorRegion}.`,
    );
  }
  const params = {
    trustAnchorArn: options.trustAnchorArn,
    profileArn: options.profileArn,
    roleArn: roleArn(options.roleArn),
    durationSeconds: durationSeconds(options.durationSeconds),
    roleSessionName: sessionName(options.sessionName),
  };
  const region = options.region ?? anchorRegion;
  const transport = {
    endpoint: endpointResolver(
      "RolesAnywhere",
      endpointOption(options.endpoint, region),
      options,
      () => defaultEndpoint(region),
    ),
    signer: new X509Signer({
      certificate: options.certificate,
      privateKey: options.privateKey,
      certificateChain: options.certificateChain,
      region,
    }),
    fetch: options.fetch,
  };
  return refreshing(() => createSession(params, transport), options.refresh);
}
