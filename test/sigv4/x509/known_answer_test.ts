// The X.509 signature of IAM Roles Anywhere against its documentation: for a fixed
// certificate, key and date (the documentation's example request: POST /sessions at
// 20211103T120000Z in us-east-1), the exact canonical request and string to sign, the
// Authorization header, and a signature over exactly that string.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { verify, X509Certificate } from "node:crypto";
import { X509Signer } from "../../../src/sigv4/x509/signer.ts";
import { x509Layout } from "../../../src/sigv4/x509/_layout.ts";
import { requestUrlParts } from "../../../src/sigv4/_canonical/request_url.ts";
import { readHeaders } from "../../../src/sigv4/_canonical/headers.ts";
import { base64Of, docCanonicalRequest, docStringToSign, sha256Hex } from "./doc_signing.ts";
import { issueCertificate, privateKeyPem, type TestCertificate } from "./pki.ts";

const DATE = new Date("2021-11-03T12:00:00Z");
const AMZ_DATE = "20211103T120000Z";
const URL_ = "https://rolesanywhere.us-east-1.amazonaws.com/sessions";
const BODY = JSON.stringify({
  durationSeconds: 3600,
  profileArn:
    "arn:aws:rolesanywhere:us-east-1:123456789012:profile/41cl0bae-6783-40d4-ab20-65dc5d922e45",
  roleArn: "arn:aws:iam::123456789012:role/example-role",
  trustAnchorArn:
    "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/41cl0bae-6783-40d4-ab20-65dc5d922e45",
});
// 20 bytes with the high bit set: DER adds a 00 byte, the decimal form has 48 digits.
const SERIAL = Uint8Array.from({ length: 20 }, (_, i) => (0x8f + i * 37) & 0xff);
const VALIDITY = {
  notBefore: new Date("2021-11-01T00:00:00Z"),
  notAfter: new Date("2021-12-01T00:00:00Z"),
};

function request(): Request {
  return new Request(URL_, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "not-signed/1.0" },
    body: BODY,
  });
}

async function chainOfTwo(): Promise<{ leaf: TestCertificate; chain: TestCertificate[] }> {
  const root = await issueCertificate({ subject: "Root CA", ca: true, ...VALIDITY });
  const middle = await issueCertificate({ subject: "Issuing CA", ca: true, ...VALIDITY }, root);
  const leaf = await issueCertificate(
    { subject: "workload", keyType: "EC", serial: SERIAL, ...VALIDITY },
    middle,
  );
  return { leaf, chain: [middle, root] };
}

Deno.test("the credential names the certificate by its serial number in decimal", async () => {
  const leaf = await issueCertificate({ subject: "w", serial: SERIAL, ...VALIDITY });
  const signer = new X509Signer({ certificate: leaf.pem, privateKey: "", region: "us-east-1" });
  // node:crypto prints the serial in hex; AWS's helper writes Go's big.Int in decimal.
  const expected = BigInt("0x" + new X509Certificate(leaf.pem).serialNumber).toString();
  assert.equal(signer.certificate.serialNumber, expected);
  assert.equal(expected.length, 48);
});

