// The token cache is shared with AWS SDK v3 both ways, through real files in a temporary
// home directory: a login written by ssoLogin is used by @aws-sdk/credential-provider-sso's
// fromSSO; a token refreshed (and rewritten) by @aws-sdk/token-providers is read by
// fromSso; a token refreshed by ssoAccessToken is read by the SDK without refreshing.
import assert from "node:assert/strict";
import { fromSSO } from "@aws-sdk/credential-provider-sso";
import { fromSso as sdkTokenFromSso } from "@aws-sdk/token-providers";
import { fromSso } from "../../../src/credentials/sso/from_sso.ts";
import { ssoAccessToken } from "../../../src/credentials/sso/access_token.ts";
import { ssoLogin } from "../../../src/credentials/sso/device_login.ts";
import { type RunningEmulator, startEmulator } from "../../emulator/emulator.ts";
import { callerArn } from "../../emulator/sts_requests.ts";
import { diskCachePlatform } from "./cache_platform.ts";

const START_URL = "https://my-org.awsapps.com/start";

/** A temporary HOME with a config whose profile `dev` uses sso-session `session`. */
async function home(session: string) {
  const dir = await Deno.makeTempDir({ prefix: "iamfetch-sso-" });
  const configFilepath = `${dir}/.aws/config`;
  await Deno.mkdir(`${dir}/.aws`);
  await Deno.writeTextFile(
    configFilepath,
    `[profile dev]\nsso_session = ${session}\nsso_account_id = 111122223333\n` +
      `sso_role_name = ReadOnly\n[sso-session ${session}]\nsso_start_url = ${START_URL}\n` +
      "sso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n",
  );
  // The SDK finds the cache through HOME; restored when the test ends.
  const previousHome = Deno.env.get("HOME");
  Deno.env.set("HOME", dir);
  return {
    dir,
    configFilepath,
    platform: diskCachePlatform(dir),
    /** The token of profile `dev` as AWS SDK v3 reads (and refreshes) it, past its memory cache. */
    sdkToken: (emulator: RunningEmulator) =>
      sdkTokenFromSso({
        profile: "dev",
        configFilepath,
        filepath: `${dir}/.aws/credentials`,
        ignoreCache: true,
        clientConfig: { endpoint: `${emulator.url}/sso-oidc` },
      })(),
    async [Symbol.asyncDispose]() {
      if (previousHome === undefined) Deno.env.delete("HOME");
      else Deno.env.set("HOME", previousHome);
      await Deno.remove(dir, { recursive: true });
    },
  };
}

async function login(
  emulator: RunningEmulator,
  session: string,
  platform: ReturnType<typeof diskCachePlatform>,
) {
  return await ssoLogin({
    startUrl: START_URL,
    region: "eu-west-1",
    sessionName: session,
    platform,
    oidcEndpoint: `${emulator.url}/sso-oidc`,
    onDeviceCode: () => {},
  });
}

async function editToken(path: string, changes: Record<string, unknown>) {
  const token = JSON.parse(await Deno.readTextFile(path));
  await Deno.writeTextFile(path, JSON.stringify({ ...token, ...changes }));
}

Deno.test("AWS SDK v3's fromSSO uses the cache ssoLogin wrote", async () => {
  await using emulator = await startEmulator();
  await using h = await home("interop-a");
  const result = await login(emulator, "interop-a", h.platform);
  assert.equal((await Deno.stat(result.cacheFile)).mode! & 0o777, 0o600);
  const credentials = await fromSSO({
    profile: "dev",
    configFilepath: h.configFilepath,
    filepath: `${h.dir}/.aws/credentials`,
    ignoreCache: true,
    clientConfig: { endpoint: emulator.url },
  })();
  assert.equal(
    await callerArn(emulator, credentials),
    "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_ReadOnly_0123456789abcdef/emulator-user",
  );
});

Deno.test("a token the SDK refreshed and rewrote is read by fromSso", async () => {
  await using emulator = await startEmulator();
  await using h = await home("interop-b");
  const result = await login(emulator, "interop-b", h.platform);
  await editToken(result.cacheFile, { expiresAt: new Date(Date.now() + 60_000).toISOString() });
  const sdkToken = await h.sdkToken(emulator);
  const calls = emulator.state.ssoOidc.createTokenCalls;
  assert.deepEqual(calls.at(-1), { grantType: "refresh_token", outcome: "ok" });
  const written = JSON.parse(await Deno.readTextFile(result.cacheFile));
  assert.equal(written.accessToken, sdkToken.token);

  const ours = await ssoAccessToken({
    sessionName: "interop-b",
    region: "eu-west-1",
    platform: h.platform,
  });
  assert.equal(ours.accessToken, sdkToken.token);
  assert.equal(ours.expiresAt.getTime(), sdkToken.expiration!.getTime());
  const credentials = await fromSso({
    profile: "dev",
    platform: h.platform,
    portalEndpoint: emulator.url,
  })();
  assert.match(await callerArn(emulator, credentials), /AWSReservedSSO_ReadOnly_/);
  assert.equal(calls.length, 2); // login + the SDK's refresh: fromSso did not refresh again
});

Deno.test("a token ssoAccessToken refreshed is used by the SDK as is", async () => {
  await using emulator = await startEmulator();
  await using h = await home("interop-c");
  const result = await login(emulator, "interop-c", h.platform);
  await editToken(result.cacheFile, { expiresAt: new Date(Date.now() + 60_000).toISOString() });
  const ours = await ssoAccessToken({
    sessionName: "interop-c",
    region: "eu-west-1",
    platform: h.platform,
    oidcEndpoint: `${emulator.url}/sso-oidc`,
  });
  const calls = emulator.state.ssoOidc.createTokenCalls.length;
  const sdkToken = await h.sdkToken(emulator);
  assert.equal(sdkToken.token, ours.accessToken);
  assert.equal(emulator.state.ssoOidc.createTokenCalls.length, calls);
  // The SDK refreshes again (with our rotated refresh token) once ours nears expiry.
  await editToken(result.cacheFile, { expiresAt: new Date(Date.now() + 60_000).toISOString() });
  const again = await h.sdkToken(emulator);
  assert.notEqual(again.token, ours.accessToken);
  assert.deepEqual(emulator.state.ssoOidc.createTokenCalls.at(-1), {
    grantType: "refresh_token",
    outcome: "ok",
  });
});
