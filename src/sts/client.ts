import type { CredentialsInput } from "../sigv4/credentials.ts";
import type { ConfiguredEndpointOptions } from "../credentials/endpoints/configured_endpoint.ts";
import { endpointResolver } from "../credentials/endpoints/endpoint_resolver.ts";
import { ServiceSender } from "../http/service_sender.ts";
import { AwsError } from "../http/errors.ts";
import { sendQueryRequest } from "../http/send_query_request.ts";
import type { QueryValue } from "../http/query_body.ts";
import { stsEndpoint } from "./_endpoint.ts";
import { callerIdentityResult, credentialsResult } from "./_response.ts";
import type {
  AssumeRoleInput,
  AssumeRoleWithSamlInput,
  AssumeRoleWithWebIdentityInput,
  CallerIdentity,
  GetFederationTokenInput,
  GetSessionTokenInput,
  StsCredentialsResult,
} from "./types.ts";

/**
 * Options of {@linkcode StsClient}. Besides `endpoint`, the endpoint may be configured
 * outside the code, as for the AWS SDKs: `AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, the
 * profile's `services` section (`sts =` / `  endpoint_url = …`) or `endpoint_url` — see
 * `configuredEndpoint` for the order and `platform` / `profile` for where they are read.
 */
export interface StsClientOptions extends ConfiguredEndpointOptions {
  /** Credentials for the signed calls; web-identity and SAML calls need none. */
  credentials?: CredentialsInput;
  /** The region; picks the regional endpoint `sts.<region>.amazonaws.com`. Default `us-east-1`. */
  region?: string;
  /**
   * A custom endpoint, e.g. a VPC endpoint or `http://127.0.0.1:9000`. It wins over every
   * configured one.
   */
  endpoint?: string | URL;
  /** The fetch to use; defaults to the global one. */
  fetch?: typeof fetch;
  /** Attempts per call, the first included. Default 3. */
  maxAttempts?: number;
  /** Milliseconds per attempt. Default 30 s. */
  timeoutMs?: number;
}

/**
 * Per-call options of {@linkcode StsClient} methods.
 */
export interface StsCallOptions {
  /** Aborts the call, its retries and the waits between them. */
  signal?: AbortSignal;
}

const VERSION = "2011-06-15";

/**
 * A client of AWS STS (Query protocol, version 2011-06-15): `AssumeRole`,
 * `AssumeRoleWithWebIdentity`, `AssumeRoleWithSAML`, `GetSessionToken`,
 * `GetCallerIdentity` and `GetFederationToken`, with the HTTP layer's retries, timeouts,
 * clock-skew correction and typed {@linkcode AwsError}s.
 *
 * @example
 * ```ts
 * import { explicitPlatform } from "@iamfetch/iamfetch/credentials";
 * import { StsClient } from "@iamfetch/iamfetch/sts";
 * import { assertEquals, assertMatch } from "@std/assert";
 *
 * const sent: Request[] = [];
 * const fetch = (input: RequestInfo | URL) => {
 *   sent.push(input as Request);
 *   return Promise.resolve(new Response(
 *     "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>secret</SecretAccessKey>" +
 *       "<SessionToken>token</SessionToken><Expiration>2100-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser>" +
 *       "<AssumedRoleId>AROAEXAMPLE:report</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/reader/report</Arn>" +
 *       "</AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>",
 *   ));
 * };
 * const sts = new StsClient({
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   region: "eu-west-1",
 *   fetch,
 *   platform: explicitPlatform({ env: {} }), // nothing configured: the regional endpoint
 * });
 * const { credentials, arn } = await sts.assumeRole({ RoleArn: "arn:aws:iam::123456789012:role/reader", RoleSessionName: "report" });
 * assertEquals(credentials.accessKeyId, "ASIAEXAMPLE");
 * assertEquals(credentials.expiration, new Date("2100-01-01T00:00:00Z"));
 * assertEquals(arn, "arn:aws:sts::123456789012:assumed-role/reader/report");
 * assertEquals(sent[0].url, "https://sts.eu-west-1.amazonaws.com/");
 * assertMatch(sent[0].headers.get("authorization")!, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/sts\//);
 * ```
 */
export class StsClient {
  /** The region of the signing scope. */
  readonly region: string;
  readonly #sender: ServiceSender;
  readonly #endpoint: () => Promise<URL>;