Deno.test("an RSA certificate signs the documentation's canonical request and string to sign", async () => {
  const leaf = await issueCertificate({
    subject: "workload",
    keyType: "RSA",
    serial: SERIAL,
    ...VALIDITY,
  });
  const signer = new X509Signer({
    certificate: leaf.pem,
    privateKey: await privateKeyPem(leaf.keys),
    region: "us-east-1",
  });
  const x509 = base64Of(leaf.der);
  const expectedCanonical = await docCanonicalRequest({
    path: "/sessions",
    headers: {
      "content-type": "application/json",
      host: "rolesanywhere.us-east-1.amazonaws.com",
      "x-amz-date": AMZ_DATE,
      "x-amz-x509": x509,
    },
    body: BODY,
  });
  const expectedStringToSign = await docStringToSign(
    "AWS4-X509-RSA-SHA256",
    AMZ_DATE,
    "us-east-1",
    expectedCanonical,
  );
  const layout = x509Layout({
    method: "POST",
    url: requestUrlParts(URL_),
    headerList: readHeaders(request().headers),
    bodyHash: await sha256Hex(BODY),
    algorithm: signer.algorithm,
    serialNumber: signer.certificate.serialNumber,
    x509,
    region: "us-east-1",
    service: "rolesanywhere",
    date: DATE,
  });
  assert.equal(layout.canonicalRequest, expectedCanonical);
  assert.equal(layout.stringToSign, expectedStringToSign);

  const signed = await signer.sign(request(), { date: DATE });
  const serial = signer.certificate.serialNumber;
  const authorization = signed.headers.get("authorization")!;
  const signature = authorization.split("Signature=")[1];
  assert.equal(
    authorization,
    `AWS4-X509-RSA-SHA256 Credential=${serial}/20211103/us-east-1/rolesanywhere/aws4_request, ` +
      `SignedHeaders=content-type;host;x-amz-date;x-amz-x509, Signature=${signature}`,
  );
  assert.equal(signed.headers.get("x-amz-date"), AMZ_DATE);
  assert.equal(signed.headers.get("x-amz-x509"), x509);
  assert.equal(signed.headers.has("x-amz-x509-chain"), false);
  assert.equal(await signed.text(), BODY);
  // RSASSA-PKCS1-v1_5 is deterministic: the signature is that of the expected string to sign.
  const reference = await crypto.subtle.sign(
    "RSASSA-PKCS1-v1_5",
    leaf.keys.privateKey,
    new TextEncoder().encode(expectedStringToSign),
  );
  assert.equal(signature, Buffer.from(reference).toString("hex"));
  assert.equal(signature.length, 512);
});

Deno.test("an EC certificate with intermediates signs X-Amz-X509-Chain too, ECDSA in DER", async () => {
  const { leaf, chain } = await chainOfTwo();
  const signer = new X509Signer({
    certificate: leaf.pem,
    privateKey: await privateKeyPem(leaf.keys, "sec1"),
    certificateChain: chain.map((link) => link.pem).join(""),
    region: "us-east-1",
  });
  const signed = await signer.sign(request(), { date: DATE });
  const x509Chain = chain.map((link) => base64Of(link.der)).join(",");
  assert.equal(signed.headers.get("x-amz-x509-chain"), x509Chain);
  const expectedStringToSign = await docStringToSign(
    "AWS4-X509-ECDSA-SHA256",
    AMZ_DATE,
    "us-east-1",
    await docCanonicalRequest({
      path: "/sessions",
      headers: {
        "content-type": "application/json",
        host: "rolesanywhere.us-east-1.amazonaws.com",
        "x-amz-date": AMZ_DATE,
        "x-amz-x509": base64Of(leaf.der),
        "x-amz-x509-chain": x509Chain,
      },
      body: BODY,
    }),
  );
  const match =
    /^AWS4-X509-ECDSA-SHA256 Credential=(\d+)\/20211103\/us-east-1\/rolesanywhere\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-x509;x-amz-x509-chain, Signature=([0-9a-f]+)$/
      .exec(signed.headers.get("authorization")!);
  assert.ok(match, signed.headers.get("authorization")!);
  assert.equal(match[1], signer.certificate.serialNumber);
  // node:crypto reads the DER signature (SEQUENCE of r and s), as AWS's helper writes it.
  const signature = Buffer.from(match[2], "hex");
  assert.equal(signature[0], 0x30);
  assert.ok(
    verify(
      "sha256",
      Buffer.from(expectedStringToSign),
      { key: new X509Certificate(leaf.pem).publicKey, dsaEncoding: "der" },
      signature,
    ),
  );
});

Deno.test("a chain given as a list of PEM and DER is sent in order, comma-separated", async () => {
  const { leaf, chain } = await chainOfTwo();
  const signer = new X509Signer({
    certificate: leaf.der,
    privateKey: leaf.keys.privateKey,
    certificateChain: [chain[0].der, chain[1].pem],
    region: "us-east-1",
  });
  const signed = await signer.sign(request(), { date: DATE });
  assert.equal(
    signed.headers.get("x-amz-x509-chain"),
    `${base64Of(chain[0].der)},${base64Of(chain[1].der)}`,
  );
  assert.equal(signed.headers.get("x-amz-x509"), base64Of(leaf.der));
});
