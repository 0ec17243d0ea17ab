import { Hono } from "hono";
import type { EmulatorEnv } from "../emulator_env.ts";
import { faultMiddleware } from "../fault_middleware.ts";
import { isoSeconds } from "../iso_seconds.ts";
import { randomIdChars } from "../random_ids.ts";
import type { EmulatorState } from "../state.ts";
import { parseRoleArn } from "../sts_state.ts";

/**
 * The ECS / EKS Pod Identity container credentials endpoint, mounted at `/container`
 * before signature verification: `GET /container/credentials` (the path for both
 * `AWS_CONTAINER_CREDENTIALS_FULL_URI` and, behind a host override,
 * `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`). When `state.container.authToken` is set,
 * the `Authorization` header must equal it, else 401. Issued credentials are registered
 * as a session of `state.container.roleArn`. Takes `failNext` faults scoped to its path.
 *
 * @example
 * ```ts
 * app.route("/container", containerCredentialRoutes(state));
 * ```
 */
export function containerCredentialRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  routes.use("*", faultMiddleware(state, { scopedOnly: true }));
  routes.get("/credentials", (c) => {
    const { authToken, roleArn, credentialDurationSeconds } = state.container;
    if (authToken !== undefined && c.req.header("authorization") !== authToken) {
      return c.json({ Code: "Unauthorized", Message: "Invalid authorization token" }, 401);
    }
    const { partition, accountId, name } = parseRoleArn(roleArn);
    const credentials = state.issueCredentials({
      arn: `arn:${partition}:sts::${accountId}:assumed-role/${name}/emulator-task`,
      accountId,
      userId: `AROA${randomIdChars(17)}:emulator-task`,
      durationSeconds: credentialDurationSeconds,
    });
    return c.json({
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      Token: credentials.sessionToken,
      Expiration: isoSeconds(credentials.expiration),
      RoleArn: roleArn,
    });
  });
  routes.all("*", (c) => c.text("Not Found", 404));
  return routes;
}
