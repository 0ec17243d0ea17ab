// Attacks on the server side of SigV4, sent as an outsider would through the public API:
// `verifySignature` and the Hono `sigv4Auth` middleware. One test per attack class of
// SECURITY.md ("Servers verifying SigV4"); each of them got through before its fix.
import assert from "node:assert/strict";
import { Hono } from "hono";
import { sigv4Auth, type SigV4AuthEnv, type SigV4AuthOptions } from "../../src/hono/mod.ts";
import { SignatureV4 } from "@smithy/signature-v4";
import { HttpRequest } from "@smithy/protocol-http";
import { Sha256 } from "@aws-crypto/sha256-js";
import {
  signStreaming,
  SigV4Signer,
  type VerifyOptions,
  verifySignature,
} from "../../src/sigv4/mod.ts";

const KEY_ID = "AKIDATTACKED";
const SECRET = "attacked-secret-do-not-leak";
const now = new Date("2026-06-01T12:00:00Z");

const signerFor = (service: string, secretAccessKey = SECRET) =>
  new SigV4Signer({
    credentials: { accessKeyId: KEY_ID, secretAccessKey },
    region: "us-east-1",
    service,
  });

const verifyOptions = (overrides: Partial<VerifyOptions> = {}): VerifyOptions => ({
  secretFor: (id) => id === KEY_ID ? SECRET : undefined,
  now,
  ...overrides,
});

/** What the handler behind the middleware saw. */
interface Seen {
  payload: string;
  query: [string, string][];
  path: string;
  body: string;
  amzHeaders: [string, string][];
}

function app(options: Partial<SigV4AuthOptions> = {}): Hono<SigV4AuthEnv> {
  const hono = new Hono<SigV4AuthEnv>();
  hono.use(
    "*",
    sigv4Auth({
      secretFor: (id) => id === KEY_ID ? SECRET : undefined,
      now: () => now,
      ...options,
    }),
  );
  hono.all("*", async (c) => {
    const url = new URL(c.req.url);
    const seen: Seen = {
      payload: c.get("sigv4").payload,
      query: [...url.searchParams],
      path: url.pathname,
      body: await c.req.text(),
      amzHeaders: [...c.req.raw.headers].filter(([name]) => name.startsWith("x-amz-")),
    };
    return c.json(seen);
  });
  return hono;
}

async function errorCode(response: Response): Promise<string> {
  const text = await response.text();
  return /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? `(no code: ${response.status} ${text})`;
}

function withHeader(request: Request, name: string, value: string): Request {
  const copy = new Request(request.clone());
  copy.headers.set(name, value);
  return copy;
}

/** A GET signed by smithy's signer (which, unlike ours, signs with an empty secret too). */
async function signedByOutsider(secretAccessKey: string): Promise<Request> {
  const smithy = new SignatureV4({
    credentials: { accessKeyId: KEY_ID, secretAccessKey },
    region: "us-east-1",
    service: "execute-api",
    sha256: Sha256,
  });
  const signed = await smithy.sign(
    new HttpRequest({
      method: "GET",
      protocol: "https:",
      hostname: "api.example.com",
      path: "/admin",
      headers: { host: "api.example.com" },
    }),
    { signingDate: now },
  );
  return new Request("https://api.example.com/admin", { headers: signed.headers });
}

Deno.test("class 1: a key lookup answering null, '', a number or an object is an unknown key, never a secret", async () => {
  const lookups: unknown[] = [null, "", 0, 42, true, {}, [], { secretAccessKey: "" }, {
    secretAccessKey: null,
  }, { secretAccessKey: 7 }];
  for (const lookup of lookups) {
    // The attacker signs with what the lookup would stringify to, and with the empty secret.
    for (const guess of [String(lookup), "", "null", "[object Object]"]) {
      const signed = await signedByOutsider(guess);
      const result = await verifySignature(
        signed,
        verifyOptions({ secretFor: () => lookup as string }),
      );
      assert.equal(result.ok, false, `lookup ${JSON.stringify(lookup)} with secret '${guess}'`);
      if (!result.ok) assert.equal(result.code, "InvalidAccessKeyId");

      const answer = await app({ secretFor: () => lookup as string }).request(signed);
      assert.equal(answer.status, 403);
      assert.equal(await errorCode(answer), "InvalidAccessKeyId");
    }
  }
});

