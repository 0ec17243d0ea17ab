import assert from "node:assert/strict";
import { IniSyntaxError } from "../../../src/credentials/profile/errors.ts";
import { parseIni, parseIniSections } from "../../../src/credentials/profile/ini.ts";
import { assertFinishesInTime } from "../../finishes_in_time.ts";
import { assertNoneShown } from "../../security/assert_no_secrets.ts";

const PATH = "/home/me/.aws/config";
const parse = (text: string) => parseIni(text, { path: PATH });
const section = (text: string, name: string) => Object.fromEntries(parse(text).get(name) ?? []);

Deno.test("parseIni reads sections of trimmed key = value pairs", () => {
  const sections = parse(
    "[default]\naws_access_key_id=AKID\n  region   =   eu-west-1  \n[profile dev]\nrole_arn = arn:aws:iam::1:role/x\n",
  );
  assert.deepEqual([...sections.keys()], ["default", "profile dev"]);
  assert.deepEqual(section("[default]\na=1\n b = 2 \n", "default"), { a: "1", b: "2" });
  assert.equal(sections.get("profile dev")?.get("role_arn"), "arn:aws:iam::1:role/x");
  assert.equal(sections.get("default")?.get("region"), "eu-west-1");
});

Deno.test("parseIni splits at the first '=' so values may contain '='", () => {
  assert.deepEqual(section("[s]\nsecret = ab=cd==\n", "s"), { secret: "ab=cd==" });
});

Deno.test("parseIni names sections by the text between the brackets, padding kept, as AWS SDK v3", () => {
  assert.deepEqual(
    [...parse("  [ default ]  \na=1\n[profile  dev]\nb=2\n[default]\nc=3\n").keys()],
    [
      " default ",
      "profile  dev",
      "default",
    ],
  );
  assert.throws(() => parse("[  ]\na=1\n"), IniSyntaxError);
});

Deno.test("parseIni ignores comment lines starting with # or ; and blank lines", () => {
  const text = "# top\n; also\n[s]\n\n   # indented comment\n\t; tabbed\na = 1\n\n";
  assert.deepEqual(section(text, "s"), { a: "1" });
});

Deno.test("parseIni cuts values at # or ; that follow white space, as AWS SDK v3 does", () => {
  const text =
    "[s] # header comment\na = one # comment\nb = two\t;comment\nc = th;ree\nd = fo#ur\n";
  assert.deepEqual(section(text, "s"), { a: "one", b: "two", c: "th;ree", d: "fo#ur" });
});

Deno.test("parseIni does not store a key whose value is empty or only a comment", () => {
  assert.deepEqual(section("[s]\naws_session_token =\nb = # nothing\nc = 3\n", "s"), { c: "3" });
});

Deno.test("parseIni stores indented lines under an empty-valued key as parent.key", () => {
  const text = "[profile dev]\ns3 =\n  addressing_style = path\n\n  # still in the block\n" +
    "\tuse_accelerate_endpoint = true\nregion = eu-west-1\n  indented = top-level again\n";
  assert.deepEqual(section(text, "profile dev"), {
    "s3.addressing_style": "path",
    "s3.use_accelerate_endpoint": "true",
    region: "eu-west-1",
    indented: "top-level again",
  });
});

Deno.test("parseIni ends a sub-property block at the next section", () => {
  const sections = parse("[a]\ns3 =\n  x = 1\n[b]\n  y = 2\n");
  assert.deepEqual(Object.fromEntries(sections.get("a")!), { "s3.x": "1" });
  assert.deepEqual(Object.fromEntries(sections.get("b")!), { y: "2" });
});

Deno.test("parseIni accepts CRLF line ends and a byte order mark", () => {
  const text = "\uFEFF[default]\r\na = 1\r\ns3 =\r\n  b = 2\r\n";
  assert.deepEqual(section(text, "default"), { a: "1", "s3.b": "2" });
});

