import assert from "node:assert/strict";
import type { SamlLoginError } from "../../../src/saml/errors.ts";
import { fromSaml } from "../../../src/saml/from_saml.ts";
import { pingFederateAdapter } from "../../../src/saml/adapters/ping_federate/adapter.ts";
import { parseSamlAssertion } from "../../../src/saml/assertion.ts";
import { sessionFetch } from "../../../src/saml/session_fetch.ts";
import { StsClient } from "../../../src/sts/client.ts";
import { startEmulator } from "../../emulator/emulator.ts";
import { startOtherOrigin } from "../../idp/adfs/other_origin_server.ts";
import { type FakePingInit, startFakePing } from "../../idp/ping/fake_ping.ts";
import { registerTestIdp } from "../../idp/saml_issuer.ts";
import { loginRejection } from "../login_rejection.ts";

const ROLE = "arn:aws:iam::215338515180:role/SSOTest2";
const PRINCIPAL = "arn:aws:iam::215338515180:saml-provider/pingFederate";
const EXCHANGE = "https://us-east-1.signin.aws.amazon.com/platform/saml/acs/764ef411-0000";
const PASSWORD = "Ping-Secret-Pa55-&<x>-9913";
const roles = [{ roleArn: ROLE, principalArn: PRINCIPAL }];

function fakeInit(extra: Partial<FakePingInit> = {}): FakePingInit {
  return {
    users: { admin: PASSWORD },
    roles,
    partners: ["urn:amazon:webservices", EXCHANGE],
    ...extra,
  };
}

async function login(
  options: Parameters<typeof pingFederateAdapter>[0],
  password = PASSWORD,
  base?: typeof fetch,
): Promise<string> {
  return await pingFederateAdapter(options).getSamlResponse({
    fetch: sessionFetch(base, { adapter: "pingfederate" }),
    username: "admin",
    password,
  });
}

function rejection(promise: Promise<unknown>, secrets: string[] = []): Promise<SamlLoginError> {
  return loginRejection(promise, "pingfederate", [PASSWORD, ...secrets]);
}

async function credentialsThrough(adapterOptions: Parameters<typeof pingFederateAdapter>[0]) {
  await using emulator = await startEmulator();
  emulator.state.addRole({ arn: ROLE });
  registerTestIdp(emulator.state, { principalArn: PRINCIPAL });
  const credentials = fromSaml({
    adapter: pingFederateAdapter(adapterOptions),
    username: "admin",
    password: PASSWORD,
    roleArn: ROLE,
    principalArn: PRINCIPAL,
    region: "us-east-1",
    endpoint: emulator.url,
  });
  return await new StsClient({ credentials, region: "us-east-1", endpoint: emulator.url })
    .getCallerIdentity();
}

Deno.test("pingFederateAdapter: WS-Trust through fromSaml gives credentials STS accepts", async () => {
  await using ping = await startFakePing(fakeInit());
  const identity = await credentialsThrough({
    loginUrl: `${ping.url}/idp/sts.wst`,
    exchangeUrl: EXCHANGE,
  });
  assert.match(identity.arn, /:assumed-role\/SSOTest2\/admin$/);
  assert.deepEqual(ping.requests.map((r) => `${r.method} ${r.path}`), ["POST /idp/sts.wst"]);
  assert.equal(ping.requests[0].authorization, undefined);
});

Deno.test("pingFederateAdapter: an assertion whose prefix is declared on the RSTR still verifies", async () => {
  await using ping = await startFakePing(fakeInit({ assertionNamespaceOnAncestor: true }));
  const identity = await credentialsThrough({
    loginUrl: `${ping.url}/idp/sts.wst`,
    exchangeUrl: EXCHANGE,
  });
  assert.match(identity.arn, /:assumed-role\/SSOTest2\/admin$/);
});

Deno.test("pingFederateAdapter: the HTML form login through fromSaml gives credentials", async () => {
  await using ping = await startFakePing(fakeInit());
  const identity = await credentialsThrough({ loginUrl: ping.url });
  assert.match(identity.arn, /:assumed-role\/SSOTest2\/admin$/);
  assert.equal(ping.requests[0].path, "/idp/startSSO.ping");
  const posted = ping.requests[1].form!;
  assert.equal(posted["pf.ok"], "clicked");
  assert.equal(posted["pf.username"], "admin");
  assert.equal(posted["pf.adapterId"], "HTMLFormAdapter");
});

