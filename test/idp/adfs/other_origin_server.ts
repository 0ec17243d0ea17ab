/**
 * A server on another origin (a different port of 127.0.0.1) that records what reaches it:
 * the place an IdP page tries to send a password to. Tests assert it received nothing.
 *
 * @module
 */

/** A running recorder; close it (or `await using` it) at the end of the test. */
export interface OtherOriginServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** `METHOD path` of every request, with the body's length. */
  readonly received: { method: string; path: string; bodyLength: number }[];
  /** Stops the server. Safe to call twice. */
  close(): Promise<void>;
}

/** Starts a recorder that answers every request with an empty 200. */
export async function startOtherOrigin(): Promise<OtherOriginServer> {
  const received: OtherOriginServer["received"] = [];
  const { promise: listening, resolve } = Promise.withResolvers<Deno.NetAddr>();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: resolve }, async (req) => {
    const body = await req.arrayBuffer();
    received.push({
      method: req.method,
      path: new URL(req.url).pathname,
      bodyLength: body.byteLength,
    });
    return new Response("<html></html>", { headers: { "content-type": "text/html" } });
  });
  const { port } = await listening;
  let closed: Promise<void> | undefined;
  const close = () => closed ??= server.shutdown();
  return { url: `http://127.0.0.1:${port}`, received, close, [Symbol.asyncDispose]: close };
}
