// GetSessionToken and GetFederationToken: who may call them, MFA, the identities their
// credentials carry, and how those credentials expire on the emulator's clock.
import assert from "node:assert/strict";
import { EmulatorState, startEmulator } from "./emulator.ts";
import { callerArn, callSts, credentialsFrom, errorOf, xmlValue } from "./sts_requests.ts";

const NOW = new Date("2024-05-01T12:00:00Z");
const DEVICE = "arn:aws:iam::123456789012:mfa/alice";

Deno.test("GetSessionToken lasts 12 hours by default and keeps the caller's identity", async () => {
  const state = new EmulatorState();
  state.fixedTime = NOW;
  await using emulator = await startEmulator({ state });
  const result = await callSts(emulator, { Action: "GetSessionToken" }, { date: NOW });
  assert.equal(result.status, 200, result.body);
  assert.match(
    result.body,
    /^<GetSessionTokenResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><GetSessionTokenResult><Credentials>.*<\/Credentials><\/GetSessionTokenResult><ResponseMetadata>/,
  );
  const keys = credentialsFrom(result.body);
  assert.equal(keys.expiration, "2024-05-02T00:00:00Z");
  assert.match(keys.accessKeyId, /^ASIA/);
  assert.notEqual(keys.accessKeyId, emulator.credentials.accessKeyId);
  assert.equal(
    await callerArn(emulator, keys, NOW),
    "arn:aws:iam::123456789012:user/emulator-user",
  );
});

Deno.test("GetSessionToken checks the MFA code against state.mfaDevices", async () => {
  const state = new EmulatorState();
  state.mfaDevices.set(DEVICE, "123456");
  await using emulator = await startEmulator({ state });
  const call = (extra: Record<string, string>) =>
    callSts(emulator, { Action: "GetSessionToken", DurationSeconds: "900", ...extra });
  assert.equal((await call({ SerialNumber: DEVICE, TokenCode: "123456" })).status, 200);
  const refused: Record<string, string>[] = [
    { SerialNumber: DEVICE, TokenCode: "000000" },
    { SerialNumber: "arn:aws:iam::123456789012:mfa/bob", TokenCode: "123456" },
    { SerialNumber: DEVICE },
    { TokenCode: "123456" },
  ];
  for (const extra of refused) {
    const result = await call(extra);
    assert.deepEqual(errorOf(result), [403, "AccessDenied"], JSON.stringify(extra));
    assert.match(xmlValue(result.body, "Message") ?? "", /^MultiFactorAuthentication failed/);
  }
  const tooLong = await call({ DurationSeconds: "129601" });
  assert.deepEqual(errorOf(tooLong), [400, "ValidationError"]);
});

Deno.test("GetSessionToken and GetFederationToken refuse session credentials", async () => {
  await using emulator = await startEmulator();
  const session = credentialsFrom((await callSts(emulator, { Action: "GetSessionToken" })).body);
  const calls: Record<string, string>[] = [
    { Action: "GetSessionToken" },
    { Action: "GetFederationToken", Name: "bob" },
  ];
  for (const params of calls) {
    const result = await callSts(emulator, params, { keys: session });
    assert.deepEqual(errorOf(result), [403, "AccessDenied"], params.Action);
    assert.equal(
      xmlValue(result.body, "Message"),
      `Cannot call ${params.Action} with session credentials`,
    );
  }
});

Deno.test("GetFederationToken names a federated user whose credentials sign as that user", async () => {
  await using emulator = await startEmulator();
  const result = await callSts(emulator, {
    Action: "GetFederationToken",
    Name: "bob",
    Policy:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
    DurationSeconds: "3600",
  });
  assert.equal(result.status, 200, result.body);
  assert.match(
    result.body,
    /<\/Credentials><FederatedUser><FederatedUserId>123456789012:bob<\/FederatedUserId><Arn>arn:aws:sts::123456789012:federated-user\/bob<\/Arn><\/FederatedUser><PackedPolicySize>\d+<\/PackedPolicySize><\/GetFederationTokenResult>/,
  );
  const keys = credentialsFrom(result.body);
  assert.equal(await callerArn(emulator, keys), "arn:aws:sts::123456789012:federated-user/bob");
  for (const Name of ["b", "a".repeat(33), "bad name"]) {
    const bad = await callSts(emulator, { Action: "GetFederationToken", Name });
    assert.deepEqual(errorOf(bad), [400, "ValidationError"], Name);
  }
});

Deno.test("issued credentials are refused with ExpiredToken once the emulator's clock passes them", async () => {
  const state = new EmulatorState();
  state.fixedTime = NOW;
  state.addRole({ arn: "arn:aws:iam::111122223333:role/Reader" });
  await using emulator = await startEmulator({ state });
  const assumed = await callSts(emulator, {
    Action: "AssumeRole",
    RoleArn: "arn:aws:iam::111122223333:role/Reader",
    RoleSessionName: "s1",
    DurationSeconds: "900",
  }, { date: NOW });
  const keys = credentialsFrom(assumed.body);
  assert.equal(keys.expiration, "2024-05-01T12:15:00Z");
  const justBefore = new Date("2024-05-01T12:14:59Z");
  state.fixedTime = justBefore;
  assert.match(await callerArn(emulator, keys, justBefore), /assumed-role\/Reader\/s1$/);
  const expiry = new Date("2024-05-01T12:15:00Z");
  state.fixedTime = expiry;
  assert.equal(await callerArn(emulator, keys, expiry), "error 403 ExpiredToken");
});
