import type { Context, MiddlewareHandler } from "hono";
import { Hono } from "hono";
import type { EmulatorEnv } from "../emulator_env.ts";
import { faultMiddleware } from "../fault_middleware.ts";
import { isoSeconds } from "../iso_seconds.ts";
import { randomIdChars, randomSecretChars } from "../random_ids.ts";
import type { EmulatorState } from "../state.ts";

const ACCOUNT_ID = "123456789012";
const MAX_TOKEN_TTL_SECONDS = 21600;
const CREDENTIALS_PATH = "/meta-data/iam/security-credentials";

/**
 * EC2 instance metadata, mounted at `/latest` before signature verification (IMDS is
 * never signed): `PUT /latest/api/token` (IMDSv2 session tokens), the role listing and
 * role credentials under `/latest/meta-data/iam/security-credentials/`, and
 * `/latest/meta-data/placement/region`. Behaves as `state.imds` says (`v1Disabled`,
 * `tokenEndpointMissing`, `hang`, `role`); takes `failNext` faults scoped to its paths.
 *
 * `shutdown` is aborted when the emulator closes: a hanging request then ends with 503,
 * so closing never waits on it.
 *
 * @example
 * ```ts
 * app.route("/latest", imdsRoutes(state, shutdown.signal));
 * ```
 */
export function imdsRoutes(state: EmulatorState, shutdown: AbortSignal): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  routes.use("*", async (c, next) => {
    if (!state.imds.hang) return await next();
    await aborted(shutdown);
    return c.text("The emulator is shutting down.", 503);
  });
  routes.use("*", faultMiddleware(state, { scopedOnly: true }));
  routes.put("/api/token", (c) => {
    const missing = state.imds.tokenEndpointMissing;
    if (missing === 403) return c.text("Forbidden", 403);
    if (missing !== false) return c.text("Not Found", 404);
    const ttl = c.req.header("x-aws-ec2-metadata-token-ttl-seconds") ?? "";
    if (!/^\d{1,5}$/.test(ttl) || Number(ttl) < 1 || Number(ttl) > MAX_TOKEN_TTL_SECONDS) {
      return c.text("Bad Request", 400);
    }
    const token = `AQAEA${randomSecretChars(51)}==`;
    state.imds.tokens.set(token, new Date(state.now().getTime() + Number(ttl) * 1000));
    return c.text(token, 200, { "x-aws-ec2-metadata-token-ttl-seconds": ttl });
  });
  routes.use("*", sessionTokenCheck(state));
  const listRole = (c: Context<EmulatorEnv>) =>
    state.imds.role === undefined ? c.text("Not Found", 404) : c.text(state.imds.role);
  routes.get(CREDENTIALS_PATH, listRole);
  routes.get(`${CREDENTIALS_PATH}/`, listRole);
  routes.get(`${CREDENTIALS_PATH}/:role`, (c) => {
    const role = state.imds.role;
    if (role === undefined || c.req.param("role") !== role) return c.text("Not Found", 404);
    const { instanceId } = state.imds;
    const credentials = state.issueCredentials({
      arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${role}/${instanceId}`,
      accountId: ACCOUNT_ID,
      userId: `AROA${randomIdChars(17)}:${instanceId}`,
      durationSeconds: state.imds.credentialDurationSeconds,
    });
    const body = {
      Code: "Success",
      LastUpdated: isoSeconds(state.now()),
      Type: "AWS-HMAC",
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      Token: credentials.sessionToken,
      Expiration: isoSeconds(credentials.expiration),
    };
    // EC2 sends the JSON as text/plain.
    return c.text(JSON.stringify(body, null, 2));
  });
  routes.get("/meta-data/placement/region", (c) => c.text(state.imds.region));
  routes.all("*", (c) => c.text("Not Found", 404));
  return routes;
}

/**
 * A GET with an `x-aws-ec2-metadata-token` must carry a live one; without it, it is
 * allowed only while IMDSv1 is (`state.imds.v1Disabled` false). Else 401, as EC2.
 */
function sessionTokenCheck(state: EmulatorState): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const token = c.req.header("x-aws-ec2-metadata-token");
    const expiry = token === undefined ? undefined : state.imds.tokens.get(token);
    const valid = expiry !== undefined && expiry > state.now();
    if (token === undefined ? state.imds.v1Disabled : !valid) return c.text("Unauthorized", 401);
    await next();
  };
}

/** Resolves once `signal` is aborted. */
function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) =>
    signal.addEventListener("abort", () => resolve(), { once: true })
  );
}
