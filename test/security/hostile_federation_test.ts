// Hostile federation, end to end through fromSaml: signature-wrapping attacks on the SAML
// response (the emulator-only and parser-only variants are in test/emulator/sts_saml_test.ts
// and test/saml/hostile_saml_test.ts), IdPs redirecting the password POST across origins
// (PingFederate's form, Azure AD's token endpoint), IdP answers over the size cap, and an
// IdP that never answers.
import assert from "node:assert/strict";
import { Hono } from "hono";
import { AwsError } from "../../src/http/errors.ts";
import { SamlAssertionError, SamlLoginError } from "../../src/saml/errors.ts";
import { formAdapter } from "../../src/saml/adapters/form/adapter.ts";
import { azureAdAdapter } from "../../src/saml/adapters/azure_ad/adapter.ts";
import { fromSaml, type FromSamlOptions } from "../../src/saml/from_saml.ts";
import { pingFederateAdapter } from "../../src/saml/adapters/ping_federate/adapter.ts";
import type { SamlAdapter } from "../../src/saml/adapter.ts";
import { type RunningEmulator, startEmulator } from "../emulator/emulator.ts";
import { startOtherOrigin } from "../idp/adfs/other_origin_server.ts";
import { startFakeAzureAd } from "../idp/azure/fake_azure_ad.ts";
import { startFakePing } from "../idp/ping/fake_ping.ts";
import { base64Utf8, registerTestIdp, signedSamlResponseXml } from "../idp/saml_issuer.ts";
import { serveApp } from "../idp/serve_app.ts";
import { rejectionOf } from "../rejection.ts";

const READER = "arn:aws:iam::111122223333:role/Reader";
const ADMIN = "arn:aws:iam::111122223333:role/Admin";
const PRINCIPAL = "arn:aws:iam::111122223333:saml-provider/Idp";
const PASSWORD = "hostile-federation-PASSWORD-42";
const USER = "alice@example.com";

async function samlEmulator(): Promise<RunningEmulator> {
  const emulator = await startEmulator();
  emulator.state.addRole({ arn: READER });
  emulator.state.addRole({ arn: ADMIN });
  registerTestIdp(emulator.state, { principalArn: PRINCIPAL });
  return emulator;
}

const fixed = (samlResponse: string): SamlAdapter => ({
  name: "fixed",
  getSamlResponse: () => Promise.resolve(samlResponse),
});

/** The genuine response for Reader, its signed assertion, and a forged unsigned one for Admin. */
function wrappingParts() {
  const xml = signedSamlResponseXml({ roles: [{ roleArn: READER, principalArn: PRINCIPAL }] });
  const signed = xml.slice(xml.indexOf("<saml2:Assertion"), xml.indexOf("</saml2p:Response>"));
  const signature = signed.match(/<ds:Signature[\s\S]*<\/ds:Signature>/)![0];
  const forged = signed.replace(signature, "").replace("role/Reader", "role/Admin")
    .replace(/ID="[^"]+"/, 'ID="_forged"');
  return { xml, signed, signature, forged };
}

Deno.test("signature wrapping through fromSaml: refused before STS, or by STS; never Admin", async () => {
  await using emulator = await samlEmulator();
  const { xml, signed, signature, forged } = wrappingParts();
  const attacks: Array<[string, string]> = [
    ["genuine hidden in Extensions", `<saml2p:Extensions>${signed}</saml2p:Extensions>${forged}`],
    ["forged after genuine", signed + forged],
    ["the same assertion twice", signed + signed],
    [
      "forged wrapping genuine",
      forged.replace("</saml2:Assertion>", `${signed}</saml2:Assertion>`),
    ],
    [
      "genuine inside the signature's Object",
      forged.replace(
        "</saml2:Issuer>",
        `</saml2:Issuer>${
          signature.replace("</ds:Signature>", `<ds:Object>${signed}</ds:Object></ds:Signature>`)
        }`,
      ),
    ],
    [
      "forged carrying the genuine signature",
      forged.replace("</saml2:Issuer>", `</saml2:Issuer>${signature}`),
    ],
  ];
  for (const [name, replacement] of attacks) {
    const error = await rejectionOf(
      fromSaml({
        adapter: fixed(base64Utf8(xml.replace(signed, replacement))),
        roleArn: ADMIN,
        endpoint: emulator.url,
        maxAttempts: 1,
      })(),
    );
    const refused = error instanceof SamlAssertionError ||
      (error instanceof AwsError && error.code === "InvalidIdentityToken");
    assert.ok(refused, `${name}: ${error}`);
  }
  const answered = emulator.state.log.filter((entry) => entry.method === "POST");
  assert.ok(answered.length > 0, "some attacks reached STS");
  assert.ok(answered.every((entry) => entry.status === 400), "no AssumeRoleWithSAML succeeded");
});

