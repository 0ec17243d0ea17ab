import assert from "node:assert/strict";
import fc from "fast-check";
import {
  AwsChunkedBodyError,
  signStreaming,
  SigV4Signer,
  type StreamingSignOptions,
  verifyAwsChunkedBody,
  verifyStreamingRequest,
} from "../../../src/sigv4/mod.ts";

const SECRET = "streaming-secret-do-not-leak";
const now = new Date("2024-06-01T12:00:00Z");
const signer = new SigV4Signer({
  credentials: { accessKeyId: "AKIDSTREAM", secretAccessKey: SECRET },
  region: "eu-west-1",
  service: "s3",
});
const secretFor = (id: string) => id === "AKIDSTREAM" ? SECRET : undefined;

function randomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed | 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x;
  }
  return bytes;
}

async function signedUpload(
  data: Uint8Array,
  options: Omit<StreamingSignOptions, "decodedLength">,
) {
  const request = new Request("https://bucket.s3.eu-west-1.amazonaws.com/dir/key.bin", {
    method: "PUT",
    body: data as Uint8Array<ArrayBuffer>,
  });
  return await signStreaming(signer, request, {
    ...options,
    decodedLength: data.length,
    date: now,
  });
}

/** The request with its encoded body replaced by `edit(body)`. */
async function withBody(signed: Request, edit: (body: Uint8Array) => Uint8Array) {
  const body = edit(new Uint8Array(await signed.arrayBuffer()));
  return new Request(signed.url, {
    method: "PUT",
    headers: signed.headers,
    body: body as Uint8Array<ArrayBuffer>,
  });
}

async function decode(request: Request): Promise<Uint8Array> {
  const result = await verifyStreamingRequest(request, { secretFor, now });
  assert.ok(result.ok, result.ok ? "" : result.message);
  return new Uint8Array(await new Response(result.body).arrayBuffer());
}

const MODES = [
  {},
  { trailer: "x-amz-checksum-crc32" as const },
  { trailer: "x-amz-checksum-crc32c" as const },
  { unsignedPayload: true },
];

Deno.test("sign then verify round-trips random sizes, chunk sizes and every mode", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: 70000 }),
      fc.integer({ min: 8192, max: 20000 }),
      fc.constantFrom(...MODES),
      fc.integer(),
      async (length, chunkSize, mode, seed) => {
        const data = randomBytes(length, seed);
        const signed = await signedUpload(data, { ...mode, chunkSize });
        assert.deepEqual(await decode(signed), data);
      },
    ),
    { numRuns: 60 },
  );
});

Deno.test("any flipped byte of a signed aws-chunked body makes the body stream fail", async () => {
  const data = randomBytes(20000, 7);
  for (const mode of MODES) {
    const signed = await signedUpload(data, { ...mode, chunkSize: 8192 });
    const encoded = new Uint8Array(await signed.clone().arrayBuffer());
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: encoded.length - 1 }), async (at) => {
        const tampered = await withBody(signed.clone(), (body) => {
          body[at] ^= 0x01;
          return body;
        });
        await assert.rejects(decode(tampered), AwsChunkedBodyError);
      }),
      { numRuns: 40 },
    );
  }
});

/** Replaces the first hex digit of the first chunk signature with `digit(old)`. */
function editFirstSignature(body: Uint8Array, digit: (old: string) => string): Uint8Array {
  const marker = new TextEncoder().encode("chunk-signature=");
  const at = body.findIndex((_, i) => marker.every((byte, j) => body[i + j] === byte));
  body[at + marker.length] = digit(String.fromCharCode(body[at + marker.length])).charCodeAt(0);
  return body;
}

Deno.test("a changed chunk signature is SignatureDoesNotMatch and the message has no secret", async () => {
  const signed = await signedUpload(randomBytes(10000, 3), { chunkSize: 8192 });
  const notHex = await withBody(signed.clone(), (body) => editFirstSignature(body, () => "g"));
  const error = await decode(notHex).then(() => undefined, (error) => error);
  assert.ok(error instanceof AwsChunkedBodyError);
  assert.equal(error.code, "InvalidRequest"); // 'g' is not hex: a malformed header
  const swapped = await withBody(
    signed,
    (body) => editFirstSignature(body, (old) => old === "0" ? "1" : "0"),
  );
  const mismatch = await decode(swapped).then(() => undefined, (error) => error);
  assert.ok(mismatch instanceof AwsChunkedBodyError);
  assert.equal(mismatch.code, "SignatureDoesNotMatch");
  assert.equal(mismatch.status, 403);
  assert.doesNotMatch(mismatch.message, new RegExp(SECRET));
  assert.doesNotMatch(mismatch.message, /[0-9a-f]{64}/);
});

