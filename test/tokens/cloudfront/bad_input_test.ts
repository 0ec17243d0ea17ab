// Inputs CloudFront would refuse or that cannot be signed are CloudFrontSignerErrors with a
// message that says what is wrong, and no message, stack or rendering of the error holds
// any part of the key.
import assert from "node:assert/strict";
import {
  CloudFrontSignerError,
  type CloudfrontSignInput,
  getSignedCookies,
  getSignedUrl,
} from "../../../src/tokens/mod.ts";
import { opensslKeys } from "./openssl_keys.ts";
import { assertNoneShown } from "../../security/assert_no_secrets.ts";

const URL_TO_SIGN = "https://d111111abcdef8.cloudfront.net/private/report.pdf";
const LATER = Date.now() + 3_600_000;

/** Every 12-character run of the key's base64 lines: none may show up in an error. */
function keyFragments(pem: string): string[] {
  const body = pem.split("\n").filter((line) => !line.startsWith("-----") && !line.includes(":"))
    .join("");
  const fragments: string[] = [];
  for (let i = 0; i + 12 <= body.length; i += 6) fragments.push(body.slice(i, i + 12));
  return fragments;
}

async function refusal(
  input: unknown,
  message: RegExp,
  secrets: string[] = [],
  signers: ((input: CloudfrontSignInput) => Promise<unknown>)[] = [getSignedUrl, getSignedCookies],
) {
  for (const sign of signers) {
    const error = await (sign as (input: unknown) => Promise<unknown>)(input).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof CloudFrontSignerError, `${sign.name}: ${error}`);
    assert.match(error.message, message);
    assertNoneShown(error, secrets, `${sign.name}'s error (key material)`);
  }
}

function withKey(privateKey: unknown, change: Record<string, unknown> = {}) {
  return {
    url: URL_TO_SIGN,
    keyPairId: "K2JCJMDEHXQW5F",
    privateKey,
    dateLessThan: LATER,
    ...change,
  };
}