  /**
   * Creates a client; nothing is sent (and no file read) until a call is made. Throws a
   * `TypeError` for an `endpoint` that is not a URL.
   */
  constructor(options: StsClientOptions = {}) {
    this.region = options.region ?? "us-east-1";
    // The global endpoint signs in us-east-1.
    const signingRegion = this.region === "aws-global" ? "us-east-1" : this.region;
    const regional = stsEndpoint(this.region);
    this.#endpoint = endpointResolver("STS", options.endpoint, options, () => regional);
    this.#sender = new ServiceSender({ ...options, region: signingRegion, service: "sts" });
  }

  /**
   * The endpoint calls go to: the `endpoint` option, else the configured one (environment,
   * profile), else the regional endpoint. Looked up at the first call and kept.
   */
  endpoint(): Promise<URL> {
    return this.#endpoint();
  }

  /** Assumes a role with this client's credentials. */
  async assumeRole(
    input: AssumeRoleInput,
    options?: StsCallOptions,
  ): Promise<StsCredentialsResult> {
    requireFields("AssumeRole", input, ["RoleArn", "RoleSessionName"]);
    return await this.#credentialsCall("AssumeRole", true, input, options);
  }

  /** Assumes a role with an OIDC token; unsigned, so it works without credentials. */
  async assumeRoleWithWebIdentity(
    input: AssumeRoleWithWebIdentityInput,
    options?: StsCallOptions,
  ): Promise<StsCredentialsResult> {
    requireFields("AssumeRoleWithWebIdentity", input, [
      "RoleArn",
      "RoleSessionName",
      "WebIdentityToken",
    ]);
    return await this.#credentialsCall("AssumeRoleWithWebIdentity", false, input, options);
  }

  /** Assumes a role with a base64 SAMLResponse; unsigned, so it works without credentials. */
  async assumeRoleWithSaml(
    input: AssumeRoleWithSamlInput,
    options?: StsCallOptions,
  ): Promise<StsCredentialsResult> {
    requireFields("AssumeRoleWithSAML", input, ["RoleArn", "PrincipalArn", "SAMLAssertion"]);
    return await this.#credentialsCall("AssumeRoleWithSAML", false, input, options);
  }

  /** Gets session credentials for this client's (IAM user) credentials, with MFA if given. */
  async getSessionToken(
    input: GetSessionTokenInput = {},
    options?: StsCallOptions,
  ): Promise<StsCredentialsResult> {
    return await this.#credentialsCall("GetSessionToken", true, input, options);
  }

  /** Gets credentials for a federated user. */
  async getFederationToken(
    input: GetFederationTokenInput,
    options?: StsCallOptions,
  ): Promise<StsCredentialsResult> {
    requireFields("GetFederationToken", input, ["Name"]);
    return await this.#credentialsCall("GetFederationToken", true, input, options);
  }

  /** Returns the account, ARN and user id of this client's credentials. */
  async getCallerIdentity(options?: StsCallOptions): Promise<CallerIdentity> {
    const { result, requestId } = await this.#call("GetCallerIdentity", true, {}, options);
    return callerIdentityResult(result, requestId);
  }

  async #credentialsCall(
    action: string,
    signed: boolean,
    input: object,
    options: StsCallOptions | undefined,
  ): Promise<StsCredentialsResult> {
    const { result, requestId } = await this.#call(action, signed, queryParams(input), options);
    return credentialsResult(action, result, requestId);
  }

  async #call(
    action: string,
    signed: boolean,
    params: Record<string, QueryValue>,
    options: StsCallOptions = {},
  ) {
    if (signed && !this.#sender.canSign) {
      throw new AwsError({
        code: "MissingCredentials",
        message: `STS ${action} must be signed: create the StsClient with credentials.`,
        status: 0,
        retryable: false,
      });
    }
    return await sendQueryRequest(
      { endpoint: await this.#endpoint(), serviceName: "STS", version: VERSION, action, params },
      this.#sender.sendOptions(options.signal, signed),
    );
  }
}

// The list-of-structure members STS takes: copied field by field so that extra properties
// of the caller's objects never leak into the request.
function queryParams(input: object): Record<string, QueryValue> {
  const { PolicyArns, Tags, ...rest } = input as {
    PolicyArns?: readonly { arn: string }[];
    Tags?: readonly { Key: string; Value: string }[];
  };
  return {
    ...rest as Record<string, QueryValue>,
    PolicyArns: PolicyArns?.map(({ arn }) => ({ arn })),
    Tags: Tags?.map(({ Key, Value }) => ({ Key, Value })),
  };
}

function requireFields<T extends object>(
  action: string,
  input: T,
  names: (keyof T & string)[],
): void {
  for (const name of names) {
    const value = input?.[name];
    if (typeof value !== "string" || value === "") {
      throw new TypeError(`STS ${action} needs ${name} (a non-empty string).`);
    }
  }
}