Deno.test("class 2: an x-amz-* header outside SignedHeaders is refused, presigned or header-signed", async () => {
  const s3 = signerFor("s3");
  const presignedPut = await s3.presign(
    new Request("https://bucket.s3.amazonaws.com/upload.bin", { method: "PUT" }),
    { date: now, expiresIn: 600 },
  );
  const hijacked = new Request(presignedPut, {
    method: "PUT",
    headers: { "x-amz-acl": "public-read-write" },
    body: "data",
  });
  const presignedAnswer = await app().request(hijacked);
  assert.equal(presignedAnswer.status, 403);
  assert.equal(await errorCode(presignedAnswer), "AccessDenied");

  const signedPut = await s3.sign(
    new Request("https://bucket.s3.amazonaws.com/doc.txt", { method: "PUT", body: "data" }),
    { date: now },
  );
  for (
    const [name, value] of [["x-amz-meta-owner", "mallory"], ["X-Amz-Acl", "public-read"], [
      "x-amz-server-side-encryption",
      "AES256",
    ]]
  ) {
    const answer = await app().request(withHeader(signedPut, name, value));
    assert.equal(answer.status, 403, name);
    assert.equal(await errorCode(answer), "AccessDenied");
    const result = await verifySignature(withHeader(signedPut, name, value), verifyOptions());
    assert.equal(result.ok, false, name);
    if (!result.ok) assert.match(result.message, /not signed/);
  }

  // Every service by default; an option relaxes it for services other than S3.
  const api = await signerFor("execute-api").sign(new Request("https://api.example.com/x"), {
    date: now,
  });
  const added = withHeader(api, "x-amz-target", "Admin.DeleteEverything");
  assert.equal((await verifySignature(added, verifyOptions())).ok, false);
  assert.equal(
    (await verifySignature(added, verifyOptions({ allowUnsignedAmzHeaders: true }))).ok,
    true,
  );
  assert.equal(
    (await verifySignature(
      withHeader(signedPut, "x-amz-acl", "public-read"),
      verifyOptions({ allowUnsignedAmzHeaders: true }),
    )).ok,
    false,
    "S3's rule holds whatever the option says",
  );
});

Deno.test("class 3: X-Amz-Signature or other presign parameters in a header-signed query are refused", async () => {
  const signed = await signerFor("execute-api").sign(
    new Request("https://api.example.com/items?a=1"),
    { date: now },
  );
  for (
    const extra of [
      "X-Amz-Signature=0000",
      "x-amz-signature=anything",
      "X-AMZ-SIGNATURE=x",
      "X-Amz-Algorithm=AWS4-HMAC-SHA256",
      "X-Amz-Credential=AKIDATTACKED%2F20260601%2Fus-east-1%2Fexecute-api%2Faws4_request",
    ]
  ) {
    const replay = new Request(`${signed.url}&${extra}`, signed);
    const result = await verifySignature(replay, verifyOptions());
    assert.equal(result.ok, false, extra);
    const answer = await app().request(new Request(`${signed.url}&${extra}`, signed));
    assert.ok(answer.status === 400 || answer.status === 403, `${extra}: ${answer.status}`);
  }

  // In a presigned URL, only the exact X-Amz-Signature is left out of the canonical query.
  const presigned = await signerFor("execute-api").presign(
    new Request("https://api.example.com/items?a=1"),
    { date: now },
  );
  const sneaked = new URL(presigned);
  sneaked.searchParams.append("x-amz-signature", "handler-reads-this");
  assert.equal((await verifySignature(new Request(sneaked), verifyOptions())).ok, false);
});

Deno.test("class 4: a '+' is a space, so a request signed for a literal plus cannot be replayed with '+'", async () => {
  const signed = await signerFor("execute-api").sign(
    new Request("https://api.example.com/search?q=a%2Bb"),
    { date: now },
  );
  assert.equal((await verifySignature(signed, verifyOptions())).ok, true);
  const replay = new Request(signed.url.replace("a%2Bb", "a+b"), signed);
  assert.equal(new URL(replay.url).searchParams.get("q"), "a b", "what the handler would read");
  assert.equal((await verifySignature(replay, verifyOptions())).ok, false);

  // And the other way round: signed for a space, '+' and '%20' are the same request.
  const spaced = await signerFor("execute-api").sign(
    new Request("https://api.example.com/search?q=a+b"),
    { date: now },
  );
  for (const form of ["a+b", "a%20b"]) {
    const same = new Request(spaced.url.replace("a+b", form), spaced);
    assert.equal((await verifySignature(same, verifyOptions())).ok, true, form);
  }
  const plus = new Request(spaced.url.replace("a+b", "a%2Bb"), spaced);
  assert.equal((await verifySignature(plus, verifyOptions())).ok, false);
});

