import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import {
  hmacSha256,
  keyedHmacSha256,
  sha256,
  sha256Hex,
  sha256HexOfBody,
} from "../../src/_shared/hash/sha256.ts";
import { SHA256_IV, SHA256_K } from "../../src/_shared/hash/sha256_blocks.ts";

// FIPS 180-4 §4.2.2 and §5.3.3, as printed in the standard.
// deno-fmt-ignore
const STANDARD_K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];
// deno-fmt-ignore
const STANDARD_IV = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

Deno.test("the computed initial value is the standard's", () => {
  assert.deepEqual([...SHA256_IV].map((word) => word >>> 0), STANDARD_IV);
});

Deno.test("the computed round constants are the standard's", () => {
  assert.deepEqual([...SHA256_K].map((word) => word >>> 0), STANDARD_K);
});

Deno.test("sha256Hex matches the FIPS 180-2 examples", () => {
  assert.equal(
    sha256Hex("abc"),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  assert.equal(
    sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  );
  assert.equal(
    sha256Hex("a".repeat(1_000_000)),
    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
  );
});

Deno.test("sha256 and sha256Hex agree with node:crypto at every length around block edges", () => {
  for (let length = 0; length <= 300; length++) {
    const bytes = Uint8Array.from({ length }, (_, i) => (i * 151 + length) & 0xff);
    const text = Array.from({ length }, (_, i) => String.fromCharCode(32 + ((i * 7 + length) % 95)))
      .join("");
    assert.equal(sha256Hex(bytes), createHash("sha256").update(bytes).digest("hex"), `${length}`);
    assert.deepEqual(sha256(bytes), new Uint8Array(createHash("sha256").update(bytes).digest()));
    assert.equal(sha256Hex(text), createHash("sha256").update(text).digest("hex"), `${length}`);
  }
});

Deno.test("sha256Hex hashes the UTF-8 of non-ASCII text wherever it appears", () => {
  for (const text of ["é", "a".repeat(63) + "é", "ü" + "a".repeat(200), "x".repeat(130) + "😀"]) {
    assert.equal(sha256Hex(text), createHash("sha256").update(text, "utf8").digest("hex"));
  }
});

Deno.test("sha256HexOfBody agrees below and above the WebCrypto threshold", async () => {
  for (const length of [0, 100, 4095, 4096, 70_000]) {
    const bytes = Uint8Array.from({ length }, (_, i) => i & 0xff);
    assert.equal(await sha256HexOfBody(bytes), createHash("sha256").update(bytes).digest("hex"));
  }
});

Deno.test("HMAC-SHA256 matches node:crypto for short, block-sized and long keys and messages", () => {
  for (const keyLength of [0, 20, 32, 64, 65, 100]) {
    const key = Uint8Array.from({ length: keyLength }, (_, i) => (i * 13) & 0xff);
    const keyed = keyedHmacSha256(key);
    for (const message of ["", "aws4_request", "x".repeat(55), "y".repeat(64), "é€".repeat(40)]) {
      const expected = createHmac("sha256", key).update(message).digest("hex");
      assert.equal(keyed.hex(message), expected);
      assert.equal(
        [...hmacSha256(key, message)].map((b) => b.toString(16).padStart(2, "0")).join(""),
        expected,
      );
    }
  }
});
