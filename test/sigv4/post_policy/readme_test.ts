// README.md "Browser uploads: S3 POST policies": the presignPost example runs as written
// against the AWS emulator (its endpoint added after the region, the example file swapped for
// a local one), and its upload lands; the Hono example serves the same kind of form.
import assert from "node:assert/strict";
import type { Hono } from "hono";
import { runReadmeBlock } from "../../docs/readme_run.ts";
import { startEmulator } from "../../emulator/emulator.ts";
import { readmeSectionBlock } from "./readme_section.ts";
import { presignPost } from "../../../src/sigv4/mod.ts";

const HEADING = "### Browser uploads: S3 POST policies";

Deno.test("README: the presignPost example uploads its file to the emulator", async () => {
  await using emulator = await startEmulator();
  const image = await Deno.makeTempFile({ suffix: ".png" });
  try {
    await Deno.writeFile(image, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
    const out = await runReadmeBlock(await readmeSectionBlock(HEADING, 0), {
      'region: "eu-west-1",': `region: "eu-west-1", endpoint: "${emulator.url}/s3",`,
      '"./avatar.png"': JSON.stringify(image),
    }, {
      AWS_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: emulator.credentials.secretAccessKey,
    });
    assert.equal(out.length, 1);
    assert.match(out[0], /^201 .*<Key>uploads\/alice\/avatar\.png<\/Key>/s);
    const stored = emulator.state.s3Objects.get("photos/uploads/alice/avatar.png");
    assert.deepEqual(stored?.body, await Deno.readFile(image));
    assert.equal(stored?.contentType, "image/png");
  } finally {
    await Deno.remove(image);
  }
});

Deno.test("README: the Hono verifyPostPolicy example takes a good form and refuses an edited one", async () => {
  const block = await readmeSectionBlock(HEADING, 1);
  const dir = await Deno.makeTempDir({
    dir: new URL("../../docs/", import.meta.url).pathname,
    prefix: ".readme_run_",
  });
  try {
    await Deno.writeTextFile(`${dir}/hono.ts`, block.code + "\nexport { app };\n");
    const { app } = await import(`file://${dir}/hono.ts`) as { app: Hono };
    const { fields } = await presignPost({
      bucket: "photos",
      key: "notes.txt",
      credentials: { accessKeyId: "AKIAEXAMPLECLIENT01", secretAccessKey: "their-secret" },
      region: "eu-west-1",
    });
    const post = (change: Record<string, string>) => {
      const form = new FormData();
      for (const [name, value] of Object.entries({ ...fields, ...change })) {
        form.append(name, value);
      }
      form.append("file", new File(["hi"], "notes.txt"));
      return app.request("/photos", { method: "POST", body: form });
    };
    assert.equal((await post({})).status, 204);
    const edited = await post({ key: "other.txt" });
    assert.equal(edited.status, 403);
    assert.match(
      await edited.text(),
      /^AccessDenied: Invalid according to Policy: Policy Condition failed/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
