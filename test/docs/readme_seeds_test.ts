// README.md "Bring your configuration": each runnable example, as written, against the
// emulator (which verifies every signature and SAML assertion) and the fake IdPs.
import assert from "node:assert/strict";
import { startEmulator } from "../emulator/emulator.ts";
import { startFakeOkta } from "../idp/okta/fake_okta.ts";
import { registerTestIdp } from "../idp/saml_issuer.ts";
import { assertIssuedKey, readmeBlock, runReadmeBlock } from "./readme_run.ts";

// The AWS documentation's example keys, as the seeds write them.
const EXAMPLE_KEYS = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};
const PRINCIPAL = "arn:aws:iam::215338515180:saml-provider/okta";
const PUSH = [{ type: "push", answer: "approve", afterPolls: 1 }] as const;

Deno.test("README: a CData AwsIAMRoles string assumes the role and reaches StorageBaseURL", async () => {
  await using emu = await startEmulator();
  emu.state.addIdentity(EXAMPLE_KEYS);
  emu.state.addRole({ arn: "arn:aws:iam::215338515180:role/avro-reader" });
  const out = await runReadmeBlock(await readmeBlock("cdata-s3"), {
    "https://sts.eu-west-1.amazonaws.com": emu.url,
    "http://127.0.0.1:9000": `${emu.url}/s3`,
  });
  assert.deepEqual(out, ["200 Obj\x01"]);
  const call = emu.state.stsCalls.find((c) => c.action === "AssumeRole");
  assert.equal(call?.params.ExternalId, "partner-42");
  assert.match(emu.state.s3Objects.get("avro/events.avro")?.uploadedBy ?? "", /^ASIA/);
});

Deno.test("README: a CData Okta string with MFAType=OktaVerify pushes, then AssumeRoleWithSAML", async () => {
  await using emu = await startEmulator();
  registerTestIdp(emu.state, { principalArn: PRINCIPAL });
  const role = "arn:aws:iam::215338515180:role/SSOTest2";
  emu.state.addRole({ arn: role });
  await using okta = await startFakeOkta({
    users: [{ login: "oktaUserName", password: "okta-pw-1", factors: PUSH }],
    roles: [{ roleArn: role, principalArn: PRINCIPAL }],
  });
  const out = await runReadmeBlock(await readmeBlock("cdata-okta"), {
    "https://idp.example.com": okta.url,
    "https://sts.eu-west-1.amazonaws.com": emu.url,
  }, { OKTA_PASSWORD: "okta-pw-1" });
  assert.equal(out.length, 2);
  assert.match(out[0], /push/i);
  assertIssuedKey(out[1], emu.state);
  assert.equal(
    emu.state.stsCalls.find((c) => c.action === "AssumeRoleWithSAML")?.params.RoleArn,
    role,
  );
  const verify = okta.state.log.find((r) => r.path.includes("/verify"));
  assert.equal(verify?.query.rememberDevice, "false");
});

Deno.test("README: the Airflow aws:// URI with role_arn assumes the role as Airflow_aws_default", async () => {
  await using emu = await startEmulator();
  emu.state.addIdentity(EXAMPLE_KEYS);
  emu.state.addRole({ arn: "arn:aws:iam::112223334444:role/my_role" });
  const out = await runReadmeBlock(await readmeBlock("airflow-uri"), {
    "https://sts.ap-southeast-2.amazonaws.com": emu.url,
  });
  assert.equal(out.length, 1);
  assert.ok(out[0].startsWith("ap-southeast-2 "));
  assertIssuedKey(out[0], emu.state);
  const call = emu.state.stsCalls.find((c) => c.action === "AssumeRole");
  assert.equal(call?.params.RoleSessionName, "Airflow_aws_default");
  assert.equal(call?.params.RoleArn, "arn:aws:iam::112223334444:role/my_role");
});

Deno.test("README: the wrapper's iam_host / iam_region / iam_default_port / iam_expiration", async () => {
  const out = await runReadmeBlock(await readmeBlock("rds-wrapper"), {}, {
    AWS_ACCESS_KEY_ID: EXAMPLE_KEYS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: EXAMPLE_KEYS.secretAccessKey,
    AWS_SESSION_TOKEN: "session-token",
  });
  assert.deepEqual(out, ["database.cluster-hash.us-east-1.rds.amazonaws.com:1234/", "true"]);
});

Deno.test("README: the Redshift connector's Okta SSO → GetClusterCredentials with auto_create, db_groups", async () => {
  await using emu = await startEmulator();
  registerTestIdp(emu.state, { principalArn: PRINCIPAL });
  emu.state.addRole({ arn: "arn:aws:iam::215338515180:role/redshift-sales" });
  emu.state.redshift.addCluster({ identifier: "examplecluster", region: "us-east-1" });
  await using okta = await startFakeOkta({
    users: [{ login: "sales@example.com", password: "okta-pw-2" }],
    roles: [{ roleArn: "arn:aws:iam::215338515180:role/redshift-sales", principalArn: PRINCIPAL }],
  });
  const out = await runReadmeBlock(await readmeBlock("redshift-okta"), {
    "https://idp.example.com": okta.url,
    "https://sts.us-east-1.amazonaws.com": emu.url,
    "https://redshift.us-east-1.amazonaws.com": emu.url,
  }, { OKTA_PASSWORD: "okta-pw-2" });
  assert.equal(out.length, 1);
  assert.match(
    out[0],
    /sales@example\.com examplecluster\.c1abcdef2ghi\.us-east-1\.redshift\.amazonaws\.com 5439 dev$/,
  );
  const call = emu.state.redshift.calls.find((c) => c.action === "GetClusterCredentials");
  assert.equal(call?.params.DbUser, "sales@example.com");
  assert.equal(call?.params.AutoCreate, "true");
  assert.equal(call?.params["DbGroups.member.1"] ?? call?.params["DbGroups.DbGroup.1"], "sales");
});
