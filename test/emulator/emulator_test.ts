// The emulator must refuse every request AWS would refuse: each test here would pass
// against a mock that accepts anything only if it asserted nothing, and each asserts.
import assert from "node:assert/strict";
import { SigV4Signer } from "../../src/sigv4/signer.ts";
import { type RunningEmulator, startEmulator } from "./emulator.ts";
import type { EchoResponse } from "./routes/echo.ts";

type Keys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

function signerFor(credentials: Keys): SigV4Signer {
  return new SigV4Signer({ credentials, region: "us-east-1", service: "execute-api" });
}

/** Reads an AWS XML error, checking the parts every one of them must have. */
async function awsError(
  response: Response,
): Promise<{ status: number; code: string; type: string }> {
  const body = await response.text();
  assert.equal(response.headers.get("content-type"), "text/xml");
  const requestId = response.headers.get("x-amzn-requestid");
  assert.match(requestId ?? "", /^[0-9a-f-]{36}$/);
  assert.ok(body.startsWith('<?xml version="1.0" encoding="UTF-8"?><ErrorResponse'), body);
  assert.ok(body.includes(`<RequestId>${requestId}</RequestId>`), body);
  assert.match(body, /<Message>[^<]+<\/Message>/);
  return {
    status: response.status,
    code: body.match(/<Code>([^<]*)<\/Code>/)?.[1] ?? "",
    type: body.match(/<Type>([^<]*)<\/Type>/)?.[1] ?? "",
  };
}

async function signedPost(
  emulator: RunningEmulator,
  keys: Keys = emulator.credentials,
): Promise<Request> {
  return await signerFor(keys).sign(
    new Request(`${emulator.url}/echo/items/42?b=2&a=1`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-custom": "kept" },
      body: '{"name":"widget"}',
    }),
  );
}

Deno.test("a request signed with a registered key is echoed back with what was signed", async () => {
  await using emulator = await startEmulator();
  const response = await fetch(await signedPost(emulator));
  assert.equal(response.status, 200);
  const echo: EchoResponse = await response.json();
  assert.equal(echo.method, "POST");
  assert.equal(echo.path, "/echo/items/42");
  assert.deepEqual(echo.query, [["b", "2"], ["a", "1"]]);
  assert.equal(echo.body, '{"name":"widget"}');
  assert.equal(echo.headers["content-type"], "application/json");
  assert.equal(echo.headers["x-custom"], "kept");
  assert.equal(echo.headers.host, `127.0.0.1:${emulator.port}`);
  assert.equal(echo.accessKeyId, emulator.credentials.accessKeyId);
  assert.equal(echo.region, "us-east-1");
  assert.equal(echo.service, "execute-api");
  assert.equal(echo.presigned, false);
});

Deno.test("paths and queries that need percent-encoding verify and are echoed as sent", async () => {
  await using emulator = await startEmulator();
  const signer = signerFor(emulator.credentials);
  const signed = await signer.sign(
    new Request(`${emulator.url}/echo/a b/ü/x/../y?k=a%20b&k=~*'&e=`),
  );
  const response = await fetch(signed);
  assert.equal(response.status, 200);
  const echo: EchoResponse = await response.json();
  assert.equal(echo.path, "/echo/a%20b/%C3%BC/y");
  assert.deepEqual(echo.query, [["k", "a b"], ["k", "~*'"], ["e", ""]]);
});

Deno.test("a request signed with the wrong secret is refused with SignatureDoesNotMatch", async () => {
  await using emulator = await startEmulator();
  const keys = { ...emulator.credentials, secretAccessKey: "not-the-secret" };
  const error = await awsError(await fetch(await signedPost(emulator, keys)));
  assert.deepEqual(error, { status: 403, code: "SignatureDoesNotMatch", type: "Sender" });
});

Deno.test("changing the path, query, a signed header or the body after signing is refused", async () => {
  await using emulator = await startEmulator();
  const tamperings: [string, (signed: Request) => Request][] = [
    ["path", (s) => new Request(s.url.replace("/items/42", "/items/43"), s)],
    ["query", (s) => new Request(s.url.replace("a=1", "a=9"), s)],
    ["added query", (s) => new Request(s.url + "&c=3", s)],
    ["header", (s) => {
      const headers = new Headers(s.headers);
      headers.set("x-custom", "changed");
      return new Request(s, { headers });
    }],
    [
      "body",
      (s) => new Request(s.url, { method: "POST", headers: s.headers, body: '{"name":"gadget"}' }),
    ],
  ];
  for (const [what, tamper] of tamperings) {
    const error = await awsError(await fetch(tamper(await signedPost(emulator))));
    assert.deepEqual(error, { status: 403, code: "SignatureDoesNotMatch", type: "Sender" }, what);
  }
});

