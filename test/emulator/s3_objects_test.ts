import assert from "node:assert/strict";
import { signStreaming } from "../../src/sigv4/mod.ts";
import { startEmulator } from "./emulator.ts";
import { emulatorS3Signer } from "./s3_requests.ts";

function pattern(length: number): Uint8Array {
  return new Uint8Array(length).map((_, i) => (i * 7 + 3) % 256);
}

Deno.test("the S3 endpoint stores plain, unsigned and aws-chunked uploads and returns them", async () => {
  await using emulator = await startEmulator();
  const s3 = emulatorS3Signer(emulator);
  const data = pattern(100_000);
  const put = (key: string) =>
    new Request(`${emulator.url}/s3/bucket/${key}`, {
      method: "PUT",
      body: data as Uint8Array<ArrayBuffer>,
    });
  const uploads: [string, Promise<Request>][] = [
    ["plain", s3.sign(put("plain"))],
    ["unsigned", s3.sign(put("unsigned"), { unsignedPayload: true })],
    ["chunked", signStreaming(s3, put("chunked"), { decodedLength: data.length })],
    [
      "trailer",
      signStreaming(s3, put("trailer"), {
        decodedLength: data.length,
        trailer: "x-amz-checksum-crc32c",
      }),
    ],
    [
      "unsigned-trailer",
      signStreaming(s3, put("unsigned-trailer"), {
        decodedLength: data.length,
        unsignedPayload: true,
        chunkSize: 8192,
      }),
    ],
  ];
  for (const [key, signed] of uploads) {
    const response = await fetch(await signed);
    assert.equal(response.status, 200, `${key}: ${await response.text()}`);
    assert.match(response.headers.get("etag") ?? "", /^"[0-9a-f]{32}"$/);
    const get = await fetch(await s3.sign(new Request(`${emulator.url}/s3/bucket/${key}`)));
    assert.equal(get.status, 200);
    assert.deepEqual(new Uint8Array(await get.arrayBuffer()), data, key);
  }
  assert.equal(
    emulator.state.s3Objects.get("bucket/chunked")?.payloadMode,
    "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
  );
  const missing = await fetch(await s3.sign(new Request(`${emulator.url}/s3/bucket/nothing`)));
  assert.equal(missing.status, 404);
  assert.match(await missing.text(), /<Code>NoSuchKey<\/Code>/);
});

Deno.test("a tampered chunk or checksum is refused and nothing is stored", async () => {
  await using emulator = await startEmulator();
  const s3 = emulatorS3Signer(emulator);
  const data = pattern(30_000);
  const cases = [
    { key: "signed", options: {}, status: 403, code: "SignatureDoesNotMatch" },
    { key: "crc", options: { unsignedPayload: true }, status: 400, code: "BadDigest" },
  ];
  for (const { key, options, status, code } of cases) {
    const request = new Request(`${emulator.url}/s3/bucket/${key}`, {
      method: "PUT",
      body: data as Uint8Array<ArrayBuffer>,
    });
    const signed = await signStreaming(s3, request, {
      ...options,
      decodedLength: data.length,
      chunkSize: 8192,
    });
    const encoded = new Uint8Array(await signed.clone().arrayBuffer());
    encoded[9000] ^= 0xff; // a byte of the first chunk's data
    const response = await fetch(signed.url, {
      method: "PUT",
      headers: signed.headers,
      body: encoded,
    });
    assert.equal(response.status, status);
    assert.match(await response.text(), new RegExp(`<Code>${code}</Code>`));
    assert.equal(emulator.state.s3Objects.has(`bucket/${key}`), false);
  }
});
