import assert from "node:assert/strict";
import { splitCommandLine } from "../../src/credentials/command_line.ts";
import { ProcessCredentialsError } from "../../src/credentials/errors.ts";
import { explicitPlatform } from "../../src/credentials/platform/explicit.ts";
import { fromProcess } from "../../src/credentials/from_process.ts";
import { denoPlatform } from "../../src/credentials/platform/deno.ts";
import { nodePlatform } from "../../src/credentials/platform/node.ts";
import { redactedExcerpt } from "../../src/credentials/redact_secrets.ts";
import { assertFinishesInTime } from "../finishes_in_time.ts";
import { assertNoneShown } from "../security/assert_no_secrets.ts";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzPROCESS";
const TOKEN = "IQoJb3JpZ2luX2VjEXAMPLETOKENzzPROCESS";

// A credential_process stand-in whose behaviour is chosen by its first argument.
const SCRIPT = `
const [mode, ...rest] = Deno.args;
const secret = ${JSON.stringify(SECRET)};
const token = ${JSON.stringify(TOKEN)};
const hour = new Date(Date.now() + 3600_000).toISOString();
const print = (value) => console.log(typeof value === "string" ? value : JSON.stringify(value));
switch (mode) {
  case "ok":
    print({ Version: 1, AccessKeyId: "ASIAPROC", SecretAccessKey: secret, SessionToken: JSON.stringify(rest), Expiration: hour });
    break;
  case "no-token":
    print({ Version: 1, AccessKeyId: "AKIDPROC", SecretAccessKey: secret });
    break;
  case "fail":
    print({ Version: 1, AccessKeyId: "ASIAPROC", SecretAccessKey: secret });
    console.error("refused: secret=" + secret + " token " + token + " for AKIAIOSFODNN7EXAMPLE");
    Deno.exit(3);
  case "bad-json":
    print("SecretAccessKey: " + secret);
    break;
  case "version-2":
    print({ Version: 2, AccessKeyId: "ASIAPROC", SecretAccessKey: secret });
    break;
  case "expired":
    print({ Version: 1, AccessKeyId: "ASIAPROC", SecretAccessKey: secret, Expiration: "2000-01-01T00:00:00Z" });
    break;
  case "no-secret":
    print({ Version: 1, AccessKeyId: "ASIAPROC" });
    break;
  case "sleep":
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    break;
}
`;

let scriptPath: string | undefined;
async function commandFor(mode: string, ...args: string[]): Promise<string> {
  if (scriptPath === undefined) {
    const dir = await Deno.makeTempDir({ prefix: "iamfetch-process-" });
    globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
    scriptPath = `${dir}/credential process.js`; // a space, so the path has to be quoted
    await Deno.writeTextFile(scriptPath, SCRIPT);
  }
  const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;
  return [Deno.execPath(), "run", "--quiet", "--no-config", "--no-lock", scriptPath, mode, ...args]
    .map(quote).join(" ");
}

async function processError(command: string, timeoutMs?: number): Promise<ProcessCredentialsError> {
  try {
    await fromProcess({ command, platform: denoPlatform(), profile: "dev", timeoutMs })();
  } catch (error) {
    assert.ok(error instanceof ProcessCredentialsError, String(error));
    assertNoneShown(error, [SECRET, TOKEN], "the process error");
    return error;
  }
  assert.fail("expected a ProcessCredentialsError");
}

Deno.test("fromProcess runs a real program and reads its Version 1 JSON", async () => {
  const command = await commandFor("ok", "--role", "my dev", `it's`);
  const credentials = await fromProcess({ command, platform: denoPlatform() })();
  assert.equal(credentials.accessKeyId, "ASIAPROC");
  assert.equal(credentials.secretAccessKey, SECRET);
  assert.deepEqual(JSON.parse(credentials.sessionToken!), ["--role", "my dev", "it's"]);
  assert.ok(credentials.expiration instanceof Date);
  assert.ok(credentials.expiration.getTime() > Date.now());
  assertNoneShown(credentials, [SECRET], "the credentials");
});

Deno.test("fromProcess works through nodePlatform too", async () => {
  const credentials = await fromProcess({
    command: await commandFor("no-token"),
    platform: nodePlatform(),
  })();
  assert.equal(credentials.accessKeyId, "AKIDPROC");
  assert.equal(credentials.sessionToken, undefined);
  assert.equal(credentials.expiration, undefined);
});

Deno.test("fromProcess runs without a shell, so a shell must be asked for explicitly", async () => {
  const json = JSON.stringify({ Version: 1, AccessKeyId: "AKIDSHELL", SecretAccessKey: "s" });
  const credentials = await fromProcess({
    command: `sh -c 'printf "%s" "$1"' sh '${json}'`,
    platform: denoPlatform(),
  })();
  assert.equal(credentials.accessKeyId, "AKIDSHELL");
});

