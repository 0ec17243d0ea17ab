import assert from "node:assert/strict";
import { redactIdpLogLine, redactUrl } from "../../src/saml/redact.ts";
import { assertFinishesInTime } from "../finishes_in_time.ts";

const SECRET = "S3cret-Value-42";

Deno.test("redactIdpLogLine: masks secret values in every shape adapters log", () => {
  const cases = [
    `POST https://idp/adfs UserName=alice&Password=${SECRET}&AuthMethod=Forms`,
    `{"username":"alice","password":"${SECRET}","options":{}}`,
    `{"stateToken":"${SECRET}","passCode":123456${SECRET}}`,
    `{"sessionToken": "${SECRET}"}`,
    `Cookie: sid=${SECRET}; other=1`,
    `set-cookie: sid=${SECRET}; Path=/`,
    `Authorization: Basic ${SECRET}`,
    `<wsse:Password Type="PasswordText">${SECRET}</wsse:Password>`,
    `<ds:SignatureValue>${SECRET}</ds:SignatureValue>`,
    `<input type="hidden" name="SAMLResponse" value="${SECRET}" />`,
    `<input name="otp_code" id="x" value='${SECRET}'>`,
    `GET /login?client_secret=${SECRET}&x=1`,
    `body ${"PHNhbWxwOlJlc3BvbnNl".repeat(6)}${SECRET}`,
  ];
  for (const line of cases) {
    const redacted = redactIdpLogLine(line);
    assert.ok(!redacted.includes(SECRET), `${line} -> ${redacted}`);
    assert.match(redacted, /\[redacted\]/);
  }
});

Deno.test("redactIdpLogLine: keeps what is not secret", () => {
  const line = "POST https://idp.example.com/api/v1/authn -> 200 status=MFA_REQUIRED user=alice";
  assert.equal(redactIdpLogLine(line), line);
  assert.equal(
    redactIdpLogLine('{"username":"alice","factorType":"push"}'),
    '{"username":"alice","factorType":"push"}',
  );
});

Deno.test("redactIdpLogLine: long and hostile lines are cut and scanned in bounded time", async () => {
  const hostile = [
    `"password":"${"a".repeat(1_000_000)}`,
    'password="'.repeat(200_000),
    "<Password ".repeat(200_000),
    `name="password" ${"x".repeat(1_000_000)}`,
  ];
  for (const line of hostile) {
    await assertFinishesInTime(line.slice(0, 12), () => {
      const out = redactIdpLogLine(line);
      assert.ok(out.length < 4 * 65_536, `${out.length}`);
    });
  }
});

Deno.test("redactUrl: masks secret query values and drops the fragment", () => {
  assert.equal(
    redactUrl(`https://idp.example.com/sso?SAMLResponse=${SECRET}&RelayState=r#access_token=x`),
    "https://idp.example.com/sso?SAMLResponse=[redacted]&RelayState=r",
  );
});
