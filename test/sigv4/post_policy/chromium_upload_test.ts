// A real browser form upload: headless Chromium submits an HTML form built from presignPost's
// fields (hidden inputs, then the file input) to the AWS emulator's POST Object route, which
// checks the policy on its own. A good file lands in the bucket and the browser follows
// success_action_redirect; a too-large file or an edited key gets S3's error document.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import type { Browser } from "playwright-core";
import { presignPost } from "../../../src/sigv4/mod.ts";
import { escapeXml } from "../../emulator/aws_error.ts";
import { type RunningEmulator, startEmulator } from "../../emulator/emulator.ts";
import { getObject } from "../../emulator/s3_requests.ts";
import { launchChromium } from "../../launch_chromium.ts";

/** The upload page: one hidden input per field, in order, then the file; the file goes last. */
function uploadPage(url: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields).map(([name, value]) =>
    `<input type="hidden" name="${escapeXml(name)}" value="${escapeXml(value)}">`
  ).join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>upload</title></head>
<body><form action="${escapeXml(url)}" method="post" enctype="multipart/form-data">
${inputs}
<input type="file" name="file"><button type="submit">Upload</button>
</form></body></html>`;
}

async function publishPage(emulator: RunningEmulator): Promise<string> {
  const page = `http://localhost:${emulator.port}/__static`;
  const { url, fields } = await presignPost({
    bucket: "uploads",
    key: "user/alice/${filename}",
    conditions: [["content-length-range", 1, 1024]],
    fields: { success_action_redirect: `${page}/done.html`, "Content-Type": "text/plain" },
    credentials: emulator.credentials,
    region: "us-east-1",
    endpoint: `${emulator.url}/s3`,
  });
  emulator.state.staticFiles.set("upload.html", {
    body: uploadPage(url, fields),
    type: "text/html; charset=utf-8",
  });
  emulator.state.staticFiles.set("done.html", {
    body: "<!doctype html><title>done</title><p>uploaded</p>",
    type: "text/html; charset=utf-8",
  });
  return `${page}/upload.html`;
}

/** Opens the form, picks a file of `bytes`, lets `edit` change the page, submits, waits. */
async function submit(
  browser: Browser,
  pageUrl: string,
  bytes: Uint8Array,
  edit?: string,
) {
  const page = await browser.newPage();
  assert.equal((await page.goto(pageUrl))?.status(), 200);
  await page.setInputFiles('input[name="file"]', {
    name: "notes.txt",
    mimeType: "text/plain",
    buffer: Buffer.from(bytes), // playwright sends the file as base64 of a Node Buffer
  });
  if (edit !== undefined) await page.evaluate(edit);
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.click('button[type="submit"]'),
  ]);
  return { page, status: response?.status(), text: await page.content() };
}

Deno.test("Chromium uploads a file with a presignPost form; the emulator stores it; bad forms are refused", async () => {
  await using emulator = await startEmulator();
  const pageUrl = await publishPage(emulator);
  const browser = await launchChromium();
  try {
    const content = new TextEncoder().encode("uploaded from a browser form ✓\n");
    const good = await submit(browser, pageUrl, content);
    const landed = new URL(good.page.url());
    assert.equal(landed.pathname, "/__static/done.html", good.text);
    assert.equal(landed.searchParams.get("bucket"), "uploads");
    assert.equal(landed.searchParams.get("key"), "user/alice/notes.txt");
    const read = await getObject(emulator, "uploads/user/alice/notes.txt");
    assert.equal(read.status, 200);
    assert.deepEqual(new Uint8Array(await read.arrayBuffer()), content);

    const large = await submit(browser, pageUrl, new Uint8Array(1025));
    assert.equal(large.status, 400);
    assert.match(large.text, /EntityTooLarge/);

    const otherKey = await submit(
      browser,
      pageUrl,
      content,
      `document.querySelector('input[name="key"]').value = "user/bob/\${filename}"`,
    );
    assert.equal(otherKey.status, 403);
    assert.match(otherKey.text, /AccessDenied/);
    assert.deepEqual([...emulator.state.s3Objects.keys()], ["uploads/user/alice/notes.txt"]);
  } finally {
    await browser.close();
  }
});