Deno.test("an unknown access key is refused with InvalidAccessKeyId", async () => {
  await using emulator = await startEmulator();
  const keys = { accessKeyId: "AKIAUNKNOWNUNKNOWN00", secretAccessKey: "whatever" };
  const error = await awsError(await fetch(await signedPost(emulator, keys)));
  assert.deepEqual(error, { status: 403, code: "InvalidAccessKeyId", type: "Sender" });
});

Deno.test("an unsigned request is refused with MissingAuthenticationToken", async () => {
  await using emulator = await startEmulator();
  const error = await awsError(await fetch(`${emulator.url}/echo/items`));
  assert.deepEqual(error, { status: 403, code: "MissingAuthenticationToken", type: "Sender" });
});

Deno.test("a presigned URL is accepted until it expires, then refused with AccessDenied", async () => {
  await using emulator = await startEmulator();
  const signer = signerFor(emulator.credentials);
  const url = await signer.presign(new Request(`${emulator.url}/echo/download?file=a.txt`), {
    expiresIn: 60,
  });
  const response = await fetch(url);
  assert.equal(response.status, 200);
  const echo: EchoResponse = await response.json();
  assert.equal(echo.presigned, true);
  assert.deepEqual(echo.query[0], ["file", "a.txt"]);
  assert.ok(echo.query.some(([name]) => name === "X-Amz-Signature"));

  const anHourAgo = new Date(Date.now() - 3600_000);
  const expired = await signer.presign(new Request(`${emulator.url}/echo/download`), {
    date: anHourAgo,
    expiresIn: 60,
  });
  const error = await awsError(await fetch(expired));
  assert.deepEqual(error, { status: 403, code: "AccessDenied", type: "Sender" });
});

Deno.test("a request signed 20 minutes ago is refused with RequestTimeTooSkewed", async () => {
  await using emulator = await startEmulator();
  const twentyMinutesAgo = new Date(Date.now() - 20 * 60_000);
  const signed = await signerFor(emulator.credentials).sign(new Request(`${emulator.url}/echo/x`), {
    date: twentyMinutesAgo,
  });
  const error = await awsError(await fetch(signed));
  assert.deepEqual(error, { status: 403, code: "RequestTimeTooSkewed", type: "Sender" });
});

Deno.test("a temporary key is accepted only with the session token it was issued with", async () => {
  await using emulator = await startEmulator();
  const identity = emulator.state.addIdentity({ sessionToken: "FwoGZXIvYXdzEXAMPLETOKEN" });
  assert.match(identity.accessKeyId, /^ASIA[A-Z2-7]{16}$/);

  const accepted = await fetch(await signedPost(emulator, identity));
  assert.equal(accepted.status, 200);
  assert.equal(
    (await accepted.json() as EchoResponse).headers["x-amz-security-token"],
    identity.sessionToken,
  );

  for (const sessionToken of ["FwoGZXIvYXdzWRONGTOKEN", undefined]) {
    const keys = { ...identity, sessionToken };
    const error = await awsError(await fetch(await signedPost(emulator, keys)));
    assert.deepEqual(
      error,
      { status: 403, code: "InvalidClientTokenId", type: "Sender" },
      String(sessionToken),
    );
  }
});

Deno.test("a temporary key past its expiration is refused with ExpiredToken", async () => {
  await using emulator = await startEmulator();
  const { accessKeyId, secretAccessKey, sessionToken } = emulator.state.addIdentity({
    sessionToken: "token",
    expiration: new Date(Date.now() - 1000),
  });
  // The expiration stays server-side: the signer would refuse to sign with expired credentials.
  const error = await awsError(
    await fetch(await signedPost(emulator, { accessKeyId, secretAccessKey, sessionToken })),
  );
  assert.deepEqual(error, { status: 403, code: "ExpiredToken", type: "Sender" });
});
