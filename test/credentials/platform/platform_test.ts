import assert from "node:assert/strict";
import { defaultPlatform } from "../../../src/credentials/platform/default.ts";
import { ProcessTimeoutError } from "../../../src/credentials/errors.ts";
import { explicitPlatform } from "../../../src/credentials/platform/explicit.ts";
import { homeDirFromEnv } from "../../../src/credentials/platform/_home_dir.ts";
import type { Platform } from "../../../src/credentials/platform/types.ts";
import { denoPlatform } from "../../../src/credentials/platform/deno.ts";
import { nodePlatform } from "../../../src/credentials/platform/node.ts";

Deno.test("explicitPlatform serves the given env, files and home directory, and cannot run programs", async () => {
  const platform = explicitPlatform({
    env: { AWS_REGION: "eu-west-1", EMPTY: undefined },
    files: { "/a": "A" },
    homeDir: "/home/me",
  });
  assert.equal(platform.env("AWS_REGION"), "eu-west-1");
  assert.equal(platform.env("EMPTY"), undefined);
  assert.equal(platform.env("MISSING"), undefined);
  assert.equal(await platform.readTextFile("/a"), "A");
  assert.equal(await platform.readTextFile("/b"), undefined);
  assert.equal(platform.homeDir(), "/home/me");
  assert.equal(platform.runProcess, undefined);
});

Deno.test("explicitPlatform does not reach Object.prototype for names like constructor", async () => {
  const platform = explicitPlatform();
  for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
    assert.equal(platform.env(name), undefined, name);
    assert.equal(await platform.readTextFile(name), undefined, name);
  }
  assert.equal(platform.homeDir(), undefined);
});

Deno.test("homeDirFromEnv follows HOME, USERPROFILE, then HOMEDRIVE + HOMEPATH", () => {
  const from = (env: Record<string, string>) => homeDirFromEnv((name) => env[name]);
  assert.equal(from({ HOME: "/h", USERPROFILE: "C:\\u" }), "/h");
  assert.equal(from({ USERPROFILE: "C:\\u", HOMEPATH: "\\p" }), "C:\\u");
  assert.equal(from({ HOMEDRIVE: "D:", HOMEPATH: "\\p" }), "D:\\p");
  assert.equal(from({ HOMEPATH: "\\p" }), "C:\\\\p");
  assert.equal(from({}), undefined);
});

for (
  const [name, make] of [["denoPlatform", denoPlatform], ["nodePlatform", nodePlatform]] as const
) {
  Deno.test(`${name} reads files, and a missing one (or one under a file) as undefined`, async () => {
    const platform: Platform = make();
    const dir = await Deno.makeTempDir();
    try {
      await Deno.writeTextFile(`${dir}/config`, "[default]\nregion = ü\n");
      assert.equal(await platform.readTextFile(`${dir}/config`), "[default]\nregion = ü\n");
      assert.equal(await platform.readTextFile(`${dir}/missing`), undefined);
      assert.equal(await platform.readTextFile(`${dir}/config/below-a-file`), undefined);
      await assert.rejects(platform.readTextFile(dir)); // a directory is not "missing"
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });

  Deno.test(`${name} reads the process environment and the home directory`, () => {
    const platform = make();
    assert.equal(platform.env("PATH"), Deno.env.get("PATH"));
    assert.equal(platform.env("IAMFETCH_SURELY_UNSET_VARIABLE"), undefined);
    assert.equal(platform.homeDir(), Deno.env.get("HOME"));
  });

  Deno.test(`${name} runs a program with arguments and environment, and reports its exit code`, async () => {
    const platform = make();
    const result = await platform.runProcess!("sh", {
      args: ["-c", 'printf "%s|%s" "$1" "$IAMFETCH_TEST"; printf oops >&2; exit 7', "sh", "a b"],
      env: { IAMFETCH_TEST: "from-env" },
      timeoutMs: 10_000,
    });
    assert.deepEqual(result, { code: 7, stdout: "a b|from-env", stderr: "oops" });
  });

  Deno.test(`${name} kills a program that outlives its timeout`, async () => {
    const platform = make();
    const start = Date.now();
    await assert.rejects(
      platform.runProcess!(Deno.execPath(), {
        args: ["eval", "await new Promise((r) => setTimeout(r, 30_000))"],
        timeoutMs: 300,
      }),
      (error: unknown) => error instanceof ProcessTimeoutError && error.timeoutMs === 300,
    );
    assert.ok(Date.now() - start < 10_000);
  });
}

Deno.test("denoPlatform treats variables that --allow-env does not grant as unset", async () => {
  const moduleUrl = new URL("../../../src/credentials/platform/deno.ts", import.meta.url).href;
  const code = `const { denoPlatform } = await import(${JSON.stringify(moduleUrl)});
    const platform = denoPlatform();
    console.log(JSON.stringify([platform.env("HOME") ?? null, platform.env("IAMFETCH_ALLOWED") ?? null, platform.homeDir() ?? null]));`;
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/probe.ts`, code);
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--no-config",
        "--no-lock",
        "--no-prompt",
        "--allow-read",
        "--allow-env=IAMFETCH_ALLOWED",
        `${dir}/probe.ts`,
      ],
      env: { IAMFETCH_ALLOWED: "yes" },
    }).output();
    assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
    assert.deepEqual(JSON.parse(new TextDecoder().decode(output.stdout)), [null, "yes", null]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("defaultPlatform is Deno's in Deno", async () => {
  const platform = defaultPlatform();
  assert.equal(typeof platform.runProcess, "function");
  assert.equal(platform.env("PATH"), Deno.env.get("PATH"));
  assert.equal(await platform.readTextFile("/no/such/file"), undefined);
});
