// The parameters iamfetch sends to STS equal those AWS SDK v3's client-sts sends for the
// same inputs: both talk to the emulator, which records every call's parameter map.
import assert from "node:assert/strict";
import {
  AssumeRoleCommand,
  AssumeRoleWithSAMLCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
  STSClient,
} from "@aws-sdk/client-sts";
import { StsClient } from "../../src/sts/mod.ts";
import { startEmulator } from "../emulator/emulator.ts";
import { trustedWebIdentityToken } from "../emulator/federation_fixtures.ts";
import { registerTestIdp, signedSamlResponse } from "../idp/saml_issuer.ts";

const ROLE = "arn:aws:iam::123456789012:role/reader";
const PRINCIPAL = "arn:aws:iam::123456789012:saml-provider/okta";

Deno.test("STS request parameters equal @aws-sdk/client-sts's for every action", async () => {
  await using emu = await startEmulator();
  emu.state.addRole({ arn: ROLE, externalId: "ext", maxSessionDuration: 7200 });
  emu.state.mfaDevices.set("arn:aws:iam::123456789012:mfa/me", "123456");
  const token = trustedWebIdentityToken(emu.state, { issuer: "https://issuer.example", sub: "u" });
  registerTestIdp(emu.state, { principalArn: PRINCIPAL });
  const saml = signedSamlResponse({ roles: [{ roleArn: ROLE, principalArn: PRINCIPAL }] });
  const policy = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "s3:Get*", Resource: "*" }],
  });
  const assumeRole = {
    RoleArn: ROLE,
    RoleSessionName: "diff+test@x.y",
    ExternalId: "ext",
    DurationSeconds: 7200,
    Policy: policy,
    PolicyArns: [{ arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }, {
      arn: "arn:aws:iam::aws:policy/Billing",
    }],
    Tags: [{ Key: "team", Value: "data ml:+=/@é" }, { Key: "cost-center", Value: "42" }],
    TransitiveTagKeys: ["team"],
    SourceIdentity: "alice",
  };
  const webIdentity = {
    RoleArn: ROLE,
    RoleSessionName: "ci",
    WebIdentityToken: token,
    DurationSeconds: 900,
  };
  const samlInput = {
    RoleArn: ROLE,
    PrincipalArn: PRINCIPAL,
    SAMLAssertion: saml,
    DurationSeconds: 900,
  };
  const session = {
    SerialNumber: "arn:aws:iam::123456789012:mfa/me",
    TokenCode: "123456",
    DurationSeconds: 900,
  };
  const federation = {
    Name: "alice",
    Policy: policy,
    DurationSeconds: 900,
    Tags: [{ Key: "k", Value: "v" }],
  };

  const sdk = new STSClient({
    region: "us-east-1",
    endpoint: emu.url,
    credentials: emu.credentials,
  });
  await sdk.send(new AssumeRoleCommand(assumeRole));
  await sdk.send(new AssumeRoleWithWebIdentityCommand(webIdentity));
  await sdk.send(new AssumeRoleWithSAMLCommand(samlInput));
  await sdk.send(new GetSessionTokenCommand(session));
  await sdk.send(new GetFederationTokenCommand(federation));
  await sdk.send(new GetCallerIdentityCommand({}));
  sdk.destroy();
  const sdkCalls = emu.state.stsCalls.splice(0);

  const ours = new StsClient({
    region: "us-east-1",
    endpoint: emu.url,
    credentials: emu.credentials,
  });
  await ours.assumeRole(assumeRole);
  await ours.assumeRoleWithWebIdentity(webIdentity);
  await ours.assumeRoleWithSaml(samlInput);
  await ours.getSessionToken(session);
  await ours.getFederationToken(federation);
  await ours.getCallerIdentity();
  const ourCalls = emu.state.stsCalls.splice(0);

  assert.equal(ourCalls.length, 6);
  assert.deepEqual(
    ourCalls.map(({ action, params }) => ({ action, params })),
    sdkCalls.map(({ action, params }) => ({ action, params })),
  );
  assert.deepEqual(
    ourCalls.map((call) => call.accessKeyId !== undefined),
    sdkCalls.map((call) => call.accessKeyId !== undefined),
  );
});
