import assert from "node:assert/strict";
import { explicitPlatform } from "../../../src/credentials/mod.ts";
import { SigningInputError } from "../../../src/sigv4/mod.ts";
import {
  keyspacesAuthProvider,
  type KeyspacesAuthProviderOptions,
  KeyspacesChallengeError,
} from "../../../src/tokens/mod.ts";
import { keyspacesSaslResponse } from "../../../src/tokens/keyspaces/_sasl_response.ts";

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

/** cassandra-driver's `auth.AuthProvider`, which the driver's Client checks with instanceof. */
class AuthProvider {}

/** The provider as an application makes it, with `cassandra.auth` standing in. */
const provider = (options: Omit<KeyspacesAuthProviderOptions, "driverAuth">) =>
  keyspacesAuthProvider({ ...options, driverAuth: { AuthProvider } });

function call(
  start: (callback: (error: Error | null, token?: Uint8Array) => void) => void,
): Promise<{ error: Error | null; token?: Uint8Array }> {
  return new Promise((resolve) => start((error, token) => resolve({ error, token })));
}

Deno.test("keyspacesAuthProvider takes the region from options before the environment", () => {
  const platform = explicitPlatform({
    env: { AWS_DEFAULT_REGION: "eu-west-1", AWS_REGION: "eu-central-1" },
  });
  assert.equal(
    provider({ credentials, region: "us-east-2", platform }).region,
    "us-east-2",
  );
  assert.equal(provider({ credentials, platform }).region, "eu-west-1");
  assert.equal(
    provider({
      credentials,
      platform: explicitPlatform({ env: { AWS_DEFAULT_REGION: "", AWS_REGION: "eu-central-1" } }),
    }).region,
    "eu-central-1",
  );
});

Deno.test("keyspacesAuthProvider without any region throws SigningInputError", () => {
  assert.throws(
    () => provider({ credentials, platform: explicitPlatform() }),
    (error) => error instanceof SigningInputError && /AWS_DEFAULT_REGION/.test(error.message),
  );
  assert.throws(
    () => provider({ credentials, region: "US East" }),
    SigningInputError,
  );
});

Deno.test("its authenticator runs the SigV4 exchange with a credential provider", async () => {
  const date = new Date("2026-01-02T03:04:05.678Z");
  let calls = 0;
  const keyspaces = provider({
    credentials: () => {
      calls++;
      return Promise.resolve({ ...credentials, sessionToken: "TOKEN" });
    },
    region: "us-east-2",
    date,
  });
  const authenticator = keyspaces.newAuthenticator("127.0.0.1:9142", "com.amazonaws.SigV4");
  const initial = await call((cb) => authenticator.initialResponse(cb));
  assert.equal(initial.error, null);
  assert.deepEqual(initial.token, encode("SigV4\0\0"));
  const answer = await call((cb) => authenticator.evaluateChallenge(encode("nonce=abc"), cb));
  assert.equal(answer.error, null);
  assert.equal(
    decode(answer.token),
    decode(
      await keyspacesSaslResponse({
        challenge: encode("nonce=abc"),
        credentials: { ...credentials, sessionToken: "TOKEN" },
        region: "us-east-2",
        date,
      }),
    ),
  );
  assert.match(decode(answer.token), /,amzdate=2026-01-02T03:04:05\.678Z,session_token=TOKEN$/);
  assert.equal(calls, 1);
  authenticator.onAuthenticationSuccess();
});

Deno.test("a challenge without a nonce reaches the callback as KeyspacesChallengeError", async () => {
  const authenticator = provider({ credentials, region: "us-east-1" })
    .newAuthenticator();
  for (const challenge of ["", "hello", "nonce=", "nonce=,x"]) {
    const { error, token } = await call((cb) =>
      authenticator.evaluateChallenge(encode(challenge), cb)
    );
    assert.ok(error instanceof KeyspacesChallengeError, challenge);
    assert.equal(token, undefined);
  }
});

Deno.test("credential errors reach the callback and never carry the secret", async () => {
  const authenticator = provider({
    credentials: { accessKeyId: "AKID", secretAccessKey: "" },
    region: "us-east-1",
  }).newAuthenticator();
  const { error } = await call((cb) => authenticator.evaluateChallenge(encode("nonce=n"), cb));
  assert.equal(error?.name, "CredentialsError");
});

Deno.test("the answer's session token is omitted when empty", async () => {
  const authenticator = provider({
    credentials: { ...credentials, sessionToken: "" },
    region: "us-east-1",
    date: new Date(0),
  }).newAuthenticator();
  const { error, token } = await call((cb) =>
    authenticator.evaluateChallenge(encode("nonce=n"), cb)
  );
  assert.equal(error, null);
  assert.doesNotMatch(decode(token), /session_token/);
});

Deno.test("keyspacesAuthProvider passes the driver's instanceof check and needs its AuthProvider class", () => {
  const wrapped = provider({ credentials, region: "us-east-1" });
  assert.throws(
    () => keyspacesAuthProvider({ credentials, region: "us-east-1", driverAuth: {} }),
    TypeError,
  );
  assert.ok(wrapped instanceof AuthProvider);
  assert.equal(typeof wrapped.newAuthenticator("h", "n").evaluateChallenge, "function");
});
