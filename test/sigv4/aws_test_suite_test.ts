// Known answers from AWS's Signature Version 4 test suite (service "service",
// us-east-1, 2015-08-30T12:36:00Z) and from the worked examples of the S3 API reference.
// The suite's get-utf8 case is left out: its request line carries a raw UTF-8 path, which
// no fetch client sends (a URL's path is always percent-encoded, and the encoded path is
// what gets double-encoded); the differential tests cover non-ASCII paths against smithy.
import assert from "node:assert/strict";
import { SigV4Signer } from "../../src/sigv4/mod.ts";

const suiteCredentials = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};
const suiteDate = new Date("2015-08-30T12:36:00Z");

interface SuiteCase {
  name: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  sessionToken?: string;
  signedHeaders: string;
  signature: string;
}

const SUITE: SuiteCase[] = [
  {
    name: "get-vanilla",
    method: "GET",
    url: "https://example.amazonaws.com/",
    signedHeaders: "host;x-amz-date",
    signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
  },
  {
    name: "get-header-value-trim",
    method: "GET",
    url: "https://example.amazonaws.com/",
    headers: { "My-Header1": " value1", "My-Header2": ' "a   b   c"' },
    signedHeaders: "host;my-header1;my-header2;x-amz-date",
    signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736",
  },
  {
    name: "get-header-value-order",
    method: "GET",
    url: "https://example.amazonaws.com/",
    headers: { "My-Header1": "value4,value1,value3,value2" },
    signedHeaders: "host;my-header1;x-amz-date",
    signature: "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01",
  },
  {
    name: "get-unreserved",
    method: "GET",
    url:
      "https://example.amazonaws.com/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    signedHeaders: "host;x-amz-date",
    signature: "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f",
  },
  {
    name: "get-vanilla-query-order-key-case",
    method: "GET",
    url: "https://example.amazonaws.com/?Param2=value2&Param1=value1",
    signedHeaders: "host;x-amz-date",
    signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
  },
  {
    name: "get-vanilla-query-unreserved",
    method: "GET",
    url:
      "https://example.amazonaws.com/?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    signedHeaders: "host;x-amz-date",
    signature: "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197",
  },
  {
    name: "get-vanilla-utf8-query",
    method: "GET",
    url: "https://example.amazonaws.com/?ሴ=bar",
    signedHeaders: "host;x-amz-date",
    signature: "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04",
  },
  {
    name: "post-vanilla",
    method: "POST",
    url: "https://example.amazonaws.com/",
    signedHeaders: "host;x-amz-date",
    signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
  },
  {
    name: "post-vanilla-query-nonunreserved",
    method: "POST",
    url:
      "https://example.amazonaws.com/?%40%23%24%25%5E=&%2B=%2F%2C%3F%3E%3C%60%22%3B%3A%5C%7C%5D%5B%7B%7D",
    signedHeaders: "host;x-amz-date",
    signature: "66c82657c86e26fb25238d0e69f011edc4c6df5ae71119d7cb98ed9b87393c1e",
  },
  {
    name: "post-sts-header-before",
    method: "POST",
    url: "https://example.amazonaws.com/",
    sessionToken:
      "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==",
    signedHeaders: "host;x-amz-date;x-amz-security-token",
    signature: "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead",
  },
  {
    name: "post-x-www-form-urlencoded",
    method: "POST",
    url: "https://example.amazonaws.com/",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "Param1=value1",
    signedHeaders: "content-type;host;x-amz-date",
    signature: "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
  },
];

for (const testCase of SUITE) {
  Deno.test(`sign matches the AWS test suite: ${testCase.name}`, async () => {
    const signer = new SigV4Signer({
      credentials: { ...suiteCredentials, sessionToken: testCase.sessionToken },
      region: "us-east-1",
      service: "service",
    });
    const signed = await signer.sign(
      new Request(testCase.url, {
        method: testCase.method,
        headers: testCase.headers,
        body: testCase.body,
      }),
      { date: suiteDate },
    );
    assert.equal(
      signed.headers.get("authorization"),
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
        `SignedHeaders=${testCase.signedHeaders}, Signature=${testCase.signature}`,
    );
    assert.equal(signed.headers.get("x-amz-date"), "20150830T123600Z");
  });
}

const s3Credentials = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};
const s3Date = new Date("2013-05-24T00:00:00Z");
const s3 = new SigV4Signer({ credentials: s3Credentials, region: "us-east-1", service: "s3" });

Deno.test("sign matches the S3 reference example: GET object with Range", async () => {
  const signed = await s3.sign(
    new Request("https://examplebucket.s3.amazonaws.com/test.txt", {
      headers: { Range: "bytes=0-9" },
    }),
    { date: s3Date },
  );
  assert.equal(
    signed.headers.get("authorization"),
    "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, " +
      "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, " +
      "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
  );
  assert.equal(
    signed.headers.get("x-amz-content-sha256"),
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
});

Deno.test("presign matches the S3 reference example: presigned GET for 24 hours", async () => {
  const url = await s3.presign(
    new Request("https://examplebucket.s3.amazonaws.com/test.txt"),
    { date: s3Date, expiresIn: 86400 },
  );
  assert.equal(
    url.href,
    "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256" +
      "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request" +
      "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host" +
      "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
  );
});
