/**
 * The speed targets of the README's table, measured side by side in one process with the
 * reference implementations: candidates interleaved, the fastest of 9 rounds each
 * (`_interleaved.ts`). Run: `deno task bench:targets` (add `--only small|bodies|sigv4a|rds`).
 *
 * - small GET: the native-hash floor (SHA-256 of the canonical request and the final HMAC
 *   with `node:crypto`, the signing key cached: what no signer can beat), `signHeaders`,
 *   `sign(Request)`, `@smithy/signature-v4` in its fastest setup (plain request objects,
 *   `node:crypto` hashing through `@smithy/hash-node`) and aws4fetch;
 * - bodies: a PUT to a non-S3 service (every library hashes the whole body) of 64 KiB,
 *   1 MiB, 16 MiB and 64 MiB, in MiB/s;
 * - SigV4a: `SigV4aSigner` against `@smithy/signature-v4a`, the key pair warm;
 * - RDS: `rdsAuthToken` against `@aws-sdk/rds-signer`.
 *
 * Before timing, each comparison checks that the candidates produce the same signature.
 *
 * @module
 */
import { createHash, createHmac } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { Signer as RdsSigner } from "@aws-sdk/rds-signer";
import { AwsV4Signer } from "aws4fetch";
import { signHeaders, SigV4aSigner, SigV4Signer, verifySignature } from "../src/sigv4/mod.ts";
import { rdsAuthToken } from "../src/tokens/mod.ts";
import { canonicalRequest, credentialScope } from "../src/sigv4/signature.ts";
import { signingParts } from "../src/sigv4/_header_signature.ts";
import { plainHeaderList, plainUrlParts } from "../src/sigv4/plain_request.ts";
import { deriveSigningKey } from "../src/sigv4/_signing_key.ts";
import { keyedHmacSha256, sha256, sha256Hex } from "../src/_shared/hash/sha256.ts";
import { deriveSigV4aPrivateKey, sigV4aSigningKey } from "../src/sigv4/sigv4a/key.ts";
import { ecdsaSign } from "../src/sigv4/sigv4a/_ecdsa.ts";
import { p256 } from "@noble/curves/nist.js";
import { type Candidate, measureInterleaved, ratio } from "./_interleaved.ts";
import { bundleModule } from "../test/runtime/bundle.ts";
import { INSTALLED_BUN } from "../test/find_program.ts";
import {
  aws4fetchOptionsOf,
  type BenchRequest,
  credentials,
  date,
  datetime,
  patternBytes,
  putOf,
  region,
  signatureOf,
  sigv4aGet,
  smallGet,
  smithyRequestOf,
  smithySigV4a,
} from "./_fixtures.ts";

const aws4fetchCache = new Map<string, ArrayBuffer>();
const NodeSha256 = Hash.bind(null, "sha256");

function candidatesFor(r: BenchRequest) {
  const signer = new SigV4Signer({ credentials, region, service: r.service });
  // iamfetch's defaults, spelled out: S3 signs its path encoded once and sends the payload
  // hash header; other services double-encode and do not.
  const s3 = r.service === "s3";
  const smithy = new SignatureV4({
    credentials,
    region,
    service: r.service,
    sha256: NodeSha256,
    uriEscapePath: !s3,
    applyChecksum: s3,
  });
  const plain = smithyRequestOf(r);
  const candidates = {
    signHeaders: async () =>
      (await signHeaders(
        signer,
        { method: r.method, url: r.url, headers: r.headers, body: r.body },
        {
          date,
        },
      )).authorization,
    sign: async () =>
      (await signer.sign(
        new Request(r.url, { method: r.method, headers: r.headers, body: r.body }),
        {
          date,
        },
      )).headers.get("authorization"),
    smithy: async () =>
      // Plain objects, not HttpRequest instances: smithy's fastest input.
      // deno-lint-ignore no-explicit-any
      ((await smithy.sign(plain() as any, { signingDate: date })) as unknown as HttpRequest).headers
        .authorization,
    aws4fetch: async () =>
      (await new AwsV4Signer(aws4fetchOptionsOf(r, aws4fetchCache)).sign()).headers.get(
        "authorization",
      ),
  };
  return candidates;
}

