import assert from "node:assert/strict";
import { chain } from "../../src/credentials/chain.ts";
import { ChainExhaustedError, CredentialsProviderError } from "../../src/credentials/errors.ts";
import { SourceProfileCycleError } from "../../src/credentials/profile/errors.ts";
import { fromEnv } from "../../src/credentials/from_env.ts";
import { explicitPlatform } from "../../src/credentials/platform/explicit.ts";
import { fromIni } from "../../src/sts/from_ini.ts";
import { fromStatic } from "../../src/credentials/from_static.ts";
import { fromWebIdentity } from "../../src/sts/from_web_identity.ts";
import type { CredentialProvider } from "../../src/sigv4/credentials.ts";
import { assertNoneShown } from "../security/assert_no_secrets.ts";

function counted(provider: CredentialProvider) {
  const counter = { calls: 0 };
  const wrapped: CredentialProvider = () => {
    counter.calls++;
    return provider();
  };
  return [wrapped, counter] as const;
}

const unavailable = (message: string): CredentialProvider => () =>
  Promise.reject(new CredentialsProviderError(message));

Deno.test("chain returns the first provider's credentials and asks no further", async () => {
  const [second, secondCounter] = counted(
    fromStatic({ accessKeyId: "AKIDTWO", secretAccessKey: "s" }),
  );
  const provider = chain(fromStatic({ accessKeyId: "AKIDONE", secretAccessKey: "s" }), second);
  assert.equal((await provider()).accessKeyId, "AKIDONE");
  assert.equal(secondCounter.calls, 0);
});

Deno.test("chain goes on past providers that throw with tryNextLink", async () => {
  const provider = chain(
    fromEnv({ env: {} }),
    unavailable("no profile"),
    // AWS SDK v3's CredentialsProviderError is recognised by its tryNextLink flag alone.
    () => Promise.reject(Object.assign(new Error("sdk: not here"), { tryNextLink: true })),
    fromStatic({ accessKeyId: "AKIDLAST", secretAccessKey: "s" }),
  );
  assert.equal((await provider()).accessKeyId, "AKIDLAST");
});

Deno.test("chain stops at an error without tryNextLink and rethrows it", async () => {
  const [last, lastCounter] = counted(
    fromStatic({ accessKeyId: "AKIDLAST", secretAccessKey: "s" }),
  );
  const fatal = new SourceProfileCycleError(["a", "b", "a"]);
  const stop = new CredentialsProviderError("broken config", { tryNextLink: false });
  await assert.rejects(
    chain(unavailable("x"), () => Promise.reject(fatal), last)(),
    (error) => error === fatal,
  );
  await assert.rejects(chain(() => Promise.reject(stop), last)(), (error) => error === stop);
  await assert.rejects(chain(() => Promise.reject(new TypeError("bug")), last)(), TypeError);
  assert.equal(lastCounter.calls, 0);
});

Deno.test("an exhausted chain throws ChainExhaustedError listing what each provider said", async () => {
  const first = new CredentialsProviderError("AWS_ACCESS_KEY_ID is not set.");
  const second = new CredentialsProviderError("Profile dev was not found.");
  await assert.rejects(
    chain(() => Promise.reject(first), () => Promise.reject(second))(),
    (error: unknown) => {
      assert.ok(error instanceof ChainExhaustedError);
      assert.deepEqual(error.errors, [first, second]);
      assert.equal(error.tryNextLink, true);
      assert.match(
        error.message,
        /\(1\) CredentialsProviderError: AWS_ACCESS_KEY_ID is not set\. \(2\) CredentialsProviderError: Profile dev was not found\./,
      );
      return true;
    },
  );
});

Deno.test("an exhausted chain redacts key-like text from other libraries' messages", async () => {
  const leaky = Object.assign(
    new Error("bad AKIAIOSFODNN7EXAMPLE with secret=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    { tryNextLink: true },
  );
  await assert.rejects(chain(() => Promise.reject(leaky))(), (error: unknown) => {
    assert.ok(error instanceof ChainExhaustedError);
    assert.ok(!error.message.includes("AKIAIOSFODNN7EXAMPLE"), error.message);
    assert.ok(!error.message.includes("wJalrXUtnFEMI"), error.message);
    assert.match(error.message, /\[redacted\]/);
    return true;
  });
});

Deno.test("an empty chain throws ChainExhaustedError", async () => {
  await assert.rejects(chain()(), ChainExhaustedError);
});

Deno.test("chains nest: an exhausted inner chain lets the outer one go on", async () => {
  const provider = chain(
    chain(unavailable("a"), unavailable("b")),
    fromStatic({ accessKeyId: "AKIDOUTER", secretAccessKey: "s" }),
  );
  assert.equal((await provider()).accessKeyId, "AKIDOUTER");
});

Deno.test("chain asks the providers again on every call", async () => {
  let available = false;
  const provider = chain(
    () =>
      available
        ? Promise.resolve({ accessKeyId: "AKIDLATE", secretAccessKey: "s" })
        : Promise.reject(new CredentialsProviderError("not yet")),
    fromStatic({ accessKeyId: "AKIDFALLBACK", secretAccessKey: "s" }),
  );
  assert.equal((await provider()).accessKeyId, "AKIDFALLBACK");
  available = true;
  assert.equal((await provider()).accessKeyId, "AKIDLATE");
});

Deno.test("chain redacts the secrets of credentials from any provider", async () => {
  const provider = chain(() =>
    Promise.resolve({ accessKeyId: "AKIDPLAIN", secretAccessKey: "plain-secret" })
  );
  const credentials = await provider();
  assert.equal(credentials.secretAccessKey, "plain-secret");
  assertNoneShown(credentials, ["plain-secret"], "the chain's credentials");
});

Deno.test("an exhausted chain shows this library's messages as written: variable names and paths intact", async () => {
  const home = "/home/first-run-user/projects2024";
  const platform = explicitPlatform({ env: {}, homeDir: home });
  await assert.rejects(
    chain(
      fromEnv({ platform }),
      fromIni({ platform }),
      fromWebIdentity({ platform }),
    )(),
    (error: unknown) => {
      assert.ok(error instanceof ChainExhaustedError);
      assert.ok(!error.message.includes("[redacted]"), error.message);
      assert.match(error.message, /AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set/);
      assert.match(
        error.message,
        /not found in \/home\/first-run-user\/projects2024\/\.aws\/config/,
      );
      assert.match(error.message, /a token: set AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE/);
      return true;
    },
  );
});
