// README.md "Okta Identity Engine": each example, as written, against the fake OIE org and the
// emulator (AssumeRoleWithSAML checks the assertion's signature, AssumeRoleWithWebIdentity the
// m2m token's).
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { assertIssuedKey, readmeBlock, runReadmeBlock } from "../../../docs/readme_run.ts";
import { registerTestIdp } from "../../../idp/saml_issuer.ts";
import { type OieSetup, orgInit, PASSWORD, startOieSetup, USER } from "./fixtures.ts";

const PRINCIPAL = "arn:aws:iam::215338515180:saml-provider/okta";
const ROLE = "arn:aws:iam::215338515180:role/SSOTest2";
const CLIENT = "0oa5wyqjk6Wm148fE1d7";
const APP = "0oa9x1rifa2H6Q5d8325";

function readmeOrg(overrides = {}) {
  return orgInit({
    apps: [{
      id: APP,
      label: "AWS",
      roles: [{ roleArn: ROLE, principalArn: PRINCIPAL }],
      webSsoClient: CLIENT,
    }],
    device: { interval: 0 },
    ...overrides,
  });
}

function trusting(setup: OieSetup) {
  registerTestIdp(setup.emulator.state, { principalArn: PRINCIPAL });
  setup.emulator.state.addRole({ arn: ROLE });
  setup.emulator.state.addRole({ arn: "arn:aws:iam::215338515180:role/ci" });
}

/** Runs the README block `name` against `setup`; the lines it printed. */
async function run(name: string, setup: OieSetup, env: Record<string, string> = {}) {
  const lines = await runReadmeBlock(await readmeBlock(name), {
    "https://example.okta.com": setup.okta.url,
    "https://sts.eu-west-1.amazonaws.com": setup.emulator.url,
  }, env);
  // Deno prints a one-time notice about Deno.serve's request signal through console.warn.
  return lines.filter((line) => !line.startsWith("Deno.serve:"));
}

Deno.test("README: Okta OIE web: the device code printed, approved, credentials", async () => {
  await using setup = await startOieSetup(readmeOrg({
    clients: [{ ...orgInit().clients[0], id: CLIENT }],
  }));
  trusting(setup);
  const approve = setInterval(() => {
    for (const device of setup.okta.state.deviceCodes.values()) {
      if (!device.approvedBy) setup.okta.state.approveDevice(device.userCode, USER);
    }
  }, 5);
  try {
    const out = await run("okta-oie-web", setup);
    assert.match(
      out[0],
      new RegExp(`^Open ${setup.okta.url}/activate\\?user_code=\\w+ to sign in$`),
    );
    assertIssuedKey(out[1], setup.emulator.state);
  } finally {
    clearInterval(approve);
  }
});

Deno.test("README: Okta OIE direct: password and push, credentials", async () => {
  await using setup = await startOieSetup(readmeOrg({
    clients: [{ ...orgInit().clients[0], id: CLIENT }],
    users: [{
      login: USER,
      password: PASSWORD,
      factors: [{ type: "push", answer: "approve", afterPolls: 0 }],
    }],
  }));
  trusting(setup);
  const out = await run("okta-oie-direct", setup, { OKTA_PASSWORD: PASSWORD });
  assert.match(out[0], /push notification/);
  assertIssuedKey(out[1], setup.emulator.state);
});

Deno.test("README: Okta OIE m2m: the key from the environment, credentials", async () => {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  await using setup = await startOieSetup(readmeOrg({
    clients: [{
      id: "0oaa4htg72TNrkTDr1d7",
      grants: ["client_credentials"],
      publicKeys: [{ ...publicKey.export({ format: "jwk" }), kid: "kid-rock" }],
    }],
  }));
  trusting(setup);
  const out = await run("okta-oie-m2m", setup, {
    OKTA_AWSCLI_PRIVATE_KEY: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
  });
  assertIssuedKey(out[0], setup.emulator.state);
  assert.equal(setup.emulator.state.stsCalls[0].action, "AssumeRoleWithWebIdentity");
});
