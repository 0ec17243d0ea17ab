import assert from "node:assert/strict";
import { findSamlResponse, parseHtmlForms } from "../../src/saml/html_form.ts";
import { assertFinishesInTime } from "../finishes_in_time.ts";

const BASE = "https://idp.example.com/adfs/ls/?client-request-id=1";

Deno.test("parseHtmlForms: action, method, id, name and fields in document order", () => {
  const html = `<!DOCTYPE html><html><head><title>Sign in <form></title>
    <script>var s = "<form action='/evil'><input name='x'></form>";</script>
    <style>form { color: red }</style></head><body>
    <!-- <form action="/commented"><input name="c"></form> -->
    <FORM ID="loginForm" name=login Method="POST" action="/adfs/ls/?SAMLRequest=a&amp;RelayState=b">
      <input type="hidden" name="AuthMethod" value='FormsAuthentication'/>
      <input id="userNameInput" name="UserName" type="email" value="">
      <input name=Password type=password>
      <input type="checkbox" name="Kmsi" value="true" checked>
      <input type="checkbox" name="Unchecked" value="true">
      <input type="radio" name="choice" value="a"><input type="radio" name="choice" value="b" checked>
      <input type="submit" name="submit" value="Sign in"><input type="image" name="img">
      <input name="off" disabled value="x"><input value="no name">
      <textarea name="note">a &lt;b&gt; &amp; c</textarea>
      <select name="factor"><option value="sms">SMS<option value="push" selected>Push</select>
      <select name="first"><option value="one"><option value="two"></select>
      <button name="btn" value="1">Go</button>
    </form>
    <input name="outside" value="ignored">
    <form><input name="q" value="&#x2b;&#43;&plus"></form></body></html>`;
  const forms = parseHtmlForms(html, BASE);
  assert.equal(forms.length, 2);
  const [login, second] = forms;
  assert.equal(login.action.href, "https://idp.example.com/adfs/ls/?SAMLRequest=a&RelayState=b");
  assert.equal(login.method, "POST");
  assert.equal(login.id, "loginForm");
  assert.equal(login.name, "login");
  assert.deepEqual(login.fields, [
    ["AuthMethod", "FormsAuthentication"],
    ["UserName", ""],
    ["Password", ""],
    ["Kmsi", "true"],
    ["choice", "b"],
    ["note", "a <b> & c"],
    ["factor", "push"],
    ["first", "one"],
  ]);
  assert.equal(second.action.href, BASE);
  assert.equal(second.method, "GET");
  assert.deepEqual(second.fields, [["q", "++&plus"]]);
});

Deno.test("parseHtmlForms: a nested <form> is ignored and an unclosed one ends at the page", () => {
  const forms = parseHtmlForms(
    '<form action="a"><input name="1"><form action="b"><input name="2"></form><input name="3">',
    "https://idp.example.com/x/",
  );
  assert.equal(forms.length, 1);
  assert.equal(forms[0].action.href, "https://idp.example.com/x/a");
  assert.deepEqual(forms[0].fields.map(([name]) => name), ["1", "2"]);
});

Deno.test("parseHtmlForms: a page without forms, or with an unterminated tag, gives what it has", () => {
  assert.deepEqual(parseHtmlForms("<html><body>Hello</body></html>", BASE), []);
  const forms = parseHtmlForms(
    '<form><input name="a" value="1"><input name="b" value="unclosed',
    BASE,
  );
  assert.deepEqual(forms[0].fields, [["a", "1"]]);
});

Deno.test("findSamlResponse: the SAMLResponse input's value, entities decoded", () => {
  const html = `<html><body onload="document.forms[0].submit()">
    <form method="post" action="https://signin.aws.amazon.com/saml">
    <input type="hidden" name="RelayState" value="" />
    <input type="hidden" name="SAMLResponse" value="
      PHNhbWxwOlJlc3BvbnNl&#x2B;Lz4&#x3d;" /></form></body></html>`;
  assert.equal(findSamlResponse(html), "PHNhbWxwOlJlc3BvbnNl+Lz4=");
  assert.equal(findSamlResponse('<input name="samlresponse" value="x">'), undefined);
  assert.equal(findSamlResponse("<p>Your password is wrong</p>"), undefined);
});

Deno.test("parseHtmlForms and findSamlResponse: linear time on 10 MB of hostile markup", async () => {
  const hostile = [
    "<".repeat(10_000_000),
    '<a "'.repeat(2_500_000),
    "<input name=x value='".repeat(500_000),
    "<form><input name=a value=b>".repeat(350_000),
    "<!--".repeat(2_500_000),
    "<script>".repeat(1_250_000),
    "<a b c d e f g h i j ".repeat(500_000),
  ];
  for (const html of hostile) {
    await assertFinishesInTime(`${html.slice(0, 20)}…`, () => {
      parseHtmlForms(html, BASE);
      assert.equal(findSamlResponse(html), undefined);
    });
  }
});
