import assert from "node:assert/strict";
import {
  azureAdAdapter,
  type AzureAdAdapterOptions,
} from "../../../src/saml/adapters/azure_ad/adapter.ts";
import type { SamlLoginError } from "../../../src/saml/errors.ts";
import { fromSaml } from "../../../src/saml/from_saml.ts";
import { parseSamlAssertion } from "../../../src/saml/assertion.ts";
import { sessionFetch } from "../../../src/saml/session_fetch.ts";
import { StsClient } from "../../../src/sts/client.ts";
import { startEmulator } from "../../emulator/emulator.ts";
import { startOtherOrigin } from "../../idp/adfs/other_origin_server.ts";
import { type FakeAzureAdInit, startFakeAzureAd } from "../../idp/azure/fake_azure_ad.ts";
import { registerTestIdp } from "../../idp/saml_issuer.ts";
import { loginRejection } from "../login_rejection.ts";

const ROLE = "arn:aws:iam::444455556666:role/Analyst";
const PRINCIPAL = "arn:aws:iam::444455556666:saml-provider/AzureAD";
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT_ID = "3ea1c786-d527-4399-8c3b-2e3696ae4b48";
const CLIENT_SECRET = "Azure~Client~Secret~5521";
const RESOURCE = "https://signin.aws.amazon.com/saml";
const PASSWORD = "Azure-User-Pa55word-8830";
const USER = "carol@contoso.example";
const roles = [{ roleArn: ROLE, principalArn: PRINCIPAL }];

function fakeInit(extra: Partial<FakeAzureAdInit> = {}): FakeAzureAdInit {
  return {
    tenant: TENANT,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    resource: RESOURCE,
    users: { [USER]: PASSWORD, "dave@contoso.example": PASSWORD },
    mfaUsers: ["dave@contoso.example"],
    roles,
    ...extra,
  };
}

function options(
  authority: string,
  extra: Partial<AzureAdAdapterOptions> = {},
): AzureAdAdapterOptions {
  return {
    tenant: TENANT,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    resource: RESOURCE,
    authority,
    ...extra,
  };
}

async function login(
  adapterOptions: AzureAdAdapterOptions,
  username = USER,
  password = PASSWORD,
): Promise<string> {
  return await azureAdAdapter(adapterOptions).getSamlResponse({
    fetch: sessionFetch(undefined, { adapter: "azuread" }),
    username,
    password,
  });
}

function rejection(promise: Promise<unknown>, secrets: string[] = []): Promise<SamlLoginError> {
  return loginRejection(promise, "azuread", [PASSWORD, CLIENT_SECRET, ...secrets]);
}

Deno.test("azureAdAdapter: the SAML token grant through fromSaml gives credentials STS accepts", async () => {
  await using azure = await startFakeAzureAd(fakeInit());
  await using emulator = await startEmulator();
  emulator.state.addRole({ arn: ROLE });
  registerTestIdp(emulator.state, { principalArn: PRINCIPAL });
  const credentials = fromSaml({
    adapter: azureAdAdapter(options(azure.url)),
    username: USER,
    password: PASSWORD,
    region: "us-east-1",
    endpoint: emulator.url,
  });
  const identity = await new StsClient({ credentials, region: "us-east-1", endpoint: emulator.url })
    .getCallerIdentity();
  assert.match(identity.arn, /:assumed-role\/Analyst\/carol@contoso\.example$/);
  assert.deepEqual(azure.requests, [{
    grant_type: "password",
    requested_token_type: "urn:ietf:params:oauth:token-type:saml2",
    username: USER,
    password: PASSWORD,
    client_id: CLIENT_ID,
    resource: RESOURCE,
    client_secret: CLIENT_SECRET,
  }]);
});

Deno.test("azureAdAdapter: a public client sends no client_secret", async () => {
  await using azure = await startFakeAzureAd(fakeInit({ clientSecret: undefined }));
  const saml = await login(options(azure.url, { clientSecret: undefined }));
  assert.deepEqual(parseSamlAssertion(saml).roles, roles);
  assert.equal("client_secret" in azure.requests[0], false);
});

