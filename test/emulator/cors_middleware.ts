import type { MiddlewareHandler } from "hono";

/** Response headers a browser client may read: request ids, the clock (for skew correction), retry hints. */
const EXPOSED_HEADERS = "x-amzn-requestid, x-amz-request-id, x-amz-id-2, date, etag, retry-after";
const ALL_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

/**
 * Lets a page on another origin (the runtime-matrix test serves it from
 * `http://localhost:PORT` and calls `http://127.0.0.1:PORT`) use the emulator: OPTIONS
 * preflights are answered here, before and without signature verification (browsers
 * never sign them), allowing any origin, the method and the headers asked for; every
 * other response, errors included, gets `Access-Control-Allow-Origin: *`, or the
 * browser would hide the AWS error from the client under test.
 *
 * @example
 * ```ts
 * app.use("*", corsMiddleware());
 * ```
 */
export function corsMiddleware(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === "OPTIONS") {
      const headers = new Headers({
        "access-control-allow-origin": "*",
        "access-control-allow-methods": c.req.header("access-control-request-method") ??
          ALL_METHODS,
        "access-control-max-age": "600",
      });
      const requested = c.req.header("access-control-request-headers");
      if (requested) headers.set("access-control-allow-headers", requested);
      // Chromium's Private Network Access asks this when a page calls a more private address.
      if (c.req.header("access-control-request-private-network") === "true") {
        headers.set("access-control-allow-private-network", "true");
      }
      return new Response(null, { status: 204, headers });
    }
    await next();
    c.res.headers.set("access-control-allow-origin", "*");
    c.res.headers.set("access-control-expose-headers", EXPOSED_HEADERS);
  };
}
