// Type-checks README code as modules: each source is written to a temporary folder under
// test/docs (so the project's import map applies) and checked in one `deno check` run.
import assert from "node:assert/strict";

/** Fails with `deno check`'s report unless every source (file name → code) type-checks. */
export async function assertTypeChecks(sources: ReadonlyMap<string, string>): Promise<void> {
  const dir = await Deno.makeTempDir({
    dir: new URL(".", import.meta.url).pathname,
    prefix: ".readme_check_",
  });
  try {
    const files = [];
    for (const [name, code] of sources) {
      const file = `${dir}/${name}`;
      await Deno.writeTextFile(file, code);
      files.push(file);
    }
    const { code, stderr } = await new Deno.Command(Deno.execPath(), {
      // The dev configuration: README examples also use a database driver's types
      // (cassandra-driver, pg …), which the library's own deno.json does not install.
      args: [
        "check",
        "--quiet",
        "--config",
        new URL("../../deno.dev.json", import.meta.url).pathname,
        ...files,
      ],
      stdout: "null",
      stderr: "piped",
    }).output();
    assert.equal(code, 0, new TextDecoder().decode(stderr));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
