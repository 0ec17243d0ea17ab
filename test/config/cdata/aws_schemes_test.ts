import assert from "node:assert/strict";
import { explicitPlatform } from "../../../src/credentials/mod.ts";
import { AwsError } from "../../../src/http/errors.ts";
import type { CredentialProvider } from "../../../src/sigv4/credentials.ts";
import { StsClient } from "../../../src/sts/mod.ts";
import { ConnectionStringError, fromConnectionString } from "../../../src/config/mod.ts";
import { startEmulator, type StsCall } from "../../emulator/emulator.ts";
import { trustedWebIdentityToken } from "../../emulator/federation_fixtures.ts";

const ROLE = "arn:aws:iam::123456789012:role/partner-reader";
const NO_ENV = explicitPlatform();

function lastCall(calls: StsCall[], action: string): Readonly<Record<string, string>> {
  const call = calls.findLast((c) => c.action === action);
  assert.ok(call, `no ${action} call`);
  return call.params;
}

async function callerArn(credentials: CredentialProvider, url: string): Promise<string> {
  return (await new StsClient({ credentials, endpoint: url }).getCallerIdentity()).arn;
}

Deno.test("AwsRootKeys signs as the user; AWSRegion and StorageBaseURL are returned", async () => {
  await using emu = await startEmulator();
  const { accessKeyId, secretAccessKey } = emu.credentials;
  const result = fromConnectionString(
    `authscheme=awsrootkeys; awsaccesskey=${accessKeyId}; AWSSECRETKEY='${secretAccessKey}'; ` +
      "AWSRegion=eu-west-1; StorageBaseURL=http://127.0.0.1:9000",
    { platform: NO_ENV },
  );
  assert.equal(
    await callerArn(result.credentials, emu.url),
    "arn:aws:iam::123456789012:user/emulator-user",
  );
  assert.equal(result.region, "eu-west-1");
  assert.equal(result.endpoint, "http://127.0.0.1:9000");
  assert.deepEqual(result.notes, []);
});

Deno.test("AwsTempCredentials sends AWSSessionToken", async () => {
  await using emu = await startEmulator();
  const temporary = emu.state.addIdentity({ sessionToken: "FwoGZXIvYXdzE-token+/=" });
  const { credentials } = fromConnectionString(
    `AuthScheme=AwsTempCredentials;AWSAccessKey=${temporary.accessKeyId};` +
      `AWSSecretKey=${temporary.secretAccessKey};AWSSessionToken='${temporary.sessionToken}'`,
    { platform: NO_ENV },
  );
  assert.equal(await callerArn(credentials, emu.url), temporary.arn);
  assert.throws(
    () => fromConnectionString("AuthScheme=AwsTempCredentials;AWSAccessKey=A;AWSSecretKey=s"),
    (e) => e instanceof ConnectionStringError && e.key === "AWSSessionToken",
  );
});

