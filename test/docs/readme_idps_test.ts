// README.md "Identity providers": each runnable example, as written, against its fake IdP and
// the emulator, whose AssumeRoleWithSAML verifies the assertion's signature and audience.
import assert from "node:assert/strict";
import { type RunningEmulator, startEmulator } from "../emulator/emulator.ts";
import { startFakeAdfs } from "../idp/adfs/fake_adfs.ts";
import { startFakeAzureAd } from "../idp/azure/fake_azure_ad.ts";
import { startFakeFormIdp } from "../idp/form/fake_form_idp.ts";
import { startFakeOkta } from "../idp/okta/fake_okta.ts";
import { registerTestIdp, type TestSamlRole } from "../idp/saml_issuer.ts";
import { assertIssuedKey, readmeBlock, runReadmeBlock } from "./readme_run.ts";

const PRINCIPAL = "arn:aws:iam::215338515180:saml-provider/corp";
const ROLE = "arn:aws:iam::215338515180:role/SSOTest2";

async function emulatorTrusting(roles: readonly TestSamlRole[]): Promise<RunningEmulator> {
  const emu = await startEmulator();
  for (const { roleArn, principalArn } of roles) {
    registerTestIdp(emu.state, { principalArn });
    emu.state.addRole({ arn: roleArn });
  }
  return emu;
}

function samlRoleOf(emu: RunningEmulator): unknown {
  return emu.state.stsCalls.find((c) => c.action === "AssumeRoleWithSAML")?.params.RoleArn;
}

Deno.test("README: Okta with an MFA push, the role chosen by roleArn", async () => {
  const roles = [
    { roleArn: "arn:aws:iam::215338515180:role/Other", principalArn: PRINCIPAL },
    { roleArn: ROLE, principalArn: PRINCIPAL },
  ];
  await using emu = await emulatorTrusting(roles);
  await using okta = await startFakeOkta({
    users: [{
      login: "alice@example.com",
      password: "okta-pw",
      factors: [{ type: "push", answer: "approve", afterPolls: 1 }],
    }],
    roles,
  });
  const out = await runReadmeBlock(await readmeBlock("okta-mfa"), {
    "https://idp.example.com": okta.url,
    "https://sts.eu-west-1.amazonaws.com": emu.url,
  }, { OKTA_PASSWORD: "okta-pw" });
  assert.equal(out.length, 2);
  assert.match(out[0], /push/i);
  assertIssuedKey(out[1], emu.state);
  assert.equal(samlRoleOf(emu), ROLE);
});

Deno.test("README: ADFS forms sign-on with the relying party", async () => {
  const roles = [{ roleArn: ROLE, principalArn: PRINCIPAL }];
  await using emu = await emulatorTrusting(roles);
  await using adfs = await startFakeAdfs({ users: { "CORP\\alice": "adfs-pw" }, roles });
  const out = await runReadmeBlock(await readmeBlock("adfs"), {
    "https://idp.example.com": adfs.url,
    "https://sts.eu-west-1.amazonaws.com": emu.url,
  }, { ADFS_PASSWORD: "adfs-pw" });
  assertIssuedKey(out[0], emu.state);
  assert.ok(adfs.requests.some((r) => r.form?.UserName === "CORP\\alice"));
  assert.equal(samlRoleOf(emu), ROLE);
});

Deno.test("README: Azure AD's SAML token from the OAuth token call", async () => {
  const roles = [{ roleArn: ROLE, principalArn: PRINCIPAL }];
  await using emu = await emulatorTrusting(roles);
  await using azure = await startFakeAzureAd({
    tenant: "72f988bf-86f1-41af-91ab-2d7cd011db47",
    clientId: "3ea1c786-d527-4399-8c3b-2e3696ae4b48",
    clientSecret: "azure-client-secret",
    resource: "https://signin.aws.amazon.com/saml",
    users: { "alice@contoso.com": "azure-pw" },
    roles,
  });
  const out = await runReadmeBlock(await readmeBlock("azure"), {
    "https://login.microsoftonline.com": azure.url,
    "https://sts.eu-west-1.amazonaws.com": emu.url,
  }, { AZURE_CLIENT_SECRET: "azure-client-secret", AZURE_PASSWORD: "azure-pw" });
  assertIssuedKey(out[0], emu.state);
  assert.equal(azure.requests.length, 1);
  assert.equal(samlRoleOf(emu), ROLE);
});

Deno.test("README: the generic form adapter with Airflow's idp_url, xpath and headers", async () => {
  const principal = "arn:aws:iam::112223334444:saml-provider/my_saml_provider";
  const roles = [
    { roleArn: "arn:aws:iam::112223334444:role/other", principalArn: principal },
    { roleArn: "arn:aws:iam::112223334444:role/my_role", principalArn: principal },
  ];
  await using emu = await emulatorTrusting(roles);
  await using idp = await startFakeFormIdp({
    username: "alice",
    password: "form-pw",
    roles,
    requiredHeader: ["accept", "text/html"],
  });
  const out = await runReadmeBlock(await readmeBlock("form"), {
    "https://idp.example.com": idp.url,
    "https://sts.eu-west-1.amazonaws.com": emu.url,
  }, { IDP_PASSWORD: "form-pw" });
  assertIssuedKey(out[0], emu.state);
  assert.equal(idp.logins.length, 1);
  assert.equal(samlRoleOf(emu), "arn:aws:iam::112223334444:role/my_role");
});
