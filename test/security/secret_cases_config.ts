/**
 * Secrets-sweep cases of the configuration layer: CData connection strings and Airflow
 * connections holding secret values (Password, AWSSecretKey, AWSSessionToken, MFAToken,
 * MFAPassCode, OAuthClientSecret, APIToken, SSLClientCertPassword, `aws://key:SECRET@` URIs,
 * extras with tokens) that fail — an unknown key, bad quoting, a missing required key, an
 * unknown scheme, a malformed URI or JSON — or whose STS or IdP call fails later. The notes
 * of a string with unused secret keys are checked too.
 *
 * @module
 */
import { fromAirflowConnection, fromConnectionString } from "../../src/config/mod.ts";
import type { ConfigOptions } from "../../src/config/options.ts";
import { explicitPlatform } from "../../src/credentials/platform/explicit.ts";
import { type SecretCase, SECRETS } from "./assert_no_secrets.ts";

/** Nothing listens on the discard port of loopback: connections are refused. */
const CLOSED = "http://127.0.0.1:9";
const ROLE = "arn:aws:iam::123456789012:role/r";
const refused: typeof fetch = () => Promise.reject(new TypeError("connection refused"));
const OPTIONS: ConfigOptions = {
  platform: explicitPlatform(),
  stsEndpoint: CLOSED,
  fetch: refused,
  idpFetch: refused,
  createMtlsFetch: () => refused,
};
const KEYS = `AWSAccessKey=AKIDSWEEPSAFE;AWSSecretKey=${SECRETS.secretAccessKey}`;
const SAML_SECRETS = `Password=${SECRETS.password};MFAPassCode=${SECRETS.mfaCode};` +
  `SSOProperties='APIToken=${SECRETS.clientSecret}'`;
const URI = `aws://AKIDSWEEPSAFE:${encodeURIComponent(SECRETS.secretAccessKey)}@/`;

/** A case whose connection string fails to be read or, once read, to give credentials. */
function cdata(name: string, text: string): SecretCase {
  return {
    name: `connection string: ${name}`,
    run: async () => await fromConnectionString(text, OPTIONS).credentials(),
  };
}

/** The same for an Airflow connection (URI or JSON). */
function airflow(name: string, connection: string): SecretCase {
  return {
    name: `Airflow connection: ${name}`,
    run: async () => await fromAirflowConnection(connection, OPTIONS).credentials(),
  };
}

const json = (fields: Record<string, unknown>) => JSON.stringify({ conn_type: "aws", ...fields });

