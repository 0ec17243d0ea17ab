import assert from "node:assert/strict";
import { explicitPlatform } from "../../src/credentials/platform/explicit.ts";
import { fromIni } from "../../src/sts/from_ini.ts";
import {
  defaultProvider,
  fromAssumeRole,
  fromSessionToken,
  fromWebIdentity,
  StsClient,
  stsRoleAssumer,
} from "../../src/sts/mod.ts";
import { startEmulator } from "../emulator/emulator.ts";
import { trustedWebIdentityToken } from "../emulator/federation_fixtures.ts";

const ROLE = "arn:aws:iam::123456789012:role/reader";

function assumeRoleCalls(emu: { state: { stsCalls: { action: string }[] } }) {
  return emu.state.stsCalls.filter((call) => call.action === "AssumeRole").length;
}

Deno.test("fromAssumeRole with external id and MFA yields the role's credentials", async () => {
  await using emu = await startEmulator();
  emu.state.addRole({
    arn: ROLE,
    externalId: "ext",
    requireMfa: { serialNumber: "arn:aws:iam::123456789012:mfa/me", code: "123456" },
  });
  const codes: string[] = [];
  const provider = fromAssumeRole({
    source: emu.credentials,
    roleArn: ROLE,
    externalId: "ext",
    mfaSerial: "arn:aws:iam::123456789012:mfa/me",
    mfaCodeProvider: (serial) => {
      codes.push(serial);
      return Promise.resolve("123456");
    },
    endpoint: emu.url,
  });
  const credentials = await provider();
  const identity = await new StsClient({ credentials, endpoint: emu.url }).getCallerIdentity();
  assert.match(identity.arn, /assumed-role\/reader\/iamfetch-\d+$/);
  assert.deepEqual(codes, ["arn:aws:iam::123456789012:mfa/me"]);
});

Deno.test("10,000 concurrent requests across an expiry make exactly one STS call", async () => {
  await using emu = await startEmulator();
  emu.state.addRole({ arn: ROLE });
  const provider = fromAssumeRole({
    source: emu.credentials,
    roleArn: ROLE,
    endpoint: emu.url,
    durationSeconds: 900,
  });
  // Issue credentials that expire 60 s from now: inside the 5-minute refresh window.
  emu.state.fixedTime = new Date(Date.now() - 840_000);
  const first = await Promise.all(Array.from({ length: 10_000 }, () => provider()));
  assert.equal(assumeRoleCalls(emu), 1);
  assert.ok(first.every((c) => c.accessKeyId === first[0].accessKeyId));
  emu.state.fixedTime = undefined;
  const second = await Promise.all(Array.from({ length: 10_000 }, () => provider()));
  assert.equal(assumeRoleCalls(emu), 2, "one refresh for all 10,000 callers");
  assert.ok(second.every((c) => c.accessKeyId === second[0].accessKeyId));
  assert.notEqual(second[0].accessKeyId, first[0].accessKeyId);
  await Promise.all(Array.from({ length: 100 }, () => provider()));
  assert.equal(assumeRoleCalls(emu), 2, "fresh credentials are served from the cache");
});

Deno.test("fromWebIdentity reads AWS_ROLE_ARN and a token file, and needs no credentials", async () => {
  await using emu = await startEmulator();
  emu.state.addRole({ arn: ROLE });
  const token = trustedWebIdentityToken(emu.state, {
    issuer: "https://oidc.eks.example",
    sub: "system:serviceaccount:default:app",
  });
  const platform = explicitPlatform({
    env: {
      AWS_ROLE_ARN: ROLE,
      AWS_WEB_IDENTITY_TOKEN_FILE: "/var/run/secrets/token",
      AWS_ROLE_SESSION_NAME: "pod-1",
    },
    files: { "/var/run/secrets/token": token + "\n" },
  });
  const credentials = await fromWebIdentity({ platform, endpoint: emu.url })();
  assert.match(credentials.accessKeyId, /^ASIA/);
  assert.equal(emu.state.stsCalls[0].params.RoleSessionName, "pod-1");
  assert.equal(emu.state.stsCalls[0].accessKeyId, undefined);
});