Deno.test("a non-zero exit reports the code and redacted standard error, never standard output", async () => {
  const error = await processError(await commandFor("fail"));
  assert.equal(error.exitCode, 3);
  assert.match(error.message, /credential_process of profile dev: .* exited with code 3/);
  assert.match(error.message, /refused: secret=\[redacted\]/);
  assert.ok(!error.message.includes("AKIAIOSFODNN7EXAMPLE"));
});

Deno.test("output that is not JSON, not Version 1 or without keys is a ProcessCredentialsError", async () => {
  assert.match((await processError(await commandFor("bad-json"))).message, /did not print JSON/);
  assert.match(
    (await processError(await commandFor("version-2"))).message,
    /Version 2; only Version 1/,
  );
  assert.match((await processError(await commandFor("no-secret"))).message, /no SecretAccessKey/);
});

Deno.test("expired credentials from a process are rejected", async () => {
  assert.match(
    (await processError(await commandFor("expired"))).message,
    /expired at 2000-01-01T00:00:00\.000Z/,
  );
});

Deno.test("a process that outlives its timeout is killed and reported", async () => {
  const start = Date.now();
  const error = await processError(await commandFor("sleep"), 1500);
  assert.match(error.message, /did not finish within 1500 ms and was killed/);
  assert.ok(Date.now() - start < 10_000);
});

Deno.test("a program that does not exist is a ProcessCredentialsError", async () => {
  const error = await processError("/no/such/credential-helper --flag");
  assert.match(error.message, /\/no\/such\/credential-helper could not be started \(NotFound\)/);
});

Deno.test("an empty or unparseable command line is a ProcessCredentialsError without the command", async () => {
  assert.match((await processError("   ")).message, /the command is empty/);
  const unterminated = await processError(`helper --password '${SECRET}`);
  assert.match(unterminated.message, /unterminated ' quote/);
});

Deno.test("fromProcess on a platform without runProcess is a ProcessCredentialsError", async () => {
  await assert.rejects(
    fromProcess({ command: "helper", platform: explicitPlatform(), profile: "p" })(),
    (error: unknown) =>
      error instanceof ProcessCredentialsError &&
      /profile p: this platform cannot run programs/.test(error.message),
  );
});

Deno.test("splitCommandLine splits like POSIX shlex", () => {
  const cases: Array<[string, string[]]> = [
    ["a b\tc", ["a", "b", "c"]],
    ["  leading and trailing  ", ["leading", "and", "trailing"]],
    [`'single quoted' "double quoted"`, ["single quoted", "double quoted"]],
    [`a\\ b`, ["a b"]],
    [`"say \\"hi\\" \\\\ \\$HOME \\n"`, [`say "hi" \\ $HOME \\n`]],
    [`pre'mid'"post"`, ["premidpost"]],
    [`''`, [""]],
    [`C:\\\\tools\\\\helper.exe`, ["C:\\tools\\helper.exe"]],
    ["", []],
  ];
  for (const [line, words] of cases) {
    assert.deepEqual(splitCommandLine(line), words, line);
  }
  // Inside single quotes a backslash is literal: 'it\' ends there, and the last ' is unterminated.
  assert.throws(() => splitCommandLine(`'it\\'s'`), SyntaxError);
});

Deno.test("splitCommandLine rejects unterminated quotes and a trailing backslash without echoing", () => {
  for (const line of [`a 'b`, `a "b`, `a b\\`, `"a \\"`]) {
    assert.throws(() => splitCommandLine(line), (error: unknown) => {
      assert.ok(error instanceof SyntaxError);
      assert.ok(!error.message.includes(line));
      return true;
    });
  }
});

Deno.test("redactedExcerpt hides key ids, named secrets and long base64 runs, and truncates", () => {
  const text =
    `AKIAIOSFODNN7EXAMPLE ASIAEXAMPLEEXAMPLE1 password: hunter22 "SessionToken": "abc" ` +
    `token=xyz ${SECRET} short words stay`;
  const excerpt = redactedExcerpt(text, 1000);
  for (
    const hidden of [
      "AKIAIOSFODNN7EXAMPLE",
      "ASIAEXAMPLEEXAMPLE1",
      "hunter22",
      "abc",
      "xyz",
      SECRET,
    ]
  ) {
    assert.ok(!excerpt.includes(hidden), `${hidden} in ${excerpt}`);
  }
  assert.match(excerpt, /short words stay$/);
  assert.equal(redactedExcerpt("x".repeat(10) + " y".repeat(200), 50).length, 51);
  assert.ok(redactedExcerpt(" ".repeat(10), 5) === "");
});

Deno.test("redactedExcerpt takes linear time on adversarial standard error", async () => {
  for (
    const text of [
      "secret".repeat(50_000),
      "token-".repeat(50_000),
      "AKIA".repeat(80_000),
      "a".repeat(300_000),
    ]
  ) {
    await assertFinishesInTime(`${text.slice(0, 12)}…`, () => redactedExcerpt(text, 300));
  }
});
