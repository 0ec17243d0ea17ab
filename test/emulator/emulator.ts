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
import { containerCredentialRoutes } from "./routes/container_credentials.ts";
import { echoRoutes } from "./routes/echo.ts";
import { imdsRoutes } from "./routes/imds.ts";
import { isUnsignedQueryCall, queryApiRoutes, type QueryService } from "./routes/query_api.ts";
import { cognitoIdentityRoutes } from "./routes/cognito_identity.ts";
import { rolesAnywhereRoutes } from "./routes/roles_anywhere.ts";
import { ssoOidcRoutes } from "./routes/sso_oidc.ts";
import { ssoAssignmentRoutes, ssoPortalRoutes } from "./routes/sso_portal.ts";
import { staticFileRoutes } from "./routes/static_files.ts";
import { s3ObjectRoutes } from "./routes/s3_objects.ts";
import { s3PostObjectHandler } from "./routes/s3_post_object.ts";
import { redshiftService } from "./routes/redshift.ts";
import { redshiftServerlessHandler } from "./routes/redshift_serverless.ts";
import { stsService } from "./routes/sts.ts";
import { EmulatorState } from "./state.ts";
import { verifyMiddleware } from "./verify_middleware.ts";
import { serveApp, type ServedApp } from "../idp/serve_app.ts";

export type { EmulatorEnv } from "./emulator_env.ts";
export { EmulatorState, type Identity } from "./state.ts";
export type { OidcProvider, Role, RoleInit, StsCall } from "./sts_state.ts";

/** Options of {@linkcode startEmulator}. */
export interface EmulatorOptions {
  /** The state to serve; a fresh one by default. Pass one to pre-load identities or files. */
  state?: EmulatorState;
}

/** A running emulator; close it (or `await using` it) at the end of the test. */
export interface RunningEmulator extends ServedApp {
  /** Its state, to add identities, inject faults and read the request log. */
  state: EmulatorState;
  /** A long-term key pair registered in `state`, ready to sign with. */
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** Options of {@linkcode createEmulatorApp}. */
export interface EmulatorAppOptions {
  /** Aborted when the server closes: requests held open (IMDS `hang`) then end. */
  shutdown?: AbortSignal;
}

/**
 * Builds the emulator's Hono app over `state`. The order of registration is the order
 * a request goes through: log and request id, CORS (preflights end here), the unsigned
 * endpoints (static files, IMDS, container credentials, SSO portal and OIDC, Cognito
 * Identity), signature
 * verification (which lets through unsigned Query calls of STS's two anonymous
 * actions), injected faults, then the signed services: `/echo`, the S3-style objects at
 * `/s3` (aws-chunked uploads verified chunk by chunk), and the Query API at `/`
 * (STS, dispatched by the SigV4 scope's service).
 *
 * To add a service, write `routes/<service>.ts` exporting a function that returns a
 * `Hono<EmulatorEnv>` (handlers read `c.get("verified")` and `c.get("identity")`), and
 * mount it below with `app.route("/<prefix>", …)`; a Query-protocol service (Redshift)
 * is a {@linkcode QueryService} added to `queryServices` under its SigV4 service name.
 */
export function createEmulatorApp(
  state: EmulatorState,
  options: EmulatorAppOptions = {},
): Hono<EmulatorEnv> {
  const queryServices: Record<string, QueryService> = {
    sts: stsService(state),
    redshift: redshiftService(state),
  };
  const app = new Hono<EmulatorEnv>();
  app.use("*", requestLogMiddleware(state));
  app.use("*", corsMiddleware());
  app.route("/__static", staticFileRoutes(state));
  app.route("/latest", imdsRoutes(state, options.shutdown ?? new AbortController().signal));
  app.route("/container", containerCredentialRoutes(state));
  app.route("/federation", ssoPortalRoutes(state));
  app.route("/assignment", ssoAssignmentRoutes(state));
  app.route("/sso-oidc", ssoOidcRoutes(state));
  app.route("/cognito-identity", cognitoIdentityRoutes(state));
  app.route("/", rolesAnywhereRoutes(state)); // POST /sessions, signed with X.509, not SigV4
  app.post("/s3/:bucket", s3PostObjectHandler(state)); // form uploads: the policy is the signature
  app.use("*", verifyMiddleware(state, { allowUnsigned: isUnsignedQueryCall(queryServices) }));
  app.use("*", faultMiddleware(state));
  app.route("/echo", echoRoutes());
  app.route("/s3", s3ObjectRoutes(state));
  // JSON-protocol services share `/` with the Query API; they pass on what is not theirs.
  app.post("/", redshiftServerlessHandler(state));
  app.route("/", queryApiRoutes(queryServices));

  // Reached only by verified requests (or STS's anonymous calls, which all have routes).
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
 * Starts the emulator on `127.0.0.1` at a free port with one registered identity,
 * returned as `credentials`.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const state = options.state ?? new EmulatorState();
  const { accessKeyId, secretAccessKey } = state.addIdentity();
  const shutdown = new AbortController();
  const served = await serveApp(createEmulatorApp(state, { shutdown: shutdown.signal }));
  const close = () => {
    shutdown.abort();
    return served.close();
  };
  return {
    ...served,
    state,
    credentials: { accessKeyId, secretAccessKey },
    close,
    [Symbol.asyncDispose]: close,
  };
}
