// The EKS token is what aws-iam-authenticator and `aws eks get-token` produce: checked by
// decoding it, verifying it as the cluster's authenticator does (sending x-k8s-aws-id), and
// recomputing it with @smithy/signature-v4.
import assert from "node:assert/strict";
import fc from "fast-check";
import { SigningInputError, verifySignature } from "../../src/sigv4/mod.ts";
import { eksAuthToken } from "../../src/tokens/mod.ts";
import { arbitraryKeys, arbitrarySigningSecond } from "./arbitrary_keys.ts";
import { smithyPresignedQuery } from "./smithy_presign.ts";

function decodeToken(token: string): URL {
  assert.ok(token.startsWith("k8s-aws-v1."));
  const body = token.slice("k8s-aws-v1.".length);
  assert.doesNotMatch(body, /[+/=]/);
  return new URL(atob(body.replaceAll("-", "+").replaceAll("_", "/")));
}

interface Case {
  clusterName: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  date: Date;
}

function smithyQuery(c: Case): Promise<Record<string, string>> {
  return smithyPresignedQuery({
    credentials: c.credentials,
    region: c.region,
    service: "sts",
    protocol: "https:",
    host: `sts.${c.region}.amazonaws.com`,
    query: { Action: "GetCallerIdentity", Version: "2011-06-15" },
    headers: { "x-k8s-aws-id": c.clusterName },
    date: c.date,
    expiresIn: 60,
  });
}

const testCase: fc.Arbitrary<Case> = fc.record({
  clusterName: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/),
  region: fc.constantFrom("us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1"),
  credentials: arbitraryKeys(/^[\x20-\x7e]{1,200}$/),
  date: arbitrarySigningSecond,
});

Deno.test("EKS token equals @smithy/signature-v4's presign on 200 random inputs and verifies", async () => {
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(testCase, async (c) => {
      const url = decodeToken(await eksAuthToken(c));
      assert.equal(url.origin, `https://sts.${c.region}.amazonaws.com`);
      assert.equal(url.pathname, "/");
      assert.deepEqual(Object.fromEntries(url.searchParams), await smithyQuery(c));
      assert.equal(url.searchParams.get("X-Amz-Expires"), "60");
      assert.equal(url.searchParams.get("X-Amz-SignedHeaders"), "host;x-k8s-aws-id");
      const options = {
        secretFor: (id: string, { sessionToken }: { sessionToken?: string }) =>
          id === c.credentials.accessKeyId && sessionToken === c.credentials.sessionToken
            ? c.credentials.secretAccessKey
            : undefined,
        now: c.date,
        service: "sts",
        region: c.region,
      };
      const verified = await verifySignature(
        new Request(url, { headers: { "x-k8s-aws-id": c.clusterName } }),
        options,
      );
      assert.equal(verified.ok, true);
      // Another cluster's name does not verify: the token is bound to its cluster.
      const other = await verifySignature(
        new Request(url, { headers: { "x-k8s-aws-id": c.clusterName + "x" } }),
        options,
      );
      assert.equal(other.ok, false);
      runs++;
    }),
    { numRuns: 200 },
  );
  assert.equal(runs, 200);
});

Deno.test("EKS token expires 60 s after signing", async () => {
  const date = new Date("2025-06-07T08:09:10Z");
  const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
  const url = decodeToken(
    await eksAuthToken({ clusterName: "prod", region: "eu-west-1", credentials, date }),
  );
  const request = new Request(url, { headers: { "x-k8s-aws-id": "prod" } });
  const secretFor = () => "secret";
  assert.equal(
    (await verifySignature(request, { secretFor, now: new Date(date.getTime() + 60_000) })).ok,
    true,
  );
  assert.equal(
    (await verifySignature(request, { secretFor, now: new Date(date.getTime() + 61_000) })).ok,
    false,
  );
});

Deno.test("EKS token rejects a bad cluster name or region", async () => {
  const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
  for (const clusterName of ["", "a b", "-x", "a".repeat(101)]) {
    await assert.rejects(
      eksAuthToken({ clusterName, region: "us-east-1", credentials }),
      SigningInputError,
    );
  }
  await assert.rejects(
    eksAuthToken({ clusterName: "prod", region: "sts.example", credentials }),
    SigningInputError,
  );
});
