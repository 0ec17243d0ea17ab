import { type VerifyResult, verifySignature } from "../../src/sigv4/verify.ts";

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
  verified: VerifyResult;
}

/** Answers a verified request; `attempt` counts every request the server received, from 1. */
export type Respond = (
  attempt: number,
  request: Request,
  received: Received,
) => Response | Promise<Response>;

/**
 * Runs `test` against a real HTTP server on 127.0.0.1 that verifies the SigV4 signature
 * (header or presigned) of every request it receives: a failed verification is answered
 * with the verifier's status and an AWS XML error; a verified one by `respond`.
 */
export async function withVerifyingServer(
  respond: Respond,
  test: (origin: string, received: Received[]) => Promise<void>,
): Promise<void> {
  const received: Received[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const verified = await verifySignature(request, {
      secretFor(accessKeyId, { sessionToken }) {
        if (accessKeyId === ACCESS_KEY_ID && sessionToken === undefined) return SECRET;
        if (accessKeyId === TEMP_ACCESS_KEY_ID && sessionToken === SESSION_TOKEN) {
          return TEMP_SECRET;
        }
        return undefined;
      },
    });
    const entry: Received = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: await request.text(),
      verified,
    };
    received.push(entry);
    if (!verified.ok) {
      return new Response(
        `<Error><Code>${verified.code}</Code><Message>${verified.message}</Message></Error>`,
        { status: verified.status, headers: { "content-type": "application/xml" } },
      );
    }
    return await respond(received.length, request, entry);
  });
  try {
    await test(`http://127.0.0.1:${server.addr.port}`, received);
  } finally {
    await server.shutdown();
  }
}

/** A port nothing listens on: bound, then released. */
export function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
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
