import { ServiceSender } from "../../http/service_sender.ts";
import { endpointResolver } from "../../credentials/endpoints/endpoint_resolver.ts";
import { answeredWithout } from "../../http/query_result.ts";
import { readAnswerText } from "../../http/read_answer_text.ts";
import { sendAwsRequest } from "../../http/send_aws_request.ts";
import { type RedshiftDbCredentials, toSafeRedshiftDbCredentials } from "./db_credentials.ts";
import { redshiftEndpoint } from "./endpoint.ts";
import type { RedshiftCallOptions, RedshiftClientOptions } from "./types.ts";

/**
 * Input of Redshift Serverless `GetCredentials`, with AWS's (camelCase) member names.
 */
export interface GetServerlessCredentialsInput {
  /** The workgroup; required unless `customDomainName` is given. */
  workgroupName?: string;
  /** The database the user may log on to. */
  dbName?: string;
  /** Seconds the password lasts: 900–3600, default 900. */
  durationSeconds?: number;
  /** A custom domain name of the workgroup. */
  customDomainName?: string;
}

const TARGET = "RedshiftServerless.GetCredentials";
const MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * A client of Redshift Serverless (JSON 1.1 protocol) for its one IAM-auth call,
 * `GetCredentials`: a temporary database user and password for a workgroup, as
 * {@linkcode RedshiftDbCredentials} whose password never shows in logs.
 *
 * @example
 * ```ts
 * import { RedshiftServerlessClient } from "@iamfetch/iamfetch/tokens";
 * import { assertEquals } from "@std/assert";
 *
 * import { explicitPlatform } from "@iamfetch/iamfetch/credentials";
 *
 * const serverless = new RedshiftServerlessClient({
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   region: "eu-west-1",
 *   platform: explicitPlatform({ env: { AWS_ENDPOINT_URL_REDSHIFT_SERVERLESS: "http://127.0.0.1:9000" } }),
 * });
 * const { origin } = await serverless.endpoint();
 * assertEquals(origin, "http://127.0.0.1:9000");
 * ```
 */
export class RedshiftServerlessClient {
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
    const regional = redshiftEndpoint("redshift-serverless", options.region);
    this.#endpoint = endpointResolver(
      "Redshift Serverless",
      options.endpoint,
      options,
      () => regional,
    );
    this.#sender = new ServiceSender({ ...options, service: "redshift-serverless" });
  }

  /**
   * The endpoint calls go to: the `endpoint` option, else the configured one (environment,
   * profile), else the regional endpoint. Looked up at the first call and kept.
   */
  endpoint(): Promise<URL> {
    return this.#endpoint();
  }

  /** Gets a temporary database user and password for a serverless workgroup. */
  async getCredentials(
    input: GetServerlessCredentialsInput,
    options: RedshiftCallOptions = {},
  ): Promise<RedshiftDbCredentials> {
    if (
      input?.customDomainName === undefined &&
      (typeof input?.workgroupName !== "string" || input.workgroupName === "")
    ) {
      throw new TypeError("Redshift Serverless GetCredentials needs workgroupName.");
    }
    const body = JSON.stringify({
      workgroupName: input.workgroupName,
      dbName: input.dbName,
      durationSeconds: input.durationSeconds,
      customDomainName: input.customDomainName,
    });
    const request = new Request(await this.#endpoint(), {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": TARGET },
      body,
    });
    const response = await sendAwsRequest(request, this.#sender.sendOptions(options.signal));
    const requestId = response.headers.get("x-amzn-requestid") ?? undefined;
    const { text, truncated } = await readAnswerText(
      response,
      MAX_RESPONSE_BYTES,
      "Redshift Serverless GetCredentials",
    );
    const invalid = (what: string) =>
      answeredWithout("Redshift Serverless", "GetCredentials", requestId, what);
    if (truncated) throw invalid(`a body under ${MAX_RESPONSE_BYTES} bytes`);
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(text);
    } catch {
      throw invalid("a JSON body");
    }
    const { dbUser, dbPassword } = json ?? {};
    const expiration = epochDate(json?.expiration);
    const nextRefreshTime = json?.nextRefreshTime === undefined
      ? undefined
      : epochDate(json.nextRefreshTime);
    if (
      typeof dbUser !== "string" || typeof dbPassword !== "string" || dbUser === "" ||
      dbPassword === "" || expiration === undefined ||
      (json.nextRefreshTime !== undefined && nextRefreshTime === undefined)
    ) {
      throw invalid("complete credentials");
    }
    return toSafeRedshiftDbCredentials({ dbUser, dbPassword, expiration, nextRefreshTime });
  }
}

// JSON protocols send timestamps as epoch seconds (with fractions); accept ISO too.
function epochDate(value: unknown): Date | undefined {
  const date = typeof value === "number"
    ? new Date(value * 1000)
    : typeof value === "string"
    ? new Date(value)
    : undefined;
  return date === undefined || Number.isNaN(date.getTime()) ? undefined : date;
}
