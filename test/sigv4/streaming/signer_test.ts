import assert from "node:assert/strict";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import {
  signStreaming,
  SigV4Signer,
  StreamingLengthError,
  verifyAwsChunkedBody,
} from "../../../src/sigv4/mod.ts";
import { chunkStringToSign } from "../../../src/sigv4/streaming/format.ts";
import { Crc32 } from "../../../src/_shared/hash/crc32.ts";
import { sha256Hex } from "../../../src/_shared/hash/sha256.ts";

// The worked example of "Signature Calculations for the Authorization Header:
// Transferring Payload in Multiple Chunks (Chunked Upload)" in the Amazon S3 API reference.
const EXAMPLE = {
  credentials: {
    accessKeyId: "AKIAIOSFODNN7EXAMPLE",
    secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  },
  date: new Date("2013-05-24T00:00:00Z"),
  seed: "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9",
  chunks: [
    "10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
    "400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
    "0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9",
  ],
};
const s3 = new SigV4Signer({
  credentials: EXAMPLE.credentials,
  region: "us-east-1",
  service: "s3",
});

function examplePut(body: BodyInit = new Uint8Array(66560).fill(97)) {
  return new Request("https://s3.amazonaws.com/examplebucket/chunkObject.txt", {
    method: "PUT",
    body,
    headers: { "x-amz-storage-class": "REDUCED_REDUNDANCY" },
  });
}

Deno.test("signStreaming reproduces the seed and chunk signatures of AWS's S3 example", async () => {
  const signed = await signStreaming(s3, examplePut(), {
    decodedLength: 66560,
    date: EXAMPLE.date,
    signedHeaders: ["content-encoding", "content-length"],
  });
  assert.equal(
    signed.headers.get("authorization"),
    "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, " +
      "SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;" +
      "x-amz-decoded-content-length;x-amz-storage-class, Signature=" + EXAMPLE.seed,
  );
  assert.equal(signed.headers.get("content-length"), "66824");
  assert.equal(signed.headers.get("x-amz-decoded-content-length"), "66560");
  assert.equal(signed.headers.get("content-encoding"), "aws-chunked");
  assert.equal(signed.headers.get("x-amz-content-sha256"), "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
  const body = new Uint8Array(await signed.arrayBuffer());
  assert.equal(body.length, 66824);
  const text = new TextDecoder().decode(body);
  assert.deepEqual(text.match(/[0-9a-f]+;chunk-signature=[0-9a-f]{64}/g), EXAMPLE.chunks);
  assert.ok(text.endsWith(EXAMPLE.chunks[2] + "\r\n\r\n"));
});

Deno.test("signStreaming's seed signature equals @smithy/signature-v4's for the same headers", async () => {
  const signed = await signStreaming(s3, examplePut(), {
    decodedLength: 66560,
    date: EXAMPLE.date,
    signedHeaders: ["content-encoding", "content-length"],
  });
  const smithy = new SignatureV4({
    credentials: EXAMPLE.credentials,
    region: "us-east-1",
    service: "s3",
    sha256: Sha256,
    uriEscapePath: false,
  });
  const headers: Record<string, string> = { host: "s3.amazonaws.com" };
  for (const [name, value] of signed.headers) {
    if (name !== "authorization" && name !== "x-amz-date") headers[name] = value;
  }
  const smithySigned = await smithy.sign({
    method: "PUT",
    protocol: "https:",
    hostname: "s3.amazonaws.com",
    path: "/examplebucket/chunkObject.txt",
    headers,
    query: {},
  }, { signingDate: EXAMPLE.date });
  assert.equal(smithySigned.headers.authorization, signed.headers.get("authorization"));
  // smithy signs any string to sign with the same derived key: the chunk strings too.
  const chunkSignature = await smithy.sign(
    chunkStringToSign(
      "20130524T000000Z",
      "20130524/us-east-1/s3/aws4_request",
      EXAMPLE.seed,
      sha256Hex(new Uint8Array(65536).fill(97)),
    ),
    { signingDate: EXAMPLE.date },
  );
  assert.equal("10000;chunk-signature=" + chunkSignature, EXAMPLE.chunks[0]);
});

Deno.test("signStreaming rejects chunk sizes under 8 KB and bad decoded lengths", async () => {
  await assert.rejects(
    signStreaming(s3, examplePut(), { decodedLength: 66560, chunkSize: 8191 }),
    RangeError,
  );
  await assert.rejects(signStreaming(s3, examplePut(), { decodedLength: -1 }), RangeError);
  await assert.rejects(signStreaming(s3, examplePut(), { decodedLength: 1.5 }), RangeError);
  const ok = await signStreaming(s3, examplePut(), { decodedLength: 66560, chunkSize: 8192 });
  assert.equal((await ok.arrayBuffer()).byteLength, Number(ok.headers.get("content-length")));
});

Deno.test("a body longer or shorter than decodedLength errors the stream with StreamingLengthError", async () => {
  for (const decodedLength of [66559, 66561]) {
    const signed = await signStreaming(s3, examplePut(), { decodedLength });
    const error = await signed.arrayBuffer().then(() => undefined, (error) => error);
    assert.ok(error instanceof StreamingLengthError, String(error));
    assert.equal(error.expected, decodedLength);
    assert.doesNotMatch(error.message, /wJalrXUtnFEMI/);
  }
});

Deno.test("the unsigned trailer mode frames chunks without signatures and ends with the CRC32", async () => {
  const data = new TextEncoder().encode("x".repeat(20000));
  const signed = await signStreaming(s3, examplePut(data), {
    decodedLength: data.length,
    chunkSize: 8192,
    unsignedPayload: true,
  });
  assert.equal(signed.headers.get("x-amz-content-sha256"), "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
  assert.equal(signed.headers.get("x-amz-trailer"), "x-amz-checksum-crc32");
  const text = await signed.text();
  const crc = new Crc32().update(data).digestBase64();
  assert.equal(
    text,
    "2000\r\n" + "x".repeat(8192) + "\r\n2000\r\n" + "x".repeat(8192) + "\r\ne20\r\n" +
      "x".repeat(3616) + "\r\n0\r\nx-amz-checksum-crc32:" + crc + "\r\n\r\n",
  );
  assert.equal(text.length, Number(signed.headers.get("content-length")));
});

Deno.test("the signed trailer mode ends with a trailer signature chained from the final chunk", async () => {
  const signed = await signStreaming(s3, examplePut(), {
    decodedLength: 66560,
    date: EXAMPLE.date,
    trailer: "x-amz-checksum-crc32c",
  });
  assert.equal(
    signed.headers.get("x-amz-content-sha256"),
    "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
  );
  const text = await signed.text();
  assert.equal(text.length, Number(signed.headers.get("content-length")));
  assert.match(
    text,
    /\r\n0;chunk-signature=[0-9a-f]{64}\r\nx-amz-checksum-crc32c:[A-Za-z0-9+/]{6}==\r\nx-amz-trailer-signature:[0-9a-f]{64}\r\n\r\n$/,
  );
});

Deno.test("signStreaming reads the body as it is consumed, never all of it up front", async () => {
  let pulled = 0;
  const source = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === 64) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(65536));
    },
  }, { highWaterMark: 0 });
  const signed = await signStreaming(s3, examplePut(source), { decodedLength: 64 * 65536 });
  const reader = (signed.body as ReadableStream<Uint8Array>).getReader();
  await reader.read();
  assert.ok(pulled <= 3, `pulled ${pulled} chunks for the first output`);
  await reader.cancel();
});