Deno.test("fromSessionToken asks for the MFA code and defaults to 3600 s", async () => {
  await using emu = await startEmulator();
  emu.state.mfaDevices.set("arn:aws:iam::123456789012:mfa/me", "111222");
  const credentials = await fromSessionToken({
    source: emu.credentials,
    mfaSerial: "arn:aws:iam::123456789012:mfa/me",
    mfaCodeProvider: () => Promise.resolve("111222"),
    endpoint: emu.url,
  })();
  assert.match(credentials.accessKeyId, /^ASIA/);
  assert.equal(emu.state.stsCalls[0].params.DurationSeconds, "3600");
});

Deno.test("fromIni with stsRoleAssumer follows source_profile into a real AssumeRole", async () => {
  await using emu = await startEmulator();
  emu.state.addRole({ arn: ROLE, externalId: "x-1" });
  const platform = explicitPlatform({
    env: {},
    homeDir: "/home/me",
    files: {
      "/home/me/.aws/credentials":
        `[base]\naws_access_key_id = ${emu.credentials.accessKeyId}\naws_secret_access_key = ${emu.credentials.secretAccessKey}\n`,
      "/home/me/.aws/config":
        `[profile reader]\nrole_arn = ${ROLE}\nsource_profile = base\nexternal_id = x-1\nrole_session_name = ini-session\n`,
    },
  });
  const credentials = await fromIni({
    profile: "reader",
    platform,
    roleAssumer: stsRoleAssumer({ endpoint: emu.url }),
  })();
  const identity = await new StsClient({ credentials, endpoint: emu.url }).getCallerIdentity();
  assert.match(identity.arn, /assumed-role\/reader\/ini-session$/);
});

Deno.test("defaultProvider: environment first, but an explicit profile wins", async () => {
  const env = {
    AWS_ACCESS_KEY_ID: "AKIDFROMENV",
    AWS_SECRET_ACCESS_KEY: "env-secret",
    AWS_EC2_METADATA_DISABLED: "true",
  };
  const files = {
    "/home/me/.aws/credentials":
      "[dev]\naws_access_key_id = AKIDFROMPROFILE\naws_secret_access_key = s\n",
  };
  const fromEnvFirst = await defaultProvider({
    platform: explicitPlatform({ env, files, homeDir: "/home/me" }),
  })();
  assert.equal(fromEnvFirst.accessKeyId, "AKIDFROMENV");
  const profiled = await defaultProvider({
    platform: explicitPlatform({ env: { ...env, AWS_PROFILE: "dev" }, files, homeDir: "/home/me" }),
  })();
  assert.equal(profiled.accessKeyId, "AKIDFROMPROFILE");
});

Deno.test("defaultProvider falls through to the container endpoint, else IMDS", async () => {
  await using emu = await startEmulator();
  const container = await defaultProvider({
    platform: explicitPlatform({
      env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${emu.url}/container/credentials` },
    }),
  })();
  assert.match(container.accessKeyId, /^ASIA/);
  assert.equal(emu.state.requestsTo("/container").length, 1);
  const imds = await defaultProvider({
    platform: explicitPlatform({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.url } }),
  })();
  assert.match(imds.accessKeyId, /^ASIA/);
  assert.ok(emu.state.requestsTo("/latest/").length >= 3);
});

Deno.test("defaultProvider resolves an SSO profile from the CLI's token cache", async () => {
  await using emu = await startEmulator();
  emu.state.sso.accessTokens.add("sso-access-token");
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-1", new TextEncoder().encode("corp")),
  );
  const cacheName = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  const platform = explicitPlatform({
    env: { AWS_PROFILE: "sso-dev" },
    homeDir: "/home/me",
    files: {
      "/home/me/.aws/config":
        "[profile sso-dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Developer\n" +
        "[sso-session corp]\nsso_region = eu-west-1\nsso_start_url = https://corp.awsapps.com/start\n",
      [`/home/me/.aws/sso/cache/${cacheName}.json`]: JSON.stringify({
        accessToken: "sso-access-token",
        expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      }),
    },
  });
  const credentials = await defaultProvider({ platform, ssoPortalEndpoint: emu.url })();
  const identity = await new StsClient({ credentials, endpoint: emu.url }).getCallerIdentity();
  assert.match(identity.arn, /AWSReservedSSO_Developer/);
});

Deno.test("an MFA device without an mfaCodeProvider is refused when the provider is made", () => {
  const source = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
  assert.throws(
    () => fromAssumeRole({ source, roleArn: ROLE, mfaSerial: "arn:aws:iam::1:mfa/me" }),
    TypeError,
  );
  assert.throws(() => fromSessionToken({ source, mfaSerial: "arn:aws:iam::1:mfa/me" }), TypeError);
});
