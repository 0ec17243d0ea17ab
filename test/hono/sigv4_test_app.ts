// The Hono app every test of the middleware talks to: sigv4Auth in front of an echo
// route that reports what the handler saw, served on 127.0.0.1.
import { Hono } from "hono";
import { sigv4Auth, type SigV4AuthEnv, type SigV4AuthOptions } from "../../src/hono/mod.ts";

export const SECRET = "hono-secret-do-not-leak-1234567890";
export const TOKEN = "hono-token-do-not-leak";
export const KEYS = {
  longTerm: { accessKeyId: "AKIDHONOLONGTERM", secretAccessKey: SECRET },
  temporary: { accessKeyId: "ASIAHONOTEMPORARY", secretAccessKey: SECRET, sessionToken: TOKEN },
  expired: { accessKeyId: "ASIAHONOEXPIRED", secretAccessKey: SECRET, sessionToken: TOKEN },
};

/** What the echo route answers: the caller the middleware set and the body the handler read. */
export interface Echo {
  accessKeyId: string;
  service: string;
  region: string;
  presigned: boolean;
  payload: string;
  body: string;
  contentLength: string | null;
}

/** The middleware over the keys above, on the real clock unless `now` is given. */
export function testApp(overrides: Partial<SigV4AuthOptions> = {}): Hono<SigV4AuthEnv> {
  const app = new Hono<SigV4AuthEnv>();
  app.use(
    "*",
    sigv4Auth({
      secretFor(accessKeyId) {
        if (accessKeyId === KEYS.longTerm.accessKeyId) return SECRET;
        if (accessKeyId === KEYS.temporary.accessKeyId) {
          return { secretAccessKey: SECRET, sessionToken: TOKEN };
        }
        if (accessKeyId === KEYS.expired.accessKeyId) {
          return { secretAccessKey: SECRET, sessionToken: TOKEN, expiration: new Date(0) };
        }
        return undefined;
      },
      ...overrides,
    }),
  );
  // Hono's default handler would log the body stream's verification error; the
  // middleware answers it anyway.
  app.onError((_error, c) => c.text("handler failed", 500));
  app.all("*", async (c) => {
    const caller = c.get("sigv4");
    const echo: Echo = {
      accessKeyId: caller.accessKeyId,
      service: caller.service,
      region: caller.region,
      presigned: caller.presigned,
      payload: caller.payload,
      body: await c.req.text(),
      contentLength: c.req.header("content-length") ?? null,
    };
    return c.json(echo);
  });
  return app;
}

/** A served app; dispose it to stop the server. */
export interface ServedApp extends AsyncDisposable {
  /** The origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
}

/** Serves `app` on 127.0.0.1 at a free port. */
export async function serve(app: Hono<SigV4AuthEnv>): Promise<ServedApp> {
  const { promise, resolve } = Promise.withResolvers<number>();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: ({ port }) => resolve(port) },
    app.fetch,
  );
  const port = await promise;
  return { url: `http://127.0.0.1:${port}`, [Symbol.asyncDispose]: () => server.shutdown() };
}
