// The secrets sweep: every case of every layer's list must fail (or, marked `resolves`,
// succeed) without any of the recognisable SECRETS showing in its message, stack, causes,
// String(), JSON.stringify(), Deno.inspect() or util.inspect(). To add a layer, import its
// case list here.
import assert from "node:assert/strict";
import { assertNoSecrets, checkSecretCase, type SecretCase, SECRETS } from "./assert_no_secrets.ts";
import { CLI_CASES } from "./secret_cases_cli.ts";
import { CONFIG_CASES } from "./secret_cases_config.ts";
import { CREDENTIALS_CASES } from "./secret_cases_credentials.ts";
import { HTTP_STS_CASES } from "./secret_cases_http_sts.ts";
import { SAML_CASES } from "./secret_cases_saml.ts";
import { TOKENS_CASES } from "./secret_cases_tokens.ts";

const LAYERS: ReadonlyArray<[string, readonly SecretCase[]]> = [
  ["http+sts", HTTP_STS_CASES],
  ["credentials", CREDENTIALS_CASES],
  ["tokens", TOKENS_CASES],
  ["saml", SAML_CASES],
  ["config", CONFIG_CASES],
  ["cli", CLI_CASES],
];

for (const [layer, cases] of LAYERS) {
  for (const secretCase of cases) {
    Deno.test(`no secret shown (${layer}): ${secretCase.name}`, () => checkSecretCase(secretCase));
  }
}

Deno.test("the sweep's assertion finds a secret hidden in a cause's message", () => {
  const error = new Error("outer", { cause: new Error(`inner ${SECRETS.mfaCode}`) });
  assert.throws(() => assertNoSecrets("planted", error), /shows the mfaCode/);
});
