/**
 * Serves a Hono app (or any `fetch` handler) on 127.0.0.1 at a free port: what every test
 * server here starts with — the AWS emulator, the fake IdPs, the pages the browser tests open.
 *
 * @module
 */

/** What {@linkcode serveApp} serves: a Hono app, or `{ fetch: handler }` for a bare handler. */
export interface Fetchable {
  /** Answers one request. */
  fetch(request: Request): Response | Promise<Response>;
}

/** Options of {@linkcode serveApp}. */
export interface ServeAppOptions {
  /**
   * The host named in `url`: `127.0.0.1` (the default) or `localhost`, for a test that must
   * reach the server under a second origin. The server listens on 127.0.0.1 either way.
   */
  host?: "127.0.0.1" | "localhost";
}

/** An app served on 127.0.0.1 at a free port; close (or dispose) it to stop the server. */
export interface ServedApp extends AsyncDisposable {
  /** The server's origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** Stops the server and waits for open connections. Safe to call twice. */
  close(): Promise<void>;
}

/** Serves `app` on 127.0.0.1 at a free port. */
export async function serveApp(app: Fetchable, options: ServeAppOptions = {}): Promise<ServedApp> {
  const { promise, resolve } = Promise.withResolvers<number>();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: ({ port }) => resolve(port) },
    // Only the request: Deno's connection info is no Hono `env`.
    (request) => app.fetch(request),
  );
  const port = await promise;
  let closed: Promise<void> | undefined;
  const close = () => closed ??= server.shutdown();
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    port,
    close,
    [Symbol.asyncDispose]: close,
  };
}
