import {
  AwsChunkedBodyError,
  declaredPayloadLabel,
  type PayloadLabel,
  type VerifiedRequest,
  type VerifyOptions,
} from "../sigv4/mod.ts";
import { timingSafeEqual } from "../_shared/constant_time.ts";
import { EXPIRED_TOKEN, INVALID_TOKEN, s3Failure } from "./_auth_failures.ts";
import { verifyByPayload } from "./_verify_by_payload.ts";
import { xmlErrorResponse } from "./xml_error.ts";

/**
 * What `secretFor` returns: the secret of a long-term key, the secret and session token
 * (and expiry) of temporary credentials, or `undefined` for an unknown key.
 */
export type SigV4Secret =
  | string
  | { secretAccessKey: string; sessionToken?: string; expiration?: Date }
  | undefined;

/**
 * Options of {@linkcode sigv4Auth}.
 */
export interface SigV4AuthOptions {
  /**
   * Looks up the secret of `accessKeyId`. A plain string is a long-term key, which
   * accepts no session token; an object's `sessionToken` must be the one the request
   * sends. Anything else (`undefined`, `null` from a KV or SQL lookup, `""`, an object
   * without a non-empty `secretAccessKey`) is an unknown key. Its result is never echoed
   * to the client.
   */
  secretFor: (accessKeyId: string, c: SigV4AuthContext) => SigV4Secret | Promise<SigV4Secret>;
  /** When given, the credential scope must name this region. */
  region?: string;
  /** When given, the credential scope must name this service. */
  service?: string;
  /** How far a header-signed request's date may be from now, in seconds. Defaults to 900 (15 min). */
  maxSkewSeconds?: number;
  /** Path canonicalization; defaults to double encoding for every service but `s3`. */
  uriEscapePath?: boolean;
  /**
   * Accept `x-amz-*` headers the signature does not cover, for services other than S3.
   * Off by default: a handler cannot tell them from signed ones (see `verifySignature`).
   */
  allowUnsignedAmzHeaders?: boolean;
  /**
   * The largest body read into memory to check a signed payload hash, in bytes; larger
   * ones are refused (413). `UNSIGNED-PAYLOAD` and `aws-chunked` bodies are streamed and
   * not limited. Defaults to 16 MiB.
   */
  maxBodyBytes?: number;
  /** The largest `aws-chunked` chunk accepted. Defaults to 16 MiB. */
  maxChunkSize?: number;
  /** The server's clock; defaults to `() => new Date()`. */
  now?: () => Date;
}

/**
 * What {@linkcode sigv4Auth} leaves in `c.get("sigv4")` for handlers.
 */
export interface SigV4Caller extends Omit<VerifiedRequest, "ok"> {
  /**
   * How the body the handler reads was authenticated, from the verifier itself (see
   * {@linkcode PayloadLabel}): only `signed` and `streaming-signed…` bodies are covered by
   * the signature; `aws-chunked` chunks are verified as the handler reads the body.
   */
  payload: PayloadLabel;
}

/**
 * The Hono environment {@linkcode sigv4Auth} provides: `c.get("sigv4")`.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import type { SigV4AuthEnv } from "@iamfetch/iamfetch/hono";
 *
 * const app = new Hono<SigV4AuthEnv>();
 * app.get("/whoami", (c) => c.text(c.get("sigv4").accessKeyId));
 * ```
 */
export type SigV4AuthEnv = { Variables: { sigv4: SigV4Caller } };

/**
 * The members of Hono's `Context` the middleware uses and `secretFor` receives (any
 * Hono context is one): `c.env` holds a Worker's bindings, e.g. a KV namespace of keys.
 * Declared here so that the public types of this module do not depend on Hono's.
 */
export interface SigV4AuthContext {
  /** The request: `raw` is the incoming `Request`, replaced once its body is verified. */
  req: { raw: Request };
  /** The runtime bindings (`c.env`), e.g. a Worker's environment. */
  env: unknown;
  /** The error a later handler threw, if any. */
  error: Error | undefined;
  /** The response. */
  res: Response;
  /** Sets the verified caller. */
  set(key: "sigv4", value: SigV4Caller): void;
}

/**
 * The middleware {@linkcode sigv4Auth} returns; pass it to Hono's `app.use`.
 *
 * @example
 * ```ts
 * import { sigv4Auth, type SigV4AuthMiddleware } from "@iamfetch/iamfetch/hono";
 * import { SigV4Signer } from "@iamfetch/iamfetch/sigv4";
 * import { assertEquals } from "@std/assert";
 *
 * const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
 * const middleware: SigV4AuthMiddleware = sigv4Auth({
 *   secretFor: (id) => id === credentials.accessKeyId ? credentials.secretAccessKey : undefined,
 * });
 * // Called as Hono calls it: it answers a failure itself, else sets the caller and calls `next`.
 * const run = async (raw: Request) => {
 *   const calls: string[] = [];
 *   const response = await middleware({
 *     req: { raw }, env: {}, error: undefined, res: new Response(),
 *     set: (_key, caller) => void calls.push(`set ${caller.accessKeyId}`),
 *   }, () => Promise.resolve(void calls.push("next")));
 *   return { status: response?.status, calls };
 * };
 * assertEquals(await run(new Request("http://localhost/items")), { status: 403, calls: [] });
 * const signer = new SigV4Signer({ credentials, region: "us-east-1", service: "execute-api" });
 * const signed = await signer.sign(new Request("http://localhost/items"));
 * assertEquals(await run(signed), { status: undefined, calls: ["set AKIDEXAMPLE", "next"] });
 * ```
 */
