// examples/worker/worker.ts bundled with esbuild and run in workerd (Miniflare), its
// bindings pointing at the emulator: signed, unsigned and tampered calls to its API, and
// its own AWS calls through an assumed role.
import assert from "node:assert/strict";
import { AwsClient } from "aws4fetch";
import { Miniflare } from "miniflare";
import { SigV4Signer } from "../../src/sigv4/mod.ts";
import { startEmulator } from "../emulator/emulator.ts";
import { bundleModule } from "../runtime/bundle.ts";

const WORKER = new URL("../../examples/worker/worker.ts", import.meta.url);
const ROLE_ARN = "arn:aws:iam::123456789012:role/worker-reader";
const CLIENT = { accessKeyId: "AKIDCLIENTEXAMPLE1", secretAccessKey: "client-secret-Zq7w" };

/** The bundled Worker in workerd with `bindings`, reached over real HTTP at `url`. */
async function startWorker(bindings: Record<string, string>) {
  const miniflare = new Miniflare({
    modules: [{ type: "ESModule", path: "worker.mjs", contents: await bundleModule(WORKER) }],
    compatibilityDate: "2025-09-01",
    bindings,
  });
  // Plain fetch to workerd's socket, not `dispatchFetch` (which rewrites the signed `host`).
  const url = (await miniflare.ready).origin;
  return { url, [Symbol.asyncDispose]: () => miniflare.dispose() };
}

async function errorCode(response: Response): Promise<string | undefined> {
  return /<Code>([^<]+)<\/Code>/.exec(await response.text())?.[1];
}

Deno.test("the Worker example verifies SigV4 callers and calls AWS as an assumed role", async () => {
  await using emulator = await startEmulator();
  emulator.state.addRole({ arn: ROLE_ARN });
  const object = crypto.getRandomValues(new Uint8Array(50_000));
  emulator.state.s3Objects.set("reports/2026/q3.bin", {
    body: object,
    contentType: "application/octet-stream",
    etag: '"0123456789abcdef0123456789abcdef"',
    payloadMode: "UNSIGNED-PAYLOAD",
    uploadedBy: emulator.credentials.accessKeyId,
  });
  await using worker = await startWorker({
    CLIENT_KEYS: JSON.stringify({ [CLIENT.accessKeyId]: CLIENT.secretAccessKey }),
    AWS_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: emulator.credentials.secretAccessKey,
    ROLE_ARN,
    BUCKET: "reports",
    STS_ENDPOINT: emulator.url,
    S3_ENDPOINT: `${emulator.url}/s3`,
  });
  const BASE = worker.url;
  const signer = new SigV4Signer({
    credentials: CLIENT,
    region: "us-east-1",
    service: "execute-api",
  });
  const aws4fetch = new AwsClient({ ...CLIENT, service: "execute-api", region: "eu-west-1" });

  // Public route, then signed calls by iamfetch and by aws4fetch.
  assert.equal((await fetch(new Request(`${BASE}/`))).status, 200);
  const hello = await fetch(await signer.sign(new Request(`${BASE}/api/hello`)));
  assert.equal(hello.status, 200);
  assert.deepEqual(await hello.json(), { hello: CLIENT.accessKeyId });
  const echo = await fetch(
    await aws4fetch.sign(`${BASE}/api/echo`, { method: "POST", body: "ping from aws4fetch" }),
  );
  assert.equal(echo.status, 200);
  assert.deepEqual(await echo.json(), {
    caller: CLIENT.accessKeyId,
    payload: "signed",
    body: "ping from aws4fetch",
  });

  // Unsigned, tampered, unknown key, wrong secret: S3-style XML errors.
  const unsigned = await fetch(new Request(`${BASE}/api/hello`));
  assert.equal(unsigned.status, 403);
  assert.equal(await errorCode(unsigned), "AccessDenied");
  const signedPost = await signer.sign(
    new Request(`${BASE}/api/echo`, { method: "POST", body: "pay 10" }),
  );
  const tampered = await fetch(
    new Request(signedPost.url, { method: "POST", headers: signedPost.headers, body: "pay 99" }),
  );
  assert.equal(tampered.status, 403);
  assert.equal(await errorCode(tampered), "SignatureDoesNotMatch");
  const otherPath = await signer.sign(new Request(`${BASE}/api/hello`));
  const moved = await fetch(
    new Request(`${BASE}/api/whoami`, { headers: otherPath.headers }),
  );
  assert.equal(moved.status, 403);
  assert.equal(await errorCode(moved), "SignatureDoesNotMatch");
  const stranger = new SigV4Signer({
    credentials: { accessKeyId: "AKIDSTRANGER", secretAccessKey: CLIENT.secretAccessKey },
    region: "us-east-1",
    service: "execute-api",
  });
  const unknown = await fetch(await stranger.sign(new Request(`${BASE}/api/hello`)));
  assert.equal(unknown.status, 403);
  assert.equal(await errorCode(unknown), "InvalidAccessKeyId");
  const wrongSecret = await new AwsClient({
    accessKeyId: CLIENT.accessKeyId,
    secretAccessKey: "not-the-secret",
    service: "execute-api",
  }).sign(`${BASE}/api/hello`);
  const refused = await fetch(wrongSecret);
  assert.equal(refused.status, 403);
  assert.equal(await errorCode(refused), "SignatureDoesNotMatch");
  assert.equal(emulator.state.stsCalls.length, 0, "a refused caller reached AWS");

  // The Worker's own AWS calls: AssumeRole once, then GetCallerIdentity and S3 as the role.
  const whoami = await fetch(await signer.sign(new Request(`${BASE}/api/whoami`)));
  assert.equal(whoami.status, 200);
  const identity = await whoami.json();
  assert.equal(identity.caller, CLIENT.accessKeyId);
  assert.equal(
    identity.worker.arn,
    "arn:aws:sts::123456789012:assumed-role/worker-reader/worker",
  );
  const got = await fetch(
    await signer.sign(new Request(`${BASE}/api/objects/2026/q3.bin`)),
  );
  assert.equal(got.status, 200);
  assert.deepEqual(new Uint8Array(await got.arrayBuffer()), object);
  const missing = await fetch(
    await signer.sign(new Request(`${BASE}/api/objects/nothing.bin`)),
  );
  assert.equal(missing.status, 404);
  assert.equal(await errorCode(missing), "NoSuchKey");
  assert.deepEqual(
    emulator.state.stsCalls.map((call) => [call.action, call.params.RoleArn]),
    [["AssumeRole", ROLE_ARN], ["GetCallerIdentity", undefined]],
  );
  const s3Gets = emulator.state.log.filter((entry) => entry.path.startsWith("/s3/"));
  assert.ok(s3Gets.length === 2 && s3Gets.every((entry) => entry.verification === "ok"));
  assert.ok(s3Gets.every((entry) => entry.accessKeyId?.startsWith("ASIA")));
});

