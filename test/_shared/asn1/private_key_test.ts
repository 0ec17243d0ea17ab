// The one PEM private-key reader every signer uses (X.509, CloudFront, JWT): each form it
// takes comes out as PKCS #8 that WebCrypto imports and that signs what node:crypto verifies,
// and each form it refuses comes out as a problem that quotes nothing of the key.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { generateKeyPairSync, type KeyObject, verify } from "node:crypto";
import { importPrivateKey, readPemPrivateKey } from "../../../src/_shared/asn1/private_key.ts";
import { pemBlocks } from "../../../src/_shared/asn1/pem.ts";

const RSA = generateKeyPairSync("rsa", { modulusLength: 2048 });
const P256 = generateKeyPairSync("ec", { namedCurve: "P-256" });
const P384 = generateKeyPairSync("ec", { namedCurve: "P-384" });
const ED25519 = generateKeyPairSync("ed25519");

function pem(key: KeyObject, type: "pkcs8" | "pkcs1" | "sec1"): string {
  return key.export({ type, format: "pem" }) as string;
}

function toPem(label: string, der: Uint8Array): string {
  return `-----BEGIN ${label}-----\n${
    Buffer.from(der).toString("base64")
  }\n-----END ${label}-----\n`;
}

Deno.test("PKCS #8, PKCS #1 and SEC 1 keys import and sign what node:crypto verifies", async () => {
  const forms: [string, string, "RSA" | "EC", KeyObject][] = [
    ["RSA PKCS #8", pem(RSA.privateKey, "pkcs8"), "RSA", RSA.publicKey],
    ["RSA PKCS #1", pem(RSA.privateKey, "pkcs1"), "RSA", RSA.publicKey],
    ["P-256 PKCS #8", pem(P256.privateKey, "pkcs8"), "EC", P256.publicKey],
    ["P-256 SEC 1", pem(P256.privateKey, "sec1"), "EC", P256.publicKey],
    [
      "P-256 SEC 1 after its EC PARAMETERS block (openssl ecparam -genkey)",
      "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n" +
      pem(P256.privateKey, "sec1"),
      "EC",
      P256.publicKey,
    ],
  ];
  const data = new TextEncoder().encode("signed by the one importer");
  for (const [name, text, kind, publicKey] of forms) {
    const key = readPemPrivateKey(text);
    assert.ok(!("problem" in key), `${name}: ${JSON.stringify(key)}`);
    assert.equal(key.kind, kind, name);
    const cryptoKey = await importPrivateKey(key, "SHA-256");
    assert.equal(cryptoKey.extractable, false, name);
    const signature = new Uint8Array(
      await crypto.subtle.sign(
        kind === "RSA" ? "RSASSA-PKCS1-v1_5" : { name: "ECDSA", hash: "SHA-256" },
        cryptoKey,
        data,
      ),
    );
    const verifier = kind === "RSA"
      ? publicKey
      : { key: publicKey, dsaEncoding: "ieee-p1363" as const };
    assert.ok(verify("sha256", data, verifier, signature), `${name}: the signature verifies`);
  }
});

Deno.test("keys that cannot sign here are problems that describe them, never quote them", () => {
  const unnamedSec1 = Uint8Array.of(0x30, 0x05, 0x02, 0x01, 0x01, 0x04, 0x00);
  const cases: [string, string, Record<string, unknown>][] = [
    ["no PEM", "MIIEowIBAAKCAQEA1hD1Fwg", { problem: "no-key", otherLabel: undefined }],
    ["a public key", pem(RSA.publicKey as KeyObject, "pkcs1"), { problem: "no-key" }],
    [
      "an encrypted PKCS #8 key",
      RSA.privateKey.export({
        type: "pkcs8",
        format: "pem",
        cipher: "aes-256-cbc",
        passphrase: "pass",
      }) as string,
      { problem: "encrypted", label: "ENCRYPTED PRIVATE KEY" },
    ],
    [
      "an OpenSSL-encrypted PKCS #1 key",
      RSA.privateKey.export({
        type: "pkcs1",
        format: "pem",
        cipher: "aes-128-cbc",
        passphrase: "pass",
      }) as string,
      { problem: "encrypted", label: "RSA PRIVATE KEY" },
    ],
    [
      "an OpenSSH key",
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE=\n-----END OPENSSH PRIVATE KEY-----",
      { problem: "other-format", label: "OPENSSH PRIVATE KEY" },
    ],
    [
      "a body that is not base64",
      "-----BEGIN PRIVATE KEY-----\nnot*base64!\n-----END PRIVATE KEY-----",
      { problem: "not-base64", label: "PRIVATE KEY" },
    ],
    [
      "an empty body",
      "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----",
      { problem: "not-base64", label: "PRIVATE KEY" },
    ],
    [
      "a truncated PKCS #8 key",
      pem(RSA.privateKey, "pkcs8").split("\n").filter((_, i) => i !== 5).join("\n"),
      { problem: "malformed", label: "PRIVATE KEY" },
    ],
    [
      "a PKCS #1 key that is not nine integers",
      toPem("RSA PRIVATE KEY", Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x00)),
      { problem: "malformed", label: "RSA PRIVATE KEY" },
    ],
    [
      "a SEC 1 key without its curve",
      toPem("EC PRIVATE KEY", unnamedSec1),
      { problem: "unnamed-curve" },
    ],
    ["a P-384 SEC 1 key", pem(P384.privateKey, "sec1"), { problem: "other-curve", curve: "P-384" }],
    [
      "a P-384 PKCS #8 key",
      pem(P384.privateKey, "pkcs8"),
      { problem: "other-curve", curve: "P-384" },
    ],
    [
      "an Ed25519 key",
      pem(ED25519.privateKey, "pkcs8"),
      { problem: "other-algorithm", keyType: "an Ed25519 key" },
    ],
  ];
  for (const [name, text, expected] of cases) {
    const problem = readPemPrivateKey(text);
    assert.ok("problem" in problem, `${name}: refused`);
    for (const [field, value] of Object.entries(expected)) {
      assert.equal((problem as Record<string, unknown>)[field], value, `${name}: ${field}`);
    }
    const described = JSON.stringify(problem);
    for (const line of text.split("\n").filter((line) => line.length >= 16)) {
      if (!line.startsWith("-----")) {
        assert.ok(!described.includes(line.slice(0, 16)), `${name}: quotes the key`);
      }
    }
  }
});

Deno.test("pemBlocks reads headers, skips text between blocks, and stops at a block without end", () => {
  const blocks = pemBlocks(
    "Bag Attributes: x\n-----BEGIN A-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n" +
      "AAEC\r\nAw==\n-----END A-----\ntext\n-----BEGIN B-----\nBAUG\n-----END B-----\n" +
      "-----BEGIN C-----\nBwgJ\n",
  );
  assert.deepEqual(blocks.map((block) => block.label), ["A", "B"]);
  assert.deepEqual(blocks[0].headers, ["Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-128-CBC,00"]);
  assert.equal(blocks[0].encrypted, true);
  assert.deepEqual(blocks[0].der, Uint8Array.of(0, 1, 2, 3));
  assert.equal(blocks[1].encrypted, false);
  assert.deepEqual(blocks[1].der, Uint8Array.of(4, 5, 6));
});
