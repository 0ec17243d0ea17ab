// Every failure path and every provider's credentials, fed recognisable secrets: none of
// them may show up in a message, String(error), JSON.stringify(error), or an inspection of
// the error (causes included) or of the credentials.
import assert from "node:assert/strict";
import { chain } from "../../src/credentials/chain.ts";
import { fromEnv } from "../../src/credentials/from_env.ts";
import { fromIni, type FromIniOptions } from "../../src/sts/from_ini.ts";
import { fromProcess } from "../../src/credentials/from_process.ts";
import { fromStatic } from "../../src/credentials/from_static.ts";
import type { Platform } from "../../src/credentials/platform/types.ts";
import { refreshing } from "../../src/credentials/refreshing.ts";
import type { CredentialProvider } from "../../src/sigv4/credentials.ts";
import { assertNoneShown } from "../security/assert_no_secrets.ts";
import { platformWith } from "./profile/ini_fixtures.ts";

const SECRET = "zzSECRETzzwJalrXUtnFEMIK7MDENGbPxRfiCY";
const TOKEN = "zzTOKENzzIQoJb3JpZ2luX2VjEXAMPLE";
const MFA_CODE = "zzMFAzz987654";
const WEB_TOKEN = "zzWEBTOKENzz.eyJzdWIiOiJjaSJ9";
const SECRETS = [SECRET, TOKEN, MFA_CODE, WEB_TOKEN, "zzSECRETzz", "zzTOKENzz"];

const KEYS =
  `aws_access_key_id = AKIDSAFE\naws_secret_access_key = ${SECRET}\naws_session_token = ${TOKEN}\n`;

function platform(
  config: string,
  credentials = `[base]\n${KEYS}`,
  env: Record<string, string> = {},
): Platform {
  return platformWith(config, credentials, env, { "/token": WEB_TOKEN });
}

const assertNoSecret = (what: string, value: unknown) => assertNoneShown(value, SECRETS, what);

const role = (name: string, extra = "") =>
  `[profile ${name}]\nrole_arn = arn:aws:iam::1:role/${name}\nsource_profile = base\n${extra}`;
const ini = (options: FromIniOptions) => fromIni({ profile: "p", ...options });
const roleAssumer = () =>
  Promise.resolve({ accessKeyId: "ASIAROLE", secretAccessKey: SECRET, sessionToken: TOKEN });
const failingProcess = (stdout: string, code = 0): Platform => ({
  ...platform(""),
  runProcess: () =>
    Promise.resolve({
      code,
      stdout,
      stderr: `failed for secret=${SECRET} token ${TOKEN} ${SECRET}`,
    }),
});
const v1 = (fields: Record<string, unknown>) =>
  JSON.stringify({
    Version: 1,
    AccessKeyId: "AKIDSAFE",
    SecretAccessKey: SECRET,
    SessionToken: TOKEN,
    ...fields,
  });

const FAILURES: Array<[string, CredentialProvider]> = [
  ["malformed line", ini({ platform: platform(`[profile p]\n${SECRET}\n`) })],
  [
    "key before section",
    ini({ platform: platform(`aws_secret_access_key = ${SECRET}\n[profile p]\n`) }),
  ],
  ["unterminated header", ini({ platform: platform("", `[base ${SECRET}\n`) })],
  ["missing profile", ini({ platform: platform("") })],
  [
    "profile without credentials",
    ini({ platform: platform(`[profile p]\nregion = ${SECRET}x\n`, "") }),
  ],
  [
    "cycle",
    ini({
      platform: platform(role("p").replace("base", "q") + role("q").replace("base", "p")),
      roleAssumer,
    }),
  ],
  ["missing source", ini({ platform: platform(role("p").replace("base", "gone")), roleAssumer })],
  ["no roleAssumer", ini({ platform: platform(role("p")) })],
  [
    "no mfaCodeProvider",
    ini({ platform: platform(role("p", "mfa_serial = arn:aws:iam::1:mfa/me\n")), roleAssumer }),
  ],
  [
    "failing roleAssumer after MFA",
    ini({
      platform: platform(role("p", "mfa_serial = arn:aws:iam::1:mfa/me\n")),
      mfaCodeProvider: () => Promise.resolve(MFA_CODE),
      roleAssumer: () => Promise.reject(new Error("AccessDenied")),
    }),
  ],
  [
    "bad duration",
    ini({ platform: platform(role("p", "duration_seconds = forever\n")), roleAssumer }),
  ],
  [
    "unknown credential_source",
    ini({
      platform: platform(`[profile p]\nrole_arn = r\ncredential_source = Nope\n${KEYS}`),
      roleAssumer,
    }),
  ],
  [
    "no Ec2InstanceMetadata provider",
    ini({
      platform: platform("[profile p]\nrole_arn = r\ncredential_source = Ec2InstanceMetadata\n"),
      roleAssumer,
    }),
  ],
  [
    "web identity without assumer",
    ini({ platform: platform("[profile p]\nrole_arn = r\nweb_identity_token_file = /token\n") }),
  ],
  [
    "web identity assumer failing",
    ini({
      platform: platform("[profile p]\nrole_arn = r\nweb_identity_token_file = /token\n"),
      webIdentityAssumer: () => Promise.reject(new Error("InvalidIdentityToken")),
    }),
  ],
  ["missing sso-session", ini({ platform: platform("[profile p]\nsso_session = gone\n") })],
  ["env without id", fromEnv({ env: { AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN } })],
  [
    "env with bad expiration",
    fromEnv({
      env: {
        AWS_ACCESS_KEY_ID: "AKIDSAFE",
        AWS_SECRET_ACCESS_KEY: SECRET,
        AWS_CREDENTIAL_EXPIRATION: "x",
      },
    }),
  ],
  ["process exit code", fromProcess({ command: "helper", platform: failingProcess(v1({}), 2) })],
  [
    "process bad JSON",
    fromProcess({ command: "helper", platform: failingProcess(`{"SecretAccessKey": "${SECRET}"`) }),
  ],
  ["process array", fromProcess({ command: "helper", platform: failingProcess(`["${SECRET}"]`) })],
  [
    "process version 2",
    fromProcess({ command: "helper", platform: failingProcess(v1({ Version: 2 })) }),
  ],
  [
    "process version as text",
    fromProcess({ command: "helper", platform: failingProcess(v1({ Version: SECRET })) }),
  ],
  [
    "process expired",
    fromProcess({
      command: "helper",
      platform: failingProcess(v1({ Expiration: "2001-01-01T00:00:00Z" })),
    }),
  ],
  [
    "process bad expiration",
    fromProcess({ command: "helper", platform: failingProcess(v1({ Expiration: SECRET })) }),
  ],
  [
    "process token not text",
    fromProcess({ command: "helper", platform: failingProcess(v1({ SessionToken: [TOKEN] })) }),
  ],
  [
    "process without key id",
    fromProcess({ command: "helper", platform: failingProcess(v1({ AccessKeyId: undefined })) }),
  ],
  [
    "process unterminated quote",
    fromProcess({ command: `helper '${SECRET}`, platform: failingProcess("") }),
  ],
  [
    "process on a platform without processes",
    fromProcess({ command: `helper ${SECRET}`, platform: platform("") }),
  ],
  [
    "process that cannot start",
    fromProcess({
      command: "helper",
      platform: { ...platform(""), runProcess: () => Promise.reject(new Error("spawn failed")) },
    }),
  ],
  [
    "static expired",
    fromStatic({ accessKeyId: "AKIDSAFE", secretAccessKey: SECRET, expiration: new Date(1) }),
  ],
  [
    "exhausted chain",
    chain(fromEnv({ env: { AWS_SECRET_ACCESS_KEY: SECRET } }), ini({ platform: platform("") })),
  ],
];

