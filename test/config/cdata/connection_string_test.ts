import assert from "node:assert/strict";
import fc from "fast-check";
import { ConnectionStringError } from "../../../src/config/errors.ts";
import {
  parseConnectionString,
  toConnectionString,
} from "../../../src/config/cdata/connection_string.ts";

const pairs = (text: string) => parseConnectionString(text).map(({ key, value }) => [key, value]);

Deno.test("parseConnectionString trims keys and unquoted values and skips empty pairs", () => {
  assert.deepEqual(pairs("  AuthScheme = AwsRootKeys ;; AWSRegion=eu-west-1;  ; "), [
    ["AuthScheme", "AwsRootKeys"],
    ["AWSRegion", "eu-west-1"],
  ]);
  assert.deepEqual(pairs(""), []);
  assert.deepEqual(pairs("Key="), [["Key", ""]]);
});

Deno.test("quoted values keep ; = spaces and the other quote, and undo doubled quotes", () => {
  assert.deepEqual(pairs(`A=' x;y=z ';B="it's";C='say ''hi''';D="a ""b"" c"`), [
    ["A", " x;y=z "],
    ["B", "it's"],
    ["C", "say 'hi'"],
    ["D", 'a "b" c'],
  ]);
});

Deno.test("an unquoted value may hold = and quotes after its first character", () => {
  assert.deepEqual(pairs("Url=https://h/?a=b;Name=O'Brien"), [
    ["Url", "https://h/?a=b"],
    ["Name", "O'Brien"],
  ]);
});

Deno.test("the seed's SSOProperties example parses to the nested string", () => {
  const text =
    "AuthScheme=ADFS;User=username;Password=password;SSOLoginURL='https://sts.company.com';SSOProperties='RelyingParty=https://saml.salesforce.com';";
  assert.deepEqual(pairs(text).at(-1), [
    "SSOProperties",
    "RelyingParty=https://saml.salesforce.com",
  ]);
  assert.deepEqual(pairs(pairs(text).at(-1)![1]), [[
    "RelyingParty",
    "https://saml.salesforce.com",
  ]]);
});

Deno.test("syntax errors name the key or the pair, never a value", () => {
  const cases: [string, RegExp][] = [
    ["Password='hunter2-secret", /Password opens a quote/],
    ["Password='hunter2-secret'x;A=b", /quoted value of Password is followed/],
    ["A=b;hunter2-secret;C=d", /Pair 2 .* has no "="/],
    ["A=b; =hunter2-secret", /Pair 2 .* empty key/],
  ];
  for (const [text, message] of cases) {
    const error = (() => {
      try {
        parseConnectionString(text);
      } catch (e) {
        return e;
      }
    })();
    assert.ok(error instanceof ConnectionStringError, text);
    assert.match(error.message, message);
    assert.ok(!error.message.includes("hunter2"), error.message);
  }
});

Deno.test("toConnectionString quotes only what needs quoting", () => {
  assert.equal(
    toConnectionString([["A", "plain"], ["B", "a;b"], ["C", "it's"], ["D", `'"`], ["E", " x"]]),
    `A=plain;B='a;b';C="it's";D='''"';E=' x';`,
  );
});

Deno.test("toConnectionString refuses keys that would not read back", () => {
  for (const key of ["", "a=b", "a;b", " a"]) {
    assert.throws(() => toConnectionString([[key, "v"]]), ConnectionStringError);
  }
});

const hostileChar = fc.constantFrom(";", "=", "'", '"', " ", "\t", "a", "Z", "0", "é", "\n", "\\");
const hostileValue = fc.string({ unit: hostileChar, maxLength: 24 });
const key = fc.string({
  unit: fc.constantFrom("a", "B", "_", "1", ".", "'", '"', " "),
  minLength: 1,
  maxLength: 12,
})
  .filter((k) => k.trim() === k);

Deno.test("hostile values round-trip through toConnectionString and parseConnectionString", () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(key, hostileValue), { maxLength: 8 }), (input) => {
      const text = toConnectionString(input);
      assert.deepEqual(pairs(text), input.map(([k, v]) => [k, v]));
    }),
    { numRuns: 2000 },
  );
});

Deno.test("a nested connection string survives being a quoted value", () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(key, hostileValue), { maxLength: 4 }), (inner) => {
      const nested = toConnectionString(inner);
      const outer = toConnectionString([["SSOProperties", nested], ["User", "u"]]);
      const [sso] = pairs(outer);
      assert.deepEqual(pairs(sso[1]), inner.map(([k, v]) => [k, v]));
    }),
    { numRuns: 500 },
  );
});
