// Signing speed of iamfetch next to @smithy/signature-v4 (the AWS SDK v3 signer, with
// the pure-JS Sha256 of @aws-crypto/sha256-js it is usually paired with outside Node)
// and aws4fetch, on the same requests.
//
// Run: `deno task bench` (or `deno bench -A bench/sign_bench.ts`).
//
// "iamfetch" takes and returns a `Request`; "iamfetch signHeaders" takes the request as
// plain data and returns the headers to add, the same job smithy's `HttpRequest` API does.
//
// How to read it: one group per request shape. Each row is one library doing the whole
// job a caller does for that request: build its input from the same plain data (a
// `Request` for iamfetch, an `HttpRequest` for smithy, the options of `AwsV4Signer` for
// aws4fetch) and sign it. "time/iter" is the mean per signature (lower is better);
// under each group deno prints a summary with iamfetch as the baseline, "N x faster
// than" / "N x slower than" each other library.
//
// The date is fixed, so every library's signing-key cache stays warm, as in a client
// that signs many requests a day (aws4fetch gets a shared cache Map, as its AwsClient
// does). Before any timing, the module checks that the three produce the same
// signature for every request, so the rows compare the same work. The POST and PUT
// requests go to a non-S3 service so that all three hash the whole body (aws4fetch
// would sign S3 uploads as UNSIGNED-PAYLOAD), and they carry no content-type, which
// aws4fetch never signs (their bodies are bytes, so no Request adds one either).
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { AwsV4Signer } from "aws4fetch";
import { signHeaders, SigV4Signer } from "../src/sigv4/mod.ts";
import {
  aws4fetchOptionsOf,
  type BenchRequest,
  credentials,
  date,
  patternBytes,
  putOf,
  region,
  signatureOf,
  smallGet,
  smithyRequestOf,
} from "./_fixtures.ts";

const aws4fetchKeyCache = new Map<string, ArrayBuffer>();

const presignGet: BenchRequest = {
  service: "s3",
  method: "GET",
  url: "https://examplebucket.s3.us-east-1.amazonaws.com/photos/2024/cat%20picture.jpg",
  headers: {},
};

const post1KiB: BenchRequest = {
  service: "execute-api",
  method: "POST",
  url: "https://abc123.execute-api.us-east-1.amazonaws.com/prod/orders",
  headers: {
    "accept": "application/json",
    "x-idempotency-key": "b1946ac92492d2347c6235b4d2611184",
  },
  body: new TextEncoder().encode(JSON.stringify({ items: "x".repeat(1024 - 13) })),
};

const put1MiB = putOf(patternBytes(1024 * 1024));

const EXPIRES_IN = 900;
// The S3 presigner's payload hash: read from this header, neither signed nor hoisted,
// so smithy signs the canonical request iamfetch and aws4fetch sign.
const S3_PAYLOAD_HEADER = new Set(["x-amz-content-sha256"]);

function iamfetchSigner(r: BenchRequest) {
  const signer = new SigV4Signer({ credentials, region, service: r.service });
  return {
    sign: () =>
      signer.sign(new Request(r.url, { method: r.method, headers: r.headers, body: r.body }), {
        date,
      }),
    signHeaders: () =>
      signHeaders(signer, { method: r.method, url: r.url, headers: r.headers, body: r.body }, {
        date,
      }),
    presign: () =>
      signer.presign(new Request(r.url, { method: r.method, headers: r.headers }), {
        date,
        expiresIn: EXPIRES_IN,
      }),
  };
}

function smithySigner(r: BenchRequest) {
  const s3 = r.service === "s3";
  const signer = new SignatureV4({
    credentials,
    region,
    service: r.service,
    sha256: Sha256,
    uriEscapePath: !s3,
    applyChecksum: s3,
  });
  const toSign = smithyRequestOf(r);
  const toPresign = smithyRequestOf(r, {
    ...r.headers,
    "x-amz-content-sha256": "UNSIGNED-PAYLOAD",
  });
  return {
    sign: () => signer.sign(new HttpRequest(toSign()), { signingDate: date }),
    presign: () =>
      signer.presign(new HttpRequest(toPresign()), {
        signingDate: date,
        expiresIn: EXPIRES_IN,
        unhoistableHeaders: S3_PAYLOAD_HEADER,
        unsignableHeaders: S3_PAYLOAD_HEADER,
      }),
  };
}

function aws4fetchSigner(r: BenchRequest) {
  const options = aws4fetchOptionsOf(r, aws4fetchKeyCache);
  const presignUrl = r.url + (r.url.includes("?") ? "&" : "?") + "X-Amz-Expires=" + EXPIRES_IN;
  return {
    sign: () => new AwsV4Signer(options).sign(),
    presign: () => new AwsV4Signer({ ...options, url: presignUrl, signQuery: true }).sign(),
  };
}

async function checkSameSignatures(r: BenchRequest): Promise<void> {
  const iamfetch = signatureOf((await iamfetchSigner(r).sign()).headers.get("authorization"));
  const plain = signatureOf((await iamfetchSigner(r).signHeaders()).authorization);
  const smithy = signatureOf((await smithySigner(r).sign()).headers.authorization);
  const aws4fetch = signatureOf((await aws4fetchSigner(r).sign()).headers.get("authorization"));
  if (
    iamfetch === undefined || iamfetch !== smithy || iamfetch !== aws4fetch || plain !== iamfetch
  ) {
    throw new Error(
      `Signatures differ for ${r.method} ${r.url}: ${iamfetch} ${plain} ${smithy} ${aws4fetch}`,
    );
  }
}

async function checkSamePresignatures(r: BenchRequest): Promise<void> {
  const iamfetch = (await iamfetchSigner(r).presign()).searchParams.get("X-Amz-Signature");
  const smithy = (await smithySigner(r).presign()).query?.["X-Amz-Signature"];
  const aws4fetch = (await aws4fetchSigner(r).presign()).url.searchParams.get("X-Amz-Signature");
  if (iamfetch === null || iamfetch !== smithy || iamfetch !== aws4fetch) {
    throw new Error(`Presignatures differ for ${r.url}: ${iamfetch} ${smithy} ${aws4fetch}`);
  }
}

await checkSameSignatures(smallGet);
await checkSamePresignatures(presignGet);
await checkSameSignatures(post1KiB);
await checkSameSignatures(put1MiB);

function benchGroup(group: string, r: BenchRequest, mode: "sign" | "presign"): void {
  const iamfetch = iamfetchSigner(r)[mode];
  const smithy = smithySigner(r)[mode];
  const aws4fetch = aws4fetchSigner(r)[mode];
  Deno.bench({ name: "iamfetch", group, baseline: true, fn: async () => void await iamfetch() });
  if (mode === "sign") {
    const plain = iamfetchSigner(r).signHeaders;
    Deno.bench({ name: "iamfetch signHeaders", group, fn: async () => void await plain() });
  }
  Deno.bench({ name: "@smithy/signature-v4", group, fn: async () => void await smithy() });
  Deno.bench({ name: "aws4fetch", group, fn: async () => void await aws4fetch() });
}

benchGroup("sign small GET with headers", smallGet, "sign");
benchGroup("presign GET", presignGet, "presign");
benchGroup("sign POST 1 KiB body", post1KiB, "sign");
benchGroup("sign PUT 1 MiB body", put1MiB, "sign");