Deno.test("by default content-length is set but not signed (fetch may send the body chunked)", async () => {
  const signed = await signStreaming(s3, examplePut(), { decodedLength: 66560 });
  assert.equal(signed.headers.get("content-length"), "66824");
  assert.match(
    signed.headers.get("authorization") ?? "",
    / SignedHeaders=content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class, /,
  );
});

Deno.test("verifyAwsChunkedBody decodes and verifies the AWS example body", async () => {
  const signed = await signStreaming(s3, examplePut(), {
    decodedLength: 66560,
    date: EXAMPLE.date,
    signedHeaders: ["content-encoding", "content-length"],
  });
  const decoded = (signed.body as ReadableStream<Uint8Array>).pipeThrough(verifyAwsChunkedBody({
    mode: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
    decodedLength: 66560,
    seed: {
      signature: EXAMPLE.seed,
      secretAccessKey: EXAMPLE.credentials.secretAccessKey,
      longDate: "20130524T000000Z",
      region: "us-east-1",
      service: "s3",
    },
  }));
  assert.equal(await new Response(decoded).text(), "a".repeat(66560));
});

Deno.test("signStreaming resolves a credential provider once for the seed and the chunks", async () => {
  let calls = 0;
  const rotating = new SigV4Signer({
    credentials: () => {
      calls++;
      return Promise.resolve({ accessKeyId: "AKIDROTATE", secretAccessKey: `secret-${calls}` });
    },
    region: "us-east-1",
    service: "s3",
  });
  const signed = await signStreaming(rotating, examplePut(), { decodedLength: 66560 });
  await signed.arrayBuffer();
  assert.equal(calls, 1);
});