Deno.test("a truncated body fails with IncompleteBody", async () => {
  const signed = await signedUpload(randomBytes(30000, 5), { chunkSize: 8192 });
  for (const cut of [1, 2, 100, 8300]) {
    const truncated = await withBody(signed.clone(), (body) => body.subarray(0, body.length - cut));
    const error = await decode(truncated).then(() => undefined, (error) => error);
    assert.ok(error instanceof AwsChunkedBodyError, String(error));
    assert.equal(error.code, "IncompleteBody");
  }
});

Deno.test("extra bytes after the final chunk are rejected", async () => {
  const signed = await signedUpload(randomBytes(100, 5), {});
  const longer = await withBody(signed, (body) => new Uint8Array([...body, 0x41]));
  await assert.rejects(decode(longer), AwsChunkedBodyError);
});

async function decodeRaw(encoded: string, decodedLength: number, maxChunkSize?: number) {
  const stream = new Blob([encoded]).stream().pipeThrough(verifyAwsChunkedBody({
    mode: "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
    decodedLength,
    trailer: "x-amz-checksum-crc32",
    maxChunkSize,
  }));
  return await new Response(stream).text();
}

Deno.test("oversized chunk headers and chunks are refused before they are buffered", async () => {
  const long = await decodeRaw("1".repeat(300) + "\r\n", 10).catch((error) => error);
  assert.ok(long instanceof AwsChunkedBodyError && long.code === "InvalidRequest", String(long));
  const huge = await decodeRaw("ffffffff\r\n", 0xffffffff).catch((error) => error);
  assert.ok(huge instanceof AwsChunkedBodyError && huge.code === "InvalidChunkSizeError");
  const capped = await decodeRaw("2000\r\n", 0x2000, 4096).catch((error) => error);
  assert.ok(capped instanceof AwsChunkedBodyError && capped.code === "InvalidChunkSizeError");
  const over = await decodeRaw("4\r\nabcd\r\n", 3).catch((error) => error);
  assert.ok(over instanceof AwsChunkedBodyError && over.code === "InvalidRequest");
});

Deno.test("a wrong trailing checksum is BadDigest; a missing one is MalformedTrailerError", async () => {
  assert.equal(await decodeRaw("3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\n\r\n", 3), "abc");
  const bad = await decodeRaw("3\r\nabc\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n", 3)
    .catch((error) => error);
  assert.ok(bad instanceof AwsChunkedBodyError && bad.code === "BadDigest");
  const missing = await decodeRaw("3\r\nabc\r\n0\r\n\r\n", 3).catch((error) => error);
  assert.ok(missing instanceof AwsChunkedBodyError && missing.code === "MalformedTrailerError");
});

Deno.test("verifyStreamingRequest checks the seed signature before any chunk", async () => {
  const signed = await signedUpload(randomBytes(100, 9), {});
  const other = await verifyStreamingRequest(signed.clone(), {
    secretFor: () => "another-secret",
    now,
  });
  assert.equal(other.ok, false);
  if (!other.ok) assert.equal(other.code, "SignatureDoesNotMatch");
  const headers = new Headers(signed.headers);
  headers.set("x-amz-decoded-content-length", "101");
  const relabelled = await verifyStreamingRequest(
    new Request(signed.url, { method: "PUT", headers, body: await signed.clone().arrayBuffer() }),
    { secretFor, now },
  );
  assert.equal(relabelled.ok, false);
  headers.delete("x-amz-decoded-content-length");
  const unlabelled = await verifyStreamingRequest(
    new Request(signed.url, { method: "PUT", headers, body: "" }),
    { secretFor, now },
  );
  assert.ok(!unlabelled.ok && unlabelled.code === "InvalidRequest");
});
