// Differential: on randomly generated config + credentials files, iamfetch's fromIni
// resolves the same credentials as AWS SDK v3's @aws-sdk/credential-provider-ini, or both fail.
import assert from "node:assert/strict";
import fc from "fast-check";
import { fromIni as sdkFromIni } from "@aws-sdk/credential-provider-ini";
import { denoPlatform } from "../../../src/credentials/platform/deno.ts";
import { fromEnv } from "../../../src/credentials/from_env.ts";
import { fromIni } from "../../../src/sts/from_ini.ts";
import type { AssumeRoleParams } from "../../../src/credentials/profile/callbacks.ts";
import type { Credentials } from "../../../src/sigv4/credentials.ts";

const NAMES = ["default", "a", "b", "c", "d"] as const;

// The same deterministic stand-in for STS on both sides: the result encodes the source
// credentials and every parameter that comes from the files.
const fakeRoleAssumer = (source: Credentials, params: AssumeRoleParams): Promise<Credentials> =>
  Promise.resolve({
    accessKeyId: `${source.accessKeyId}>${params.RoleArn}`,
    secretAccessKey: `sk(${source.secretAccessKey})`,
    sessionToken: `st(${source.sessionToken ?? ""}|${params.ExternalId ?? ""}|` +
      `${params.SerialNumber ?? ""}|${params.TokenCode ?? ""})`,
  });
const mfaCodeProvider = (serial: string) => Promise.resolve(`code-for-${serial.length}`);

const anySettingsArb = fc.record({
  aws_access_key_id: fc.constantFrom("AKID1", "AKID2", "AKID3"),
  aws_secret_access_key: fc.constantFrom("secret1", "sec=ret;2", "s#3"),
  aws_session_token: fc.constantFrom("token1", "token2"),
  role_arn: fc.constantFrom("arn:aws:iam::123456789012:role/r1", "arn:aws:iam::1:role/r2"),
  source_profile: fc.constantFrom(...NAMES, "missing"),
  credential_source: fc.constantFrom("Environment", "Bogus", "environment"),
  external_id: fc.constantFrom("ext1", "ext2"),
  mfa_serial: fc.constant("arn:aws:iam::123456789012:mfa/me"),
  role_session_name: fc.constant("session"),
  duration_seconds: fc.constantFrom("900", "3600"),
  region: fc.constant("eu-west-1"),
}, { requiredKeys: [] });

// Mostly well-formed static and role profiles, so that chains resolve often; plus any mix.
const settingsArb = fc.oneof(
  fc.tuple(
    fc.record({
      aws_access_key_id: fc.constantFrom("AKID1", "AKID2", "AKID3"),
      aws_secret_access_key: fc.constantFrom("secret1", "sec=ret;2"),
    }),
    fc.record({ aws_session_token: fc.constant("token1"), region: fc.constant("us-east-2") }, {
      requiredKeys: [],
    }),
  ).map(([keys, extra]) => ({ ...keys, ...extra })),
  fc.tuple(
    fc.record({
      role_arn: fc.constantFrom("arn:aws:iam::123456789012:role/r1", "arn:aws:iam::1:role/r2"),
      source_profile: fc.constantFrom(...NAMES),
    }),
    fc.record({
      external_id: fc.constantFrom("ext1", "ext2"),
      role_session_name: fc.constant("session"),
      aws_access_key_id: fc.constant("AKIDSELF"),
      aws_secret_access_key: fc.constant("secretself"),
    }, { requiredKeys: [] }),
  ).map(([keys, extra]) => ({ ...keys, ...extra })),
  anySettingsArb,
);

// One setting line, with the spacing and comment variations both parsers accept.
const lineArb = (key: string, value: string) =>
  fc.tuple(
    fc.constantFrom("=", " = ", "  =\t", " =", "= "),
    fc.constantFrom("", "", "", " # trailing", "\t; trailing"),
    fc.constantFrom("", "", "", "", "  "),
  ).map(([separator, comment, indent]) => `${indent}${key}${separator}${value}${comment}`);

const noiseArb = fc.constantFrom(
  "",
  "# a comment",
  "; a comment",
  "   # indented comment",
  "s3 =\n  addressing_style = path\n  use_accelerate_endpoint = true",
  "aws_session_token =",
  "output=json",
);

const bodyArb = settingsArb.chain((settings) =>
  fc.tuple(
    fc.tuple(...Object.entries(settings).map(([key, value]) => lineArb(key, value as string))),
    fc.array(noiseArb, { maxLength: 3 }),
  ).chain(([lines, noise]) => {
    const all = [...lines, ...noise];
    return fc.shuffledSubarray(all, { minLength: all.length });
  })
);

const headerComment = fc.constantFrom("", "", " # header comment", " ;c");

