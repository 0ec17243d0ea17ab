/**
 * A local AWS emulator for tests: a real HTTP server on 127.0.0.1 that verifies the
 * SigV4 signature of every request it serves, so a client bug shows up as the same 403
 * AWS would answer, never as a silent pass.
 *
 * @example
 * ```ts
 * await using emulator = await startEmulator();
 * const signer = new SigV4Signer({ credentials: emulator.credentials, region: "us-east-1", service: "execute-api" });
 * const response = await fetch(await signer.sign(new Request(`${emulator.url}/echo/hello`)));
 * ```
 *
 * @module
 */
import { Hono } from "hono";
import { awsErrorResponse } from "./aws_error.ts";
import { corsMiddleware } from "./cors_middleware.ts";
import type { EmulatorEnv } from "./emulator_env.ts";
import { faultMiddleware } from "./fault_middleware.ts";
import { requestLogMiddleware } from "./request_log_middleware.ts";
import { echoRoutes } from "./routes/echo.ts";
import { staticFileRoutes } from "./routes/static_files.ts";
import { EmulatorState } from "./state.ts";
import { verifyMiddleware } from "./verify_middleware.ts";

export type { EmulatorEnv } from "./emulator_env.ts";
export { EmulatorState } from "./state.ts";

/** Options of {@linkcode startEmulator}. */
export interface EmulatorOptions {
  /** The state to serve; a fresh one by default. Pass one to pre-load identities or files. */
  state?: EmulatorState;
  /** The port to listen on; `0` (the default) picks a free one. */
  port?: number;
}

/** A running emulator; close it (or `await using` it) at the end of the test. */
export interface RunningEmulator extends AsyncDisposable {
  /** The base URL, e.g. `http://127.0.0.1:41234`, without a trailing slash. */
  url: string;
  /** The port it listens on. */
  port: number;
  /** Its state, to add identities, inject faults and read the request log. */
  state: EmulatorState;
  /** A long-term key pair registered in `state`, ready to sign with. */
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Stops the server and waits for open connections to finish. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Builds the emulator's Hono app over `state`. The order of registration is the order
 * a request goes through: log and request id, CORS (preflights end here), unsigned
 * static files, signature verification, injected faults, then the services.
 *
 * To add a service, write `routes/<service>.ts` exporting a function that returns a
 * `Hono<EmulatorEnv>` (handlers read `c.get("verified")` and `c.get("identity")`), and
 * mount it below with `app.route("/<prefix>", …)`.
 */
export function createEmulatorApp(state: EmulatorState): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  app.use("*", requestLogMiddleware(state));
  app.use("*", corsMiddleware());
  app.route("/__static", staticFileRoutes(state));
  app.use("*", verifyMiddleware(state));
  app.use("*", faultMiddleware(state));
  app.route("/echo", echoRoutes());

  // Reached only by signed requests: an unsigned one was already refused by verifyMiddleware.
  app.notFound((c) =>
    awsErrorResponse(c.get("requestId") ?? crypto.randomUUID(), {
      status: 404,
      code: "UnknownOperationException",
      message: `The emulator has no route for ${c.req.method} ${c.req.path}.`,
    })
  );
  app.onError((error, c) =>
    awsErrorResponse(c.get("requestId") ?? crypto.randomUUID(), {
      status: 500,
      code: "InternalFailure",
      message: `Emulator bug: ${error instanceof Error ? error.message : String(error)}`,
    })
  );
  return app;
}

/**
 * Starts the emulator on `127.0.0.1` (a free port unless `options.port` is given) with
 * one registered identity, returned as `credentials`.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const state = options.state ?? new EmulatorState();
  const { accessKeyId, secretAccessKey } = state.addIdentity();
  const app = createEmulatorApp(state);
  const listening = Promise.withResolvers<Deno.NetAddr>();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: options.port ?? 0, onListen: listening.resolve },
    (request) => app.fetch(request),
  );
  const { port } = await listening.promise;
  let closing: Promise<void> | undefined;
  const close = () => closing ??= server.shutdown();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    state,
    credentials: { accessKeyId, secretAccessKey },
    close,
    [Symbol.asyncDispose]: close,
  };
}
