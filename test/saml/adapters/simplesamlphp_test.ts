// A real IdP nobody here wrote: Debian's SimpleSAMLphp, driven by the generic form adapter
// (IdP-initiated SSO for urn:amazon:webservices, exampleauth user/password), end to end to
// credentials through the emulator's AssumeRoleWithSAML, which verifies SimpleSAMLphp's
// signature against its certificate.
// Needs: apt-get install -y simplesamlphp php-cli php-xml php-mbstring
import assert from "node:assert/strict";
import { formAdapter, fromSaml, SamlLoginError, sessionFetch } from "../../../src/saml/mod.ts";
import { parseSamlAssertion } from "../../../src/saml/assertion.ts";
import { startEmulator } from "../../emulator/emulator.ts";
import { callerArn } from "../../emulator/sts_requests.ts";
import { registerTestIdp, TEST_IDP } from "../../idp/saml_issuer.ts";
import { startSimpleSamlPhp } from "../../idp/simplesamlphp/simplesamlphp.ts";

const ROLE = {
  roleArn: "arn:aws:iam::123456789012:role/SimpleSamlPhpUsers",
  principalArn: "arn:aws:iam::123456789012:saml-provider/SimpleSAMLphp",
};
const OTHER_ROLE = {
  roleArn: "arn:aws:iam::123456789012:role/Auditors",
  principalArn: ROLE.principalArn,
};
const PASSWORD = "Simple-SAML-pw-7c1e";

Deno.test("formAdapter signs in at SimpleSAMLphp and fromSaml turns its assertion into credentials", async () => {
  await using idp = await startSimpleSamlPhp({
    username: "alice",
    password: PASSWORD,
    roles: [OTHER_ROLE, ROLE],
    roleSessionName: "alice@example.org",
  });
  await using emulator = await startEmulator();
  emulator.state.addRole({ arn: ROLE.roleArn });
  registerTestIdp(emulator.state, {
    principalArn: ROLE.principalArn,
    certificatePem: idp.certificatePem,
  });
  // A fresh provider each time: fromSaml caches what it got.
  const loginAsAlice = () =>
    fromSaml({
      adapter: formAdapter({ idpUrl: idp.ssoUrl }),
      username: "alice",
      password: PASSWORD,
      roleArn: ROLE.roleArn,
      endpoint: emulator.url,
      region: "us-east-1",
    });
  const credentials = await loginAsAlice()().catch((error) => {
    throw new Error(`${error}\nSimpleSAMLphp log:\n${idp.log().slice(-2000)}`, { cause: error });
  });
  assert.match(credentials.accessKeyId, /^ASIA/);
  assert.equal(
    await callerArn(emulator, credentials),
    "arn:aws:sts::123456789012:assumed-role/SimpleSamlPhpUsers/alice@example.org",
  );
  const call = emulator.state.stsCalls.find((c) => c.action === "AssumeRoleWithSAML");
  assert.equal(call?.params.PrincipalArn, ROLE.principalArn);
  const info = parseSamlAssertion(call?.params.SAMLAssertion ?? "");
  assert.deepEqual(info.audiences, ["urn:amazon:webservices"]);
  assert.equal(info.issuer, `${idp.url}/saml2/idp/metadata.php`);
  assert.deepEqual(info.roles, [OTHER_ROLE, ROLE]);

  // The emulator checks SimpleSAMLphp's signature: trusting another certificate fails.
  registerTestIdp(emulator.state, {
    principalArn: ROLE.principalArn,
    certificatePem: TEST_IDP.certificatePem,
  });
  await assert.rejects(loginAsAlice()(), /InvalidIdentityToken|signature/i);
});

Deno.test("SimpleSAMLphp refusing the password is a SamlLoginError without the password", async () => {
  await using idp = await startSimpleSamlPhp({
    username: "alice",
    password: PASSWORD,
    roles: [ROLE],
  });
  const wrong = "not-the-PASSWORD-4d2a";
  const error = await formAdapter({ idpUrl: idp.ssoUrl })
    .getSamlResponse({ fetch: sessionFetch(), username: "alice", password: wrong })
    .then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof SamlLoginError, String(error));
  assert.match(error.message, /refused the user name or password/);
  assert.ok(!error.message.includes(wrong));
});
