/**
 * A test's own handler behind the AWS emulator's signature check: the emulator's request log
 * and verify middleware (the one piece that checks signatures for the test servers here) in
 * front of `respond`, served on 127.0.0.1.
 *
 * @module
 */
import { Hono } from "hono";
import type { VerifiedRequest } from "../../src/sigv4/verify.ts";
import type { EmulatorEnv } from "../emulator/emulator_env.ts";
import { requestLogMiddleware } from "../emulator/request_log_middleware.ts";
import { EmulatorState } from "../emulator/state.ts";
import { verifyMiddleware } from "../emulator/verify_middleware.ts";
import { serveApp } from "../idp/serve_app.ts";

/** A long-term key the server knows. */
export const ACCESS_KEY_ID = "AKIDHTTPCLIENT";
/** Its secret; tests assert it never appears in messages. */
export const SECRET = "http-client-secret-do-not-leak";
/** A temporary key, valid only with {@linkcode SESSION_TOKEN}. */
export const TEMP_ACCESS_KEY_ID = "ASIAHTTPCLIENT";
export const TEMP_SECRET = "http-client-temp-secret-do-not-leak";
export const SESSION_TOKEN = "http-client-session-token-do-not-leak";

/** What the server saw of one request. */
export interface Received {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
  /** The verified signature, or the code the request was refused with. */
  verified: VerifiedRequest | { ok: false; code: string };
}

/** Answers a verified request; `attempt` counts every request the server received, from 1. */
export type Respond = (attempt: number, received: Received) => Response | Promise<Response>;

type VerifyingEnv = { Variables: EmulatorEnv["Variables"] & { received: Received } };

/**
 * Runs `test` against a real HTTP server on 127.0.0.1 that verifies the SigV4 signature
 * (header or presigned) of every request it receives, as the emulator does: a failed
 * verification is answered with the verifier's status and an AWS XML error; a verified
 * one by `respond`. `received` lists every request, refused ones included.
 */
export async function withVerifyingServer(
  respond: Respond,
  test: (origin: string, received: Received[]) => Promise<void>,
): Promise<void> {
  const state = new EmulatorState();
  state.addIdentity({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET });
  state.addIdentity({
    accessKeyId: TEMP_ACCESS_KEY_ID,
    secretAccessKey: TEMP_SECRET,
    sessionToken: SESSION_TOKEN,
  });
  const received: Received[] = [];
  const app = new Hono<VerifyingEnv>();
  app.use("*", requestLogMiddleware(state));
  app.use("*", async (c, next) => {
    const entry: Received = {
      method: c.req.method,
      url: new URL(c.req.url),
      headers: c.req.raw.headers,
      body: "",
      verified: { ok: false, code: "none" },
    };
    received.push(entry);
    c.set("received", entry);
    await next();
    if (!entry.verified.ok) {
      // The verify middleware read the body (through Hono's cache) before refusing it.
      entry.body = await c.req.text();
      entry.verified = { ok: false, code: c.get("logEntry").verification };
    }
  });
  app.use("*", verifyMiddleware(state));
  app.all("*", async (c) => {
    const entry = c.get("received");
    entry.body = await c.req.text();
    entry.verified = c.get("verified");
    return await respond(received.length, entry);
  });
  await using server = await serveApp(app);
  await test(server.url, received);
}

/** An AWS XML error response. */
export function xmlError(status: number, code: string): Response {
  return new Response(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${code} happened</Message><RequestId>r1</RequestId></Error>`,
    { status, headers: { "content-type": "application/xml" } },
  );
}

/** Counts the calls made to the global `fetch` while `body` runs; `intercept` may answer one instead. */
export async function countingFetch<T>(
  body: (calls: Request[]) => Promise<T>,
  intercept?: (request: Request, call: number) => Promise<Response> | undefined,
): Promise<T> {
  const original = globalThis.fetch;
  const calls: Request[] = [];
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    calls.push(request);
    return intercept?.(request, calls.length) ?? original(request);
  };
  try {
    return await body(calls);
  } finally {
    globalThis.fetch = original;
  }
}
