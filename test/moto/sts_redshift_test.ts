// STS and Redshift through iamfetch's public API (StsClient, fromAssumeRole, RedshiftClient)
// against moto_server with signature checking on. Moto's limits that shape these cases
// (fixed GetSessionToken / GetFederationToken keys it refuses) are listed at the top of
// services_test.ts.
import assert from "node:assert/strict";
import {
  AwsClient,
  AwsError,
  awsErrorFromResponse,
  fromAssumeRole,
  RedshiftClient,
  StsClient,
  type StsCredentialsResult,
} from "../../mod.ts";
import { createRole } from "./iam_roles.ts";
import { startMoto } from "./moto_server.ts";
import { assertS3RoundTrip } from "./s3_round_trip.ts";
import { plainName, unreservedName } from "./random_input.ts";
import { assertNoneShown } from "../security/assert_no_secrets.ts";

const REGION = "us-east-1";

function assertTemporaryCredentials(result: StsCredentialsResult, what: string): void {
  const { credentials } = result;
  assert.match(credentials.accessKeyId, /^(ASIA|AKIA)[A-Z0-9]{16}$/, what);
  assert.ok(credentials.secretAccessKey.length >= 16, what);
  assert.ok((credentials.sessionToken ?? "").length > 0, `${what}: no session token`);
  assert.ok(credentials.expiration.getTime() > Date.now(), `${what}: already expired`);
}

