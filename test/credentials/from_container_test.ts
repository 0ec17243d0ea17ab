import assert from "node:assert/strict";
import { fromContainer } from "../../src/credentials/from_container.ts";
import { explicitPlatform } from "../../src/credentials/platform/explicit.ts";
import { CredentialSettingError, CredentialsProviderError } from "../../src/credentials/errors.ts";
import { startEmulator } from "../emulator/emulator.ts";

Deno.test("fromContainer reads the full URI with the authorization token file", async () => {
  await using emu = await startEmulator();
  emu.state.container.authToken = "container-token-123";
  const provider = fromContainer({
    platform: explicitPlatform({
      env: {
        AWS_CONTAINER_CREDENTIALS_FULL_URI: `${emu.url}/container/credentials`,
        AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: "/var/run/token",
      },
      files: { "/var/run/token": "container-token-123\n" },
    }),
  });
  const credentials = await provider();
  assert.match(credentials.accessKeyId, /^ASIA/);
  assert.ok(credentials.sessionToken);
});

Deno.test("fromContainer with a wrong token is an error that stops the chain", async () => {
  await using emu = await startEmulator();
  emu.state.container.authToken = "right";
  const error = await fromContainer({
    platform: explicitPlatform({
      env: {
        AWS_CONTAINER_CREDENTIALS_FULL_URI: `${emu.url}/container/credentials`,
        AWS_CONTAINER_AUTHORIZATION_TOKEN: "wrong",
      },
    }),
  })().catch((e) => e);
  assert.ok(error instanceof CredentialsProviderError);
  assert.equal(error.tryNextLink, false);
});

Deno.test("fromContainer refuses plain-HTTP full URIs outside loopback and the agents", async () => {
  for (
    const uri of ["http://169.254.169.254/creds", "http://example.com/creds", "file:///etc/passwd"]
  ) {
    const error = await fromContainer({
      platform: explicitPlatform({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: uri } }),
    })().catch((e) => e);
    assert.ok(error instanceof CredentialSettingError, uri);
  }
});

Deno.test("fromContainer refuses a token with a line break", async () => {
  const error = await fromContainer({
    platform: explicitPlatform({
      env: {
        AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://127.0.0.1:9/creds",
        AWS_CONTAINER_AUTHORIZATION_TOKEN: "abc\r\nx-injected: 1",
      },
    }),
  })().catch((e) => e);
  assert.ok(error instanceof CredentialSettingError);
  assert.ok(!error.message.includes("x-injected"));
});

Deno.test("fromContainer is not available without its environment variables", async () => {
  const error = await fromContainer({ platform: explicitPlatform({ env: {} }) })().catch((e) => e);
  assert.ok(error instanceof CredentialsProviderError && error.tryNextLink);
});
