// The generic form adapter (Airflow's idp_url / saml_response_xpath / idp_request_kwargs)
// against a fake form-login IdP that checks cookies, state, credentials and headers.
import assert from "node:assert/strict";
import { formAdapter, fromSaml, SamlLoginError, sessionFetch } from "../../../src/saml/mod.ts";
import { parseSamlAssertion } from "../../../src/saml/assertion.ts";
import { startEmulator } from "../../emulator/emulator.ts";
import { callerArn } from "../../emulator/sts_requests.ts";
import { registerTestIdp } from "../../idp/saml_issuer.ts";
import { startFakeFormIdp } from "../../idp/form/fake_form_idp.ts";

const ROLE = {
  roleArn: "arn:aws:iam::123456789012:role/Analyst",
  principalArn: "arn:aws:iam::123456789012:saml-provider/Form",
};
const PASSWORD = "pa55-WORD-secret!";
const USER = { username: "alice", password: PASSWORD, roles: [ROLE] };

function assertAwsAssertion(samlResponse: string): void {
  assert.deepEqual(parseSamlAssertion(samlResponse).roles, [ROLE]);
}

Deno.test("formAdapter follows redirects with cookies, fills the password form and returns the SAMLResponse", async () => {
  await using idp = await startFakeFormIdp(USER);
  const lines: string[] = [];
  const adapter = formAdapter({ idpUrl: `${idp.url}/sso`, fields: { remember: "yes" } });
  assert.equal(adapter.name, "form");
  const samlResponse = await adapter.getSamlResponse({
    fetch: sessionFetch(),
    username: "alice",
    password: PASSWORD,
    log: (line) => lines.push(line),
  });
  assertAwsAssertion(samlResponse);
  assert.equal(idp.logins.length, 1);
  const posted = idp.logins[0];
  assert.deepEqual([...posted.keys()], ["AuthState", "j_username", "j_password", "remember"]);
  assert.equal(posted.get("j_username"), "alice");
  assert.equal(posted.get("remember"), "yes");
  assert.match(
    lines.join("\n"),
    /posting the login form to http:\/\/127\.0\.0\.1:\d+\/login with fields AuthState, j_username, j_password, remember/,
  );
  assert.ok(!lines.join("\n").includes(PASSWORD));
});

Deno.test("formAdapter returns at once when the first page already holds the SAMLResponse", async () => {
  await using idp = await startFakeFormIdp(USER);
  const fetch = sessionFetch();
  const adapter = formAdapter({ idpUrl: `${idp.url}/sso` });
  await adapter.getSamlResponse({ fetch, username: "alice", password: PASSWORD });
  const again = await adapter.getSamlResponse({ fetch });
  assertAwsAssertion(again);
  assert.equal(idp.logins.length, 1, "the IdP session cookie made a second login unnecessary");
  assert.equal(idp.issued, 2);
});

Deno.test("requestInit headers go with every IdP request, as idp_request_kwargs' headers do", async () => {
  await using idp = await startFakeFormIdp({
    ...USER,
    requiredHeader: ["x-requested-with", "iamfetch"],
  });
  const without = await formAdapter({ idpUrl: `${idp.url}/sso` })
    .getSamlResponse({ fetch: sessionFetch(), username: "alice", password: PASSWORD })
    .then(() => undefined, (e: unknown) => e);
  assert.ok(without instanceof SamlLoginError);
  assert.equal(without.status, 406);
  const samlResponse = await formAdapter({
    idpUrl: `${idp.url}/sso`,
    requestInit: { headers: { "X-Requested-With": "iamfetch" } },
  }).getSamlResponse({ fetch: sessionFetch(), username: "alice", password: PASSWORD });
  assertAwsAssertion(samlResponse);
});

Deno.test("samlResponseXPath reads the SAMLResponse where the IdP puts it", async () => {
  await using idp = await startFakeFormIdp({ ...USER, markup: "textarea" });
  const login = { username: "alice", password: PASSWORD };
  const samlResponse = await formAdapter({
    idpUrl: `${idp.url}/sso`,
    samlResponseXPath: `//textarea[@id="saml"]/text()`,
  }).getSamlResponse({ fetch: sessionFetch(), ...login });
  assertAwsAssertion(samlResponse);
  const error = await formAdapter({ idpUrl: `${idp.url}/sso` })
    .getSamlResponse({ fetch: sessionFetch(), ...login })
    .then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof SamlLoginError);
  assert.match(error.message, /no SAMLResponse input; another step/);
});

