import type { VerifiedRequest } from "../../src/sigv4/verify.ts";
import type { Identity, RequestLogEntry } from "./state.ts";

/**
 * The Hono environment of every emulator route: what the middleware leaves in the
 * context for handlers (`c.get("verified")`, `c.get("identity")`, …).
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 *
 * const routes = new Hono<EmulatorEnv>();
 * routes.get("/whoami", (c) => c.json({ arn: c.get("identity").arn }));
 * ```
 */
export type EmulatorEnv = {
  Variables: {
    /** The id sent back in `x-amzn-RequestId` and in error bodies. */
    requestId: string;
    /** This request's entry in `state.log`, still open for the middleware to fill in. */
    logEntry: RequestLogEntry;
    /**
     * The verified signature; set on every signed route before its handler runs, left
     * unset (`undefined`) for an unsigned call the verify middleware let through.
     */
    verified: VerifiedRequest;
    /** The identity that signed the request; unset when `verified` is. */
    identity: Identity;
  };
};
