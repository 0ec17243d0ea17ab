// Streaming (aws-chunked) signing: throughput and peak memory of signStreaming on a
// generated body that is never held in memory, next to the same per-chunk work done with
// @smithy/signature-v4 (the AWS SDK v3 signer has no aws-chunked encoder of its own, so
// its row hashes each chunk with @aws-crypto/sha256-js and signs the chunk string to sign
// with SignatureV4.sign(string), as a caller building the encoding on smithy would).
//
// Run: `deno run -A bench/streaming_bench.ts` signs 1 GiB (and 256 MiB with smithy, whose
// pure-JS hash is far slower) and prints MB/s and the peak RSS sampled every 5 ms.
// Under `deno bench` (`deno task bench`) the same work runs on 32 MiB per iteration.
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { signStreaming, SigV4Signer } from "../src/sigv4/mod.ts";
import { chunkStringToSign } from "../src/sigv4/streaming/format.ts";
import { toHex } from "../src/_shared/bytes/hex.ts";

const credentials = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};
const date = new Date("2024-05-01T12:00:00Z");
const CHUNK = 65536;
const MiB = 1024 * 1024;
const signer = new SigV4Signer({ credentials, region: "us-east-1", service: "s3" });
const smithy = new SignatureV4({ credentials, region: "us-east-1", service: "s3", sha256: Sha256 });

/** A body of `length` bytes produced on demand, 64 KiB at a time. */
function generated(length: number): ReadableStream<Uint8Array> {
  const block = new Uint8Array(CHUNK).fill(0x61);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= length) return controller.close();
      const size = Math.min(CHUNK, length - sent);
      sent += size;
      controller.enqueue(size === CHUNK ? block : block.subarray(0, size));
    },
  }, { highWaterMark: 0 });
}

/** Signs a generated body of `length` bytes with iamfetch and reads the encoding to its end. */
async function iamfetch(length: number): Promise<number> {
  const request = new Request("https://bucket.s3.amazonaws.com/big.bin", {
    method: "PUT",
    body: generated(length),
    duplex: "half",
  } as RequestInit);
  const signed = await signStreaming(signer, request, { decodedLength: length, date });
  let encoded = 0;
  for await (const piece of signed.body as ReadableStream<Uint8Array>) encoded += piece.length;
  return encoded;
}

/** The per-chunk signing work of the same body with smithy's signer and hash. */
async function smithyChunks(length: number): Promise<number> {
  let previous = "0".repeat(64);
  let signed = 0;
  for await (const piece of generated(length)) {
    const hash = new Sha256();
    hash.update(piece);
    const chunkHash = toHex(await hash.digest());
    previous = await smithy.sign(
      chunkStringToSign(
        "20240501T120000Z",
        "20240501/us-east-1/s3/aws4_request",
        previous,
        chunkHash,
      ),
      { signingDate: date },
    );
    signed += piece.length;
  }
  return signed;
}

async function measure(name: string, length: number, run: (length: number) => Promise<number>) {
  const baseline = Deno.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => peak = Math.max(peak, Deno.memoryUsage().rss), 5);
  const start = performance.now();
  await run(length);
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, Deno.memoryUsage().rss);
  console.log(
    `${name.padEnd(40)} ${(length / MiB).toFixed(0).padStart(5)} MiB ` +
      `${(length / MiB / seconds).toFixed(0).padStart(6)} MiB/s   peak RSS ${
        (peak / MiB).toFixed(0)
      } MiB ` +
      `(+${((peak - baseline) / MiB).toFixed(0)} MiB over the start)`,
  );
}

if (import.meta.main) {
  await measure("iamfetch signStreaming (64 KiB chunks)", 1024 * MiB, iamfetch);
  await measure("smithy per-chunk hash + sign", 256 * MiB, smithyChunks);
} else {
  Deno.bench({
    name: "iamfetch signStreaming, 32 MiB",
    group: "aws-chunked",
    baseline: true,
    n: 3,
    warmup: 1,
  }, async () => {
    await iamfetch(32 * MiB);
  });
  Deno.bench({
    name: "smithy per-chunk hash + sign, 32 MiB",
    group: "aws-chunked",
    n: 3,
    warmup: 1,
  }, async () => {
    await smithyChunks(32 * MiB);
  });
}