Deno.test("the Worker example answers 502 with AWS's code when it may not assume its role", async () => {
  await using emulator = await startEmulator();
  await using worker = await startWorker({
    CLIENT_KEYS: JSON.stringify({ [CLIENT.accessKeyId]: CLIENT.secretAccessKey }),
    AWS_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: emulator.credentials.secretAccessKey,
    ROLE_ARN: "arn:aws:iam::123456789012:role/not-registered",
    BUCKET: "reports",
    STS_ENDPOINT: emulator.url,
  });
  const signer = new SigV4Signer({
    credentials: CLIENT,
    region: "us-east-1",
    service: "execute-api",
  });
  const response = await fetch(await signer.sign(new Request(`${worker.url}/api/whoami`)));
  assert.equal(response.status, 502);
  const text = await response.text();
  assert.match(text, /<Code>AccessDenied<\/Code>/);
  assert.ok(!text.includes(emulator.credentials.secretAccessKey));
  assert.ok(!text.includes(CLIENT.secretAccessKey));
});

Deno.test("the Worker example answers 500 without quoting a broken CLIENT_KEYS binding", async () => {
  await using worker = await startWorker({
    CLIENT_KEYS: `{"${CLIENT.accessKeyId}": "${CLIENT.secretAccessKey}",`,
    AWS_ACCESS_KEY_ID: "AKIDWORKER",
    AWS_SECRET_ACCESS_KEY: "worker-secret",
    ROLE_ARN,
    BUCKET: "reports",
  });
  const signer = new SigV4Signer({
    credentials: CLIENT,
    region: "us-east-1",
    service: "execute-api",
  });
  const response = await fetch(await signer.sign(new Request(`${worker.url}/api/hello`)));
  assert.equal(response.status, 500);
  const text = await response.text();
  assert.match(text, /<Code>InternalError<\/Code>/);
  assert.ok(!text.includes(CLIENT.secretAccessKey));
});
