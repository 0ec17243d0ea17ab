/**
 * Bundles the runtime-matrix scenario into one ES module that workerd, Chromium, Node and
 * Bun can load without Deno's resolver: esbuild resolves the project's `deno.dev.json`
 * import map to the packages in `node_modules/` and strips the TypeScript.
 *
 * @module
 */
import * as esbuild from "esbuild";

const REPO_ROOT = new URL("../../", import.meta.url);
const SCENARIO_PATH = new URL("./scenario.ts", import.meta.url);

const bundles = new Map<string, Promise<string>>();
let lastBuild: Promise<unknown> = Promise.resolve();

/**
 * The scenario (`scenario.ts` and everything it imports) as the text of one ES module
 * exporting `runScenario`, `detectRuntime` and `SCENARIO_CHECK_NAMES`, built for the
 * browser platform so that any import of a runtime built-in fails the build. Built once
 * per test process; later calls share the result.
 *
 * @example
 * ```ts
 * const source = await scenarioBundle();
 * await Deno.writeTextFile(`${dir}/scenario.mjs`, source);
 * ```
 */
export function scenarioBundle(): Promise<string> {
  return bundleModule(SCENARIO_PATH);
}

/**
 * Any module of the repository (`entryUrl` and everything it imports) bundled the same way
 * as {@linkcode scenarioBundle}: one ES module for the browser platform, its exports kept.
 * Built once per entry and test process; builds run one at a time, since each one stops
 * esbuild's service when done.
 *
 * @example
 * ```ts
 * const source = await bundleModule(new URL("../saml/adapters/okta/runtime_entry.ts", import.meta.url));
 * ```
 */
export function bundleModule(entryUrl: URL): Promise<string> {
  let bundle = bundles.get(entryUrl.href);
  if (bundle === undefined) {
    bundle = inTurn(() => build({ entryPoints: [fileSystemPath(entryUrl)] }));
    bundles.set(entryUrl.href, bundle);
  }
  return bundle;
}

/**
 * TypeScript `source` bundled the same way as {@linkcode bundleModule}; its imports are
 * absolute paths (or relative to the repository root). For the probes the tests write.
 *
 * @example
 * ```ts
 * const probe = await bundleSource(`import { fromEnv } from "/abs/path/src/credentials/mod.ts";`);
 * ```
 */
export function bundleSource(source: string): Promise<string> {
  return inTurn(() =>
    build({ stdin: { contents: source, resolveDir: fileSystemPath(REPO_ROOT), loader: "ts" } })
  );
}

function inTurn(run: () => Promise<string>): Promise<string> {
  const bundle = lastBuild.then(run);
  lastBuild = bundle.catch(() => {});
  return bundle;
}

async function build(input: Pick<esbuild.BuildOptions, "entryPoints" | "stdin">): Promise<string> {
  try {
    const result = await esbuild.build({
      ...input,
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      write: false,
      logLevel: "silent",
      nodePaths: [fileSystemPath(new URL("node_modules/", REPO_ROOT))],
      plugins: [denoImportMapPlugin(await readImportMap())],
    });
    const [output] = result.outputFiles;
    if (output === undefined) throw new Error("esbuild produced no output");
    return output.text;
  } finally {
    await esbuild.stop();
  }
}

/** The `imports` of the project's development configuration, `deno.dev.json`. */
async function readImportMap(): Promise<Record<string, string>> {
  const config = JSON.parse(await Deno.readTextFile(new URL("deno.dev.json", REPO_ROOT)));
  return config.imports ?? {};
}

/**
 * Resolves bare specifiers the way `deno.dev.json` maps them: an exact key, or the longest
 * key ending in `/` that prefixes the specifier. An `npm:` target becomes the package's
 * name and sub-path (the version is whatever `node_modules/` holds, which Deno installed
 * from the same map) and is resolved from the repository root, so package `exports` apply.
 */
function denoImportMapPlugin(imports: Record<string, string>): esbuild.Plugin {
  return {
    name: "deno-import-map",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData?.fromImportMap) return undefined;
        const target = mapSpecifier(args.path, imports);
        if (target === undefined) return undefined;
        const result = await build.resolve(target, {
          kind: args.kind,
          resolveDir: fileSystemPath(REPO_ROOT),
          importer: args.importer,
          pluginData: { fromImportMap: true },
        });
        return result.errors.length > 0 ? { errors: result.errors } : result;
      });
    },
  };
}

/** `specifier` mapped through `imports` and stripped of `npm:` and the version. */
function mapSpecifier(specifier: string, imports: Record<string, string>): string | undefined {
  let mapped: string | undefined = imports[specifier];
  if (mapped === undefined) {
    const prefix = Object.keys(imports)
      .filter((key) => key.endsWith("/") && specifier.startsWith(key))
      .sort((a, b) => b.length - a.length)[0];
    if (prefix !== undefined) mapped = imports[prefix] + specifier.slice(prefix.length);
  }
  if (mapped === undefined && specifier.startsWith("npm:")) mapped = specifier;
  if (mapped === undefined || !mapped.startsWith("npm:")) return mapped;
  return withoutVersion(mapped.slice("npm:".length).replace(/^\//, ""));
}

/** `name@1.2.3/sub` → `name/sub`, `@scope/name@^1/sub` → `@scope/name/sub`. */
function withoutVersion(packagePath: string): string {
  const match = packagePath.match(/^((?:@[^/]+\/)?[^/@]+)(?:@[^/]*)?(\/.*)?$/);
  if (match === null) return packagePath;
  const path = match[2] ?? "";
  return match[1] + (path === "/" ? "" : path);
}

function fileSystemPath(url: URL): string {
  return decodeURIComponent(url.pathname);
}
