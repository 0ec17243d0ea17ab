/**
 * The runtime matrix's checks of S3 POST policies and CloudFront signing, run unchanged in
 * Deno, workerd, Chromium, Node and Bun (hooked into `scenario.ts`): a `presignPost` form
 * uploaded to the emulator (whose POST Object route checks the policy on its own) and read
 * back with a signed GET, `verifyPostPolicy` on the same form and on a tampered one; a
 * CloudFront URL and cookies equal to what `@aws-sdk/cloudfront-signer` produced for the same
 * input (pinned below, and checked against the SDK by
 * `test/tokens/cloudfront/runtime_fixture_test.ts`), verified with the runtime's WebCrypto.
 *
 * @module
 */
import {
  getSignedCookies,
  getSignedUrl,
  presignPost,
  SigV4Signer,
  verifyPostPolicy,
} from "../../mod.ts";
import type { ScenarioInput } from "./scenario.ts";
import {
  cloudFrontBase64Decode,
  cloudFrontSignatureVerifies,
} from "../tokens/cloudfront/signature_check.ts";

/** The names of this module's checks, in the order they run. */
export const POST_POLICY_CLOUDFRONT_CHECK_NAMES: readonly string[] = [
  "S3 POST policy: a presignPost form uploads to the emulator and reads back; verifyPostPolicy takes it and refuses a changed key",
  "CloudFront: getSignedUrl and getSignedCookies equal @aws-sdk/cloudfront-signer's and verify with WebCrypto",
];

/** A throwaway RSA 2048 key made with openssl for these tests (PKCS#1), and its public key. */
export const CLOUDFRONT_TEST_KEY: { privateKey: string; publicKey: string } = {
  privateKey: [
    "-----BEGIN RSA PRIVATE KEY-----",
    "MIIEpAIBAAKCAQEAqxqvWEusg/XQXpQolrzDwM21Jox4gtmvhmYJ+9Ymv8xFxLr9",
    "YGNbcNfRLb/t2COpTig0qFfHPa5DGbmPslMYcMt6R2Oc4KWtDg/aSP/yldmZwU9F",
    "eW2IdbXiPNeKUFzmnRhLTFZhTBA2KUjquwrITf5AqkPrGRMkV7zTdyRrmC5gkAl2",
    "FkdeFGHSJzmh6ON2m9TwAtmgM4TkrXiwRMPr+yaRoIGOjlmFcwnr1jWwC0YJ7WVV",
    "F5/+mTQk4fcrOMchVwywB7/5NCNL0kzI3TU3EC6CFH8qw8Twhrnlc30Af76qvuFW",
    "IqJsLg0YO5M0gJ9Guy2wstibeO1uifVJIrCRvwIDAQABAoIBAEisoOVj3vZ9pe9G",
    "BqdfrdVqihLBfz40r7TqCjuJDhRQ8yFIOu6BxQj84cAI0UEIhJTJxvPptJqiNaXr",
    "hvk7Chp+koVX7f4M4KAkY5a1/5deQUw2G1AkEd3NTzaAZiMUEm+PLgxSdCkWiaqn",
    "aevf/IwD/ftTtbuEwd7yOO9V7M1J0oB3oO5mJdBT1mdVLoqElbHDzx/muFNXCnDX",
    "M+IpWzphVzcRP4zrhl+T0iOvjxopmtor4YX3VI116iFSe89w2nbvPUL6QF5BZkmf",
    "rWH8dwtOa8AodhRMPeDBenN0udHjEp5y7KpvPS546u1LbE8nRzvoASbAWuQr+ZdS",
    "OTBBAgECgYEA6zx2ONC20U9zkWiW9JT29cFbuf8QsQK8WiRp89aMy34nmBmZYdcI",
    "Sp7k9EGbkHYqfgCSltNPqfqv6gJKX7Mx0if9sgQsjqNzVoUtax2Q35xhgnH6YnMj",
    "Wen6fWVZqBa1ROwbXdQ4U8I7rF65742id+kvH643tlmOcjswI4GJDEECgYEAujUP",
    "KVnz+59IUaMyPTRCJCplx4J2RahYurowksZ0qJopq2y13OfGLozUyuz8PsMMRUva",
    "/H5INtnxAzjgp3P0ymKU0jeY1HhRcps9ZLkKRMRG60SZi+dmOyahgYo6U09HFa/+",
    "2cK8R+W15FHFy1hEAV972liGil1LNv1AhopKHf8CgYEA2V5KZB/A/1MqmHAMJb/N",
    "ILRm3U0rkFXV1HoXieF0wsk1LyBgkn9QQxvmtyo05N28UCiZTFPBJnHmwhcRwLLm",
    "U6rui+O9hKTW/Fkd6gAtEeQAWriVxQld3kUOWXcgzOkG4cRHWYGz9vnhiFsT959q",
    "ROGt0Nl807yXm0jEJ9sX18ECgYBkVsEjxEAv/+Xlb+5bgrR9bodH2epHoO6nODuC",
    "bARi8iewIzVgo1hsryDfdJJ8c3hCQxzu4FGjlQ9FcDnGojpvcG3HVYQ6QdeJzVNo",
    "2jlJUwbwMhgXhorVJvzyo/zH9blVW3AWAdSZXZQFQ3c1GwwSPVStFPTyzFECgbdq",
    "iExmGwKBgQCUVGMNRffRhGt+KdTzfiILYQcvBPkXyLf9wZ5cnGg9aTRya9CoKCVU",
    "B13lMyYdmGrudoOtTljhveDN5VZQll5HFKtcTJ5liNaiPnuIMKHX8QxWt8hw9vEz",
    "fVMynE/IuLs72g5y5M1Dwn9npRqqx5JTEPMeZ+KF72rBT3hHQOQuZA==",
    "-----END RSA PRIVATE KEY-----",
  ].join("\n"),
  publicKey: [
    "-----BEGIN PUBLIC KEY-----",
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAqxqvWEusg/XQXpQolrzD",
    "wM21Jox4gtmvhmYJ+9Ymv8xFxLr9YGNbcNfRLb/t2COpTig0qFfHPa5DGbmPslMY",
    "cMt6R2Oc4KWtDg/aSP/yldmZwU9FeW2IdbXiPNeKUFzmnRhLTFZhTBA2KUjquwrI",
    "Tf5AqkPrGRMkV7zTdyRrmC5gkAl2FkdeFGHSJzmh6ON2m9TwAtmgM4TkrXiwRMPr",
    "+yaRoIGOjlmFcwnr1jWwC0YJ7WVVF5/+mTQk4fcrOMchVwywB7/5NCNL0kzI3TU3",
    "EC6CFH8qw8Twhrnlc30Af76qvuFWIqJsLg0YO5M0gJ9Guy2wstibeO1uifVJIrCR",
    "vwIDAQAB",
    "-----END PUBLIC KEY-----",
  ].join("\n"),
};

