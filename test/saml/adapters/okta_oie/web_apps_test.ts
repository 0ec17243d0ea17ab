// oktaOieWebAdapter: choosing among the user's AWS Account Federation apps (okta-aws-cli's
// "multiple AWS environments": GET /api/v1/users/me/appLinks, apps named amazon_aws), the
// exchange's refusals, and the user's Okta tokens kept for the next login.
import assert from "node:assert/strict";
import {
  OktaOieError,
  oktaOieWebAdapter,
  type OktaOieWebAdapterOptions,
  parseSamlAssertion,
} from "../../../../src/saml/mod.ts";
import {
  DEV_APP,
  DEV_APP_INIT,
  DEV_ROLE,
  NATIVE_CLIENT,
  NATIVE_GRANTS,
  type OieSetup,
  orgInit,
  PASSWORD,
  PROD_APP,
  recordingSleep,
  startOieSetup,
  USER,
} from "./fixtures.ts";
import { rejectionOf } from "../../../rejection.ts";

function adapterFor(setup: OieSetup, options: Partial<OktaOieWebAdapterOptions> = {}) {
  return oktaOieWebAdapter({
    orgUrl: setup.okta.url,
    clientId: NATIVE_CLIENT,
    onDeviceCode: (code) => setup.okta.state.approveDevice(code.userCode, USER),
    sleep: recordingSleep().sleep,
    ...options,
  });
}

const failure = (promise: Promise<unknown>) => rejectionOf(promise, OktaOieError);

function rolesOf(samlResponse: string): string[] {
  return parseSamlAssertion(samlResponse).roles.map((role) => role.roleArn);
}

const TWO_APPS = orgInit({ apps: [...orgInit().apps, DEV_APP_INIT] });

Deno.test("web: with several AWS apps the chooser picks (once), other apps are left out", async () => {
  await using setup = await startOieSetup(TWO_APPS);
  const offered: string[][] = [];
  const adapter = adapterFor(setup, {
    chooseApp: (apps) => {
      offered.push(apps.map((app) => `${app.id} ${app.label}`));
      return apps.find((app) => app.label === "AWS development")!;
    },
  });
  assert.deepEqual(rolesOf(await adapter.getSamlResponse({ fetch })), [DEV_ROLE]);
  assert.deepEqual(offered, [[`${PROD_APP} AWS production`, `${DEV_APP} AWS development`]]);
  const links = setup.okta.state.requestsTo("/api/v1/users/me/appLinks");
  assert.equal(links.length, 1);
  assert.match(links[0].authorization ?? "", /^Bearer eyJ/);
  assert.deepEqual(rolesOf(await adapter.getSamlResponse({ fetch })), [DEV_ROLE]);
  assert.equal(offered.length, 1, "the choice is kept for the next login");
});

Deno.test("web: several AWS apps and no chooser is an error naming them", async () => {
  await using setup = await startOieSetup(TWO_APPS);
  const error = await failure(adapterFor(setup).getSamlResponse({ fetch }));
  assert.equal(error.step, "app-list");
  assert.match(error.message, new RegExp(`AWS production \\(${PROD_APP}\\), AWS development`));
  assert.match(error.message, /set appId/);
});

Deno.test("web: with appId the apps are not listed, and okta.users.read.self is not asked", async () => {
  await using setup = await startOieSetup(TWO_APPS);
  assert.deepEqual(
    rolesOf(await adapterFor(setup, { appId: DEV_APP }).getSamlResponse({ fetch })),
    [DEV_ROLE],
  );
  assert.equal(setup.okta.state.requestsTo("/api/v1/users/me/appLinks").length, 0);
  const authorize = setup.okta.state.requestsTo("/oauth2/v1/device/authorize")[0];
  assert.equal(authorize.form?.scope, "openid okta.apps.sso");
});

Deno.test("web: a client without okta.users.read.self gets Okta's E0000006 and the advice", async () => {
  await using setup = await startOieSetup(orgInit({
    clients: [{ id: NATIVE_CLIENT, grants: NATIVE_GRANTS, oktaScopes: ["okta.apps.sso"] }],
  }));
  const asked = await failure(adapterFor(setup).getSamlResponse({ fetch }));
  assert.deepEqual([asked.step, asked.code], ["device-authorization", "invalid_scope"]);
  assert.match(asked.message, /okta\.users\.read\.self.*appId/);
  const listed = await failure(
    adapterFor(setup, { scope: "openid okta.apps.sso" }).getSamlResponse({ fetch }),
  );
  assert.deepEqual([listed.step, listed.code, listed.status], ["app-list", "E0000006", 403]);
  assert.match(listed.message, /okta\.users\.read\.self grant.*appId/);
});

Deno.test("web: an AWS app that does not allow this client refuses the exchange", async () => {
  await using setup = await startOieSetup(orgInit({
    apps: [{ ...DEV_APP_INIT, webSsoClient: "0oaSomeOtherClient" }],
  }));
  const error = await failure(adapterFor(setup, { appId: DEV_APP }).getSamlResponse({ fetch }));
  assert.deepEqual([error.step, error.code, error.status], [
    "token-exchange",
    "invalid_grant",
    400,
  ]);
  assert.match(error.message, /configured to allow the client.*Allowed Web SSO Client/);
});

Deno.test("web: a user not assigned to the AWS app is refused at the exchange", async () => {
  await using setup = await startOieSetup(orgInit({
    apps: [...orgInit().apps, DEV_APP_INIT],
    users: [{ login: USER, password: PASSWORD, apps: [PROD_APP] }],
  }));
  const error = await failure(adapterFor(setup, { appId: DEV_APP }).getSamlResponse({ fetch }));
  assert.deepEqual([error.step, error.code], ["token-exchange", "access_denied"]);
});

Deno.test("web: the Okta tokens serve the next login; refused ones start a new sign-in", async () => {
  await using setup = await startOieSetup();
  let approvals = 0;
  const adapter = adapterFor(setup, {
    appId: PROD_APP,
    onDeviceCode: (code) => void (approvals++, setup.okta.state.approveDevice(code.userCode, USER)),
  });
  await adapter.getSamlResponse({ fetch });
  await adapter.getSamlResponse({ fetch });
  assert.equal(approvals, 1, "one browser approval for two logins");
  assert.equal(setup.okta.state.requestsTo("/login/token/sso").length, 2);
  setup.okta.state.accessTokens.clear(); // the session ended at Okta
  await adapter.getSamlResponse({ fetch });
  assert.equal(approvals, 2, "the refused tokens led to one new sign-in");
  assert.equal(setup.okta.state.requestsTo("/login/token/sso").length, 3);
});

Deno.test("web: tokens in their last minute are not reused", async () => {
  await using setup = await startOieSetup();
  let approvals = 0;
  let clock = Date.now();
  const adapter = adapterFor(setup, {
    appId: PROD_APP,
    now: () => clock,
    onDeviceCode: (code) => void (approvals++, setup.okta.state.approveDevice(code.userCode, USER)),
  });
  await adapter.getSamlResponse({ fetch });
  clock += 3600_000 - 59_000;
  await adapter.getSamlResponse({ fetch });
  assert.equal(approvals, 2);
});
