// `iamfetch login --idp okta-oie --mode web|direct|m2m` in-process against the fake OIE org
// and the emulator: the device code printed (and the app asked for by number), the password
// and a TOTP code asked hidden, the m2m key read from a file; credentials printed or saved.
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { runCli } from "../../../../src/cli/mod.ts";
import { totp } from "../../../idp/okta/totp.ts";
import { memoryIo } from "../../../cli/memory_io.ts";
import {
  DEV_APP_INIT,
  DEV_ROLE,
  M2M_ROLE,
  NATIVE_CLIENT,
  type OieSetup,
  orgInit,
  PASSWORD,
  SERVICE_CLIENT,
  startOieSetup,
  USER,
} from "./fixtures.ts";

const OTP_SECRET = new TextEncoder().encode("cli-oie-otp-secret");

function flags(setup: OieSetup, mode: string, ...more: string[]): string[] {
  return [
    "login",
    "--idp",
    "okta-oie",
    "--mode",
    mode,
    "--idp-url",
    setup.okta.url,
    "--endpoint-url",
    setup.emulator.url,
    "--region",
    "us-east-1",
    ...more,
  ];
}

Deno.test("login --idp okta-oie --mode web prints the code, asks for the app, prints credentials", async () => {
  await using setup = await startOieSetup(
    orgInit({ apps: [...orgInit().apps, DEV_APP_INIT], device: { interval: 0 } }),
  );
  const io = memoryIo({}, { answers: ["2"] });
  const approve = setInterval(() => {
    const match = /confirm the code (\w+)/.exec(io.stderr());
    const pending = [...setup.okta.state.deviceCodes.values()].some((d) => !d.approvedBy);
    if (match !== null && pending) setup.okta.state.approveDevice(match[1], USER);
  }, 5);
  try {
    const code = await runCli(
      [...flags(setup, "web", "--client-id", NATIVE_CLIENT), "--format", "json"],
      io,
    );
    assert.equal(code, 0, io.stderr());
  } finally {
    clearInterval(approve);
  }
  assert.match(
    io.stderr(),
    new RegExp(`Open ${setup.okta.url}/activate\\?user_code=\\w+ and confirm`),
  );
  assert.match(io.stderr(), /1\) AWS production \(\w+\)\n {2}2\) AWS development/);
  assert.deepEqual(io.prompts, [{ question: "Choose an AWS app [1-2]: ", hidden: false }]);
  assert.deepEqual(io.spinners, ["Waiting for the browser sign-in…"]);
  assert.match(JSON.parse(io.stdout()).accessKeyId, /^ASIA/);
  assert.equal(setup.emulator.state.stsCalls[0].params.RoleArn, DEV_ROLE);
});

Deno.test("login --idp okta-oie --mode direct asks the password and code hidden, saves the profile", async () => {
  await using setup = await startOieSetup(orgInit({
    users: [{ login: USER, password: PASSWORD, factors: [{ type: "otp", secret: OTP_SECRET }] }],
  }));
  const io = memoryIo({}, { answers: [USER, PASSWORD, await totp(OTP_SECRET, Date.now())] });
  const code = await runCli([
    ...flags(setup, "direct", "--client-id", NATIVE_CLIENT, "--mfa-type", "otp"),
    "--profile-out",
    "okta-oie",
  ], io);
  assert.equal(code, 0, io.stderr());
  assert.deepEqual(io.prompts.map((p) => [p.question, p.hidden]), [
    ["Username: ", false],
    ["Password: ", true],
    ["Okta asks for the code from your authenticator app.: ", true],
  ]);
  assert.match(
    io.files.get("/home/me/.aws/credentials") ?? "",
    /\[okta-oie\]\naws_access_key_id = ASIA/,
  );
  assert.ok(!io.stderr().includes(PASSWORD));
});

Deno.test("login --idp okta-oie --mode m2m reads the key file and assumes the role", async () => {
  await using setup = await startOieSetup();
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  setup.okta.state.clients.set(SERVICE_CLIENT, {
    id: SERVICE_CLIENT,
    grants: ["client_credentials"],
    publicKeys: [{ ...publicKey.export({ format: "jwk" }), kid: "ci-key" }],
  });
  const pem = privateKey.export({ type: "pkcs1", format: "pem" }) as string;
  const io = memoryIo({}, { files: { "/secrets/okta.pem": pem } });
  const code = await runCli([
    ...flags(setup, "m2m", "--client-id", SERVICE_CLIENT, "--key-id", "ci-key"),
    "--private-key-file",
    "/secrets/okta.pem",
    "--role-arn",
    M2M_ROLE,
    "--format",
    "process",
  ], io);
  assert.equal(code, 0, io.stderr());
  assert.equal(JSON.parse(io.stdout()).Version, 1);
  assert.equal(setup.emulator.state.stsCalls[0].action, "AssumeRoleWithWebIdentity");
  assert.deepEqual(io.prompts, []);

  const fromEnv = memoryIo({ OKTA_AWSCLI_PRIVATE_KEY: pem.replaceAll("\n", "\\n") });
  const again = await runCli([
    ...flags(setup, "m2m", "--client-id", SERVICE_CLIENT, "--key-id", "ci-key"),
    "--role-arn",
    M2M_ROLE,
  ], fromEnv);
  assert.equal(again, 0, fromEnv.stderr());
  assert.match(fromEnv.stdout(), /export AWS_ACCESS_KEY_ID=ASIA/);
});

Deno.test("login --idp okta-oie refuses a bad mode, a missing key, a wrong password without echoing it", async () => {
  await using setup = await startOieSetup();
  const badMode = memoryIo({});
  assert.notEqual(await runCli(flags(setup, "saml", "--client-id", NATIVE_CLIENT), badMode), 0);
  assert.match(badMode.stderr(), /--mode must be one of web, direct, m2m/);
  const noKey = memoryIo({});
  assert.notEqual(
    await runCli(
      [...flags(setup, "m2m", "--client-id", SERVICE_CLIENT), "--role-arn", M2M_ROLE],
      noKey,
    ),
    0,
  );
  assert.match(noKey.stderr(), /--private-key-file or OKTA_AWSCLI_PRIVATE_KEY/);
  const wrong = memoryIo({ IAMFETCH_PASSWORD: `${PASSWORD}-wrong` });
  assert.notEqual(
    await runCli(
      [...flags(setup, "direct", "--client-id", NATIVE_CLIENT), "--username", USER],
      wrong,
    ),
    0,
  );
  assert.match(wrong.stderr(), /password sign-in.*invalid_grant/);
  assert.ok(!wrong.stderr().includes(PASSWORD));
});
