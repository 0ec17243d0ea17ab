import type { Context, MiddlewareHandler } from "hono";
import type { EmulatorEnv } from "../emulator_env.ts";
import type { EmulatorState } from "../state.ts";
import {
  DB_NAME_PATTERN,
  dbDurationSeconds,
  iamDbUser,
  randomDbPassword,
} from "./redshift_params.ts";

const TARGET_PREFIX = "RedshiftServerless.";
const JSON_TYPE = "application/x-amz-json-1.1";

/** A JSON-protocol error: `{"__type": code, "message": …}` with `x-amzn-RequestId`. */
function jsonError(requestId: string, status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ __type: code, message }), {
    status,
    headers: { "content-type": JSON_TYPE, "x-amzn-RequestId": requestId },
  });
}

/**
 * The emulated Redshift Serverless (JSON 1.1 protocol) at `POST /`: takes requests whose
 * `X-Amz-Target` is `RedshiftServerless.*` and whose verified SigV4 scope names
 * `redshift-serverless`, and passes every other request on (to the Query API). Serves
 * `GetCredentials` for the workgroups in `state.redshift`; records every call in
 * `state.redshift.calls`. Errors are JSON `{"__type", "message"}` with AWS's statuses
 * (`ValidationException` 400, `ResourceNotFoundException` 404, `UnknownOperationException` 400).
 *
 * @example
 * ```ts
 * app.post("/", redshiftServerlessHandler(state));
 * app.route("/", queryApiRoutes(queryServices));
 * ```
 */
export function redshiftServerlessHandler(state: EmulatorState): MiddlewareHandler<EmulatorEnv> {
  return async (c: Context<EmulatorEnv>, next) => {
    const target = c.req.header("x-amz-target") ?? "";
    const verified = c.get("verified");
    if (!target.startsWith(TARGET_PREFIX) || verified?.service !== "redshift-serverless") {
      return await next();
    }
    const requestId = c.get("requestId");
    const action = target.slice(TARGET_PREFIX.length);
    if (action !== "GetCredentials") {
      return jsonError(requestId, 400, "UnknownOperationException", `Unknown operation ${target}.`);
    }
    if (!(c.req.header("content-type") ?? "").startsWith(JSON_TYPE)) {
      return jsonError(requestId, 400, "SerializationException", `Expected ${JSON_TYPE}.`);
    }
    let input: Record<string, unknown>;
    try {
      input = await c.req.json();
    } catch {
      return jsonError(requestId, 400, "SerializationException", "The body is not JSON.");
    }
    const identity = c.get("identity");
    const call = {
      service: "redshift-serverless" as const,
      action,
      params: input,
      accessKeyId: identity.accessKeyId,
      password: undefined as string | undefined,
    };
    state.redshift.calls.push(call);
    const invalid = (message: string) => jsonError(requestId, 400, "ValidationException", message);
    const { workgroupName, dbName } = input;
    for (const name of Object.keys(input)) {
      if (!["workgroupName", "dbName", "durationSeconds", "customDomainName"].includes(name)) {
        return invalid(`Unknown member ${name}.`);
      }
    }
    if (typeof workgroupName !== "string" || !/^[a-z0-9-]{3,64}$/.test(workgroupName)) {
      return invalid("workgroupName must be 3 to 64 lowercase letters, digits or hyphens.");
    }
    if (dbName !== undefined && (typeof dbName !== "string" || !DB_NAME_PATTERN.test(dbName))) {
      return invalid("dbName is not a valid database name.");
    }
    const durationSeconds = input.durationSeconds;
    const seconds = typeof durationSeconds === "number" || durationSeconds === undefined
      ? dbDurationSeconds(durationSeconds)
      : undefined;
    if (seconds === undefined) return invalid("durationSeconds must be between 900 and 3600.");
    if (!state.redshift.workgroups.has(workgroupName)) {
      return jsonError(
        requestId,
        404,
        "ResourceNotFoundException",
        `Workgroup ${workgroupName} not found.`,
      );
    }
    call.password = randomDbPassword();
    const now = state.now().getTime() / 1000;
    const body = {
      dbUser: iamDbUser(identity),
      dbPassword: call.password,
      expiration: now + seconds,
      nextRefreshTime: now + seconds / 2,
    };
    return new Response(JSON.stringify(body), {
      headers: { "content-type": JSON_TYPE, "x-amzn-RequestId": requestId },
    });
  };
}
