// README.md "CloudFront signed URLs and cookies": the example runs as written with a key made by
// openssl, and what it prints verifies with the public key.
import assert from "node:assert/strict";
import { runReadmeBlock } from "../../docs/readme_run.ts";
import { readmeSectionBlock } from "../../sigv4/post_policy/readme_section.ts";
import { opensslKeys } from "./openssl_keys.ts";
import { cloudFrontBase64Decode, cloudFrontSignatureVerifies } from "./signature_check.ts";

Deno.test("README: the CloudFront example signs a URL and cookies that verify", async () => {
  const keys = await opensslKeys();
  const file = await Deno.makeTempFile({ suffix: ".pem" });
  try {
    await Deno.writeTextFile(file, keys.rsaPkcs1);
    const out = await runReadmeBlock(
      await readmeSectionBlock("### CloudFront signed URLs and cookies", 0),
      {
        '"./cloudfront_private_key.pem"': JSON.stringify(file),
      },
    );
    assert.equal(out.length, 4);
    const url = new URL(out[0]);
    const resource = out[0].slice(0, out[0].indexOf("?"));
    const canned =
      `{"Statement":[{"Resource":"${resource}","Condition":{"DateLessThan":{"AWS:EpochTime":${
        url.searchParams.get("Expires")
      }}}}]}`;
    assert.ok(
      await cloudFrontSignatureVerifies(
        keys.rsaPublic,
        url.searchParams.get("Signature")!,
        new TextEncoder().encode(canned),
      ),
    );
    const cookies = Object.fromEntries(
      out.slice(1).map((line) =>
        line.slice("Set-Cookie: ".length).split(";")[0].split(/=(.*)/s).slice(0, 2)
      ),
    );
    assert.deepEqual(Object.keys(cookies), [
      "CloudFront-Key-Pair-Id",
      "CloudFront-Signature",
      "CloudFront-Policy",
    ]);
    const policy = cloudFrontBase64Decode(cookies["CloudFront-Policy"]);
    assert.equal(
      JSON.parse(new TextDecoder().decode(policy)).Statement[0].Condition.IpAddress["AWS:SourceIp"],
      "192.0.2.0/24",
    );
    assert.ok(
      await cloudFrontSignatureVerifies(keys.rsaPublic, cookies["CloudFront-Signature"], policy),
    );
  } finally {
    await Deno.remove(file);
  }
});
