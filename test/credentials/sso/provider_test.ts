// fromSso and ssoAccessToken against the emulator: the cached token is used while it has
// more than 5 minutes left, renewed with its refresh token (cache rewritten) after, kept
// when renewal fails while it is still valid; then the portal's GetRoleCredentials and
// the paginated account and role listings.
import assert from "node:assert/strict";
import { fromSso } from "../../../src/credentials/sso/from_sso.ts";
import { ssoAccessToken } from "../../../src/credentials/sso/access_token.ts";
import { ssoLogin } from "../../../src/credentials/sso/device_login.ts";
import { SsoSessionExpiredError } from "../../../src/credentials/sso/errors.ts";
import { SsoPortalClient } from "../../../src/credentials/sso/portal_client.ts";
import { type RunningEmulator, startEmulator } from "../../emulator/emulator.ts";
import { callerArn } from "../../emulator/sts_requests.ts";
import { memoryCachePlatform } from "./cache_platform.ts";

const START_URL = "https://my-org.awsapps.com/start";
const CONFIG = "[profile dev]\nsso_session = my-sso\nsso_account_id = 111122223333\n" +
  "sso_role_name = ReadOnly\n[sso-session my-sso]\nsso_start_url = " + START_URL +
  "\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n";

/** Logs in (as `aws sso login` would) and returns the platform holding the cache. */
async function loggedIn(emulator: RunningEmulator) {
  const platform = memoryCachePlatform();
  platform.files.set("/home/me/.aws/config", CONFIG);
  const result = await ssoLogin({
    startUrl: START_URL,
    region: "eu-west-1",
    sessionName: "my-sso",
    platform,
    oidcEndpoint: `${emulator.url}/sso-oidc`,
    onDeviceCode: () => {},
  });
  const token = () => JSON.parse(platform.files.get(result.cacheFile)!);
  const setToken = (changes: Record<string, unknown>) =>
    platform.files.set(result.cacheFile, JSON.stringify({ ...token(), ...changes }));
  return { platform, token, setToken };
}

function endpoints(emulator: RunningEmulator) {
  return { oidcEndpoint: `${emulator.url}/sso-oidc`, portalEndpoint: emulator.url };
}

Deno.test("fromSso gets role credentials that sign as the permission set's role", async () => {
  await using emulator = await startEmulator();
  const { platform } = await loggedIn(emulator);
  const credentials = await fromSso({ profile: "dev", platform, ...endpoints(emulator) })();
  assert.equal(
    await callerArn(emulator, credentials),
    "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_ReadOnly_0123456789abcdef/emulator-user",
  );
  assert.ok(credentials.expiration!.getTime() > Date.now());
  // Fresh token: no CreateToken beyond the login's.
  assert.equal(emulator.state.ssoOidc.createTokenCalls.length, 1);
});

