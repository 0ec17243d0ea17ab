import type { MiddlewareHandler } from "hono";
import { awsErrorResponse } from "./aws_error.ts";
import type { EmulatorEnv } from "./emulator_env.ts";
import { spoiledResponse } from "./spoiled_body.ts";
import type { EmulatorState } from "./state.ts";

/**
 * Answers a request with the next pending {@linkcode EmulatorState.failNext} fault for
 * its path instead of running the route. Mounted after signature verification, so only
 * requests the real service would have accepted consume a fault: a retry test counts
 * exactly the attempts that reached the "service".
 *
 * The unsigned credential endpoints (IMDS, container, SSO) mount it with `scopedOnly`:
 * they only take faults whose `path` names them, so a fault meant for a signed service
 * is never consumed by a credential provider's request.
 *
 * @example
 * ```ts
 * app.use("*", verifyMiddleware(state));
 * app.use("*", faultMiddleware(state));
 * ```
 */
export function faultMiddleware(
  state: EmulatorState,
  options: { scopedOnly?: boolean } = {},
): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const fault = state.takeFault(new URL(c.req.url).pathname, options);
    if (fault === undefined) return await next();
    c.get("logEntry").fault = fault.code;
    if (fault.body !== undefined) {
      await next();
      c.res = spoiledResponse(c.res, fault.body);
      return;
    }
    return awsErrorResponse(c.get("requestId"), {
      status: fault.status,
      code: fault.code,
      message: fault.message ?? `Injected fault: ${fault.code}`,
      headers: fault.headers,
    });
  };
}