/** The URL signed in every runtime (canned policy); its `dateLessThan` is far ahead. */
export const CLOUDFRONT_TEST_INPUT = {
  url: "https://d111111abcdef8.cloudfront.net/private/r\u00e9port 2026.pdf?size=medium&tag=a+b",
  keyPairId: "K2JCJMDEHXQW5F",
  dateLessThan: "2099-01-01T00:00:00Z",
};

/** The cookies' input: a custom policy with a start date and an IP range. */
export const CLOUDFRONT_TEST_COOKIE_INPUT = {
  ...CLOUDFRONT_TEST_INPUT,
  dateGreaterThan: "2026-01-01T00:00:00Z",
  ipAddress: "192.0.2.0/24",
};

/** What `@aws-sdk/cloudfront-signer` answered for the two inputs above. */
export const CLOUDFRONT_EXPECTED = {
  url:
    "https://d111111abcdef8.cloudfront.net/private/r%C3%A9port%202026.pdf?size=medium&tag=a+b&Expires=4070908800&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=qSHLQTaLtboQ4qqP4DjyaItwNVPEMYrKpTy-6y9Z2gU9D1siLhWIaTT1twzTPyz8xXl9-XxqnUf9kublk~LDJFbnQdNWvQfZz1h2lxbKY-RSgFi9MZ9Iqcy~bMoF5quNuC89MTyJGd~uNTn8sMR~pm7TILZs4Sq4JVDuxuklXg2lG0qRmepeBJt2qp0hcRj-cFekdyMjQ7EzyvlMqxHtnaD-Pg~qoKReExJLaIGWQzV15wPQOmhxYKGIlHf6SS1OvDUTxVFwWEi4CtdytPvoH1PONzGPoHSaNwGyDVNlvqi4IVlR1IG-5uZiaT1PMmfIwQQvnmSIKn8Zj6dVCiHQAQ__",
  cookies: {
    "CloudFront-Key-Pair-Id": "K2JCJMDEHXQW5F",
    "CloudFront-Signature":
      "BRHPdijvqNYcXD8m15JO4h62rZ5M3tEy6MxOo9yQcvaRkzkhP-7qkBjUnQdj01mHJfSAnJTylc0ytEmBFvRp5hAUNqVwDfXLMOVOYUq2JlVItCvcFpjQcbkSj-WrcBRi090MArFuClaODPdcaXwUyaJl5L1jhvyHYt2hQCzzTrWsCuj~EHJjqzE1xegWDM9LLfc16iebbEm0kqMprpIA4HleOp9QQbcDL8cyft2wV6Jy-mrDrkWpl4KvHOZbk2NesSxmTF~faEoxtq~~Ov9APKV5KprwBx5GghXUrIs1ACA1U46poOoSd8iIznIY6pGPyXf3tQczN6qmEUF3KqePqw__",
    "CloudFront-Policy":
      "eyJTdGF0ZW1lbnQiOlt7IlJlc291cmNlIjoiaHR0cHM6Ly9kMTExMTExYWJjZGVmOC5jbG91ZGZyb250Lm5ldC9wcml2YXRlL3LDqXBvcnQgMjAyNi5wZGY~c2l6ZT1tZWRpdW0mdGFnPWErYiIsIkNvbmRpdGlvbiI6eyJEYXRlTGVzc1RoYW4iOnsiQVdTOkVwb2NoVGltZSI6NDA3MDkwODgwMH0sIkRhdGVHcmVhdGVyVGhhbiI6eyJBV1M6RXBvY2hUaW1lIjoxNzY3MjI1NjAwfSwiSXBBZGRyZXNzIjp7IkFXUzpTb3VyY2VJcCI6IjE5Mi4wLjIuMC8yNCJ9fX1dfQ__",
  },
};