Deno.test("PingFederate's form and Azure AD redirecting the password to another origin", async () => {
  await using other = await startOtherOrigin();
  const roles = [{ roleArn: READER, principalArn: PRINCIPAL }];
  await using ping = await startFakePing({
    users: { [USER]: PASSWORD },
    roles,
    partners: ["urn:amazon:webservices"],
    redirectPostTo: `${other.url}/steal`,
  });
  await using azure = await startFakeAzureAd({
    tenant: "t",
    clientId: "c",
    resource: "https://signin.aws.amazon.com/saml",
    users: { [USER]: PASSWORD },
    roles,
    redirectTo: `${other.url}/steal`,
  });
  const adapters = [
    pingFederateAdapter({ loginUrl: ping.url }),
    azureAdAdapter({
      tenant: "t",
      clientId: "c",
      resource: "https://signin.aws.amazon.com/saml",
      authority: azure.url,
    }),
  ];
  for (const adapter of adapters) {
    const error = await rejectionOf(
      fromSaml({ adapter, username: USER, password: PASSWORD, endpoint: "http://127.0.0.1:9" })(),
    );
    assert.ok(error instanceof SamlLoginError, `${adapter.name}: ${error}`);
    assert.ok(!String(error).includes(PASSWORD));
  }
  assert.deepEqual(other.received, [], "nothing reached the other origin");
});

/** An IdP page at `/sso`: `body` as it is, or a stream that never ends. */
async function idpAnswering(body: () => BodyInit) {
  return await serveApp(new Hono().get("/sso", (c) => c.body(body() as string)));
}

function formLogin(idpUrl: string, extra: Partial<FromSamlOptions> = {}): Promise<unknown> {
  return fromSaml({
    adapter: formAdapter({ idpUrl }),
    username: USER,
    password: PASSWORD,
    endpoint: "http://127.0.0.1:9",
    ...extra,
  })();
}

Deno.test("an IdP answer over the size cap is a SamlLoginError, declared or streamed", async () => {
  const chunk = new TextEncoder().encode("<p>" + "x".repeat(65_533));
  await using declared = await idpAnswering(() => "<html>" + "x".repeat(20 * 1024 * 1024));
  await using streamed = await idpAnswering(() => {
    let sent = 0;
    return new ReadableStream({
      pull(controller) {
        if (sent++ < 400) controller.enqueue(chunk); // 25 MiB, no Content-Length
        else controller.close();
      },
    });
  });
  for (const idp of [declared, streamed]) {
    const started = performance.now();
    const error = await rejectionOf(formLogin(`${idp.url}/sso`));
    assert.ok(error instanceof SamlLoginError, String(error));
    assert.match(error.message, /answered with more than \d+ bytes; refusing to read it/);
    assert.ok(performance.now() - started < 5_000);
  }
});

Deno.test("an IdP that never answers: the caller's abort ends the login promptly", async () => {
  const { promise: never, resolve: release } = Promise.withResolvers<Response>();
  await using idp = await serveApp(new Hono().get("/sso", () => never));
  const started = performance.now();
  const error = await rejectionOf(
    formLogin(`${idp.url}/sso`, { signal: AbortSignal.timeout(300) }),
  );
  release(new Response("late"));
  assert.ok(performance.now() - started < 3_000, `${performance.now() - started} ms`);
  assert.ok(
    error instanceof Error && /abort|timeout|timed out/i.test(`${error.name} ${error.message}`),
    String(error),
  );
});
