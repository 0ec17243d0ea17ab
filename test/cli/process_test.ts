/**
 * The CLI as users run it: `deno run src/cli/mod.ts …` as a child process (stdout, stderr,
 * exit codes), and through tmux for the hidden password and MFA prompts of `login`.
 */
import assert from "node:assert/strict";
import { startEmulator } from "../emulator/emulator.ts";
import { totp } from "../idp/okta/totp.ts";
import { PASSWORD } from "../saml/adapters/okta/test_fixtures.ts";
import { ssoLoginArgs, startOktaLogin } from "./login_fixtures.ts";
import { startCliInTerminal } from "./terminal_session.ts";

const CLI = new URL("../../src/cli/mod.ts", import.meta.url).pathname;

async function cli(args: string[], env: Record<string, string>) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-q", "-A", CLI, ...args],
    env: { NO_COLOR: "1", HOME: "/nonexistent", ...env },
    clearEnv: true,
    stdin: "null",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

Deno.test("the CLI process prints on stdout, fails on stderr with exit codes 1 and 2", async () => {
  await using emulator = await startEmulator();
  const env = {
    AWS_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: emulator.credentials.secretAccessKey,
  };
  const ok = await cli(["whoami", "--endpoint-url", emulator.url, "--region", "eu-west-1"], env);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(JSON.parse(ok.stdout).Arn, /^arn:aws:iam::\d{12}:user\//);
  assert.equal(ok.stderr, "");

  const usage = await cli(["whoami", "--bogus"], env);
  assert.equal(usage.code, 2);
  assert.equal(usage.stdout, "");
  assert.match(usage.stderr, /^iamfetch: Unknown flag --bogus\./);

  const wrongSecret = await cli(["whoami", "--endpoint-url", emulator.url], {
    ...env,
    AWS_SECRET_ACCESS_KEY: "wrong-secret-value-do-not-print",
  });
  assert.equal(wrongSecret.code, 1);
  assert.match(wrongSecret.stderr, /^iamfetch: AwsError: .*signature/i);
  assert.ok(!wrongSecret.stderr.includes("wrong-secret-value-do-not-print"));
});

Deno.test("login in a terminal: hidden password and MFA code, profile written, nothing echoed", async () => {
  const totpSecret = new TextEncoder().encode("tmux-totp-secret");
  await using fixture = await startOktaLogin(
    [{ type: "token:software:totp", secret: totpSecret }],
    "totp",
  );
  const home = await Deno.makeTempDir();
  try {
    await using terminal = await startCliInTerminal(
      [...fixture.loginArgs, "--profile-out", "okta-dev", "--region", "us-east-1"],
      home,
    );
    await terminal.waitFor(/Password:\s*$/m); // tmux drops trailing spaces
    await terminal.typeLine(PASSWORD);
    await terminal.waitFor(/code[^\n]*:\s*$/im);
    await terminal.typeLine(await totp(totpSecret, Date.now()));
    const screen = await terminal.waitFor(/exit=\d+/);
    assert.match(screen, /exit=0/, screen);
    assert.match(screen, /Saved profile okta-dev in /);
    assert.ok(!screen.includes(PASSWORD), "the password was echoed");
    const file = await Deno.readTextFile(`${home}/.aws/credentials`);
    assert.match(file, /^\[okta-dev\]\naws_access_key_id = ASIA/);
    assert.equal((await Deno.stat(`${home}/.aws/credentials`)).mode! & 0o777, 0o600);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("login --sso in a terminal: the device code, then the roles; the token cache is the CLI's", async () => {
  await using emulator = await startEmulator();
  emulator.state.ssoOidc.approveAfterPolls = 2;
  emulator.state.sso.accounts = [{
    accountId: "111122223333",
    accountName: "sandbox",
    emailAddress: "aws@example.com",
    roles: ["ReadOnly"],
  }];
  const home = await Deno.makeTempDir();
  try {
    await using terminal = await startCliInTerminal(ssoLoginArgs(emulator), home);
    const screen = await terminal.waitFor(/exit=\d+/);
    assert.match(screen, /exit=0/, screen);
    assert.match(screen, /Open \S+user_code=\w{4}-\w{4} and confirm the code \w{4}-\w{4}/);
    assert.match(screen, /111122223333 {2}sandbox\n {2}ReadOnly/);
    // sha1("my-sso"): where the AWS CLI looks for the token of sso-session my-sso.
    const cache = `${home}/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json`;
    assert.equal(
      JSON.parse(await Deno.readTextFile(cache)).startUrl,
      "https://my-org.awsapps.com/start",
    );
    assert.equal((await Deno.stat(cache)).mode! & 0o777, 0o600);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
