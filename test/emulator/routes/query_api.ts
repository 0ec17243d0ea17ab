import type { Context } from "hono";
import { Hono } from "hono";
import { awsErrorResponse, AwsServiceError } from "../aws_error.ts";
import type { EmulatorEnv } from "../emulator_env.ts";
import type { Identity } from "../state.ts";

/** One call of a Query-protocol action, as its handler sees it. */
export interface QueryCall {
  /** The `Action` parameter. */
  readonly action: string;
  /** Every parameter: the URL's query (presigning parameters aside) then the form body's. */
  readonly params: URLSearchParams;
  /** The request id, for the response's `ResponseMetadata`. */
  readonly requestId: string;
  /** The caller; `undefined` for an unsigned call of one of {@linkcode QueryService.unsignedActions}. */
  readonly identity?: Identity;
}

/** Handles one action; throws an {@linkcode AwsServiceError} to answer with an AWS error. */
export type QueryAction = (call: QueryCall) => Response | Promise<Response>;

/** An AWS service speaking the Query protocol (STS, Redshift, …). */
export interface QueryService {
  /** The API version every call must send in `Version`, e.g. `2011-06-15`. */
  readonly version: string;
  /** The handlers, by action name. */
  readonly actions: Readonly<Record<string, QueryAction>>;
  /** The actions AWS serves without a signature, e.g. STS's `AssumeRoleWithWebIdentity`. */
  readonly unsignedActions?: ReadonlySet<string>;
  /** Called with every call of a known action before the version is checked, e.g. to log it. */
  readonly record?: (call: QueryCall) => void;
}

const PRESIGN_PARAMS =
  /^X-Amz-(Algorithm|Credential|Date|Expires|SignedHeaders|Signature|Security-Token)$/;

/**
 * The parameters of a Query-protocol request: the URL's query (without presigning
 * parameters), then, for a form-encoded POST, the body's. The body is read through
 * Hono's cache, so the verifier and the handler can both read it.
 */
export async function queryParams(c: Context<EmulatorEnv>): Promise<URLSearchParams> {
  const params = new URLSearchParams();
  for (const [name, value] of new URL(c.req.url).searchParams) {
    if (!PRESIGN_PARAMS.test(name)) params.append(name, value);
  }
  const type = c.req.header("content-type") ?? "";
  if (c.req.method === "POST" && type.startsWith("application/x-www-form-urlencoded")) {
    for (const [name, value] of new URLSearchParams(await c.req.text())) params.append(name, value);
  }
  return params;
}

/**
 * For the verify middleware's `allowUnsigned`: whether a request is a Query call of an
 * action some service serves without a signature (only to `/`).
 */
export function isUnsignedQueryCall(
  services: Readonly<Record<string, QueryService>>,
): (c: Context<EmulatorEnv>) => Promise<boolean> {
  return async (c) => {
    if (c.req.path !== "/" || (c.req.method !== "GET" && c.req.method !== "POST")) return false;
    return unsignedServiceOf(services, (await queryParams(c)).get("Action")) !== undefined;
  };
}

function unsignedServiceOf(
  services: Readonly<Record<string, QueryService>>,
  action: string | null,
): string | undefined {
  if (action === null) return undefined;
  return Object.keys(services).find((name) => services[name].unsignedActions?.has(action));
}

/**
 * The Query-protocol endpoint at `/` (`GET /?Action=…` and form-encoded `POST /`) that
 * several services share, as on AWS each has its own host: a signed call goes to the
 * service named in its SigV4 scope (`sts`, later `redshift`), an unsigned one (let
 * through by the verify middleware) to the service serving its action unsigned. An
 * unknown service, action or version is answered 400 `InvalidAction`.
 *
 * @example
 * ```ts
 * app.route("/", queryApiRoutes({ sts: stsService(state) }));
 * ```
 */
export function queryApiRoutes(
  services: Readonly<Record<string, QueryService>>,
): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  const handle = async (c: Context<EmulatorEnv>) => {
    const requestId = c.get("requestId");
    const params = await queryParams(c);
    const action = params.get("Action") ?? "";
    const verified = c.get("verified");
    const serviceName = verified === undefined
      ? unsignedServiceOf(services, action)
      : verified.service;
    const service = serviceName === undefined ? undefined : services[serviceName];
    const version = params.get("Version") ?? "NO_VERSION_SPECIFIED";
    const invalidAction = (message: string) =>
      awsErrorResponse(requestId, { status: 400, code: "InvalidAction", message });
    if (service === undefined || !Object.hasOwn(services, serviceName as string)) {
      return invalidAction(`The emulator serves no Query API for the service '${serviceName}'.`);
    }
    if (!Object.hasOwn(service.actions, action)) {
      return invalidAction(`Could not find operation ${action} for version ${version}`);
    }
    const call: QueryCall = {
      action,
      params,
      requestId,
      identity: verified === undefined ? undefined : c.get("identity"),
    };
    service.record?.(call);
    if (version !== service.version) {
      return invalidAction(`Could not find operation ${action} for version ${version}`);
    }
    try {
      return await service.actions[action](call);
    } catch (error) {
      if (error instanceof AwsServiceError) return awsErrorResponse(requestId, error.init);
      throw error;
    }
  };
  routes.get("/", handle);
  routes.post("/", handle);
  return routes;
}
