// fromIni of the STS layer resolves every kind of profile with nothing but the profile, as
// AWS SDK v3's fromIni does: roles (MFA included), web identity and SSO, against the
// emulator at the endpoints the profile configures; STS is signed in the region the SDK
// would use, and a source profile's own endpoint and region are not the ones used.
import assert from "node:assert/strict";
import { explicitPlatform } from "../../src/credentials/platform/explicit.ts";
import type { Platform } from "../../src/credentials/platform/types.ts";
import { ssoLogin } from "../../src/credentials/sso/device_login.ts";
import { fromIni } from "../../src/sts/mod.ts";
import { startEmulator } from "../emulator/emulator.ts";
import { trustedWebIdentityToken } from "../emulator/federation_fixtures.ts";
import { callerArn } from "../emulator/sts_requests.ts";
import { memoryCachePlatform } from "../credentials/sso/cache_platform.ts";

const HOME = "/home/me";
const ROLE = "arn:aws:iam::123456789012:role/reader";
const CLOSED = "http://127.0.0.1:9"; // discard port: nothing listens

/** Loopback-only fetch recording each request's URL and SigV4 scope region. */
function recordingFetch() {
  const sent: Array<{ origin: string; region?: string }> = [];
  const fetcher: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(
      request.headers.get("authorization") ?? "",
    );
    sent.push({ origin: url.origin, region: scope?.[1] });
    if (url.hostname !== "127.0.0.1") {
      return Promise.reject(new TypeError(`refused to leave loopback for ${url.host}`));
    }
    return fetch(request);
  };
  return { sent, fetch: fetcher };
}

function keysOf(credentials: { accessKeyId: string; secretAccessKey: string }) {
  return `aws_access_key_id = ${credentials.accessKeyId}\n` +
    `aws_secret_access_key = ${credentials.secretAccessKey}\n`;
}

function platformWith(config: string, credentials = "", env: Record<string, string> = {}) {
  return explicitPlatform({
    homeDir: HOME,
    env,
    files: { [`${HOME}/.aws/config`]: config, [`${HOME}/.aws/credentials`]: credentials },
  });
}

Deno.test("a role profile assumes its role through STS with no roleAssumer option", async () => {
  await using emu = await startEmulator();
  emu.state.addRole({ arn: ROLE, externalId: "x-1" });
  const { sent, fetch } = recordingFetch();
  const platform = platformWith(
    `[profile reader]\nrole_arn = ${ROLE}\nsource_profile = base\nexternal_id = x-1\n` +
      `role_session_name = ini\nregion = eu-central-1\nendpoint_url = ${emu.url}\n`,
    `[base]\n${keysOf(emu.credentials)}`,
    { AWS_REGION: "us-west-2" },
  );
  const credentials = await fromIni({ profile: "reader", platform, fetch })();
  assert.equal(
    await callerArn(emu, credentials),
    `arn:aws:sts::123456789012:assumed-role/reader/ini`,
  );
  // AWS SDK v3: the role profile's region comes before AWS_REGION.
  assert.deepEqual(sent, [{ origin: emu.url, region: "eu-central-1" }]);
});

