/**
 * Secrets-sweep cases of the CLI: `runCli` in-process (with `test/cli/memory_io.ts`) on its
 * error paths, holding secrets in the environment, in `--connection` / `--airflow-conn`, in
 * prompt answers and at the IdP. A command that fails must not print the password, the
 * secret key or a token on stdout or stderr: each case turns the run into an error that
 * carries the exit code and both outputs, which the sweep then searches.
 *
 * @module
 */
import { runCli } from "../../src/cli/mod.ts";
import { startFakeOkta } from "../idp/okta/fake_okta.ts";
import { memoryIo } from "../cli/memory_io.ts";
import { type SecretCase, SECRETS } from "./assert_no_secrets.ts";

/** Nothing listens on the discard port of loopback: connections are refused. */
const CLOSED = "http://127.0.0.1:9";
const ROLE = "arn:aws:iam::123456789012:role/r";
const ROLES = [{ roleArn: ROLE, principalArn: "arn:aws:iam::123456789012:saml-provider/Okta" }];
const SECRET_ENV = {
  AWS_ACCESS_KEY_ID: "AKIDSWEEPSAFE",
  AWS_SECRET_ACCESS_KEY: SECRETS.secretAccessKey,
  AWS_SESSION_TOKEN: SECRETS.sessionToken,
  AWS_REGION: "eu-west-1",
};
const KEYS = `AWSAccessKey=AKIDSWEEPSAFE;AWSSecretKey=${SECRETS.secretAccessKey}`;

/**
 * Runs `args`; a non-zero exit becomes an error holding the code and everything printed.
 * An exit of 0 resolves, which the sweep reports as "should fail".
 */
async function failedRun(
  args: readonly string[],
  env: Record<string, string> = SECRET_ENV,
  answers: string[] = [],
): Promise<number> {
  const io = memoryIo(env, { answers });
  const code = await runCli(args, io);
  if (code === 0) return code;
  throw new Error(`exit ${code}\nstdout: ${io.stdout()}\nstderr: ${io.stderr()}`);
}

function cli(name: string, run: () => Promise<number>): SecretCase {
  return { name: `iamfetch ${name}`, run };
}

/** The CLI cases. */
export const CLI_CASES: readonly SecretCase[] = [
  cli(
    "whoami with STS refusing the connection",
    () => failedRun(["whoami", "--endpoint-url", CLOSED]),
  ),
  cli(
    "credentials --format yaml with secret keys in the environment",
    () => failedRun(["credentials", "--format", "yaml"]),
  ),
  cli(
    "whoami with an unknown flag whose value is the secret key",
    () => failedRun(["whoami", "--secret", SECRETS.secretAccessKey]),
  ),
  cli(
    "whoami --connection with an unknown key",
    () => failedRun(["whoami", "--connection", `AuthScheme=AwsRootKeys;${KEYS};AWSAccesKey=A`], {}),
  ),
  cli("credentials --connection assuming a role, STS refusing", () =>
    failedRun([
      "credentials",
      "--connection",
      `AuthScheme=AwsTempCredentials;${KEYS};AWSSessionToken=${SECRETS.sessionToken};` +
      `AWSRoleARN=${ROLE}`,
      "--endpoint-url",
      CLOSED,
    ], {})),
  cli(
    "credentials --airflow-conn with a badly escaped secret",
    () =>
      failedRun(
        ["credentials", "--airflow-conn", `aws://AKID:${SECRETS.secretAccessKey}%ZZ@/`],
        {},
      ),
  ),
  cli(
    "rds-token without --username, secret keys in the environment",
    () => failedRun(["rds-token", "--hostname", "db.example.com"]),
  ),
  cli(
    "presign of something that is not a URL, with a session token",
    () => failedRun(["presign", "not a url"]),
  ),
  cli("presign with a connection whose MFA session STS refuses", () =>
    failedRun([
      "presign",
      "https://sts.amazonaws.com/?Action=GetCallerIdentity",
      "--connection",
      `AuthScheme=AwsMFA;${KEYS};MFASerialNumber=arn:aws:iam::123456789012:mfa/me;` +
      `MFAToken=${SECRETS.mfaCode}`,
      "--endpoint-url",
      CLOSED,
    ], {})),
  cli("login --connection Okta with the IdP unreachable", () =>
    failedRun([
      "login",
      "--connection",
      `AuthScheme=Okta;SSOLoginURL=${CLOSED}/home/amazon_aws/0oa/272;User=u;` +
      `Password=${SECRETS.password};MFAPassCode=${SECRETS.mfaCode}`,
      "--format",
      "json",
    ], {})),
  cli("login --idp okta with a wrong MFA code typed at the prompt", async () => {
    await using okta = await startFakeOkta({
      users: [{
        login: "alice@example.com",
        password: SECRETS.password,
        factors: [{ type: "token:software:totp", secret: new TextEncoder().encode("cli-sweep") }],
      }],
      roles: ROLES,
    });
    return await failedRun(
      [
        "login",
        "--idp",
        "okta",
        "--idp-url",
        okta.loginUrl,
        "--username",
        "alice@example.com",
        "--endpoint-url",
        CLOSED,
      ],
      {},
      [SECRETS.password, SECRETS.mfaCode],
    );
  }),
  cli("login --idp okta with IAMFETCH_PASSWORD refused", async () => {
    await using okta = await startFakeOkta({
      users: [{ login: "alice@example.com", password: "the-right-one" }],
      roles: ROLES,
    });
    return await failedRun(
      ["login", "--idp", "okta", "--idp-url", okta.loginUrl, "--username", "alice@example.com"],
      { IAMFETCH_PASSWORD: SECRETS.password },
    );
  }),
];
