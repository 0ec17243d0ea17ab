// The emulated STS answers signed Query calls in STS's XML, issues credentials that can
// sign later calls, and refuses what STS refuses with the same status and code.
import assert from "node:assert/strict";
import { SigV4Signer } from "../../src/sigv4/signer.ts";
import { EmulatorState, startEmulator } from "./emulator.ts";
import { callSts, credentialsFrom, errorOf, xmlValue } from "./sts_requests.ts";

const ROLE_ARN = "arn:aws:iam::111122223333:role/team/Reader";
const NOW = new Date("2024-05-01T12:00:00Z");

Deno.test("AssumeRole answers STS's XML with credentials expiring on the emulator's clock", async () => {
  const state = new EmulatorState();
  state.fixedTime = NOW;
  const role = state.addRole({ arn: ROLE_ARN, externalId: "ext-42", maxSessionDuration: 7200 });
  await using emulator = await startEmulator({ state });
  const params = {
    Action: "AssumeRole",
    RoleArn: ROLE_ARN,
    RoleSessionName: "build@ci",
    DurationSeconds: "7200",
    ExternalId: "ext-42",
    Policy: '{"Version":"2012-10-17","Statement":[]}',
    "PolicyArns.member.1.arn": "arn:aws:iam::aws:policy/ReadOnlyAccess",
    "Tags.member.1.Key": "team",
    "Tags.member.1.Value": "platform",
    "TransitiveTagKeys.member.1": "team",
    SourceIdentity: "alice",
  };
  const result = await callSts(emulator, params, { date: NOW });
  assert.equal(result.status, 200, result.body);
  assert.equal(result.type, "text/xml");
  assert.match(
    result.body,
    /^<AssumeRoleResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><AssumeRoleResult><Credentials><AccessKeyId>ASIA[A-Z2-7]{16}<\/AccessKeyId><SecretAccessKey>[^<]{40}<\/SecretAccessKey><SessionToken>[^<]+<\/SessionToken><Expiration>2024-05-01T14:00:00Z<\/Expiration><\/Credentials><AssumedRoleUser><AssumedRoleId>AROA[A-Z2-7]{17}:build@ci<\/AssumedRoleId><Arn>arn:aws:sts::111122223333:assumed-role\/Reader\/build@ci<\/Arn><\/AssumedRoleUser><PackedPolicySize>\d+<\/PackedPolicySize><SourceIdentity>alice<\/SourceIdentity><\/AssumeRoleResult><ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/AssumeRoleResponse>$/,
  );
  assert.equal(xmlValue(result.body, "AssumedRoleId"), `${role.roleId}:build@ci`);
  assert.deepEqual(state.stsCalls, [{
    action: "AssumeRole",
    params: { Version: "2011-06-15", ...params },
    accessKeyId: emulator.credentials.accessKeyId,
  }]);
});

Deno.test("credentials from AssumeRole sign a GetCallerIdentity that names the assumed role", async () => {
  await using emulator = await startEmulator();
  emulator.state.addRole({ arn: ROLE_ARN });
  const assumed = await callSts(emulator, {
    Action: "AssumeRole",
    RoleArn: ROLE_ARN,
    RoleSessionName: "s1",
  });
  const keys = credentialsFrom(assumed.body);
  const result = await callSts(emulator, { Action: "GetCallerIdentity" }, { keys });
  assert.equal(result.status, 200, result.body);
  assert.equal(xmlValue(result.body, "Arn"), "arn:aws:sts::111122223333:assumed-role/Reader/s1");
  assert.equal(xmlValue(result.body, "Account"), "111122223333");
  assert.match(xmlValue(result.body, "UserId") ?? "", /^AROA[A-Z2-7]{17}:s1$/);
  const registered = emulator.state.identities.get(keys.accessKeyId);
  assert.equal(registered?.expiration?.getTime(), Date.parse(keys.expiration));
});

Deno.test("GetCallerIdentity also works as a signed GET and as a presigned URL", async () => {
  await using emulator = await startEmulator();
  const signer = new SigV4Signer({
    credentials: emulator.credentials,
    region: "us-east-1",
    service: "sts",
  });
  const url = `${emulator.url}/?Action=GetCallerIdentity&Version=2011-06-15`;
  for (
    const response of [
      await fetch(await signer.sign(new Request(url))),
      await fetch(await signer.presign(new Request(url))),
    ]
  ) {
    const body = await response.text();
    assert.equal(response.status, 200, body);
    assert.equal(xmlValue(body, "Arn"), "arn:aws:iam::123456789012:user/emulator-user");
    assert.match(xmlValue(body, "UserId") ?? "", /^AIDA[A-Z2-7]{17}$/);
  }
  assert.deepEqual(emulator.state.stsCalls.map((call) => Object.keys(call.params)), [
    ["Action", "Version"],
    ["Action", "Version"],
  ]);
});

Deno.test("an unsigned AssumeRole is refused with MissingAuthenticationToken", async () => {
  await using emulator = await startEmulator();
  emulator.state.addRole({ arn: ROLE_ARN });
  const result = await callSts(
    emulator,
    { Action: "AssumeRole", RoleArn: ROLE_ARN, RoleSessionName: "s1" },
    { keys: null },
  );
  assert.deepEqual(errorOf(result), [403, "MissingAuthenticationToken"]);
  assert.equal(emulator.state.stsCalls.length, 0);
});