async function checkSame(
  r: BenchRequest,
  runs: Record<string, () => Promise<string | null | undefined>>,
) {
  const signatures = new Set<string>();
  for (const [name, run] of Object.entries(runs)) {
    const authorization = await run();
    signatures.add(`${name}:${signatureOf(authorization)}`);
  }
  if (new Set([...signatures].map((entry) => entry.split(":")[1])).size !== 1) {
    throw new Error(`signatures differ for ${r.method} ${r.url}: ${[...signatures].join(" ")}`);
  }
}

/** The canonical request and string to sign iamfetch signs for `r`, for the floor. */
function canonicalStrings(r: BenchRequest) {
  const parts = signingParts(
    { uriEscapePath: true, applyChecksum: false },
    credentials,
    r.method,
    plainUrlParts(r.url),
    plainHeaderList(r.headers),
    null,
    { date },
  );
  const request = canonicalRequest(parts.canonical);
  const scope = credentialScope(parts.shortDate, region, r.service);
  const hashed = createHash("sha256").update(request).digest("hex");
  const stringToSign = `AWS4-HMAC-SHA256\n${parts.longDate}\n${scope}\n${hashed}`;
  return { request, scope, stringToSign, shortDate: parts.shortDate };
}

async function small(): Promise<void> {
  const candidates = candidatesFor(smallGet);
  await checkSame(smallGet, candidates);
  const strings = canonicalStrings(smallGet);
  const key = await deriveSigningKey(
    credentials.secretAccessKey,
    strings.shortDate,
    region,
    smallGet.service,
  );
  const floor = () => {
    const hashed = createHash("sha256").update(strings.request).digest("hex");
    return createHmac("sha256", key).update(
      `AWS4-HMAC-SHA256\n${datetime}\n${strings.scope}\n${hashed}`,
    ).digest("hex");
  };
  // The same two hashes with iamfetch's synchronous JS SHA-256 (WebCrypto has no synchronous
  // digest, and its promise round trip alone costs more than these few hundred bytes).
  const keyed = keyedHmacSha256(key);
  const jsFloor = () =>
    keyed.hex(`AWS4-HMAC-SHA256\n${datetime}\n${strings.scope}\n${sha256Hex(strings.request)}`);
  // The Request work every sign(Request) does here, without signing: build the input (the
  // caller's), copy it, set the three headers the signature adds, read one back.
  const signed = await candidates.sign();
  const added = [
    ["x-amz-date", datetime],
    ["x-amz-security-token", credentials.sessionToken],
    ["authorization", signed as string],
  ];
  const requestFloor = () => {
    const copy = new Request(smallGet.url, { headers: smallGet.headers }).clone();
    for (const [name, value] of added) copy.headers.set(name, value);
    return copy.headers.get("authorization");
  };
  // What signHeaders does that sign(Request) does not: read the plain input as Headers would.
  const plainParse = () => [plainUrlParts(smallGet.url), plainHeaderList(smallGet.headers)];
  const list: Candidate[] = [
    { name: "floor", run: floor },
    { name: "jsFloor", run: jsFloor },
    { name: "requestFloor", run: requestFloor },
    { name: "plainParse", run: plainParse },
    { name: "signHeaders", run: candidates.signHeaders },
    { name: "sign", run: candidates.sign },
    { name: "smithy", run: candidates.smithy },
    { name: "aws4fetch", run: candidates.aws4fetch },
  ];
  const t = await measureInterleaved(list);
  const us = (name: string) => t.get(name) as number;
  console.log("\nsmall GET (µs per signature, fastest of 9 interleaved rounds)");
  for (const { name } of list) console.log(`  ${name.padEnd(12)} ${us(name).toFixed(2)}`);
  const lowest = us("requestFloor") + us("jsFloor"); // no sign(Request) here can take less
  console.log(
    `  signHeaders / floor        ${ratio(us("signHeaders"), us("floor"))}  (target ≤ 1.3)`,
  );
  console.log(
    `    limit: jsFloor / floor   ${ratio(us("jsFloor"), us("floor"))}  (hashing in JS alone)`,
  );
  console.log(`    signHeaders / jsFloor  ${ratio(us("signHeaders"), us("jsFloor"))}`);
  console.log(
    `  sign / signHeaders         ${ratio(us("sign"), us("signHeaders"))}  (target ≤ 1.3)`,
  );
  // sign(Request) does signHeaders' work but the plain parsing, plus the Request work.
  const signLowest = us("signHeaders") - us("plainParse") + us("requestFloor");
  console.log(
    `    limit: (signHeaders - plainParse + requestFloor) / signHeaders  ${
      ratio(signLowest, us("signHeaders"))
    }`,
  );
  console.log(`  smithy fastest / sign      ${ratio(us("smithy"), us("sign"))}  (target ≥ 3)`);
  console.log(`    limit: smithy / (requestFloor + jsFloor)  ${ratio(us("smithy"), lowest)}`);
  console.log(`  aws4fetch / sign           ${ratio(us("aws4fetch"), us("sign"))}`);
}

