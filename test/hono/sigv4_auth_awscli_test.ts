// The AWS CLI (`aws` on PATH: Debian's awscli, or pip's) against a Hono app guarded by
// sigv4Auth: its S3 PutObject/GetObject and STS GetCallerIdentity requests, signed by
// botocore, must be accepted, and a wrong secret rejected.
import assert from "node:assert/strict";
import { Hono } from "hono";
import { sigv4Auth, type SigV4AuthEnv, xmlErrorResponse } from "../../src/hono/mod.ts";
import { serveApp } from "../idp/serve_app.ts";
import { secretsOf } from "./sigv4_test_app.ts";
import { findProgram } from "../find_program.ts";

const KEY = { accessKeyId: "AKIDCLIEXAMPLE", secretAccessKey: "cli-secret-do-not-leak/+abc" };
const TEMPORARY = {
  accessKeyId: "ASIACLIEXAMPLE",
  secretAccessKey: "cli-temp-secret",
  sessionToken: "cli-token+/=",
};

function cliApp(objects: Map<string, Uint8Array>) {
  const app = new Hono<SigV4AuthEnv>();
  app.use(
    "*",
    sigv4Auth({ secretFor: secretsOf([KEY, TEMPORARY]) }),
  );
  app.put("/:bucket/:key{.+}", async (c) => {
    const body = new Uint8Array(await c.req.arrayBuffer());
    objects.set(`${c.req.param("bucket")}/${c.req.param("key")}`, body);
    return c.body(null, 200, { etag: '"etag"' });
  });
  app.get("/:bucket/:key{.+}", (c) => {
    const body = objects.get(`${c.req.param("bucket")}/${c.req.param("key")}`);
    if (body === undefined) {
      return xmlErrorResponse({
        status: 404,
        code: "NoSuchKey",
        message: "The specified key does not exist.",
      });
    }
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "application/octet-stream",
      etag: '"etag"',
    });
  });
  app.post("/", async (c) => {
    const form = new URLSearchParams(await c.req.text());
    assert.equal(form.get("Action"), "GetCallerIdentity");
    const caller = c.get("sigv4");
    return c.body(
      `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
        `<Arn>arn:aws:iam::123456789012:user/${caller.accessKeyId}</Arn><UserId>${caller.accessKeyId}</UserId>` +
        `<Account>123456789012</Account></GetCallerIdentityResult>` +
        `<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      200,
      { "content-type": "text/xml" },
    );
  });
  return app;
}

async function aws(args: string[], credentials: Record<string, string>, home: string) {
  const program = await findProgram("aws", "apt-get install -y awscli");
  const output = await new Deno.Command(program, {
    args: [...args, "--output", "json"],
    clearEnv: true,
    env: {
      // The caller's PATH: the CLI may be a shim (pyenv) that runs other programs.
      PATH: Deno.env.get("PATH") ?? "",
      HOME: home,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      ...(credentials.sessionToken ? { AWS_SESSION_TOKEN: credentials.sessionToken } : {}),
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_CONFIG_FILE: `${home}/config`,
      AWS_SHARED_CREDENTIALS_FILE: `${home}/credentials`,
    },
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    // Failure messages name the program that ran.
    stderr: `${program}: ${decoder.decode(output.stderr)}`,
  };
}

Deno.test("the AWS CLI's s3api put-object, get-object and sts get-caller-identity are accepted", async () => {
  const objects = new Map<string, Uint8Array>();
  await using server = await serveApp(cliApp(objects));
  const home = await Deno.makeTempDir();
  try {
    const file = `${home}/upload.bin`;
    const data = new Uint8Array(200_000).map((_, i) => (i * 31) % 251);
    await Deno.writeFile(file, data);
    const endpoint = ["--endpoint-url", server.url];

    const put = await aws(
      [
        "s3api",
        "put-object",
        "--bucket",
        "b",
        "--key",
        "dir/file.bin",
        "--body",
        file,
        ...endpoint,
      ],
      KEY,
      home,
    );
    assert.equal(put.code, 0, put.stderr);
    assert.deepEqual(objects.get("b/dir/file.bin"), data);

    const get = await aws(
      [
        "s3api",
        "get-object",
        "--bucket",
        "b",
        "--key",
        "dir/file.bin",
        `${home}/out.bin`,
        ...endpoint,
      ],
      KEY,
      home,
    );
    assert.equal(get.code, 0, get.stderr);
    assert.deepEqual(await Deno.readFile(`${home}/out.bin`), data);

    const whoami = await aws(["sts", "get-caller-identity", ...endpoint], TEMPORARY, home);
    assert.equal(whoami.code, 0, whoami.stderr);
    assert.equal(JSON.parse(whoami.stdout).UserId, TEMPORARY.accessKeyId);

    const wrong = await aws(
      ["s3api", "put-object", "--bucket", "b", "--key", "x", "--body", file, ...endpoint],
      { ...KEY, secretAccessKey: "not-the-secret" },
      home,
    );
    assert.notEqual(wrong.code, 0);
    assert.match(wrong.stderr, /SignatureDoesNotMatch/);
    assert.doesNotMatch(wrong.stderr, /cli-secret-do-not-leak/);
    assert.equal(objects.has("b/x"), false);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
