import assert from "node:assert/strict";
import { AwsClient as Aws4fetchClient } from "aws4fetch";
import { AwsClient } from "../../src/http/aws_client.ts";
import { CredentialsError, SigningInputError } from "../../src/sigv4/errors.ts";
import { SigV4Signer } from "../../src/sigv4/signer.ts";
import { verifySignature } from "../../src/sigv4/verify.ts";
import {
  ACCESS_KEY_ID,
  SECRET,
  SESSION_TOKEN,
  TEMP_ACCESS_KEY_ID,
  TEMP_SECRET,
  withVerifyingServer,
} from "./verifying_server.ts";

const scope = { service: "execute-api", region: "eu-west-1" };
const client = (extra: Record<string, unknown> = {}) =>
  new AwsClient({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, ...scope, ...extra });
const ok = () => new Response("ok");

Deno.test("AwsClient.fetch sends a signed GET the server verifies", async () => {
  await withVerifyingServer(ok, async (origin, received) => {
    const response = await client().fetch(`${origin}/items?b=2&a=1`);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), "ok");
    assert.equal(received.length, 1);
    assert.equal(received[0].verified.ok, true);
    if (received[0].verified.ok) {
      assert.equal(received[0].verified.accessKeyId, ACCESS_KEY_ID);
      assert.equal(received[0].verified.service, "execute-api");
      assert.equal(received[0].verified.region, "eu-west-1");
    }
  });
});

Deno.test("AwsClient.fetch sends a signed POST whose body the server verifies and receives", async () => {
  await withVerifyingServer(
    (_, r) => new Response(r.body.toUpperCase()),
    async (origin, received) => {
      const response = await client().fetch(`${origin}/items`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-tenant": "blue" },
        body: '{"name":"iamfetch"}',
      });
      assert.equal(await response.text(), '{"NAME":"IAMFETCH"}');
      assert.equal(received[0].verified.ok, true);
      if (received[0].verified.ok) {
        assert.ok(
          received[0].verified.signedHeaders.includes("x-tenant"),
        );
      }
    },
  );
});

Deno.test("AwsClient.fetch defaults a body without a method to POST, as aws4fetch", async () => {
  await withVerifyingServer(ok, async (origin, received) => {
    await (await client().fetch(`${origin}/`, { body: "x=1" })).text();
    assert.equal(received[0].method, "POST");
    assert.equal(received[0].body, "x=1");
    assert.equal(received[0].verified.ok, true);
  });
});

Deno.test("AwsClient.fetch sends the body of a Request input", async () => {
  await withVerifyingServer(ok, async (origin, received) => {
    const request = new Request(`${origin}/upload`, { method: "PUT", body: "payload" });
    await (await client().fetch(request)).text();
    assert.equal(received[0].method, "PUT");
    assert.equal(received[0].body, "payload");
    assert.equal(received[0].verified.ok, true);
  });
});

Deno.test("AwsClient.fetch with a wrong secret gets the server's 403, without retrying", async () => {
  await withVerifyingServer(ok, async (origin, received) => {
    const aws = new AwsClient({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: "wrong", ...scope });
    const response = await aws.fetch(`${origin}/items`);
    assert.equal(response.status, 403);
    assert.match(await response.text(), /SignatureDoesNotMatch/);
    assert.equal(received.length, 1);
  });
});

Deno.test("AwsClient accepts a credential provider, called for each signature", async () => {
  let calls = 0;
  const credentials = () => {
    calls++;
    return Promise.resolve({
      accessKeyId: TEMP_ACCESS_KEY_ID,
      secretAccessKey: TEMP_SECRET,
      sessionToken: SESSION_TOKEN,
    });
  };
  await withVerifyingServer(ok, async (origin, received) => {
    const aws = new AwsClient({ credentials, ...scope });
    for (let i = 0; i < 2; i++) await (await aws.fetch(`${origin}/whoami`)).text();
    assert.equal(calls, 2);
    assert.equal(received.length, 2);
    for (const { verified } of received) {
      assert.equal(verified.ok, true);
      if (verified.ok) assert.equal(verified.sessionToken, SESSION_TOKEN);
    }
  });
});

Deno.test("AwsClient accepts a credentials object with a session token", async () => {
  await withVerifyingServer(ok, async (origin, received) => {
    const aws = new AwsClient({
      credentials: {
        accessKeyId: TEMP_ACCESS_KEY_ID,
        secretAccessKey: TEMP_SECRET,
        sessionToken: SESSION_TOKEN,
      },
      ...scope,
    });
    assert.equal((await aws.fetch(`${origin}/`)).status, 200);
    assert.equal(received[0].verified.ok, true);
  });
});

