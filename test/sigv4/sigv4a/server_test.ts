// SigV4a over real HTTP: requests signed by SigV4aSigner reach servers that verify with
// verifySignature (the AWS emulator's verify middleware, and a Hono app behind
// iamfetch's sigv4Auth middleware), which accept them and reject tampered ones.
import assert from "node:assert/strict";
import { SigV4aSigner } from "../../../src/sigv4/mod.ts";
import { startEmulator } from "../../emulator/emulator.ts";
import { type Echo, KEYS, SECRET, testApp } from "../../hono/sigv4_test_app.ts";
import { serveApp } from "../../idp/serve_app.ts";

Deno.test("the emulator accepts SigV4a header-signed and presigned requests", async () => {
  const emulator = await startEmulator();
  try {
    const signer = new SigV4aSigner({
      credentials: emulator.credentials,
      service: "execute-api",
      regionSet: ["us-east-1", "us-west-2"],
    });
    const body = JSON.stringify({ sigv4a: "✓" });
    const signed = await signer.sign(
      new Request(`${emulator.url}/echo/items?x=1`, { method: "POST", body }),
    );
    const response = await fetch(signed);
    assert.equal(response.status, 200, await response.clone().text());
    const echo = await response.json();
    assert.equal(echo.body, body);
    assert.equal(echo.region, "us-east-1,us-west-2");
    assert.equal(echo.service, "execute-api");

    const url = await signer.presign(new Request(`${emulator.url}/echo/presigned?part=7`));
    const presigned = await fetch(url);
    assert.equal(presigned.status, 200, await presigned.clone().text());
    assert.equal((await presigned.json()).presigned, true);

    url.searchParams.set("part", "8");
    const tampered = await fetch(url);
    assert.equal(tampered.status, 403);
    assert.match(await tampered.text(), /SignatureDoesNotMatch/);
    assert.deepEqual(
      emulator.state.log.filter((entry) => entry.path.startsWith("/echo/")).map((entry) =>
        entry.verification
      ),
      ["ok", "ok", "SignatureDoesNotMatch"],
    );
  } finally {
    await emulator.close();
  }
});

Deno.test("the Hono sigv4Auth middleware accepts SigV4a and rejects a wrong secret", async () => {
  await using server = await serveApp(testApp());
  const signer = new SigV4aSigner({ credentials: KEYS.longTerm, service: "s3" });
  const accepted = await fetch(
    await signer.sign(new Request(`${server.url}/bucket/key`, { method: "PUT", body: "data" })),
  );
  assert.equal(accepted.status, 200, await accepted.clone().text());
  const echo: Echo = await accepted.json();
  assert.equal(echo.accessKeyId, KEYS.longTerm.accessKeyId);
  assert.equal(echo.body, "data");

  const impostor = new SigV4aSigner({
    credentials: { ...KEYS.longTerm, secretAccessKey: SECRET + "x" },
    service: "s3",
  });
  const rejected = await fetch(await impostor.sign(new Request(`${server.url}/bucket/key`)));
  assert.equal(rejected.status, 403);
  const text = await rejected.text();
  assert.match(text, /SignatureDoesNotMatch/);
  assert.ok(!text.includes(SECRET));
});
