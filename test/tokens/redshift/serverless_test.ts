import assert from "node:assert/strict";
import { explicitPlatform } from "../../../src/credentials/platform/explicit.ts";
import { AwsError } from "../../../src/http/errors.ts";
import { StsClient } from "../../../src/sts/mod.ts";
import { RedshiftServerlessClient } from "../../../src/tokens/mod.ts";
import { startEmulator } from "../../emulator/emulator.ts";
import { serverlessClientOf } from "./emulator_clients.ts";
import { assertNoneShown } from "../../security/assert_no_secrets.ts";

Deno.test("getCredentials sends JSON 1.1 and turns epoch seconds into Dates", async () => {
  await using emu = await startEmulator();
  emu.state.redshift.addWorkgroup({ name: "adhoc" });
  const serverless = serverlessClientOf(emu);
  const before = Date.now();
  const result = await serverless.getCredentials({
    workgroupName: "adhoc",
    dbName: "dev",
    durationSeconds: 1200,
  });
  const call = emu.state.redshift.calls.at(-1)!;
  assert.equal(call.service, "redshift-serverless");
  assert.deepEqual(call.params, { workgroupName: "adhoc", dbName: "dev", durationSeconds: 1200 });
  assert.equal(result.dbUser, "IAM:emulator-user");
  assert.equal(result.dbPassword, call.password);
  assert.ok(Math.abs(result.expiration.getTime() - (before + 1_200_000)) < 5_000);
  assert.ok(result.nextRefreshTime! < result.expiration);
  assertNoneShown(result, [result.dbPassword], "the result");
  assert.equal(emu.state.log.at(-1)!.verification, "ok");
});

Deno.test("an unknown workgroup is a typed ResourceNotFoundException", async () => {
  await using emu = await startEmulator();
  const serverless = serverlessClientOf(emu);
  const error = await serverless.getCredentials({ workgroupName: "nope" }).catch((e) => e);
  assert.ok(error instanceof AwsError);
  assert.equal(error.code, "ResourceNotFoundException");
  assert.equal(error.status, 404);
  assert.equal(error.retryable, false);
  assert.equal(emu.state.redshift.calls.length, 1);
});

Deno.test("a durationSeconds out of range is a ValidationException", async () => {
  await using emu = await startEmulator();
  emu.state.redshift.addWorkgroup({ name: "adhoc" });
  const serverless = serverlessClientOf(emu);
  const error = await serverless.getCredentials({ workgroupName: "adhoc", durationSeconds: 60 })
    .catch((e) => e);
  assert.ok(error instanceof AwsError);
  assert.equal(error.code, "ValidationException");
  await assert.rejects(() => serverless.getCredentials({}), TypeError);
});

Deno.test("a 503 is retried; STS on the same endpoint keeps working", async () => {
  await using emu = await startEmulator();
  emu.state.redshift.addWorkgroup({ name: "adhoc" });
  emu.state.failNext(1, { status: 503, code: "ServiceUnavailable" });
  const serverless = serverlessClientOf(emu);
  const result = await serverless.getCredentials({ workgroupName: "adhoc" });
  assert.match(result.dbUser, /^IAM:/);
  assert.equal(emu.state.log.length, 2);
  const sts = new StsClient({ credentials: emu.credentials, endpoint: emu.url });
  assert.equal((await sts.getCallerIdentity()).account, "123456789012");
});

Deno.test("the default endpoint is redshift-serverless.<region>.amazonaws.com", async () => {
  const serverless = new RedshiftServerlessClient({
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
    region: "ap-southeast-2",
    platform: explicitPlatform({ env: {} }), // nothing configured
  });
  assert.equal(
    (await serverless.endpoint()).href,
    "https://redshift-serverless.ap-southeast-2.amazonaws.com/",
  );
});
