import assert from "node:assert/strict";
import { adfsAdapter } from "../../../src/saml/adapters/adfs/adapter.ts";
import type { SamlLoginError } from "../../../src/saml/errors.ts";
import { fromSaml } from "../../../src/saml/from_saml.ts";
import { parseSamlAssertion } from "../../../src/saml/assertion.ts";
import { sessionFetch } from "../../../src/saml/session_fetch.ts";
import { StsClient } from "../../../src/sts/client.ts";
import { startEmulator } from "../../emulator/emulator.ts";
import { ADFS_SIGN_ON_PATH, type FakeAdfsInit, startFakeAdfs } from "../../idp/adfs/fake_adfs.ts";
import { startOtherOrigin } from "../../idp/adfs/other_origin_server.ts";
import { assertNoneShown } from "../../security/assert_no_secrets.ts";
import { registerTestIdp } from "../../idp/saml_issuer.ts";
import { loginRejection } from "../login_rejection.ts";

const ROLE = "arn:aws:iam::111122223333:role/AdfsAdmin";
const PRINCIPAL = "arn:aws:iam::111122223333:saml-provider/ADFS";
const PASSWORD = "Secret-Pa55word-ADFS-7731";
const users = { "alice@corp.example": PASSWORD };
const roles = [{ roleArn: ROLE, principalArn: PRINCIPAL }];

function fakeInit(extra: Partial<FakeAdfsInit> = {}): FakeAdfsInit {
  return { users, roles, ...extra };
}

async function login(
  loginUrl: string,
  context: { username?: string; password?: string; fetch?: typeof fetch } = {},
  options: { relyingParty?: string; integrated?: boolean } = {},
): Promise<string> {
  return await adfsAdapter({ loginUrl, ...options }).getSamlResponse({
    fetch: sessionFetch(context.fetch, { adapter: "adfs" }),
    username: context.username ?? "alice@corp.example",
    password: context.password ?? PASSWORD,
  });
}

function rejection(promise: Promise<unknown>): Promise<SamlLoginError> {
  return loginRejection(promise, "adfs", [PASSWORD]);
}

Deno.test("adfsAdapter: forms login through fromSaml gives credentials STS accepts", async () => {
  await using adfs = await startFakeAdfs(fakeInit());
  await using emulator = await startEmulator();
  emulator.state.addRole({ arn: ROLE });
  registerTestIdp(emulator.state, { principalArn: PRINCIPAL });
  const lines: string[] = [];
  const credentials = fromSaml({
    adapter: adfsAdapter({ loginUrl: adfs.url }),
    username: "alice@corp.example",
    password: PASSWORD,
    debugLog: (line) => void lines.push(line),
    roleArn: ROLE,
    region: "us-east-1",
    endpoint: emulator.url,
  });
  const identity = await new StsClient({ credentials, region: "us-east-1", endpoint: emulator.url })
    .getCallerIdentity();
  assert.match(identity.arn, /:assumed-role\/AdfsAdmin\/alice@corp\.example$/);
  assert.deepEqual(adfs.requests.map((r) => r.method), ["GET", "POST", "GET"]);
  const posted = adfs.requests[1].form!;
  assert.equal(posted.UserName, "alice@corp.example");
  assert.equal(posted.AuthMethod, "FormsAuthentication");
  assert.equal(adfs.requests[0].path, ADFS_SIGN_ON_PATH);
  assert.equal(lines.length, 3);
  assert.ok(lines.every((line) => !line.includes(PASSWORD)));
});

Deno.test("adfsAdapter: the assertion names the user and the role", async () => {
  await using adfs = await startFakeAdfs(fakeInit());
  const assertion = parseSamlAssertion(await login(adfs.url));
  assert.deepEqual(assertion.roles, roles);
  assert.equal(assertion.subject, "alice@corp.example");
});

Deno.test("adfsAdapter: a wrong password is a SamlLoginError without the password", async () => {
  await using adfs = await startFakeAdfs(fakeInit());
  const wrong = "Wrong-Pa55word-0042";
  const error = await rejection(login(adfs.url, { password: wrong }));
  assertNoneShown(error, [wrong]);
  assert.match(error.message, /refused the user name or password/);
  assert.equal(error.status, 200);
});

