/**
 * Serves a Hono app on 127.0.0.1 at a free port: what every fake IdP and test server
 * here starts with.
 *
 * @module
 */
import type { Hono } from "hono";

/** A Hono app served on 127.0.0.1 at a free port; close (or dispose) it to stop the server. */
export interface ServedApp extends AsyncDisposable {
  /** The server's origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Stops the server and waits for open connections. Safe to call twice. */
  close(): Promise<void>;
}

/** Serves `app` on 127.0.0.1 (`host` is `127.0.0.1` or `localhost` in `url`). */
export async function serveApp(
  // deno-lint-ignore no-explicit-any
  app: Hono<any>,
  host: "127.0.0.1" | "localhost" = "127.0.0.1",
): Promise<ServedApp> {
  const { promise, resolve } = Promise.withResolvers<number>();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: ({ port }) => resolve(port) },
    app.fetch,
  );
  const port = await promise;
  let closed: Promise<void> | undefined;
  const close = () => closed ??= server.shutdown();
  return { url: `http://${host}:${port}`, close, [Symbol.asyncDispose]: close };
}
