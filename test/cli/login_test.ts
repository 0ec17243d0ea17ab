/**
 * `iamfetch login` in-process: SAML through the fake Okta (hidden password and MFA
 * prompts) to a profile of the shared credentials file, and IAM Identity Center device
 * login against the emulator's OIDC service and portal.
 */
import assert from "node:assert/strict";
import { runCli } from "../../src/cli/mod.ts";
import { startEmulator } from "../emulator/emulator.ts";
import { totp } from "../idp/okta/totp.ts";
import { Hono } from "hono";
import { denoPlatform } from "../../src/credentials/mod.ts";
import { parseHtmlForms } from "../../src/saml/html_form.ts";
import { registerTestIdp, signedSamlResponse } from "../idp/saml_issuer.ts";
import { serveApp } from "../idp/serve_app.ts";
import { freePort } from "../find_program.ts";
import { PASSWORD } from "../saml/adapters/okta/test_fixtures.ts";
import { memoryIo } from "./memory_io.ts";
import { ssoLoginArgs, startOktaLogin } from "./login_fixtures.ts";

const TOTP_SECRET = new TextEncoder().encode("cli-login-totp-secret");
const CREDENTIALS_FILE = "/home/me/.aws/credentials";

Deno.test("login --idp okta asks the password and code hidden and saves the profile", async () => {
  await using fixture = await startOktaLogin(
    [{ type: "token:software:totp", secret: TOTP_SECRET }],
    "totp",
  );
  const io = memoryIo({}, {
    answers: [PASSWORD, await totp(TOTP_SECRET, Date.now())],
    files: {
      [CREDENTIALS_FILE]: "[default]\naws_access_key_id = AKIDKEEP\n\n[other]\nregion = x\n",
    },
  });
  const code = await runCli([...fixture.loginArgs, "--profile-out", "okta-dev"], io);
  assert.equal(code, 0, io.stderr());
  assert.deepEqual(io.prompts.map((p) => p.hidden), [true, true]);
  assert.equal(io.prompts[0].question, "Password: ");
  const written = io.files.get(CREDENTIALS_FILE)!;
  assert.match(
    written,
    /^\[default\]\naws_access_key_id = AKIDKEEP\n\n\[other\]\nregion = x\n\n\[okta-dev\]\n/,
  );
  assert.match(
    written,
    /aws_access_key_id = ASIA\w+\naws_secret_access_key = \S+\naws_session_token = \S+\nx_security_token_expires = \d{4}-/,
  );
  assert.match(io.stderr(), /Saved profile okta-dev in \/home\/me\/\.aws\/credentials until /);
  assert.equal(io.stdout(), "");
  assert.ok(!io.stderr().includes(PASSWORD));
});

Deno.test("login --sso runs the device flow, lists roles, then prints a role's credentials", async () => {
  await using emulator = await startEmulator();
  emulator.state.ssoOidc.approveAfterPolls = 1;
  emulator.state.sso.accounts = [{
    accountId: "111122223333",
    accountName: "sandbox",
    emailAddress: "aws@example.com",
    roles: ["ReadOnly", "Admin"],
  }];
  const flags = ssoLoginArgs(emulator);
  const listing = memoryIo({});
  assert.equal(await runCli(flags, listing), 0, listing.stderr());
  assert.equal(listing.stdout(), "111122223333  sandbox\n  ReadOnly\n  Admin\n");
  assert.match(listing.stderr(), /Open \S+ and confirm the code \w{4}-\w{4}/);
  const cache = [...listing.files.keys()].find((path) =>
    path.startsWith("/home/me/.aws/sso/cache/")
  );
  assert.ok(cache, "the token cache was written where the AWS CLI reads it");

  const role = memoryIo({}, { files: Object.fromEntries(listing.files) });
  const code = await runCli(
    [...flags, "--account-id", "111122223333", "--role-name", "ReadOnly", "--format", "process"],
    role,
  );
  assert.equal(code, 0, role.stderr());
  const printed = JSON.parse(role.stdout());
  assert.equal(printed.Version, 1);
  assert.match(printed.AccessKeyId, /^ASIA/);
});

Deno.test("login --idp okta with a push factor shows a spinner until the push is approved", async () => {
  await using fixture = await startOktaLogin(
    [{ type: "push", answer: "approve", afterPolls: 0 }],
    "push",
  );
  const io = memoryIo({ IAMFETCH_PASSWORD: PASSWORD });
  const code = await runCli([...fixture.loginArgs, "--format", "json"], io);
  assert.equal(code, 0, io.stderr());
  assert.equal(io.prompts.length, 0, "IAMFETCH_PASSWORD answered the password prompt");
  assert.equal(io.spinners.length, 1);
  assert.match(io.spinners[0], /push/i);
  assert.match(JSON.parse(io.stdout()).accessKeyId, /^ASIA/);
});

Deno.test("login --idp browser opens the IdP, takes the SAML POST on 127.0.0.1, asks nothing", async () => {
  await using emulator = await startEmulator();
  const principalArn = "arn:aws:iam::123456789012:saml-provider/Corp";
  const roleArn = "arn:aws:iam::123456789012:role/BrowserUsers";
  registerTestIdp(emulator.state, { principalArn });
  emulator.state.addRole({ arn: roleArn });
  const port = freePort();
  const samlResponse = signedSamlResponse({ roles: [{ roleArn, principalArn }] });
  // The IdP's auto-post page, which a browser submits to the loopback listener, with the
  // RelayState the login URL carried.
  await using idp = await serveApp(
    new Hono().get("/sso", (c) =>
      c.html(
        `<form method="post" action="http://127.0.0.1:${port}/">` +
          `<input type="hidden" name="SAMLResponse" value="${samlResponse}">` +
          `<input type="hidden" name="RelayState" value="${c.req.query("RelayState")}"></form>`,
      )),
  );
  const io = memoryIo({});
  const opened: string[] = [];
  io.platform = {
    ...io.platform,
    serveLoopback: denoPlatform().serveLoopback,
    openUrl: async (url) => {
      opened.push(url);
      const [form] = parseHtmlForms(await (await fetch(url)).text(), url);
      const posted = await fetch(form.action, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          origin: new URL(url).origin,
        },
        body: new URLSearchParams(form.fields),
      });
      await posted.body?.cancel();
    },
  };
  const code = await runCli([
    "login",
    "--idp",
    "browser",
    "--idp-url",
    `${idp.url}/sso`,
    "--listen-port",
    String(port),
    "--format",
    "json",
    "--endpoint-url",
    emulator.url,
  ], io);
  assert.equal(code, 0, io.stderr());
  assert.equal(opened.length, 1);
  assert.match(opened[0], new RegExp(`^${idp.url}/sso\\?RelayState=[A-Za-z0-9_-]{22}$`));
  assert.equal(io.prompts.length, 0);
  assert.match(JSON.parse(io.stdout()).accessKeyId, /^ASIA/);
});
