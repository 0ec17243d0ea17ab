// The XPath subset of the generic form adapter's samlResponseXPath (Airflow's
// saml_response_xpath): what it answers, what it refuses, and that it stays linear.
import assert from "node:assert/strict";
import { compileSamlXPath, formAdapter, UnsupportedXPathError } from "../../src/saml/mod.ts";
import { assertFinishesInTime } from "../finishes_in_time.ts";

const PAGE = `<!DOCTYPE html><html><head><title>Posting &amp; done</title>
<script>var fake = '<input name="SAMLResponse" value="FROM-SCRIPT">';</script></head>
<body><!-- <input name="SAMLResponse" value="FROM-COMMENT"> -->
<form method="post" action="https://signin.aws.amazon.com/saml">
<input type="hidden" name="RelayState" value="relay">
<INPUT TYPE="hidden" NAME="SAMLResponse" VALUE="PHNhbWw&#43;PC9zYW1sPg==" data-x='a"b'>
<textarea id="raw" name="assertion">PHg+&lt;</textarea>
<div id="out"> text &amp; more <b>bold</b></div>
</form></body></html>`;

Deno.test("the supported XPath forms read attributes and text, names case-insensitively", () => {
  const cases: [string, string | undefined][] = [
    ['//input[@name="SAMLResponse"]/@value', "PHNhbWw+PC9zYW1sPg=="],
    ["//input[@name='SAMLResponse']/@value", "PHNhbWw+PC9zYW1sPg=="],
    ["////INPUT[@NAME='SAMLResponse']/@VALUE", "PHNhbWw+PC9zYW1sPg=="],
    ['//*[@name="SAMLResponse"]/@value', "PHNhbWw+PC9zYW1sPg=="],
    ['  //input[ @name = "RelayState" ]/@value ', "relay"],
    ["//input/@value", "relay"],
    ["//input[@name='SAMLResponse']/@data-x", 'a"b'],
    ['//textarea[@id="raw"]/text()', "PHg+<"],
    ["//div/text()", "text & more"],
    ["//title/text()", "Posting & done"],
    ['//input[@name="samlresponse"]/@value', undefined],
    ['//input[@name="SAMLResponse"]/@missing', undefined],
    ["//select/text()", undefined],
  ];
  for (const [expression, expected] of cases) {
    assert.equal(compileSamlXPath(expression)(PAGE), expected, expression);
  }
});

Deno.test("expressions outside the subset are refused by name, also when creating the adapter", () => {
  for (
    const expression of [
      "//input[1]/@value",
      "/html/body/form/input/@value",
      "//form/input/@value",
      '//input[@name="a"][@type="b"]/@value',
      "//input[contains(@name,'SAML')]/@value",
      "//input/@*",
      "//input",
      "string(//input/@value)",
      "",
    ]
  ) {
    assert.throws(() => compileSamlXPath(expression), (error: unknown) => {
      assert.ok(error instanceof UnsupportedXPathError);
      assert.equal(error.expression, expression);
      assert.ok(error.message.includes(JSON.stringify(expression)));
      return true;
    });
  }
  assert.throws(
    () =>
      formAdapter({ idpUrl: "https://idp.example.com/", samlResponseXPath: "//input[2]/@value" }),
    UnsupportedXPathError,
  );
});

Deno.test("XPath queries take linear time on 10 MB of hostile markup", async () => {
  const hostile = [
    "<input name=x value=y ".repeat(200_000),
    "<div a='".repeat(400_000),
    "<!--".repeat(2_000_000),
    "<div>".repeat(1_000_000) + '<input name="SAMLResponse" value="end">',
  ];
  for (const html of hostile) {
    for (const expression of ['//input[@name="SAMLResponse"]/@value', "//div/text()"]) {
      await assertFinishesInTime(
        `${expression} on ${html.slice(0, 12)}…`,
        () => compileSamlXPath(expression)(html),
      );
    }
  }
  assert.equal(
    compileSamlXPath('//input[@name="SAMLResponse"]/@value')(hostile[3]),
    "end",
  );
});
