import assert from "node:assert/strict";
import { CredentialSettingError, CredentialsProviderError } from "../../src/credentials/errors.ts";
import { explicitPlatform } from "../../src/credentials/platform/explicit.ts";
import { fromEnv } from "../../src/credentials/from_env.ts";
import { fromStatic } from "../../src/credentials/from_static.ts";
import { CredentialsError } from "../../src/sigv4/errors.ts";

Deno.test("fromEnv reads the four AWS_* variables from explicitly passed bindings", async () => {
  const credentials = await fromEnv({
    env: {
      AWS_ACCESS_KEY_ID: "ASIAENV",
      AWS_SECRET_ACCESS_KEY: "secret",
      AWS_SESSION_TOKEN: "token",
      AWS_CREDENTIAL_EXPIRATION: "2099-01-02T03:04:05Z",
    },
  })();
  assert.equal(credentials.accessKeyId, "ASIAENV");
  assert.equal(credentials.secretAccessKey, "secret");
  assert.equal(credentials.sessionToken, "token");
  assert.equal(credentials.expiration?.toISOString(), "2099-01-02T03:04:05.000Z");
});

Deno.test("fromEnv reads the platform's environment when no bindings are given", async () => {
  const platform = explicitPlatform({
    env: { AWS_ACCESS_KEY_ID: "AKIDPLATFORM", AWS_SECRET_ACCESS_KEY: "s" },
  });
  const credentials = await fromEnv({ platform })();
  assert.equal(credentials.accessKeyId, "AKIDPLATFORM");
  assert.equal("sessionToken" in credentials, false);
  assert.equal("expiration" in credentials, false);
});

Deno.test("fromEnv without both keys is a CredentialsProviderError that lets a chain go on", async () => {
  for (
    const env of [
      {},
      { AWS_ACCESS_KEY_ID: "AKID" },
      { AWS_SECRET_ACCESS_KEY: "s" },
      { AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "s" },
      { AWS_ACCESS_KEY_ID: "AKID", AWS_SECRET_ACCESS_KEY: 42 }, // a binding that is not a string
    ]
  ) {
    await assert.rejects(fromEnv({ env })(), (error: unknown) => {
      assert.ok(error instanceof CredentialsProviderError, JSON.stringify(env));
      assert.equal(error.tryNextLink, true);
      return true;
    });
  }
});

Deno.test("fromEnv treats an empty AWS_SESSION_TOKEN as unset", async () => {
  const credentials = await fromEnv({
    env: { AWS_ACCESS_KEY_ID: "AKID", AWS_SECRET_ACCESS_KEY: "s", AWS_SESSION_TOKEN: "" },
  })();
  assert.equal(credentials.sessionToken, undefined);
});

Deno.test("fromEnv rejects an AWS_CREDENTIAL_EXPIRATION that is not a date, without the secret", async () => {
  await assert.rejects(
    fromEnv({
      env: {
        AWS_ACCESS_KEY_ID: "AKID",
        AWS_SECRET_ACCESS_KEY: "hunter2-secret",
        AWS_CREDENTIAL_EXPIRATION: "tomorrow",
      },
    })(),
    (error: unknown) => {
      assert.ok(error instanceof CredentialSettingError);
      assert.equal(error.setting, "AWS_CREDENTIAL_EXPIRATION");
      assert.equal(error.source, "environment");
      assert.ok(!error.message.includes("hunter2"));
      return true;
    },
  );
});

Deno.test("fromEnv ignores inherited properties of the bindings object", async () => {
  const env = Object.create({ AWS_ACCESS_KEY_ID: "AKID", AWS_SECRET_ACCESS_KEY: "s" });
  await assert.rejects(fromEnv({ env })(), CredentialsProviderError);
});

Deno.test("fromStatic returns the credentials, redacted in JSON", async () => {
  const provider = fromStatic({
    accessKeyId: "AKIDSTATIC",
    secretAccessKey: "static-secret",
    sessionToken: "t",
  });
  const credentials = await provider();
  assert.equal(credentials.secretAccessKey, "static-secret");
  assert.equal(credentials.sessionToken, "t");
  assert.deepEqual(JSON.parse(JSON.stringify(credentials)), {
    accessKeyId: "AKIDSTATIC",
    secretAccessKey: "[redacted]",
    sessionToken: "[redacted]",
  });
});

Deno.test("fromStatic rejects expired or malformed credentials when called", async () => {
  const expired = fromStatic({
    accessKeyId: "AKID",
    secretAccessKey: "s",
    expiration: new Date(1000),
  });
  await assert.rejects(expired(), CredentialsError);
  const empty = fromStatic({ accessKeyId: "", secretAccessKey: "s" });
  await assert.rejects(empty(), CredentialsError);
});
