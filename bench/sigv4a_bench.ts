// SigV4a (AWS4-ECDSA-P256-SHA256) speed of iamfetch next to @smithy/signature-v4a (the
// AWS SDK v3's SigV4a signer, with the pure-JS Sha256 of @aws-crypto/sha256-js it is
// paired with outside Node), on the same request.
//
// Run: `deno bench -A bench/sigv4a_bench.ts`.
//
// How to read it: one group per job, iamfetch the baseline; deno prints "N x faster
// than" under each group.
// - "sign small GET": credentials already used, so iamfetch's key pair is cached; smithy
//   derives its private key on every signature (it keeps no cache).
// - "first signature with new credentials": every iteration signs as a new access key,
//   so iamfetch derives the key pair and imports it into WebCrypto (its cold path);
//   smithy does what it always does.
// - "presign": iamfetch only. @smithy/signature-v4a has no presign (the AWS SDK presigns
//   SigV4a only through the native aws-crt in Node); listed for the absolute figure.
// Before any timing, the module checks that each library's signature verifies with
// iamfetch's verifier, so the rows measure working signatures.
import { HttpRequest } from "@smithy/protocol-http";
import { SigV4aSigner, verifySignature } from "../src/sigv4/mod.ts";
import { credentials, date, sigv4aGet, smithyRequestOf, smithySigV4a } from "./_fixtures.ts";

const { url } = sigv4aGet;
const headers = {
  "accept": "image/jpeg",
  "if-none-match": '"686897696a7c876b7e"',
  "x-request-id": "6f1c1f4e-1a2b-4c3d-9e8f-0123456789ab",
};
const smithyInput = smithyRequestOf({ ...sigv4aGet, headers });
const smithyRequest = () => new HttpRequest(smithyInput());

const iamfetch = new SigV4aSigner({ credentials, service: "s3" });
const smithy = smithySigV4a();

async function checkBothVerify(): Promise<void> {
  const options = { secretFor: () => credentials.secretAccessKey, now: date };
  const ours = await iamfetch.sign(new Request(url, { headers }), { date });
  const theirs = (await smithy.sign(smithyRequest(), { signingDate: date })) as HttpRequest;
  const theirHeaders = { ...theirs.headers } as Record<string, string>;
  delete theirHeaders.host;
  const results = await Promise.all([
    verifySignature(ours, options),
    verifySignature(new Request(url, { headers: theirHeaders }), options),
    verifySignature(new Request(await iamfetch.presign(new Request(url), { date })), options),
  ]);
  if (!results.every((result) => result.ok)) {
    throw new Error(`a benchmarked signature does not verify: ${JSON.stringify(results)}`);
  }
}
await checkBothVerify();

Deno.bench("iamfetch", { group: "sign small GET", baseline: true }, async () => {
  await iamfetch.sign(new Request(url, { headers }), { date });
});
Deno.bench("@smithy/signature-v4a", { group: "sign small GET" }, async () => {
  await smithy.sign(smithyRequest(), { signingDate: date });
});

let fresh = 0;
function freshCredentials(): typeof credentials {
  fresh++;
  return { ...credentials, accessKeyId: `ASIAFRESH${String(fresh).padStart(11, "0")}` };
}
const coldGroup = "first signature with new credentials";
Deno.bench("iamfetch", { group: coldGroup, baseline: true }, async () => {
  const signer = new SigV4aSigner({ credentials: freshCredentials(), service: "s3" });
  await signer.sign(new Request(url, { headers }), { date });
});
Deno.bench("@smithy/signature-v4a", { group: coldGroup }, async () => {
  await smithySigV4a(freshCredentials()).sign(smithyRequest(), { signingDate: date });
});

Deno.bench("iamfetch", { group: "presign (no smithy equivalent)" }, async () => {
  await iamfetch.presign(new Request(url), { date, expiresIn: 3600 });
});
