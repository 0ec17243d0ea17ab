/**
 * The acceptance example against moto (which checks every signature with botocore's
 * signer): `iamfetch whoami --profile p`, where p's `endpoint_url` is moto and its keys are
 * an IAM user's, answers what `aws sts get-caller-identity --profile p` answers — both run
 * as processes over the same HOME. A role profile through `source_profile` likewise, and the
 * keys `iamfetch credentials` prints are accepted by the AWS CLI.
 *
 * @module
 */
import assert from "node:assert/strict";
import { findProgram } from "../find_program.ts";
import { startMoto } from "./moto_server.ts";

const CLI = new URL("../../src/cli/mod.ts", import.meta.url).pathname;
const ROLE = "arn:aws:iam::123456789012:role/cli-profile-reader";

async function run(program: string, args: string[], env: Record<string, string>) {
  const output = await new Deno.Command(program, {
    args,
    env: { NO_COLOR: "1", PATH: Deno.env.get("PATH") ?? "", ...env },
    clearEnv: true,
    stdin: "null",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

Deno.test("iamfetch whoami / credentials --profile p work against moto as aws --profile p does", async () => {
  const aws = await findProgram("aws", "apt-get install awscli (or pip install awscli)");
  await using moto = await startMoto({ checkSignatures: true });
  const home = await Deno.makeTempDir({ prefix: "iamfetch-moto-home-" });
  try {
    await Deno.mkdir(`${home}/.aws`);
    await Deno.writeTextFile(
      `${home}/.aws/config`,
      `[profile p]\nendpoint_url = ${moto.endpoint}\nregion = us-east-1\n` +
        `[profile r]\nrole_arn = ${ROLE}\nsource_profile = p\nrole_session_name = cli-test\n` +
        `endpoint_url = ${moto.endpoint}\nregion = us-east-1\n`,
    );
    await Deno.writeTextFile(
      `${home}/.aws/credentials`,
      `[p]\naws_access_key_id = ${moto.credentials.accessKeyId}\n` +
        `aws_secret_access_key = ${moto.credentials.secretAccessKey}\n`,
    );
    const env = { HOME: home };
    const iamfetch = (args: string[]) =>
      run(Deno.execPath(), ["run", "-q", "-A", CLI, ...args], env);
    const identity = (result: { code: number; stdout: string; stderr: string }, who: string) => {
      assert.equal(result.code, 0, `${who}: ${result.stderr}\n${moto.log()}`);
      const { Account, Arn } = JSON.parse(result.stdout);
      return { Account, Arn };
    };

    const user = {
      Account: moto.accountId,
      Arn: `arn:aws:iam::${moto.accountId}:user/${moto.userName}`,
    };
    assert.deepEqual(identity(await iamfetch(["whoami", "--profile", "p"]), "iamfetch"), user);
    assert.deepEqual(
      identity(await run(aws, ["sts", "get-caller-identity", "--profile", "p"], env), "aws"),
      user,
    );

    const role = {
      Account: moto.accountId,
      Arn: `arn:aws:sts::${moto.accountId}:assumed-role/cli-profile-reader/cli-test`,
    };
    assert.deepEqual(identity(await iamfetch(["whoami", "--profile", "r"]), "iamfetch"), role);
    assert.deepEqual(
      identity(await run(aws, ["sts", "get-caller-identity", "--profile", "r"], env), "aws"),
      role,
    );

    // The static keys as they are; the role's keys, issued by moto, accepted by the AWS CLI.
    const printed = await iamfetch(["credentials", "--profile", "p", "--format", "json"]);
    assert.equal(printed.code, 0, printed.stderr);
    assert.equal(JSON.parse(printed.stdout).accessKeyId, moto.credentials.accessKeyId);
    const assumed = await iamfetch(["credentials", "--profile", "r", "--format", "json"]);
    assert.equal(assumed.code, 0, assumed.stderr);
    const keys = JSON.parse(assumed.stdout);
    assert.match(keys.accessKeyId, /^ASIA/);
    const withKeys = await run(aws, [
      "sts",
      "get-caller-identity",
      "--endpoint-url",
      moto.endpoint,
      "--region",
      "us-east-1",
    ], {
      HOME: home,
      AWS_CONFIG_FILE: `${home}/none`,
      AWS_SHARED_CREDENTIALS_FILE: `${home}/none`,
      AWS_ACCESS_KEY_ID: keys.accessKeyId,
      AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
      AWS_SESSION_TOKEN: keys.sessionToken,
    });
    assert.deepEqual(identity(withKeys, "aws with iamfetch's keys"), role);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
