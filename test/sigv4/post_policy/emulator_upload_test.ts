// presignPost's forms posted to the AWS emulator, whose POST Object route checks the policy
// apart from verifyPostPolicy (test/emulator/routes/s3_post_object.ts): a good upload is
// stored and read back with a signed GET; a too-large file or a key outside the allowed
// prefix is refused with S3's error XML.
import assert from "node:assert/strict";
import { presignPost } from "../../../src/sigv4/mod.ts";
import { startEmulator } from "../../emulator/emulator.ts";
import { getObject } from "../../emulator/s3_requests.ts";

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

async function upload(
  endpoint: string,
  credentials: Credentials,
  file: File,
  change: (fields: Record<string, string>) => Record<string, string> = (fields) => fields,
) {
  const { url, fields } = await presignPost({
    bucket: "uploads",
    key: "user/alice/${filename}",
    conditions: [["content-length-range", 1, 64], ["starts-with", "$Content-Type", "text/"]],
    fields: { "Content-Type": "text/plain", success_action_status: "201" },
    credentials,
    region: "us-east-1",
    endpoint: `${endpoint}/s3`,
  });
  assert.equal(url, `${endpoint}/s3/uploads`);
  const form = new FormData();
  for (const [name, value] of Object.entries(change(fields))) form.append(name, value);
  form.append("file", file);
  const response = await fetch(url, { method: "POST", body: form });
  return { status: response.status, body: await response.text() };
}

Deno.test("a form upload is stored by the emulator and read back with a signed GET", async () => {
  await using emulator = await startEmulator();
  const sent = await upload(emulator.url, emulator.credentials, new File(["hello ✓"], "notes.txt"));
  assert.equal(sent.status, 201, sent.body);
  assert.match(sent.body, /<Key>user\/alice\/notes\.txt<\/Key>/);
  const read = await getObject(emulator, "uploads/user/alice/notes.txt");
  assert.equal(read.status, 200);
  assert.equal(await read.text(), "hello ✓");
  assert.equal(read.headers.get("content-type"), "text/plain");
});

Deno.test("the emulator takes a form signed with session credentials and its token", async () => {
  await using emulator = await startEmulator();
  const temporary = emulator.state.addIdentity({ sessionToken: "FwoGZXIvYXdzE-session-token" });
  const sent = await upload(emulator.url, temporary, new File(["x"], "a.txt"));
  assert.equal(sent.status, 201, sent.body);
  const without = await upload(emulator.url, temporary, new File(["x"], "a.txt"), (fields) => {
    const { "X-Amz-Security-Token": _token, ...rest } = fields;
    return rest;
  });
  assert.equal(without.status, 403, without.body);
});

Deno.test("the emulator refuses a too-large file with EntityTooLarge", async () => {
  await using emulator = await startEmulator();
  const sent = await upload(
    emulator.url,
    emulator.credentials,
    new File(["x".repeat(65)], "big.txt"),
  );
  assert.equal(sent.status, 400);
  assert.match(sent.body, /<Code>EntityTooLarge<\/Code>/);
  assert.match(sent.body, /<ProposedSize>65<\/ProposedSize><MaxSizeAllowed>64<\/MaxSizeAllowed>/);
  assert.equal(emulator.state.s3Objects.size, 0);
});

Deno.test("the emulator refuses a key outside the policy's prefix, a forged signature, an expired policy", async () => {
  await using emulator = await startEmulator();
  const file = new File(["x"], "a.txt");
  const otherPrefix = await upload(emulator.url, emulator.credentials, file, (fields) => ({
    ...fields,
    key: "user/bob/${filename}",
  }));
  assert.equal(otherPrefix.status, 403);
  assert.match(
    otherPrefix.body,
    /Policy Condition failed: \[&quot;starts-with&quot;, &quot;\$key&quot;, &quot;user\/alice\/&quot;\]/,
  );
  const forged = await upload(emulator.url, emulator.credentials, file, (fields) => ({
    ...fields,
    "X-Amz-Signature": "0".repeat(64),
  }));
  assert.match(forged.body, /<Code>SignatureDoesNotMatch<\/Code>/);
  emulator.state.skewSeconds = 3601; // the policy expires after presignPost's default hour
  const expired = await upload(emulator.url, emulator.credentials, file);
  assert.equal(expired.status, 403);
  assert.match(expired.body, /Policy expired/);
  assert.equal(emulator.state.s3Objects.size, 0);
});