Deno.test("a wrong password is reported as refused, without the password", async () => {
  await using idp = await startFakeFormIdp(USER);
  const wrong = "WRONG-pass-0x5eed";
  const error = await formAdapter({ idpUrl: `${idp.url}/sso` })
    .getSamlResponse({ fetch: sessionFetch(), username: "alice", password: wrong })
    .then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof SamlLoginError);
  assert.equal(error.adapter, "form");
  assert.match(error.message, /refused the user name or password/);
  assert.ok(!error.message.includes(wrong) && !JSON.stringify(error).includes(wrong));
  assert.equal(idp.logins.length, 1);
});

Deno.test("a login form posting to another origin never gets the password", async () => {
  await using idp = await startFakeFormIdp({ ...USER, loginAction: "http://localhost:9/login" });
  const error = await formAdapter({ idpUrl: `${idp.url}/sso` })
    .getSamlResponse({ fetch: sessionFetch(), username: "alice", password: PASSWORD })
    .then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof SamlLoginError);
  assert.match(
    error.message,
    /submits with POST to http:\/\/localhost:9; the password is only sent/,
  );
  assert.ok(!error.message.includes(PASSWORD));
  assert.equal(idp.logins.length, 0);
});

Deno.test("pages without a login form, and logins without credentials, fail with clear errors", async () => {
  const page = (html: string, status = 200): typeof fetch => () =>
    Promise.resolve(new Response(html, { status }));
  const adapter = formAdapter({ idpUrl: "https://idp.example.com/sso" });
  const cases: [typeof fetch, string | undefined, RegExp][] = [
    [
      page("<html>Service unavailable</html>", 503),
      "pw",
      /\(HTTP 503\) has no SAMLResponse input and no login form/,
    ],
    [
      page('<form method="post"><input name="u"></form>'),
      "pw",
      /no login form with a password field/,
    ],
    [
      page('<form method="post"><input name="u"><input type="password" name="p"></form>'),
      undefined,
      /pass username and password/,
    ],
    [
      page('<form method="post"><input type="password" name="p"></form>'),
      "pw",
      /set usernameField/,
    ],
    [
      page(
        '<form method="get" action="/x"><input name="u"><input type="password" name="p"></form>',
      ),
      "pw",
      /submits with GET/,
    ],
  ];
  for (const [fetch, password, message] of cases) {
    const error = await adapter.getSamlResponse({ fetch, username: "alice", password })
      .then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof SamlLoginError, String(error));
    assert.match(error.message, message);
  }
});

Deno.test("usernameField and passwordField pick the fields when the page is unusual", async () => {
  const bodies: string[] = [];
  const idp: typeof fetch = (_input, init) => {
    if (init?.method === "POST") {
      bodies.push(String(init.body));
      return Promise.resolve(new Response('<input name="SAMLResponse" value="PHg+">'));
    }
    return Promise.resolve(
      new Response(
        '<form method="post" action="/auth"><input type="hidden" name="csrf" value="t">' +
          '<input type="tel" name="phone"><input type="text" name="pin"></form>',
      ),
    );
  };
  const samlResponse = await formAdapter({
    idpUrl: "https://idp.example.com/sso",
    usernameField: "phone",
    passwordField: "pin",
  }).getSamlResponse({ fetch: idp, username: "+15550100", password: "1234" });
  assert.equal(samlResponse, "PHg+");
  assert.deepEqual(bodies, ["csrf=t&phone=%2B15550100&pin=1234"]);
});

Deno.test("fromSaml with formAdapter reaches credentials through the fake IdP and a verified assertion", async () => {
  await using idp = await startFakeFormIdp(USER);
  await using emulator = await startEmulator();
  emulator.state.addRole({ arn: ROLE.roleArn });
  registerTestIdp(emulator.state, { principalArn: ROLE.principalArn });
  const provider = fromSaml({
    adapter: formAdapter({ idpUrl: `${idp.url}/sso` }),
    username: "alice",
    password: () => Promise.resolve(PASSWORD),
    endpoint: emulator.url,
    region: "us-east-1",
  });
  const credentials = await provider();
  assert.equal(
    await callerArn(emulator, credentials),
    "arn:aws:sts::123456789012:assumed-role/Analyst/alice",
  );
  assert.equal((await provider()).accessKeyId, credentials.accessKeyId);
  assert.equal(idp.logins.length, 1, "no new IdP login while the credentials are fresh");
});
