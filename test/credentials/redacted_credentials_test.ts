import assert from "node:assert/strict";
import { inspect } from "node:util";
import { toSafeCredentials } from "../../src/credentials/redacted_credentials.ts";
import { assertNoneShown } from "../security/assert_no_secrets.ts";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzREDACTED";
const TOKEN = "IQoJb3JpZ2luX2VjEXAMPLEzzREDACTED";
const EXPIRATION = new Date("2099-01-01T00:00:00Z");

const full = () =>
  toSafeCredentials({
    accessKeyId: "ASIAREDACTED",
    secretAccessKey: SECRET,
    sessionToken: TOKEN,
    expiration: EXPIRATION,
  });

Deno.test("safe credentials keep the four properties readable and enumerable", () => {
  const credentials = full();
  assert.equal(credentials.accessKeyId, "ASIAREDACTED");
  assert.equal(credentials.secretAccessKey, SECRET);
  assert.equal(credentials.sessionToken, TOKEN);
  assert.equal(credentials.expiration, EXPIRATION);
  assert.deepEqual(Object.keys(credentials), [
    "accessKeyId",
    "secretAccessKey",
    "sessionToken",
    "expiration",
  ]);
  // Spreading gives a plain object with everything (what AWS SDK v3 code may do).
  assert.deepEqual({ ...credentials }, {
    accessKeyId: "ASIAREDACTED",
    secretAccessKey: SECRET,
    sessionToken: TOKEN,
    expiration: EXPIRATION,
  });
});

Deno.test("safe credentials have no sessionToken or expiration property unless given", () => {
  const credentials = toSafeCredentials({ accessKeyId: "AKID", secretAccessKey: SECRET });
  assert.deepEqual(Object.keys(credentials), ["accessKeyId", "secretAccessKey"]);
  assert.equal("sessionToken" in credentials, false);
  assert.deepEqual(JSON.parse(JSON.stringify(credentials)), {
    accessKeyId: "AKID",
    secretAccessKey: "[redacted]",
  });
});

Deno.test("JSON.stringify, String, templates, Deno.inspect and util.inspect redact the secrets", () => {
  const credentials = full();
  const renderings = {
    json: JSON.stringify(credentials),
    nestedJson: JSON.stringify({ credentials }),
    string: String(credentials),
    template: `${credentials}`,
    denoInspect: Deno.inspect(credentials),
    denoInspectNested: Deno.inspect({ list: [credentials] }, { depth: 10 }),
    nodeInspect: inspect(credentials),
    nodeInspectNested: inspect({ list: [credentials] }, { depth: 10 }),
  };
  for (const [how, shown] of Object.entries(renderings)) {
    assert.ok(!shown.includes(SECRET), `${how}: ${shown}`);
    assert.ok(!shown.includes(TOKEN), `${how}: ${shown}`);
    assert.ok(shown.includes("ASIAREDACTED"), `${how}: ${shown}`);
    assert.ok(shown.includes("[redacted]"), `${how}: ${shown}`);
  }
  assert.deepEqual(JSON.parse(renderings.json), {
    accessKeyId: "ASIAREDACTED",
    secretAccessKey: "[redacted]",
    sessionToken: "[redacted]",
    expiration: "2099-01-01T00:00:00.000Z",
  });
  assert.equal(
    renderings.string,
    'Credentials { accessKeyId: "ASIAREDACTED", secretAccessKey: "[redacted]", ' +
      'sessionToken: "[redacted]", expiration: "2099-01-01T00:00:00.000Z" }',
  );
});

Deno.test("console.log of safe credentials prints no secret, in Deno and through node:util", async () => {
  const moduleUrl = new URL("../../src/credentials/redacted_credentials.ts", import.meta.url).href;
  const code = `import { toSafeCredentials } from ${JSON.stringify(moduleUrl)};
    import { format } from "node:util";
    const credentials = toSafeCredentials({ accessKeyId: "ASIALOGGED", secretAccessKey: ${
    JSON.stringify(SECRET)
  }, sessionToken: ${JSON.stringify(TOKEN)} });
    console.log(credentials);
    console.log({ nested: { credentials } });
    console.error(format("%o %O %s %j", credentials, credentials, credentials, credentials));`;
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--no-config", "--no-lock", code],
  }).output();
  const printed = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
  assert.equal(output.code, 0, printed);
  assert.equal(printed.match(/ASIALOGGED/g)?.length, 6, printed);
  assert.ok(!printed.includes(SECRET), printed);
  assert.ok(!printed.includes(TOKEN), printed);
});

Deno.test("toSafeCredentials returns already-safe credentials as they are", () => {
  const credentials = full();
  assert.equal(toSafeCredentials(credentials), credentials);
});

Deno.test("safe credentials stay extensible, as AWS SDK v3 records features on them", () => {
  const credentials = full() as unknown as Record<string, unknown>;
  credentials.$source = { CREDENTIALS_CODE: "e" };
  assert.deepEqual(credentials.$source, { CREDENTIALS_CODE: "e" });
});

Deno.test("toSafeCredentials carries AWS SDK v3's extra properties over without printing them", () => {
  const credentials = toSafeCredentials(
    {
      accessKeyId: "AKID",
      secretAccessKey: SECRET,
      accountId: "123456789012",
      credentialScope: "us-east-1",
      toJSON: () => ({ leaked: SECRET }), // an own toJSON must not undo the redaction
    } as Parameters<typeof toSafeCredentials>[0],
  );
  const extra = credentials as unknown as Record<string, unknown>;
  assert.equal(extra.accountId, "123456789012");
  assert.equal(extra.credentialScope, "us-east-1");
  assert.ok(!Object.hasOwn(credentials, "toJSON"));
  assert.deepEqual(JSON.parse(JSON.stringify(credentials)), {
    accessKeyId: "AKID",
    secretAccessKey: "[redacted]",
  });
  assertNoneShown(credentials, [SECRET], "credentials with an own toJSON");
});
