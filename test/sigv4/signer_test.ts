import assert from "node:assert/strict";
import {
  CredentialsError,
  SigningInputError,
  SigV4Signer,
  verifySignature,
} from "../../src/sigv4/mod.ts";
import { cachedSigningKeyCount, signingHmac } from "../../src/sigv4/_signing_key.ts";
import { canonicalPath } from "../../src/sigv4/_canonical/path.ts";

const SECRET = "SECRET-wJalrXUtnFEMI-do-not-leak";
const TOKEN = "TOKEN-FQoGZXIvYXdzE-do-not-leak";
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: SECRET };
const date = new Date("2024-03-01T10:00:00Z");

function signer(service = "execute-api", extra: Record<string, unknown> = {}) {
  return new SigV4Signer({ credentials, region: "eu-west-1", service, ...extra });
}

async function verifies(request: Request, service = "execute-api") {
  return await verifySignature(request, {
    secretFor: (id) => id === credentials.accessKeyId ? SECRET : undefined,
    now: date,
    service,
  });
}

Deno.test("sign leaves the original request and its body usable", async () => {
  const original = new Request("https://api.example.com/items", {
    method: "POST",
    body: JSON.stringify({ a: 1 }),
    headers: { "content-type": "application/json" },
  });
  const signed = await signer().sign(original, { date });
  assert.equal(original.headers.has("authorization"), false);
  assert.equal(await original.text(), '{"a":1}');
  assert.equal(await signed.text(), '{"a":1}');
});

Deno.test("sign buffers a stream body so the signed request can be sent twice", async () => {
  const body = new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode("chunk-1;"));
      controller.enqueue(new TextEncoder().encode("chunk-2"));
      controller.close();
    },
  });
  const original = new Request("https://api.example.com/upload", { method: "PUT", body });
  const signed = await signer().sign(original, { date });
  assert.equal((await verifies(signed.clone())).ok, true);
  assert.equal(await signed.clone().text(), "chunk-1;chunk-2");
  assert.equal(await original.text(), "chunk-1;chunk-2");
});

Deno.test("sign with unsignedPayload does not buffer the body", async () => {
  const totalChunks = 1000;
  let pulls = 0;
  const body = new ReadableStream({
    pull(controller) {
      pulls++;
      controller.enqueue(new Uint8Array(1024));
      if (pulls === totalChunks) controller.close();
    },
  }, { highWaterMark: 0 });
  const original = new Request("https://bucket.s3.eu-west-1.amazonaws.com/key", {
    method: "PUT",
    body,
  });
  const signed = await signer("s3").sign(original, { date, unsignedPayload: true });
  // A tee may pre-read a chunk; buffering would have pulled all of them.
  assert.ok(pulls < 5, `pulled ${pulls} chunks`);
  assert.equal(signed.headers.get("x-amz-content-sha256"), "UNSIGNED-PAYLOAD");
  assert.equal((await signed.arrayBuffer()).byteLength, totalChunks * 1024);
  await original.body!.cancel();
});

