// fromCognitoIdentityPool against the emulator's Cognito Identity, beside AWS SDK v3's
// @aws-sdk/credential-provider-cognito-identity: same requests, shared identity-id store,
// stale ids recovered, errors without tokens, refresh like any provider.
import assert from "node:assert/strict";
import { fromCognitoIdentityPool as sdkFromCognitoIdentityPool } from "@aws-sdk/credential-provider-cognito-identity";
import { fromCognitoIdentityPool } from "../../../src/credentials/cognito/from_identity_pool.ts";
import { memoryIdentityIdStore } from "../../../src/credentials/cognito/identity_id_store.ts";
import { type RunningEmulator, startEmulator } from "../../emulator/emulator.ts";
import type { IdentityPool } from "../../emulator/cognito_identity_state.ts";
import { callerArn } from "../../emulator/sts_requests.ts";

const GOOGLE = "accounts.google.com";
const USER_POOL = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Example";

function withPool(emulator: RunningEmulator, init: Partial<IdentityPool> = {}): IdentityPool {
  return emulator.state.cognito.addPool({
    logins: new Map([
      [GOOGLE, new Map([["google-id-token-1", "user-1"]])],
      [USER_POOL, new Map([["user-pool-id-token-1", "user-1-sub"]])],
    ]),
    customRoleArns: ["arn:aws:iam::123456789012:role/Cognito_Admins"],
    ...init,
  });
}

function sdkProvider(emulator: RunningEmulator, options: Record<string, unknown>) {
  return sdkFromCognitoIdentityPool({
    ...options,
    identityPoolId: options.identityPoolId as string,
    clientConfig: { region: "us-east-1", endpoint: `${emulator.url}/cognito-identity` },
  });
}

/** The calls since `from`, with what a request's shape is made of. */
function callsSince(emulator: RunningEmulator, from: number) {
  return emulator.state.cognito.calls.slice(from).map((call) => ({
    ...call,
    bodyKeys: Object.keys(call.body as object),
  }));
}

for (
  const [name, options] of [
    ["unauthenticated", {}],
    ["with logins and a custom role", {
      logins: { [GOOGLE]: "google-id-token-1", [USER_POOL]: "user-pool-id-token-1" },
      customRoleArn: "arn:aws:iam::123456789012:role/Cognito_Admins",
    }],
  ] as const
) {
  Deno.test(`requests equal AWS SDK v3's, ${name}`, async () => {
    await using emulator = await startEmulator();
    const pool = withPool(emulator);
    const ours = await fromCognitoIdentityPool({
      identityPoolId: pool.identityPoolId,
      endpoint: `${emulator.url}/cognito-identity`,
      ...options,
    })();
    const mark = emulator.state.cognito.calls.length;
    const sdk = await sdkProvider(emulator, {
      identityPoolId: pool.identityPoolId,
      cache: memoryIdentityIdStore(),
      ...options,
    })();
    const ourCalls = callsSince(emulator, 0).slice(0, mark);
    const sdkCalls = callsSince(emulator, mark);
    assert.equal(ourCalls.length, 2);
    assert.deepEqual(
      ourCalls.map((call) => call.target),
      ["AWSCognitoIdentityService.GetId", "AWSCognitoIdentityService.GetCredentialsForIdentity"],
    );
    const identityIds = ourCalls.map((call) => (call.body as { IdentityId?: string }).IdentityId);
    const sdkIdentityIds = sdkCalls.map((call) =>
      (call.body as { IdentityId?: string }).IdentityId
    );
    if ("logins" in options) assert.deepEqual(identityIds, sdkIdentityIds); // same user
    const normalize = (calls: typeof ourCalls) =>
      calls.map((call) => ({
        ...call,
        body: {
          ...(call.body as object),
          IdentityId: typeof (call.body as { IdentityId?: string }).IdentityId,
        },
      }));
    assert.deepEqual(normalize(ourCalls), normalize(sdkCalls));
    assert.ok(
      ourCalls.every((call) => !call.signed && call.contentType === "application/x-amz-json-1.1"),
    );
    // Both read Expiration as epoch seconds: the same hour-long lifetime.
    assert.ok(Math.abs(ours.expiration!.getTime() - sdk.expiration!.getTime()) < 5_000);
    assert.ok(ours.expiration!.getTime() > Date.now() + 3500_000);
    const role = "logins" in options ? "Cognito_Admins" : "Cognito_AppUnauth_Role";
    assert.equal(
      await callerArn(emulator, ours),
      `arn:aws:sts::123456789012:assumed-role/${role}/CognitoIdentityCredentials`,
    );
  });
}

