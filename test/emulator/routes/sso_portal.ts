import type { Context } from "hono";
import { Hono } from "hono";
import type { EmulatorEnv } from "../emulator_env.ts";
import { faultMiddleware } from "../fault_middleware.ts";
import { randomIdChars } from "../random_ids.ts";
import type { EmulatorState } from "../state.ts";

/**
 * The IAM Identity Center (SSO) portal's `GetRoleCredentials`, mounted at `/federation`
 * before signature verification: `GET /federation/credentials?account_id=…&role_name=…`
 * with the `x-amz-sso_bearer_token` header holding a token of `state.sso.accessTokens`
 * (else 401 `UnauthorizedException`). Answers the portal's JSON, `expiration` in epoch
 * milliseconds; the credentials are registered as a session of the permission set's
 * role. Takes `failNext` faults scoped to its path.
 *
 * @example
 * ```ts
 * app.route("/federation", ssoPortalRoutes(state));
 * ```
 */
export function ssoPortalRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  routes.use("*", faultMiddleware(state, { scopedOnly: true }));
  routes.get("/credentials", (c) => {
    const token = c.req.header("x-amz-sso_bearer_token");
    if (token === undefined || !state.sso.accessTokens.has(token)) {
      return ssoError(c, 401, "UnauthorizedException", "Session token not found or invalid");
    }
    const accountId = c.req.query("account_id") ?? "";
    const roleName = c.req.query("role_name") ?? "";
    if (!/^\d{12}$/.test(accountId) || roleName === "") {
      return ssoError(
        c,
        400,
        "InvalidRequestException",
        "account_id (12 digits) and role_name are required",
      );
    }
    const { userName } = state.sso;
    const credentials = state.issueCredentials({
      arn:
        `arn:aws:sts::${accountId}:assumed-role/AWSReservedSSO_${roleName}_0123456789abcdef/${userName}`,
      accountId,
      userId: `AROA${randomIdChars(17)}:${userName}`,
      durationSeconds: state.sso.credentialDurationSeconds,
    });
    return c.json({
      roleCredentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        sessionToken: credentials.sessionToken,
        expiration: credentials.expiration.getTime(),
      },
    });
  });
  routes.all("*", (c) => ssoError(c, 404, "ResourceNotFoundException", "Not Found"));
  return routes;
}

/**
 * The portal's `ListAccounts` (`GET /assignment/accounts`) and `ListAccountRoles`
 * (`GET /assignment/roles?account_id=…`), mounted at `/assignment` before signature
 * verification: bearer token as for `GetRoleCredentials`, pages of `state.sso.pageSize`
 * (or a smaller `max_result`) chained by `next_token`, an unknown `next_token` is 400.
 *
 * @example
 * ```ts
 * app.route("/assignment", ssoAssignmentRoutes(state));
 * ```
 */
export function ssoAssignmentRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  routes.use("*", faultMiddleware(state, { scopedOnly: true }));
  routes.use("*", async (c, next) => {
    const token = c.req.header("x-amz-sso_bearer_token");
    if (token === undefined || !state.sso.accessTokens.has(token)) {
      return ssoError(c, 401, "UnauthorizedException", "Session token not found or invalid");
    }
    await next();
  });
  routes.get("/accounts", (c) => {
    const accounts = state.sso.accounts.map(({ accountId, accountName, emailAddress }) => ({
      accountId,
      accountName,
      emailAddress,
    }));
    return page(c, state, accounts, "accountList");
  });
  routes.get("/roles", (c) => {
    const account = state.sso.accounts.find((a) => a.accountId === c.req.query("account_id"));
    if (account === undefined) {
      return ssoError(c, 400, "InvalidRequestException", "account_id is not assigned");
    }
    const roles = account.roles.map((roleName) => ({ roleName, accountId: account.accountId }));
    return page(c, state, roles, "roleList");
  });
  routes.all("*", (c) => ssoError(c, 404, "ResourceNotFoundException", "Not Found"));
  return routes;
}

/** One page of `items` from the `next_token` offset, as `{ [listName]: …, nextToken? }`. */
function page(
  c: Context<EmulatorEnv>,
  state: EmulatorState,
  items: readonly unknown[],
  listName: string,
): Response {
  const nextToken = c.req.query("next_token");
  const start = nextToken === undefined ? 0 : Number(/^page-(\d+)$/.exec(nextToken)?.[1] ?? NaN);
  if (!(start >= 0 && start <= items.length)) {
    return ssoError(c, 400, "InvalidRequestException", "next_token is invalid");
  }
  const maxResult = Number(c.req.query("max_result") ?? state.sso.pageSize);
  const end = start + Math.max(1, Math.min(state.sso.pageSize, maxResult));
  return c.json({
    [listName]: items.slice(start, end),
    ...(end < items.length ? { nextToken: `page-${end}` } : {}),
  });
}

/** A REST-JSON error as the portal sends it: type in the body and in `x-amzn-ErrorType`. */
function ssoError(
  c: Context<EmulatorEnv>,
  status: 400 | 401 | 404,
  type: string,
  message: string,
): Response {
  return c.json({ message, __type: type }, status, { "x-amzn-ErrorType": type });
}