Deno.test("adfsAdapter: missing credentials fail before any request", async () => {
  await using adfs = await startFakeAdfs(fakeInit());
  const adapter = adfsAdapter({ loginUrl: adfs.url });
  const error = await rejection(adapter.getSamlResponse({ fetch: sessionFetch() }));
  assert.match(error.message, /needs a user name and a password/);
  assert.equal(adfs.requests.length, 0);
});

Deno.test("adfsAdapter: relyingParty goes in loginToRp; a full sign-on URL is used as given", async () => {
  await using adfs = await startFakeAdfs(fakeInit({ relyingParty: "https://saml.example.com" }));
  const saml = await login(adfs.url, {}, { relyingParty: "https://saml.example.com" });
  assert.ok(parseSamlAssertion(saml).roles.length === 1);
  const full = `${adfs.url}${ADFS_SIGN_ON_PATH}?loginToRp=${
    encodeURIComponent("https://saml.example.com")
  }`;
  assert.ok(parseSamlAssertion(await login(full)).roles.length === 1);
  const error = await rejection(login(adfs.url));
  assert.equal(error.status, 400);
  assert.match(error.message, /without a login form or a SAMLResponse/);
});

Deno.test("adfsAdapter: integrated sign-on uses the caller's Negotiate-answering fetch", async () => {
  await using adfs = await startFakeAdfs(
    fakeInit({ negotiateTokens: { "YIIKerberosTicket": "bob@corp.example" } }),
  );
  const kerberosFetch: typeof fetch = (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set("authorization", "Negotiate YIIKerberosTicket");
    return fetch(input, { ...init, headers });
  };
  const saml = await adfsAdapter({ loginUrl: adfs.url, integrated: true }).getSamlResponse({
    fetch: sessionFetch(kerberosFetch),
  });
  assert.equal(parseSamlAssertion(saml).subject, "bob@corp.example");
  assert.deepEqual(adfs.requests.map((r) => r.method), ["GET"]);
});

Deno.test("adfsAdapter: integrated sign-on without Windows auth says what to pass", async () => {
  await using adfs = await startFakeAdfs(
    fakeInit({ negotiateTokens: { "YIIKerberosTicket": "bob" } }),
  );
  const error = await rejection(login(adfs.url, {}, { integrated: true }));
  assert.match(error.message, /Negotiate/);
  assert.equal(error.status, 200);
  const refused = await rejection(login(adfs.url, {
    fetch: (input, init) =>
      fetch(input, { ...init, headers: { authorization: "Negotiate forged" } }),
  }, { integrated: true }));
  assert.equal(refused.status, 401);
});

Deno.test("adfsAdapter: a 307 of the password POST to another origin is refused", async () => {
  await using other = await startOtherOrigin();
  await using adfs = await startFakeAdfs(fakeInit({ redirectPostTo: `${other.url}/steal` }));
  await rejection(login(adfs.url));
  assert.deepEqual(other.received, []);
});

Deno.test("adfsAdapter: a login form that posts to another origin is refused", async () => {
  await using other = await startOtherOrigin();
  await using adfs = await startFakeAdfs(fakeInit({ formAction: `${other.url}/adfs/ls/` }));
  const error = await rejection(login(adfs.url));
  assert.match(error.message, /refusing to send the password/);
  assert.deepEqual(other.received, []);
  assert.deepEqual(adfs.requests.map((r) => r.method), ["GET"]);
});

Deno.test("adfsAdapter: a page without a form and a redirect loop are typed errors", async () => {
  await using noForm = await startFakeAdfs(fakeInit({ hostile: "no-form" }));
  assert.match((await rejection(login(noForm.url))).message, /without a login form/);
  await using loop = await startFakeAdfs(fakeInit({ hostile: "loop" }));
  const started = performance.now();
  assert.match((await rejection(login(loop.url))).message, /redirect/);
  assert.ok(performance.now() - started < 5000);
  assert.ok(loop.requests.length <= 11);
});

Deno.test("adfsAdapter: an oversized login page is refused after 2 MiB", async () => {
  let pulled = 0;
  const endless = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += 65536;
      controller.enqueue(new Uint8Array(65536).fill(0x41));
    },
  });
  const error = await rejection(
    adfsAdapter({ loginUrl: "https://sts.example.com" }).getSamlResponse({
      fetch: () => Promise.resolve(new Response(endless)),
      username: "alice",
      password: PASSWORD,
    }),
  );
  assert.match(error.message, /more than 2097152 bytes/);
  assert.ok(pulled < 4 * 1024 * 1024);
});
