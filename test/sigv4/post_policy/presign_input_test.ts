// presignPost refuses, with a PostPolicyError naming the option, every policy S3 would
// refuse or no upload could meet — before any credential is asked for.
import assert from "node:assert/strict";
import { PostPolicyError, presignPost, type PresignPostOptions } from "../../../src/sigv4/mod.ts";

const BASE: PresignPostOptions = {
  bucket: "uploads",
  key: "notes.txt",
  credentials: () => Promise.reject(new Error("credentials must not be asked for")),
  region: "eu-west-1",
};

const CASES: [string, Partial<PresignPostOptions> | Record<string, unknown>, RegExp][] = [
  [
    "content-length-range min > max",
    { conditions: [["content-length-range", 10, 5]] },
    /minimum above its maximum/,
  ],
  [
    "a negative content-length-range",
    { conditions: [["content-length-range", -1, 5]] },
    /negative minimum/,
  ],
  ["a fractional bound", { conditions: [["content-length-range", 0, 1.5]] }, /whole numbers/],
  ["an unknown operator", { conditions: [["in", "$acl", "private"]] }, /unknown operator/],
  ["eq with two elements", { conditions: [["eq", "$acl"]] }, /must have 3 elements/],
  ["a field without its $", { conditions: [["starts-with", "key", "user/"]] }, /leading '\$'/],
  [
    "a simple condition with two properties",
    { conditions: [{ acl: "private", key: "a" }] },
    /exactly one property/,
  ],
  ["an empty simple condition", { conditions: [{}] }, /exactly one property/],
  [
    "a simple condition with a number",
    { conditions: [{ "Content-Length": 5 }] },
    /must be a string/,
  ],
  ["a condition that is a string", { conditions: ["acl"] }, /object or an array/],
  ["expiresIn 0", { expiresIn: 0 }, /from 1 to 604800/],
  ["expiresIn over 7 days", { expiresIn: 604_801 }, /7 days/],
  ["a fractional expiresIn", { expiresIn: 1.5 }, /whole number/],
  ["an empty bucket", { bucket: "" }, /non-empty bucket name/],
  ["a bucket with a slash", { bucket: "a/b" }, /bucket name/],
  ["a bucket ARN", { bucket: "arn:aws:s3:eu-west-1:123456789012:accesspoint/ap" }, /ARN/],
  ["a directory bucket", { bucket: "logs--euw1-az1--x-s3" }, /directory bucket/],
  ["an empty key", { key: "" }, /1 to 1024 bytes/],
  ["a key over 1024 bytes", { key: "é".repeat(513) }, /1 to 1024 bytes/],
  ["a key with a lone surrogate", { key: "a\ud800b" }, /lone UTF-16 surrogate/],
  [
    "a field presignPost sets",
    { fields: { "x-amz-date": "20260101T000000Z" } },
    /set by presignPost/,
  ],
  ["a key field", { fields: { Key: "other.txt" } }, /set by presignPost/],
  ["a field value that is not a string", { fields: { acl: 1 } }, /must be a string/],
  ["a region that is not one", { region: "EU (Ireland)" }, /region/],
  ["a pseudo region", { region: "aws-global" }, /not a signing region/],
  ["an endpoint with a query", { endpoint: "https://minio.example.com/?x=1" }, /query/],
  ["an ftp endpoint", { endpoint: "ftp://minio.example.com/" }, /http or https/],
  ["dual-stack with an endpoint", {
    endpoint: "https://minio.example.com",
    useDualstackEndpoint: true,
  }, /custom endpoint/],
  [
    "Accelerate with a dotted bucket",
    { bucket: "my.bucket", useAccelerateEndpoint: true },
    /Path-style/,
  ],
  ["Accelerate in China", { region: "cn-north-1", useAccelerateEndpoint: true }, /Accelerate/],
];

for (const [name, change, message] of CASES) {
  Deno.test(`presignPost refuses ${name}`, async () => {
    const error = await presignPost({ ...BASE, ...change } as PresignPostOptions).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof PostPolicyError, `expected a PostPolicyError, got ${error}`);
    assert.match(error.message, message);
  });
}

Deno.test("presignPost's errors never carry the secret key or session token", async () => {
  const credentials = {
    accessKeyId: "AKIDEXAMPLE",
    secretAccessKey: "do-not-print-this-secret",
    sessionToken: "do-not-print-this-token",
  };
  const error = await presignPost({ ...BASE, credentials, expiresIn: -1 }).catch((e) => e);
  const rendered = [error.message, error.stack, String(error), JSON.stringify(error)].join("\n");
  assert.ok(!rendered.includes("do-not-print"), rendered);
});

Deno.test("presignPost takes a credential provider, as SigV4Signer does, and types its failure", async () => {
  const keys = { accessKeyId: "AKIDPROVIDED", secretAccessKey: "secret", sessionToken: "token" };
  const { fields } = await presignPost({ ...BASE, credentials: () => Promise.resolve(keys) });
  assert.match(fields["X-Amz-Credential"], /^AKIDPROVIDED\//);
  assert.equal(fields["X-Amz-Security-Token"], "token");
  const expired = { ...keys, expiration: new Date(Date.now() - 1000) };
  const error = await presignPost({ ...BASE, credentials: expired }).catch((e) => e);
  assert.equal(error.name, "CredentialsError");
});
