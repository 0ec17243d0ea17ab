// The ECS / EKS container credentials endpoint: its authorization token, its JSON, and
// credentials that sign as the task role.
import assert from "node:assert/strict";
import { type RunningEmulator, startEmulator } from "./emulator.ts";
import { callerArn } from "./sts_requests.ts";

async function containerCredentials(
  emulator: RunningEmulator,
  authorization?: string,
): Promise<{ status: number; json: Record<string, string> }> {
  const headers: Record<string, string> = authorization ? { authorization } : {};
  const response = await fetch(`${emulator.url}/container/credentials`, { headers });
  return { status: response.status, json: await response.json() };
}

Deno.test("container credentials are JSON for the task role and sign as it", async () => {
  await using emulator = await startEmulator();
  emulator.state.container.roleArn = "arn:aws:iam::111122223333:role/app/TaskRole";
  const { status, json } = await containerCredentials(emulator);
  assert.equal(status, 200);
  assert.deepEqual(Object.keys(json), [
    "AccessKeyId",
    "SecretAccessKey",
    "Token",
    "Expiration",
    "RoleArn",
  ]);
  assert.equal(json.RoleArn, "arn:aws:iam::111122223333:role/app/TaskRole");
  assert.match(json.Expiration, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const keys = {
    accessKeyId: json.AccessKeyId,
    secretAccessKey: json.SecretAccessKey,
    sessionToken: json.Token,
  };
  assert.equal(
    await callerArn(emulator, keys),
    "arn:aws:sts::111122223333:assumed-role/TaskRole/emulator-task",
  );
});

Deno.test("with authToken set, only requests carrying it in Authorization get credentials", async () => {
  await using emulator = await startEmulator();
  emulator.state.container.authToken = "pod-identity-token";
  assert.equal((await containerCredentials(emulator)).status, 401);
  assert.equal((await containerCredentials(emulator, "wrong")).status, 401);
  assert.equal((await containerCredentials(emulator, "pod-identity-token")).status, 200);
  assert.deepEqual(
    emulator.state.requestsTo("/container").map((entry) => [entry.status, entry.verification]),
    [[401, "none"], [401, "none"], [200, "none"]],
  );
});

Deno.test("a fault scoped to the container path is answered instead of credentials", async () => {
  await using emulator = await startEmulator();
  emulator.state.failNext(1, { status: 500, code: "InternalFailure", path: "/container" });
  const failed = await fetch(`${emulator.url}/container/credentials`);
  await failed.body?.cancel();
  assert.equal(failed.status, 500);
  assert.equal((await containerCredentials(emulator)).status, 200);
});
