// The ElastiCache token is the presigned URL AWS's ElastiCache IAM example builds; checked
// against a recomputation with @smithy/signature-v4 (the AWS SDK v3 signer) and against
// iamfetch's own verifier.
import assert from "node:assert/strict";
import fc from "fast-check";
import { SigningInputError, verifySignature } from "../../src/sigv4/mod.ts";
import { elastiCacheAuthToken } from "../../src/tokens/mod.ts";
import { arbitraryKeys, arbitrarySigningSecond } from "./arbitrary_keys.ts";
import { smithyPresignedQuery } from "./smithy_presign.ts";

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };

interface Case {
  userId: string;
  cache: string;
  region: string;
  serverless: boolean;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  date: Date;
  expiresIn: number;
}

function smithyQuery(c: Case): Promise<Record<string, string>> {
  const query: Record<string, string> = { Action: "connect", User: c.userId };
  if (c.serverless) query.ResourceType = "ServerlessCache";
  return smithyPresignedQuery({
    credentials: c.credentials,
    region: c.region,
    service: "elasticache",
    protocol: "http:",
    host: c.cache.toLowerCase(),
    query,
    date: c.date,
    expiresIn: c.expiresIn,
  });
}

const testCase: fc.Arbitrary<Case> = fc.record({
  userId: fc.string({ minLength: 1, maxLength: 40, unit: "grapheme" }),
  cache: fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,39}$/),
  region: fc.constantFrom("us-east-1", "eu-west-1", "ap-northeast-1", "us-gov-west-1"),
  serverless: fc.boolean(),
  credentials: arbitraryKeys(/^[\x20-\x7e]{1,100}$/),
  date: arbitrarySigningSecond,
  expiresIn: fc.integer({ min: 1, max: 900 }),
});

Deno.test("ElastiCache token equals @smithy/signature-v4's presign on 200 random inputs and verifies", async () => {
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(testCase, async (c) => {
      const token = await elastiCacheAuthToken({
        userId: c.userId,
        ...(c.serverless ? { cacheName: c.cache } : { replicationGroupId: c.cache }),
        region: c.region,
        credentials: c.credentials,
        serverless: c.serverless,
        date: c.date,
        expiresIn: c.expiresIn,
      });
      assert.ok(!token.startsWith("http"));
      assert.ok(token.startsWith(c.cache.toLowerCase() + "/?Action=connect&User="));
      const url = new URL("http://" + token);
      assert.deepEqual(Object.fromEntries(url.searchParams), await smithyQuery(c));
      const verified = await verifySignature(new Request(url), {
        secretFor: (
          id,
        ) => (id === c.credentials.accessKeyId ? c.credentials.secretAccessKey : undefined),
        now: c.date,
        service: "elasticache",
        region: c.region,
      });
      assert.equal(verified.ok, true);
      runs++;
    }),
    { numRuns: 200 },
  );
  assert.equal(runs, 200);
});

Deno.test("ElastiCache token has AWS's documented shape", async () => {
  const token = await elastiCacheAuthToken({
    userId: "iam-user-01",
    cacheName: "my-serverless",
    serverless: true,
    region: "us-east-1",
    credentials: { ...credentials, sessionToken: "TOKEN" },
    date: new Date("2024-01-02T03:04:05Z"),
  });
  assert.match(
    token,
    /^my-serverless\/\?Action=connect&User=iam-user-01&ResourceType=ServerlessCache&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20240102%2Fus-east-1%2Felasticache%2Faws4_request&X-Amz-Date=20240102T030405Z&X-Amz-Expires=900&X-Amz-Security-Token=TOKEN&X-Amz-SignedHeaders=host&X-Amz-Signature=[0-9a-f]{64}$/,
  );
});

Deno.test("ElastiCache token rejects bad names, both names, and expiresIn over 900", async () => {
  const base = { userId: "u", region: "us-east-1", credentials };
  await assert.rejects(elastiCacheAuthToken({ ...base }), SigningInputError);
  await assert.rejects(elastiCacheAuthToken({ ...base, cacheName: "a/b" }), SigningInputError);
  await assert.rejects(elastiCacheAuthToken({ ...base, cacheName: "0" }), SigningInputError);
  await assert.rejects(
    elastiCacheAuthToken({ ...base, cacheName: "a", replicationGroupId: "b" }),
    SigningInputError,
  );
  await assert.rejects(
    elastiCacheAuthToken({ ...base, userId: "", cacheName: "a" }),
    SigningInputError,
  );
  await assert.rejects(
    elastiCacheAuthToken({ ...base, cacheName: "a", expiresIn: 901 }),
    RangeError,
  );
  await assert.rejects(
    elastiCacheAuthToken({ ...base, cacheName: "a", region: "US East" }),
    SigningInputError,
  );
});
