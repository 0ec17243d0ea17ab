import assert from "node:assert/strict";
import { fromImds } from "../../src/credentials/from_imds.ts";
import { explicitPlatform } from "../../src/credentials/platform/explicit.ts";
import { CredentialsProviderError } from "../../src/credentials/errors.ts";
import { StsClient } from "../../src/sts/mod.ts";
import { startEmulator } from "../emulator/emulator.ts";

function platformFor(env: Record<string, string>) {
  return explicitPlatform({ env });
}

function imdsRequests(emu: { state: { log: { method: string; path: string }[] } }) {
  return emu.state.log.filter((entry) => entry.path.startsWith("/latest/"))
    .map((entry) => `${entry.method} ${entry.path}`);
}

Deno.test("fromImds uses IMDSv2: a token first, sent on every metadata call", async () => {
  await using emu = await startEmulator();
  const credentials = await fromImds({
    platform: platformFor({ AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.url }),
  })();
  assert.match(credentials.accessKeyId, /^ASIA/);
  assert.ok(credentials.expiration instanceof Date);
  assert.deepEqual(imdsRequests(emu), [
    "PUT /latest/api/token",
    "GET /latest/meta-data/iam/security-credentials/",
    `GET /latest/meta-data/iam/security-credentials/${emu.state.imds.role}`,
  ]);
  // The credentials are real: the emulator accepts them for STS.
  const sts = new StsClient({ credentials, endpoint: emu.url });
  assert.match((await sts.getCallerIdentity()).arn, /assumed-role/);
});

Deno.test("fromImds falls back to IMDSv1 when the token endpoint is missing", async () => {
  await using emu = await startEmulator();
  emu.state.imds.tokenEndpointMissing = 404;
  const credentials = await fromImds({ endpoint: emu.url, platform: platformFor({}) })();
  assert.match(credentials.accessKeyId, /^ASIA/);
});

Deno.test("fromImds refuses the v1 fallback when AWS_EC2_METADATA_V1_DISABLED is set", async () => {
  await using emu = await startEmulator();
  emu.state.imds.tokenEndpointMissing = 404;
  const error = await fromImds({
    platform: platformFor({
      AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.url,
      AWS_EC2_METADATA_V1_DISABLED: "true",
    }),
  })().catch((e) => e);
  assert.ok(error instanceof CredentialsProviderError);
  assert.match(error.message, /IMDSv1 is disabled/);
});

Deno.test("fromImds is not available when AWS_EC2_METADATA_DISABLED=true", async () => {
  const error = await fromImds({ platform: platformFor({ AWS_EC2_METADATA_DISABLED: "true" }) })()
    .catch((e) => e);
  assert.ok(error instanceof CredentialsProviderError && error.tryNextLink);
});

Deno.test("fromImds gives up on a hanging IMDS within its timeout", async () => {
  await using emu = await startEmulator();
  emu.state.imds.hang = true;
  const started = Date.now();
  const error = await fromImds({
    endpoint: emu.url,
    timeoutMs: 100,
    maxAttempts: 2,
    platform: platformFor({}),
  })()
    .catch((e) => e);
  assert.ok(error instanceof CredentialsProviderError);
  assert.ok(Date.now() - started < 3_000, `took ${Date.now() - started} ms`);
});

Deno.test("fromImds retries a 500 from the metadata service", async () => {
  await using emu = await startEmulator();
  emu.state.failNext(1, { status: 500, code: "InternalError", path: "/latest/meta-data" });
  const credentials = await fromImds({ endpoint: emu.url, platform: platformFor({}) })();
  assert.match(credentials.accessKeyId, /^ASIA/);
});

Deno.test("fromImds keeps serving the last credentials when IMDS goes down (static stability)", async () => {
  await using emu = await startEmulator();
  const provider = fromImds({
    endpoint: emu.url,
    timeoutMs: 100,
    maxAttempts: 1,
    platform: platformFor({}),
  });
  const first = await provider();
  emu.state.imds.hang = true;
  const second = await provider();
  assert.equal(second.accessKeyId, first.accessKeyId);
  assert.ok(second.expiration!.getTime() > Date.now() + 4 * 60_000);
});
