// The credentials layer (and fromIni, which lives with STS) in Node and Bun: bundled for the browser platform (so any static
// import of a Node built-in fails the build), then run where `defaultPlatform()` must pick
// the Node platform and reach files, environment and programs through getBuiltinModule.
import assert from "node:assert/strict";
import * as esbuild from "esbuild";

const MOD = decodeURIComponent(
  new URL("../../../src/credentials/mod.ts", import.meta.url).pathname,
);
const STS = decodeURIComponent(new URL("../../../src/sts/mod.ts", import.meta.url).pathname);
const BUN = decodeURIComponent(new URL("../../../node_modules/.bin/bun", import.meta.url).pathname);
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzRUNTIME";

const PROBE = `
import { chain, defaultPlatform, fromEnv, fromProcess, refreshing } from ${JSON.stringify(MOD)};
import { fromIni } from ${JSON.stringify(STS)};
const platform = defaultPlatform();
const dir = platform.env("IAMFETCH_PROBE_DIR");
const util = await import(["node", "util"].join(":")); // not bundled for the browser
const fromFile = await fromIni({ profile: "probe" })();
const fromProgram = await fromProcess({
  command: "sh -c 'printf %s \\"$1\\"' sh '" + JSON.stringify({ Version: 1, AccessKeyId: "AKIDPROC", SecretAccessKey: "s" }) + "'",
})();
const timedOut = await fromProcess({ command: "sleep 5", timeoutMs: 200 })().then(() => "resolved", (error) => error.name);
const fromChain = await refreshing(chain(fromIni({ profile: "missing" }), fromEnv()))();
console.log(JSON.stringify({
  platformCanRun: typeof platform.runProcess,
  home: platform.homeDir(),
  missingFile: (await platform.readTextFile(dir + "/missing")) ?? null,
  fromFile: fromFile.accessKeyId,
  secretReadable: fromFile.secretAccessKey,
  inspected: util.inspect(fromFile) + " " + util.inspect({ nested: fromFile }) + " " + JSON.stringify(fromFile),
  fromProgram: fromProgram.accessKeyId,
  timedOut,
  fromChain: fromChain.accessKeyId,
}));
`;

async function bundleProbe(dir: string): Promise<string> {
  await Deno.writeTextFile(`${dir}/probe.ts`, PROBE);
  try {
    const result = await esbuild.build({
      entryPoints: [`${dir}/probe.ts`],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      write: false,
      logLevel: "silent",
    });
    const path = `${dir}/probe.mjs`;
    await Deno.writeTextFile(path, result.outputFiles[0].text);
    return path;
  } finally {
    await esbuild.stop();
  }
}

// Node 20.0 to 20.15 (and 22.0 to 22.2) have no process.getBuiltinModule: a newer Node
// without it stands in for them.
const WITHOUT_GET_BUILTIN_MODULE =
  'delete process.getBuiltinModule;\nawait import("./probe.mjs");\n';

async function runProbe(runtime: string, args: string[], options: { oldNode?: boolean } = {}) {
  const dir = await Deno.makeTempDir({ prefix: "iamfetch-runtime-" });
  try {
    let probe = await bundleProbe(dir);
    if (options.oldNode) {
      probe = `${dir}/old-node.mjs`;
      await Deno.writeTextFile(probe, WITHOUT_GET_BUILTIN_MODULE);
    }
    await Deno.writeTextFile(
      `${dir}/config`,
      `[profile probe]\naws_access_key_id = AKIDFILE\naws_secret_access_key = ${SECRET}\n`,
    );
    const output = await new Deno.Command(runtime, {
      args: [...args, probe],
      env: {
        IAMFETCH_PROBE_DIR: dir,
        AWS_CONFIG_FILE: `${dir}/config`,
        AWS_SHARED_CREDENTIALS_FILE: `${dir}/missing-credentials`,
        AWS_ACCESS_KEY_ID: "AKIDENV",
        AWS_SECRET_ACCESS_KEY: "s",
        HOME: "/home/probe",
      },
    }).output();
    const stderr = new TextDecoder().decode(output.stderr);
    assert.equal(output.code, 0, stderr);
    return JSON.parse(new TextDecoder().decode(output.stdout));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function assertProbe(result: Record<string, unknown>) {
  assert.equal(result.platformCanRun, "function");
  assert.equal(result.home, "/home/probe");
  assert.equal(result.missingFile, null);
  assert.equal(result.fromFile, "AKIDFILE");
  assert.equal(result.secretReadable, SECRET);
  assert.ok(!String(result.inspected).includes(SECRET), String(result.inspected));
  assert.match(String(result.inspected), /AKIDFILE/);
  assert.equal(result.fromProgram, "AKIDPROC");
  assert.equal(result.timedOut, "ProcessCredentialsError");
  assert.equal(result.fromChain, "AKIDENV");
}

Deno.test("in Node, defaultPlatform reads files, environment and runs programs; inspect hides secrets", async () => {
  assertProbe(await runProbe("node", []));
});

Deno.test("in Bun, defaultPlatform reads files, environment and runs programs; inspect hides secrets", async () => {
  assertProbe(await runProbe(BUN, ["run"]));
});

Deno.test("in a Node without process.getBuiltinModule (before 20.16), defaultPlatform still reads files, environment and runs programs", async () => {
  assertProbe(await runProbe("node", [], { oldNode: true }));
});
