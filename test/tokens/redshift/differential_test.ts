// The parameters iamfetch sends to Redshift and Redshift Serverless equal those AWS SDK v3
// sends for the same inputs (both against the emulator, which records every call), and the
// SDK reads the emulator's answers, which checks their shapes against AWS's models.
import assert from "node:assert/strict";
import {
  DescribeClustersCommand,
  GetClusterCredentialsCommand,
  GetClusterCredentialsWithIAMCommand,
  RedshiftClient as SdkRedshiftClient,
} from "@aws-sdk/client-redshift";
import {
  GetCredentialsCommand,
  RedshiftServerlessClient as SdkServerlessClient,
} from "@aws-sdk/client-redshift-serverless";
import { RedshiftClient, RedshiftServerlessClient } from "../../../src/tokens/mod.ts";
import { startEmulator } from "../../emulator/emulator.ts";

Deno.test("Redshift Query parameters equal @aws-sdk/client-redshift's", async () => {
  await using emu = await startEmulator();
  emu.state.redshift.addCluster({ identifier: "analytics", port: 5440 });
  const options = { credentials: emu.credentials, region: "us-east-1", endpoint: emu.url };
  const getCredentials = {
    DbUser: "sales@example.com",
    DbName: "dev",
    ClusterIdentifier: "analytics",
    DurationSeconds: 1800,
    AutoCreate: false,
    DbGroups: ["sales", "readers"],
  };
  const withIam = { ClusterIdentifier: "analytics", DbName: "dev", DurationSeconds: 900 };
  const describe = { ClusterIdentifier: "analytics" };

  const ours = new RedshiftClient(options);
  const oursCredentials = await ours.getClusterCredentials(getCredentials);
  const oursIam = await ours.getClusterCredentialsWithIam(withIam);
  const oursClusters = await ours.describeClusters(describe);

  const sdk = new SdkRedshiftClient(options);
  const sdkCredentials = await sdk.send(new GetClusterCredentialsCommand(getCredentials));
  const sdkIam = await sdk.send(new GetClusterCredentialsWithIAMCommand(withIam));
  const sdkClusters = await sdk.send(new DescribeClustersCommand(describe));
  sdk.destroy();

  const calls = emu.state.redshift.calls;
  assert.equal(calls.length, 6);
  for (let i = 0; i < 3; i++) {
    assert.deepEqual(calls[i].params, calls[i + 3].params, calls[i].action);
  }
  assert.equal(sdkCredentials.DbUser, oursCredentials.dbUser);
  assert.equal(sdkCredentials.Expiration instanceof Date, true);
  assert.equal(sdkIam.DbUser, oursIam.dbUser);
  assert.ok(sdkIam.NextRefreshTime instanceof Date);
  const cluster = sdkClusters.Clusters?.[0];
  assert.equal(cluster?.Endpoint?.Address, oursClusters.clusters[0].endpoint?.address);
  assert.equal(cluster?.Endpoint?.Port, 5440);
  assert.equal(cluster?.DBName, oursClusters.clusters[0].dbName);
});

Deno.test("the SDK reads the emulator's ClusterNotFound as ClusterNotFoundFault", async () => {
  await using emu = await startEmulator();
  const sdk = new SdkRedshiftClient({
    credentials: emu.credentials,
    region: "us-east-1",
    endpoint: emu.url,
  });
  const error = await sdk.send(new DescribeClustersCommand({ ClusterIdentifier: "nope" }))
    .catch((e) => e);
  sdk.destroy();
  assert.equal(error.name, "ClusterNotFoundFault");
  assert.equal(error.$metadata.httpStatusCode, 404);
});

Deno.test("Redshift Serverless JSON bodies equal @aws-sdk/client-redshift-serverless's", async () => {
  await using emu = await startEmulator();
  emu.state.redshift.addWorkgroup({ name: "adhoc" });
  const options = { credentials: emu.credentials, region: "us-east-1", endpoint: emu.url };
  const input = { workgroupName: "adhoc", dbName: "dev", durationSeconds: 1200 };
  const ours = await new RedshiftServerlessClient(options).getCredentials(input);
  const sdk = new SdkServerlessClient(options);
  const theirs = await sdk.send(new GetCredentialsCommand(input));
  const missing = await sdk.send(new GetCredentialsCommand({ workgroupName: "nope" }))
    .catch((e) => e);
  sdk.destroy();
  const calls = emu.state.redshift.calls;
  assert.deepEqual(calls[0].params, calls[1].params);
  assert.equal(theirs.dbUser, ours.dbUser);
  assert.ok(theirs.expiration instanceof Date);
  assert.ok(Math.abs(theirs.expiration.getTime() - ours.expiration.getTime()) < 5_000);
  assert.equal(missing.name, "ResourceNotFoundException");
});
