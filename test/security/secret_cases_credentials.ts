/**
 * Secrets-sweep cases of the credential providers that talk to endpoints (IMDS, the
 * container endpoint, web identity, SSO): their answers hold the secrets, and so do the
 * tokens they send. `test/credentials/no_secrets_test.ts` covers the file-based ones.
 *
 * @module
 */
import { explicitPlatform } from "../../src/credentials/platform/explicit.ts";
import { fromContainer } from "../../src/credentials/from_container.ts";
import { fromImds } from "../../src/credentials/from_imds.ts";
import { fromSso } from "../../src/credentials/sso/from_sso.ts";
import { sha1Hex } from "../../src/credentials/sso/token_cache.ts";
import { fromWebIdentity } from "../../src/sts/from_web_identity.ts";
import { fromRolesAnywhere } from "../../src/credentials/roles_anywhere/provider.ts";
import { issueCertificate } from "../sigv4/x509/pki.ts";
import { type SecretCase, SECRETS } from "./assert_no_secrets.ts";
import { answering, cutOffAfter } from "./secret_cases_http_sts.ts";

const FULL_URI = "http://127.0.0.1:9/creds";
const CREDENTIALS_JSON = JSON.stringify({
  AccessKeyId: "ASIASWEEPSAFE",
  SecretAccessKey: SECRETS.secretAccessKey,
  Token: SECRETS.sessionToken,
  Expiration: new Date(Date.now() + 3600_000).toISOString(),
});

/** A fetch for IMDS: a token, the role name, then `credentials` as the role's document. */
function imds(credentials: string): typeof fetch {
  return (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    if (path === "/latest/api/token") return Promise.resolve(new Response("imds-token"));
    if (path.endsWith("/security-credentials/")) return Promise.resolve(new Response("role"));
    return Promise.resolve(new Response(credentials));
  };
}

const container = (fetch: typeof globalThis.fetch, token?: string) =>
  fromContainer({
    fetch,
    maxAttempts: 1,
    platform: explicitPlatform({
      env: {
        AWS_CONTAINER_CREDENTIALS_FULL_URI: FULL_URI,
        ...token === undefined ? {} : { AWS_CONTAINER_AUTHORIZATION_TOKEN: token },
      },
    }),
  });

const SSO_SESSION = "sweep";
const ssoConfig = `[profile p]\nsso_session = ${SSO_SESSION}\nsso_account_id = 111122223333\n` +
  `sso_role_name = Reader\n[sso-session ${SSO_SESSION}]\nsso_region = us-east-1\n` +
  "sso_start_url = https://example.awsapps.com/start\n";

async function ssoProvider(fetch: typeof globalThis.fetch) {
  const cache = `/h/.aws/sso/cache/${await sha1Hex(SSO_SESSION)}.json`;
  return fromSso({
    profile: "p",
    fetch,
    platform: explicitPlatform({
      homeDir: "/h",
      files: {
        "/h/.aws/config": ssoConfig,
        [cache]: JSON.stringify({
          accessToken: SECRETS.ssoAccessToken,
          expiresAt: new Date(Date.now() + 3600_000).toISOString(),
          clientSecret: SECRETS.clientSecret,
          refreshToken: `${SECRETS.ssoAccessToken}-refresh`,
        }),
      },
    }),
  });
}

/** The credential-endpoint cases. */
// IAM Roles Anywhere with key material that is no usable key: the sweep's secret in a PEM body.
const rolesAnywhereWithKey = async (privateKey: string) =>
  await fromRolesAnywhere({
    certificate: (await issueCertificate({ subject: "sweep" })).pem,
    privateKey,
    trustAnchorArn: "arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/a",
    profileArn: "arn:aws:rolesanywhere:eu-west-1:111122223333:profile/p",
    roleArn: "arn:aws:iam::111122223333:role/workload",
    platform: explicitPlatform({ env: {} }),
    fetch: () => Promise.reject(new Error("no call expected")),
  })();

export const CREDENTIALS_CASES: readonly SecretCase[] = [
  {
    name: "IAM Roles Anywhere with a PEM private key that holds no usable key",
    run: () =>
      rolesAnywhereWithKey(
        `-----BEGIN PRIVATE KEY-----\n${SECRETS.clientSecret}\n-----END PRIVATE KEY-----\n`,
      ),
  },
  {
    name: "IAM Roles Anywhere with an encrypted private key",
    run: () =>
      rolesAnywhereWithKey(
        `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${SECRETS.clientSecret}\n-----END ENCRYPTED PRIVATE KEY-----\n`,
      ),
  },
  {
    name: "IMDS credentials without an AccessKeyId",
    run: () => fromImds({ fetch: imds(CREDENTIALS_JSON.replace("AccessKeyId", "Nope")) })(),
  },
  {
    name: "IMDS credentials that are not JSON",
    run: () => fromImds({ fetch: imds(CREDENTIALS_JSON.slice(0, -3)) })(),
  },
  {
    name: "IMDS credentials with a Code other than Success",
    run: () => fromImds({ fetch: imds(CREDENTIALS_JSON.replace("{", `{"Code":"Failed",`)) })(),
  },
  {
    name: "IMDS credentials, inspected",
    run: () => fromImds({ fetch: imds(CREDENTIALS_JSON) })(),
    resolves: true,
  },
  {
    name: "container credentials without an AccessKeyId",
    run: () => container(answering(CREDENTIALS_JSON.replace("AccessKeyId", "Nope")))(),
  },
  {
    name: "container credentials cut off midway",
    run: () => container(cutOffAfter(CREDENTIALS_JSON.slice(0, 120)))(),
  },
  {
    name: "container endpoint refusing the authorization token",
    run: () => container(answering('{"Code":"Unauthorized"}', 401), SECRETS.password)(),
  },
  {
    name: "container credentials, inspected",
    run: () => container(answering(CREDENTIALS_JSON))(),
    resolves: true,
  },
  {
    name: "web identity with STS refusing the connection",
    run: () =>
      fromWebIdentity({
        roleArn: "arn:aws:iam::123456789012:role/r",
        webIdentityToken: SECRETS.webIdentityToken,
        endpoint: "http://127.0.0.1:9",
        platform: explicitPlatform(),
      })(),
  },
  {
    name: "SSO portal answering 401 to the cached access token",
    run: async () =>
      (await ssoProvider(answering('{"message":"Session token not found or invalid"}', 401)))(),
  },
  {
    name: "SSO portal answering credentials without an access key id",
    run: async () =>
      (await ssoProvider(answering(JSON.stringify({
        roleCredentials: {
          secretAccessKey: SECRETS.secretAccessKey,
          sessionToken: SECRETS.sessionToken,
          expiration: Date.now() + 3600_000,
        },
      }))))(),
  },
];
