import assert from "node:assert/strict";
import { StsClient, type StsClientOptions } from "../../src/sts/mod.ts";
import { explicitPlatform } from "../../src/credentials/platform/explicit.ts";
import { AwsError } from "../../src/http/errors.ts";
import { startEmulator } from "../emulator/emulator.ts";
import { trustedWebIdentityToken } from "../emulator/federation_fixtures.ts";
import { registerTestIdp, signedSamlResponse } from "../idp/saml_issuer.ts";

const ROLE = "arn:aws:iam::123456789012:role/reader";

Deno.test("assumeRole returns credentials that sign as the assumed role", async () => {
  await using emu = await startEmulator();
  emu.state.addRole({ arn: ROLE, externalId: "ext-42" });
  const sts = new StsClient({ credentials: emu.credentials, endpoint: emu.url });
  const result = await sts.assumeRole({
    RoleArn: ROLE,
    RoleSessionName: "nightly",
    ExternalId: "ext-42",
    Tags: [{ Key: "team", Value: "data" }],
    TransitiveTagKeys: ["team"],
    PolicyArns: [{ arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }],
    SourceIdentity: "alice",
  });
  assert.match(result.credentials.accessKeyId, /^ASIA/);
  assert.ok(result.credentials.expiration.getTime() > Date.now());
  assert.equal(result.arn, "arn:aws:sts::123456789012:assumed-role/reader/nightly");
  assert.equal(result.sourceIdentity, "alice");
  const call = emu.state.stsCalls.at(-1)!;
  assert.equal(call.params["Tags.member.1.Key"], "team");
  assert.equal(call.params["TransitiveTagKeys.member.1"], "team");
  assert.equal(call.params["PolicyArns.member.1.arn"], "arn:aws:iam::aws:policy/ReadOnlyAccess");

  const asRole = new StsClient({ credentials: result.credentials, endpoint: emu.url });
  assert.equal((await asRole.getCallerIdentity()).arn, result.arn);
});

Deno.test("assumeRole with a wrong external id is a typed AccessDenied", async () => {
  await using emu = await startEmulator();
  emu.state.addRole({ arn: ROLE, externalId: "ext-42" });
  const sts = new StsClient({ credentials: emu.credentials, endpoint: emu.url });
  const error = await sts.assumeRole({
    RoleArn: ROLE,
    RoleSessionName: "session",
    ExternalId: "nope",
  })
    .catch((e) => e);
  assert.ok(error instanceof AwsError);
  assert.equal(error.code, "AccessDenied");
  assert.equal(error.status, 403);
  assert.equal(error.retryable, false);
  assert.ok(error.requestId);
  assert.equal(emu.state.stsCalls.length, 1, "a 403 is not retried");
});

Deno.test("web identity and SAML calls need no credentials", async () => {
  await using emu = await startEmulator();
  emu.state.addRole({ arn: ROLE });
  const sts = new StsClient({ endpoint: emu.url });
  const token = trustedWebIdentityToken(emu.state, {
    issuer: "https://issuer.example",
    sub: "repo:octo/app",
  });
  const web = await sts.assumeRoleWithWebIdentity({
    RoleArn: ROLE,
    RoleSessionName: "ci",
    WebIdentityToken: token,
  });
  assert.equal(web.subject, "repo:octo/app");
  const principal = "arn:aws:iam::123456789012:saml-provider/okta";
  registerTestIdp(emu.state, { principalArn: principal });
  const saml = await sts.assumeRoleWithSaml({
    RoleArn: ROLE,
    PrincipalArn: principal,
    SAMLAssertion: signedSamlResponse({ roles: [{ roleArn: ROLE, principalArn: principal }] }),
  });
  assert.match(saml.credentials.accessKeyId, /^ASIA/);
  assert.equal(emu.state.stsCalls.every((call) => call.accessKeyId === undefined), true);
});

Deno.test("getSessionToken with MFA and getFederationToken", async () => {
  await using emu = await startEmulator();
  emu.state.mfaDevices.set("arn:aws:iam::123456789012:mfa/me", "654321");
  const sts = new StsClient({ credentials: emu.credentials, endpoint: emu.url });
  const session = await sts.getSessionToken({
    SerialNumber: "arn:aws:iam::123456789012:mfa/me",
    TokenCode: "654321",
    DurationSeconds: 3600,
  });
  assert.match(session.credentials.accessKeyId, /^ASIA/);
  const wrong = await sts.getSessionToken({
    SerialNumber: "arn:aws:iam::123456789012:mfa/me",
    TokenCode: "000000",
  }).catch((e) => e);
  assert.equal(wrong instanceof AwsError && wrong.code, "AccessDenied");
  const federated = await sts.getFederationToken({ Name: "alice", DurationSeconds: 900 });
  assert.match(federated.arn ?? "", /federated-user\/alice$/);
});

Deno.test("signed calls without credentials fail before any request", async () => {
  const sts = new StsClient({ endpoint: "http://127.0.0.1:9" });
  const error = await sts.getCallerIdentity().catch((e) => e);
  assert.equal(error instanceof AwsError && error.code, "MissingCredentials");
  await assert.rejects(
    sts.assumeRole({ RoleArn: "", RoleSessionName: "x" }),
    TypeError,
  );
});

Deno.test("StsClient defaults to regional endpoints, China included", async () => {
  // Nothing configured: no AWS_ENDPOINT_URL*, no profile.
  const platform = explicitPlatform({ env: {} });
  const endpoint = (options: StsClientOptions) =>
    new StsClient({ platform, ...options }).endpoint().then((url) => url.href);
  assert.equal(await endpoint({ region: "eu-west-1" }), "https://sts.eu-west-1.amazonaws.com/");
  assert.equal(
    await endpoint({ region: "cn-north-1" }),
    "https://sts.cn-north-1.amazonaws.com.cn/",
  );
  assert.equal(await endpoint({ region: "aws-global" }), "https://sts.amazonaws.com/");
  assert.equal(await endpoint({ endpoint: "http://127.0.0.1:9000" }), "http://127.0.0.1:9000/");
});
