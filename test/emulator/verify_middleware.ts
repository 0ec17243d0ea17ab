import type { Context, MiddlewareHandler } from "hono";
import type { VerifyOptions } from "../../src/sigv4/verify.ts";
import { verifySignature } from "../../src/sigv4/verify.ts";
import { isStreamingUpload, verifyStreamingUpload } from "./streaming_upload.ts";
import { type AwsErrorInit, awsErrorResponse } from "./aws_error.ts";
import type { EmulatorEnv } from "./emulator_env.ts";
import type { EmulatorState, Identity } from "./state.ts";

const CLAIMED_KEY = /Credential=([^/,\s]+)\//;

/** Options of {@linkcode verifyMiddleware}. */
export interface VerifyMiddlewareOptions {
  /** Whether a request carrying no signature may reach its route anyway, e.g. STS's `AssumeRoleWithSAML`. */
  allowUnsigned?: (c: Context<EmulatorEnv>) => boolean | Promise<boolean>;
}

/**
 * Verifies the SigV4 signature (header or presigned) of every request that reaches it,
 * against the identities in `state` and on `state`'s clock, with the library's own
 * `verifySignature`. The one signature check of the test servers: the emulator's, and the
 * one `withVerifyingServer` (`test/http/verifying_server.ts`) puts in front of a test's handler. A failure is answered the
 * way AWS answers it (XML `ErrorResponse`, the verifier's status and code); a success
 * leaves the result in `c.get("verified")` and the caller in `c.get("identity")`.
 *
 * A known key sent with a different session token (or none, or one it was not issued
 * with) is answered `InvalidClientTokenId`, as STS does, rather than `InvalidAccessKeyId`.
 *
 * A request with no signature at all that `options.allowUnsigned` accepts goes on
 * unverified (logged `"none"`, without `verified` and `identity`), as AWS serves a few
 * actions anonymously; a signed one is always verified.
 *
 * The body is read here, through Hono's body cache: handlers read it with
 * `c.req.text()`, `c.req.json()`, `c.req.arrayBuffer()`, never from `c.req.raw`.
 *
 * @example
 * ```ts
 * app.use("*", verifyMiddleware(state));
 * app.get("/whoami", (c) => c.text(c.get("identity").arn));
 * ```
 */
export function verifyMiddleware(
  state: EmulatorState,
  options: VerifyMiddlewareOptions = {},
): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const entry = c.get("logEntry");
    const request = await detachedCopy(c);
    if (!carriesSignature(request) && await options.allowUnsigned?.(c)) return await next();
    // Logged even when verification stops before the key is looked up (e.g. a skewed clock).
    entry.accessKeyId = claimedAccessKeyId(request);
    const now = state.now();
    let tokenMismatch = false;
    let identity: Identity | undefined;
    // aws-chunked uploads (S3's STREAMING-… payloads) also have every chunk verified.
    const verify = isStreamingUpload(request)
      ? (options: VerifyOptions) => verifyStreamingUpload(c, request, options)
      : (options: VerifyOptions) => verifySignature(request, options);
    const result = await verify({
      now,
      secretFor(accessKeyId, { sessionToken }) {
        const known = state.identities.get(accessKeyId);
        if (known === undefined) return undefined;
        if (known.sessionToken !== sessionToken) {
          tokenMismatch = true;
          return undefined;
        }
        identity = known;
        return known.secretAccessKey;
      },
    });
    const reject = (error: AwsErrorInit) => {
      entry.verification = error.code;
      return awsErrorResponse(c.get("requestId"), error);
    };
    if (!result.ok) {
      return reject(result.code === "InvalidAccessKeyId" && tokenMismatch ? INVALID_TOKEN : result);
    }
    // Only a correctly signed request learns that its token expired, as with AWS.
    if (identity?.expiration && identity.expiration <= now) return reject(EXPIRED_TOKEN);
    entry.verification = "ok";
    entry.accessKeyId = result.accessKeyId;
    c.set("verified", result);
    // secretFor found the identity, or the signature could not have verified.
    c.set("identity", identity as Identity);
    await next();
  };
}

const INVALID_TOKEN: AwsErrorInit = {
  status: 403,
  code: "InvalidClientTokenId",
  message: "The security token included in the request is invalid.",
};
const EXPIRED_TOKEN: AwsErrorInit = {
  status: 403,
  code: "ExpiredToken",
  message: "The security token included in the request is expired",
};

/**
 * The request with its body buffered, detached from the server connection.
 * verifySignature reads the body from `request.clone()`, and cloning a `Deno.serve`
 * request makes Deno 2.9 print a "legacy abort" warning into every test run; a detached
 * copy has no server signal to clone.
 */
async function detachedCopy(c: Context<EmulatorEnv>): Promise<Request> {
  const { raw } = c.req;
  const body = raw.body === null ? null : await c.req.arrayBuffer();
  return new Request(raw.url, { method: raw.method, headers: raw.headers, body });
}

function carriesSignature(request: Request): boolean {
  const query = new URL(request.url).searchParams;
  return request.headers.has("authorization") || query.has("X-Amz-Signature") ||
    query.has("X-Amz-Algorithm");
}

function claimedAccessKeyId(request: Request): string | undefined {
  const fromHeader = request.headers.get("authorization")?.match(CLAIMED_KEY)?.[1];
  if (fromHeader) return fromHeader;
  const credential = new URL(request.url).searchParams.get("X-Amz-Credential");
  return credential?.split("/")[0] || undefined;
}