async function bodies(): Promise<void> {
  for (const mib of [1 / 16, 1, 16, 64]) {
    const size = Math.round(mib * 1024 * 1024);
    const body = patternBytes(size);
    const put = putOf(body);
    const candidates = candidatesFor(put);
    await checkSame(put, candidates);
    const list: Candidate[] = Object.entries(candidates).map(([name, run]) => ({ name, run }));
    // What sign(Request) cannot skip here: the caller's Request (a copy of the body) and one
    // WebCrypto digest, the only native SHA-256 of web standards.
    list.push({
      name: "inputRequest",
      run: () => new Request(put.url, { method: put.method, headers: put.headers, body }),
    });
    list.push({ name: "digest", run: () => crypto.subtle.digest("SHA-256", body) });
    const t = await measureInterleaved(list, { batchMs: mib >= 16 ? 200 : 50 });
    const rate = (name: string) => mib / ((t.get(name) as number) / 1e6);
    console.log(`\nPUT ${mib < 1 ? `${size / 1024} KiB` : `${mib} MiB`} (MiB/s)`);
    for (const { name } of list) console.log(`  ${name.padEnd(12)} ${rate(name).toFixed(0)}`);
    const us = (name: string) => t.get(name) as number;
    console.log(
      `  sign / max(aws4fetch, smithy)  ${
        ratio(rate("sign"), Math.max(rate("aws4fetch"), rate("smithy")))
      }  (target ≥ 1)`,
    );
    console.log(
      `  signHeaders / aws4fetch        ${ratio(rate("signHeaders"), rate("aws4fetch"))}`,
    );
    console.log(
      `    limit: aws4fetch time / (inputRequest + digest)  ${
        ratio(us("aws4fetch"), us("inputRequest") + us("digest"))
      }  (the most sign(Request) can reach against aws4fetch)`,
    );
    console.log(
      `    limit: smithy time / digest  ${
        ratio(us("smithy"), us("digest"))
      }  (node:crypto against the web's only native SHA-256)`,
    );
  }
}

