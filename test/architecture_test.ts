// The design of DESIGN.md, checked on every import of src/: the layer order (a layer imports
// only itself, the layers above it in the list, and src/_shared), privacy (a `_`-prefixed file
// or folder is used only below the folder that holds it), no import cycles (type-only ones
// included), and web standards only (no `node:` import, no `Deno.*` outside the runtime
// adapters).
import assert from "node:assert/strict";

/** The layers, lowest first: each may import only the ones before it (and itself). */
const LAYERS = [
  "sigv4",
  "http",
  "credentials",
  "sts",
  "web_identity",
  "tokens",
  "saml",
  "config",
  "hono",
  "cli",
];
/** The runtime adapters: the only files that may reach `Deno.*`. */
const DENO_ADAPTERS = ["src/credentials/platform/deno.ts", "src/cli/deno_io.ts", "src/cli/mod.ts"];

const ROOT = new URL("../", import.meta.url);

async function sourceFiles(dir = "src"): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(new URL(dir, ROOT))) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) files.push(...await sourceFiles(path));
    else if (entry.name.endsWith(".ts")) files.push(path);
  }
  return files;
}

/** The specifiers a module imports or re-exports, type-only ones included. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  // Comments may hold example code (JSDoc): only code counts.
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  for (const match of code.matchAll(/\b(?:from|import)\s*\(?\s*"([^"\s]+)"/g)) {
    found.push(match[1]);
  }
  return found;
}

function resolve(from: string, specifier: string): string {
  const parts = from.split("/").slice(0, -1);
  for (const part of specifier.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== ".") parts.push(part);
  }
  return parts.join("/");
}

/** `sigv4`, `_shared`, … — the top folder of a src/ path. */
const layerOf = (path: string) => path.split("/")[1];

const graph = new Map<string, string[]>();
const bare = new Map<string, string[]>();
for (const file of await sourceFiles()) {
  const imports = specifiers(await Deno.readTextFile(new URL(file, ROOT)));
  graph.set(file, imports.filter((s) => s.startsWith(".")).map((s) => resolve(file, s)));
  bare.set(file, imports.filter((s) => !s.startsWith(".")));
}

Deno.test("every src/ file belongs to a layer of DESIGN.md or to src/_shared", () => {
  for (const file of graph.keys()) {
    if (file === "src/mod.ts") continue;
    assert.ok(
      LAYERS.includes(layerOf(file)) || layerOf(file) === "_shared",
      `${file} is in no layer`,
    );
  }
});

Deno.test("layers import only themselves, the layers before them and src/_shared", () => {
  const problems: string[] = [];
  for (const [file, targets] of graph) {
    const from = layerOf(file);
    for (const target of targets) {
      const to = layerOf(target);
      if (to === "_shared" || to === from) continue;
      if (from === "_shared") problems.push(`${file} (shared) imports the layer file ${target}`);
      else if (LAYERS.indexOf(to) > LAYERS.indexOf(from)) {
        problems.push(`${file} (${from}) imports ${target} (${to}), a higher layer`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

Deno.test("a _-prefixed file or folder is used only below the folder that holds it", () => {
  const problems: string[] = [];
  for (const [file, targets] of graph) {
    for (const target of targets) {
      const parts = target.split("/");
      parts.forEach((part, index) => {
        if (!part.startsWith("_")) return;
        const owner = parts.slice(0, index).join("/") + "/";
        if (!file.startsWith(owner)) {
          problems.push(`${file} imports ${target}, private to ${owner}`);
        }
      });
    }
  }
  assert.deepEqual(problems, []);
});

Deno.test("no import cycles, type-only imports included", () => {
  const state = new Map<string, "open" | "done">();
  const cycles: string[] = [];
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === "done") return;
    if (state.get(file) === "open") {
      cycles.push([...path.slice(path.indexOf(file)), file].join(" → "));
      return;
    }
    state.set(file, "open");
    for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
    state.set(file, "done");
  };
  for (const file of graph.keys()) visit(file, []);
  assert.deepEqual(cycles, []);
});

Deno.test("runtime code uses web standards: no node: imports, Deno.* only in the runtime adapters", async () => {
  const problems: string[] = [];
  for (const [file, specs] of bare) {
    for (const spec of specs) {
      if (spec.startsWith("node:")) problems.push(`${file} imports ${spec}`);
    }
    if (DENO_ADAPTERS.includes(file)) continue;
    const code = (await Deno.readTextFile(new URL(file, ROOT)))
      .replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "").replace(/"[^"\n]*"/g, '""');
    if (/\bDeno\.[a-zA-Z]/.test(code)) problems.push(`${file} uses Deno.*`);
  }
  assert.deepEqual(problems, []);
});

Deno.test("the only npm package at run time is @noble/curves (SigV4a in Deno), besides hono for the middleware", () => {
  const packages = new Set<string>();
  for (const [file, specs] of bare) {
    for (const spec of specs) {
      if (spec.startsWith("node:")) continue;
      packages.add(layerOf(file) === "hono" && spec.startsWith("hono") ? "hono" : spec);
    }
  }
  assert.deepEqual(
    [...packages].map((spec) => spec.replace(/^(@[^/]+\/[^/]+|[^@/][^/]*).*$/, "$1")).sort()
      .filter((name, i, all) => all.indexOf(name) === i),
    ["@noble/curves", "hono"].filter((name) => [...packages].some((p) => p.startsWith(name))),
  );
});
