// deno.json is what the library's users, `deno task cli` and `deno task demo` resolve (the
// package and the few packages the demo's emulator needs); deno.dev.json adds the test
// toolchain for `deno task test`, `check`, `bench` and `size`. Deno installs every npm
// package of the configuration it runs with, so the two must stay apart, and the dev
// configuration must describe the same package.
import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url);

async function readConfig(name: string): Promise<Record<string, unknown>> {
  return JSON.parse(await Deno.readTextFile(new URL(name, ROOT)));
}

Deno.test("deno.dev.json declares the package of deno.json, with every import of it", async () => {
  const library = await readConfig("deno.json");
  const dev = await readConfig("deno.dev.json");
  assert.equal(dev.name, library.name);
  assert.equal(dev.version, library.version);
  assert.deepEqual(dev.exports, library.exports);
  const devImports = dev.imports as Record<string, string>;
  for (const [name, target] of Object.entries(library.imports as Record<string, string>)) {
    assert.equal(devImports[name], target, `deno.dev.json maps ${name} differently`);
  }
});

Deno.test("deno.json names only the packages the demo runs on, the one runtime dependency (and the examples' assertions), and no node_modules", async () => {
  const library = await readConfig("deno.json");
  // @std/assert is the doc examples' local module, no package; @noble/curves signs SigV4a
  // in Deno (DESIGN.md allows it where WebCrypto ECDSA is slow).
  assert.deepEqual(Object.keys(library.imports as object).sort(), [
    "@noble/curves/",
    "@std/assert",
    "@xmldom/xmldom",
    "hono",
    "hono/",
    "xml-crypto",
  ]);
  assert.equal(library.nodeModulesDir, undefined);
  // A package.json beside deno.json would make Deno use (and want) node_modules for the CLI.
  await assert.rejects(Deno.stat(new URL("package.json", ROOT)), Deno.errors.NotFound);
});
