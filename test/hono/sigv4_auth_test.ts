import assert from "node:assert/strict";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { AwsV4Signer } from "aws4fetch";
import { signStreaming, SigV4Signer } from "../../src/sigv4/mod.ts";
import { type Echo, KEYS, SECRET, testApp, TOKEN } from "./sigv4_test_app.ts";
import { serveApp } from "../idp/serve_app.ts";

const s3 = new SigV4Signer({ credentials: KEYS.longTerm, region: "us-east-1", service: "s3" });
const api = new SigV4Signer({
  credentials: KEYS.temporary,
  region: "eu-west-1",
  service: "execute-api",
});

async function errorOf(
  response: Response,
): Promise<{ status: number; code: string; body: string }> {
  const body = await response.text();
  assert.doesNotMatch(body, new RegExp(SECRET));
  assert.doesNotMatch(body, new RegExp(TOKEN));
  assert.doesNotMatch(body, /[0-9a-f]{64}/, "no signature is echoed");
  assert.match(body, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>/);
  return { status: response.status, code: /<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? "", body };
}

Deno.test("requests signed by iamfetch, smithy and aws4fetch reach the handler with their body", async () => {
  await using server = await serveApp(testApp());
  const url = `${server.url}/items/a%20b?z=1&a=2`;
  const post = () =>
    new Request(url, {
      method: "POST",
      body: '{"n":1}',
      headers: { "content-type": "application/json" },
    });

  const iamfetch = await fetch(await api.sign(post()));
  const smithy = new SignatureV4({
    credentials: KEYS.temporary,
    region: "eu-west-1",
    service: "execute-api",
    sha256: Sha256,
  });
  const parsed = new URL(url);
  const smithySigned = await smithy.sign({
    method: "POST",
    protocol: "http:",
    hostname: parsed.hostname,
    port: Number(parsed.port),
    path: parsed.pathname,
    query: { z: "1", a: "2" },
    headers: { host: parsed.host, "content-type": "application/json" },
    body: '{"n":1}',
  });
  const viaSmithy = await fetch(url, {
    method: "POST",
    headers: smithySigned.headers as Record<string, string>,
    body: '{"n":1}',
  });
  const aws4fetch = await new AwsV4Signer({
    ...KEYS.temporary,
    url,
    method: "POST",
    body: '{"n":1}',
    headers: { "content-type": "application/json" },
    region: "eu-west-1",
    service: "execute-api",
  }).sign();
  const viaAws4fetch = await fetch(aws4fetch.url, {
    method: "POST",
    headers: aws4fetch.headers,
    body: '{"n":1}',
  });

  for (const response of [iamfetch, viaSmithy, viaAws4fetch]) {
    assert.equal(response.status, 200);
    const echo: Echo = await response.json();
    assert.equal(echo.accessKeyId, KEYS.temporary.accessKeyId);
    assert.equal(echo.service, "execute-api");
    assert.equal(echo.payload, "signed");
    assert.equal(echo.body, '{"n":1}');
  }
});

Deno.test("presigned URLs from iamfetch and aws4fetch are accepted until they expire", async () => {
  let now = new Date();
  await using server = await serveApp(testApp({ now: () => now }));
  const url = await s3.presign(new Request(`${server.url}/bucket/key.txt`), { expiresIn: 60 });
  const aws4fetch = await new AwsV4Signer({
    ...KEYS.longTerm,
    url: `${server.url}/bucket/other.txt?X-Amz-Expires=60`,
    region: "us-east-1",
    service: "s3",
    signQuery: true,
  }).sign();
  for (const signed of [url, aws4fetch.url]) {
    const response = await fetch(signed);
    assert.equal(response.status, 200);
    const echo: Echo = await response.json();
    assert.equal(echo.presigned, true);
    assert.equal(echo.payload, "unsigned");
  }
  now = new Date(now.getTime() + 61_000);
  const expired = await errorOf(await fetch(url));
  assert.deepEqual([expired.status, expired.code], [403, "AccessDenied"]);
});