for (const [name, provider] of FAILURES) {
  Deno.test(`no secret in the error: ${name}`, async () => {
    const error = await provider().then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof Error, `${name} should fail`);
    assertNoSecret(name, error);
  });
}

Deno.test("no secret in the error of a refreshing cache whose credentials expired", async () => {
  let now = 0;
  let fail = false;
  const cached = refreshing(
    () =>
      fail ? Promise.reject(new Error("refresh failed")) : Promise.resolve({
        accessKeyId: "AKIDSAFE",
        secretAccessKey: SECRET,
        sessionToken: TOKEN,
        expiration: new Date(now + 1000),
      }),
    { now: () => now },
  );
  assertNoSecret("cached credentials", await cached());
  fail = true;
  now += 2000;
  const error = await cached().then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof Error);
  assertNoSecret("refresh failure", error);
});

Deno.test("no secret in the inspection of any provider's credentials", async () => {
  const processPlatform: Platform = {
    ...platform(""),
    runProcess: () => Promise.resolve({ code: 0, stdout: v1({}), stderr: "" }),
  };
  const providers: Array<[string, CredentialProvider]> = [
    [
      "fromStatic",
      fromStatic({ accessKeyId: "AKIDSAFE", secretAccessKey: SECRET, sessionToken: TOKEN }),
    ],
    [
      "fromEnv",
      fromEnv({
        env: {
          AWS_ACCESS_KEY_ID: "AKIDSAFE",
          AWS_SECRET_ACCESS_KEY: SECRET,
          AWS_SESSION_TOKEN: TOKEN,
        },
      }),
    ],
    ["fromIni static", fromIni({ profile: "base", platform: platform("") })],
    ["fromIni assumed", ini({ platform: platform(role("p")), roleAssumer })],
    [
      "fromIni credential_source",
      ini({
        platform: platform("[profile p]\nrole_arn = r\ncredential_source = Environment\n", "", {
          AWS_ACCESS_KEY_ID: "AKIDSAFE",
          AWS_SECRET_ACCESS_KEY: SECRET,
        }),
        roleAssumer,
      }),
    ],
    [
      "a source profile with credential_source only",
      ini({
        platform: platform(
          role("p").replace("base", "src") + "[profile src]\ncredential_source = Environment\n",
          "",
          {
            AWS_ACCESS_KEY_ID: "AKIDSAFE",
            AWS_SECRET_ACCESS_KEY: SECRET,
          },
        ),
        roleAssumer,
      }),
    ],
    [
      "fromIni web identity",
      ini({
        platform: platform("[profile p]\nrole_arn = r\nweb_identity_token_file = /token\n"),
        webIdentityAssumer: roleAssumer,
      }),
    ],
    [
      "fromIni sso",
      ini({
        platform: platform("[profile p]\nsso_account_id = 1\n"),
        ssoCredentialsResolver: roleAssumer,
      }),
    ],
    ["fromProcess", fromProcess({ command: "helper", platform: processPlatform })],
    ["chain", chain(fromEnv({ env: {} }), fromIni({ profile: "base", platform: platform("") }))],
    ["refreshing", refreshing(fromIni({ profile: "base", platform: platform("") }))],
  ];
  for (const [name, provider] of providers) {
    const credentials = await provider();
    assert.ok(credentials.secretAccessKey === SECRET, `${name} returns the secret`);
    assertNoSecret(name, credentials);
  }
});
