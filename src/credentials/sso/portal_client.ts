import type { Credentials } from "../../sigv4/credentials.ts";
import { checkCredentials } from "../../sigv4/credentials.ts";
import { readAnswerText } from "../../http/read_answer_text.ts";
import { sendAwsRequest } from "../../http/send_aws_request.ts";
import { toSafeCredentials } from "../redacted_credentials.ts";
import { parseJsonObject } from "../../_shared/json_object.ts";
import {
  configuredEndpoint,
  type ConfiguredEndpointOptions,
} from "../endpoints/configured_endpoint.ts";

/**
 * Where and how the IAM Identity Center portal API (`portal.sso.<region>.amazonaws.com`,
 * REST-JSON, authorized by the `x-amz-sso_bearer_token` header) is called. Without
 * `portalEndpoint`, a configured endpoint of the `SSO` service (`AWS_ENDPOINT_URL_SSO`,
 * `AWS_ENDPOINT_URL`, the profile's `services` section or `endpoint_url`; see
 * `configuredEndpoint`) comes before the default.
 */
export interface SsoPortalOptions extends ConfiguredEndpointOptions {
  /** A valid access token, e.g. from `ssoAccessToken`. A secret: never logged. */
  accessToken: string;
  /** The IAM Identity Center region (`sso_region`). */
  region: string;
  /**
   * The portal endpoint; default the configured one, else
   * `https://portal.sso.<region>.amazonaws.com`.
   */
  portalEndpoint?: string;
  /** The fetch to use. */
  fetch?: typeof fetch;
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

// The portal's base URL, without a final slash: given, configured, or the regional default.
async function portalBase(options: SsoPortalOptions): Promise<string> {
  const base = options.portalEndpoint ?? (await configuredEndpoint("SSO", options))?.href ??
    `https://portal.sso.${options.region}.amazonaws.com`;
  return base.replace(/\/+$/, "");
}

async function portalGet(
  base: string,
  path: string,
  query: Record<string, string | undefined>,
  options: SsoPortalOptions,
): Promise<Record<string, unknown>> {
  const url = new URL(`${base}${path}`);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  const response = await sendAwsRequest(
    new Request(url, { headers: { "x-amz-sso_bearer_token": options.accessToken } }),
    { fetch: options.fetch },
  );
  const { text } = await readAnswerText(
    response,
    1024 * 1024,
    `IAM Identity Center portal ${path}`,
  );
  const value = parseJsonObject(text);
  if (value !== undefined) return value;
  throw new TypeError(`The IAM Identity Center portal answered ${path} with no JSON object.`);
}

/**
 * The portal's `GetRoleCredentials`: temporary credentials of `roleName` in `accountId`
 * (`expiration` is sent in epoch milliseconds).
 *
 * @example
 * ```ts
 * import { getSsoRoleCredentials } from "@iamfetch/iamfetch/credentials";
 * import { assert } from "@std/assert";
 *
 * const fetch = () =>
 *   Promise.resolve(Response.json({
 *     roleCredentials: { accessKeyId: "ASIAEXAMPLE", secretAccessKey: "s", sessionToken: "t", expiration: 4102444800000 },
 *   }));
 * const credentials = await getSsoRoleCredentials({ accessToken: "a", region: "us-east-1", fetch }, {
 *   accountId: "111122223333",
 *   roleName: "ReadOnly",
 * });
 * assert(credentials.expiration?.getUTCFullYear() === 2100);
 * ```
 */
export async function getSsoRoleCredentials(
  options: SsoPortalOptions,
  role: SsoAccountRole,
): Promise<Credentials> {
  const body = await portalGet(await portalBase(options), "/federation/credentials", {
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

async function allPages<T>(
  path: string,
  listName: string,
  query: Record<string, string | undefined>,
  options: SsoPortalOptions,
): Promise<T[]> {
  const base = await portalBase(options);
  const items: T[] = [];
  let nextToken: string | undefined;
  do {
    const page = await portalGet(base, path, { ...query, next_token: nextToken }, options);
    const list = page[listName];
    if (Array.isArray(list)) items.push(...list as T[]);
    nextToken = typeof page.nextToken === "string" && page.nextToken !== ""
      ? page.nextToken
      : undefined;
  } while (nextToken !== undefined);
  return items;
}

/**
 * The portal's `ListAccounts`, every page: the accounts the token's user is assigned to.
 *
 * @example
 * ```ts
 * import { listSsoAccounts } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const fetch = () => Promise.resolve(Response.json({ accountList: [{ accountId: "111122223333" }] }));
 * const accounts = await listSsoAccounts({ accessToken: "a", region: "us-east-1", fetch });
 * assertEquals(accounts[0].accountId, "111122223333");
 * ```
 */
export function listSsoAccounts(options: SsoPortalOptions): Promise<SsoAccount[]> {
  return allPages<SsoAccount>("/assignment/accounts", "accountList", {}, options);
}

/**
 * The portal's `ListAccountRoles`, every page: the roles the token's user may take in
 * `accountId`.
 *
 * @example
 * ```ts
 * import { listSsoAccountRoles } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const fetch = () =>
 *   Promise.resolve(Response.json({ roleList: [{ accountId: "111122223333", roleName: "ReadOnly" }] }));
 * const roles = await listSsoAccountRoles({ accessToken: "a", region: "us-east-1", fetch }, "111122223333");
 * assertEquals(roles[0].roleName, "ReadOnly");
 * ```
 */
export function listSsoAccountRoles(
  options: SsoPortalOptions,
  accountId: string,
): Promise<SsoAccountRole[]> {
  return allPages<SsoAccountRole>("/assignment/roles", "roleList", {
    account_id: accountId,
  }, options);
}
