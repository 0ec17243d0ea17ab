import type { MiddlewareHandler } from "hono";
import type { EmulatorEnv } from "./emulator_env.ts";
import type { EmulatorState, RequestLogEntry } from "./state.ts";

/**
 * The outermost middleware: gives each request an id and an entry in `state.log`
 * (pushed on arrival, completed with the status once answered), and stamps every
 * response, errors included, with `x-amzn-RequestId` and a `Date` from the emulator's
 * clock, which clients read to correct their clock skew.
 *
 * @example
 * ```ts
 * app.use("*", requestLogMiddleware(state));
 * ```
 */
export function requestLogMiddleware(state: EmulatorState): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const requestId = crypto.randomUUID();
    const entry: RequestLogEntry = {
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      verification: "none",
      status: 0,
    };
    state.log.push(entry);
    c.set("requestId", requestId);
    c.set("logEntry", entry);
    await next();
    entry.status = c.res.status;
    c.res.headers.set("x-amzn-RequestId", requestId);
    c.res.headers.set("date", state.now().toUTCString());
  };
}