const configSectionArb = fc.tuple(
  fc.constantFrom(...NAMES),
  fc.constantFrom("profile", "profile", "quoted", "bare", "tab", "padded", "padded bare"),
  headerComment,
  bodyArb,
).map(([name, style, comment, body]) => {
  const header = style === "profile"
    ? `profile ${name}`
    : style === "quoted"
    ? `profile "${name}"`
    : style === "tab"
    ? `profile\t${name}`
    : style === "padded"
    ? ` profile ${name} ` // a profile for neither the SDK nor botocore
    : style === "padded bare"
    ? ` ${name} ` // not even [ default ]
    : name; // bare: ignored in the config file, except [default]
  return [`[${header}]${comment}`, ...body].join("\n");
});

const credentialsSectionArb = fc.tuple(
  fc.constantFrom(...NAMES),
  // [profile x] here does not define x, nor does [ x ] (a profile named " x ").
  fc.constantFrom("bare", "bare", "bare", "profile", "padded"),
  headerComment,
  bodyArb,
).map(([name, style, comment, body]) => {
  const header = style === "profile" ? `profile ${name}` : style === "padded" ? ` ${name} ` : name;
  return [`[${header}]${comment}`, ...body].join("\n");
});

const fileArb = (sectionArb: fc.Arbitrary<string>) =>
  fc.option(
    fc.tuple(
      fc.array(sectionArb, { maxLength: 6 }),
      fc.constantFrom("\n", "\r\n"),
      fc.constantFrom("", "", "", "\uFEFF"),
      fc.constantFrom("", "# leading comment\n"),
    ).map(([sections, eol, bom, leading]) =>
      (bom + leading + sections.join("\n\n") + "\n").replaceAll("\n", eol)
    ),
    { freq: 8 }, // sometimes the file does not exist
  );

const caseArb = fc.record({
  config: fileArb(configSectionArb),
  credentials: fileArb(credentialsSectionArb),
  profile: fc.constantFrom(...NAMES, "missing"),
  withMfaProvider: fc.boolean(),
});

type Outcome =
  | { ok: true; accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  | { ok: false; error: unknown };

async function outcome(provider: () => Promise<Credentials>): Promise<Outcome> {
  try {
    const { accessKeyId, secretAccessKey, sessionToken } = await provider();
    return { ok: true, accessKeyId, secretAccessKey, sessionToken };
  } catch (error) {
    return { ok: false, error };
  }
}

Deno.test("fromIni resolves the same credentials as @aws-sdk/credential-provider-ini on 300 generated file pairs", async () => {
  const dir = await Deno.makeTempDir({ prefix: "iamfetch-ini-diff-" });
  let caseNumber = 0;
  const seen = { ok: 0, failed: 0, assumed: 0 };
  // The SDK asks for the MFA code before awaiting the source profile's credentials: when it
  // throws for a missing mfaCodeProvider, a failing source's promise is left unhandled.
  const sdkDanglingRejection = (event: PromiseRejectionEvent) => event.preventDefault();
  globalThis.addEventListener("unhandledrejection", sdkDanglingRejection);
  try {
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ config, credentials, profile, withMfaProvider }) => {
        // The SDK caches file contents per path for the life of the process: a fresh path per case.
        const caseDir = `${dir}/case-${caseNumber++}`;
        await Deno.mkdir(caseDir);
        const configFilepath = `${caseDir}/config`;
        const filepath = `${caseDir}/credentials`;
        if (config !== null) await Deno.writeTextFile(configFilepath, config);
        if (credentials !== null) await Deno.writeTextFile(filepath, credentials);
        const mfa = withMfaProvider ? { mfaCodeProvider } : {};

        const expected = await outcome(
          sdkFromIni({ profile, filepath, configFilepath, roleAssumer: fakeRoleAssumer, ...mfa }),
        );
        const actual = await outcome(
          fromIni({
            profile,
            filepath,
            configFilepath,
            roleAssumer: fakeRoleAssumer,
            ...mfa,
            platform: denoPlatform(),
            // The SDK reads the real environment for credential_source = Environment; so do we.
            credentialSources: { Environment: fromEnv({ platform: denoPlatform() }) },
          }),
        );
        const context =
          `profile ${profile}\n--- config\n${config}\n--- credentials\n${credentials}`;
        if (expected.ok) {
          assert.ok(
            actual.ok,
            `${context}\niamfetch failed: ${(actual as { error: unknown }).error}`,
          );
          assert.deepEqual(actual, expected, context);
          seen.ok++;
          if (expected.accessKeyId.includes(">")) seen.assumed++;
        } else {
          assert.equal(
            actual.ok,
            false,
            `${context}\nthe SDK failed (${expected.error}) but iamfetch resolved`,
          );
          seen.failed++;
        }
      }),
      { numRuns: 300 },
    );
  } finally {
    globalThis.removeEventListener("unhandledrejection", sdkDanglingRejection);
    await Deno.remove(dir, { recursive: true });
  }
  // The generator must exercise both outcomes and role chains, or the comparison proves little.
  assert.ok(seen.ok >= 30, `only ${seen.ok} cases resolved`);
  assert.ok(seen.failed >= 30, `only ${seen.failed} cases failed`);
  console.log(`differential outcomes: ${JSON.stringify(seen)}`);
  assert.ok(seen.assumed >= 5, `only ${seen.assumed} cases assumed a role`);
});
