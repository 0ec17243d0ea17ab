// X509Signer's checks before anything is signed: the certificate's validity at the signing
// time, a private key that is the certificate's (PEM in three forms, or a WebCrypto key), and
// errors that never quote the key; and what signing leaves of the caller's request.
import assert from "node:assert/strict";
import { X509Signer } from "../../../src/sigv4/x509/signer.ts";
import { importPrivateKeyPem } from "../../../src/sigv4/x509/private_key.ts";
import { X509CertificateError, type X509ErrorReason } from "../../../src/sigv4/x509/errors.ts";
import { generateTestKeys, issueCertificate, privateKeyPem, toPem } from "./pki.ts";
import { assertNoneShown } from "../../security/assert_no_secrets.ts";

const URL_ = "https://rolesanywhere.us-east-1.amazonaws.com/sessions";

function rejectsWith(reason: X509ErrorReason) {
  return (error: unknown) => {
    assert.ok(error instanceof X509CertificateError, String(error));
    assert.equal(error.reason, reason, error.message);
    return true;
  };
}

Deno.test("a certificate is refused outside its validity, naming its serial and the bound", async () => {
  const notBefore = new Date("2030-01-01T00:00:00Z");
  const notAfter = new Date("2030-02-01T00:00:00Z");
  const leaf = await issueCertificate({ subject: "w", notBefore, notAfter });
  const signer = new X509Signer({
    certificate: leaf.pem,
    privateKey: await privateKeyPem(leaf.keys),
    region: "us-east-1",
  });
  await assert.rejects(
    signer.check(new Date("2029-12-31T23:59:59Z")),
    rejectsWith("not-yet-valid"),
  );
  await assert.rejects(
    signer.sign(new Request(URL_), { date: new Date("2030-02-01T00:00:01Z") }),
    (error: Error) =>
      rejectsWith("expired")(error) && error.message.includes(signer.certificate.serialNumber) &&
      error.message.includes("2030-02-01T00:00:00.000Z"),
  );
  await signer.check(notBefore);
  await signer.check(notAfter);
});

Deno.test("the private key may be PKCS #8, PKCS #1, SEC 1 or a non-extractable CryptoKey", async () => {
  const rsa = await issueCertificate({ subject: "r", keyType: "RSA" });
  const ec = await issueCertificate({ subject: "e", keyType: "EC" });
  const keys: [typeof rsa, string | CryptoKey][] = [
    [rsa, await privateKeyPem(rsa.keys, "pkcs8")],
    [rsa, await privateKeyPem(rsa.keys, "pkcs1")],
    [ec, await privateKeyPem(ec.keys, "pkcs8")],
    [ec, await privateKeyPem(ec.keys, "sec1")],
    [ec, await importPrivateKeyPem(await privateKeyPem(ec.keys))],
  ];
  for (const [certificate, privateKey] of keys) {
    const signer = new X509Signer({
      certificate: certificate.pem,
      privateKey,
      region: "us-east-1",
    });
    const signed = await signer.sign(new Request(URL_, { method: "POST", body: "{}" }));
    assert.match(signed.headers.get("authorization")!, /^AWS4-X509-(RSA|ECDSA)-SHA256 /);
  }
  assert.equal((await importPrivateKeyPem(await privateKeyPem(ec.keys))).extractable, false);
});

Deno.test("a key that is not the certificate's is a key-mismatch before any signature", async () => {
  const rsa = await issueCertificate({ subject: "r", keyType: "RSA" });
  const ec = await issueCertificate({ subject: "e", keyType: "EC" });
  const otherRsa = await generateTestKeys("RSA");
  const otherEc = await generateTestKeys("EC");
  const sha384 = await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: Uint8Array.of(1, 0, 1),
      hash: "SHA-384",
    },
    false,
    ["sign", "verify"],
  ) as CryptoKeyPair;
  const cases: [typeof rsa, string | CryptoKey][] = [
    [rsa, await privateKeyPem(otherRsa)],
    [ec, await privateKeyPem(otherEc, "sec1")],
    [rsa, await privateKeyPem(ec.keys)], // an EC key for an RSA certificate
    [ec, await privateKeyPem(rsa.keys, "pkcs1")],
    [rsa, sha384.privateKey],
    [ec, ec.keys.publicKey], // the public half
  ];
  for (const [certificate, privateKey] of cases) {
    const signer = new X509Signer({
      certificate: certificate.pem,
      privateKey,
      region: "us-east-1",
    });
    await assert.rejects(signer.check(), rejectsWith("key-mismatch"));
    await assert.rejects(signer.sign(new Request(URL_)), rejectsWith("key-mismatch"));
  }
});

