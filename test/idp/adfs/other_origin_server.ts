/**
 * A server on another origin (a different port of 127.0.0.1) that records what reaches it:
 * the place an IdP page tries to send a password to. Tests assert it received nothing.
 *
 * @module
 */
import { serveApp, type ServedApp } from "../serve_app.ts";

/** A running recorder; close it (or `await using` it) at the end of the test. */
export interface OtherOriginServer extends ServedApp {
  /** `METHOD path` of every request, with the body's length. */
  readonly received: { method: string; path: string; bodyLength: number }[];
}

/** Starts a recorder that answers every request with an empty 200. */
export async function startOtherOrigin(): Promise<OtherOriginServer> {
  const received: OtherOriginServer["received"] = [];
  const served = await serveApp({
    async fetch(req) {
      const body = await req.arrayBuffer();
      received.push({
        method: req.method,
        path: new URL(req.url).pathname,
        bodyLength: body.byteLength,
      });
      return new Response("<html></html>", { headers: { "content-type": "text/html" } });
    },
  });
  return { ...served, received };
}
