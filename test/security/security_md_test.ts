// Attack class 8: SECURITY.md says what the code does. It once claimed that credential
// secrets were non-enumerable while every copy printed them; now each claim it makes about
// redaction, and each test it names, is checked here.
import assert from "node:assert/strict";
import { toSafeCredentials } from "../../src/credentials/mod.ts";

const SECURITY_MD = new URL("../../SECURITY.md", import.meta.url);
const ROOT = new URL("../../", import.meta.url);
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECURITY";
const TOKEN = "IQoJb3JpZ2luX2VjSECURITYMDTOKEN";

Deno.test("class 8: every test SECURITY.md names exists, and each attack class has its test", async () => {
  const text = await Deno.readTextFile(SECURITY_MD);
  const paths = new Set(text.match(/test\/[a-z0-9_/]+\.ts/g) ?? []);
  assert.ok(paths.size >= 8, `only ${paths.size} test files named`);
  for (const path of paths) {
    const info = await Deno.stat(new URL(path, ROOT)).catch(() => undefined);
    assert.ok(info?.isFile, `SECURITY.md names ${path}, which does not exist`);
  }
  const attacks = await Deno.readTextFile(
    new URL("test/security/verifier_attacks_test.ts", ROOT),
  );
  for (const match of text.matchAll(/"class (\d)"/g)) {
    assert.match(attacks, new RegExp(`Deno\\.test\\("class ${match[1]}: `), `class ${match[1]}`);
  }
  const rows = text.match(/^\| [1-8] \|/gm) ?? [];
  assert.equal(rows.length, 8, "the eight attack classes are listed");
});

Deno.test("class 8: the redaction SECURITY.md describes is the one the code does, copies included", async () => {
  const text = await Deno.readTextFile(SECURITY_MD);
  assert.doesNotMatch(text, /non-enumerable/, "the secrets are enumerable properties");
  assert.match(
    text,
    /\{ \.\.\.credentials \}` or `structuredClone` is a plain object that prints them/,
  );

  const credentials = toSafeCredentials({
    accessKeyId: "AKIDSECURITYMD",
    secretAccessKey: SECRET,
    sessionToken: TOKEN,
  });
  for (
    const rendering of [JSON.stringify(credentials), String(credentials), Deno.inspect(credentials)]
  ) {
    assert.doesNotMatch(rendering, new RegExp(`${SECRET}|${TOKEN}`));
    assert.match(rendering, /\[redacted\]/);
  }
  // As documented: copies are plain objects that keep (and print) the secrets.
  for (const copy of [{ ...credentials }, structuredClone(credentials)]) {
    assert.match(JSON.stringify(copy), new RegExp(SECRET.replaceAll("/", "\\/")));
  }
  assert.ok(Object.keys(credentials).includes("secretAccessKey"));
});
