// RDS IAM token generation: iamfetch beside @aws-sdk/rds-signer on the same inputs, and
// the cost of a cached-token lookup in RdsTokenCache (a Map hit: O(1)).
//
// Run: `deno task bench` (or `deno bench -A bench/tokens_bench.ts`). Before timing, the
// module checks that both produce the same token for the same signing time.
import { Signer } from "@aws-sdk/rds-signer";
import { rdsAuthToken } from "../src/tokens/rds/auth_token.ts";
import { RdsTokenCache } from "../src/tokens/rds/token_cache.ts";

const credentials = {
  accessKeyId: "ASIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  sessionToken: "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD" + "x".repeat(600),
};
const target = {
  hostname: "prod-db.cluster-c9akciq32.eu-west-1.rds.amazonaws.com",
  port: 5432,
  username: "app_user",
  region: "eu-west-1",
};
const sdk = new Signer({ ...target, credentials });

// The SDK signs "now"; iamfetch signs the same instant when given the SDK token's date.
const sdkToken = await sdk.getAuthToken();
const amzDate = new URL(`https://${sdkToken}`).searchParams.get("X-Amz-Date")!;
const date = new Date(
  `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${
    amzDate.slice(11, 13)
  }:${amzDate.slice(13, 15)}Z`,
);
if (await rdsAuthToken({ ...target, credentials, date }) !== sdkToken) {
  throw new Error("iamfetch and @aws-sdk/rds-signer disagree on the token");
}

const cache = new RdsTokenCache();
await cache.token({ ...target, credentials });

Deno.bench({
  name: "iamfetch rdsAuthToken",
  group: "RDS IAM token",
  baseline: true,
  fn: async () => void await rdsAuthToken({ ...target, credentials }),
});
Deno.bench({
  name: "@aws-sdk/rds-signer getAuthToken",
  group: "RDS IAM token",
  fn: async () => void await sdk.getAuthToken(),
});
Deno.bench({
  name: "iamfetch RdsTokenCache hit",
  group: "cached token",
  fn: async () => void await cache.token({ ...target, credentials }),
});
