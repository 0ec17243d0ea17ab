/**
 * The CLI's commands run in-process against the emulator: what they print, their exit
 * codes, and that every signature they produce verifies.
 */
import assert from "node:assert/strict";
import { runCli } from "../../src/cli/mod.ts";
import { verifySignature } from "../../src/sigv4/mod.ts";
import { startEmulator } from "../emulator/emulator.ts";
import { memoryIo } from "./memory_io.ts";

const SECRET = "cli-secret-key-0123456789abcdefghijklmn";

function envFor(credentials: { accessKeyId: string; secretAccessKey: string }) {
  return {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_REGION: "eu-west-1",
  };
}

Deno.test("whoami prints the caller identity as the AWS CLI does", async () => {
  await using emulator = await startEmulator();
  const io = memoryIo(envFor(emulator.credentials));
  const code = await runCli(["whoami", "--endpoint-url", emulator.url], io);
  assert.equal(code, 0, io.stderr());
  const identity = JSON.parse(io.stdout());
  assert.deepEqual(Object.keys(identity), ["UserId", "Account", "Arn"]);
  assert.match(identity.Account, /^\d{12}$/);
  assert.match(identity.Arn, /^arn:aws:iam::\d{12}:user\//);
});

Deno.test("credentials prints env, json and credential_process formats", async () => {
  const env = { AWS_ACCESS_KEY_ID: "AKIDCLI", AWS_SECRET_ACCESS_KEY: "it's secret" };
  const run = async (format: string) => {
    const io = memoryIo(env);
    assert.equal(await runCli(["credentials", "--format", format], io), 0, io.stderr());
    return io.stdout();
  };
  assert.equal(
    await run("env"),
    "export AWS_ACCESS_KEY_ID=AKIDCLI\nexport AWS_SECRET_ACCESS_KEY='it'\\''s secret'\n",
  );
  assert.deepEqual(JSON.parse(await run("json")), {
    accessKeyId: "AKIDCLI",
    secretAccessKey: "it's secret",
  });
  assert.deepEqual(JSON.parse(await run("process")), {
    Version: 1,
    AccessKeyId: "AKIDCLI",
    SecretAccessKey: "it's secret",
  });
  const io = memoryIo(env);
  assert.equal(await runCli(["credentials", "--format", "yaml"], io), 2);
  assert.match(io.stderr(), /--format must be one of env, json, process/);
});

Deno.test("presign prints a URL the emulator accepts", async () => {
  await using emulator = await startEmulator();
  const io = memoryIo(envFor(emulator.credentials));
  const code = await runCli(
    [
      "presign",
      `${emulator.url}/echo/report?x=1`,
      "--service",
      "execute-api",
      "--expires-in",
      "60",
    ],
    io,
  );
  assert.equal(code, 0, io.stderr());
  const url = new URL(io.stdout().trim());
  assert.equal(url.searchParams.get("X-Amz-Expires"), "60");
  assert.match(
    url.searchParams.get("X-Amz-Credential")!,
    /\/eu-west-1\/execute-api\/aws4_request$/,
  );
  const response = await fetch(url);
  assert.equal(response.status, 200, await response.clone().text());
  await response.body?.cancel();
});

Deno.test("rds-token and dsql-token print tokens that verify for the database host", async () => {
  const env = { AWS_ACCESS_KEY_ID: "AKIDCLI", AWS_SECRET_ACCESS_KEY: SECRET };
  const secretFor = (id: string) => id === "AKIDCLI" ? SECRET : undefined;
  const rds = memoryIo(env);
  const host = "db.abc123.eu-central-1.rds.amazonaws.com";
  assert.equal(
    await runCli(
      ["rds-token", "--hostname", host, "--username", "app", "--region", "eu-central-1"],
      rds,
    ),
    0,
    rds.stderr(),
  );
  const token = rds.stdout().trim();
  assert.ok(token.startsWith(`${host}:5432/?Action=connect&DBUser=app&`));
  const rdsVerdict = await verifySignature(new Request(`https://${token}`), {
    secretFor,
    region: "eu-central-1",
    service: "rds-db",
  });
  assert.equal(rdsVerdict.ok, true);

  const dsql = memoryIo(env);
  const cluster = "abcdefghijklmnopqrstuvwxyz.dsql.us-east-1.on.aws";
  assert.equal(
    await runCli(["dsql-token", "--hostname", cluster, "--admin", "--region", "us-east-1"], dsql),
    0,
    dsql.stderr(),
  );
  const dsqlToken = dsql.stdout().trim();
  assert.ok(dsqlToken.startsWith(`${cluster}/?Action=DbConnectAdmin&`));
  const dsqlVerdict = await verifySignature(new Request(`https://${dsqlToken}`), {
    secretFor,
    service: "dsql",
  });
  assert.equal(dsqlVerdict.ok, true);
});

Deno.test("redshift-credentials looks the cluster up and prints database credentials", async () => {
  await using emulator = await startEmulator();
  emulator.state.redshift.addCluster({ identifier: "analytics", region: "eu-west-1" });
  const io = memoryIo(envFor(emulator.credentials));
  const code = await runCli([
    "redshift-credentials",
    "--cluster-identifier",
    "analytics",
    "--db-user",
    "alice",
    "--auto-create",
    "--endpoint-url",
    emulator.url,
  ], io);
  assert.equal(code, 0, io.stderr());
  const printed = JSON.parse(io.stdout());
  assert.equal(printed.user, "IAMA:alice"); // IAMA: the user may be auto-created
  assert.match(printed.host, /^analytics\./);
  assert.equal(typeof printed.password, "string");
  assert.ok(Date.parse(printed.expiration) > Date.now());
});

Deno.test("usage errors exit 2 with a hint; work errors exit 1 with the error type; help exits 0", async () => {
  const cases: Array<[string[], number, RegExp]> = [
    [[], 2, /Usage: iamfetch <command>/],
    [["frobnicate"], 2, /Unknown command "frobnicate"/],
    [
      ["whoami", "--regoin", "x"],
      2,
      /Unknown flag --regoin\. Did you mean --region\?\nRun 'iamfetch whoami --help'/,
    ],
    [["rds-token", "--hostname", "h"], 2, /--username is required/],
    [
      ["rds-token", "--hostname", "h", "--username", "u", "--port", "x"],
      2,
      /--port must be a whole number/,
    ],
    [["presign"], 2, /presign takes exactly one URL/],
    [["whoami", "--region"], 2, /--region needs a value/],
  ];
  for (const [args, expected, pattern] of cases) {
    const io = memoryIo({});
    assert.equal(await runCli(args, io), expected, args.join(" "));
    assert.match(io.stderr(), pattern);
    assert.equal(io.stdout(), "");
  }
  const noCredentials = memoryIo({});
  assert.equal(await runCli(["credentials"], noCredentials), 1);
  assert.match(noCredentials.stderr(), /^iamfetch: \w*Error: /);
});

Deno.test("every command answers --help on stdout with its usage and the connection flags", async () => {
  const overview = memoryIo({});
  assert.equal(await runCli(["--help"], overview), 0);
  const commands = [...overview.stdout().matchAll(/^ {2}([a-z-]+) {2}/gm)].map((m) => m[1]);
  assert.deepEqual(commands, [
    "whoami",
    "credentials",
    "presign",
    "rds-token",
    "dsql-token",
    "redshift-credentials",
    "login",
    "roles-anywhere",
  ]);
  for (const command of commands) {
    const io = memoryIo({});
    assert.equal(await runCli([command, "--help"], io), 0);
    assert.match(io.stdout(), new RegExp(`^Usage: iamfetch ${command}`));
    assert.match(io.stdout(), /--connection STRING/);
  }
});
