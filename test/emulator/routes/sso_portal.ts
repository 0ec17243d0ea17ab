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

/** A REST-JSON error as the portal sends it: type in the body and in `x-amzn-ErrorType`. */
function ssoError(
  c: Context<EmulatorEnv>,
  status: 400 | 401 | 404,
  type: string,
  message: string,
): Response {
  return c.json({ message, __type: type }, status, { "x-amzn-ErrorType": type });
}