Deno.test("parseIni merges repeated sections key by key; parseIniSections keeps them apart", () => {
  const text = "[s]\na = 1\nb = 1\n[t]\nx = 0\n[s]\nb = 2\nc = 2\n";
  assert.deepEqual(section(text, "s"), { a: "1", b: "2", c: "2" });
  const occurrences = parseIniSections(text, { path: PATH });
  assert.deepEqual(occurrences.map(([name, settings]) => [name, Object.fromEntries(settings)]), [
    ["s", { a: "1", b: "1" }],
    ["t", { x: "0" }],
    ["s", { b: "2", c: "2" }],
  ]);
});

Deno.test("parseIni keeps a section that has no keys", () => {
  assert.deepEqual([...parse("[empty]\n# nothing\n").keys()], ["empty"]);
});

Deno.test("parseIni returns an empty map for an empty or comment-only file", () => {
  assert.equal(parse("").size, 0);
  assert.equal(parse("# only\n\n; comments\n").size, 0);
});

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRET";

function assertSyntaxError(text: string, line: number, problem: RegExp) {
  let thrown: unknown;
  try {
    parse(text);
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown instanceof IniSyntaxError, `expected IniSyntaxError, got ${thrown}`);
  assert.equal(thrown.path, PATH);
  assert.equal(thrown.line, line);
  assert.match(thrown.message, new RegExp(`^${PATH.replaceAll(".", "\\.")}, line ${line}: `));
  assert.match(thrown.message, problem);
  assertNoneShown(thrown, [SECRET], "the syntax error (the line's content)");
}

Deno.test("parseIni rejects a line without '=' naming file and line number, not the line", () => {
  assertSyntaxError(`[default]\naws_access_key_id = AKID\n${SECRET}\n`, 3, /key = value/);
});

Deno.test("parseIni rejects a key before any section", () => {
  assertSyntaxError(`# header\n\naws_secret_access_key = ${SECRET}\n[default]\n`, 3, /\[section\]/);
});

Deno.test("parseIni rejects an unterminated section header", () => {
  assertSyntaxError(`[default]\na = 1\n[profile ${SECRET}\n`, 3, /must end with '\]'/);
  assertSyntaxError(`[default]#${SECRET}\n`, 1, /must end with '\]'/);
});

Deno.test("parseIni rejects an empty section name and an empty key", () => {
  assertSyntaxError("[default]\na = 1\n[  ]\n", 3, /no name/);
  assertSyntaxError(`[default]\n = ${SECRET}\n`, 2, /no key/);
});

Deno.test("parseIni counts CRLF lines like LF lines in errors", () => {
  assertSyntaxError(`[default]\r\na = 1\r\n\r\n${SECRET}\r\n`, 4, /key = value/);
});

// About 1 s each on a laptop; a super-linear algorithm would take hours on 10 MB.
Deno.test("parseIni takes linear time on 10 MB adversarial inputs", async () => {
  const size = 10 * 1024 * 1024;
  const inputs: Array<[string, string]> = [
    ["many ordinary lines", "[s]\n" + "key = value ; comment\n".repeat(size / 22)],
    ["one huge value", "[s]\nkey = " + "a=".repeat(size / 2) + "\n"],
    ["white space then a comment", "[s]\nkey = v" + " ".repeat(size) + "#c\n"],
    ["white space without a comment", "[s]\nkey = v" + " \t".repeat(size / 2) + "x\n"],
    ["sub-properties", "[s]\ns3 =\n" + "  k = v\n".repeat(size / 8)],
    ["a long header", "[" + "profile ".repeat(size / 8) + "]\n"],
    ["many empty lines", "[s]\n" + "\r\n".repeat(size / 2)],
  ];
  for (const [name, text] of inputs) {
    await assertFinishesInTime(name, () => parse(text));
  }
  const unterminated = "[" + "x".repeat(size);
  await assertFinishesInTime("unterminated header", () => {
    assert.throws(() => parse(unterminated), IniSyntaxError);
  });
});