Deno.test("class 4: a non-S3 path the router would read differently from the verified one is refused", async () => {
  const signed = await signerFor("execute-api").sign(
    new Request("https://api.example.com/tenants/blue/items"),
    { date: now },
  );
  for (const path of ["/tenants//blue/items", "/tenants/blue//items", "//tenants/blue/items"]) {
    const replay = new Request(`https://api.example.com${path}`, signed);
    const result = await verifySignature(replay, verifyOptions());
    assert.equal(result.ok, false, path);
    const answer = await app().request(new Request(`https://api.example.com${path}`, signed));
    assert.equal(answer.status, 400, path);
  }
  // S3 keys are not normalized: `a//b` is its own key, signed as such.
  const s3 = await signerFor("s3").sign(new Request("https://b.s3.amazonaws.com/a//b"), {
    date: now,
  });
  const seen: Seen = await (await app().request(s3)).json();
  assert.equal(seen.path, "/a//b");
});

Deno.test("class 5: the payload label says 'signed' only when the handler's bytes were signed", async () => {
  const api = signerFor("execute-api");
  const body = "transfer 100 to alice";

  // A presigned URL that declares UNSIGNED-PAYLOAD, in either letter case of the name.
  for (const name of ["X-Amz-Content-Sha256", "x-amz-content-sha256"]) {
    const url = new URL("https://api.example.com/transfer");
    url.searchParams.set(name, "UNSIGNED-PAYLOAD");
    const presigned = await api.presign(new Request(url, { method: "POST" }), { date: now });
    const answer = await app().request(new Request(presigned, { method: "POST", body }));
    assert.equal(answer.status, 200, name);
    const seen: Seen = await answer.json();
    assert.equal(seen.payload, "unsigned", name);
    assert.equal(seen.body, body);
  }

  // A header that contradicts the signed query declaration.
  const hashUrl = new URL("https://api.example.com/transfer");
  hashUrl.searchParams.set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD");
  const presigned = await api.presign(new Request(hashUrl, { method: "POST" }), { date: now });
  const contradicted = new Request(presigned, {
    method: "POST",
    body,
    headers: {
      "x-amz-content-sha256": "a".repeat(64),
    },
  });
  const contradiction = await app().request(contradicted);
  assert.equal(contradiction.status, 400);

  // STREAMING-UNSIGNED-PAYLOAD-TRAILER: a CRC anyone can recompute is not a signed payload.
  const s3 = signerFor("s3");
  const upload = await signStreaming(
    s3,
    new Request("https://b.s3.amazonaws.com/k", { method: "PUT", body }),
    {
      decodedLength: body.length,
      unsignedPayload: true,
      trailer: "x-amz-checksum-crc32",
      date: now,
    },
  );
  const streamed: Seen = await (await app().request(upload)).json();
  assert.equal(streamed.payload, "streaming-unsigned-trailer");
  const signedStream = await signStreaming(
    s3,
    new Request("https://b.s3.amazonaws.com/k", { method: "PUT", body }),
    { decodedLength: body.length, date: now },
  );
  const signedSeen: Seen = await (await app().request(signedStream)).json();
  assert.equal(signedSeen.payload, "streaming-signed");

  // verifySignature labels the payload the same way.
  const result = await verifySignature(
    await api.sign(new Request("https://api.example.com/t", { method: "POST", body }), {
      date: now,
    }),
    verifyOptions(),
  );
  assert.equal(result.ok && result.payload, "signed");
});

