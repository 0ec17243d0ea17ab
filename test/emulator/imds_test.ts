// EC2 instance metadata: the IMDSv2 token dance, the v1 fallback, the role credentials
// (which sign like any identity), and the knobs a credential provider's tests turn.
import assert from "node:assert/strict";
import { EmulatorState, type RunningEmulator, startEmulator } from "./emulator.ts";
import { callerArn } from "./sts_requests.ts";

const CREDENTIALS = "/latest/meta-data/iam/security-credentials/";

async function imdsToken(emulator: RunningEmulator, ttl = "21600"): Promise<Response> {
  return await fetch(`${emulator.url}/latest/api/token`, {
    method: "PUT",
    headers: { "x-aws-ec2-metadata-token-ttl-seconds": ttl },
  });
}

async function imdsGet(
  emulator: RunningEmulator,
  path: string,
  token?: string,
): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = token ? { "x-aws-ec2-metadata-token": token } : {};
  const response = await fetch(`${emulator.url}${path}`, { headers });
  return { status: response.status, body: await response.text() };
}

Deno.test("IMDSv2: a token, the role name, then role credentials that can sign", async () => {
  const state = new EmulatorState();
  state.fixedTime = new Date("2024-05-01T12:00:00Z");
  await using emulator = await startEmulator({ state });
  const tokenResponse = await imdsToken(emulator, "300");
  assert.equal(tokenResponse.status, 200);
  assert.equal(tokenResponse.headers.get("x-aws-ec2-metadata-token-ttl-seconds"), "300");
  const token = await tokenResponse.text();
  assert.deepEqual(await imdsGet(emulator, CREDENTIALS, token), {
    status: 200,
    body: "emulator-ec2-role",
  });
  const credentials = await imdsGet(emulator, `${CREDENTIALS}emulator-ec2-role`, token);
  assert.equal(credentials.status, 200);
  const json = JSON.parse(credentials.body);
  assert.deepEqual(Object.keys(json), [
    "Code",
    "LastUpdated",
    "Type",
    "AccessKeyId",
    "SecretAccessKey",
    "Token",
    "Expiration",
  ]);
  assert.equal(json.Code, "Success");
  assert.equal(json.Type, "AWS-HMAC");
  assert.equal(json.LastUpdated, "2024-05-01T12:00:00Z");
  assert.equal(json.Expiration, "2024-05-01T18:00:00Z");
  assert.match(json.AccessKeyId, /^ASIA/);
  const keys = {
    accessKeyId: json.AccessKeyId,
    secretAccessKey: json.SecretAccessKey,
    sessionToken: json.Token,
  };
  assert.equal(
    await callerArn(emulator, keys, state.fixedTime),
    "arn:aws:sts::123456789012:assumed-role/emulator-ec2-role/i-0123456789abcdef0",
  );
  assert.deepEqual(state.requestsTo("/latest").map((entry) => entry.verification), [
    "none",
    "none",
    "none",
  ]);
});

Deno.test("IMDSv1 GETs work without a token until v1Disabled; a bad or expired token is 401", async () => {
  const state = new EmulatorState();
  state.fixedTime = new Date("2024-05-01T12:00:00Z");
  await using emulator = await startEmulator({ state });
  assert.equal((await imdsGet(emulator, CREDENTIALS)).status, 200);
  state.imds.v1Disabled = true;
  assert.equal((await imdsGet(emulator, CREDENTIALS)).status, 401);
  const token = await (await imdsToken(emulator, "60")).text();
  assert.equal((await imdsGet(emulator, CREDENTIALS, token)).status, 200);
  assert.equal((await imdsGet(emulator, CREDENTIALS, "forged")).status, 401);
  state.fixedTime = new Date("2024-05-01T12:01:00Z");
  assert.equal((await imdsGet(emulator, CREDENTIALS, token)).status, 401);
});

Deno.test("the token TTL header must be 1 to 21600 seconds", async () => {
  await using emulator = await startEmulator();
  for (const ttl of ["0", "21601", "abc", ""]) {
    const response = await imdsToken(emulator, ttl);
    await response.body?.cancel();
    assert.equal(response.status, 400, ttl);
  }
  const missing = await fetch(`${emulator.url}/latest/api/token`, { method: "PUT" });
  await missing.body?.cancel();
  assert.equal(missing.status, 400);
  for (const ttl of ["1", "21600"]) {
    const response = await imdsToken(emulator, ttl);
    await response.body?.cancel();
    assert.equal(response.status, 200, ttl);
  }
});

Deno.test("tokenEndpointMissing answers the PUT 404 or 403, and tokenless GETs still work", async () => {
  await using emulator = await startEmulator();
  for (const [knob, status] of [[true, 404], [404, 404], [403, 403]] as const) {
    emulator.state.imds.tokenEndpointMissing = knob;
    const response = await imdsToken(emulator);
    await response.body?.cancel();
    assert.equal(response.status, status, String(knob));
  }
  assert.equal((await imdsGet(emulator, CREDENTIALS)).body, "emulator-ec2-role");
});

Deno.test("hang leaves IMDS requests unanswered until the client times out, and close still ends", async () => {
  await using emulator = await startEmulator();
  emulator.state.imds.hang = true;
  const started = Date.now();
  await assert.rejects(
    fetch(`${emulator.url}/latest/api/token`, {
      method: "PUT",
      headers: { "x-aws-ec2-metadata-token-ttl-seconds": "60" },
      signal: AbortSignal.timeout(200),
    }),
    (error: Error) => error.name === "TimeoutError",
  );
  assert.ok(Date.now() - started >= 190);
  assert.equal(emulator.state.log[0].status, 0); // still unanswered
  await emulator.close();
  assert.equal(emulator.state.log[0].status, 503);
});

Deno.test("failNext faults reach IMDS only when scoped to its paths", async () => {
  await using emulator = await startEmulator();
  emulator.state.failNext(1, { status: 503, code: "ServiceUnavailable" });
  assert.equal((await imdsGet(emulator, CREDENTIALS)).status, 200);
  assert.equal(emulator.state.pendingFaults, 1);
  emulator.state.failNext(1, { status: 500, code: "InternalFailure", path: "/latest/meta-data" });
  assert.equal((await imdsGet(emulator, CREDENTIALS)).status, 500);
  assert.equal((await imdsGet(emulator, CREDENTIALS)).status, 200);
  assert.equal(emulator.state.pendingFaults, 1);
});

Deno.test("no role, another role's name or an unknown path is 404; the region is served", async () => {
  await using emulator = await startEmulator();
  assert.equal((await imdsGet(emulator, `${CREDENTIALS}someone-else`)).status, 404);
  assert.equal((await imdsGet(emulator, "/latest/meta-data/no-such")).status, 404);
  assert.deepEqual(await imdsGet(emulator, "/latest/meta-data/placement/region"), {
    status: 200,
    body: "us-east-1",
  });
  emulator.state.imds.role = undefined;
  assert.equal((await imdsGet(emulator, CREDENTIALS)).status, 404);
});
