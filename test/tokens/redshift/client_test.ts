import assert from "node:assert/strict";
import { explicitPlatform } from "../../../src/credentials/platform/explicit.ts";
import { AwsError } from "../../../src/http/errors.ts";
import { RedshiftClient } from "../../../src/tokens/mod.ts";
import { startEmulator } from "../../emulator/emulator.ts";
import { redshiftClientOf } from "./emulator_clients.ts";
import { assertNoneShown, renderings } from "../../security/assert_no_secrets.ts";

Deno.test("getClusterCredentials returns IAMA:<user>, a password and an expiration", async () => {
  await using emu = await startEmulator();
  emu.state.redshift.addCluster({ identifier: "analytics" });
  const redshift = redshiftClientOf(emu);
  const before = Date.now();
  const result = await redshift.getClusterCredentials({
    ClusterIdentifier: "analytics",
    DbUser: "sales@example.com",
    DbName: "dev",
    DurationSeconds: 1800,
    AutoCreate: true,
    DbGroups: ["sales", "readers"],
  });
  assert.equal(result.dbUser, "IAMA:sales@example.com");
  const call = emu.state.redshift.calls.at(-1)!;
  assert.equal(result.dbPassword, call.password);
  assert.ok(Math.abs(result.expiration.getTime() - (before + 1_800_000)) < 5_000);
  assert.equal(result.nextRefreshTime, undefined);
  assert.deepEqual(call.params, {
    Action: "GetClusterCredentials",
    Version: "2012-12-01",
    DbUser: "sales@example.com",
    DbName: "dev",
    ClusterIdentifier: "analytics",
    DurationSeconds: "1800",
    AutoCreate: "true",
    "DbGroups.DbGroup.1": "sales",
    "DbGroups.DbGroup.2": "readers",
  });
  assert.equal(call.accessKeyId, emu.credentials.accessKeyId);
  assert.equal(emu.state.log.at(-1)!.verification, "ok");
});

Deno.test("getClusterCredentials without AutoCreate answers IAM:<user>", async () => {
  await using emu = await startEmulator();
  emu.state.redshift.addCluster({ identifier: "analytics" });
  const redshift = redshiftClientOf(emu, { region: "eu-west-1" });
  const result = await redshift.getClusterCredentials({
    ClusterIdentifier: "analytics",
    DbUser: "alice",
  });
  assert.equal(result.dbUser, "IAM:alice");
});

Deno.test("getClusterCredentialsWithIam logs on as the IAM identity, with a refresh time", async () => {
  await using emu = await startEmulator();
  emu.state.redshift.addCluster({ identifier: "analytics" });
  const redshift = redshiftClientOf(emu);
  const result = await redshift.getClusterCredentialsWithIam({
    ClusterIdentifier: "analytics",
    DbName: "dev",
    DurationSeconds: 900,
  });
  assert.equal(result.dbUser, "IAM:emulator-user");
  assert.ok(result.nextRefreshTime instanceof Date);
  assert.ok(result.nextRefreshTime < result.expiration);
  assert.equal(emu.state.redshift.calls.at(-1)!.action, "GetClusterCredentialsWithIAM");
});

Deno.test("describeClusters reads the endpoint, database and status", async () => {
  await using emu = await startEmulator();
  emu.state.redshift.addCluster({ identifier: "analytics", port: 5440, dbName: "sales" });
  emu.state.redshift.addCluster({ identifier: "other" });
  const redshift = redshiftClientOf(emu);
  const one = await redshift.describeClusters({ ClusterIdentifier: "analytics" });
  assert.deepEqual(one.clusters, [{
    identifier: "analytics",
    endpoint: { address: "analytics.c1abcdef2ghi.us-east-1.redshift.amazonaws.com", port: 5440 },
    dbName: "sales",
    status: "available",
  }]);
  const all = await redshift.describeClusters();
  assert.deepEqual(all.clusters.map((c) => c.identifier), ["analytics", "other"]);
});

