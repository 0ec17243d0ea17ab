import assert from "node:assert/strict";
import fc from "fast-check";
import {
  CredentialsError,
  SigningInputError,
  SigV4aSigner,
  type VerifyOptions,
  verifySignature,
} from "../../../src/sigv4/mod.ts";
import { cachedSigV4aKeyCount, privateScalarFromCandidate } from "../../../src/sigv4/sigv4a/key.ts";
import { ecdsaDerToRaw, ecdsaRawToDer } from "../../../src/_shared/asn1/ecdsa_signature.ts";

const SECRET = "SIGV4A-SECRET-wJalrXUtnFEMI/K7MDENG+bPxRfiCYEX";
const TOKEN = "SIGV4A-SESSION-TOKEN-FQoGZXIvYXdzEJr//////////wEaDEXAMPLE";
const credentials = { accessKeyId: "AKIDSIGV4A", secretAccessKey: SECRET };
const DATE = new Date("2024-05-01T12:00:00Z");
const URL_ = "https://mrap.accesspoint.s3-global.amazonaws.com/photos/cat.jpg?versionId=3";

function verifyOptions(overrides: Partial<VerifyOptions> = {}): VerifyOptions {
  return {
    secretFor: (id) => id === credentials.accessKeyId ? SECRET : undefined,
    now: DATE,
    ...overrides,
  };
}

const N_MINUS_1 = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550";
const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
const bytes = (text: string) => Uint8Array.from(text.match(/../g)!, (pair) => parseInt(pair, 16));

Deno.test("a KDF candidate up to n - 2 becomes candidate + 1; above it, the next counter", () => {
  const nMinus2 = bytes(N_MINUS_1.slice(0, 62) + "4f");
  assert.equal(hex(privateScalarFromCandidate(nMinus2)!), N_MINUS_1);
  assert.equal(privateScalarFromCandidate(bytes(N_MINUS_1)), undefined);
  assert.equal(privateScalarFromCandidate(new Uint8Array(32).fill(0xff)), undefined);
  assert.equal(hex(privateScalarFromCandidate(new Uint8Array(32))!), "00".repeat(31) + "01");
  const carry = new Uint8Array(32);
  carry[30] = 0x01;
  carry[31] = 0xff;
  assert.equal(hex(privateScalarFromCandidate(carry)!), "00".repeat(30) + "0200");
});

Deno.test("DER and raw ECDSA signatures convert both ways, and malformed DER is refused", () => {
  const half = fc.oneof(
    fc.uint8Array({ minLength: 32, maxLength: 32 }),
    fc.uint8Array({ minLength: 0, maxLength: 31 }).map((tail) => {
      const padded = new Uint8Array(32);
      padded.set(tail, 32 - tail.length);
      return padded;
    }),
  );
  fc.assert(
    fc.property(half, half, (r, s) => {
      const raw = new Uint8Array([...r, ...s]);
      assert.deepEqual(ecdsaDerToRaw(ecdsaRawToDer(raw)), raw);
    }),
    { numRuns: 2000 },
  );
  const valid = ecdsaRawToDer(new Uint8Array(64).fill(0x80));
  assert.ok(ecdsaDerToRaw(valid));
  assert.equal(ecdsaDerToRaw(new Uint8Array([...valid, 0])), undefined, "trailing byte");
  assert.equal(ecdsaDerToRaw(bytes("3008020100020200010")), undefined, "odd length");
  assert.equal(ecdsaDerToRaw(bytes("300802020001020101")), undefined, "non-minimal r");
  assert.equal(ecdsaDerToRaw(bytes("300702018002020101")), undefined, "negative r");
  assert.ok(ecdsaDerToRaw(bytes("3006020101020101")), "minimal r = s = 1");
});

Deno.test("a header-signed request verifies, with its region set, session token and body", async () => {
  const signer = new SigV4aSigner({
    credentials: { ...credentials, sessionToken: TOKEN },
    service: "s3",
    regionSet: ["us-east-1", "eu-west-1"],
  });
  const signed = await signer.sign(
    new Request(URL_, { method: "PUT", body: "meow", headers: { "x-amz-meta-a": "1" } }),
    { date: DATE },
  );
  assert.match(
    signed.headers.get("authorization")!,
    /^AWS4-ECDSA-P256-SHA256 Credential=AKIDSIGV4A\/20240501\/s3\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-meta-a;x-amz-region-set;x-amz-security-token, Signature=30[0-9a-f]+$/,
  );
  assert.equal(signed.headers.get("x-amz-region-set"), "us-east-1,eu-west-1");
  const result = await verifySignature(signed, verifyOptions({ region: "eu-west-1" }));
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.algorithm, "AWS4-ECDSA-P256-SHA256");
  assert.deepEqual(result.regionSet, ["us-east-1", "eu-west-1"]);
  assert.equal(result.sessionToken, TOKEN);
  assert.equal(await signed.text(), "meow");
});

Deno.test("tampering with a SigV4a request is rejected", async () => {
  const signer = new SigV4aSigner({
    credentials,
    service: "execute-api",
    regionSet: ["us-east-1"],
  });
  const signed = await signer.sign(new Request(URL_, { method: "POST", body: "{}" }), {
    date: DATE,
  });
  const variants: [string, Request][] = [
    [
      "query",
      new Request(URL_.replace("=3", "=4"), {
        method: "POST",
        headers: signed.headers,
        body: "{}",
      }),
    ],
    ["body", new Request(signed.url, { method: "POST", headers: signed.headers, body: "{ }" })],
    ["region set", withHeader(signed, "x-amz-region-set", "*")],
    ["signature", withHeader(signed, "authorization", flipLastHexDigit(signed))],
  ];
  for (const [what, request] of variants) {
    const result = await verifySignature(request, verifyOptions());
    assert.equal(result.ok, false, what);
    assert.equal(!result.ok && result.code, "SignatureDoesNotMatch", what);
  }
  const wrongRegion = await verifySignature(signed.clone(), verifyOptions({ region: "eu-west-1" }));
  assert.equal(!wrongRegion.ok && wrongRegion.code, "SignatureDoesNotMatch");
  const wrongSecret = await verifySignature(signed.clone(), {
    ...verifyOptions(),
    secretFor: () => SECRET + "x",
  });
  assert.equal(!wrongSecret.ok && wrongSecret.code, "SignatureDoesNotMatch");
});