Deno.test("unreadable keys are typed errors whose messages do not quote the key", async () => {
  const leaf = await issueCertificate({ subject: "w", keyType: "EC" });
  const pem = await privateKeyPem(leaf.keys);
  const body = pem.split("\n")[1];
  const p384 = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-384" }, true, [
    "sign",
  ]);
  const cases: [string, X509ErrorReason][] = [
    ["", "malformed-key"],
    [leaf.pem, "malformed-key"], // a certificate where the key should be
    [pem.replace(body, body.slice(0, 30) + "!" + body.slice(31)), "malformed-key"],
    [pem.replace(body, body.slice(0, 40)), "malformed-key"],
    [
      toPem("EC PRIVATE KEY", Uint8Array.of(0x30, 0x05, 0x02, 0x01, 0x01, 0x04, 0x00)),
      "malformed-key",
    ],
    [
      toPem("PRIVATE KEY", new Uint8Array(await crypto.subtle.exportKey("pkcs8", p384.privateKey))),
      "unsupported-key",
    ],
    [pem.replace(/PRIVATE KEY/g, "ENCRYPTED PRIVATE KEY"), "encrypted-key"],
  ];
  for (const [text, reason] of cases) {
    const signer = new X509Signer({ certificate: leaf.pem, privateKey: text, region: "us-east-1" });
    const error = await signer.check().then(() => undefined, (e) => e);
    rejectsWith(reason)(error);
    for (const line of text.split("\n").filter((line) => line.length >= 16)) {
      if (!line.startsWith("-----")) assert.ok(!error.message.includes(line.slice(0, 16)));
    }
    assert.equal(error.cause, undefined, "no cause that could carry the key");
  }
});

Deno.test("signing leaves the caller's request usable and replaces its Authorization", async () => {
  const leaf = await issueCertificate({ subject: "w", keyType: "EC" });
  const signer = new X509Signer({
    certificate: leaf.pem,
    privateKey: leaf.keys.privateKey,
    region: "us-east-1",
  });
  const original = new Request(URL_, {
    method: "POST",
    headers: {
      authorization: "Bearer stale",
      "user-agent": "test/1",
      "content-type": "application/json",
    },
    body: '{"a":1}',
  });
  const signed = await signer.sign(original);
  assert.match(
    signed.headers.get("authorization")!,
    /SignedHeaders=content-type;host;x-amz-date;x-amz-x509,/,
  );
  assert.equal(original.headers.get("authorization"), "Bearer stale");
  assert.equal(await original.text(), '{"a":1}');
  assert.equal(await signed.text(), '{"a":1}');
  assert.equal(signer.service, "rolesanywhere");
  assert.throws(
    () => new X509Signer({ certificate: leaf.pem, privateKey: "", region: "US East" }),
    /region must be an AWS region name/,
  );
});

Deno.test("a signer prints its certificate, never its key", async () => {
  const leaf = await issueCertificate({ subject: "w", keyType: "RSA" });
  const pem = await privateKeyPem(leaf.keys, "pkcs1");
  const signer = new X509Signer({ certificate: leaf.pem, privateKey: pem, region: "us-east-1" });
  const line = pem.split("\n")[3];
  assertNoneShown(signer, [line], "the signer");
  await signer.check();
  assert.ok(!Deno.inspect(signer, { depth: 5, showHidden: true }).includes(line));
});