Deno.test("pingFederateAdapter: partnerSpId selects the SP connection of the form login", async () => {
  await using ping = await startFakePing(fakeInit({ partners: ["urn:custom:sp"] }));
  const saml = await login({ loginUrl: ping.url, partnerSpId: "urn:custom:sp" });
  assert.deepEqual(parseSamlAssertion(saml).roles, roles);
  const error = await rejection(login({ loginUrl: ping.url }));
  assert.equal(error.status, 400);
});

Deno.test("pingFederateAdapter: basicAuth sends Authorization: Basic to the STS", async () => {
  await using ping = await startFakePing(fakeInit({ requireBasicAuth: true }));
  const loginUrl = `${ping.url}/idp/sts.wst`;
  const error = await rejection(login({ loginUrl, exchangeUrl: EXCHANGE }));
  assert.match(error.message, /FailedAuthentication/);
  const saml = await login({ loginUrl, exchangeUrl: EXCHANGE, basicAuth: true });
  assert.equal(parseSamlAssertion(saml).subject, "admin");
  assert.match(ping.requests.at(-1)!.authorization!, /^Basic /);
});

Deno.test("pingFederateAdapter: a wrong password is a SOAP fault or the form again, never quoted", async () => {
  await using ping = await startFakePing(fakeInit());
  const wrong = "Wrong-Ping-Pa55-4417";
  const soap = await rejection(
    login({ loginUrl: `${ping.url}/idp/sts.wst`, exchangeUrl: EXCHANGE }, wrong),
    [wrong],
  );
  assert.match(
    soap.message,
    /SOAP fault wst:FailedAuthentication \(check the user name and password\)/,
  );
  assert.equal(soap.status, 500);
  const form = await rejection(login({ loginUrl: ping.url }, wrong), [wrong]);
  assert.match(form.message, /refused the user name or password/);
});

Deno.test("pingFederateAdapter: an unknown exchangeUrl is an InvalidRequest fault", async () => {
  await using ping = await startFakePing(fakeInit());
  const error = await rejection(
    login({ loginUrl: `${ping.url}/idp/sts.wst`, exchangeUrl: "urn:nobody" }),
  );
  assert.match(error.message, /wst:InvalidRequest \(check exchangeUrl/);
});

Deno.test("pingFederateAdapter: a 307 of the password to another origin is refused", async () => {
  await using other = await startOtherOrigin();
  await using ping = await startFakePing(fakeInit({ redirectPostTo: `${other.url}/steal` }));
  await rejection(login({ loginUrl: ping.url }));
  assert.deepEqual(other.received, []);
});

Deno.test("pingFederateAdapter: a redirect of the WS-Trust POST to another origin is refused", async () => {
  await using other = await startOtherOrigin();
  const redirecting: typeof fetch = () =>
    Promise.resolve(
      new Response(null, { status: 307, headers: { location: `${other.url}/idp/sts.wst` } }),
    );
  await rejection(
    login(
      { loginUrl: "https://pf.example.com/idp/sts.wst", exchangeUrl: EXCHANGE, basicAuth: true },
      PASSWORD,
      redirecting,
    ),
  );
  assert.deepEqual(other.received, []);
});

Deno.test("pingFederateAdapter: a login URL that is not the STS gives a clear error", async () => {
  await using ping = await startFakePing(fakeInit());
  const error = await rejection(login({ loginUrl: `${ping.url}/nowhere`, exchangeUrl: EXCHANGE }));
  assert.match(error.message, /no usable token.*sts\.wst/);
  assert.equal(error.status, 404);
});

Deno.test("pingFederateAdapter: a form page without a form and a redirect loop are typed errors", async () => {
  const page: typeof fetch = () =>
    Promise.resolve(new Response("<html><body>Maintenance</body></html>"));
  const noForm = await rejection(login({ loginUrl: "https://pf.example.com" }, PASSWORD, page));
  assert.match(noForm.message, /without a login form/);
  let calls = 0;
  const loop: typeof fetch = (input) => {
    calls++;
    return Promise.resolve(
      new Response(null, { status: 302, headers: { location: String(input) } }),
    );
  };
  const looped = await rejection(login({ loginUrl: "https://pf.example.com" }, PASSWORD, loop));
  assert.match(looped.message, /redirected more than 10 times/);
  assert.equal(calls, 11);
});
