// A reference signer's requests must verify too: otherwise the emulator and iamfetch's
// signer could share a mistake and still agree with each other.
import assert from "node:assert/strict";
import { SignatureV4 } from "@smithy/signature-v4";
import { HttpRequest } from "@smithy/protocol-http";
import { Sha256 } from "@aws-crypto/sha256-js";
import { startEmulator } from "./emulator.ts";
import type { EchoResponse } from "./routes/echo.ts";

Deno.test("signatures from @smithy/signature-v4 (header and presigned) are accepted", async () => {
  await using emulator = await startEmulator();
  const smithy = new SignatureV4({
    credentials: emulator.credentials,
    region: "us-east-1",
    service: "execute-api",
    sha256: Sha256,
  });
  const base = {
    protocol: "http:",
    hostname: "127.0.0.1",
    port: emulator.port,
    // smithy signs only the headers it is given: the host must be explicit.
    headers: { host: `127.0.0.1:${emulator.port}`, "content-type": "text/plain" },
  };
  const post = new HttpRequest({
    ...base,
    method: "POST",
    path: "/echo/smithy",
    query: { q: "1 2" },
    body: "hi",
  });
  // applyChecksum (on by default) also sends x-amz-content-sha256, which the emulator checks.
  const signed = await smithy.sign(post);
  assert.ok(signed.headers["x-amz-content-sha256"]);
  const response = await fetch(`${emulator.url}/echo/smithy?q=1%202`, {
    method: "POST",
    headers: signed.headers,
    body: "hi",
  });
  assert.equal(response.status, 200);
  const echo: EchoResponse = await response.json();
  assert.deepEqual([echo.body, echo.query], ["hi", [["q", "1 2"]]]);

  const get = new HttpRequest({
    ...base,
    method: "GET",
    path: "/echo/smithy",
    headers: { host: base.headers.host },
  });
  const presigned = await smithy.presign(get, { expiresIn: 300 });
  const query = new URLSearchParams(presigned.query as Record<string, string>);
  const presignedResponse = await fetch(`${emulator.url}/echo/smithy?${query}`);
  assert.equal(presignedResponse.status, 200);
  assert.equal((await presignedResponse.json() as EchoResponse).presigned, true);
});
