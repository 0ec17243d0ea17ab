// The MSK token is byte-identical to aws-msk-iam-sasl-signer-js's: that signer reads the
// clock itself (`new Date()` in @smithy/signature-v4, `Date.now()` for the TTL), so the test
// pins the global Date while it runs.
import assert from "node:assert/strict";
import fc from "fast-check";
import { generateAuthTokenFromCredentialsProvider } from "aws-msk-iam-sasl-signer-js";
import { verifySignature } from "../../src/sigv4/mod.ts";
import { mskAuthToken } from "../../src/tokens/mod.ts";
import { arbitraryKeys, arbitrarySigningSecond } from "./arbitrary_keys.ts";

const RealDate = globalThis.Date;

async function atFixedTime<T>(ms: number, run: () => Promise<T>): Promise<T> {
  class FixedDate extends RealDate {
    constructor(...args: unknown[]) {
      super(...((args.length === 0 ? [ms] : args) as [number]));
    }
    static override now(): number {
      return ms;
    }
  }
  globalThis.Date = FixedDate as DateConstructor;
  try {
    return await run();
  } finally {
    globalThis.Date = RealDate;
  }
}

const credentials = arbitraryKeys(/^[\x21-\x7e]{1,200}$/);
const region = fc.constantFrom(
  "us-east-1",
  "eu-west-1",
  "ap-south-1",
  "us-gov-east-1",
  "cn-north-1",
);
// Whole seconds: X-Amz-Date has no milliseconds, and the signer's expiryTime neither.
const time = arbitrarySigningSecond.map((date) => date.getTime());

Deno.test("MSK token equals aws-msk-iam-sasl-signer-js's for 200 random fixed times", async () => {
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(credentials, region, time, async (c, r, ms) => {
      const theirs = await atFixedTime(ms, () =>
        generateAuthTokenFromCredentialsProvider({
          region: r,
          awsCredentialsProvider: () => Promise.resolve(c),
        }));
      const ours = await mskAuthToken({ region: r, credentials: c, date: new Date(ms) });
      assert.equal(ours.token, theirs.token);
      assert.equal(ours.expiryTime, theirs.expiryTime);
      runs++;
    }),
    { numRuns: 200 },
  );
  assert.equal(runs, 200);
});

Deno.test("MSK token decodes to a presigned kafka-cluster:Connect URL that verifies", async () => {
  const date = new Date("2025-03-04T05:06:07Z");
  const { token } = await mskAuthToken({
    region: "eu-west-1",
    brokerHost: "b-1.demo.abc123.c2.kafka.eu-west-1.amazonaws.com",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: "T" },
    date,
  });
  assert.doesNotMatch(token, /[+/=]/);
  const url = new URL(atob(token.replaceAll("-", "+").replaceAll("_", "/")));
  assert.equal(url.host, "b-1.demo.abc123.c2.kafka.eu-west-1.amazonaws.com");
  assert.equal(url.searchParams.get("Action"), "kafka-cluster:Connect");
  assert.equal(url.searchParams.get("User-Agent"), "aws-msk-iam-sasl-signer-js/1.0.3");
  assert.equal(url.searchParams.get("X-Amz-Expires"), "900");
  // The user agent is not signed: the broker verifies without it.
  url.searchParams.delete("User-Agent");
  const verified = await verifySignature(new Request(url), {
    secretFor: (id, { sessionToken }) =>
      id === "AKIDEXAMPLE" && sessionToken === "T" ? "secret" : undefined,
    now: date,
    service: "kafka-cluster",
    region: "eu-west-1",
  });
  assert.equal(verified.ok, true);
});

Deno.test("MSK token lasts no longer than its credentials", async () => {
  // Credentials are checked against the real clock, so sign now, on a whole second.
  const date = new Date(Math.floor(Date.now() / 1000) * 1000);
  const { token, expiryTime } = await mskAuthToken({
    region: "us-east-1",
    credentials: {
      accessKeyId: "AKIDEXAMPLE",
      secretAccessKey: "secret",
      expiration: new Date(date.getTime() + 120_500),
    },
    date,
  });
  const url = new URL(atob(token.replaceAll("-", "+").replaceAll("_", "/")));
  assert.equal(url.searchParams.get("X-Amz-Expires"), "120");
  assert.equal(expiryTime, date.getTime() + 120_000);
});
