import assert from "node:assert/strict";
import { redactedErrorLine, redactedExcerpt } from "../../src/credentials/redact_secrets.ts";
import { CredentialsProviderError } from "../../src/credentials/errors.ts";
import { SECRET_CREDENTIALS, SECRETS } from "../security/assert_no_secrets.ts";

Deno.test("redactedExcerpt keeps variable names, API names and paths of another library's message", () => {
  const text =
    "Set AWS_SECRET_ACCESS_KEY or AWS_WEB_IDENTITY_TOKEN_FILE; AssumeRoleWithWebIdentity " +
    "failed reading /tmp/first-run-home2024/.aws/credentials and " +
    "/Users/AliceSmith/Library/Application/config (ECONNREFUSED 127.0.0.1:41234)";
  assert.equal(redactedExcerpt(text, 1000), text);
});

Deno.test("redactedExcerpt still hides every kind of secret in another library's message", () => {
  for (const [kind, secret] of Object.entries(SECRETS)) {
    if (kind === "mfaCode") continue; // six digits are only hidden after a name
    const excerpt = redactedExcerpt(`upstream said ${secret} in its message`, 1000);
    assert.ok(!excerpt.includes(secret), `${kind}: ${excerpt}`);
  }
  const named = redactedExcerpt(
    `TokenCode=${SECRETS.mfaCode} token: ${SECRETS.sessionToken}`,
    1000,
  );
  assert.ok(!named.includes(SECRETS.mfaCode) && !named.includes(SECRETS.sessionToken), named);
  const key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  assert.ok(!redactedExcerpt(`the key ${key} is wrong`, 1000).includes(key));
});

Deno.test("redactedErrorLine shows this library's credential errors as written and redacts others", () => {
  const ours = new CredentialsProviderError(
    "Web identity needs a role ARN and a token: set AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE.",
  );
  assert.equal(redactedErrorLine(ours), `CredentialsProviderError: ${ours.message}`);
  const theirs = new TypeError(`request failed with token=${SECRET_CREDENTIALS.sessionToken}`);
  const line = redactedErrorLine(theirs);
  assert.match(line, /^TypeError: request failed with token=\[redacted\]$/);
  assert.equal(redactedErrorLine("a string"), "a non-Error value: a string");
});