Deno.test("AwsIAMRoles assumes AWSRoleARN with AWSExternalId, which the emulator checks", async () => {
  await using emu = await startEmulator();
  emu.state.addRole({ arn: ROLE, externalId: "partner-42" });
  const keys =
    `AWSAccessKey=${emu.credentials.accessKeyId};AWSSecretKey=${emu.credentials.secretAccessKey}`;
  const options = { platform: NO_ENV, stsEndpoint: emu.url };
  const good = fromConnectionString(
    `AuthScheme=AwsIAMRoles;${keys};AWSRoleARN=${ROLE};AWSExternalId=partner-42`,
    options,
  );
  assert.match(await callerArn(good.credentials, emu.url), /assumed-role\/partner-reader\//);
  assert.equal(lastCall(emu.state.stsCalls, "AssumeRole").ExternalId, "partner-42");

  const wrong = fromConnectionString(
    `AuthScheme=AwsIAMRoles;${keys};AWSRoleARN=${ROLE};AWSExternalId=someone-else`,
    options,
  );
  const error = await wrong.credentials().catch((e) => e);
  assert.ok(error instanceof AwsError && error.code === "AccessDenied");
  assert.throws(
    () => fromConnectionString(`AuthScheme=AwsIAMRoles;${keys}`, options),
    (e) =>
      e instanceof ConnectionStringError && e.key === "AWSRoleARN" &&
      /AwsIAMRoles needs/.test(e.message),
  );
});

Deno.test("MFA: MFASerialNumber + MFAToken open a GetSessionToken session of TemporaryTokenDuration", async () => {
  await using emu = await startEmulator();
  const serial = "arn:aws:iam::123456789012:mfa/alice";
  emu.state.mfaDevices.set(serial, "123456");
  const keys =
    `AWSAccessKey=${emu.credentials.accessKeyId};AWSSecretKey=${emu.credentials.secretAccessKey}`;
  const options = { platform: NO_ENV, stsEndpoint: emu.url };
  for (const scheme of ["AwsMFA", "MFA", "AwsRootKeys"]) {
    const { credentials, notes } = fromConnectionString(
      `AuthScheme=${scheme};${keys};MFASerialNumber=${serial};MFAToken=123456;CredentialsLocation=/tmp/mfa.txt`,
      options,
    );
    assert.deepEqual(notes.map((n) => n.split(" ").slice(0, 4).join(" ")), [
      "CredentialsLocation is not used:",
    ]);
    assert.match(await callerArn(credentials, emu.url), /user\/emulator-user/);
    const call = lastCall(emu.state.stsCalls, "GetSessionToken");
    assert.equal(call.DurationSeconds, "3600", "CData's default");
    assert.equal(call.TokenCode, "123456");
    emu.state.stsCalls.length = 0;
  }
  const short = fromConnectionString(
    `AuthScheme=AwsMFA;${keys};MFASerialNumber=${serial};MFAToken=123456;TemporaryTokenDuration=900`,
    options,
  );
  await short.credentials();
  assert.equal(lastCall(emu.state.stsCalls, "GetSessionToken").DurationSeconds, "900");
  const wrong = fromConnectionString(
    `AuthScheme=AwsMFA;${keys};MFASerialNumber=${serial};MFAToken=654321`,
    options,
  );
  assert.ok((await wrong.credentials().catch((e) => e)) instanceof AwsError);
});

Deno.test("MFA codes come from options.mfa when MFAToken is absent", async () => {
  await using emu = await startEmulator();
  const serial = "arn:aws:iam::123456789012:mfa/alice";
  emu.state.addRole({ arn: ROLE, requireMfa: { serialNumber: serial, code: "777777" } });
  const asked: string[] = [];
  const { credentials, notes } = fromConnectionString(
    `AuthScheme=AwsIAMRoles;AWSAccessKey=${emu.credentials.accessKeyId};` +
      `AWSSecretKey=${emu.credentials.secretAccessKey};AWSRoleARN=${ROLE};MFASerialNumber=${serial}`,
    {
      platform: NO_ENV,
      stsEndpoint: emu.url,
      mfa: (challenge) => {
        asked.push(challenge.message);
        return Promise.resolve("777777");
      },
    },
  );
  assert.match(await callerArn(credentials, emu.url), /assumed-role\/partner-reader/);
  assert.deepEqual(asked, [`Enter the current code of MFA device ${serial}.`]);
  assert.deepEqual(notes, []);
  assert.throws(
    () =>
      fromConnectionString(
        `AuthScheme=AwsMFA;AWSAccessKey=A;AWSSecretKey=s;MFASerialNumber=${serial}`,
      ),
    (e) => e instanceof ConnectionStringError && e.key === "MFAToken",
  );
});

Deno.test("AwsTempCredentials with MFA but no role is refused (STS would refuse GetSessionToken)", () => {
  assert.throws(
    () =>
      fromConnectionString(
        "AuthScheme=AwsTempCredentials;AWSAccessKey=A;AWSSecretKey=s;AWSSessionToken=t;MFASerialNumber=m;MFAToken=1",
      ),
    (e) => e instanceof ConnectionStringError && e.key === "MFASerialNumber",
  );
});

Deno.test("AwsCredentialsFile reads AWSCredentialsFileProfile (default: default) from AWSCredentialsFile", async () => {
  await using emu = await startEmulator();
  const { accessKeyId, secretAccessKey } = emu.credentials;
  const other = emu.state.addIdentity({ arn: "arn:aws:iam::123456789012:user/dev" });
  const platform = explicitPlatform({
    files: {
      "/etc/aws/creds":
        `[default]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n` +
        `[dev]\naws_access_key_id = ${other.accessKeyId}\naws_secret_access_key = ${other.secretAccessKey}\n`,
    },
  });
  const dev = fromConnectionString(
    "AuthScheme=AwsCredentialsFile;AWSCredentialsFile=/etc/aws/creds;AWSCredentialsFileProfile=dev",
    { platform },
  );
  assert.equal(await callerArn(dev.credentials, emu.url), "arn:aws:iam::123456789012:user/dev");
  const fallback = fromConnectionString(
    "AuthScheme=AwsCredentialsFile;AWSCredentialsFile=/etc/aws/creds",
    { platform },
  );
  assert.equal(
    await callerArn(fallback.credentials, emu.url),
    "arn:aws:iam::123456789012:user/emulator-user",
  );
});

Deno.test("AwsEC2Roles uses IMDSv2, falls back to IMDSv1, and assumes AWSRoleARN on top", async () => {
  await using emu = await startEmulator();
  emu.state.addRole({ arn: ROLE });
  const platform = explicitPlatform({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.url } });
  const v2 = fromConnectionString("AuthScheme=AwsEC2Roles", { platform });
  assert.match(await callerArn(v2.credentials, emu.url), /assumed-role\/emulator-ec2-role\//);
  assert.ok(emu.state.requestsTo("/latest/api/token").length >= 1);

  emu.state.imds.tokenEndpointMissing = true;
  const v1 = fromConnectionString("AuthScheme=AwsEC2Roles", { platform });
  assert.match(await callerArn(v1.credentials, emu.url), /emulator-ec2-role/);

  const role = fromConnectionString(`AuthScheme=AwsEC2Roles;AWSRoleARN=${ROLE}`, {
    platform,
    stsEndpoint: emu.url,
  });
  assert.match(await callerArn(role.credentials, emu.url), /assumed-role\/partner-reader\//);
});

Deno.test("AwsWebIdentity exchanges AWSWebIdentityToken, or the EKS variables' token file", async () => {
  await using emu = await startEmulator();
  emu.state.addRole({ arn: ROLE });
  const token = trustedWebIdentityToken(emu.state, {
    issuer: "https://oidc.eks.example",
    sub: "pod",
  });
  const explicit = fromConnectionString(
    `AuthScheme=AwsWebIdentity;AWSRoleARN=${ROLE};AWSWebIdentityToken=${token}`,
    { platform: NO_ENV, stsEndpoint: emu.url },
  );
  assert.match(await callerArn(explicit.credentials, emu.url), /assumed-role\/partner-reader\//);

  const platform = explicitPlatform({
    env: { AWS_ROLE_ARN: ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: "/var/run/token" },
    files: { "/var/run/token": token },
  });
  const fromEnv = fromConnectionString("AuthScheme=AwsWebIdentity", {
    platform,
    stsEndpoint: emu.url,
  });
  assert.match(await callerArn(fromEnv.credentials, emu.url), /assumed-role\/partner-reader\//);
});

Deno.test("Auto (and no AuthScheme) uses the keys when given, else the default chain", async () => {
  await using emu = await startEmulator();
  const { accessKeyId, secretAccessKey } = emu.credentials;
  const keys = fromConnectionString(`AWSAccessKey=${accessKeyId};AWSSecretKey=${secretAccessKey}`, {
    platform: NO_ENV,
  });
  assert.equal((await keys.credentials()).accessKeyId, accessKeyId);
  const platform = explicitPlatform({
    env: { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey },
  });
  const chain = fromConnectionString("AuthScheme=Auto;AWSRegion=us-west-2", { platform });
  assert.match(await callerArn(chain.credentials, emu.url), /user\/emulator-user/);
  assert.equal(chain.region, "us-west-2");
});

Deno.test("keys the scheme does not use are reported in notes, by name only", () => {
  const { notes } = fromConnectionString(
    "AuthScheme=AwsRootKeys;AWSAccessKey=A;AWSSecretKey=s;AWSPrincipalARN=arn:aws:iam::1:saml-provider/x;" +
      "AWSSessionToken=SECRET-token-value;InitiateOAuth=GETANDREFRESH",
  );
  assert.equal(notes.length, 3);
  assert.match(notes[0], /^AWSPrincipalARN is not used with AuthScheme=AwsRootKeys/);
  assert.match(notes[1], /^AWSSessionToken is not used/);
  assert.match(notes[2], /^InitiateOAuth is not used/);
  assert.ok(!notes.join().includes("SECRET-token-value"));
});