Deno.test("a token within 5 minutes of expiry is refreshed and the cache rewritten", async () => {
  await using emulator = await startEmulator();
  const { platform, token, setToken } = await loggedIn(emulator);
  const before = token();
  setToken({ expiresAt: new Date(Date.now() + 4 * 60_000).toISOString() });
  const refreshed = await ssoAccessToken({
    sessionName: "my-sso",
    region: "eu-west-1",
    platform,
    ...endpoints(emulator),
  });
  const after = token();
  assert.notEqual(refreshed.accessToken, before.accessToken);
  assert.equal(after.accessToken, refreshed.accessToken);
  assert.notEqual(after.refreshToken, before.refreshToken);
  assert.ok(emulator.state.ssoOidc.refreshTokens.has(after.refreshToken));
  assert.ok(!emulator.state.ssoOidc.refreshTokens.has(before.refreshToken));
  assert.match(after.expiresAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.ok(Date.parse(after.expiresAt) > Date.now() + 7 * 3600_000);
  assert.deepEqual(
    { ...after, accessToken: 0, refreshToken: 0, expiresAt: 0 },
    { ...before, accessToken: 0, refreshToken: 0, expiresAt: 0 },
  );
  assert.deepEqual(emulator.state.ssoOidc.createTokenCalls.at(-1), {
    grantType: "refresh_token",
    outcome: "ok",
  });
});

Deno.test("a failed refresh keeps a token that is still valid; an expired one must log in", async () => {
  await using emulator = await startEmulator();
  const { platform, token, setToken } = await loggedIn(emulator);
  const options = { sessionName: "my-sso", region: "eu-west-1", platform, ...endpoints(emulator) };
  setToken({
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
    refreshToken: "REFRESH-REVOKED-SECRET",
  });
  const kept = await ssoAccessToken(options);
  assert.equal(kept.accessToken, token().accessToken);
  assert.equal(emulator.state.ssoOidc.createTokenCalls.at(-1)?.outcome, "InvalidGrantException");

  setToken({ expiresAt: new Date(Date.now() - 1000).toISOString() });
  const error = await fromSso({ profile: "dev", platform, ...endpoints(emulator) })()
    .catch((e) => e);
  assert.ok(error instanceof SsoSessionExpiredError);
  assert.equal(error.tryNextLink, false);
  assert.equal(error.session, "my-sso");
  const text = `${error.message} ${(error.cause as Error)?.message}`;
  for (const secret of ["REFRESH-REVOKED-SECRET", token().accessToken, token().clientSecret]) {
    assert.ok(!text.includes(secret));
  }
});

Deno.test("without a live registration or refresh token there is no refresh attempt", async () => {
  await using emulator = await startEmulator();
  const { platform, setToken } = await loggedIn(emulator);
  const options = { sessionName: "my-sso", region: "eu-west-1", platform, ...endpoints(emulator) };
  setToken({
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
    registrationExpiresAt: new Date(Date.now() - 1000).toISOString(),
  });
  await ssoAccessToken(options);
  setToken({ registrationExpiresAt: undefined, refreshToken: undefined });
  await ssoAccessToken(options);
  assert.equal(emulator.state.ssoOidc.createTokenCalls.length, 1); // the login's
});

Deno.test("a missing cache file is SsoSessionExpiredError naming the session", async () => {
  const error = await fromSso({
    sessionName: "nobody",
    region: "eu-west-1",
    accountId: "111122223333",
    roleName: "R",
    platform: memoryCachePlatform(),
  })().catch((e) => e);
  assert.ok(error instanceof SsoSessionExpiredError);
  assert.equal(error.session, "nobody");
});

Deno.test("SsoPortalClient's listAccounts and listAccountRoles follow nextToken through every page", async () => {
  await using emulator = await startEmulator();
  const { token } = await loggedIn(emulator);
  emulator.state.sso.accounts = ["111122223333", "222233334444", "333344445555"].map((id, i) => ({
    accountId: id,
    accountName: `account-${i}`,
    emailAddress: `aws+${i}@example.com`,
    roles: i === 1 ? ["Admin", "ReadOnly", "Billing"] : ["ReadOnly"],
  }));
  const options = { accessToken: token().accessToken, region: "eu-west-1", endpoint: emulator.url };
  const portal = new SsoPortalClient(options);
  const accounts = await portal.listAccounts();
  assert.deepEqual(accounts.map((a) => a.accountId), [
    "111122223333",
    "222233334444",
    "333344445555",
  ]);
  assert.equal(accounts[2].emailAddress, "aws+2@example.com");
  assert.equal(emulator.state.requestsTo("/assignment/accounts").length, 2);
  const roles = await portal.listAccountRoles("222233334444");
  assert.deepEqual(roles.map((r) => r.roleName), ["Admin", "ReadOnly", "Billing"]);
  assert.ok(roles.every((r) => r.accountId === "222233334444"));
  const error = await new SsoPortalClient({ ...options, accessToken: "not-a-token" })
    .listAccounts().catch((e) => e);
  assert.equal(error.code, "UnauthorizedException");
});
