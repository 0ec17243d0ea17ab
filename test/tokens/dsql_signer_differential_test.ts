// Byte-identical to @aws-sdk/dsql-signer (which, like rds-signer, signs at `new Date()`:
// its X-Amz-Date is handed to dsqlAuthToken).
import assert from "node:assert/strict";
import fc from "fast-check";
import { DsqlSigner } from "@aws-sdk/dsql-signer";
import { verifySignature } from "../../src/sigv4/mod.ts";
import { dsqlAuthToken, dsqlRegionFromHostname, TokenInputError } from "../../src/tokens/mod.ts";
import { credentials, dsqlHost, tokenDate, tokenRequest } from "./rds/token_arbitraries.ts";

Deno.test("dsqlAuthToken is byte-identical to @aws-sdk/dsql-signer on 600 random inputs", async () => {
  await fc.assert(
    fc.asyncProperty(
      dsqlHost,
      credentials,
      fc.constantFrom("DbConnect" as const, "DbConnectAdmin" as const),
      fc.option(fc.integer({ min: 1, max: 604800 }), { nil: undefined }),
      fc.boolean(),
      async (host, credentials, action, expiresIn, passRegion) => {
        const sdk = new DsqlSigner({
          hostname: host.hostname,
          region: host.region,
          credentials,
          expiresIn,
        });
        const expected = action === "DbConnect"
          ? await sdk.getDbConnectAuthToken()
          : await sdk.getDbConnectAdminAuthToken();
        const actual = await dsqlAuthToken({
          hostname: host.hostname,
          region: passRegion ? host.region : undefined,
          credentials,
          action,
          expiresIn,
          date: tokenDate(expected),
        });
        assert.equal(actual, expected);
        assert.ok(actual.startsWith(`${host.hostname}/?Action=${action}&X-Amz-Algorithm=`));
        assert.equal(
          new URLSearchParams(actual.split("?")[1]).get("X-Amz-Expires"),
          String(expiresIn ?? 900),
        );

        const verified = await verifySignature(tokenRequest(actual), {
          secretFor: (id) =>
            id === credentials.accessKeyId ? credentials.secretAccessKey : undefined,
          now: tokenDate(actual),
          service: "dsql",
          region: host.region,
        });
        assert.ok(verified.ok, JSON.stringify(verified));
      },
    ),
    { numRuns: 600 },
  );
});

Deno.test("dsqlRegionFromHostname reads <id>.dsql.<region>.on.aws", () => {
  assert.equal(dsqlRegionFromHostname("abc.dsql.eu-west-1.on.aws"), "eu-west-1");
  assert.equal(dsqlRegionFromHostname("abc.dsql-fnh4.ap-northeast-1.on.aws"), "ap-northeast-1");
  assert.equal(dsqlRegionFromHostname("abc.rds.eu-west-1.on.aws"), undefined);
});

Deno.test("dsqlAuthToken rejects bad input with TokenInputError", async () => {
  const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "s3cr3t-value" };
  const bad = [
    { hostname: "db.example.com", action: "DbConnect" },
    { hostname: "https://abc.dsql.us-east-1.on.aws", action: "DbConnect" },
    { hostname: "abc.dsql.us-east-1.on.aws", action: "DbAdmin" },
    { hostname: "abc.dsql.us-east-1.on.aws", action: "DbConnect", expiresIn: 604801 },
    { hostname: "abc.dsql.us-east-1.on.aws", action: "DbConnect", expiresIn: 0 },
  ];
  for (const options of bad) {
    await assert.rejects(
      // deno-lint-ignore no-explicit-any
      dsqlAuthToken({ credentials, ...options } as any),
      (error: Error) => error instanceof TokenInputError && !error.message.includes("s3cr3t"),
    );
  }
});
