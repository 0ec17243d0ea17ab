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
  assert.match(out, /Okta asks\s+.* → the app says \d{6}/);
  assert.match(out, /signed in as\s+arn:aws:sts::123456789012:assumed-role\/OktaDevelopers\//);
  assert.match(
    out,
    /token\s+orders\.c1abcdef2ghi\.eu-west-1\.rds\.amazonaws\.com:5432\/\?Action=connect&DBUser=app_user/,
  );
  assert.match(out, /RDS would accept it\s+yes \(region eu-west-1\)/);
  assert.match(out, /connect to\s+IAMA:alice@analytics\.\S+:5439\/\w+/);
  assert.ok(!out.includes("correct horse battery staple"), "the demo printed the password");
  assert.match(out, /emulator says\s+POST \/echo\/orders\/42 accepted/);
  assert.match(out, /plain fetch\s+200 OK/);
  assert.match(out, /response\s+403 SignatureDoesNotMatch/);
  assert.match(out, /verified\s+yes, signed by/);
  assert.match(out, /result\s+200 after 3 attempts/);
  assert.match(out, /demo finished/);
});
