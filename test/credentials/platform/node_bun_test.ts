// The credentials layer (and fromIni, which lives with STS) in Node and Bun: bundled for the browser platform (so any static
// import of a Node built-in fails the build), then run where `defaultPlatform()` must pick
// the Node platform and reach files, environment and programs through getBuiltinModule.
import assert from "node:assert/strict";
import { BUN, repositoryPath, runProbe } from "./runtime_probe.ts";

const MOD = repositoryPath("src/credentials/mod.ts");
const STS = repositoryPath("src/sts/mod.ts");
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

function probeIn(runtime: string, options: { oldNode?: boolean } = {}) {
  return runProbe(PROBE, {
    runtime,
    args: runtime === BUN ? ["run"] : [],
    oldNode: options.oldNode,
    async prepare(dir) {
      await Deno.writeTextFile(
        `${dir}/config`,
        `[profile probe]\naws_access_key_id = AKIDFILE\naws_secret_access_key = ${SECRET}\n`,
      );
      return {
        AWS_CONFIG_FILE: `${dir}/config`,
        AWS_SHARED_CREDENTIALS_FILE: `${dir}/missing-credentials`,
        AWS_ACCESS_KEY_ID: "AKIDENV",
        AWS_SECRET_ACCESS_KEY: "s",
        HOME: "/home/probe",
      };
    },
  });
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
  assertProbe(await probeIn("node"));
});

Deno.test("in Bun, defaultPlatform reads files, environment and runs programs; inspect hides secrets", async () => {
  assertProbe(await probeIn(BUN));
});

Deno.test("in a Node without process.getBuiltinModule (before 20.16), defaultPlatform still reads files, environment and runs programs", async () => {
  assertProbe(await probeIn("node", { oldNode: true }));
});