Deno.test("azureAdAdapter: AADSTS errors name the code and the fix, never the secrets", async () => {
  await using azure = await startFakeAzureAd(fakeInit());
  const wrong = "Wrong-Azure-Pa55-1203";
  const password = await rejection(login(options(azure.url), USER, wrong), [wrong]);
  assert.match(password.message, /invalid_grant \(AADSTS50126\); check the user name and password/);
  assert.equal(password.status, 400);
  const mfa = await rejection(login(options(azure.url), "dave@contoso.example"));
  assert.match(mfa.message, /AADSTS50076.*MFA.*browser adapter/);
  const secret = await rejection(login(options(azure.url, { clientSecret: "Bad~Secret~0001" })), [
    "Bad~Secret~0001",
  ]);
  assert.match(secret.message, /invalid_client \(AADSTS7000215\); check clientId and clientSecret/);
  assert.equal(secret.status, 401);
  const resource = await rejection(login(options(azure.url, { resource: "urn:other" })));
  assert.match(resource.message, /AADSTS500011/);
  const tenant = await rejection(login(options(azure.url, { tenant: "other-tenant" })));
  assert.match(tenant.message, /AADSTS90002/);
});

Deno.test("azureAdAdapter: an error_description that echoes the request leaks nothing", async () => {
  await using azure = await startFakeAzureAd(fakeInit({ hostile: "echo-body" }));
  const error = await rejection(login(options(azure.url)), [
    encodeURIComponent(PASSWORD),
    "Azure%7EClient",
  ]);
  assert.match(error.message, /AADSTS50126/);
});

Deno.test("azureAdAdapter: an access_token that is not a SAML assertion is refused", async () => {
  await using azure = await startFakeAzureAd(fakeInit({ hostile: "jwt-token" }));
  const error = await rejection(login(options(azure.url)));
  assert.match(error.message, /not a SAML assertion/);
});

Deno.test("azureAdAdapter: a 307 of the password to another origin is refused", async () => {
  await using other = await startOtherOrigin();
  await using azure = await startFakeAzureAd(fakeInit({ redirectTo: `${other.url}/token` }));
  await rejection(login(options(azure.url)));
  assert.deepEqual(other.received, []);
});

Deno.test("azureAdAdapter: an HTML page instead of the token endpoint is a typed error", async () => {
  const page: typeof fetch = () =>
    Promise.resolve(new Response("<html>Sign in</html>", { status: 200 }));
  const error = await rejection(
    azureAdAdapter(options("https://login.example.com")).getSamlResponse({
      fetch: page,
      username: USER,
      password: PASSWORD,
    }),
  );
  assert.match(error.message, /without a SAML 2\.0 token/);
});

Deno.test("azureAdAdapter: the token URL is {authority}/{tenant}/oauth2/token", async () => {
  const seen: string[] = [];
  const capture: typeof fetch = (input) => {
    seen.push(String(input instanceof Request ? input.url : input));
    return Promise.resolve(Response.json({ error: "invalid_request" }, { status: 400 }));
  };
  await rejection(
    azureAdAdapter({ tenant: "contoso.onmicrosoft.com", clientId: "c", resource: RESOURCE })
      .getSamlResponse({ fetch: capture, username: USER, password: PASSWORD }),
  );
  await rejection(
    azureAdAdapter({
      tenant: "t",
      clientId: "c",
      resource: RESOURCE,
      authority: "https://login.example.us/",
    })
      .getSamlResponse({ fetch: capture, username: USER, password: PASSWORD }),
  );
  assert.deepEqual(seen, [
    "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/token",
    "https://login.example.us/t/oauth2/token",
  ]);
});

Deno.test("azureAdAdapter: a token endpoint that redirects to itself forever is a typed error", async () => {
  let calls = 0;
  const loop: typeof fetch = (input) => {
    calls++;
    return Promise.resolve(
      new Response(null, { status: 302, headers: { location: String(input) } }),
    );
  };
  const error = await rejection(
    azureAdAdapter(options("https://login.example.com")).getSamlResponse({
      fetch: sessionFetch(loop, { adapter: "azuread" }),
      username: USER,
      password: PASSWORD,
    }),
  );
  assert.match(error.message, /redirected more than 10 times/);
  assert.equal(calls, 11);
});
