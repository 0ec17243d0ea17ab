// examples/deno/upload.ts run as a user would (a `deno run` subprocess), against the
// emulator, with a profile that assumes a role through `source_profile`.
import assert from "node:assert/strict";
import { startEmulator } from "../emulator/emulator.ts";

const SCRIPT = new URL("../../examples/deno/upload.ts", import.meta.url).pathname;
const ROLE_ARN = "arn:aws:iam::123456789012:role/uploader";
const SIZE = 3 * 1024 * 1024 + 12_345;

async function runUpload(args: string[], env: Record<string, string>) {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", SCRIPT, ...args],
    env,
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code, out: decode(stdout), err: decode(stderr) };
}

Deno.test("the Deno example uploads a file aws-chunked with a role profile and reads it back", async () => {
  await using emulator = await startEmulator();
  emulator.state.addRole({ arn: ROLE_ARN });
  const dir = await Deno.makeTempDir({ prefix: "iamfetch-upload-example-" });
  try {
    const { accessKeyId, secretAccessKey } = emulator.credentials;
    const credentialsFile = `${dir}/credentials`;
    const configFile = `${dir}/config`;
    await Deno.writeTextFile(
      credentialsFile,
      `[base]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`,
    );
    await Deno.writeTextFile(
      configFile,
      `[profile uploader]\nrole_arn = ${ROLE_ARN}\nsource_profile = base\nrole_session_name = upload-example\n`,
    );
    const file = new Uint8Array(SIZE);
    for (let at = 0; at < SIZE; at += 65536) crypto.getRandomValues(file.subarray(at, at + 65536));
    await Deno.writeFile(`${dir}/photo.bin`, file);
    const env = {
      HOME: dir,
      PATH: Deno.env.get("PATH") ?? "",
      DENO_DIR: Deno.env.get("DENO_DIR") ?? `${Deno.env.get("HOME")}/.cache/deno`,
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      AWS_CONFIG_FILE: configFile,
      NO_COLOR: "1",
    };
    const common = ["--endpoint-url", `${emulator.url}/s3`, "--sts-endpoint-url", emulator.url];

    const { code, out, err } = await runUpload(
      [`${dir}/photo.bin`, "--bucket", "photos", "--profile", "uploader", ...common],
      env,
    );
    assert.equal(code, 0, `${out}\n${err}`);
    const stored = emulator.state.s3Objects.get("photos/photo.bin");
    assert.ok(stored !== undefined, "nothing was stored");
    assert.equal(stored.body.length, SIZE);
    assert.ok(stored.body.every((byte, i) => byte === file[i]), "the stored object differs");
    assert.equal(stored.payloadMode, "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
    assert.match(stored.uploadedBy, /^ASIA/, "not uploaded with the assumed role's keys");
    assert.match(out, /caller\s+arn:aws:sts::123456789012:assumed-role\/uploader\/upload-example/);
    assert.match(out, new RegExp(`uploaded\\s+\\S+photo\\.bin → s3://photos/photo\\.bin`));
    assert.match(out, new RegExp(`size\\s+${SIZE} bytes, aws-chunked`));
    assert.match(out, /etag\s+"[0-9a-f]{32}"/);
    assert.match(out, new RegExp(`read back\\s+${SIZE} bytes, sha256 [0-9a-f]{64}`));
    assert.match(out, /result\s+identical/);
    // The role was assumed once, with the source profile's keys, for all three calls.
    assert.deepEqual(
      emulator.state.stsCalls.map((call) => [call.action, call.accessKeyId === accessKeyId]),
      [["AssumeRole", true], ["GetCallerIdentity", false]],
    );

    const missing = await runUpload(
      [`${dir}/photo.bin`, "--bucket", "photos", "--profile", "nobody", ...common],
      env,
    );
    assert.equal(missing.code, 1);
    assert.match(missing.err, /upload failed: .*nobody/);
    assert.ok(!missing.err.includes(secretAccessKey));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
