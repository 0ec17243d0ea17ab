import type { Hono } from "hono";

/** A Hono app served on 127.0.0.1 at a free port; dispose it to stop the server. */
export interface ServedApp extends AsyncDisposable {
  /** The server's origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
}

/** Serves `app` on 127.0.0.1 (`host` is `127.0.0.1` or `localhost` in `url`). */
export async function serveApp(
  app: Hono,
  host: "127.0.0.1" | "localhost" = "127.0.0.1",
): Promise<ServedApp> {
  const { promise, resolve } = Promise.withResolvers<number>();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: ({ port }) => resolve(port) },
    app.fetch,
  );
  const port = await promise;
  return { url: `http://${host}:${port}`, [Symbol.asyncDispose]: () => server.shutdown() };
}