Deno.test("AssumeRole of an unknown role, or without the right external id or MFA, is AccessDenied", async () => {
  await using emulator = await startEmulator();
  emulator.state.addRole({ arn: ROLE_ARN, externalId: "ext-42" });
  const mfaRole = "arn:aws:iam::111122223333:role/Admin";
  const device = "arn:aws:iam::123456789012:mfa/alice";
  emulator.state.addRole({ arn: mfaRole, requireMfa: { serialNumber: device, code: "123456" } });
  const assume = (extra: Record<string, string>) =>
    callSts(emulator, { Action: "AssumeRole", RoleSessionName: "s1", ...extra });
  const denied: Record<string, string>[] = [
    { RoleArn: "arn:aws:iam::111122223333:role/Nobody" },
    { RoleArn: ROLE_ARN },
    { RoleArn: ROLE_ARN, ExternalId: "ext-43" },
    { RoleArn: mfaRole },
    { RoleArn: mfaRole, SerialNumber: device, TokenCode: "654321" },
    { RoleArn: mfaRole, SerialNumber: "arn:aws:iam::123456789012:mfa/bob", TokenCode: "123456" },
  ];
  for (const extra of denied) {
    const result = await assume(extra);
    assert.deepEqual(errorOf(result), [403, "AccessDenied"], JSON.stringify(extra));
    assert.match(
      xmlValue(result.body, "Message") ?? "",
      /is not authorized to perform: sts:AssumeRole/,
    );
  }
  assert.equal((await assume({ RoleArn: ROLE_ARN, ExternalId: "ext-42" })).status, 200);
  const withMfa = await assume({ RoleArn: mfaRole, SerialNumber: device, TokenCode: "123456" });
  assert.equal(withMfa.status, 200, withMfa.body);
});

Deno.test("AssumeRole parameters are validated like STS's", async () => {
  await using emulator = await startEmulator();
  emulator.state.addRole({ arn: ROLE_ARN });
  const cases: [Record<string, string>, string, RegExp][] = [
    [
      { RoleSessionName: "s" },
      "ValidationError",
      /Value 's' at 'roleSessionName'.*length greater than or equal to 2/,
    ],
    [{ RoleSessionName: "a".repeat(65) }, "ValidationError", /length less than or equal to 64/],
    [
      { RoleSessionName: "has space" },
      "ValidationError",
      /regular expression pattern: \[\\w\+=,\.@-\]\*/,
    ],
    [{ RoleArn: "" }, "ValidationError", /at 'roleArn'/],
    [{ DurationSeconds: "899" }, "ValidationError", /greater than or equal to 900/],
    [{ DurationSeconds: "43201" }, "ValidationError", /less than or equal to 43200/],
    [{ DurationSeconds: "7200" }, "ValidationError", /exceeds the MaxSessionDuration/],
    [{ DurationSeconds: "1h" }, "ValidationError", /durationSeconds/],
    [{ TokenCode: "12345" }, "ValidationError", /at 'tokenCode'/],
    [{ SourceIdentity: "alice smith" }, "ValidationError", /at 'sourceIdentity'/],
    [{ Policy: "{not json" }, "MalformedPolicyDocument", /valid JSON/],
    [
      {
        "Tags.member.1.Key": "k",
        "Tags.member.1.Value": "1",
        "Tags.member.2.Key": "K",
        "Tags.member.2.Value": "2",
      },
      "InvalidParameterValue",
      /Duplicate tag keys/,
    ],
    [{ "Tags.member.1.Key": "k" }, "ValidationError", /Value null at 'tags\.member\.1\.Value'/],
  ];
  for (const [override, code, message] of cases) {
    const params = { Action: "AssumeRole", RoleArn: ROLE_ARN, RoleSessionName: "s1", ...override };
    const result = await callSts(emulator, params);
    assert.deepEqual(errorOf(result), [400, code], JSON.stringify(override));
    assert.match(xmlValue(result.body, "Message") ?? "", message);
    assert.equal(xmlValue(result.body, "Type"), "Sender");
  }
  const missing = await callSts(emulator, { Action: "AssumeRole", RoleArn: ROLE_ARN });
  assert.match(
    xmlValue(missing.body, "Message") ?? "",
    /Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null/,
  );
});

Deno.test("a role session may assume a role again, for an hour at most (role chaining)", async () => {
  await using emulator = await startEmulator();
  emulator.state.addRole({ arn: ROLE_ARN, maxSessionDuration: 43200 });
  const params = { Action: "AssumeRole", RoleArn: ROLE_ARN, RoleSessionName: "hop" };
  const keys = credentialsFrom((await callSts(emulator, params)).body);
  const chained = await callSts(emulator, { ...params, DurationSeconds: "3601" }, { keys });
  assert.deepEqual(errorOf(chained), [400, "ValidationError"]);
  assert.match(xmlValue(chained.body, "Message") ?? "", /role chaining/);
  const hop = await callSts(emulator, { ...params, RoleSessionName: "hop2" }, { keys });
  assert.equal(hop.status, 200, hop.body);
  assert.equal(emulator.state.stsCalls[2].accessKeyId, keys.accessKeyId);
});
