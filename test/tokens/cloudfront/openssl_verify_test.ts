// The signatures verify with openssl's own RSA and ECDSA code against the public key, over
// the policy CloudFront reconstructs (canned: from the URL and Expires) or receives (custom):
// RSA 2048 keys as PKCS#1 and PKCS#8, EC P-256 keys as SEC 1 and PKCS#8, SHA-1 and SHA-256.
import assert from "node:assert/strict";
import { getSignedCookies, getSignedUrl } from "../../../src/tokens/mod.ts";
import { openssl, type OpensslKeys, opensslKeys } from "./openssl_keys.ts";

const URL_TO_SIGN =
  "https://d111111abcdef8.cloudfront.net/private/r%C3%A9port 1.pdf?color=red&size=medium";
const LATER = Date.now() + 3_600_000;

/** CloudFront's URL-safe base64 back to bytes. */
function unsafe(text: string): Uint8Array {
  const standard = text.replace(/-/g, "+").replace(/_/g, "=").replace(/~/g, "/");
  return Uint8Array.from(atob(standard), (c) => c.charCodeAt(0));
}

/** Whether openssl verifies `signature` over `policy` with `publicKey` and `hash`. */
async function opensslVerifies(
  publicKey: string,
  hash: "sha1" | "sha256",
  policy: string,
  signature: Uint8Array,
) {
  const dir = await Deno.makeTempDir({ prefix: "iamfetch-cloudfront-verify-" });
  try {
    await Deno.writeTextFile(`${dir}/public.pem`, publicKey);
    await Deno.writeFile(`${dir}/signature.bin`, signature);
    await Deno.writeTextFile(`${dir}/policy.json`, policy);
    const out = await openssl(dir, [
      "dgst",
      `-${hash}`,
      "-verify",
      "public.pem",
      "-signature",
      "signature.bin",
      "policy.json",
    ]).catch((error: Error) => new TextEncoder().encode(error.message));
    return new TextDecoder().decode(out).trim() === "Verified OK";
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function keyForms(keys: OpensslKeys) {
  return [
    { name: "RSA PKCS#1", privateKey: keys.rsaPkcs1, publicKey: keys.rsaPublic },
    { name: "RSA PKCS#8", privateKey: keys.rsaPkcs8, publicKey: keys.rsaPublic },
    { name: "EC P-256 SEC 1", privateKey: keys.ecSec1, publicKey: keys.ecPublic },
    { name: "EC P-256 PKCS#8", privateKey: keys.ecPkcs8, publicKey: keys.ecPublic },
  ];
}

Deno.test("canned-policy URLs verify with openssl, for each key form and hash", async () => {
  const keys = await opensslKeys();
  for (const { name, privateKey, publicKey } of keyForms(keys)) {
    for (const algorithm of ["SHA1", "SHA256"] as const) {
      const signed = await getSignedUrl({
        url: URL_TO_SIGN,
        keyPairId: "K2JCJMDEHXQW5F",
        privateKey,
        dateLessThan: LATER,
        algorithm,
      });
      const [base, query] = [
        signed.slice(0, signed.indexOf("&Expires=")),
        new URL(signed).searchParams,
      ];
      assert.equal(
        base,
        "https://d111111abcdef8.cloudfront.net/private/r%C3%A9port%201.pdf?color=red&size=medium",
      );
      const expires = query.get("Expires")!;
      // What CloudFront rebuilds from a canned-policy URL before it checks the signature.
      const policy =
        `{"Statement":[{"Resource":"${base}","Condition":{"DateLessThan":{"AWS:EpochTime":${expires}}}}]}`;
      assert.equal(query.get("Hash-Algorithm"), algorithm === "SHA256" ? "SHA256" : null);
      const hash = algorithm === "SHA256" ? "sha256" : "sha1";
      assert.ok(
        await opensslVerifies(publicKey, hash, policy, unsafe(query.get("Signature")!)),
        `${name} ${algorithm}`,
      );
      assert.ok(
        !await opensslVerifies(
          publicKey,
          hash,
          policy.replace(expires, String(+expires + 1)),
          unsafe(query.get("Signature")!),
        ),
        "a changed Expires still verified",
      );
    }
  }
});

Deno.test("custom-policy cookies verify with openssl over the policy they carry", async () => {
  const keys = await opensslKeys();
  for (const { name, privateKey, publicKey } of keyForms(keys)) {
    const cookies = await getSignedCookies({
      url: "https://d111111abcdef8.cloudfront.net/videos/*",
      keyPairId: "K2JCJMDEHXQW5F",
      privateKey,
      dateLessThan: new Date(LATER),
      dateGreaterThan: new Date(LATER - 7_200_000),
      ipAddress: "192.0.2.0/24",
    });
    const policy = new TextDecoder().decode(unsafe(cookies["CloudFront-Policy"]!));
    assert.deepEqual(JSON.parse(policy).Statement[0].Condition.IpAddress, {
      "AWS:SourceIp": "192.0.2.0/24",
    });
    assert.equal(
      JSON.parse(policy).Statement[0].Resource,
      "https://d111111abcdef8.cloudfront.net/videos/*",
    );
    assert.equal(cookies["CloudFront-Expires"], undefined);
    assert.ok(
      await opensslVerifies(publicKey, "sha1", policy, unsafe(cookies["CloudFront-Signature"])),
      name,
    );
  }
});
