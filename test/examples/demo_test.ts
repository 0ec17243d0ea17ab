import assert from "node:assert/strict";

Deno.test("deno task demo runs the whole tour against the emulator", async () => {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("../../examples/demo.ts", import.meta.url).pathname],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const out = new TextDecoder().decode(stdout);
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  assert.match(out, /arn\s+arn:aws:iam::\d{12}:user\//);
  assert.match(out, /now acting as\s+arn:aws:sts::123456789012:assumed-role\/reporting\/demo/);
  assert.match(out, /"secretAccessKey":"\[redacted\]"/);
  assert.match(out, /emulator says\s+POST \/echo\/orders\/42 accepted/);
  assert.match(out, /plain fetch\s+200 OK/);
  assert.match(out, /response\s+403 SignatureDoesNotMatch/);
  assert.match(out, /verified\s+yes, signed by/);
  assert.match(out, /result\s+200 after 3 attempts/);
  assert.match(out, /demo finished/);
});
