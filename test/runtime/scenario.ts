/**
 * The runtime-matrix scenario: one sequence of signed requests against the AWS emulator,
 * run unchanged in Deno, workerd, Chromium, Node and Bun. It imports only the public API
 * and no runtime module, so the same bundle runs everywhere; every check is recorded
 * rather than thrown, so one run reports every failure of a runtime at once.
 *
 * @module
 */
import {
  AwsClient,
  fromAssumeRole,
  SigV4aSigner,
  SigV4Signer,
  StsClient,
  verifySignature,
} from "../../mod.ts";
import { ROLES_ANYWHERE_CHECK, rolesAnywhereRoundTrip } from "./scenario_roles_anywhere.ts";
import {
  POST_POLICY_CLOUDFRONT_CHECK_NAMES,
  postPolicyCloudFrontSteps,
} from "./scenario_post_policy_cloudfront.ts";

/** Credentials the emulator accepts. */
export interface ScenarioCredentials {
  /** The access key id. */
  accessKeyId: string;
  /** The secret access key; never written into a check's `detail`. */
  secretAccessKey: string;
  /** The session token of temporary credentials; never written into a check's `detail`. */
  sessionToken?: string;
}

/** What {@linkcode runScenario} needs: where the emulator is and who to sign as. */
export interface ScenarioInput {
  /** The emulator's base URL, e.g. `http://127.0.0.1:41234`, without a trailing slash. */
  endpoint: string;
  /** Credentials registered in the emulator. */
  credentials: ScenarioCredentials;
}

/** The outcome of one check of the scenario. */
export interface ScenarioCheck {
  /** The check's name, one of {@linkcode SCENARIO_CHECK_NAMES}. */
  name: string;
  /** Whether the runtime behaved as specified. */
  ok: boolean;
  /** What was observed, to explain a failure; secrets are redacted. */
  detail?: string;
}

/** The outcome of a whole run of the scenario. */
export interface ScenarioResult {
  /** The runtime the scenario ran in, as {@linkcode detectRuntime} names it. */
  runtime: RuntimeName;
  /** One entry per check, in the order of {@linkcode SCENARIO_CHECK_NAMES}. */
  checks: ScenarioCheck[];
}

/** The runtimes the scenario can tell apart. */
export type RuntimeName = "deno" | "workerd" | "bun" | "node" | "browser";

/** The names of the scenario's checks, in the order they run. */
export const SCENARIO_CHECK_NAMES: readonly string[] = [
  "header-signed GET with query and unicode path",
  "header-signed POST with JSON body",
  "presigned GET fetched plainly",
  "AwsClient.fetch POST",
  "tampered query is rejected with SignatureDoesNotMatch",
  "wrong secret is rejected",
  "STS AssumeRole with an external id, then GetCallerIdentity as the role",
  "SigV4a header-signed and presigned requests verify in the runtime; tampering is rejected",
  ROLES_ANYWHERE_CHECK,
  ...POST_POLICY_CLOUDFRONT_CHECK_NAMES,
];

/** The role the emulator must know for the STS check (register it with `addRole`). */
export const SCENARIO_ROLE = {
  arn: "arn:aws:iam::123456789012:role/runtime-matrix",
  externalId: "matrix",
};

const REGION = "us-east-1";
const SERVICE = "execute-api";
const DETAIL_LIMIT = 300;

/**
 * Names the runtime from its globals alone (no runtime module is imported): Deno by
 * `Deno.version`, workerd by its `navigator.userAgent`, Bun by `Bun` or
 * `process.versions.bun` (Bun also sets `process.versions.node`), Node by
 * `process.versions.node`, and anything else is a browser. Deno and workerd are asked
 * first because both may expose a Node-compatible `process`.
 */
export function detectRuntime(): RuntimeName {
  const global = globalThis as {
    Deno?: { version?: { deno?: string } };
    Bun?: unknown;
    navigator?: { userAgent?: string };
    process?: { versions?: { node?: string; bun?: string } };
  };
  if (typeof global.Deno?.version?.deno === "string") return "deno";
  if (global.navigator?.userAgent === "Cloudflare-Workers") return "workerd";
  if (global.Bun !== undefined || global.process?.versions?.bun !== undefined) return "bun";
  if (typeof global.process?.versions?.node === "string") return "node";
  return "browser";
}

/** The parts of an emulator `/echo` answer the scenario looks at. */
interface Echo {
  method: string;
  path: string;
  query: [string, string][];
  body: string;
  accessKeyId: string;
  region: string;
  service: string;
  presigned: boolean;
}

/**
 * Runs every check of the scenario against the emulator at `input.endpoint` and returns
 * their outcomes; it throws only if the runtime cannot even build a signer.
 *
 * @example
 * ```ts
 * const result = await runScenario({ endpoint: emulator.url, credentials: emulator.credentials });
 * console.assert(result.checks.every((check) => check.ok));
 * ```
 */
