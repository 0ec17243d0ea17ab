import { Hono } from "hono";
import type { EmulatorEnv } from "../emulator_env.ts";

/** The JSON body of an `/echo` response: what the emulator saw and verified. */
export interface EchoResponse {
  /** The request method. */
  method: string;
  /** The URL path as received, `/echo` prefix included, still percent-encoded. */
  path: string;
  /** Every query parameter, decoded, in order (a presigned URL's `X-Amz-*` included). */
  query: [string, string][];
  /** The values of the signed headers, by lowercase name. */
  headers: Record<string, string>;
  /** The body, decoded as UTF-8 text. */
  body: string;
  /** The access key id that signed the request. */
  accessKeyId: string;
  /** The region of the credential scope. */
  region: string;
  /** The service of the credential scope. */
  service: string;
  /** Whether the signature came in the query string. */
  presigned: boolean;
}

/**
 * A signed echo service, mounted at `/echo`: any method, any sub-path. It answers what it
 * received after the verify middleware accepted it, so a test can check both that the
 * signature verified and that the client sent what it meant to (path, query, body, the
 * headers it signed).
 *
 * @example
 * ```ts
 * app.route("/echo", echoRoutes());
 * ```
 */
export function echoRoutes(): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  routes.all("*", async (c) => {
    const verified = c.get("verified");
    const headers: Record<string, string> = {};
    for (const name of verified.signedHeaders) headers[name] = c.req.header(name) ?? "";
    const echo: EchoResponse = {
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      query: [...new URL(c.req.url).searchParams],
      headers,
      body: await c.req.text(),
      accessKeyId: verified.accessKeyId,
      region: verified.region,
      service: verified.service,
      presigned: verified.presigned,
    };
    return c.json(echo);
  });
  return routes;
}
