// Byte-identical to @aws-sdk/rds-signer: its Signer has no date option (SignatureV4 signs
// at `new Date()`), so each case signs with the SDK first and hands its X-Amz-Date to
// rdsAuthToken, which must then produce the very same string.
import assert from "node:assert/strict";
import fc from "fast-check";
import { Signer } from "@aws-sdk/rds-signer";
import { verifySignature } from "../../../src/sigv4/mod.ts";
import { rdsAuthToken, rdsRegionFromHostname } from "../../../src/tokens/mod.ts";
import {
  credentials,
  port,
  rdsHost,
  REGIONS,
  tokenDate,
  tokenRequest,
  username,
} from "./token_arbitraries.ts";

Deno.test("rdsAuthToken is byte-identical to @aws-sdk/rds-signer on 600 random inputs", async () => {
  await fc.assert(
    fc.asyncProperty(
      rdsHost,
      port,
      username,
      credentials,
      fc.constantFrom(...REGIONS),
      fc.boolean(),
      async (host, port, username, credentials, otherRegion, passRegion) => {
        const region = host.region ?? otherRegion;
        const expected = await new Signer({
          hostname: host.hostname,
          port,
          username,
          region,
          credentials,
        }).getAuthToken();
        const actual = await rdsAuthToken({
          hostname: host.hostname,
          port,
          username,
          region: passRegion || host.region === undefined ? region : undefined,
          credentials,
          date: tokenDate(expected),
        });
        assert.equal(actual, expected);

        const verified = await verifySignature(tokenRequest(actual), {
          secretFor: (id) =>
            id === credentials.accessKeyId ? credentials.secretAccessKey : undefined,
          now: tokenDate(actual),
          service: "rds-db",
          region,
        });
        assert.ok(verified.ok, JSON.stringify(verified));
        assert.equal(verified.sessionToken, credentials.sessionToken);
      },
    ),
    { numRuns: 600 },
  );
});

Deno.test("rdsRegionFromHostname reads every RDS endpoint shape", () => {
  fc.assert(
    fc.property(rdsHost, (host) => {
      assert.equal(rdsRegionFromHostname(host.hostname), host.region);
    }),
    { numRuns: 1000 },
  );
  assert.equal(
    rdsRegionFromHostname("MyDb.Cluster-ABC123.US-EAST-2.rds.amazonaws.com"),
    "us-east-2",
  );
  assert.equal(rdsRegionFromHostname("rds.amazonaws.com"), undefined);
  assert.equal(rdsRegionFromHostname("db.abc.rds.amazonaws.com.evil.example"), undefined);
});
