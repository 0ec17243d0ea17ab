/**
 * Where the CLI's AWS calls go: a profile's configured endpoints, `--endpoint-url` for
 * every call (connection strings' STS calls and the IAM Identity Center portal included),
 * and a `--profile` that does not exist, refused before any credential source is tried.
 */
import assert from "node:assert/strict";
import { runCli } from "../../src/cli/mod.ts";
import { startEmulator } from "../emulator/emulator.ts";
import { trustedWebIdentityToken } from "../emulator/federation_fixtures.ts";
import { ssoLoginArgs } from "./login_fixtures.ts";
import { memoryIo } from "./memory_io.ts";

const ROLE = "arn:aws:iam::123456789012:role/reader";
const CONFIG = "/home/me/.aws/config";
const CREDENTIALS = "/home/me/.aws/credentials";
const CLOSED = "http://127.0.0.1:9"; // discard port: nothing listens

/** The global fetch for loopback URLs; every URL asked for is recorded. */
function loopbackFetch() {
  const urls: string[] = [];
  const fetcher: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input);
    urls.push(url.href);
    if (url.hostname !== "127.0.0.1") {
      return Promise.reject(new TypeError(`refused to leave loopback for ${url.host}`));
    }
    return fetch(input, init);
  };
  return { urls, fetch: fetcher };
}

function keysOf(credentials: { accessKeyId: string; secretAccessKey: string }) {
  return `aws_access_key_id = ${credentials.accessKeyId}\n` +
    `aws_secret_access_key = ${credentials.secretAccessKey}\n`;
}

