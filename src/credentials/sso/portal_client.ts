import type { Credentials } from "../../sigv4/credentials.ts";
import { checkCredentials } from "../../sigv4/credentials.ts";
import { AwsError } from "../../http/errors.ts";
import { readAnswerText } from "../../http/read_answer_text.ts";
import { sendAwsRequest } from "../../http/send_aws_request.ts";
import { toSafeCredentials } from "../redacted_credentials.ts";
import { parseJsonObject } from "../../_shared/json_object.ts";
import type { ConfiguredEndpointOptions } from "../endpoints/configured_endpoint.ts";
import { endpointResolver } from "../endpoints/endpoint_resolver.ts";

/**
 * Options of {@linkcode SsoPortalClient}. Besides `endpoint`, the endpoint may be configured
 * outside the code, as for the AWS SDKs: `AWS_ENDPOINT_URL_SSO`, `AWS_ENDPOINT_URL`, the
 * profile's `services` section or `endpoint_url` — see `configuredEndpoint` for the order and
 * `platform` / `profile` for where they are read.
 */
export interface SsoPortalClientOptions extends ConfiguredEndpointOptions {
  /** A valid access token, e.g. from `ssoAccessToken`. A secret: never logged. */
  accessToken: string;
  /** The IAM Identity Center region (`sso_region`). */
  region: string;
  /**
   * A custom endpoint, e.g. `http://127.0.0.1:9000`. It wins over every configured one;
   * without either, `https://portal.sso.<region>.amazonaws.com`.
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
 * Per-call options of {@linkcode SsoPortalClient} methods.
 */
export interface SsoPortalCallOptions {
  /** Aborts the call, its retries and the waits between them. */
  signal?: AbortSignal;
}

/**
 * An AWS account the user is assigned to, as `ListAccounts` answers it.
 */
export interface SsoAccount {
  /** The 12-digit account id. */
  accountId: string;
  /** The account's name. */
  accountName?: string;
  /** The account's root e-mail address. */
  emailAddress?: string;
}

/**
 * A role (permission set) the user may take in an account, as `ListAccountRoles` answers it.
 */
export interface SsoAccountRole {
  /** The 12-digit account id. */
  accountId: string;
  /** The role's name, the `sso_role_name` of a profile. */
  roleName: string;
}

const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * A client of the IAM Identity Center portal API (`portal.sso.<region>.amazonaws.com`,
 * REST-JSON, authorized by the `x-amz-sso_bearer_token` header rather than signed):
 * `GetRoleCredentials`, `ListAccounts` and `ListAccountRoles`, with the HTTP layer's
 * retries, timeouts and typed `AwsError`s.
 *
 * @example
 * ```ts
 * import { SsoPortalClient } from "@iamfetch/iamfetch/credentials";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const fetch = (input: RequestInfo | URL) =>
 *   Promise.resolve(
 *     new URL(new Request(input).url).pathname === "/assignment/accounts"
 *       ? Response.json({ accountList: [{ accountId: "111122223333" }] })
 *       : Response.json({
 *         roleCredentials: { accessKeyId: "ASIAEXAMPLE", secretAccessKey: "s", sessionToken: "t", expiration: 4102444800000 },
 *       }),
 *   );
 * const portal = new SsoPortalClient({ accessToken: "a", region: "us-east-1", endpoint: "https://portal.example", fetch });
 * const [account] = await portal.listAccounts();
 * assertEquals(account.accountId, "111122223333");
 * const credentials = await portal.getRoleCredentials({ accountId: account.accountId, roleName: "ReadOnly" });
 * assert(credentials.expiration?.getUTCFullYear() === 2100);
 * ```
 */
export class SsoPortalClient {
  /** The IAM Identity Center region. */
  readonly region: string;
  readonly #options: SsoPortalClientOptions;
  readonly #endpoint: () => Promise<URL>;

  /**
   * Creates a client; nothing is sent (and no file read) until a call is made. Throws a
   * `TypeError` for an `endpoint` that is not a URL.
   */
  constructor(options: SsoPortalClientOptions) {
    this.region = options.region;
    this.#options = options;
    this.#endpoint = endpointResolver(
      "SSO",
      options.endpoint,
      options,
      () => new URL(`https://portal.sso.${options.region}.amazonaws.com`),
    );
  }

  /**
   * The endpoint calls go to: the `endpoint` option, else the configured one (environment,
   * profile), else the regional endpoint. Looked up at the first call and kept.
   */
  endpoint(): Promise<URL> {
    return this.#endpoint();
  }

  /**
   * The portal's `GetRoleCredentials`: temporary credentials of `roleName` in `accountId`
   * (`expiration` is sent in epoch milliseconds).
   */
  async getRoleCredentials(
    role: SsoAccountRole,
    options?: SsoPortalCallOptions,
  ): Promise<Credentials> {
    const body = await this.#get("/federation/credentials", {
      account_id: role.accountId,
      role_name: role.roleName,
    }, options);
    const credentials = (body.roleCredentials ?? {}) as Record<string, unknown>;
    return toSafeCredentials(checkCredentials({
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
      expiration: typeof credentials.expiration === "number"
        ? new Date(credentials.expiration)
        : undefined,
    }));
  }

  /** The portal's `ListAccounts`, every page: the accounts the token's user is assigned to. */
  listAccounts(options?: SsoPortalCallOptions): Promise<SsoAccount[]> {
    return this.#allPages<SsoAccount>("/assignment/accounts", "accountList", {}, options);
  }

  /**
   * The portal's `ListAccountRoles`, every page: the roles the token's user may take in
   * `accountId`.
   */
  listAccountRoles(accountId: string, options?: SsoPortalCallOptions): Promise<SsoAccountRole[]> {
    return this.#allPages<SsoAccountRole>("/assignment/roles", "roleList", {
      account_id: accountId,
    }, options);
  }

  async #get(
    path: string,
    query: Record<string, string | undefined>,
    options: SsoPortalCallOptions = {},
  ): Promise<Record<string, unknown>> {
    // The endpoint without its final slash, so that a path prefix in it is kept.
    const url = new URL(`${(await this.#endpoint()).href.replace(/\/+$/, "")}${path}`);
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(name, value);
    }
    const response = await sendAwsRequest(
      new Request(url, { headers: { "x-amz-sso_bearer_token": this.#options.accessToken } }),
      {
        fetch: this.#options.fetch,
        maxAttempts: this.#options.maxAttempts,
        timeoutMs: this.#options.timeoutMs,
        signal: options.signal,
      },
    );
    const { text } = await readAnswerText(
      response,
      MAX_ANSWER_BYTES,
      `IAM Identity Center portal ${path}`,
    );
    const value = parseJsonObject(text);
    if (value !== undefined) return value;
    throw new AwsError({
      code: "InvalidResponse",
      message: `The IAM Identity Center portal answered ${path} with no JSON object.`,
      status: response.status,
      requestId: response.headers.get("x-amzn-requestid") ?? undefined,
      retryable: false,
    });
  }

  async #allPages<T>(
    path: string,
    listName: string,
    query: Record<string, string | undefined>,
    options?: SsoPortalCallOptions,
  ): Promise<T[]> {
    const items: T[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.#get(path, { ...query, next_token: nextToken }, options);
      const list = page[listName];
      if (Array.isArray(list)) items.push(...list as T[]);
      nextToken = typeof page.nextToken === "string" && page.nextToken !== ""
        ? page.nextToken
        : undefined;
    } while (nextToken !== undefined);
    return items;
  }
}
