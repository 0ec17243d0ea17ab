// Parser fuzzing with fast-check: random and mutated inputs to every parser below the
// SAML layer give a result or a typed error — never another exception — and 10 MB
// inputs finish within a time bound (a super-linear parser would take minutes).
import assert from "node:assert/strict";
import fc from "fast-check";
import { AwsError, awsErrorFromResponse } from "../../src/http/errors.ts";
import { errorCodeFromBody } from "../../src/http/error_code.ts";
import { splitCommandLine } from "../../src/credentials/command_line.ts";
import { CredentialsError } from "../../src/sigv4/errors.ts";
import { explicitPlatform } from "../../src/credentials/platform/explicit.ts";
import { fromProcess } from "../../src/credentials/from_process.ts";
import { fromContainer } from "../../src/credentials/from_container.ts";
import { fromImds } from "../../src/credentials/from_imds.ts";
import { parseIni } from "../../src/credentials/profile/ini.ts";
import { loadSharedConfig } from "../../src/credentials/profile/shared_config.ts";
import { callerIdentityResult, credentialsResult } from "../../src/sts/_response.ts";
import { rdsRegionFromHostname } from "../../src/tokens/rds/host.ts";
import { dbCredentialsResult } from "../../src/tokens/redshift/_response.ts";
import { queryResult } from "../../src/http/query_result.ts";
import { assertFinishesInTime } from "../finishes_in_time.ts";
import { documentFuzzer, typedOrResult, typedOrResultAsync } from "./fuzz_inputs.ts";

const RUNS = 1_000;
const INI_SEED = "[default]\naws_access_key_id = AKID\n[profile dev]\nregion = eu-west-1\n" +
  "s3 =\n  addressing_style = path\n[sso-session s]\nsso_region = us-east-1 ; c\n";
const STS_SEED = "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIA" +
  "</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken>" +
  "<Expiration>2030-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>a</Arn>" +
  "</AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>";
const ERROR_SEEDS = [
  "<ErrorResponse><Error><Code>Throttling</Code><Message>m</Message></Error></ErrorResponse>",
  '{"__type":"com.amazon#ThrottlingException","message":"m"}',
];
const PROCESS_SEED = '{"Version":1,"AccessKeyId":"AKID","SecretAccessKey":"s",' +
  '"SessionToken":"t","Expiration":"2099-01-01T00:00:00Z"}';

const { inputs } = documentFuzzer({ marks: ["<", ">", "]", "[", "=", "\n", '"', "\0", "\r"] });

Deno.test("INI and the shared-config loader: a result or CredentialsError for any text", async () => {
  fc.assert(
    fc.property(inputs(INI_SEED), (text) => {
      typedOrResult(() => parseIni(text, { path: "/c" }), CredentialsError);
    }),
    { numRuns: RUNS },
  );
  await fc.assert(
    fc.asyncProperty(inputs(INI_SEED), inputs(INI_SEED), async (config, credentials) => {
      const platform = explicitPlatform({
        homeDir: "/h",
        files: { "/h/.aws/config": config, "/h/.aws/credentials": credentials },
      });
      await typedOrResultAsync(() => loadSharedConfig(platform), CredentialsError);
    }),
    { numRuns: RUNS },
  );
});

Deno.test("credential_process output and command lines: a result or a typed error", async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.json(), inputs(PROCESS_SEED)), async (stdout) => {
      const platform = {
        ...explicitPlatform(),
        runProcess: () => Promise.resolve({ code: 0, stdout, stderr: "" }),
      };
      await typedOrResultAsync(
        () => fromProcess({ command: "helper", platform })(),
        CredentialsError,
      );
    }),
    { numRuns: RUNS },
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (line) => {
      typedOrResult(() => splitCommandLine(line), SyntaxError);
    }),
    { numRuns: RUNS },
  );
});

Deno.test("container / IMDS-shaped JSON: a result or a typed error", async () => {
  const platform = explicitPlatform({
    env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://127.0.0.1:9/creds" },
  });
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(fc.json(), inputs(PROCESS_SEED.replace("SessionToken", "Token"))),
      async (body) => {
        const fetch = () => Promise.resolve(new Response(body));
        await typedOrResultAsync(() => fromContainer({ fetch, platform })(), CredentialsError);
        const imds = (input: RequestInfo | URL, init?: RequestInit) => {
          const path = new URL(new Request(input, init).url).pathname;
          return Promise.resolve(new Response(path.endsWith("/") ? "role" : body));
        };
        await typedOrResultAsync(() => fromImds({ fetch: imds, platform })(), CredentialsError);
      },
    ),
    { numRuns: RUNS, examples: [["null"], ["[]"], ["7"], ['"text"']] },
  );
});

