// Every TypeScript example of README.md's "Bring your configuration" and "Identity providers"
// sections is tagged, the tags name the scenarios the run tests cover, and all of them
// type-check as written.
import assert from "node:assert/strict";
import { readmeBlocks } from "./readme_blocks.ts";
import { assertTypeChecks } from "./typecheck_sources.ts";

const README = new URL("../../README.md", import.meta.url);

// The run tests (readme_seeds_test.ts, readme_idps_test.ts) cover these; the check-only ones
// need what a test cannot have (a Keyspaces cluster, a browser, files on disk, a real key).
const EXPECTED = {
  run: [
    "cdata-s3",
    "cdata-okta",
    "airflow-uri",
    "rds-wrapper",
    "redshift-okta",
    "okta-mfa",
    "okta-oie-web",
    "okta-oie-direct",
    "okta-oie-m2m",
    "adfs",
    "azure",
    "form",
  ],
  check: ["keyspaces", "airflow-env", "ping-mtls", "browser", "google"],
};

Deno.test("README examples: every ts block is tagged, and the tags are the tested scenarios", async () => {
  const blocks = readmeBlocks(await Deno.readTextFile(README));
  for (const mode of ["run", "check"] as const) {
    assert.deepEqual(
      blocks.filter((b) => b.mode === mode).map((b) => b.name).sort(),
      [...EXPECTED[mode]].sort(),
    );
  }
  assert.throws(
    () => readmeBlocks("<!-- seeds:start -->\n```ts\nx\n```\n<!-- seeds:end -->"),
    /without <!-- readme-test/,
  );
});

Deno.test("README examples type-check as written", async () => {
  const blocks = readmeBlocks(await Deno.readTextFile(README));
  await assertTypeChecks(new Map(blocks.map((block) => [`${block.name}.ts`, block.code])));
});
