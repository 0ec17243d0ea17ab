// The IAM Identity Center portal's GetRoleCredentials: bearer token, JSON shape with an
// epoch-millisecond expiration, and credentials that sign as the permission set's role.
import assert from "node:assert/strict";
import { EmulatorState, type RunningEmulator, startEmulator } from "./emulator.ts";
import { callerArn } from "./sts_requests.ts";

async function roleCredentials(
  emulator: RunningEmulator,
  query: string,
  token?: string,
): Promise<Response> {
  const headers: Record<string, string> = token ? { "x-amz-sso_bearer_token": token } : {};
  return await fetch(`${emulator.url}/federation/credentials?${query}`, { headers });
}

Deno.test("GetRoleCredentials answers roleCredentials that sign as the SSO role", async () => {
  const state = new EmulatorState();
  state.fixedTime = new Date("2024-05-01T12:00:00Z");
  state.sso.accessTokens.add("sso-access-token");
  await using emulator = await startEmulator({ state });
  const response = await roleCredentials(
    emulator,
    "account_id=111122223333&role_name=ReadOnly",
    "sso-access-token",
  );
  assert.equal(response.status, 200);
  const { roleCredentials: credentials } = await response.json();
  assert.deepEqual(Object.keys(credentials), [
    "accessKeyId",
    "secretAccessKey",
    "sessionToken",
    "expiration",
  ]);
  assert.equal(credentials.expiration, Date.parse("2024-05-01T13:00:00Z"));
  assert.equal(
    await callerArn(emulator, credentials, state.fixedTime),
    "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_ReadOnly_0123456789abcdef/emulator-user",
  );
});

Deno.test("a missing or unknown bearer token is 401 UnauthorizedException", async () => {
  await using emulator = await startEmulator();
  emulator.state.sso.accessTokens.add("good");
  for (const token of [undefined, "bad"]) {
    const response = await roleCredentials(emulator, "account_id=111122223333&role_name=R", token);
    assert.equal(response.status, 401);
    assert.equal(response.headers.get("x-amzn-errortype"), "UnauthorizedException");
    assert.deepEqual(await response.json(), {
      message: "Session token not found or invalid",
      __type: "UnauthorizedException",
    });
  }
});

Deno.test("a missing account_id or role_name is 400 InvalidRequestException", async () => {
  await using emulator = await startEmulator();
  emulator.state.sso.accessTokens.add("good");
  for (const query of ["role_name=R", "account_id=111122223333", "account_id=12&role_name=R"]) {
    const response = await roleCredentials(emulator, query, "good");
    assert.equal(response.status, 400, query);
    assert.equal((await response.json()).__type, "InvalidRequestException");
  }
});