Deno.test("AwsClient.sign with signQuery presigns a URL the server accepts without headers", async () => {
  await withVerifyingServer(ok, async (origin, received) => {
    const signed = await client().sign(`${origin}/report?day=1`, { aws: { signQuery: true } });
    const url = new URL(signed.url);
    assert.equal(url.searchParams.get("X-Amz-Expires"), "900");
    assert.ok(url.searchParams.has("X-Amz-Signature"));
    assert.equal(signed.headers.has("authorization"), false);
    const response = await fetch(url);
    assert.equal(await response.text(), "ok");
    assert.equal(received[0].verified.ok, true);
    if (received[0].verified.ok) assert.equal(received[0].verified.presigned, true);
  });
});

Deno.test("AwsClient.fetch with signQuery sends a presigned request", async () => {
  await withVerifyingServer(ok, async (origin, received) => {
    const response = await client().fetch(`${origin}/report`, {
      method: "POST",
      body: "data",
      headers: { "x-amz-meta-color": "red" },
      aws: { signQuery: true },
    });
    assert.equal(await response.text(), "ok");
    assert.equal(received[0].verified.ok, true);
    assert.equal(received[0].body, "data");
    // Hoisted into the signed query rather than sent as an unsigned header.
    assert.equal(received[0].url.searchParams.get("x-amz-meta-color"), "red");
    assert.equal(received[0].headers.has("x-amz-meta-color"), false);
  });
});

Deno.test("AwsClient presigns S3 URLs for a day unless the URL names X-Amz-Expires, as aws4fetch", async () => {
  const aws = client({ service: "s3" });
  const day = await aws.sign("https://bucket.s3.eu-west-1.amazonaws.com/k", {
    aws: { signQuery: true },
  });
  assert.equal(new URL(day.url).searchParams.get("X-Amz-Expires"), "86400");
  const minute = await aws.sign("https://bucket.s3.eu-west-1.amazonaws.com/k?X-Amz-Expires=60", {
    aws: { signQuery: true },
  });
  assert.equal(new URL(minute.url).searchParams.getAll("X-Amz-Expires").join(), "60");
});

Deno.test("AwsClient.sign infers service and region from the host", async () => {
  const aws = new AwsClient({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET });
  const signed = await aws.sign("https://sqs.ap-northeast-1.amazonaws.com/?Action=ListQueues");
  assert.match(signed.headers.get("authorization")!, /\/ap-northeast-1\/sqs\/aws4_request,/);
  const result = await verifySignature(signed, {
    secretFor: (id) => id === ACCESS_KEY_ID ? SECRET : undefined,
    region: "ap-northeast-1",
    service: "sqs",
  });
  assert.equal(result.ok, true);
});

Deno.test("AwsClient prefers init.aws over the client's service and region", async () => {
  const aws = client();
  const signed = await aws.sign("https://example.com/", {
    aws: { service: "sts", region: "us-west-2" },
  });
  assert.match(signed.headers.get("authorization")!, /\/us-west-2\/sts\/aws4_request,/);
});

Deno.test("AwsClient.sign uses init.aws.datetime in aws4fetch's format or as a Date", async () => {
  const aws = client();
  const fromString = await aws.sign("https://example.com/", {
    aws: { datetime: "20240102T030405Z" },
  });
  assert.equal(fromString.headers.get("x-amz-date"), "20240102T030405Z");
  const fromDate = await aws.sign("https://example.com/", {
    aws: { datetime: new Date("2024-01-02T03:04:05Z") },
  });
  assert.equal(fromDate.headers.get("authorization"), fromString.headers.get("authorization"));
  await assert.rejects(
    aws.sign("https://example.com/", { aws: { datetime: "2024-01-02" } }),
    SigningInputError,
  );
});

Deno.test("AwsClient.sign with allHeaders also signs headers proxies may rewrite", async () => {
  await withVerifyingServer(ok, async (origin, received) => {
    const signed = await client().sign(`${origin}/`, {
      headers: { "user-agent": "iamfetch-test" },
      aws: { allHeaders: true },
    });
    assert.match(signed.headers.get("authorization")!, /SignedHeaders=host;user-agent;x-amz-date,/);
    await (await fetch(signed)).text();
    assert.equal(received[0].verified.ok, true);
  });
});

Deno.test("AwsClient.sign with singleEncode encodes the path once", async () => {
  const date = new Date("2024-01-02T03:04:05Z");
  const credentials = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET };
  const url = "https://example.com/a%20b/c";
  const signed = await client().sign(url, { aws: { singleEncode: true, datetime: date } });
  const single = await new SigV4Signer({ credentials, ...scope, uriEscapePath: false }).sign(
    new Request(url),
    { date },
  );
  const double = await new SigV4Signer({ credentials, ...scope }).sign(new Request(url), { date });
  assert.equal(signed.headers.get("authorization"), single.headers.get("authorization"));
  assert.notEqual(signed.headers.get("authorization"), double.headers.get("authorization"));
});

