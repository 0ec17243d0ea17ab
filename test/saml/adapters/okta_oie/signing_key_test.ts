// importJwtSigningKey / signJwt: every accepted form signs what node:crypto verifies with the
// matching public key (an implementation other than WebCrypto's), and every refused form is a
// TypeError that quotes nothing of the key.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { generateKeyPairSync, type KeyObject, verify } from "node:crypto";
import { importJwtSigningKey, signJwt } from "../../../../src/web_identity/jwt_signing_key.ts";

interface Pair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

const RSA: Pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
const P256: Pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
const P384: Pair = generateKeyPairSync("ec", { namedCurve: "P-384" });

function verifies(jwt: string, pair: Pair): boolean {
  const [header, payload, signature] = jwt.split(".");
  return verify(
    "sha256",
    Buffer.from(`${header}.${payload}`),
    pair === P256 ? { key: pair.publicKey, dsaEncoding: "ieee-p1363" } : pair.publicKey,
    Buffer.from(signature, "base64url"),
  );
}

Deno.test("signJwt: PEM and JWK keys sign RS256 / ES256 JWTs node:crypto verifies", async () => {
  const forms: [string, Pair, string | JsonWebKey][] = [
    ["RSA PKCS #8", RSA, RSA.privateKey.export({ type: "pkcs8", format: "pem" }) as string],
    ["RSA PKCS #1", RSA, RSA.privateKey.export({ type: "pkcs1", format: "pem" }) as string],
    ["RSA JWK", RSA, RSA.privateKey.export({ format: "jwk" })],
    ["P-256 PKCS #8", P256, P256.privateKey.export({ type: "pkcs8", format: "pem" }) as string],
    ["P-256 SEC1", P256, P256.privateKey.export({ type: "sec1", format: "pem" }) as string],
    ["P-256 JWK", P256, P256.privateKey.export({ format: "jwk" })],
    [
      "P-256 PEM with literal \\n (an environment variable)",
      P256,
      (P256.privateKey.export({ type: "pkcs8", format: "pem" }) as string).replaceAll("\n", "\\n"),
    ],
  ];
  for (const [name, pair, key] of forms) {
    const signing = await importJwtSigningKey(key);
    assert.equal(signing.alg, pair === RSA ? "RS256" : "ES256", name);
    const jwt = await signJwt({ iss: "me", n: 1 }, signing, { kid: "k" });
    assert.ok(verifies(jwt, pair), `${name}: the signature verifies`);
    const tampered = jwt.replace(
      /\.[^.]+\./,
      `.${Buffer.from('{"iss":"you","n":1}').toString("base64url")}.`,
    );
    assert.ok(!verifies(tampered, pair), `${name}: other claims do not verify`);
  }
});

Deno.test("importJwtSigningKey takes the JWK's kid, and ignores alg/use/key_ops/ext", async () => {
  const jwk = {
    ...P256.privateKey.export({ format: "jwk" }),
    kid: "okta-key",
    alg: "ES256",
    use: "sig",
    key_ops: ["verify"],
    ext: false,
  };
  const signing = await importJwtSigningKey(JSON.stringify(jwk));
  assert.deepEqual([signing.alg, signing.kid], ["ES256", "okta-key"]);
});

Deno.test("importJwtSigningKey refuses other forms with a TypeError quoting nothing", async () => {
  const p384 = P384.privateKey.export({ format: "jwk" });
  const refused: [string, string | JsonWebKey, RegExp][] = [
    ["a public JWK", RSA.publicKey.export({ format: "jwk" }), /no private part/],
    ["a P-384 JWK", p384, /EC P-384/],
    [
      "a P-384 PKCS #8 key",
      P384.privateKey.export({ type: "pkcs8", format: "pem" }) as string,
      /could not be imported/,
    ],
    [
      "a certificate",
      "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----",
      /CERTIFICATE, not a private key/,
    ],
    [
      "an encrypted key",
      "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0B\n-----END ENCRYPTED PRIVATE KEY-----",
      /encrypted/,
    ],
    ["broken JSON", '{"kty":"EC","d":"c2VjcmV0LWtleS1tYXRlcmlhbA', /not valid JSON/],
    ["plain text", "hunter2-not-a-key", /not readable/],
  ];
  for (const [name, key, message] of refused) {
    const error = await importJwtSigningKey(key).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof TypeError, `${name}: a TypeError`);
    assert.match(error.message, message, name);
    const secret = typeof key === "string"
      ? key.match(/[A-Za-z0-9+/]{16,}/)?.[0] ?? key
      : String(key.d ?? key.n).slice(0, 15);
    assert.ok(!error.message.includes(secret), `${name}: the key is not quoted`);
  }
});
