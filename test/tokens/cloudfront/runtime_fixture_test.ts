// The CloudFront answers the runtime matrix pins (test/runtime/scenario_post_policy_cloudfront.ts)
// are @aws-sdk/cloudfront-signer's own for the same key and input, recomputed here in Node, so
// what every runtime is held to comes from the reference, not from iamfetch.
import assert from "node:assert/strict";
import {
  CLOUDFRONT_EXPECTED,
  CLOUDFRONT_TEST_COOKIE_INPUT,
  CLOUDFRONT_TEST_INPUT,
  CLOUDFRONT_TEST_KEY,
} from "../../runtime/scenario_post_policy_cloudfront.ts";
import { referenceAnswers } from "./node_reference.ts";

Deno.test("the runtime matrix's pinned CloudFront URL and cookies are the SDK's", async () => {
  const { privateKey } = CLOUDFRONT_TEST_KEY;
  const [url, cookies] = await referenceAnswers([
    { fn: "url", input: { ...CLOUDFRONT_TEST_INPUT, privateKey } },
    { fn: "cookies", input: { ...CLOUDFRONT_TEST_COOKIE_INPUT, privateKey } },
  ]);
  assert.deepEqual(url, { value: CLOUDFRONT_EXPECTED.url });
  assert.equal(JSON.stringify(cookies), JSON.stringify({ value: CLOUDFRONT_EXPECTED.cookies }));
});
