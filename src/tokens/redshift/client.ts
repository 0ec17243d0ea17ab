import { ServiceSender } from "../../http/service_sender.ts";
import { endpointResolver } from "../../credentials/endpoints/endpoint_resolver.ts";
import { sendQueryRequest } from "../../http/send_query_request.ts";
import type { XmlNode } from "../../_shared/xml/parse.ts";
import type { QueryValue } from "../../http/query_body.ts";
import type { RedshiftDbCredentials } from "./db_credentials.ts";
import { redshiftEndpoint } from "./endpoint.ts";
import { dbCredentialsResult, describeClustersResult } from "./_response.ts";
import type {
  DescribeClustersInput,
  DescribeClustersResult,
  GetClusterCredentialsInput,
  GetClusterCredentialsWithIamInput,
  RedshiftCallOptions,
  RedshiftClientOptions,
} from "./types.ts";

const VERSION = "2012-12-01";

/**
 * A client of Amazon Redshift's Query API (version 2012-12-01) for IAM database
 * authentication: `GetClusterCredentials`, `GetClusterCredentialsWithIAM` and
 * `DescribeClusters`, with the HTTP layer's retries, timeouts, clock-skew correction and
 * typed `AwsError`s. Passwords come back wrapped so that logging a result never shows them.
 *
 * @example
 * ```ts
 * import { explicitPlatform } from "@iamfetch/iamfetch/credentials";
 * import { RedshiftClient } from "@iamfetch/iamfetch/tokens";
 * import { assertEquals, assertStringIncludes } from "@std/assert";
 *
 * const sent: Request[] = [];
 * const fetch = (input: RequestInfo | URL) => {
 *   sent.push(input as Request);
 *   return Promise.resolve(new Response(
 *     "<GetClusterCredentialsResponse><GetClusterCredentialsResult><DbUser>IAM:alice</DbUser><DbPassword>db-password</DbPassword>" +
 *       "<Expiration>2100-01-01T00:15:00Z</Expiration></GetClusterCredentialsResult></GetClusterCredentialsResponse>",
 *   ));
 * };
 * const redshift = new RedshiftClient({
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   region: "us-east-1",
 *   fetch,
 *   platform: explicitPlatform({ env: {} }), // nothing configured: the regional endpoint
 * });
 * const result = await redshift.getClusterCredentials({ ClusterIdentifier: "analytics", DbUser: "alice" });
 * assertEquals([result.dbUser, result.dbPassword], ["IAM:alice", "db-password"]);
 * assertEquals(result.expiration, new Date("2100-01-01T00:15:00Z"));
 * assertStringIncludes(JSON.stringify(result), '"dbPassword":"[redacted]"'); // safe to log
 * assertEquals(sent[0].url, "https://redshift.us-east-1.amazonaws.com/");
 * const { Action, ClusterIdentifier, DbUser } = Object.fromEntries(new URLSearchParams(await sent[0].text()));
 * assertEquals([Action, ClusterIdentifier, DbUser], ["GetClusterCredentials", "analytics", "alice"]);
 * ```
 */
export class RedshiftClient {
  /** The region of the signing scope. */
  readonly region: string;
  readonly #sender: ServiceSender;
  readonly #endpoint: () => Promise<URL>;

  /**
   * Creates a client; nothing is sent (and no file read) until a call is made. Throws a
   * `TypeError` for a region or an `endpoint` that cannot form a URL.
   */
  constructor(options: RedshiftClientOptions) {
    this.region = options.region;
    const regional = redshiftEndpoint("redshift", options.region);
    this.#endpoint = endpointResolver("Redshift", options.endpoint, options, () => regional);
    this.#sender = new ServiceSender({ ...options, service: "redshift" });
  }

  /**
   * The endpoint calls go to: the `endpoint` option, else the configured one (environment,
   * profile), else the regional endpoint. Looked up at the first call and kept.
   */
  endpoint(): Promise<URL> {
    return this.#endpoint();
  }

  /** Gets a temporary password for the database user `DbUser` of a cluster. */
  async getClusterCredentials(
    input: GetClusterCredentialsInput,
    options?: RedshiftCallOptions,
  ): Promise<RedshiftDbCredentials> {
    requireString("GetClusterCredentials", "DbUser", input?.DbUser);
    requireTarget("GetClusterCredentials", input);
    const { DbGroups, ...rest } = input;
    const params: Record<string, QueryValue> = {
      DbUser: rest.DbUser,
      DbName: rest.DbName,
      ClusterIdentifier: rest.ClusterIdentifier,
      DurationSeconds: rest.DurationSeconds,
      AutoCreate: rest.AutoCreate,
      CustomDomainName: rest.CustomDomainName,
    };
    // DbGroupList names its members `DbGroup`, so the Query protocol sends
    // `DbGroups.DbGroup.N` (as botocore and AWS SDK v3 do), not `DbGroups.member.N`.
    DbGroups?.forEach((group, index) => params[`DbGroups.DbGroup.${index + 1}`] = group);
    const { result, requestId } = await this.#call("GetClusterCredentials", params, options);
    return dbCredentialsResult("GetClusterCredentials", result, requestId);
  }

  /** Gets a temporary password for the database user named after the caller's IAM identity. */
  async getClusterCredentialsWithIam(
    input: GetClusterCredentialsWithIamInput,
    options?: RedshiftCallOptions,
  ): Promise<RedshiftDbCredentials> {
    requireTarget("GetClusterCredentialsWithIAM", input);
    const params = {
      DbName: input.DbName,
      ClusterIdentifier: input.ClusterIdentifier,
      DurationSeconds: input.DurationSeconds,
      CustomDomainName: input.CustomDomainName,
    };
    const { result, requestId } = await this.#call("GetClusterCredentialsWithIAM", params, options);
    return dbCredentialsResult("GetClusterCredentialsWithIAM", result, requestId);
  }

  /** Describes one cluster, or every cluster of the account and region. */
  async describeClusters(
    input: DescribeClustersInput = {},
    options?: RedshiftCallOptions,
  ): Promise<DescribeClustersResult> {
    const params = {
      ClusterIdentifier: input.ClusterIdentifier,
      MaxRecords: input.MaxRecords,
      Marker: input.Marker,
    };
    const { result, requestId } = await this.#call("DescribeClusters", params, options);
    return describeClustersResult(result, requestId);
  }

  async #call(
    action: string,
    params: Record<string, QueryValue>,
    options: RedshiftCallOptions = {},
  ): Promise<{ result: XmlNode; requestId?: string }> {
    return await sendQueryRequest(
      {
        endpoint: await this.#endpoint(),
        serviceName: "Redshift",
        version: VERSION,
        action,
        params,
      },
      this.#sender.sendOptions(options.signal),
    );
  }
}

function requireString(action: string, name: string, value: unknown): void {
  if (typeof value !== "string" || value === "") {
    throw new TypeError(`Redshift ${action} needs ${name} (a non-empty string).`);
  }
}

// A cluster is named by its identifier or by a custom domain name.
function requireTarget(
  action: string,
  input: { ClusterIdentifier?: string; CustomDomainName?: string },
): void {
  if (input?.CustomDomainName === undefined) {
    requireString(action, "ClusterIdentifier", input?.ClusterIdentifier);
  }
}