export async function runScenario(input: ScenarioInput): Promise<ScenarioResult> {
  const { endpoint, credentials } = input;
  const secrets = [credentials.secretAccessKey, credentials.sessionToken].filter(
    (secret): secret is string => typeof secret === "string" && secret.length > 0,
  );
  const signer = new SigV4Signer({ credentials, region: REGION, service: SERVICE });
  const steps: [string, () => Promise<string | undefined>][] = [
    [SCENARIO_CHECK_NAMES[0], () => signedGetWithUnicodePath(endpoint, signer)],
    [SCENARIO_CHECK_NAMES[1], () => signedPostWithJson(endpoint, signer)],
    [SCENARIO_CHECK_NAMES[2], () => presignedGet(endpoint, signer)],
    [SCENARIO_CHECK_NAMES[3], () => awsClientPost(endpoint, credentials)],
    [SCENARIO_CHECK_NAMES[4], () => tamperedQuery(endpoint, signer)],
    [SCENARIO_CHECK_NAMES[5], () => wrongSecret(endpoint, credentials)],
    [SCENARIO_CHECK_NAMES[6], () => assumeRoleThroughSts(endpoint, credentials)],
    [SCENARIO_CHECK_NAMES[7], () => sigV4aRoundTrip(credentials)],
    [ROLES_ANYWHERE_CHECK, () => rolesAnywhereRoundTrip(endpoint, SCENARIO_ROLE.arn)],
    ...postPolicyCloudFrontSteps(input),
  ];
  const checks: ScenarioCheck[] = [];
  for (const [name, step] of steps) {
    try {
      const failure = await step();
      checks.push(
        failure === undefined ? { name, ok: true } : {
          name,
          ok: false,
          detail: redact(failure, secrets),
        },
      );
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      checks.push({ name, ok: false, detail: redact(`threw ${message}`, secrets) });
    }
  }
  return { runtime: detectRuntime(), checks };
}

/** A header-signed GET whose path has non-ASCII characters and a space, with a query. */
async function signedGetWithUnicodePath(
  endpoint: string,
  signer: SigV4Signer,
): Promise<string | undefined> {
  const url = new URL(`${endpoint}/echo/üñï/パス with space`);
  url.searchParams.append("b", "2");
  url.searchParams.append("a", "1");
  url.searchParams.append("note", "x y&z=✓");
  const response = await fetch(await signer.sign(new Request(url)));
  const echo = await readEcho(response);
  if (typeof echo === "string") return echo;
  const expectedQuery = [["b", "2"], ["a", "1"], ["note", "x y&z=✓"]];
  if (echo.method !== "GET") return `echoed method ${echo.method}`;
  if (echo.path !== url.pathname) return `echoed path ${echo.path}, sent ${url.pathname}`;
  if (JSON.stringify(echo.query) !== JSON.stringify(expectedQuery)) {
    return `echoed query ${JSON.stringify(echo.query)}`;
  }
  if (echo.region !== REGION || echo.service !== SERVICE || echo.presigned) {
    return `echoed scope ${echo.region}/${echo.service}, presigned ${echo.presigned}`;
  }
  return undefined;
}

