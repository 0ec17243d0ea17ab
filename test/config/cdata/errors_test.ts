import assert from "node:assert/strict";
import fc from "fast-check";
import { ConnectionStringError, fromConnectionString } from "../../../src/config/mod.ts";

const SECRET_KEYS = [
  "Password",
  "AWSSecretKey",
  "AWSSessionToken",
  "MFAToken",
  "OAuthClientSecret",
  "APIToken",
  "MFAPassCode",
  "SSLClientCertPassword",
  "AWSWebIdentityToken",
];

function errorOf(text: string): ConnectionStringError {
  try {
    fromConnectionString(text);
  } catch (error) {
    if (error instanceof ConnectionStringError) return error;
    throw error;
  }
  throw new Error(`no error for ${text}`);
}

Deno.test("an unknown key is named, with a suggestion and the valid keys", () => {
  const error = errorOf("AuthScheme=AwsRootKeys;AWSAccesKey=A;AWSSecretKey=s");
  assert.equal(error.key, "AWSAccesKey");
  assert.match(
    error.message,
    /Unknown key "AWSAccesKey" in the connection string\. Did you mean AWSAccessKey\?/,
  );
  assert.match(error.message, /Valid keys: AuthScheme, AWSAccessKey, .*SSLClientCertPassword\./);
  const far = errorOf("Flux=1");
  assert.ok(!far.message.includes("Did you mean"));
});

Deno.test("an unknown key inside SSOProperties lists the SSOProperties keys", () => {
  const error = errorOf(
    "AuthScheme=ADFS;SSOLoginURL=https://sts.example.com;SSOProperties='RelyingPart=urn:x'",
  );
  assert.match(
    error.message,
    /^SSOProperties: Unknown key "RelyingPart" in the SSOProperties\. Did you mean RelyingParty\?/,
  );
  assert.match(
    error.message,
    /Valid keys: AuthScheme, RelyingParty, Resource, AzureTenant, APIToken/,
  );
});

Deno.test("an unknown AuthScheme lists the valid ones", () => {
  const error = errorOf("AuthScheme=AwsCognitoSrp");
  assert.equal(error.key, "AuthScheme");
  assert.match(
    error.message,
    /AuthScheme "AwsCognitoSrp" is not known\. Valid values: Auto, AwsRootKeys, .*AzureAD\./,
  );
});

Deno.test("missing required keys are named per scheme", () => {
  const cases: [string, string][] = [
    ["AuthScheme=AwsRootKeys;AWSAccessKey=A", "AWSSecretKey"],
    ["AuthScheme=AwsRootKeys;AWSSecretKey=s", "AWSAccessKey"],
    ["AuthScheme=AwsMFA;AWSAccessKey=A;AWSSecretKey=s", "MFASerialNumber"],
    ["AuthScheme=Okta;User=u;Password=p", "SSOLoginURL"],
    ["AuthScheme=PingFederate;SSOLoginURL=https://pf.example.com;Password=p", "User"],
    ["AuthScheme=AzureAD;OAuthClientId=c;SSOProperties='Resource=r'", "SSOProperties.AzureTenant"],
    ["AuthScheme=AzureAD;SSOProperties='Resource=r;AzureTenant=t'", "OAuthClientId"],
  ];
  for (const [text, key] of cases) assert.equal(errorOf(text).key, key, text);
});

Deno.test("invalid values are refused by key", () => {
  assert.equal(
    errorOf("AWSAccessKey=A;AWSSecretKey=s;TemporaryTokenDuration=soon").key,
    "TemporaryTokenDuration",
  );
  assert.equal(
    errorOf("AWSAccessKey=A;AWSSecretKey=s;TemporaryTokenDuration=60").key,
    "TemporaryTokenDuration",
  );
  assert.equal(
    errorOf("AWSAccessKey=A;AWSSecretKey=s;StorageBaseURL=127.0.0.1:9000").key,
    "StorageBaseURL",
  );
});

Deno.test("no error message ever holds a secret key's value", () => {
  const secretValue = fc.string({
    unit: fc.constantFrom("S", "E", "C", "R", "T", "x", "1"),
    minLength: 12,
    maxLength: 20,
  })
    .map((s) => `SECRET${s}`);
  const broken = [
    (k: string, v: string) => `${k}='${v}`, // unterminated quote
    (k: string, v: string) => `AuthScheme=AwsRootKeys;${k}=${v};AWSAccesKey=A`, // unknown key
    (k: string, v: string) => `AuthScheme=Okta;${k}=${v}`, // missing SSOLoginURL
    (k: string, v: string) => `AuthScheme=Nope;${k}=${v}`, // unknown scheme
    (k: string, v: string) => `${k}=${v};${v}`, // a pair without "="
  ];
  fc.assert(
    fc.property(
      fc.constantFrom(...SECRET_KEYS),
      secretValue,
      fc.constantFrom(...broken),
      (key, value, make) => {
        const error = errorOf(make(key, value));
        assert.ok(!error.message.includes(value), error.message);
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("parsing arbitrary text either works or throws ConnectionStringError", () => {
  fc.assert(
    fc.property(
      fc.string({ unit: fc.constantFrom(";", "=", "'", '"', " ", "A", "b"), maxLength: 40 }),
      (text) => {
        try {
          fromConnectionString(text);
        } catch (error) {
          assert.ok(error instanceof ConnectionStringError, String(error));
        }
      },
    ),
    { numRuns: 1000 },
  );
});
