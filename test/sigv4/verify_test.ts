import assert from "node:assert/strict";
import { SigV4Signer, type VerifyOptions, verifySignature } from "../../src/sigv4/mod.ts";
import { timingSafeEqual } from "../../src/_shared/constant_time.ts";

const SECRET = "verify-secret-do-not-leak";
const TOKEN = "verify-token-do-not-leak";
const now = new Date("2024-06-01T12:00:00Z");
const signer = new SigV4Signer({
  credentials: { accessKeyId: "AKIDVERIFY", secretAccessKey: SECRET, sessionToken: TOKEN },
  region: "us-west-2",
  service: "execute-api",
});
const options: VerifyOptions = {
  secretFor: (id, { sessionToken }) =>
    id === "AKIDVERIFY" && sessionToken === TOKEN ? SECRET : undefined,
  now,
};

function post(body = '{"n":1}', url = "https://api.example.com/v1/items?b=2&a=1") {
  return new Request(url, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "x-tenant": "blue" },
  });
}

Deno.test("verifySignature accepts what sign produces and keeps the body readable", async () => {
  const signed = await signer.sign(post(), { date: now });
  const result = await verifySignature(signed, options);
  assert.equal(result.ok, true);
  if (result.ok) {
    assert.equal(result.accessKeyId, "AKIDVERIFY");
    assert.equal(result.region, "us-west-2");
    assert.equal(result.service, "execute-api");
    assert.equal(result.presigned, false);
    assert.deepEqual(result.signedHeaders, [
      "content-type",
      "host",
      "x-amz-date",
      "x-amz-security-token",
      "x-tenant",
    ]);
  }
  assert.equal(await signed.text(), '{"n":1}');
});

Deno.test("verifySignature rejects any change to method, path, query, signed header or body", async () => {
  const signed = await signer.sign(post(), { date: now });
  const url = new URL(signed.url);
  const mutations: Request[] = [
    new Request(signed.clone(), { method: "PUT" }),
    new Request(signed.url.replace("/v1/items", "/v1/itemz"), signed.clone()),
    new Request(signed.url.replace("b=2", "b=3"), signed.clone()),
    new Request(url.origin + url.pathname + "?b=2&a=1&c=3", signed.clone()),
    (() => {
      const r = new Request(signed.clone());
      r.headers.set("x-tenant", "red");
      return r;
    })(),
    new Request(signed.clone(), { body: '{"n":2}' }),
  ];
  for (const mutated of mutations) {
    const result = await verifySignature(mutated, options);
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.code, "SignatureDoesNotMatch");
      assert.equal(result.status, 403);
    }
  }
});

Deno.test("verifySignature ignores changes to unsigned headers", async () => {
  const signed = await signer.sign(post(), { date: now });
  const changed = new Request(signed);
  changed.headers.set("user-agent", "another/1.0");
  assert.equal((await verifySignature(changed, options)).ok, true);
});

Deno.test("verifySignature answers RequestTimeTooSkewed beyond 15 minutes either way", async () => {
  for (const minutes of [-16, 16]) {
    const signed = await signer.sign(post(), { date: new Date(now.getTime() + minutes * 60_000) });
    const result = await verifySignature(signed, options);
    assert.deepEqual(result.ok ? "ok" : [result.code, result.status], [
      "RequestTimeTooSkewed",
      403,
    ]);
  }
  const withinWindow = await signer.sign(post(), { date: new Date(now.getTime() - 14 * 60_000) });
  assert.equal((await verifySignature(withinWindow, options)).ok, true);
  const strict = await verifySignature(withinWindow, { ...options, maxSkewSeconds: 60 });
  assert.equal(strict.ok, false);
});

Deno.test("verifySignature accepts a presigned URL until it expires", async () => {
  const url = await signer.presign(new Request("https://api.example.com/report?x=1"), {
    date: now,
    expiresIn: 300,
  });
  const at = (seconds: number) => ({ ...options, now: new Date(now.getTime() + seconds * 1000) });
  const valid = await verifySignature(new Request(url), at(299));
  assert.equal(valid.ok && valid.presigned, true);
  const expired = await verifySignature(new Request(url), at(301));
  assert.deepEqual(expired.ok ? "ok" : [expired.code, expired.status], ["AccessDenied", 403]);
  const tampered = new URL(url);
  tampered.searchParams.set("x", "2");
  const result = await verifySignature(new Request(tampered), at(10));
  assert.equal(result.ok ? "ok" : result.code, "SignatureDoesNotMatch");
});

