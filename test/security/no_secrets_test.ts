// The secrets sweep: every case of every layer's list must fail (or, marked `resolves`,
// succeed) without any of the recognisable SECRETS showing in its message, stack, causes,
// String(), JSON.stringify(), Deno.inspect() or util.inspect(). To add a layer, import its
// case list here. The same failures show the library's error story: each is an
// IamfetchError, and each message of the library in it is a sentence (see assertErrorStory).
import assert from "node:assert/strict";
import { AwsError, IamfetchError } from "../../mod.ts";
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

/** Failures that are not the library's own: AwsClient.fetch rejects as `fetch` does. */
const RUNTIME_FAILURES = new Set(["AwsClient presigned fetch to a closed port (token in the URL)"]);

/** AWS error codes the library sets itself; other codes carry the service's own message. */
const LIBRARY_AWS_CODES = new Set([
  "InvalidResponse",
  "NetworkingError",
  "TimeoutError",
  "MissingCredentials",
]);

/** Fails unless `message` starts with a non-space and ends as a sentence does. */
function assertSentence(what: string, message: string): void {
  assert.match(message, /^\S/, `${what}: the message starts with a space: ${message}`);
  assert.match(message, /[.?)]$/, `${what}: the message does not end a sentence: ${message}`);
}

/**
 * Fails unless `error` is an IamfetchError and every message of the library on its chain of
 * causes (the runtime's and the caller's own are theirs) is a sentence. An AwsError's message
 * is `code: text`, where `text` is the service's own unless the library set the code. The CLI
 * cases' errors carry what the command printed: each `iamfetch: …` line is checked.
 */
function assertErrorStory(layer: string, name: string, error: unknown): void {
  if (layer === "cli") {
    const lines = String((error as Error).message).split("\n");
    for (const line of lines.filter((line) => line.startsWith("iamfetch: "))) {
      assertSentence(name, line.slice("iamfetch: ".length));
    }
    return;
  }
  if (!RUNTIME_FAILURES.has(name)) {
    assert.ok(error instanceof IamfetchError, `${name}: ${String(error)} is not an IamfetchError`);
  }
  for (let cause = error; cause instanceof IamfetchError; cause = cause.cause) {
    if (!(cause instanceof AwsError)) assertSentence(name, cause.message);
    else {
      assert.ok(cause.message.startsWith(`${cause.code}: `), `${name}: ${cause.message}`);
      if (LIBRARY_AWS_CODES.has(cause.code)) {
        assertSentence(name, cause.message.slice(cause.code.length + 2));
      }
    }
  }
}

for (const [layer, cases] of LAYERS) {
  for (const secretCase of cases) {
    Deno.test(`no secret shown, and a sentence of an IamfetchError (${layer}): ${secretCase.name}`, async () => {
      let failure: unknown;
      await checkSecretCase({
        ...secretCase,
        run: () =>
          secretCase.run().catch((error) => {
            failure = error;
            throw error;
          }),
      });
      if (!secretCase.resolves) assertErrorStory(layer, secretCase.name, failure);
    });
  }
}

Deno.test("the sweep's assertion finds a secret hidden in a cause's message", () => {
  const error = new Error("outer", { cause: new Error(`inner ${SECRETS.mfaCode}`) });
  assert.throws(() => assertNoSecrets("planted", error), /shows the mfaCode/);
});