async function sigv4a(): Promise<void> {
  const { url, headers } = sigv4aGet;
  const iamfetch = new SigV4aSigner({ credentials, service: "s3" });
  const smithy = smithySigV4a();
  const smithyInput = smithyRequestOf(sigv4aGet);
  const smithyRequest = () => new HttpRequest(smithyInput());
  // Both verify (ECDSA signatures are randomized, so they are checked, not compared).
  const secretFor = () => credentials.secretAccessKey;
  const now = date;
  const mine = await iamfetch.sign(new Request(url, { headers }), { date });
  const theirs = await smithy.sign(smithyRequest(), { signingDate: date });
  for (const signed of [mine, new Request(url, { headers: theirs.headers })]) {
    const result = await verifySignature(signed, { secretFor, now });
    if (!result.ok) throw new Error(`SigV4a signature does not verify: ${result.message}`);
  }
  // The ECDSA step alone: the key pair warm, the same string to sign.
  const stringToSign = "AWS4-ECDSA-P256-SHA256\n20240501T120000Z\n20240501/s3/aws4_request\n" +
    "ab".repeat(32);
  const scalar = deriveSigV4aPrivateKey(credentials.accessKeyId, credentials.secretAccessKey);
  const key = await sigV4aSigningKey(credentials.accessKeyId, credentials.secretAccessKey);
  const pkcs8 = new Uint8Array([
    ...[0x30, 0x41, 0x02, 0x01, 0x00, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d],
    ...[0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x04, 0x27],
    ...[0x30, 0x25, 0x02, 0x01, 0x01, 0x04, 0x20],
    ...scalar,
  ]);
  const ecdsa = { name: "ECDSA", namedCurve: "P-256" };
  const webCryptoKey = await crypto.subtle.importKey("pkcs8", pkcs8, ecdsa, false, ["sign"]);
  const message = new TextEncoder().encode(stringToSign);
  const smithyEcdsa = smithy as unknown as {
    getSignature(privateKey: Uint8Array, stringToSign: string): Promise<string>;
  };
  const list: Candidate[] = [
    { name: "iamfetch", run: () => iamfetch.sign(new Request(url, { headers }), { date }) },
    { name: "smithy", run: () => smithy.sign(smithyRequest(), { signingDate: date }) },
    { name: "ecdsa:used", run: () => ecdsaSign(key, stringToSign) },
    {
      name: "ecdsa:webcrypto",
      run: () => crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, webCryptoKey, message),
    },
    { name: "ecdsa:noble", run: () => p256.sign(sha256(message), scalar, { prehash: false }) },
    { name: "ecdsa:smithy", run: () => smithyEcdsa.getSignature(scalar, stringToSign) },
  ];
  const t = await measureInterleaved(list);
  console.log(`\nSigV4a small GET in ${navigator.userAgent} (µs)`);
  for (const { name } of list) {
    console.log(`  ${name.padEnd(12)} ${(t.get(name) as number).toFixed(1)}`);
  }
  console.log(
    `  smithy / iamfetch  ${
      ratio(t.get("smithy") as number, t.get("iamfetch") as number)
    }  (target > 1)`,
  );
  await sigv4aElsewhere();
}

/**
 * The same comparison in Node and Bun (bundled as the runtime matrix bundles its scenario).
 * workerd and Chromium sign ECDSA with BoringSSL, as Bun does; they are judged by Bun's figure.
 */
async function sigv4aElsewhere(): Promise<void> {
  const source = await bundleModule(new URL("./_sigv4a_runtime.ts", import.meta.url));
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/sigv4a.mjs`, source);
    for (const [runtime, program] of [["Node", "node"], ["Bun", INSTALLED_BUN]]) {
      const output = await new Deno.Command(program, { args: [`${dir}/sigv4a.mjs`] }).output();
      if (!output.success) throw new Error(new TextDecoder().decode(output.stderr));
      const us = JSON.parse(new TextDecoder().decode(output.stdout)) as Record<string, number>;
      console.log(
        `SigV4a in ${runtime}: iamfetch ${us.iamfetch.toFixed(1)} µs, smithy ${
          us.smithy.toFixed(1)
        } µs; smithy / iamfetch  ${ratio(us.smithy, us.iamfetch)}  (target > 1)`,
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function rds(): Promise<void> {
  const hostname = "orders.cluster-abc123.eu-west-1.rds.amazonaws.com";
  const reference = new RdsSigner({
    hostname,
    port: 5432,
    username: "app_user",
    region: "eu-west-1",
    credentials,
  });
  const list: Candidate[] = [
    {
      name: "iamfetch",
      run: () =>
        rdsAuthToken({
          hostname,
          port: 5432,
          username: "app_user",
          region: "eu-west-1",
          credentials,
        }),
    },
    { name: "rds-signer", run: () => reference.getAuthToken() },
  ];
  const t = await measureInterleaved(list);
  console.log("\nRDS auth token (µs)");
  for (const { name } of list) {
    console.log(`  ${name.padEnd(12)} ${(t.get(name) as number).toFixed(2)}`);
  }
  console.log(
    `  rds-signer / iamfetch  ${
      ratio(t.get("rds-signer") as number, t.get("iamfetch") as number)
    }  (target ≥ 5)`,
  );
}

const only = Deno.args.includes("--only") ? Deno.args[Deno.args.indexOf("--only") + 1] : undefined;
const jobs: Record<string, () => Promise<void>> = { small, bodies, sigv4a, rds };
for (const [name, job] of Object.entries(jobs)) {
  if (only === undefined || only === name) await job();
}