Deno.test("whoami and credentials --profile p use p's endpoint_url, as aws --profile p does", async () => {
  await using emulator = await startEmulator();
  const { fetch } = loopbackFetch();
  const files = {
    [CONFIG]: `[profile p]\nendpoint_url = ${emulator.url}\nregion = eu-west-1\n`,
    [CREDENTIALS]: `[p]\n${keysOf(emulator.credentials)}`,
  };
  const whoami = memoryIo({}, { files, fetch });
  assert.equal(await runCli(["whoami", "--profile", "p"], whoami), 0, whoami.stderr());
  assert.match(JSON.parse(whoami.stdout()).Arn, /^arn:aws:iam::123456789012:user\//);
  const printed = memoryIo({}, { files, fetch });
  assert.equal(
    await runCli(["credentials", "--profile", "p", "--format", "json"], printed),
    0,
    printed.stderr(),
  );
  assert.equal(JSON.parse(printed.stdout()).accessKeyId, emulator.credentials.accessKeyId);
});

Deno.test("a role profile's AssumeRole and whoami go to the endpoints the profile and environment set", async () => {
  await using emulator = await startEmulator();
  emulator.state.addRole({ arn: ROLE });
  const { urls, fetch } = loopbackFetch();
  const files = {
    [CONFIG]: `[profile reader]\nrole_arn = ${ROLE}\nsource_profile = base\n` +
      `services = local\n[services local]\nsts =\n  endpoint_url = ${emulator.url}\n`,
    [CREDENTIALS]: `[base]\n${keysOf(emulator.credentials)}`,
  };
  const io = memoryIo({}, { files, fetch });
  assert.equal(await runCli(["whoami", "--profile", "reader"], io), 0, io.stderr());
  assert.match(JSON.parse(io.stdout()).Arn, /assumed-role\/reader\//);
  assert.deepEqual(urls, [`${emulator.url}/`, `${emulator.url}/`]);
  // AWS_ENDPOINT_URL_STS comes first.
  const env = memoryIo({ AWS_ENDPOINT_URL_STS: emulator.url }, {
    files: { ...files, [CONFIG]: files[CONFIG].replace(emulator.url, CLOSED) },
    fetch,
  });
  assert.equal(await runCli(["whoami", "--profile", "reader"], env), 0, env.stderr());
});

Deno.test("redshift-credentials --profile p sends its Redshift calls to p's endpoint_url", async () => {
  await using emulator = await startEmulator();
  emulator.state.redshift.addCluster({ identifier: "analytics" });
  const { fetch } = loopbackFetch();
  const io = memoryIo({}, {
    files: {
      [CONFIG]: `[profile p]\nendpoint_url = ${emulator.url}\n`,
      [CREDENTIALS]: `[p]\n${keysOf(emulator.credentials)}`,
    },
    fetch,
  });
  const code = await runCli(
    [
      "redshift-credentials",
      "--cluster-identifier",
      "analytics",
      "--db-user",
      "alice",
      "--profile",
      "p",
    ],
    io,
  );
  assert.equal(code, 0, io.stderr());
  assert.match(JSON.parse(io.stdout()).host, /^analytics\./);
});

Deno.test("--profile nosuch says the profile does not exist, naming the files, and calls nothing", async () => {
  const { urls, fetch } = loopbackFetch();
  // Web identity and a container endpoint are set up: the default chain would try them.
  const env = {
    AWS_ROLE_ARN: ROLE,
    AWS_WEB_IDENTITY_TOKEN_FILE: "/var/run/token",
    AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://127.0.0.1:9/credentials",
  };
  const files = {
    "/var/run/token": "eyJ.token",
    [CONFIG]: "[profile other]\nregion = eu-west-1\n",
  };
  const ways: Array<[string[], Record<string, string>]> = [
    [["--profile", "nosuch"], {}],
    [[], { AWS_PROFILE: "nosuch" }],
  ];
  for (const [args, extraEnv] of ways) {
    const io = memoryIo({ ...env, ...extraEnv }, { files, fetch });
    assert.equal(await runCli(["whoami", ...args], io), 1);
    assert.equal(
      io.stderr(),
      `iamfetch: ProfileNotFoundError: Profile nosuch was not found in ${CONFIG} or ${CREDENTIALS}.\n`,
    );
  }
  assert.deepEqual(urls, []);
});

Deno.test("--endpoint-url is where a connection string's and an Airflow connection's AssumeRole go", async () => {
  await using emulator = await startEmulator();
  emulator.state.addRole({ arn: ROLE });
  const { urls, fetch } = loopbackFetch();
  const { accessKeyId, secretAccessKey } = emulator.credentials;
  const connections = [
    [
      "--connection",
      `AuthScheme=AwsIAMRoles;AWSAccessKey=${accessKeyId};AWSSecretKey=${secretAccessKey};` +
      `AWSRoleARN=${ROLE}`,
    ],
    [
      "--airflow-conn",
      JSON.stringify({
        conn_type: "aws",
        login: accessKeyId,
        password: secretAccessKey,
        extra: { role_arn: ROLE },
      }),
    ],
  ];
  for (const connection of connections) {
    urls.length = 0;
    const io = memoryIo({}, { fetch });
    const code = await runCli(["whoami", ...connection, "--endpoint-url", emulator.url], io);
    assert.equal(code, 0, io.stderr());
    assert.match(JSON.parse(io.stdout()).Arn, /assumed-role\/reader\//);
    assert.deepEqual(urls, [`${emulator.url}/`, `${emulator.url}/`], connection[0]);
  }
});

Deno.test("--endpoint-url is the IAM Identity Center portal of login --sso when --portal-endpoint is not given", async () => {
  await using emulator = await startEmulator();
  emulator.state.sso.accounts = [{
    accountId: "111122223333",
    accountName: "sandbox",
    emailAddress: "aws@example.com",
    roles: ["ReadOnly"],
  }];
  const { urls, fetch } = loopbackFetch();
  const flags = ssoLoginArgs(emulator).filter((flag, i, all) =>
    flag !== "--portal-endpoint" && all[i - 1] !== "--portal-endpoint"
  );
  const io = memoryIo({}, { fetch });
  const code = await runCli(
    [
      ...flags,
      "--endpoint-url",
      emulator.url,
      "--account-id",
      "111122223333",
      "--role-name",
      "ReadOnly",
    ],
    io,
  );
  assert.equal(code, 0, io.stderr());
  assert.ok(
    urls.some((url) => url.startsWith(`${emulator.url}/federation/credentials`)),
    urls.join(),
  );
});

Deno.test("a web-identity profile's unsigned call goes to --endpoint-url too", async () => {
  await using emulator = await startEmulator();
  emulator.state.addRole({ arn: ROLE });
  const token = trustedWebIdentityToken(emulator.state, {
    issuer: "https://oidc.example",
    sub: "ci",
  });
  const { fetch } = loopbackFetch();
  const io = memoryIo({}, {
    files: {
      [CONFIG]: `[profile ci]\nrole_arn = ${ROLE}\nweb_identity_token_file = /var/run/token\n` +
        `endpoint_url = ${CLOSED}\n`,
      "/var/run/token": token,
    },
    fetch,
  });
  const code = await runCli(
    ["credentials", "--profile", "ci", "--format", "json", "--endpoint-url", emulator.url],
    io,
  );
  assert.equal(code, 0, io.stderr());
  assert.match(JSON.parse(io.stdout()).accessKeyId, /^ASIA/);
});
