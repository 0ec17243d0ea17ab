import assert from "node:assert/strict";
import { chooseSamlRole } from "../../src/saml/choose_role.ts";
import { SamlAssertionError } from "../../src/saml/errors.ts";

const A = "arn:aws:iam::111122223333";
const OKTA = `${A}:saml-provider/Okta`;
const ADFS = `${A}:saml-provider/Adfs`;
const DEV_OKTA = { roleArn: `${A}:role/Dev`, principalArn: OKTA };
const DEV_ADFS = { roleArn: `${A}:role/Dev`, principalArn: ADFS };
const OPS = { roleArn: `${A}:role/Ops`, principalArn: OKTA };
const ROLES = [DEV_OKTA, DEV_ADFS, OPS];

Deno.test("chooseSamlRole: the only role is taken without options", async () => {
  assert.deepEqual(await chooseSamlRole([OPS]), OPS);
});

Deno.test("chooseSamlRole: by roleArn, by principalArn, and by both", async () => {
  assert.deepEqual(await chooseSamlRole(ROLES, { roleArn: OPS.roleArn }), OPS);
  assert.deepEqual(await chooseSamlRole(ROLES, { principalArn: ADFS }), DEV_ADFS);
  assert.deepEqual(
    await chooseSamlRole(ROLES, { roleArn: DEV_OKTA.roleArn, principalArn: OKTA }),
    DEV_OKTA,
  );
});

Deno.test("chooseSamlRole: the chooser sees only the remaining candidates and may be async", async () => {
  let seen: unknown;
  const chosen = await chooseSamlRole(ROLES, {
    roleArn: DEV_OKTA.roleArn,
    chooser: (candidates) => {
      seen = candidates;
      return Promise.resolve({ ...candidates[1] });
    },
  });
  assert.deepEqual(seen, [DEV_OKTA, DEV_ADFS]);
  assert.deepEqual(chosen, DEV_ADFS);
});

Deno.test("chooseSamlRole: no match, an ambiguous choice, or a foreign chosen role are errors", async () => {
  await assert.rejects(
    chooseSamlRole(ROLES, { roleArn: `${A}:role/Admin` }),
    (e) =>
      e instanceof SamlAssertionError &&
      /does not grant .*role\/Admin; it grants: .*role\/Ops/.test(e.message),
  );
  await assert.rejects(
    chooseSamlRole(ROLES),
    (e) => e instanceof SamlAssertionError && /several roles .* set roleArn/.test(e.message),
  );
  await assert.rejects(
    chooseSamlRole(ROLES, { chooser: () => ({ roleArn: `${A}:role/Admin`, principalArn: OKTA }) }),
    (e) => e instanceof SamlAssertionError && /chooser returned a role/.test(e.message),
  );
  await assert.rejects(chooseSamlRole([]), /grants: none/);
});
