/**
 * Secrets-sweep cases of the tokens layer: Redshift answers holding a database password
 * that are incomplete or cut off, token generation failing with secret credentials, and
 * CloudFront signing refusing a private key or passphrase it cannot use.
 *
 * @module
 */
import { rdsAuthToken } from "../../src/tokens/rds/auth_token.ts";
import { getSignedCookies, getSignedUrl } from "../../src/tokens/mod.ts";
import { RedshiftClient } from "../../src/tokens/redshift/client.ts";
import { RedshiftServerlessClient } from "../../src/tokens/redshift/serverless_client.ts";
import { SECRET_CREDENTIALS, type SecretCase, SECRETS } from "./assert_no_secrets.ts";
import { answering, cutOffAfter } from "./secret_cases_http_sts.ts";

const CLUSTER_XML = "<GetClusterCredentialsResponse><GetClusterCredentialsResult>" +
  `<DbPassword>${SECRETS.password}</DbPassword><Expiration>soon</Expiration>` +
  "</GetClusterCredentialsResult></GetClusterCredentialsResponse>";
const SERVERLESS_JSON = JSON.stringify({ dbUser: "IAM:alice", dbPassword: SECRETS.password });

const redshift = (fetch: typeof globalThis.fetch) =>
  new RedshiftClient({
    credentials: SECRET_CREDENTIALS,
    region: "us-east-1",
    fetch,
    maxAttempts: 1,
  });
const serverless = (fetch: typeof globalThis.fetch) =>
  new RedshiftServerlessClient({
    credentials: SECRET_CREDENTIALS,
    region: "us-east-1",
    fetch,
    maxAttempts: 1,
  });
const cluster = { ClusterIdentifier: "analytics", DbUser: "alice" };

// Key material that is not a usable key: the sweep's secret inside a PEM body.
const BROKEN_KEY =
  `-----BEGIN PRIVATE KEY-----\n${SECRETS.clientSecret}\n-----END PRIVATE KEY-----\n`;
const ENCRYPTED_KEY = "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" +
  `${SECRETS.clientSecret}\n-----END ENCRYPTED PRIVATE KEY-----\n`;
const signedUrlInput = {
  url: "https://d111111abcdef8.cloudfront.net/private/report.pdf",
  keyPairId: "K2JCJMDEHXQW5F",
  dateLessThan: "2099-01-01",
};

/** The tokens-layer cases. */
export const TOKENS_CASES: readonly SecretCase[] = [
  {
    name: "CloudFront getSignedUrl with a PEM that holds no usable key",
    run: () => getSignedUrl({ ...signedUrlInput, privateKey: BROKEN_KEY }),
  },
  {
    name: "CloudFront getSignedCookies with an encrypted key and its passphrase",
    run: () =>
      getSignedCookies({
        ...signedUrlInput,
        privateKey: ENCRYPTED_KEY,
        passphrase: SECRETS.password,
      }),
  },
  {
    name: "Redshift GetClusterCredentials without DbUser or a valid Expiration",
    run: () => redshift(answering(CLUSTER_XML)).getClusterCredentials(cluster),
  },
  {
    name: "Redshift GetClusterCredentials cut off midway",
    run: () => redshift(cutOffAfter(CLUSTER_XML.slice(0, 110))).getClusterCredentials(cluster),
  },
  {
    name: "Redshift Serverless GetCredentials without an expiration",
    run: () => serverless(answering(SERVERLESS_JSON)).getCredentials({ workgroupName: "wg" }),
  },
  {
    name: "Redshift Serverless GetCredentials cut off midway",
    run: () =>
      serverless(cutOffAfter(SERVERLESS_JSON.slice(0, 40))).getCredentials({
        workgroupName: "wg",
      }),
  },
  {
    name: "RDS auth token for a hostname that is a URL",
    run: () =>
      rdsAuthToken({
        hostname: "https://db.example.com/",
        port: 5432,
        username: "alice",
        region: "us-east-1",
        credentials: SECRET_CREDENTIALS,
      }),
  },
  {
    name: "RDS auth token with a failing credential provider",
    run: () =>
      rdsAuthToken({
        hostname: "db.abc.us-east-1.rds.amazonaws.com",
        port: 5432,
        username: "alice",
        credentials: () => Promise.reject(new Error("provider down")),
      }),
  },
];
