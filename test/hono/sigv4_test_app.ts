// The Hono app every test of the middleware talks to: sigv4Auth in front of an echo
// route that reports what the handler saw (served on 127.0.0.1 with serveApp).
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

/** A key a test server knows: a session token makes it temporary, `expiration` ends it. */
export interface KnownKey {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/**
 * sigv4Auth's `secretFor` over `keys`: a key without a session token is long-term (a request
 * sending one is refused), a temporary one only verifies with its own token.
 */
export function secretsOf(keys: readonly KnownKey[]): SigV4AuthOptions["secretFor"] {
  const byId = new Map(keys.map((key) => [key.accessKeyId, key]));
  return (accessKeyId) => {
    const key = byId.get(accessKeyId);
    if (key === undefined) return undefined;
    const { secretAccessKey, sessionToken, expiration } = key;
    return sessionToken === undefined
      ? secretAccessKey
      : { secretAccessKey, sessionToken, expiration };
  };
}

/** The middleware over the keys above, on the real clock unless `now` is given. */
export function testApp(overrides: Partial<SigV4AuthOptions> = {}): Hono<SigV4AuthEnv> {
  const expired = { ...KEYS.expired, expiration: new Date(0) };
  const app = new Hono<SigV4AuthEnv>();
  app.use(
    "*",
    sigv4Auth({ secretFor: secretsOf([KEYS.longTerm, KEYS.temporary, expired]), ...overrides }),
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