Deno.test("STS and Redshift answers: a result or AwsError InvalidResponse", () => {
  fc.assert(
    fc.property(inputs(STS_SEED), (xml) => {
      typedOrResult(
        () => credentialsResult("AssumeRole", queryResult("STS", "AssumeRole", xml)),
        AwsError,
      );
      typedOrResult(
        () => callerIdentityResult(queryResult("STS", "GetCallerIdentity", xml)),
        AwsError,
      );
      const redshift = xml.replaceAll("AssumeRole", "GetClusterCredentials");
      typedOrResult(
        () =>
          dbCredentialsResult(
            "GetClusterCredentials",
            queryResult("Redshift", "GetClusterCredentials", redshift),
          ),
        AwsError,
      );
    }),
    { numRuns: RUNS },
  );
});

Deno.test("XML and JSON error bodies: always an AwsError, never a throw", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(inputs(ERROR_SEEDS[0]), inputs(ERROR_SEEDS[1]), fc.json()),
      fc.integer({ min: 400, max: 599 }),
      async (body, status) => {
        errorCodeFromBody(body);
        const error = await awsErrorFromResponse(new Response(body, { status }));
        assert.ok(error instanceof AwsError && error.status === status);
      },
    ),
    { numRuns: RUNS },
  );
});

Deno.test("RDS host parsing: a region or undefined for any hostname", () => {
  fc.assert(
    fc.property(inputs("db.cluster-ro-abc123.eu-west-1.rds.amazonaws.com"), (host) => {
      const region = rdsRegionFromHostname(host);
      assert.ok(region === undefined || /^[a-z]{2}(-[a-z]+)+-\d+$/.test(region));
    }),
    { numRuns: RUNS },
  );
});

Deno.test("10 MB inputs to each parser finish in time (a super-linear parser would take minutes)", async () => {
  const size = 10 * 1024 * 1024;
  const cases: Array<[string, () => unknown]> = [
    ["error code, unclosed <Code>", () => errorCodeFromBody("<Error><Code>" + " ".repeat(size))],
    ["error code, cut-off JSON", () => errorCodeFromBody('{"code" :' + ' "'.repeat(size / 2))],
    ["RDS host, many labels", () => rdsRegionFromHostname("a.".repeat(size / 2) + "rds.x")],
    ["RDS host, one label", () => rdsRegionFromHostname("a".repeat(size) + ".rds.amazon")],
    [
      "command line, open quote",
      () => typedOrResult(() => splitCommandLine("'" + "a ".repeat(size / 2)), SyntaxError),
    ],
    ["command line, escapes", () => splitCommandLine("\\a".repeat(size / 2))],
    [
      "STS answer of 10 MB (refused by size)",
      () => typedOrResult(() => queryResult("STS", "AssumeRole", "<A>".repeat(size / 3)), AwsError),
    ],
    [
      "STS answer of 1 MiB of attributes in an open tag",
      () =>
        typedOrResult(
          () => queryResult("STS", "AssumeRole", "<A" + ' b="x"'.repeat(170_000)),
          AwsError,
        ),
    ],
  ];
  for (const [name, run] of cases) {
    await assertFinishesInTime(name, run);
  }
  const stdout = `{"Version":1,"AccessKeyId":"A","SecretAccessKey":"${"s".repeat(size)}"}`;
  const platform = {
    ...explicitPlatform(),
    runProcess: () => Promise.resolve({ code: 0, stdout, stderr: "" }),
  };
  await assertFinishesInTime(
    "10 MB credential_process output",
    () => fromProcess({ command: "helper", platform })(),
  );
});

Deno.test("an error answer of <Code> and 64 KiB of white space is read in bounded time", async () => {
  // Was quadratic in a regular expression: 8,000 spaces took 7 s, 64 KiB would take minutes.
  await assertFinishesInTime("<Code> and 64 KiB of white space", async () => {
    const error = await awsErrorFromResponse(
      new Response("<Error><Code>" + " ".repeat(64 * 1024), { status: 400 }),
    );
    assert.equal(error.code, "InvalidResponse");
  });
});
