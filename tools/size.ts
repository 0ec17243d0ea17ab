/**
 * Bundle size report: `deno task size`.
 *
 * Bundles, minifies (esbuild, ESM) and gzips what an application would ship:
 *
 * - sign-only (browser platform): iamfetch's `SigV4Signer`, aws4fetch's `AwsClient`, and
 *   `SignatureV4` of `@smithy/signature-v4` with the `Sha256` it needs outside Node;
 * - STS + the default credential chain + an RDS token (Node platform, where the AWS SDK
 *   runs): iamfetch's `StsClient`, `defaultProvider`, `rdsAuthToken` against
 *   `@aws-sdk/client-sts`, `@aws-sdk/credential-provider-node` and `@aws-sdk/rds-signer`;
 * - IAM Roles Anywhere (browser platform): `X509Signer` alone and `fromRolesAnywhere`, with
 *   nothing beside them (no JavaScript package does this; AWS's is a Go binary);
 * - browser form uploads: `presignPost` against `createPresignedPost` with the `S3Client` it
 *   needs (both for the browser); CloudFront: `getSignedUrl` (browser) against
 *   `@aws-sdk/cloudfront-signer`'s (Node, as it imports `node:crypto`);
 * - each iamfetch entry point of `deno.json` on its own.
 *
 * Prints a table, and exits with status 1 when the sign-only entry grows over its budget
 * or the STS + chain + RDS bundle over a fifth of the AWS SDK's.
 *
 * @module
 */
import * as esbuild from "esbuild";

/** Gzipped bytes the sign-only iamfetch entry may take. */
export const SIGN_ONLY_BUDGET_GZIP_BYTES = 5.7 * 1024;

const root = new URL("../", import.meta.url);
const rootDir = decodeURIComponent(root.pathname);

/** One bundle to measure: a name, the ES module source of its entry, its platform. */
interface Entry {
  name: string;
  source: string;
  platform: "browser" | "node";
}

const STS_CHAIN_RDS = "iamfetch StsClient + defaultProvider + rdsAuthToken";
const SDK_STS_CHAIN_RDS = "AWS SDK v3 client-sts + credential-provider-node + rds-signer";

const entries: Entry[] = [
  {
    name: "iamfetch SigV4Signer (sign-only)",
    source: 'export { SigV4Signer } from "./src/sigv4/mod.ts";',
    platform: "browser",
  },
  {
    name: "aws4fetch AwsClient",
    source: 'export { AwsClient } from "aws4fetch";',
    platform: "browser",
  },
  {
    name: "@smithy/signature-v4 SignatureV4 + Sha256",
    source: 'export { SignatureV4 } from "@smithy/signature-v4";\n' +
      'export { Sha256 } from "@aws-crypto/sha256-js";',
    platform: "browser",
  },
  {
    name: "iamfetch StsClient",
    source: 'export { StsClient } from "./src/sts/mod.ts";',
    platform: "node",
  },
  {
    name: "@aws-sdk/client-sts STSClient + commands",
    source:
      'export { STSClient, GetCallerIdentityCommand, AssumeRoleCommand } from "@aws-sdk/client-sts";',
    platform: "node",
  },
  {
    name: "iamfetch rdsAuthToken",
    source: 'export { rdsAuthToken } from "./src/tokens/mod.ts";',
    platform: "node",
  },
  {
    name: "@aws-sdk/rds-signer Signer",
    source: 'export { Signer } from "@aws-sdk/rds-signer";',
    platform: "node",
  },
  {
    name: "iamfetch presignPost (sign-only)",
    source: 'export { presignPost } from "./src/sigv4/mod.ts";',
    platform: "browser",
  },
  {
    name: "@aws-sdk/s3-presigned-post createPresignedPost + S3Client",
    source: 'export { createPresignedPost } from "@aws-sdk/s3-presigned-post";\n' +
      'export { S3Client } from "@aws-sdk/client-s3";',
    platform: "browser",
  },
  {
    name: "iamfetch getSignedUrl (sign-only)",
    source: 'export { getSignedUrl } from "./src/tokens/mod.ts";',
    platform: "browser",
  },
  {
    name: "@aws-sdk/cloudfront-signer getSignedUrl",
    source: 'export { getSignedUrl } from "@aws-sdk/cloudfront-signer";',
    platform: "node",
  },
  {
    name: STS_CHAIN_RDS,
    source: 'export { StsClient, defaultProvider } from "./src/sts/mod.ts";\n' +
      'export { rdsAuthToken } from "./src/tokens/mod.ts";',
    platform: "node",
  },
  {
    name: SDK_STS_CHAIN_RDS,
    source:
      'export { STSClient, GetCallerIdentityCommand, AssumeRoleCommand } from "@aws-sdk/client-sts";\n' +
      'export { defaultProvider } from "@aws-sdk/credential-provider-node";\n' +
      'export { Signer } from "@aws-sdk/rds-signer";',
    platform: "node",
  },
  // IAM Roles Anywhere has no JavaScript package to compare with: AWS ships a Go program.
  {
    name: "iamfetch X509Signer (Roles Anywhere sign-only)",
    source: 'export { X509Signer } from "./src/sigv4/mod.ts";',
    platform: "browser",
  },
  {
    name: "iamfetch fromRolesAnywhere",
    source: 'export { fromRolesAnywhere } from "./src/credentials/mod.ts";',
    platform: "browser",
  },
];

/** One row per `deno.json` export, each bundled alone for the browser. */
function layerEntries(exports: Record<string, string>): Entry[] {
  return Object.entries(exports).filter(([name]) => name !== "./cli").map(([name, path]) => ({
    name: `iamfetch ${name === "." ? "(everything)" : name.slice(2)} entry`,
    source: `export * from "${path}";`,
    platform: "browser",
  }));
}

/**
 * Resolves the bare specifiers of deno.dev.json `imports` (`"aws4fetch": "npm:aws4fetch@1"`,
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
    platform: entry.platform,
    write: false,
    logLevel: "silent",
    plugins: [plugin],
  });
  const code = result.outputFiles[0].contents as Uint8Array<ArrayBuffer>;
  return { minified: code.byteLength, gzipped: await gzipSize(code) };
}

if (import.meta.main) {
  const denoJson = JSON.parse(await Deno.readTextFile(new URL("deno.json", root)));
  // The comparisons (aws4fetch, smithy …) are development packages: deno.dev.json maps them.
  const devJson = JSON.parse(await Deno.readTextFile(new URL("deno.dev.json", root)));
  const plugin = denoImportMap(devJson.imports ?? {});
  const rows: Array<[string, number, number]> = [];
  try {
    for (const entry of [...entries, ...layerEntries(denoJson.exports ?? {})]) {
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

  const gzipped = (name: string) => rows.find(([row]) => row === name)![2];
  const signOnly = rows[0][2];
  const ratio = gzipped(SDK_STS_CHAIN_RDS) / gzipped(STS_CHAIN_RDS);
  console.log(
    `\n${rows[0][0]}: ${signOnly} of ${SIGN_ONLY_BUDGET_GZIP_BYTES} gzipped bytes budget.` +
      `\nSTS + chain + RDS token: the AWS SDK's bundle is ${
        ratio.toFixed(1)
      }× iamfetch's (target ≥ 5×).`,
  );
  if (signOnly > SIGN_ONLY_BUDGET_GZIP_BYTES || ratio < 5) {
    console.error("Over budget.");
    Deno.exit(1);
  }
}