Deno.test("an identity id the SDK stored is reused, under the SDK's key", async () => {
  await using emulator = await startEmulator();
  const pool = withPool(emulator);
  const store = memoryIdentityIdStore();
  await sdkProvider(emulator, { identityPoolId: pool.identityPoolId, cache: store })();
  // The SDK writes the store without waiting; let it land.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const key = `aws:cognito-identity-credentials:${pool.identityPoolId}:ANONYMOUS`;
  const sdkId = await store.getItem(key);
  assert.match(sdkId ?? "", /^us-east-1:/);
  const mark = emulator.state.cognito.calls.length;
  await fromCognitoIdentityPool({
    identityPoolId: pool.identityPoolId,
    endpoint: `${emulator.url}/cognito-identity`,
    identityIdStore: store,
  })();
  const calls = callsSince(emulator, mark);
  assert.deepEqual(calls.map((call) => call.target), [
    "AWSCognitoIdentityService.GetCredentialsForIdentity",
  ]);
  assert.equal((calls[0].body as { IdentityId: string }).IdentityId, sdkId);
});

Deno.test("a stale stored identity id is replaced by a fresh GetId, once", async () => {
  await using emulator = await startEmulator();
  const pool = withPool(emulator);
  const store = memoryIdentityIdStore();
  const key = `aws:cognito-identity-credentials:${pool.identityPoolId}:ANONYMOUS`;
  store.setItem(key, "us-east-1:00000000-0000-4000-8000-000000000000");
  const credentials = await fromCognitoIdentityPool({
    identityPoolId: pool.identityPoolId,
    endpoint: `${emulator.url}/cognito-identity`,
    identityIdStore: store,
  })();
  assert.match(credentials.accessKeyId, /^ASIA/);
  assert.deepEqual(emulator.state.cognito.calls.map((call) => call.target.split(".")[1]), [
    "GetCredentialsForIdentity",
    "GetId",
    "GetCredentialsForIdentity",
  ]);
  assert.ok(emulator.state.cognito.identities.has((await store.getItem(key))!));
});

Deno.test("refusals are AwsErrors without the login token, and clear the store", async () => {
  await using emulator = await startEmulator();
  const pool = withPool(emulator, { allowUnauthenticated: false });
  const store = memoryIdentityIdStore();
  const unauthenticated = await fromCognitoIdentityPool({
    identityPoolId: pool.identityPoolId,
    endpoint: `${emulator.url}/cognito-identity`,
    identityIdStore: store,
  })().catch((e) => e);
  assert.equal(unauthenticated.code, "NotAuthorizedException");

  const badToken = "eyJhbGciOiJSUzI1NiJ9.SECRET-ID-TOKEN.sig";
  const key = `aws:cognito-identity-credentials:${pool.identityPoolId}:AUTHENTICATED`;
  store.setItem(key, "us-east-1:00000000-0000-4000-8000-000000000000");
  const error = await fromCognitoIdentityPool({
    identityPoolId: pool.identityPoolId,
    endpoint: `${emulator.url}/cognito-identity`,
    identityIdStore: store,
    logins: { [GOOGLE]: () => Promise.resolve(badToken) },
  })().catch((e) => e);
  assert.equal(error.code, "NotAuthorizedException");
  assert.ok(!`${error.message} ${error.stack}`.includes("SECRET-ID-TOKEN"));
  assert.equal(await store.getItem(key), undefined);
});

Deno.test("credentials are cached, refreshed near expiry with fresh logins and the same id", async () => {
  await using emulator = await startEmulator();
  const pool = withPool(emulator);
  let now = Date.now();
  let tokenCalls = 0;
  const provider = fromCognitoIdentityPool({
    identityPoolId: pool.identityPoolId,
    endpoint: `${emulator.url}/cognito-identity`,
    logins: { [GOOGLE]: () => Promise.resolve((tokenCalls++, "google-id-token-1")) },
    refresh: { now: () => now },
  });
  const first = await provider();
  assert.equal((await provider()).accessKeyId, first.accessKeyId);
  assert.equal(emulator.state.cognito.calls.length, 2);
  now = first.expiration!.getTime() - 60_000;
  const second = await provider();
  assert.notEqual(second.accessKeyId, first.accessKeyId);
  assert.deepEqual(emulator.state.cognito.calls.map((call) => call.target.split(".")[1]), [
    "GetId",
    "GetCredentialsForIdentity",
    "GetCredentialsForIdentity",
  ]);
  assert.equal(tokenCalls, 2);
});