/** A header-signed POST whose JSON body (with non-ASCII text) must arrive intact. */
async function signedPostWithJson(
  endpoint: string,
  signer: SigV4Signer,
): Promise<string | undefined> {
  const body = JSON.stringify({ action: "put", items: [1, 2, 3], text: "héllo ✓" });
  const request = new Request(`${endpoint}/echo/items`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  const echo = await readEcho(await fetch(await signer.sign(request)));
  if (typeof echo === "string") return echo;
  if (echo.method !== "POST") return `echoed method ${echo.method}`;
  if (echo.body !== body) return `echoed body ${echo.body}`;
  return undefined;
}

/** A presigned GET URL, fetched with no header of its own. */
async function presignedGet(endpoint: string, signer: SigV4Signer): Promise<string | undefined> {
  const url = await signer.presign(new Request(`${endpoint}/echo/presigned?part=7`), {
    expiresIn: 60,
  });
  if (url.searchParams.get("X-Amz-Expires") !== "60") {
    return `X-Amz-Expires is ${url.searchParams.get("X-Amz-Expires")}`;
  }
  const echo = await readEcho(await fetch(url));
  if (typeof echo === "string") return echo;
  if (!echo.presigned) return "the emulator did not see a presigned request";
  if (echo.path !== "/echo/presigned") return `echoed path ${echo.path}`;
  if (!echo.query.some(([name, value]) => name === "part" && value === "7")) {
    return `echoed query lacks part=7: ${JSON.stringify(echo.query.map(([name]) => name))}`;
  }
  return undefined;
}

/** The aws4fetch-style client, with service and region given, posting a body. */
async function awsClientPost(
  endpoint: string,
  credentials: ScenarioCredentials,
): Promise<string | undefined> {
  const aws = new AwsClient({ credentials, service: SERVICE, region: REGION, retries: 0 });
  const body = JSON.stringify({ via: "AwsClient" });
  const response = await aws.fetch(`${endpoint}/echo/client?mode=fetch`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  const echo = await readEcho(response);
  if (typeof echo === "string") return echo;
  if (echo.method !== "POST") return `echoed method ${echo.method}`;
  if (echo.body !== body) return `echoed body ${echo.body}`;
  if (echo.service !== SERVICE || echo.region !== REGION) {
    return `echoed scope ${echo.region}/${echo.service}`;
  }
  if (echo.accessKeyId !== credentials.accessKeyId) return "echoed another access key id";
  return undefined;
}

/** A correctly signed request whose query is changed after signing. */
async function tamperedQuery(endpoint: string, signer: SigV4Signer): Promise<string | undefined> {
  const signed = await signer.sign(new Request(`${endpoint}/echo/tamper?amount=10`));
  const tampered = new Request(`${endpoint}/echo/tamper?amount=1000`, {
    method: signed.method,
    headers: signed.headers,
  });
  const response = await fetch(tampered);
  const text = await response.text();
  if (response.status !== 403) return describe(response.status, text);
  if (!text.includes("SignatureDoesNotMatch")) {
    return `403 without SignatureDoesNotMatch: ${describe(response.status, text)}`;
  }
  return undefined;
}

/** A request signed with the right access key id but a wrong secret. */
async function wrongSecret(
  endpoint: string,
  credentials: ScenarioCredentials,
): Promise<string | undefined> {
  const signer = new SigV4Signer({
    credentials: { ...credentials, secretAccessKey: `${credentials.secretAccessKey}wrong` },
    region: REGION,
    service: SERVICE,
  });
  const response = await fetch(await signer.sign(new Request(`${endpoint}/echo/wrong-secret`)));
  const text = await response.text();
  if (response.status !== 403) return describe(response.status, text);
  return undefined;
}

/** AssumeRole (with an external id) through the STS client, then a call as the role. */
async function assumeRoleThroughSts(
  endpoint: string,
  credentials: ScenarioCredentials,
): Promise<string | undefined> {
  const role = fromAssumeRole({
    source: credentials,
    roleArn: SCENARIO_ROLE.arn,
    externalId: SCENARIO_ROLE.externalId,
    roleSessionName: "matrix",
    endpoint,
  });
  const { arn } = await new StsClient({ credentials: role, endpoint }).getCallerIdentity();
  const expected = "arn:aws:sts::123456789012:assumed-role/runtime-matrix/matrix";
  return arn === expected ? undefined : `GetCallerIdentity as the role answered ${arn}`;
}

/**
 * SigV4a (ECDSA P-256 on the runtime's WebCrypto) signed and presigned by iamfetch and
 * verified by iamfetch's verifier in the same runtime, with no server involved.
 */
async function sigV4aRoundTrip(credentials: ScenarioCredentials): Promise<string | undefined> {
  const signer = new SigV4aSigner({
    credentials,
    service: "s3",
    regionSet: ["us-east-1", "eu-west-1"],
  });
  const options = {
    secretFor: (id: string) =>
      id === credentials.accessKeyId ? credentials.secretAccessKey : undefined,
  };
  const url = "https://mrap.accesspoint.s3-global.amazonaws.com/object?part=1";
  const signed = await signer.sign(new Request(url, { method: "PUT", body: "sigv4a ✓" }));
  const header = await verifySignature(signed, { ...options, region: "eu-west-1" });
  if (!header.ok) return `header-signed: ${header.code}: ${header.message}`;
  const presigned = await verifySignature(
    new Request(await signer.presign(new Request(url))),
    options,
  );
  if (!presigned.ok) return `presigned: ${presigned.code}: ${presigned.message}`;
  const tampered = new Request(url.replace("part=1", "part=2"), {
    method: "PUT",
    headers: signed.headers,
    body: "sigv4a ✓",
  });
  const rejected = await verifySignature(tampered, options);
  if (rejected.ok || rejected.code !== "SignatureDoesNotMatch") {
    return `tampered query: ${rejected.ok ? "accepted" : rejected.code}`;
  }
  return undefined;
}

/** The echo of a 200 answer, or a description of what came instead. */
async function readEcho(response: Response): Promise<Echo | string> {
  const text = await response.text();
  if (response.status !== 200) return describe(response.status, text);
  try {
    return JSON.parse(text) as Echo;
  } catch {
    return `status 200 with a body that is not JSON: ${text}`;
  }
}

/** A response in a few words: its status, and the AWS error code and message if it has one. */
function describe(status: number, text: string): string {
  const code = text.match(/<Code>([^<]*)<\/Code>/)?.[1];
  const message = text.match(/<Message>([^<]*)<\/Message>/)?.[1];
  return code === undefined ? `status ${status}: ${text}` : `status ${status} ${code}: ${message}`;
}

/** `text` shortened, with every secret replaced by `[redacted]`. */
function redact(text: string, secrets: string[]): string {
  let redacted = text;
  for (const secret of secrets) redacted = redacted.split(secret).join("[redacted]");
  return redacted.length > DETAIL_LIMIT ? `${redacted.slice(0, DETAIL_LIMIT)}…` : redacted;
}