Deno.test("a source profile's own endpoint_url and region are not used: the requested profile's are", async () => {
  await using emu = await startEmulator();
  emu.state.addRole({ arn: ROLE });
  emu.state.addRole({ arn: "arn:aws:iam::123456789012:role/middle" });
  const { sent, fetch } = recordingFetch();
  const platform = platformWith(
    `[profile top]\nrole_arn = ${ROLE}\nsource_profile = middle\nendpoint_url = ${emu.url}\n` +
      `[profile middle]\nrole_arn = arn:aws:iam::123456789012:role/middle\nsource_profile = base\n` +
      `region = ap-south-1\nendpoint_url = ${CLOSED}\n` +
      `[profile base]\nregion = sa-east-1\nendpoint_url = ${CLOSED}\n`,
    `[base]\n${keysOf(emu.credentials)}`,
  );
  const credentials = await fromIni({ profile: "top", platform, fetch })();
  assert.match(await callerArn(emu, credentials), /assumed-role\/reader\//);
  // Both AssumeRole calls of the chain: the top profile's endpoint, and (it has no region,
  // nor has the environment) us-east-1 — as AWS SDK v3 keeps the first role's region.
  assert.deepEqual(sent, [
    { origin: emu.url, region: "us-east-1" },
    { origin: emu.url, region: "us-east-1" },
  ]);
});

Deno.test("an explicit region and endpoint win over the profile's", async () => {
  await using emu = await startEmulator();
  emu.state.addRole({ arn: ROLE });
  const { sent, fetch } = recordingFetch();
  const platform = platformWith(
    `[profile reader]\nrole_arn = ${ROLE}\nsource_profile = base\nregion = eu-central-1\n` +
      `endpoint_url = ${CLOSED}\n`,
    `[base]\n${keysOf(emu.credentials)}`,
  );
  await fromIni({
    profile: "reader",
    platform,
    fetch,
    region: "ca-central-1",
    endpoint: emu.url,
  })();
  assert.deepEqual(sent, [{ origin: emu.url, region: "ca-central-1" }]);
});

Deno.test("mfa_serial: the code comes from mfaCodeProvider and reaches AssumeRole", async () => {
  await using emu = await startEmulator();
  const serial = "arn:aws:iam::123456789012:mfa/me";
  emu.state.addRole({ arn: ROLE, requireMfa: { serialNumber: serial, code: "246810" } });
  const asked: string[] = [];
  const credentials = await fromIni({
    profile: "reader",
    platform: platformWith(
      `[profile reader]\nrole_arn = ${ROLE}\nsource_profile = base\nmfa_serial = ${serial}\n` +
        `endpoint_url = ${emu.url}\n`,
      `[base]\n${keysOf(emu.credentials)}`,
    ),
    mfaCodeProvider: (mfaSerial) => {
      asked.push(mfaSerial);
      return Promise.resolve("246810");
    },
  })();
  assert.match(await callerArn(emu, credentials), /assumed-role\/reader\//);
  assert.deepEqual(asked, [serial]);
});

Deno.test("credential_source = Environment needs no option", async () => {
  await using emu = await startEmulator();
  emu.state.addRole({ arn: ROLE });
  const credentials = await fromIni({
    profile: "reader",
    platform: platformWith(
      `[profile reader]\nrole_arn = ${ROLE}\ncredential_source = Environment\nendpoint_url = ${emu.url}\n`,
      "",
      {
        AWS_ACCESS_KEY_ID: emu.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: emu.credentials.secretAccessKey,
      },
    ),
  })();
  assert.match(await callerArn(emu, credentials), /assumed-role\/reader\//);
});

Deno.test("a web_identity_token_file profile calls AssumeRoleWithWebIdentity, AWS_REGION first", async () => {
  await using emu = await startEmulator();
  emu.state.addRole({ arn: ROLE });
  const token = trustedWebIdentityToken(emu.state, {
    issuer: "https://oidc.eks.example",
    sub: "system:serviceaccount:default:app",
  });
  const { sent, fetch } = recordingFetch();
  const base = platformWith(
    `[profile ci]\nrole_arn = ${ROLE}\nweb_identity_token_file = /var/run/token\n` +
      `role_session_name = ci-run\nregion = eu-central-1\n`,
    "",
    { AWS_ENDPOINT_URL_STS: emu.url, AWS_REGION: "us-west-2" },
  );
  const platform: Platform = {
    ...base,
    readTextFile: (path) =>
      path === "/var/run/token" ? Promise.resolve(token) : base.readTextFile(path),
  };
  const credentials = await fromIni({ profile: "ci", platform, fetch })();
  assert.equal(
    await callerArn(emu, credentials),
    "arn:aws:sts::123456789012:assumed-role/reader/ci-run",
  );
  assert.deepEqual(sent, [{ origin: emu.url, region: undefined }]); // unsigned
  assert.equal(emu.state.stsCalls[0].action, "AssumeRoleWithWebIdentity");
  // With no endpoint configured, the regional one: AWS SDK v3 takes AWS_REGION before the
  // profile's region for web identity (and after it for roles).
  const unconfigured: Platform = {
    ...platform,
    env: (name) => (name === "AWS_ENDPOINT_URL_STS" ? undefined : platform.env(name)),
  };
  const error = await fromIni({ profile: "ci", platform: unconfigured, fetch, maxAttempts: 1 })()
    .catch((e) => e);
  assert.match(String(error?.cause ?? error), /sts\.us-west-2\.amazonaws\.com/);
});

Deno.test("an SSO profile gets its role from the portal its services section names", async () => {
  await using emu = await startEmulator();
  const platform = memoryCachePlatform();
  const startUrl = "https://my-org.awsapps.com/start";
  await ssoLogin({
    startUrl,
    region: "eu-west-1",
    sessionName: "my-sso",
    platform,
    oidcEndpoint: `${emu.url}/sso-oidc`,
    onDeviceCode: () => {},
  });
  platform.files.set(
    `${HOME}/.aws/config`,
    "[profile dev]\nsso_session = my-sso\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n" +
      `services = local\n[sso-session my-sso]\nsso_start_url = ${startUrl}\nsso_region = eu-west-1\n` +
      `[services local]\nsso =\n  endpoint_url = ${emu.url}\n`,
  );
  const { fetch } = recordingFetch();
  const credentials = await fromIni({ profile: "dev", platform, fetch })();
  assert.match(await callerArn(emu, credentials), /assumed-role\/AWSReservedSSO_ReadOnly_/);
});
