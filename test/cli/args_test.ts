/**
 * The CLI's command line: unknown flags and extra arguments are usage errors (exit 2) with a
 * "did you mean", `-h` and `--version` work, and out-of-range numbers are usage errors.
 */
import assert from "node:assert/strict";
import { runCli } from "../../src/cli/mod.ts";
import { VERSION } from "../../src/cli/version.ts";
import { memoryIo } from "./memory_io.ts";

const KEYS = { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret" };

async function usageError(args: string[]): Promise<string> {
  // No call may leave the machine: a usage error is found before any.
  const io = memoryIo({ ...KEYS, IAMFETCH_PASSWORD: "pw" }, {
    fetch: () => Promise.reject(new TypeError("this test sends nothing")),
  });
  const code = await runCli(args, io);
  assert.equal(code, 2, `${args.join(" ")}: ${io.stderr()}`);
  assert.equal(io.stdout(), "");
  return io.stderr();
}

Deno.test("an unknown flag is a usage error naming the nearest flag", async () => {
  assert.match(
    await usageError(["whoami", "--regoin", "x"]),
    /^iamfetch: Unknown flag --regoin\. Did you mean --region\?\nRun 'iamfetch whoami --help'/,
  );
  assert.match(await usageError(["rds-token", "--hostnme=h"]), /Did you mean --hostname\?/);
  assert.match(
    await usageError(["whoami", "--frobnicate"]),
    /^iamfetch: Unknown flag --frobnicate\.\n/,
  );
});

Deno.test("a single-dash flag other than -h is a usage error, with a suggestion", async () => {
  assert.match(await usageError(["whoami", "-x"]), /^iamfetch: Unknown flag -x\.\n/);
  assert.match(await usageError(["whoami", "-profile", "dev"]), /Did you mean --profile\?/);
});

Deno.test("an extra argument is a usage error, not silently ignored", async () => {
  assert.match(
    await usageError(["whoami", "extra"]),
    /^iamfetch: whoami takes no arguments, got 1\.\nRun 'iamfetch whoami --help'/,
  );
  assert.match(await usageError(["credentials", "region", "x"]), /Did you mean --region\?/);
  assert.match(
    await usageError(["presign", "https://a.s3.amazonaws.com/k", "https://b.s3.amazonaws.com/k"]),
    /presign takes 1 argument, got 2\./,
  );
  // An argument may be a secret typed in the wrong place: never echoed.
  assert.ok(!(await usageError(["whoami", "wJalrXUtnFEMIsecret"])).includes("wJalrXUtnFEMI"));
});

Deno.test("an unknown command names the nearest command", async () => {
  assert.match(
    await usageError(["whomai"]),
    /^iamfetch: Unknown command "whomai"\. Did you mean whoami\?/,
  );
});

Deno.test("-h works like --help, globally and for every command", async () => {
  for (const args of [["-h"], ["--help"], ["whoami", "-h"], ["presign", "-h"], ["login", "-h"]]) {
    const io = memoryIo({});
    assert.equal(await runCli(args, io), 0, args.join(" "));
    assert.match(io.stdout(), /^Usage: iamfetch/, args.join(" "));
  }
});

Deno.test("--version prints the version of deno.json", async () => {
  const io = memoryIo({});
  assert.equal(await runCli(["--version"], io), 0);
  assert.equal(io.stdout(), `iamfetch ${VERSION}\n`);
  const denoJson = JSON.parse(await Deno.readTextFile(new URL("../../deno.json", import.meta.url)));
  assert.equal(VERSION, denoJson.version, "src/cli/version.ts must follow deno.json's version");
});

Deno.test("an out-of-range number is a usage error naming the range, not a RangeError", async () => {
  const cases: [string[], RegExp][] = [
    [
      ["presign", "https://b.s3.amazonaws.com/k", "--expires-in", "0"],
      /--expires-in must be a whole number from 1 to 604800, got 0/,
    ],
    [
      ["presign", "https://b.s3.amazonaws.com/k", "--expires-in", "99999999"],
      /from 1 to 604800, got 99999999/,
    ],
    [
      ["dsql-token", "--hostname", "abc.dsql.us-east-1.on.aws", "--expires-in", "0"],
      /from 1 to 604800/,
    ],
    [[
      "rds-token",
      "--hostname",
      "db.abc.us-east-1.rds.amazonaws.com",
      "--username",
      "u",
      "--port",
      "0",
    ], /--port must be a whole number from 1 to 65535, got 0/],
    [["rds-token", "--hostname", "h", "--username", "u", "--port", "99999"], /from 1 to 65535/],
    [
      ["rds-token", "--hostname", "h", "--username", "u", "--port", "-1"],
      /--port must be a whole number/,
    ],
    [[
      "redshift-credentials",
      "--cluster-identifier",
      "c",
      "--db-user",
      "u",
      "--duration-seconds",
      "99999999",
    ], /--duration-seconds must be a whole number from 900 to 3600/],
    [[
      "login",
      "--idp",
      "okta",
      "--idp-url",
      "https://idp.example/app",
      "--username",
      "u",
      "--duration-seconds",
      "99999999",
    ], /--duration-seconds must be a whole number from 900 to 43200/],
    [[
      "login",
      "--idp",
      "browser",
      "--idp-url",
      "https://idp.example/login",
      "--listen-port",
      "70000",
    ], /--listen-port must be a whole number from 1 to 65535/],
    [
      ["presign", "https://b.s3.amazonaws.com/k", "--expires-in", "1".repeat(400)],
      /from 1 to 604800/,
    ],
  ];
  for (const [args, pattern] of cases) {
    assert.match(await usageError(args), pattern, args.join(" "));
  }
});
