// Hostile input the layers below SAML must refuse with a typed error: CRLF / NUL in header
// values, credentials and profile names, path tricks in credential_process, token-file and
// SSO cache paths, and oversized answers from IMDS, the container endpoint and STS.
import assert from "node:assert/strict";
import { AwsError } from "../../src/http/errors.ts";
import { CredentialSettingError, CredentialsProviderError } from "../../src/credentials/errors.ts";
import { explicitPlatform } from "../../src/credentials/platform/explicit.ts";
import { fromContainer } from "../../src/credentials/from_container.ts";
import { fromImds } from "../../src/credentials/from_imds.ts";
import { fromIni } from "../../src/sts/from_ini.ts";
import { fromProcess } from "../../src/credentials/from_process.ts";
import { denoPlatform } from "../../src/credentials/platform/deno.ts";
import { ssoCacheFilePath } from "../../src/credentials/sso/token_cache.ts";
import { CredentialsError } from "../../src/sigv4/errors.ts";
import { SigV4Signer } from "../../src/sigv4/signer.ts";
import type { Credentials } from "../../src/sigv4/credentials.ts";
import type { RunProcessOptions } from "../../src/credentials/platform/types.ts";
import { StsClient } from "../../src/sts/mod.ts";
import { fromWebIdentity } from "../../src/sts/from_web_identity.ts";
import { rejectionOf } from "../rejection.ts";

const KEYS = { accessKeyId: "AKIDHOSTILE", secretAccessKey: "hostile-secret" };
const signer = (credentials: Credentials = KEYS) =>
  new SigV4Signer({ credentials, region: "us-east-1", service: "execute-api" });

Deno.test("CRLF / NUL in a header value never reach the signer: the runtime's Headers throws TypeError", () => {
  for (const value of ["a\r\nx-injected: 1", "a\nb", "a\rb", "a\0b"]) {
    assert.throws(
      () => new Request("https://api.example.com/", { headers: { "x-custom": value } }),
      TypeError,
    );
  }
});

Deno.test("CRLF / NUL in a session token or key id is a typed CredentialsError before signing", async () => {
  const request = new Request("https://api.example.com/");
  for (const bad of ["tok\r\nx-injected: 1", "tok\0en", "tok\nen"]) {
    const token = await rejectionOf(signer({ ...KEYS, sessionToken: bad }).sign(request));
    assert.ok(token instanceof CredentialsError, String(token));
    const keyId = await rejectionOf(signer({ ...KEYS, accessKeyId: `AKID${bad}` }).sign(request));
    assert.ok(keyId instanceof CredentialsError, String(keyId));
  }
});

Deno.test("a profile name with CRLF or NUL is just a missing profile, named without raw control characters", async () => {
  const platform = explicitPlatform({
    homeDir: "/h",
    files: {
      "/h/.aws/credentials": "[dev]\naws_access_key_id = AKID\naws_secret_access_key = s\n",
    },
  });
  for (const profile of ["dev\r\n[evil]", "dev\0", "dev\n"]) {
    const error = await rejectionOf(fromIni({ profile, platform })());
    assert.ok(error instanceof CredentialsProviderError, String(error));
    assert.doesNotMatch(error.message, /[\r\n\0]/);
    assert.match(error.message, /^Profile dev(\\x0d\\x0a\[evil\]|\\x00|\\x0a) was not found/);
  }
});

Deno.test("credential_process runs without a shell: metacharacters and ../ are plain arguments", async () => {
  const calls: Array<[string, string[]]> = [];
  const platform = {
    ...explicitPlatform(),
    runProcess: (program: string, options: RunProcessOptions) => {
      calls.push([program, [...options.args ?? []]]);
      return Promise.resolve({ code: 1, stdout: "", stderr: "" });
    },
  };
  await rejectionOf(
    fromProcess({ command: "../../bin/helper; rm -rf / $(id) `id` | cat", platform })(),
  );
  assert.deepEqual(calls, [["../../bin/helper;", ["rm", "-rf", "/", "$(id)", "`id`", "|", "cat"]]]);
});

Deno.test("SSO cache paths are a SHA-1 under ~/.aws/sso/cache whatever the session name", async () => {
  const platform = explicitPlatform({ homeDir: "/home/me" });
  for (const name of ["../../../etc/passwd", "/abs", "a\0b", "..\\..\\x", "a\r\nb"]) {
    const path = await ssoCacheFilePath(platform, name);
    assert.match(path ?? "", /^\/home\/me\/\.aws\/sso\/cache\/[0-9a-f]{40}\.json$/);
  }
});

Deno.test("an unreadable web_identity_token_file (NUL, a directory) is a typed error, not a TypeError", async () => {
  const home = await Deno.makeTempDir();
  try {
    for (const tokenFile of ["/tmp/a\0b", home]) {
      await Deno.mkdir(`${home}/.aws`, { recursive: true });
      await Deno.writeTextFile(
        `${home}/.aws/config`,
        `[profile p]\nrole_arn = arn:aws:iam::1:role/r\nweb_identity_token_file = ${tokenFile}\n`,
      );
      const platform = { ...denoPlatform(), env: () => undefined, homeDir: () => home };
      const viaProfile = await rejectionOf(
        fromIni({
          profile: "p",
          platform,
          webIdentityAssumer: () => Promise.resolve(KEYS),
        })(),
      );
      assert.ok(viaProfile instanceof CredentialSettingError, String(viaProfile));
      const direct = await rejectionOf(
        fromWebIdentity({
          roleArn: "arn:aws:iam::1:role/r",
          webIdentityTokenFile: tokenFile,
          platform,
        })(),
      );
      assert.ok(direct instanceof CredentialsProviderError, String(direct));
    }
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

function answering(body: string, status = 200): typeof fetch {
  return (input, init) => {
    void new Request(input, init).body?.cancel();
    return Promise.resolve(new Response(body, { status }));
  };
}

Deno.test("oversized IMDS, container and STS answers hit a size cap and a typed error", async () => {
  const huge = `{"AccessKeyId":"${"A".repeat(2 * 1024 * 1024)}"}`;
  const imds = await rejectionOf(
    fromImds({
      endpoint: "http://127.0.0.1:9",
      fetch: answering(huge),
      platform: explicitPlatform(),
    })(),
  );
  assert.ok(imds instanceof CredentialsProviderError, String(imds));
  const container = await rejectionOf(
    fromContainer({
      fetch: answering(huge),
      platform: explicitPlatform({
        env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://127.0.0.1:9/creds" },
      }),
    })(),
  );
  assert.ok(container instanceof CredentialsProviderError, String(container));
  const sts = await rejectionOf(
    new StsClient({ credentials: KEYS, fetch: answering(`<A>${"x".repeat(3 << 20)}</A>`) })
      .getCallerIdentity(),
  );
  assert.ok(sts instanceof AwsError && sts.code === "InvalidResponse", String(sts));
  const errorBody = await rejectionOf(
    new StsClient({
      credentials: KEYS,
      fetch: answering(`<ErrorResponse>${"x".repeat(3 << 20)}`, 403),
    }).getCallerIdentity(),
  );
  assert.ok(errorBody instanceof AwsError && errorBody.code === "InvalidResponse");
});