type Step = [name: string, run: () => Promise<string | undefined>];

/** This module's checks against the emulator at `input.endpoint`, for `scenario.ts` to run. */
export function postPolicyCloudFrontSteps(input: ScenarioInput): Step[] {
  return [
    [POST_POLICY_CLOUDFRONT_CHECK_NAMES[0], () => postPolicyRoundTrip(input)],
    [POST_POLICY_CLOUDFRONT_CHECK_NAMES[1], () => cloudFrontSigning()],
  ];
}

async function postPolicyRoundTrip({ endpoint, credentials }: ScenarioInput) {
  const content = "uploaded with a POST policy \u2713";
  const { url, fields } = await presignPost({
    bucket: "matrix",
    key: "forms/${filename}",
    conditions: [["content-length-range", 1, 1024]],
    fields: { "Content-Type": "text/plain", success_action_status: "201" },
    credentials,
    region: "us-east-1",
    endpoint: `${endpoint}/s3`,
  });
  const form = (key: string) => {
    const data = new FormData();
    for (const [name, value] of Object.entries({ ...fields, key })) data.append(name, value);
    data.append("file", new File([content], "note.txt", { type: "text/plain" }));
    return data;
  };
  const posted = await fetch(url, { method: "POST", body: form(fields.key) });
  const answer = await posted.text();
  if (posted.status !== 201 || !answer.includes("<Key>forms/note.txt</Key>")) {
    return `the emulator answered the form ${posted.status}: ${answer}`;
  }
  const s3 = new SigV4Signer({ credentials, region: "us-east-1", service: "s3" });
  const read = await fetch(await s3.sign(new Request(`${endpoint}/s3/matrix/forms/note.txt`)));
  const body = await read.text();
  if (read.status !== 200 || body !== content) return `read back ${read.status}: ${body}`;
  const options = {
    secretFor: (id: string) =>
      id === credentials.accessKeyId ? credentials.secretAccessKey : undefined,
    bucket: "matrix",
  };
  const verified = await verifyPostPolicy(form(fields.key), options);
  if (!verified.ok || verified.key !== "forms/note.txt") {
    return `verifyPostPolicy: ${JSON.stringify(verified)}`;
  }
  const tampered = await verifyPostPolicy(form("elsewhere/${filename}"), options);
  return tampered.ok || tampered.code !== "AccessDenied"
    ? `a changed key: ${tampered.ok ? "accepted" : tampered.code}`
    : undefined;
}

async function cloudFrontSigning() {
  const signedUrl = await getSignedUrl({ ...CLOUDFRONT_TEST_INPUT, ...CLOUDFRONT_TEST_KEY });
  if (signedUrl !== CLOUDFRONT_EXPECTED.url) return `getSignedUrl answered ${signedUrl}`;
  const cookies = await getSignedCookies({
    ...CLOUDFRONT_TEST_COOKIE_INPUT,
    ...CLOUDFRONT_TEST_KEY,
  });
  if (JSON.stringify(cookies) !== JSON.stringify(CLOUDFRONT_EXPECTED.cookies)) {
    return `getSignedCookies answered ${JSON.stringify(cookies)}`;
  }
  // The signature checked here too, with the public key, by the runtime's own WebCrypto.
  const valid = await cloudFrontSignatureVerifies(
    CLOUDFRONT_TEST_KEY.publicKey,
    cookies["CloudFront-Signature"],
    cloudFrontBase64Decode(cookies["CloudFront-Policy"]!),
  );
  return valid ? undefined : "the cookie's signature does not verify with the public key";
}