Deno.test("a skewed clock, unknown key, wrong token or expired token are answered as AWS does", async () => {
  await using server = await serveApp(testApp());
  const get = () => new Request(`${server.url}/thing`);
  const skewed = await fetch(await api.sign(get(), { date: new Date(Date.now() - 16 * 60_000) }));
  assert.deepEqual(Object.values(await errorOf(skewed)).slice(0, 2), [403, "RequestTimeTooSkewed"]);

  const unknown = new SigV4Signer({
    credentials: { accessKeyId: "AKIDNOBODY", secretAccessKey: SECRET },
    region: "us-east-1",
    service: "s3",
  });
  const notFound = await errorOf(await fetch(await unknown.sign(get())));
  assert.deepEqual([notFound.status, notFound.code], [403, "InvalidAccessKeyId"]);

  const wrongToken = new SigV4Signer({
    credentials: { ...KEYS.temporary, sessionToken: "another-token" },
    region: "us-east-1",
    service: "s3",
  });
  const token = await errorOf(await fetch(await wrongToken.sign(get())));
  assert.deepEqual([token.status, token.code], [403, "InvalidClientTokenId"]);
  const tokenOnLongTerm = new SigV4Signer({
    credentials: { ...KEYS.longTerm, sessionToken: TOKEN },
    region: "us-east-1",
    service: "s3",
  });
  assert.equal(
    (await errorOf(await fetch(await tokenOnLongTerm.sign(get())))).code,
    "InvalidClientTokenId",
  );

  const expired = new SigV4Signer({
    credentials: KEYS.expired,
    region: "us-east-1",
    service: "s3",
  });
  const gone = await errorOf(await fetch(await expired.sign(get())));
  assert.deepEqual([gone.status, gone.code], [403, "ExpiredToken"]);

  const wrongSecret = new SigV4Signer({
    credentials: { ...KEYS.longTerm, secretAccessKey: "other" },
    region: "us-east-1",
    service: "s3",
  });
  const mismatch = await errorOf(await fetch(await wrongSecret.sign(get())));
  assert.deepEqual([mismatch.status, mismatch.code], [403, "SignatureDoesNotMatch"]);

  const malformed = await errorOf(
    await fetch(get(), { headers: { authorization: "AWS4-HMAC-SHA256 Credential=nonsense" } }),
  );
  assert.deepEqual([malformed.status, malformed.code], [400, "AuthorizationHeaderMalformed"]);
  const anonymous = await errorOf(await fetch(get()));
  assert.deepEqual([anonymous.status, anonymous.code], [403, "AccessDenied"]);
});

Deno.test("the region and service options restrict the credential scope", async () => {
  await using server = await serveApp(testApp({ region: "us-east-1", service: "s3" }));
  assert.equal((await fetch(await s3.sign(new Request(`${server.url}/b/k`)))).status, 200);
  const other = await errorOf(await fetch(await api.sign(new Request(`${server.url}/b/k`))));
  assert.deepEqual([other.status, other.code], [403, "SignatureDoesNotMatch"]);
});

Deno.test("UNSIGNED-PAYLOAD bodies stream to the handler; signed ones over maxBodyBytes get 413", async () => {
  await using server = await serveApp(testApp({ maxBodyBytes: 1000 }));
  const put = (body: string) => new Request(`${server.url}/b/k`, { method: "PUT", body });
  const unsigned = await fetch(await s3.sign(put("u".repeat(5000)), { unsignedPayload: true }));
  const echo: Echo = await unsigned.json();
  assert.equal(echo.payload, "unsigned");
  assert.equal(echo.body, "u".repeat(5000));
  const big = await errorOf(await fetch(await s3.sign(put("s".repeat(5000)))));
  assert.deepEqual([big.status, big.code], [413, "EntityTooLarge"]);
});

Deno.test("aws-chunked uploads in every mode reach the handler decoded and verified", async () => {
  await using server = await serveApp(testApp());
  const data = "chunked-".repeat(5000);
  const modes = [
    [{}, "streaming-signed"],
    [{ trailer: "x-amz-checksum-crc32" as const }, "streaming-signed-trailer"],
    [{ unsignedPayload: true }, "streaming-unsigned-trailer"],
  ] as const;
  for (const [options, label] of modes) {
    const request = new Request(`${server.url}/bucket/big.txt`, { method: "PUT", body: data });
    const signed = await signStreaming(s3, request, {
      ...options,
      decodedLength: data.length,
      chunkSize: 8192,
    });
    const response = await fetch(signed);
    assert.equal(response.status, 200);
    const echo: Echo = await response.json();
    assert.equal(echo.payload, label);
    assert.equal(echo.body, data);
    assert.equal(echo.contentLength, String(data.length));
  }
});

Deno.test("a tampered aws-chunked chunk is answered SignatureDoesNotMatch, not by the handler", async () => {
  await using server = await serveApp(testApp());
  const data = "a".repeat(20000);
  const signed = await signStreaming(
    s3,
    new Request(`${server.url}/bucket/k`, { method: "PUT", body: data }),
    {
      decodedLength: data.length,
      chunkSize: 8192,
    },
  );
  const encoded = new Uint8Array(await signed.clone().arrayBuffer());
  encoded[12000] = 0x62; // a 'b' in the second chunk
  const response = await fetch(signed.url, {
    method: "PUT",
    headers: signed.headers,
    body: encoded,
  });
  const error = await errorOf(response);
  assert.deepEqual([error.status, error.code], [403, "SignatureDoesNotMatch"]);
});
