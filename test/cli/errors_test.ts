/**
 * What the CLI prints when the work fails on a first run: the library's own words, variable
 * names and paths as written, and the whole chain of causes (a refused connection, the host
 * it went to), each line redacted.
 */
import assert from "node:assert/strict";
import { runCli } from "../../src/cli/mod.ts";
import { freePort } from "../find_program.ts";
import { SECRET_CREDENTIALS, SECRETS } from "../security/assert_no_secrets.ts";

const SECRET_ENV = {
  AWS_ACCESS_KEY_ID: SECRET_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: SECRET_CREDENTIALS.secretAccessKey,
  AWS_SESSION_TOKEN: SECRET_CREDENTIALS.sessionToken,
};
import { memoryIo } from "./memory_io.ts";

Deno.test("with no credentials anywhere the CLI names the variables, the files and why IMDS failed", async () => {
  const imdsPort = freePort(); // IMDS on loopback, where nothing listens
  const io = memoryIo({ AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${imdsPort}` });
  assert.equal(await runCli(["whoami"], io), 1);
  const stderr = io.stderr();
  assert.ok(!stderr.includes("[redacted]"), stderr);
  assert.match(stderr, /AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set/);
  assert.match(stderr, /not found in \/home\/me\/\.aws\/config or \/home\/me\/\.aws\/credentials/);
  assert.match(stderr, /set AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE/);
  // The IMDS provider's causes, each on its own line under the chain's message.
  assert.match(stderr, /\n {2}\(4\) caused by AwsError: NetworkingError: /);
  // Deno's fetch says "TypeError: fetch failed", caused by the connection error.
  assert.match(stderr, /\n {2}\(4\) caused by TypeError: /);
  assert.match(
    stderr,
    new RegExp(`\\n {2}\\(4\\) caused by \\w+: .*127\\.0\\.0\\.1:${imdsPort}.*Connection refused`),
  );
  assert.equal(io.stdout(), "");
});

Deno.test("a call to a closed port shows the connection error and its host instead of 'see cause'", async () => {
  const port = freePort();
  const io = memoryIo(SECRET_ENV);
  assert.equal(await runCli(["whoami", "--endpoint-url", `http://127.0.0.1:${port}`], io), 1);
  const lines = io.stderr().trimEnd().split("\n");
  assert.match(lines[0], /^iamfetch: AwsError: NetworkingError: The request could not be sent/);
  assert.match(lines[1], /^ {2}caused by TypeError: /);
  assert.match(
    lines.at(-1)!,
    new RegExp(`^ {2}caused by \\w+: .*127\\.0\\.0\\.1:${port}.*refused`),
  );
  for (const secret of Object.values(SECRETS)) assert.ok(!io.stderr().includes(secret));
});

Deno.test("a cause another library wrote is redacted line by line", async () => {
  const leaky = new TypeError(`proxy refused token=${SECRETS.sessionToken} for /home/me/.aws`);
  const io = memoryIo(SECRET_ENV, {
    fetch: () => Promise.reject(leaky),
  });
  assert.equal(await runCli(["whoami"], io), 1);
  const stderr = io.stderr();
  assert.ok(!stderr.includes(SECRETS.sessionToken), stderr);
  assert.match(
    stderr,
    /\n {2}caused by TypeError: proxy refused token=\[redacted\] for \/home\/me\/\.aws\n/,
  );
});
