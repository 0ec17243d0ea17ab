import assert from "node:assert/strict";
import {
  redshiftConnectionCredentials,
  redshiftServerlessConnectionCredentials,
} from "../../../src/tokens/mod.ts";
import { fromAssumeRole, StsClient } from "../../../src/sts/mod.ts";
import { startEmulator } from "../../emulator/emulator.ts";
import { assertNoneShown } from "../../security/assert_no_secrets.ts";

const ROLE = "arn:aws:iam::123456789012:role/analyst";

Deno.test("seed 004 flow: assumed-role credentials → DescribeClusters → GetClusterCredentials", async () => {
  await using emu = await startEmulator();
  emu.state.addRole({ arn: ROLE });
  emu.state.redshift.addCluster({ identifier: "analytics", port: 5439, dbName: "sales" });
  const sts = new StsClient({ credentials: emu.credentials, endpoint: emu.url });
  const { credentials } = await sts.assumeRole({ RoleArn: ROLE, RoleSessionName: "okta-user" });
  const connection = await redshiftConnectionCredentials({
    credentials,
    region: "us-east-1",
    endpoint: emu.url,
    clusterIdentifier: "analytics",
    dbUser: "sales@example.com",
    autoCreate: true,
    dbGroups: ["sales"],
  });
  assert.equal(connection.host, "analytics.c1abcdef2ghi.us-east-1.redshift.amazonaws.com");
  assert.equal(connection.port, 5439);
  assert.equal(connection.database, "sales");
  assert.equal(connection.user, "IAMA:sales@example.com");
  const calls = emu.state.redshift.calls;
  assert.deepEqual(calls.map((c) => c.action), ["DescribeClusters", "GetClusterCredentials"]);
  assert.equal(connection.password, calls[1].password);
  assert.equal(calls[1].accessKeyId, credentials.accessKeyId, "signed with the role's keys");
  assert.equal(calls[1].params["DbGroups.DbGroup.1"], "sales");
  assertNoneShown(connection, [connection.password], "the connection");
});

Deno.test("with host, port and dbName given, only GetClusterCredentials is called", async () => {
  await using emu = await startEmulator();
  emu.state.redshift.addCluster({ identifier: "analytics" });
  const connection = await redshiftConnectionCredentials({
    credentials: emu.credentials,
    region: "us-east-1",
    endpoint: emu.url,
    clusterIdentifier: "analytics",
    dbUser: "alice",
    dbName: "dev",
    host: "proxy.internal",
    port: 6000,
  });
  assert.deepEqual(
    { host: connection.host, port: connection.port, user: connection.user },
    { host: "proxy.internal", port: 6000, user: "IAM:alice" },
  );
  assert.deepEqual(emu.state.redshift.calls.map((c) => c.action), ["GetClusterCredentials"]);
});

Deno.test("without dbUser the flow uses GetClusterCredentialsWithIAM, from a provider", async () => {
  await using emu = await startEmulator();
  emu.state.addRole({ arn: ROLE });
  emu.state.redshift.addCluster({ identifier: "analytics" });
  const provider = fromAssumeRole({
    roleArn: ROLE,
    source: emu.credentials,
    endpoint: emu.url,
  });
  const connection = await redshiftConnectionCredentials({
    credentials: provider,
    region: "us-east-1",
    endpoint: emu.url,
    clusterIdentifier: "analytics",
  });
  assert.equal(connection.user, "IAMR:analyst");
  assert.equal(connection.database, "dev");
  assert.equal(emu.state.redshift.calls.at(-1)!.action, "GetClusterCredentialsWithIAM");
});

Deno.test("serverless flow: GetCredentials, account from GetCallerIdentity for the host", async () => {
  await using emu = await startEmulator();
  emu.state.redshift.addWorkgroup({ name: "adhoc" });
  const connection = await redshiftServerlessConnectionCredentials({
    credentials: emu.credentials,
    region: "eu-west-1",
    endpoint: emu.url,
    stsEndpoint: emu.url,
    workgroupName: "adhoc",
  });
  assert.equal(connection.host, "adhoc.123456789012.eu-west-1.redshift-serverless.amazonaws.com");
  assert.equal(connection.port, 5439);
  assert.equal(connection.database, "dev");
  assert.equal(connection.password, emu.state.redshift.calls.at(-1)!.password);
  assertNoneShown(connection, [connection.password], "the connection");
  const given = await redshiftServerlessConnectionCredentials({
    credentials: emu.credentials,
    region: "eu-west-1",
    endpoint: emu.url,
    workgroupName: "adhoc",
    host: "wg.example",
    port: 5440,
  });
  assert.equal(`${given.host}:${given.port}`, "wg.example:5440");
});