Deno.test("verifySignature rejects unknown keys, wrong session tokens and a wrong secret", async () => {
  const signed = await signer.sign(post(), { date: now });
  const unknown = await verifySignature(signed.clone(), { ...options, secretFor: () => undefined });
  assert.equal(unknown.ok ? "ok" : unknown.code, "InvalidAccessKeyId");
  const other = await verifySignature(signed.clone(), {
    ...options,
    secretFor: () => "other-secret",
  });
  assert.equal(other.ok ? "ok" : other.code, "SignatureDoesNotMatch");
  const noToken = new Request(signed.clone());
  noToken.headers.delete("x-amz-security-token");
  const result = await verifySignature(noToken, options);
  assert.equal(result.ok, false);
});

Deno.test("verifySignature classifies missing and malformed authentication like AWS", async () => {
  const plain = await verifySignature(new Request("https://api.example.com/"), options);
  assert.deepEqual(plain.ok ? "ok" : [plain.code, plain.status], [
    "MissingAuthenticationToken",
    403,
  ]);
  const malformed = await verifySignature(
    new Request("https://api.example.com/", {
      headers: { authorization: "AWS4-HMAC-SHA256 Credential=x" },
    }),
    options,
  );
  assert.deepEqual(malformed.ok ? "ok" : [malformed.code, malformed.status], [
    "IncompleteSignature",
    400,
  ]);
  const partialQuery = await verifySignature(
    new Request("https://api.example.com/?X-Amz-Algorithm=AWS4-HMAC-SHA256"),
    options,
  );
  assert.equal(partialQuery.ok ? "ok" : partialQuery.code, "AuthorizationQueryParametersError");
});

Deno.test("verifySignature enforces the expected region and service", async () => {
  const signed = await signer.sign(post(), { date: now });
  const wrongRegion = await verifySignature(signed.clone(), { ...options, region: "eu-west-1" });
  const wrongService = await verifySignature(signed.clone(), { ...options, service: "s3" });
  assert.equal(wrongRegion.ok, false);
  assert.equal(wrongService.ok, false);
  assert.equal((await verifySignature(signed, { ...options, region: "us-west-2" })).ok, true);
});

Deno.test("verifySignature checks a declared x-amz-content-sha256 against the body", async () => {
  const s3 = new SigV4Signer({
    credentials: { accessKeyId: "AKIDVERIFY", secretAccessKey: SECRET, sessionToken: TOKEN },
    region: "us-west-2",
    service: "s3",
  });
  const signed = await s3.sign(
    new Request("https://bucket.s3.us-west-2.amazonaws.com/key", { method: "PUT", body: "hello" }),
    { date: now },
  );
  assert.equal((await verifySignature(signed.clone(), options)).ok, true);
  const swapped = new Request(signed, { body: "HELLO" });
  const result = await verifySignature(swapped, options);
  assert.equal(result.ok ? "ok" : result.code, "XAmzContentSHA256Mismatch");
});

Deno.test("verification failure messages never contain the secret or token", async () => {
  const signed = await signer.sign(post(), { date: now });
  for (const secretFor of [() => undefined, () => "wrong"]) {
    const result = await verifySignature(signed.clone(), { ...options, secretFor });
    const text = JSON.stringify(result);
    assert.ok(!text.includes(SECRET) && !text.includes(TOKEN));
  }
});

Deno.test("timingSafeEqual compares whole strings", () => {
  assert.equal(timingSafeEqual("abc", "abc"), true);
  assert.equal(timingSafeEqual("abc", "abd"), false);
  assert.equal(timingSafeEqual("abc", "ab"), false);
});

Deno.test("a presigned URL without X-Amz-Expires is held to the skew window, except for S3", async () => {
  // aws4fetch leaves X-Amz-Expires out of presigned URLs for services other than S3.
  const { AwsV4Signer } = await import("aws4fetch");
  const plain = new URL("https://api.example.com/report");
  const aws4 = await new AwsV4Signer({
    url: plain.href,
    accessKeyId: "AKIDVERIFY",
    secretAccessKey: SECRET,
    sessionToken: TOKEN,
    service: "execute-api",
    region: "us-west-2",
    signQuery: true,
    datetime: "20240601T120000Z",
  }).sign();
  assert.equal(new URL(aws4.url).searchParams.has("X-Amz-Expires"), false);
  const within = await verifySignature(new Request(aws4.url), options);
  assert.equal(within.ok, true);
  const late = await verifySignature(new Request(aws4.url), {
    ...options,
    now: new Date(now.getTime() + 16 * 60_000),
  });
  assert.equal(late.ok ? "ok" : late.code, "RequestTimeTooSkewed");
  const s3Url = new URL(
    "https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDVERIFY%2F20240601%2Fus-west-2%2Fs3%2Faws4_request&X-Amz-Date=20240601T120000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=" +
      "0".repeat(64),
  );
  const s3 = await verifySignature(new Request(s3Url), options);
  assert.equal(s3.ok ? "ok" : s3.code, "AuthorizationQueryParametersError");
});