Deno.test("an unknown cluster is a typed ClusterNotFound, not retried", async () => {
  await using emu = await startEmulator();
  const redshift = redshiftClientOf(emu);
  const error = await redshift.getClusterCredentials({ ClusterIdentifier: "nope", DbUser: "a" })
    .catch((e) => e);
  assert.ok(error instanceof AwsError);
  assert.equal(error.code, "ClusterNotFound");
  assert.equal(error.status, 404);
  assert.equal(error.retryable, false);
  assert.ok(error.requestId);
  assert.equal(emu.state.redshift.calls.length, 1);
});

Deno.test("invalid DbUser and DurationSeconds are InvalidParameterValue", async () => {
  await using emu = await startEmulator();
  emu.state.redshift.addCluster({ identifier: "analytics" });
  const redshift = redshiftClientOf(emu);
  for (
    const input of [
      { ClusterIdentifier: "analytics", DbUser: "1bad" },
      { ClusterIdentifier: "analytics", DbUser: "a:b" },
      { ClusterIdentifier: "analytics", DbUser: "alice", DurationSeconds: 899 },
      { ClusterIdentifier: "analytics", DbUser: "alice", DurationSeconds: 3601 },
      { ClusterIdentifier: "analytics", DbUser: "alice", DbGroups: ["bad group"] },
    ]
  ) {
    const error = await redshift.getClusterCredentials(input).catch((e) => e);
    assert.ok(error instanceof AwsError, JSON.stringify(input));
    assert.equal(error.code, "InvalidParameterValue");
    assert.equal(error.status, 400);
  }
  await assert.rejects(
    () => redshift.getClusterCredentials({ ClusterIdentifier: "analytics", DbUser: "" }),
    TypeError,
  );
});

Deno.test("a 503 is retried and then succeeds", async () => {
  await using emu = await startEmulator();
  emu.state.redshift.addCluster({ identifier: "analytics" });
  emu.state.failNext(2, { status: 503, code: "ServiceUnavailable" });
  const redshift = redshiftClientOf(emu, { maxAttempts: 3 });
  const result = await redshift.getClusterCredentials({
    ClusterIdentifier: "analytics",
    DbUser: "alice",
  });
  assert.equal(result.dbUser, "IAM:alice");
  assert.equal(emu.state.log.length, 3);
  assert.equal(emu.state.pendingFaults, 0);
});

Deno.test("a wrong secret is refused by the emulator's signature check", async () => {
  await using emu = await startEmulator();
  emu.state.redshift.addCluster({ identifier: "analytics" });
  const redshift = redshiftClientOf(emu, {
    credentials: { ...emu.credentials, secretAccessKey: "wrong" },
  });
  const error = await redshift.describeClusters().catch((e) => e);
  assert.ok(error instanceof AwsError);
  assert.equal(error.code, "SignatureDoesNotMatch");
});

Deno.test("results and errors never show the password", async () => {
  await using emu = await startEmulator();
  emu.state.redshift.addCluster({ identifier: "analytics" });
  const redshift = redshiftClientOf(emu);
  const result = await redshift.getClusterCredentialsWithIam({ ClusterIdentifier: "analytics" });
  const password = result.dbPassword;
  assert.ok(password.length >= 32);
  for (const shown of renderings(result)) {
    assert.ok(!shown.includes(password), shown);
    assert.ok(shown.includes("[redacted]"));
  }
  assert.equal({ ...result }.dbPassword, password, "the property stays readable");
  const error = await redshift.getClusterCredentials({ ClusterIdentifier: "x", DbUser: "a" })
    .catch((e) => e);
  assertNoneShown(error, [password], "a failed call");
});

Deno.test("the default endpoint is regional, .amazonaws.com.cn in China", async () => {
  const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
  const platform = explicitPlatform({ env: {} }); // nothing configured
  assert.equal(
    (await new RedshiftClient({ credentials, region: "eu-west-1", platform }).endpoint()).href,
    "https://redshift.eu-west-1.amazonaws.com/",
  );
  assert.equal(
    (await new RedshiftClient({ credentials, region: "cn-north-1", platform }).endpoint()).href,
    "https://redshift.cn-north-1.amazonaws.com.cn/",
  );
});