Deno.test("a SigV4a header without a signed region set or a DER signature is refused", async () => {
  const signer = new SigV4aSigner({ credentials, service: "execute-api" });
  const signed = await signer.sign(new Request(URL_), { date: DATE });
  const noRegionSet = new Request(signed.url, { headers: signed.headers });
  noRegionSet.headers.delete("x-amz-region-set");
  const missing = await verifySignature(noRegionSet, verifyOptions());
  assert.equal(!missing.ok && missing.code, "IncompleteSignature");
  const unsigned = withHeader(
    signed,
    "authorization",
    signed.headers.get("authorization")!.replace(";x-amz-region-set", ""),
  );
  const notSigned = await verifySignature(unsigned, verifyOptions());
  assert.equal(!notSigned.ok && notSigned.code, "SignatureDoesNotMatch");
  const notDer = withHeader(
    signed,
    "authorization",
    signed.headers.get("authorization")!.replace(/Signature=30/, "Signature=31"),
  );
  const garbled = await verifySignature(notDer, verifyOptions());
  assert.equal(!garbled.ok && garbled.code, "SignatureDoesNotMatch");
});

Deno.test("a presigned SigV4a URL round-trips, expires, and rejects tampering", async () => {
  const signer = new SigV4aSigner({
    credentials: { ...credentials, sessionToken: TOKEN },
    service: "s3",
  });
  const url = await signer.presign(
    new Request(URL_, { headers: { "x-amz-meta-hoisted": "yes" } }),
    { date: DATE, expiresIn: 120 },
  );
  assert.equal(url.searchParams.get("X-Amz-Algorithm"), "AWS4-ECDSA-P256-SHA256");
  assert.equal(url.searchParams.get("X-Amz-Credential"), "AKIDSIGV4A/20240501/s3/aws4_request");
  assert.equal(url.searchParams.get("X-Amz-Region-Set"), "*");
  assert.equal(url.searchParams.get("x-amz-meta-hoisted"), "yes");
  const ok = await verifySignature(new Request(url), verifyOptions({ region: "ap-south-1" }));
  assert.ok(ok.ok, JSON.stringify(ok));
  assert.equal(ok.presigned, true);

  const later = new Date(DATE.getTime() + 121_000);
  const expired = await verifySignature(new Request(url), verifyOptions({ now: later }));
  assert.equal(!expired.ok && expired.code, "AccessDenied");

  for (const [name, value] of [["versionId", "4"], ["X-Amz-Region-Set", "us-east-1"]]) {
    const tampered = new URL(url);
    tampered.searchParams.set(name, value);
    const result = await verifySignature(new Request(tampered), verifyOptions());
    assert.equal(!result.ok && result.code, "SignatureDoesNotMatch", name);
  }
});

Deno.test("presign refuses an out-of-range expiry with a RangeError", async () => {
  const signer = new SigV4aSigner({ credentials, service: "s3" });
  await assert.rejects(signer.presign(new Request(URL_), { expiresIn: 604801 }), RangeError);
  await assert.rejects(signer.presign(new Request(URL_), { expiresIn: 0 }), RangeError);
});

Deno.test("invalid region sets and services are refused; errors carry no secret", async () => {
  for (const regionSet of [[], ["US East"], ["us-east-1/x"], "us-east-1"]) {
    assert.throws(
      () => new SigV4aSigner({ credentials, service: "s3", regionSet: regionSet as string[] }),
      SigningInputError,
    );
  }
  assert.throws(() => new SigV4aSigner({ credentials, service: "S3" }), SigningInputError);
  const failing = new SigV4aSigner({
    credentials: () => Promise.reject(new Error(`no luck with ${SECRET} and ${TOKEN}`)),
    service: "s3",
  });
  for (const attempt of [failing.sign(new Request(URL_)), failing.presign(new Request(URL_))]) {
    await assert.rejects(attempt, (error: Error) => {
      assert.ok(error instanceof CredentialsError);
      assert.ok(!error.message.includes(SECRET) && !error.message.includes(TOKEN));
      return true;
    });
  }
});

Deno.test("signing keys are derived once per access key and the cache is bounded", async () => {
  for (let i = 0; i < 60; i++) {
    const signer = new SigV4aSigner({
      credentials: { accessKeyId: `AKIDCACHE${i}`, secretAccessKey: SECRET },
      service: "s3",
    });
    const signed = await signer.sign(new Request(URL_), { date: DATE });
    assert.ok(signed.headers.has("authorization"));
    assert.ok(cachedSigV4aKeyCount() <= 50);
  }
  assert.equal(cachedSigV4aKeyCount(), 50);
});

function withHeader(request: Request, name: string, value: string): Request {
  const headers = new Headers(request.headers);
  headers.set(name, value);
  return new Request(request.clone(), { headers });
}

function flipLastHexDigit(request: Request): string {
  const authorization = request.headers.get("authorization")!;
  const last = authorization.at(-1) === "0" ? "1" : "0";
  return authorization.slice(0, -1) + last;
}
