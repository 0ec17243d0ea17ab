/**
 * Bundle size report: `deno task size`.
 *
 * Bundles, minifies (esbuild, browser ESM) and gzips what a Worker or a web page that
 * only signs requests would ship: iamfetch's `SigV4Signer`, aws4fetch's `AwsClient`, and
 * `SignatureV4` of `@smithy/signature-v4` with the `Sha256` it needs outside Node. Prints
 * a table, and exits with status 1 when the iamfetch entry grows over its budget.
 *
 * @module
 */
import * as esbuild from "esbuild";

/** Gzipped bytes the sign-only iamfetch entry may take. */
export const SIGN_ONLY_BUDGET_GZIP_BYTES = 6 * 1024;

const root = new URL("../", import.meta.url);
const rootDir = decodeURIComponent(root.pathname);

/** One bundle to measure: a name and the ES module source of its entry. */
interface Entry {
  name: string;
  source: string;
}

const entries: Entry[] = [
  {
    name: "iamfetch SigV4Signer (sign-only)",
    source: 'export { SigV4Signer } from "./src/sigv4/mod.ts";',
  },
  { name: "aws4fetch AwsClient", source: 'export { AwsClient } from "aws4fetch";' },
  {
    name: "@smithy/signature-v4 SignatureV4 + Sha256",
    source: 'export { SignatureV4 } from "@smithy/signature-v4";\n' +
      'export { Sha256 } from "@aws-crypto/sha256-js";',
  },
];

/**
 * Resolves the bare specifiers of deno.json `imports` (`"aws4fetch": "npm:aws4fetch@1"`,
 * `"hono/": "npm:/hono@4/"`) to the packages Deno installed in node_modules.
 */
function denoImportMap(imports: Record<string, string>): esbuild.Plugin {
  const npmName = (target: string) => target.replace(/^npm:\/?/, "").replace(/(.)@[^/]*/, "$1");
  return {
    name: "deno-import-map",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        // Packages resolve their own dependencies the Node way; only project code is mapped.
        if (args.pluginData === "deno-import-map" || args.importer.includes("/node_modules/")) {
          return undefined;
        }
        let target: string | undefined;
        if (imports[args.path]?.startsWith("npm:")) target = npmName(imports[args.path]);
        else {
          const prefix = Object.keys(imports).find((key) =>
            key.endsWith("/") && args.path.startsWith(key) && imports[key].startsWith("npm:")
          );
          if (prefix !== undefined) {
            target = npmName(imports[prefix]).replace(/\/?$/, "/") + args.path.slice(prefix.length);
          }
        }
        if (target === undefined) return undefined;
        const resolved = await build.resolve(target, {
          kind: args.kind,
          resolveDir: rootDir,
          pluginData: "deno-import-map",
        });
        return resolved.errors.length > 0 ? { errors: resolved.errors } : { path: resolved.path };
      });
    },
  };
}

async function gzipSize(bytes: Uint8Array<ArrayBuffer>): Promise<number> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

async function measure(
  entry: Entry,
  plugin: esbuild.Plugin,
): Promise<{ minified: number; gzipped: number }> {
  const result = await esbuild.build({
    stdin: { contents: entry.source, resolveDir: rootDir, loader: "ts", sourcefile: "entry.ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
    plugins: [plugin],
  });
  const code = result.outputFiles[0].contents as Uint8Array<ArrayBuffer>;
  return { minified: code.byteLength, gzipped: await gzipSize(code) };
}

if (import.meta.main) {
  const denoJson = JSON.parse(await Deno.readTextFile(new URL("deno.json", root)));
  const plugin = denoImportMap(denoJson.imports ?? {});
  const rows: Array<[string, number, number]> = [];
  try {
    for (const entry of entries) {
      const { minified, gzipped } = await measure(entry, plugin);
      rows.push([entry.name, minified, gzipped]);
    }
  } finally {
    await esbuild.stop();
  }

  const width = Math.max(...rows.map(([name]) => name.length), "bundle".length);
  const line = (cells: string[]) =>
    "| " + cells[0].padEnd(width) + " | " + cells[1].padStart(9) + " | " + cells[2].padStart(12) +
    " |";
  console.log(line(["bundle", "min bytes", "min+gz bytes"]));
  console.log("|" + "-".repeat(width + 2) + "|" + "-".repeat(11) + "|" + "-".repeat(14) + "|");
  for (const [name, minified, gzipped] of rows) {
    console.log(line([name, minified.toLocaleString("en"), gzipped.toLocaleString("en")]));
  }

  const signOnly = rows[0][2];
  if (signOnly > SIGN_ONLY_BUDGET_GZIP_BYTES) {
    console.error(
      `${
        rows[0][0]
      } is ${signOnly} bytes gzipped, over its budget of ${SIGN_ONLY_BUDGET_GZIP_BYTES}.`,
    );
    Deno.exit(1);
  }
  console.log(
    `\n${rows[0][0]}: ${signOnly} of ${SIGN_ONLY_BUDGET_GZIP_BYTES} gzipped bytes budget.`,
  );
}
