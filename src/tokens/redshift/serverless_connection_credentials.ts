import type { CredentialsInput } from "../../sigv4/credentials.ts";
import type { ConfiguredEndpointOptions } from "../../credentials/endpoints/configured_endpoint.ts";
import { StsClient } from "../../sts/client.ts";
import { type RedshiftConnection, toSafeRedshiftConnection } from "./connection.ts";
import { RedshiftServerlessClient } from "./serverless_client.ts";
import type { RedshiftCallOptions } from "./types.ts";

/**
 * Options of {@linkcode redshiftServerlessConnectionCredentials}.
 */
export interface RedshiftServerlessConnectionOptions
  extends RedshiftCallOptions, ConfiguredEndpointOptions {
  /** Credentials, or a provider, to sign the calls with. */
  credentials: CredentialsInput;
  /** The workgroup's region. */
  region: string;
  /** The workgroup. */
  workgroupName: string;
  /** The database. Default `dev`. */
  dbName?: string;
  /** Seconds the password lasts: 900–3600, default 900. */
  durationSeconds?: number;
  /**
   * The workgroup's address; by default `<workgroup>.<account>.<region>.redshift-serverless.amazonaws.com`
   * (`.amazonaws.com.cn` in China).
   */
  host?: string;
  /** The workgroup's port. Default 5439. */
  port?: number;
  /**
   * The workgroup's account, for the default `host`; when neither is given it is asked of
   * STS `GetCallerIdentity` (the workgroup is taken to be in the caller's account).
   */
  accountId?: string;
  /** A custom Redshift Serverless API endpoint; else the configured one, else the regional one. */
  endpoint?: string | URL;
  /** A custom STS endpoint, for the account lookup; else the configured one, else the regional one. */
  stsEndpoint?: string | URL;
  /** The fetch to use; defaults to the global one. */
  fetch?: typeof fetch;
  /** Attempts per call, the first included. Default 3. */
  maxAttempts?: number;
}

/**
 * Everything a PostgreSQL driver needs to log on to a Redshift Serverless workgroup with
 * IAM: `GetCredentials` for a temporary user and password, plus the workgroup's host and
 * port.
 *
 * @example
 * ```ts
 * import { explicitPlatform } from "@iamfetch/iamfetch/credentials";
 * import { redshiftServerlessConnectionCredentials } from "@iamfetch/iamfetch/tokens";
 * import { assertEquals } from "@std/assert";
 *
 * // Redshift Serverless answers JSON (times in epoch seconds); STS, asked for the account, XML.
 * const fetch = (input: RequestInfo | URL) =>
 *   Promise.resolve(
 *     (input as Request).headers.get("x-amz-target") === "RedshiftServerless.GetCredentials"
 *       ? Response.json({ dbUser: "IAMR:analyst", dbPassword: "db-password", expiration: 4102445700 })
 *       : new Response(
 *         "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123456789012</Account><UserId>AROAEXAMPLE:me</UserId>" +
 *           "<Arn>arn:aws:sts::123456789012:assumed-role/analyst/me</Arn></GetCallerIdentityResult></GetCallerIdentityResponse>",
 *       ),
 *   );
 * const connection = await redshiftServerlessConnectionCredentials({
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   region: "us-east-1",
 *   workgroupName: "analytics",
 *   fetch,
 *   platform: explicitPlatform({ env: {} }), // nothing configured: the regional endpoints
 * });
 * assertEquals({ ...connection }, {
 *   host: "analytics.123456789012.us-east-1.redshift-serverless.amazonaws.com", port: 5439, database: "dev",
 *   user: "IAMR:analyst", password: "db-password", expiration: new Date("2100-01-01T00:15:00Z"),
 * });
 * ```
 */
export async function redshiftServerlessConnectionCredentials(
  options: RedshiftServerlessConnectionOptions,
): Promise<RedshiftConnection> {
  const call = { signal: options.signal };
  const database = options.dbName ?? "dev";
  const credentials = await new RedshiftServerlessClient(options).getCredentials({
    workgroupName: options.workgroupName,
    dbName: database,
    durationSeconds: options.durationSeconds,
  }, call);
  let host = options.host;
  if (host === undefined) {
    const account = options.accountId ?? (await new StsClient({
      credentials: options.credentials,
      region: options.region,
      endpoint: options.stsEndpoint,
      fetch: options.fetch,
      maxAttempts: options.maxAttempts,
      platform: options.platform,
      profile: options.profile,
      ignoreConfiguredEndpointUrls: options.ignoreConfiguredEndpointUrls,
      sharedConfig: options.sharedConfig,
    }).getCallerIdentity(call)).account;
    const suffix = options.region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    host = `${options.workgroupName}.${account}.${options.region}.redshift-serverless.${suffix}`;
  }
  return toSafeRedshiftConnection({
    host,
    port: options.port ?? 5439,
    user: credentials.dbUser,
    password: credentials.dbPassword,
    database,
    expiration: credentials.expiration,
  });
}