Deno.test("sign adds x-amz-content-sha256 for S3 and not for other services", async () => {
  const s3 = await signer("s3").sign(new Request("https://b.s3.amazonaws.com/k"), { date });
  const api = await signer().sign(new Request("https://api.example.com/k"), { date });
  assert.equal(
    s3.headers.get("x-amz-content-sha256"),
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
  assert.equal(api.headers.has("x-amz-content-sha256"), false);
  const forced = await signer("execute-api", { applyChecksum: true }).sign(
    new Request("https://api.example.com/k", { method: "POST", body: "abc" }),
    { date },
  );
  assert.equal(
    forced.headers.get("x-amz-content-sha256"),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
});

Deno.test("sign sends the session token and signs it", async () => {
  const signed = await new SigV4Signer({
    credentials: { ...credentials, sessionToken: TOKEN },
    region: "eu-west-1",
    service: "sts",
  }).sign(new Request("https://sts.eu-west-1.amazonaws.com/"), { date });
  assert.equal(signed.headers.get("x-amz-security-token"), TOKEN);
  assert.match(
    signed.headers.get("authorization")!,
    /SignedHeaders=host;x-amz-date;x-amz-security-token,/,
  );
});

Deno.test("sign skips headers proxies rewrite, like the AWS SDK", async () => {
  const signed = await signer().sign(
    new Request("https://api.example.com/", {
      headers: {
        "user-agent": "test",
        "x-amzn-trace-id": "Root=1",
        "expect": "100-continue",
        "proxy-authorization": "x",
        "x-custom": "yes",
      },
    }),
    { date },
  );
  assert.match(signed.headers.get("authorization")!, /SignedHeaders=host;x-amz-date;x-custom,/);
});

Deno.test("sign with signedHeaders signs only those plus host and x-amz-*", async () => {
  const signed = await signer().sign(
    new Request("https://api.example.com/", {
      headers: { "x-a": "1", "x-b": "2", "user-agent": "ua", "x-amz-meta-k": "v" },
    }),
    { date, signedHeaders: ["X-B", "user-agent"] },
  );
  assert.match(
    signed.headers.get("authorization")!,
    /SignedHeaders=host;user-agent;x-amz-date;x-amz-meta-k;x-b,/,
  );
  assert.equal((await verifies(signed)).ok, true);
});

Deno.test("sign accepts an async credential provider", async () => {
  let calls = 0;
  const s = new SigV4Signer({
    credentials: () => {
      calls++;
      return Promise.resolve(credentials);
    },
    region: "eu-west-1",
    service: "execute-api",
  });
  const signed = await s.sign(new Request("https://api.example.com/"), { date });
  assert.equal(calls, 1);
  assert.equal((await verifies(signed)).ok, true);
});

Deno.test("general services normalize and double-encode the path; S3 encodes once", () => {
  assert.equal(canonicalPath("/a//b/./c/../d/", true), "/a/b/d/");
  assert.equal(canonicalPath("/a%20b/%E1%88%B4", true), "/a%2520b/%25E1%2588%25B4");
  assert.equal(canonicalPath("/", true), "/");
  assert.equal(canonicalPath("/a//b/./c/../d", false), "/a//b/./c/../d");
  assert.equal(canonicalPath("/my%20key!(1)*", false), "/my%20key%21%281%29%2A");
  assert.equal(canonicalPath("/%21", false), canonicalPath("/!", false));
});

Deno.test("presign rejects expiresIn outside 1 s … 7 days with a RangeError", async () => {
  for (const expiresIn of [0, -1, 604801, 1.5, Number.NaN, Infinity]) {
    await assert.rejects(
      signer().presign(new Request("https://api.example.com/"), { expiresIn }),
      RangeError,
    );
  }
  const url = await signer().presign(new Request("https://api.example.com/"), {
    expiresIn: 604800,
  });
  assert.equal(url.searchParams.get("X-Amz-Expires"), "604800");
});

Deno.test("presign defaults to 900 seconds and keeps the URL's own query", async () => {
  const url = await signer().presign(new Request("https://api.example.com/r?b=2&a=1"), { date });
  assert.equal(url.searchParams.get("X-Amz-Expires"), "900");
  assert.equal(url.searchParams.get("a"), "1");
  assert.equal(url.searchParams.get("b"), "2");
  assert.equal((await verifies(new Request(url))).ok, true);
});

Deno.test("presign moves x-amz-* headers into the query and replaces stale X-Amz-* parameters", async () => {
  const url = await signer().presign(
    new Request("https://api.example.com/r?X-Amz-Signature=stale&X-Amz-Date=old", {
      headers: { "x-amz-meta-color": "blue" },
    }),
    { date },
  );
  assert.equal(url.searchParams.get("x-amz-meta-color"), "blue");
  assert.equal(url.searchParams.getAll("X-Amz-Signature").length, 1);
  assert.equal(url.searchParams.getAll("X-Amz-Date").length, 1);
  assert.equal((await verifies(new Request(url))).ok, true);
});

Deno.test("the signer rejects bad regions and services with SigningInputError", () => {
  for (
    const [region, service] of [["US East", "s3"], ["us-east-1", "s3/x"], ["", "s3"], [
      "us-east-1",
      "",
    ]]
  ) {
    assert.throws(
      () => new SigV4Signer({ credentials, region, service }),
      SigningInputError,
    );
  }
});

Deno.test("sign rejects non-Request input and consumed bodies", async () => {
  await assert.rejects(
    signer().sign("https://api.example.com/" as unknown as Request),
    SigningInputError,
  );
  const used = new Request("https://api.example.com/", { method: "POST", body: "x" });
  await used.text();
  await assert.rejects(signer().sign(used), SigningInputError);
});

Deno.test("sign rejects invalid percent-encoding in an S3 path instead of guessing", async () => {
  await assert.rejects(
    signer("s3").sign(new Request("https://b.s3.amazonaws.com/bad%zzkey"), { date }),
    SigningInputError,
  );
});

Deno.test("bad credentials give CredentialsError without secret values", async () => {
  const cases: unknown[] = [
    undefined,
    null,
    {},
    { accessKeyId: "", secretAccessKey: SECRET },
    { accessKeyId: "AKID", secretAccessKey: "" },
    { accessKeyId: "AK/ID", secretAccessKey: SECRET },
    { accessKeyId: "AKID", secretAccessKey: SECRET, sessionToken: TOKEN + "\r\nx: y" },
    { accessKeyId: "AKID", secretAccessKey: SECRET, expiration: new Date(Date.now() - 1000) },
    () => Promise.reject(new Error(`provider exploded with ${SECRET}`)),
  ];
  for (const bad of cases) {
    const s = new SigV4Signer({
      credentials: bad as never,
      region: "us-east-1",
      service: "s3",
    });
    const error = await s.sign(new Request("https://b.s3.amazonaws.com/k")).then(
      () => assert.fail("expected a CredentialsError"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof CredentialsError, String(error));
    for (const shown of [error.message, String(error), JSON.stringify(error), error.stack ?? ""]) {
      assert.ok(!shown.includes(SECRET) && !shown.includes(TOKEN), "a secret leaked");
    }
  }
});

Deno.test("the signing key cache is bounded", () => {
  for (let i = 0; i < 120; i++) signingHmac(`secret-${i}`, "20240301", "us-east-1", "s3");
  assert.ok(cachedSigningKeyCount() <= 50);
});

Deno.test("an invalid signing date is a SigningInputError", async () => {
  await assert.rejects(
    signer().sign(new Request("https://api.example.com/"), { date: new Date(Number.NaN) }),
    SigningInputError,
  );
});

Deno.test("an empty session token means none, as in aws4fetch and the SDKs", async () => {
  const signed = await new SigV4Signer({
    credentials: { ...credentials, sessionToken: "" },
    region: "eu-west-1",
    service: "execute-api",
  }).sign(new Request("https://api.example.com/"), { date });
  assert.equal(signed.headers.has("x-amz-security-token"), false);
  assert.equal((await verifies(signed)).ok, true);
});

Deno.test("sign and presign refuse a declared x-amz-content-sha256 that is no payload hash", async () => {
  const signer = new SigV4Signer({
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
    region: "us-east-1",
    service: "s3",
  });
  for (
    const declared of [
      "",
      "abc",
      "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
    ]
  ) {
    const request = new Request("https://bucket.s3.amazonaws.com/key", {
      headers: { "x-amz-content-sha256": declared },
    });
    await assert.rejects(signer.sign(request), SigningInputError);
    await assert.rejects(signer.presign(request), SigningInputError);
  }
  const unsigned = new Request("https://bucket.s3.amazonaws.com/key", {
    headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
  });
  assert.ok((await signer.sign(unsigned)).headers.has("authorization"));
});