Deno.test("AwsClient with appendSessionToken presigns without the token and appends it after the signature", async () => {
  const date = new Date("2024-01-02T03:04:05Z");
  const aws = new AwsClient({
    accessKeyId: TEMP_ACCESS_KEY_ID,
    secretAccessKey: TEMP_SECRET,
    sessionToken: SESSION_TOKEN,
    region: "eu-west-1",
  });
  const url = "wss://abc-ats.iot.eu-west-1.amazonaws.com/mqtt";
  // iotdevicegateway, inferred from the host, appends the token by default.
  const signed = new URL((await aws.sign(url, { aws: { signQuery: true, datetime: date } })).url);
  const tokenless = await new SigV4Signer({
    credentials: { accessKeyId: TEMP_ACCESS_KEY_ID, secretAccessKey: TEMP_SECRET },
    service: "iotdevicegateway",
    region: "eu-west-1",
  }).presign(new Request(url.replace("wss:", "https:")), { date });
  assert.equal(
    signed.searchParams.get("X-Amz-Signature"),
    tokenless.searchParams.get("X-Amz-Signature"),
  );
  assert.ok(signed.search.endsWith("&X-Amz-Security-Token=" + SESSION_TOKEN));
  assert.equal(signed.searchParams.getAll("X-Amz-Security-Token").length, 1);
});

Deno.test("AwsClient without credentials throws CredentialsError with a message naming what to pass", () => {
  assert.throws(() => new AwsClient({ region: "us-east-1" }), (error: Error) => {
    assert.ok(error instanceof CredentialsError);
    assert.match(error.message, /credentials.*accessKeyId, secretAccessKey/);
    return true;
  });
  assert.throws(() => new AwsClient({ accessKeyId: ACCESS_KEY_ID }), /secretAccessKey is missing/);
  assert.throws(() => new AwsClient({ secretAccessKey: SECRET }), (error: Error) => {
    assert.ok(error instanceof CredentialsError);
    assert.match(error.message, /accessKeyId is missing/);
    assert.ok(!error.message.includes(SECRET));
    return true;
  });
  assert.throws(
    () =>
      new AwsClient({
        credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
        accessKeyId: ACCESS_KEY_ID,
      }),
    CredentialsError,
  );
});

Deno.test("AwsClient.fetch rejects with CredentialsError, sending nothing, when the provider fails", async () => {
  await withVerifyingServer(ok, async (origin, received) => {
    const failing = new AwsClient({
      credentials: () => Promise.reject(new Error(`vault down for ${SECRET}`)),
      ...scope,
    });
    await assert.rejects(failing.fetch(`${origin}/`), (error: Error) => {
      assert.ok(error instanceof CredentialsError);
      assert.ok(!error.message.includes(SECRET));
      return true;
    });
    const empty = new AwsClient({
      credentials: () => Promise.resolve(undefined as never),
      ...scope,
    });
    await assert.rejects(empty.fetch(`${origin}/`), CredentialsError);
    assert.equal(received.length, 0);
  });
});

Deno.test("AwsClient throws SigningInputError when the service can be neither inferred nor given", async () => {
  const aws = new AwsClient({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET });
  await assert.rejects(aws.fetch("http://127.0.0.1:9/"), (error: Error) => {
    assert.ok(error instanceof SigningInputError);
    assert.match(error.message, /pass \{ service \}/);
    return true;
  });
});

Deno.test("AwsClient rejects a negative or fractional retries count", () => {
  assert.throws(() => client({ retries: -1 }), RangeError);
  assert.throws(() => client({ retries: 1.5 }), RangeError);
  assert.equal(client().retries, 10);
  assert.equal(client().initRetryMs, 50);
});

Deno.test("AwsClient is a drop-in for aws4fetch's AwsClient: same arguments, both verified", async () => {
  await withVerifyingServer(ok, async (origin, received) => {
    const options = {
      accessKeyId: TEMP_ACCESS_KEY_ID,
      secretAccessKey: TEMP_SECRET,
      sessionToken: SESSION_TOKEN,
      service: "execute-api",
      region: "eu-west-1",
      retries: 2,
      initRetryMs: 10,
      cache: new Map<string, ArrayBuffer>(),
    };
    const clients = { aws4fetch: new Aws4fetchClient(options), iamfetch: new AwsClient(options) };
    for (const [name, aws] of Object.entries(clients)) {
      const get = await aws.fetch(`${origin}/items?limit=5`);
      assert.equal(get.status, 200, `${name} GET`);
      await get.text();
      const post = await aws.fetch(`${origin}/items`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"a":1}',
      });
      assert.equal(post.status, 200, `${name} POST`);
      await post.text();
      // aws4fetch omits X-Amz-Expires from non-S3 presigned URLs unless the URL has it;
      // the verifier, like S3, requires it.
      const presigned = await aws.sign(`${origin}/report?X-Amz-Expires=300`, {
        aws: { signQuery: true },
      });
      assert.equal(new URL(presigned.url).searchParams.get("X-Amz-Expires"), "300");
      const response = await fetch(presigned);
      assert.equal(response.status, 200, `${name} presigned`);
      await response.text();
    }
    assert.equal(received.length, 6);
    for (const { verified } of received) assert.equal(verified.ok, true);
  });
});