/** The configuration-layer cases. */
export const CONFIG_CASES: readonly SecretCase[] = [
  cdata("an unknown key next to the secret key", `AuthScheme=AwsRootKeys;${KEYS};AWSAccesKey=A`),
  cdata(
    "an unterminated quote in AWSSecretKey",
    `AWSAccessKey=A;AWSSecretKey='${SECRETS.secretAccessKey}`,
  ),
  cdata(
    "a pair without '=' after AWSSessionToken",
    `${KEYS};AWSSessionToken=${SECRETS.sessionToken};${SECRETS.sessionToken}`,
  ),
  cdata(
    "an unknown AuthScheme with a Password",
    `AuthScheme=Nope;User=u;Password=${SECRETS.password}`,
  ),
  cdata("Okta without SSOLoginURL", `AuthScheme=Okta;User=u;${SAML_SECRETS}`),
  cdata("AwsMFA without MFASerialNumber", `AuthScheme=AwsMFA;${KEYS};MFAToken=${SECRETS.mfaCode}`),
  cdata(
    "an unknown key in SSOProperties holding the API token",
    `AuthScheme=Okta;SSOLoginURL=${CLOSED}/app;User=u;Password=p;SSOProperties='APIToken=${SECRETS.clientSecret};Relying=x'`,
  ),
  cdata(
    "AzureAD without AzureTenant",
    `AuthScheme=AzureAD;OAuthClientId=c;OAuthClientSecret=${SECRETS.clientSecret};User=u;Password=${SECRETS.password};SSOProperties='Resource=r'`,
  ),
  cdata(
    "AwsIAMRoles with STS refusing the connection",
    `AuthScheme=AwsIAMRoles;${KEYS};AWSRoleARN=${ROLE}`,
  ),
  cdata(
    "AwsMFA with STS refusing the connection",
    `AuthScheme=AwsMFA;${KEYS};MFASerialNumber=arn:aws:iam::123456789012:mfa/me;MFAToken=${SECRETS.mfaCode}`,
  ),
  cdata(
    "AwsTempCredentials assuming a role, STS refusing",
    `AuthScheme=AwsTempCredentials;${KEYS};AWSSessionToken=${SECRETS.sessionToken};AWSRoleARN=${ROLE}`,
  ),
  cdata(
    "AwsWebIdentity with STS refusing the connection",
    `AuthScheme=AwsWebIdentity;AWSRoleARN=${ROLE};AWSWebIdentityToken=${SECRETS.webIdentityToken}`,
  ),
  cdata(
    "Okta with the IdP unreachable",
    `AuthScheme=Okta;SSOLoginURL=${CLOSED}/home/amazon_aws/0oa/272;User=u;${SAML_SECRETS}`,
  ),
  cdata(
    "AzureAD with the IdP unreachable",
    `AuthScheme=AzureAD;OAuthClientId=c;OAuthClientSecret=${SECRETS.clientSecret};User=u;Password=${SECRETS.password};SSOProperties='Resource=r;AzureTenant=t'`,
  ),
  cdata(
    "PingFederate mutual TLS with the IdP unreachable",
    `AuthScheme=PingFederate;SSOLoginURL=${CLOSED}/idp/sts.wst;SSOExchangeUrl=urn:amazon:webservices;User=u;Password=${SECRETS.password};SSLClientCert=/c.pem;SSLClientCertPassword=${SECRETS.clientSecret}`,
  ),
  {
    name: "connection string: notes of unused secret keys",
    run: () =>
      Promise.resolve(
        fromConnectionString(
          `${KEYS};MFAToken=${SECRETS.mfaCode};OAuthClientSecret=${SECRETS.clientSecret};` +
            `Password=${SECRETS.password};AWSSessionToken=${SECRETS.sessionToken}`,
          OPTIONS,
        ).notes,
      ),
    resolves: true,
  },
  airflow("a URI whose secret has a bad escape", `aws://AKID:${SECRETS.secretAccessKey}%ZZ@/`),
  airflow("a URI with a typo extra", `${URI}?role_ar=${encodeURIComponent(ROLE)}`),
  airflow("a URI assuming a role, STS refusing", `${URI}?role_arn=${encodeURIComponent(ROLE)}`),
  airflow(
    "JSON with a trailing comma after the password",
    `{"conn_type":"aws","password":"${SECRETS.secretAccessKey}",}`,
  ),
  airflow(
    "JSON whose extra is not JSON",
    json({ password: SECRETS.secretAccessKey, extra: `{${SECRETS.sessionToken}` }),
  ),
  airflow(
    "extras with a session token and MFA, STS refusing",
    json({
      login: "AKIDSWEEPSAFE",
      password: SECRETS.secretAccessKey,
      extra: {
        aws_session_token: SECRETS.sessionToken,
        role_arn: ROLE,
        assume_role_kwargs: {
          SerialNumber: "arn:aws:iam::123456789012:mfa/me",
          TokenCode: SECRETS.mfaCode,
        },
      },
    }),
  ),
  airflow(
    "assume_role_kwargs with an unknown key next to the MFA code",
    json({
      extra: {
        role_arn: ROLE,
        assume_role_kwargs: { TokenCode: SECRETS.mfaCode, Tokn: SECRETS.mfaCode },
      },
    }),
  ),
  airflow(
    "an unsupported assume_role_method with a session token",
    json({
      extra: {
        aws_session_token: SECRETS.sessionToken,
        role_arn: ROLE,
        assume_role_method: "magic",
      },
    }),
  ),
  airflow(
    "SAML with an unsupported idp_auth_method",
    json({
      login: "alice",
      password: SECRETS.password,
      extra: {
        role_arn: ROLE,
        assume_role_method: "assume_role_with_saml",
        assume_role_with_saml: {
          principal_arn: "arn:aws:iam::123456789012:saml-provider/p",
          idp_url: `${CLOSED}/sso`,
          idp_auth_method: "form",
        },
      },
    }),
  ),
];