Deno.test("moto (signatures checked) answers iamfetch's STS and Redshift calls", async (t) => {
  await using moto = await startMoto({ checkSignatures: true });
  const sts = new StsClient({ credentials: moto.credentials, endpoint: moto.endpoint });
  const bucket = `iamfetch-${plainName(12)}`;
  const admin = new AwsClient({ credentials: moto.credentials, service: "s3", region: REGION });
  assert.equal((await admin.fetch(`${moto.endpoint}/${bucket}`, { method: "PUT" })).status, 200);

  await t.step("GetCallerIdentity names moto's IAM user", async () => {
    const identity = await sts.getCallerIdentity();
    assert.equal(identity.account, moto.accountId);
    assert.equal(identity.arn, `arn:aws:iam::${moto.accountId}:user/${moto.userName}`);
    assert.ok(identity.userId.length > 0);
  });

  await t.step("AssumeRole, then calls signed with the role's keys", async () => {
    const role = `iamfetch-${plainName(8)}`;
    const session = unreservedName(12).replace(/~/g, "_");
    const assumed = await sts.assumeRole({
      RoleArn: await createRole(moto, moto.credentials, role),
      RoleSessionName: session,
      DurationSeconds: 900,
    });
    assertTemporaryCredentials(assumed, "AssumeRole");
    assert.match(assumed.credentials.accessKeyId, /^ASIA/);
    assert.equal(assumed.arn, `arn:aws:sts::${moto.accountId}:assumed-role/${role}/${session}`);
    const asRole = new StsClient({ credentials: assumed.credentials, endpoint: moto.endpoint });
    assert.equal((await asRole.getCallerIdentity()).arn, assumed.arn);
    await assertS3RoundTrip(moto.endpoint, bucket, assumed.credentials);
  });

  await t.step("fromAssumeRole: a provider of role credentials for AwsClient", async () => {
    const provider = fromAssumeRole({
      source: moto.credentials,
      roleArn: await createRole(moto, moto.credentials, "provider-role"),
      roleSessionName: "provider-session",
      endpoint: moto.endpoint,
    });
    const credentials = await provider();
    assert.match(credentials.accessKeyId, /^ASIA/);
    const identity = await new StsClient({ credentials: provider, endpoint: moto.endpoint })
      .getCallerIdentity();
    assert.equal(
      identity.arn,
      `arn:aws:sts::${moto.accountId}:assumed-role/provider-role/provider-session`,
    );
    await assertS3RoundTrip(moto.endpoint, bucket, credentials);
  });

  await t.step("GetSessionToken and GetFederationToken answer credentials", async () => {
    // moto answers a fixed example key for both and refuses it afterwards
    // (InvalidClientTokenId), so these credentials are checked for shape, not used.
    assertTemporaryCredentials(await sts.getSessionToken({ DurationSeconds: 900 }), "session");
    const name = `fed-${plainName(8)}`;
    const federated = await sts.getFederationToken({ Name: name, DurationSeconds: 900 });
    assertTemporaryCredentials(federated, "federation");
    assert.equal(federated.arn, `arn:aws:sts::${moto.accountId}:federated-user/${name}`);
  });

  await t.step(
    "Redshift: CreateCluster, then GetClusterCredentials and DescribeClusters",
    async () => {
      const cluster = `iamfetch-${plainName(10)}`;
      const redshiftQuery = new AwsClient({
        credentials: moto.credentials,
        service: "redshift",
        region: REGION,
      });
      const created = await redshiftQuery.fetch(`${moto.endpoint}/`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
        body: new URLSearchParams({
          Action: "CreateCluster",
          Version: "2012-12-01",
          ClusterIdentifier: cluster,
          NodeType: "dc2.large",
          ClusterType: "single-node",
          MasterUsername: "admin",
          MasterUserPassword: `Pw1${plainName(12)}`,
          DBName: "analytics",
        }).toString(),
      });
      assert.equal(created.status, 200, (await awsErrorFromResponse(created.clone())).message);
      await created.body?.cancel();
      const redshift = new RedshiftClient({
        credentials: moto.credentials,
        region: REGION,
        endpoint: moto.endpoint,
      });
      const user = `u${plainName(8)}`;
      const db = await redshift.getClusterCredentials({
        ClusterIdentifier: cluster,
        DbUser: user,
        DbName: "analytics",
        AutoCreate: true,
        DurationSeconds: 900,
      });
      // With AutoCreate, Redshift (and moto) name the user `IAMA:<user>`.
      assert.equal(db.dbUser, `IAMA:${user}`);
      assert.ok(db.dbPassword.length > 0);
      assert.ok(db.expiration.getTime() > Date.now());
      assertNoneShown(db, [db.dbPassword], "the cluster credentials");
      const { clusters } = await redshift.describeClusters({ ClusterIdentifier: cluster });
      assert.equal(clusters.length, 1);
      assert.equal(clusters[0].identifier, cluster);
      assert.equal(clusters[0].dbName, "analytics");
      assert.equal(clusters[0].endpoint?.port, 5439);
      const missing = await redshift.getClusterCredentials({
        ClusterIdentifier: `missing-${plainName(6)}`,
        DbUser: user,
      }).catch((error) => error);
      assert.ok(missing instanceof AwsError);
      assert.equal(missing.code, "ClusterNotFound");
      assert.equal(missing.status, 404);
    },
  );

  await t.step("a wrong secret or an unknown key: AwsError with moto's code", async () => {
    const wrongSecret = `${moto.credentials.secretAccessKey}x`;
    const refused = await new StsClient({
      credentials: { ...moto.credentials, secretAccessKey: wrongSecret },
      endpoint: moto.endpoint,
    }).getCallerIdentity().catch((error) => error);
    assert.ok(refused instanceof AwsError, String(refused));
    assert.equal(refused.code, "SignatureDoesNotMatch");
    assert.equal(refused.status, 403);
    assert.equal(refused.retryable, false);
    assert.ok(!refused.message.includes(wrongSecret));
    const unknown = await new StsClient({
      credentials: { accessKeyId: `AKIA${plainName(16).toUpperCase()}`, secretAccessKey: "x" },
      endpoint: moto.endpoint,
    }).getCallerIdentity().catch((error) => error);
    assert.ok(unknown instanceof AwsError, String(unknown));
    assert.equal(unknown.code, "InvalidClientTokenId");
    const redshift = await new RedshiftClient({
      credentials: { ...moto.credentials, secretAccessKey: wrongSecret },
      region: REGION,
      endpoint: moto.endpoint,
    }).describeClusters().catch((error) => error);
    assert.ok(redshift instanceof AwsError, String(redshift));
    assert.equal(redshift.code, "SignatureDoesNotMatch");
  });
});