Deno.test("keys CloudFront cannot verify, or that are not keys, are refused without quoting them", async () => {
  const keys = await opensslKeys();
  const lines = keys.rsaPkcs1.split("\n");
  const corrupted = [...lines.slice(0, 5), lines[5].replace(/[A-Za-z]/g, "A"), ...lines.slice(6)]
    .join("\n");
  const cases: [string, unknown, RegExp][] = [
    ["a corrupted PKCS#1 key", corrupted, /not a well-formed (PKCS#1 )?RSA private key/],
    [
      "a truncated PKCS#8 key",
      keys.rsaPkcs8.split("\n").filter((_, i) => i !== 9).join("\n"),
      /well-formed/,
    ],
    ["an EC key on P-384", keys.ecP384, /another curve than P-256/],
    ["an Ed25519 key", keys.ed25519, /an Ed25519 key/],
    ["an encrypted PKCS#8 key", keys.rsaEncrypted, /encrypted/],
    ["an OpenSSL-encrypted PKCS#1 key", keys.rsaLegacyEncrypted, /encrypted/],
    ["the public key", keys.rsaPublic, /holds a PUBLIC KEY, not the private key/],
    ["text that is no PEM", "MIIEowIBAAKCAQEA1hD1Fwg", /not a PEM private key/],
    [
      "an OpenSSH key",
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE=\n-----END OPENSSH PRIVATE KEY-----",
      /OpenSSH/,
    ],
    ["a number", 42, /PEM text, its bytes, or a CryptoKey/],
  ];
  for (const [, privateKey, message] of cases) {
    await refusal(
      withKey(privateKey, { passphrase: "secret-pass" }),
      message,
      typeof privateKey === "string" ? [...keyFragments(privateKey), "secret-pass"] : [],
    );
  }
  const hmac = await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  await refusal(withKey(hmac), /private CryptoKey usable to sign/);
  const pss = await crypto.subtle.generateKey(
    {
      name: "RSA-PSS",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-1",
    },
    false,
    ["sign"],
  );
  await refusal(withKey(pss.privateKey), /an RSA-PSS CryptoKey/);
  const rsa256 = await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    false,
    ["sign"],
  );
  await refusal(withKey(rsa256.privateKey), /imported for SHA-256; this signature needs SHA-1/);
  await refusal(withKey(rsa256.publicKey), /private CryptoKey/);
});

Deno.test("dates in the past, reversed windows and invalid IP ranges are refused", async () => {
  const { rsaPkcs1 } = await opensslKeys();
  await refusal(
    withKey(rsaPkcs1, { dateLessThan: Date.now() - 1000 }),
    /dateLessThan is in the past/,
  );
  await refusal(withKey(rsaPkcs1, { dateLessThan: "yesterday-ish" }), /not a date/);
  await refusal(withKey(rsaPkcs1, { dateGreaterThan: LATER + 60_000 }), /not before dateLessThan/);
  for (
    const ip of [
      "192.0.2.0/33",
      "192.0.2/24",
      "192.0.2.256",
      "01.2.3.4",
      "2001:db8::/32",
      "1.2.3.4/24/1",
      "0x7f.0.0.1",
    ]
  ) {
    await refusal(withKey(rsaPkcs1, { ipAddress: ip }), /IPv4 address or CIDR range/);
  }
  const past = JSON.stringify({
    Statement: [{
      Resource: URL_TO_SIGN,
      Condition: { DateLessThan: { "AWS:EpochTime": 1_000_000_000 } },
    }],
  });
  await refusal(
    { keyPairId: "K2JCJMDEHXQW5F", privateKey: rsaPkcs1, policy: past },
    /DateLessThan is in the past/,
  );
});

Deno.test("policies CloudFront cannot read, URLs it cannot take, and mixed options are refused", async () => {
  const { rsaPkcs1 } = await opensslKeys();
  const statement = {
    Resource: URL_TO_SIGN,
    Condition: { DateLessThan: { "AWS:EpochTime": Math.floor(LATER / 1000) } },
  };
  const base = { keyPairId: "K2JCJMDEHXQW5F", privateKey: rsaPkcs1 };
  await refusal({ ...base, policy: "{not json" }, /not JSON/);
  await refusal(
    { ...base, policy: JSON.stringify({ Statement: [statement, statement] }) },
    /exactly one statement/,
  );
  await refusal({
    ...base,
    policy: JSON.stringify({ Statement: [{ Resource: URL_TO_SIGN, Condition: {} }] }),
  }, /DateLessThan/);
  await refusal({
    ...base,
    policy: JSON.stringify({ Statement: [statement] }),
    dateLessThan: LATER,
  }, /either a policy or/);
  await refusal(
    withKey(rsaPkcs1, { url: `${URL_TO_SIGN}?Signature=abc` }),
    /already has a Signature parameter/,
    [],
    [getSignedUrl], // cookies carry the signature apart from the URL
  );
  await refusal(
    withKey(rsaPkcs1, { url: `${URL_TO_SIGN}?a=1&Key-Pair-Id=K1` }),
    /already has a Key-Pair-Id parameter/,
    [],
    [getSignedUrl], // cookies carry the signature apart from the URL
  );
  await refusal(
    withKey(rsaPkcs1, { url: "ftp://d111111abcdef8.cloudfront.net/a" }),
    /http, https, ws, wss or rtmp/,
  );
  await refusal(withKey(rsaPkcs1, { keyPairId: "K2JC/../x" }), /keyPairId/);
  await refusal(withKey(rsaPkcs1, { algorithm: "MD5" }), /"SHA1" or "SHA256"/);
  await refusal(withKey(rsaPkcs1, { url: undefined }), /needs a url or a policy/);
  await refusal(null as unknown as CloudfrontSignInput, /needs options/);
});
