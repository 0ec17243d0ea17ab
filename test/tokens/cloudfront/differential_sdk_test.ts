// getSignedUrl and getSignedCookies against @aws-sdk/cloudfront-signer (node:crypto, run in
// Node) on random inputs: the same URLs and cookies, byte for byte (RSASSA-PKCS1-v1_5 is
// deterministic), with keys made by openssl in both PEM forms, SHA-1 and SHA-256.
import assert from "node:assert/strict";
import fc from "fast-check";
import { getSignedCookies, getSignedUrl } from "../../../src/tokens/mod.ts";
import { arbitrarySigningCase, type SigningCase } from "./arbitrary_signing.ts";
import { opensslKeys } from "./openssl_keys.ts";
import { referenceAnswers, type ReferenceCall } from "./node_reference.ts";

const RUNS = Number(Deno.env.get("CLOUDFRONT_DIFF_RUNS") ?? 400);

Deno.test(`getSignedUrl and getSignedCookies equal @aws-sdk/cloudfront-signer's (${RUNS} random inputs each)`, async () => {
  const keys = await opensslKeys();
  const cases = fc.sample(
    fc.tuple(
      arbitrarySigningCase,
      fc.constantFrom(keys.rsaPkcs1, keys.rsaPkcs8),
      fc.stringMatching(/^K[A-Z0-9]{13}$/),
    ),
    { numRuns: RUNS, seed: Number(Deno.env.get("CLOUDFRONT_DIFF_SEED") ?? Date.now()) },
  ).map(([input, privateKey, keyPairId]) => ({ ...input, privateKey, keyPairId }));
  const calls: ReferenceCall[] = cases.flatMap((input) => [
    { fn: "url", input },
    { fn: "cookies", input },
  ]);
  const answers = await referenceAnswers(calls);
  let compared = 0;
  for (const [index, call] of calls.entries()) {
    const expected = answers[index];
    const input = call.input as SigningCase & { privateKey: string; keyPairId: string };
    const actual =
      await (call.fn === "url" ? getSignedUrl(input as never) : getSignedCookies(input as never));
    assert.ok(
      "value" in expected,
      `the SDK threw "${(expected as { error: string }).error}" for ${
        JSON.stringify({ ...input, privateKey: "…" })
      }`,
    );
    assert.equal(
      JSON.stringify(actual),
      JSON.stringify(expected.value),
      `${call.fn} of ${JSON.stringify({ ...input, privateKey: "…" })}`,
    );
    compared++;
  }
  assert.equal(compared, 2 * RUNS);
});
