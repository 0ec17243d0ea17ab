/**
 * A Cloudflare Worker (Hono) that is both an AWS-style API and an AWS client:
 *
 * - every route under `/api/` needs a SigV4 signature (service `execute-api`) by one of the
 *   client keys of the `CLIENT_KEYS` binding; anything else is answered with S3-style XML
 *   errors (403 `SignatureDoesNotMatch`, `InvalidAccessKeyId`, `AccessDenied`, …);
 * - `/api/whoami` and `/api/objects/<key>` call AWS with the Worker's own keys (the
 *   `AWS_*` bindings) through a role it assumes (`ROLE_ARN`): STS `GetCallerIdentity` of
 *   the role, and an S3 GET from `BUCKET`, streamed to the caller.
 *
 * Outside this repository, import from `jsr:@iamfetch/iamfetch/<layer>` instead of `src/`.
 *
 * @module
 */
import { Hono } from "hono";
import type { CredentialProvider } from "../../src/sigv4/mod.ts";
import { SigV4Signer } from "../../src/sigv4/mod.ts";
import { sigv4Auth, type SigV4AuthEnv, xmlErrorResponse } from "../../src/hono/mod.ts";
import { AwsError, readErrorCode } from "../../src/http/mod.ts";
import { fromAssumeRole, StsClient } from "../../src/sts/mod.ts";

/** The Worker's bindings (`wrangler secret put …` / `[vars]`). */
export interface Bindings {
  /** JSON object of the API's clients: access key id → secret access key. */
  CLIENT_KEYS: string;
  /** The Worker's own AWS keys, allowed to assume `ROLE_ARN`. */
  AWS_ACCESS_KEY_ID: string;
  AWS_SECRET_ACCESS_KEY: string;
  AWS_SESSION_TOKEN?: string;
  /** The region of STS and S3. Default `us-east-1`. */
  AWS_REGION?: string;
  /** The role the Worker works as. */
  ROLE_ARN: string;
  /** The bucket `/api/objects/<key>` reads. */
  BUCKET: string;
  /** Endpoints for testing against an emulator; default AWS's. */
  STS_ENDPOINT?: string;
  S3_ENDPOINT?: string;
}

type Env = { Bindings: Bindings } & SigV4AuthEnv;

/** Parsed `CLIENT_KEYS`, once per bindings object (the same one for every request of an isolate). */
const clientKeys = new WeakMap<Bindings, Map<string, string>>();
/** The assumed role's credentials: one AssumeRole per isolate, refreshed before they expire. */
const roleCredentials = new WeakMap<Bindings, CredentialProvider>();

function secretOf(env: Bindings, accessKeyId: string): string | undefined {
  let keys = clientKeys.get(env);
  if (keys === undefined) {
    keys = parseClientKeys(env.CLIENT_KEYS);
    clientKeys.set(env, keys);
  }
  return keys.get(accessKeyId);
}

/** `CLIENT_KEYS` as a map; a broken binding is reported without quoting it (it holds secrets). */
function parseClientKeys(json: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    parsed = undefined;
  }
  const entries = typeof parsed === "object" && parsed !== null ? Object.entries(parsed) : [];
  if (entries.length === 0 || entries.some(([, secret]) => typeof secret !== "string")) {
    throw new TypeError(
      "The CLIENT_KEYS binding must be a JSON object of access key ids to secret access keys.",
    );
  }
  return new Map(entries as [string, string][]);
}

function assumedRole(env: Bindings): CredentialProvider {
  let credentials = roleCredentials.get(env);
  if (credentials === undefined) {
    credentials = fromAssumeRole({
      source: {
        accessKeyId: env.AWS_ACCESS_KEY_ID,
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
        sessionToken: env.AWS_SESSION_TOKEN,
      },
      roleArn: env.ROLE_ARN,
      roleSessionName: "worker",
      region: env.AWS_REGION,
      endpoint: env.STS_ENDPOINT,
    });
    roleCredentials.set(env, credentials);
  }
  return credentials;
}

function objectUrl(env: Bindings, key: string): string {
  const region = env.AWS_REGION ?? "us-east-1";
  const base = env.S3_ENDPOINT ?? `https://s3.${region}.amazonaws.com`;
  return `${base.replace(/\/+$/, "")}/${env.BUCKET}/${key}`;
}

const app = new Hono<Env>();

app.get("/", (c) => c.text("iamfetch worker example: sign your requests to /api/*\n"));

app.use(
  "/api/*",
  sigv4Auth({
    service: "execute-api",
    secretFor: (accessKeyId, c) => secretOf(c.env as Bindings, accessKeyId),
  }),
);

app.get("/api/hello", (c) => c.json({ hello: c.get("sigv4").accessKeyId }));

app.post("/api/echo", async (c) => {
  const body = await c.req.text();
  return c.json({ caller: c.get("sigv4").accessKeyId, payload: c.get("sigv4").payload, body });
});

app.get("/api/whoami", async (c) => {
  const sts = new StsClient({
    credentials: assumedRole(c.env),
    region: c.env.AWS_REGION,
    endpoint: c.env.STS_ENDPOINT,
  });
  const identity = await sts.getCallerIdentity();
  return c.json({ caller: c.get("sigv4").accessKeyId, worker: identity });
});

app.get("/api/objects/:key{.+}", async (c) => {
  const s3 = new SigV4Signer({
    credentials: assumedRole(c.env),
    region: c.env.AWS_REGION ?? "us-east-1",
    service: "s3",
  });
  const response = await fetch(await s3.sign(new Request(objectUrl(c.env, c.req.param("key")))));
  if (!response.ok) {
    return xmlErrorResponse({
      status: response.status === 404 ? 404 : 502,
      code: await readErrorCode(response) ?? "BadGateway",
      message: `S3 answered ${response.status} for the object.`,
    });
  }
  return new Response(response.body, {
    headers: {
      "content-type": response.headers.get("content-type") ?? "application/octet-stream",
      etag: response.headers.get("etag") ?? "",
    },
  });
});

// An AWS call that failed (e.g. AssumeRole refused) is a 502 naming AWS's error code; the
// library's errors never include a secret, so the message can be shown. Anything else is a
// 500 whose details stay in the Worker's logs.
app.onError((error) => {
  const aws = awsErrorIn(error);
  if (aws !== undefined) {
    return xmlErrorResponse({ status: 502, code: aws.code, message: error.message });
  }
  console.error(error);
  return xmlErrorResponse({
    status: 500,
    code: "InternalError",
    message: "The Worker failed; see its logs.",
  });
});

/** The `AwsError` that `error` is or was caused by (credential providers wrap theirs). */
function awsErrorIn(error: unknown): AwsError | undefined {
  for (let e = error; e instanceof Error; e = e.cause) if (e instanceof AwsError) return e;
  return undefined;
}

export default app;