Deno.test("class 6: junk is a 4xx failure, never a throw, a 500 or a logged stack", async () => {
  const base = await signerFor("execute-api").sign(new Request("https://api.example.com/x"), {
    date: now,
  });
  const authorization = base.headers.get("authorization") as string;
  const junk: Request[] = [
    // A Date header outside what an X-Amz-Date can say.
    new Request("https://api.example.com/x", {
      headers: { authorization, date: "Sat, 13 Sep 275760 00:00:00 GMT" },
    }),
    new Request("https://api.example.com/x", {
      headers: { authorization, date: "Mon, 01 Jan -001000 00:00:00 GMT" },
    }),
    new Request("https://api.example.com/x", {
      headers: { authorization, "x-amz-date": "99999999T999999Z" },
    }),
    new Request("https://api.example.com/x", {
      headers: { authorization: "AWS4-HMAC-SHA256 Credential=, SignedHeaders=, Signature=" },
    }),
    new Request("https://api.example.com/x", {
      headers: {
        authorization: "AWS4-ECDSA-P256-SHA256 Credential=AKID/20260601/s3/aws4_request, " +
          "SignedHeaders=host;x-amz-date;x-amz-region-set, Signature=zz",
        "x-amz-date": "20260601T120000Z",
        "x-amz-region-set": ",,,",
      },
    }),
    new Request("https://api.example.com/x", {
      headers: { authorization: "AWS4-HMAC-SHA256 " + "Credential=a/b/c/d/e, ".repeat(5000) },
    }),
    new Request(
      "https://api.example.com/x?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=%E0%A4%A" +
        "&X-Amz-Date=20260601T120000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=" + "0".repeat(64),
    ),
    new Request(
      "https://api.example.com/x?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDATTACKED%2F20260601%2Fus-east-1%2Fexecute-api%2Faws4_request" +
        "&X-Amz-Date=20260601T120000Z&X-Amz-Expires=99999999999999999999&X-Amz-SignedHeaders=host&X-Amz-Signature=" +
        "0".repeat(64),
    ),
    new Request(base.url + "?" + Array.from({ length: 5000 }, (_, i) => `p${i}=%ZZ`).join("&"), {
      headers: base.headers,
    }),
    new Request(base.url, {
      headers: (() => {
        const headers = new Headers(base.headers);
        for (let i = 0; i < 3000; i++) headers.set(`x-amz-junk-${i}`, "v");
        return headers;
      })(),
    }),
    new Request(base.url, {
      headers: {
        authorization: authorization.replace(
          /SignedHeaders=[^,]+/,
          "SignedHeaders=" + Array.from({ length: 3000 }, (_, i) => `h${i}`).join(";"),
        ),
        "x-amz-date": base.headers.get("x-amz-date") as string,
      },
    }),
    new Request("https://api.example.com/x", {
      method: "PUT",
      headers: {
        authorization,
        "x-amz-date": base.headers.get("x-amz-date") as string,
        "x-amz-content-sha256": "STREAMING-NONSENSE",
      },
      body: "x",
    }),
  ];
  const logged: unknown[] = [];
  const original = { error: console.error, warn: console.warn, log: console.log };
  console.error = console.warn = console.log = (...args: unknown[]) => void logged.push(args);
  try {
    for (const [index, request] of junk.entries()) {
      const result = await verifySignature(request.clone(), verifyOptions());
      assert.equal(result.ok, false, `junk ${index}`);
      if (!result.ok) {
        assert.ok(result.status >= 400 && result.status < 500, `junk ${index}: ${result.status}`);
      }
      const answer = await app().request(request);
      assert.ok(answer.status >= 400 && answer.status < 500, `junk ${index}: ${answer.status}`);
      assert.match(await answer.text(), /^<\?xml/);
    }
  } finally {
    Object.assign(console, original);
  }
  assert.deepEqual(logged, []);
});

Deno.test("class 6: verifySignature caps the body it buffers, checked before reading", async () => {
  let pulled = 0;
  const endless = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += 65536;
      controller.enqueue(new Uint8Array(65536));
    },
  });
  const signed = await signerFor("execute-api").sign(
    new Request("https://api.example.com/upload", { method: "POST", body: "small" }),
    { date: now },
  );
  const huge = new Request(signed.url, {
    method: "POST",
    headers: signed.headers,
    body: endless,
    duplex: "half",
  } as RequestInit);
  const result = await verifySignature(huge, verifyOptions({ maxBodyBytes: 1 << 20 }));
  assert.equal(result.ok, false);
  if (!result.ok) assert.equal(result.status, 413);
  assert.ok(pulled <= (1 << 20) + 4 * 65536, `read ${pulled} bytes`);

  const declared = new Request(signed.url, {
    method: "POST",
    headers: { ...Object.fromEntries(signed.headers), "content-length": String(1 << 30) },
    body: "small",
  });
  const refused = await verifySignature(declared, verifyOptions({ maxBodyBytes: 1 << 20 }));
  assert.equal(refused.ok || refused.status, 413);
});