export type SigV4AuthMiddleware = (
  c: SigV4AuthContext,
  next: () => Promise<void>,
) => Promise<Response | void>;

const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Hono middleware that verifies AWS SigV4 signatures on incoming requests — in the
 * `Authorization` header or a presigned URL, with signed, unsigned or `aws-chunked`
 * streaming payloads — and answers failures as AWS does, with S3-style XML errors:
 * `SignatureDoesNotMatch`, `RequestTimeTooSkewed`, `AccessDenied` (unsigned or expired
 * presigned), `AuthorizationHeaderMalformed`, `InvalidAccessKeyId`,
 * `InvalidClientTokenId` (wrong session token) and `ExpiredToken`, all 403 but the
 * malformed ones (400). Messages never contain the secret or the expected signature.
 *
 * The body is read once: a signed payload is buffered (up to `maxBodyBytes`) and
 * `c.req.raw` replaced by a request carrying the same bytes; an `aws-chunked` body is
 * replaced by its decoded bytes, verified while the handler reads them (a fault makes the
 * read throw, answered with the fault's XML error — so finish reading before acting on
 * the data). Handlers read the caller from `c.get("sigv4")`.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { sigv4Auth, type SigV4AuthEnv } from "@iamfetch/iamfetch/hono";
 * import { SigV4Signer } from "@iamfetch/iamfetch/sigv4";
 * import { assertEquals } from "@std/assert";
 *
 * const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
 * const app = new Hono<SigV4AuthEnv>();
 * app.use("*", sigv4Auth({ secretFor: (id) => id === credentials.accessKeyId ? credentials.secretAccessKey : undefined }));
 * app.post("/items", async (c) => c.json({ caller: c.get("sigv4").accessKeyId, body: await c.req.text() }));
 *
 * const signer = new SigV4Signer({ credentials, region: "us-east-1", service: "execute-api" });
 * const ok = await app.request(await signer.sign(new Request("http://localhost/items", { method: "POST", body: "hi" })));
 * assertEquals(ok.status, 200);
 * const unsigned = await app.request("http://localhost/items", { method: "POST", body: "hi" });
 * assertEquals(unsigned.status, 403);
 * ```
 */
export function sigv4Auth(options: SigV4AuthOptions): SigV4AuthMiddleware {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async (c, next) => {
    const raw = c.req.raw;
    const now = options.now?.() ?? new Date();
    const lookup = secretLookup(options, c);
    const declared = declaredPayloadLabel(raw);
    if (typeof declared === "object") return xmlErrorResponse(s3Failure(declared));
    const outcome = await verifyByPayload(raw, declared, {
      now,
      region: options.region,
      service: options.service,
      maxSkewSeconds: options.maxSkewSeconds,
      uriEscapePath: options.uriEscapePath,
      allowUnsignedAmzHeaders: options.allowUnsignedAmzHeaders,
      maxBodyBytes,
      maxChunkSize: options.maxChunkSize,
      secretFor: lookup.secretFor,
    });
    if (!outcome.ok) {
      return xmlErrorResponse(
        outcome.code === "InvalidAccessKeyId" && lookup.tokenMismatch()
          ? INVALID_TOKEN
          : s3Failure(outcome),
      );
    }
    // Only a correctly signed request learns that its token expired, as with AWS.
    const expiration = lookup.expiration();
    if (expiration !== undefined && expiration.getTime() <= now.getTime()) {
      return xmlErrorResponse(EXPIRED_TOKEN);
    }
    if (outcome.request !== undefined) c.req.raw = outcome.request;
    const { ok: _ok, ...caller } = outcome.verified;
    c.set("sigv4", caller);
    await next();
    if (c.error instanceof AwsChunkedBodyError) {
      c.res = xmlErrorResponse({
        status: c.error.status,
        code: c.error.code,
        message: c.error.message,
      });
    }
  };
}

/**
 * `options.secretFor` as the verifier's lookup: only a non-empty secret string is a key, the
 * session token must be the one issued with it; remembers why a key was refused.
 */
function secretLookup(options: SigV4AuthOptions, c: SigV4AuthContext) {
  let tokenMismatch = false;
  let expiration: Date | undefined;
  const secretFor: VerifyOptions["secretFor"] = async (accessKeyId, { sessionToken }) => {
    const found: unknown = await options.secretFor(accessKeyId, c);
    const secret = typeof found === "string" ? { secretAccessKey: found } : found;
    if (
      typeof secret !== "object" || secret === null ||
      !("secretAccessKey" in secret) || typeof secret.secretAccessKey !== "string" ||
      secret.secretAccessKey === ""
    ) {
      return undefined;
    }
    const expected = "sessionToken" in secret ? secret.sessionToken : undefined;
    if (expected !== undefined && typeof expected !== "string") return undefined;
    if (!sameToken(expected, sessionToken)) {
      tokenMismatch = true;
      return undefined;
    }
    const expires = "expiration" in secret ? secret.expiration : undefined;
    expiration = expires instanceof Date ? expires : undefined;
    return secret.secretAccessKey;
  };
  return { secretFor, tokenMismatch: () => tokenMismatch, expiration: () => expiration };
}

function sameToken(expected: string | undefined, sent: string | undefined): boolean {
  if (expected === undefined || sent === undefined) return expected === sent;
  return timingSafeEqual(expected, sent);
}
