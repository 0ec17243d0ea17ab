// fromSaml with oktaAdapter, end to end: fake Okta (TOTP MFA) → signed SAMLResponse →
// the emulator's AssumeRoleWithSAML, which verifies the signature against the registered
// certificate → credentials.
import assert from "node:assert/strict";
import { fromSaml, oktaAdapter, parseSamlAssertion } from "../../../../src/saml/mod.ts";
import { startEmulator } from "../../../emulator/emulator.ts";
import { FAKE_OKTA_ISSUER, startFakeOkta } from "../../../idp/okta/fake_okta.ts";
import { totp } from "../../../idp/okta/totp.ts";
import { OTHER_IDP, registerTestIdp } from "../../../idp/saml_issuer.ts";
import { OKTA_PRINCIPAL_ARN, OKTA_ROLE_ARN, OKTA_ROLES, PASSWORD, USER } from "./test_fixtures.ts";
import { assertNoneShown } from "../../../security/assert_no_secrets.ts";

const TOTP_SECRET = new TextEncoder().encode("from-saml-totp-secret");

async function setup(certificatePem?: string) {
  const emulator = await startEmulator();
  registerTestIdp(emulator.state, { principalArn: OKTA_PRINCIPAL_ARN, certificatePem });
  emulator.state.addRole({ arn: OKTA_ROLE_ARN });
  const okta = await startFakeOkta({
    users: [{
      login: USER,
      password: PASSWORD,
      factors: [{ type: "token:software:totp", secret: TOTP_SECRET }],
    }],
    roles: OKTA_ROLES,
    sessionDuration: 1800,
  });
  const codes: string[] = [];
  const provider = fromSaml({
    adapter: oktaAdapter({ loginUrl: okta.loginUrl }),
    username: USER,
    password: PASSWORD,
    mfa: async () => {
      codes.push(await totp(TOTP_SECRET, Date.now()));
      return codes.at(-1);
    },
    endpoint: emulator.url,
    region: "us-east-1",
  });
  return {
    emulator,
    okta,
    provider,
    codes,
    async [Symbol.asyncDispose]() {
      await okta.close();
      await emulator.close();
    },
  };
}

Deno.test("fromSaml(oktaAdapter) gets credentials from AssumeRoleWithSAML and logs in once", async () => {
  await using s = await setup();
  const credentials = await s.provider();
  assert.match(credentials.accessKeyId, /^ASIA/);
  assert.ok(credentials.expiration instanceof Date);
  const lifetime = credentials.expiration.getTime() - Date.now();
  assert.ok(lifetime > 1700_000 && lifetime <= 1800_000, "SessionDuration set the duration");
  const [call] = s.emulator.state.stsCalls;
  assert.equal(call.action, "AssumeRoleWithSAML");
  assert.equal(call.params.RoleArn, OKTA_ROLE_ARN);
  assert.equal(call.params.PrincipalArn, OKTA_PRINCIPAL_ARN);
  const assertion = parseSamlAssertion(call.params.SAMLAssertion);
  assert.equal(assertion.issuer, FAKE_OKTA_ISSUER);
  assert.equal(assertion.subject, USER);
  await s.provider();
  assert.equal(s.okta.state.log.filter((r) => r.path === "/api/v1/authn").length, 1);
  assert.equal(s.codes.length, 1, "the cached credentials needed no second MFA");
});

Deno.test("fromSaml(oktaAdapter) fails when AWS trusts another certificate than the org's", async () => {
  await using s = await setup(OTHER_IDP.certificatePem);
  const error = await s.provider().then(() => undefined, (e) => e);
  assert.ok(error instanceof Error, "an assertion signed with an untrusted key was refused");
  assert.match(error.message, /InvalidIdentityToken.*signature is invalid/);
  assertNoneShown(error, [PASSWORD, ...s.codes]);
  assert.doesNotMatch(String(error), /PHNhbWxw|PD94bWwg/, "no SAML response in the error");
});
