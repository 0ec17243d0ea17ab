// Airflow's federated assume_role_methods end to end: Google and file web identity against the
// emulator's AssumeRoleWithWebIdentity, and SAML with Kerberos sign-on (http_spegno_auth)
// against a fake IdP whose signed assertion the emulator's AssumeRoleWithSAML verifies.
import assert from "node:assert/strict";
import { explicitPlatform } from "../../../src/credentials/mod.ts";
import type { CredentialProvider } from "../../../src/sigv4/credentials.ts";
import { StsClient } from "../../../src/sts/mod.ts";
import { AirflowConnectionError, fromAirflowConnection } from "../../../src/config/mod.ts";
import { startEmulator } from "../../emulator/emulator.ts";
import { trustedWebIdentityToken } from "../../emulator/federation_fixtures.ts";
import { startFakeGoogle } from "../../idp/google/fake_google.ts";
import { registerTestIdp } from "../../idp/saml_issuer.ts";
import { startFakeNegotiateIdp } from "../cdata/fake_negotiate_idp.ts";

const ROLE = "arn:aws:iam::240057002457:role/WebIdentity-Role";
const PRINCIPAL = "arn:aws:iam::240057002457:saml-provider/my_saml_provider";

async function callerArn(credentials: CredentialProvider, url: string): Promise<string> {
  return (await new StsClient({ credentials, endpoint: url }).getCallerIdentity()).arn;
}

Deno.test("the seed's Google federation: the ADC key file's ID token for the audience", async () => {
  await using google = await startFakeGoogle();
  await using emu = await startEmulator();
  const keyFile = await google.createServiceAccount("airflow@my-project.iam.gserviceaccount.com");
  emu.state.addRole({ arn: ROLE });
  emu.state.addOidcProvider({
    issuer: "https://accounts.google.com",
    audience: keyFile.client_id,
    publicKeys: google.jwks.keys,
  });
  const platform = explicitPlatform({
    env: { GOOGLE_APPLICATION_CREDENTIALS: "/secrets/adc.json" },
    files: { "/secrets/adc.json": JSON.stringify(keyFile) },
  });
  // The seed's URI form of the connection.
  const uri = "aws://?role_arn=arn%3Aaws%3Aiam%3A%3A240057002457%3Arole%2FWebIdentity-Role&" +
    "assume_role_method=assume_role_with_web_identity&" +
    "assume_role_with_web_identity_federation=google&" +
    "assume_role_with_web_identity_federation_audience=aaa.polidea.com";
  const { credentials, notes } = fromAirflowConnection(uri, {
    platform,
    stsEndpoint: emu.url,
    connId: "aws_default",
  });
  assert.equal(
    await callerArn(credentials, emu.url),
    "arn:aws:sts::240057002457:assumed-role/WebIdentity-Role/Airflow_aws_default",
  );
  const call = emu.state.stsCalls.find((c) => c.action === "AssumeRoleWithWebIdentity")!;
  const claims = JSON.parse(
    atob(call.params.WebIdentityToken.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")),
  );
  assert.equal(claims.aud, "aaa.polidea.com");
  assert.deepEqual(notes, []);
});

Deno.test("Google federation without GOOGLE_APPLICATION_CREDENTIALS fails at use, saying what to set", async () => {
  const { credentials } = fromAirflowConnection(
    {
      connType: "aws",
      extra: {
        role_arn: ROLE,
        assume_role_method: "assume_role_with_web_identity",
        assume_role_with_web_identity_federation: "google",
      },
    },
    { platform: explicitPlatform(), stsEndpoint: "http://127.0.0.1:1" },
  );
  const error = await credentials().catch((e) => e);
  assert.ok(error instanceof AirflowConnectionError);
  assert.match(error.message, /set GOOGLE_APPLICATION_CREDENTIALS/);
});

Deno.test("file federation reads assume_role_with_web_identity_token_file, else AWS_WEB_IDENTITY_TOKEN_FILE", async () => {
  await using emu = await startEmulator();
  emu.state.addRole({ arn: ROLE });
  const token = trustedWebIdentityToken(emu.state, {
    issuer: "https://oidc.example",
    sub: "worker",
  });
  const platform = explicitPlatform({
    env: { AWS_WEB_IDENTITY_TOKEN_FILE: "/var/run/env-token" },
    files: { "/var/run/token": token, "/var/run/env-token": token },
  });
  const extra = {
    role_arn: ROLE,
    assume_role_method: "assume_role_with_web_identity",
    assume_role_with_web_identity_federation: "file",
    assume_role_kwargs: { RoleSessionName: "worker-1", DurationSeconds: 900 },
  };
  for (const more of [{ assume_role_with_web_identity_token_file: "/var/run/token" }, {}]) {
    const { credentials } = fromAirflowConnection(
      { connType: "aws", extra: { ...extra, ...more } },
      {
        platform,
        stsEndpoint: emu.url,
      },
    );
    assert.match(
      await callerArn(credentials, emu.url),
      /assumed-role\/WebIdentity-Role\/worker-1$/,
    );
  }
  assert.equal(
    emu.state.stsCalls.find((c) => c.action === "AssumeRoleWithWebIdentity")?.params
      .DurationSeconds,
    "900",
  );
  const missing = (() => {
    try {
      fromAirflowConnection({
        connType: "aws",
        extra: { ...extra, assume_role_with_web_identity_federation: "azure" },
      });
    } catch (e) {
      return e;
    }
  })();
  assert.ok(
    missing instanceof AirflowConnectionError &&
      missing.extra === "assume_role_with_web_identity_federation",
  );
});

Deno.test("the seed's SAML example: Kerberos sign-on through idpFetch, the xpath, the headers", async () => {
  await using emu = await startEmulator();
  const role = "arn:aws:iam::240057002457:role/my_role";
  emu.state.addRole({ arn: role });
  registerTestIdp(emu.state, { principalArn: PRINCIPAL });
  const accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
  await using idp = await startFakeNegotiateIdp({
    tokens: ["kerberos-ticket-1"],
    roles: [{ roleArn: role, principalArn: PRINCIPAL }],
    requiredAccept: accept,
  });
  const extra = {
    region_name: "eu-west-1",
    role_arn: role,
    assume_role_method: "assume_role_with_saml",
    assume_role_with_saml: {
      principal_arn: PRINCIPAL,
      idp_url: idp.idpUrl,
      idp_auth_method: "http_spegno_auth",
      mutual_authentication: "OPTIONAL",
      idp_request_kwargs: { headers: { Accept: accept }, verify: false },
      idp_request_retry_kwargs: { total: 3 },
      log_idp_response: false,
      saml_response_xpath: "////INPUT[@NAME='SAMLResponse']/@VALUE",
    },
    assume_role_kwargs: { DurationSeconds: 1800 },
  };
  // A stand-in for a Kerberos-capable fetch: it answers the Negotiate challenge.
  const kerberosFetch: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    request.headers.set("authorization", "Negotiate kerberos-ticket-1");
    return fetch(request);
  };
  const { credentials, region, notes } = fromAirflowConnection(
    { connType: "aws", extra },
    { platform: explicitPlatform(), stsEndpoint: emu.url, idpFetch: kerberosFetch },
  );
  assert.match(await callerArn(credentials, emu.url), /assumed-role\/my_role\//);
  assert.equal(region, "eu-west-1");
  assert.equal(idp.issued, 1);
  const call = emu.state.stsCalls.find((c) => c.action === "AssumeRoleWithSAML")!;
  assert.equal(call.params.PrincipalArn, PRINCIPAL);
  assert.equal(call.params.DurationSeconds, "1800");
  assert.deepEqual(notes.map((n) => n.split(" ")[0]), [
    "assume_role_with_saml.mutual_authentication",
    "assume_role_with_saml.idp_request_kwargs.verify",
    "assume_role_with_saml.idp_request_retry_kwargs",
  ]);

  const withoutKerberos = (() => {
    try {
      fromAirflowConnection({ connType: "aws", extra });
    } catch (e) {
      return e;
    }
  })();
  assert.ok(withoutKerberos instanceof AirflowConnectionError);
  assert.match(withoutKerberos.message, /needs a Kerberos-capable fetch: pass options\.idpFetch/);
});

Deno.test("SAML settings that are missing or unsupported are named", () => {
  const of = (saml: Record<string, unknown>) => {
    try {
      fromAirflowConnection(
        {
          connType: "aws",
          extra: {
            role_arn: ROLE,
            assume_role_method: "assume_role_with_saml",
            assume_role_with_saml: saml,
          },
        },
        { idpFetch: fetch },
      );
    } catch (e) {
      if (e instanceof AirflowConnectionError) return e.extra;
      throw e;
    }
  };
  const full = {
    principal_arn: PRINCIPAL,
    idp_url: "https://idp.example/sso",
    idp_auth_method: "http_spegno_auth",
  };
  assert.equal(of({ ...full, principal_arn: undefined }), "assume_role_with_saml.principal_arn");
  assert.equal(of({ ...full, idp_url: undefined }), "assume_role_with_saml.idp_url");
  assert.equal(of({ ...full, idp_auth_method: "basic" }), "assume_role_with_saml.idp_auth_method");
  assert.equal(
    of({ ...full, mutual_authentication: "MAYBE" }),
    "assume_role_with_saml.mutual_authentication",
  );
  assert.equal(of({ ...full, idp_ur: "x" }), "assume_role_with_saml.idp_ur");
});

Deno.test("log_idp_response sends redacted IdP traffic to options.debugLog, and only then", async () => {
  await using emu = await startEmulator();
  const role = "arn:aws:iam::240057002457:role/my_role";
  emu.state.addRole({ arn: role });
  registerTestIdp(emu.state, { principalArn: PRINCIPAL });
  await using idp = await startFakeNegotiateIdp({
    tokens: ["kerberos-ticket-2"],
    roles: [{ roleArn: role, principalArn: PRINCIPAL }],
  });
  const kerberosFetch: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    request.headers.set("authorization", "Negotiate kerberos-ticket-2");
    return fetch(request);
  };
  const connection = (log: boolean) => ({
    connType: "aws",
    extra: {
      role_arn: role,
      assume_role_method: "assume_role_with_saml",
      assume_role_with_saml: {
        principal_arn: PRINCIPAL,
        idp_url: idp.idpUrl,
        idp_auth_method: "http_spegno_auth",
        log_idp_response: log,
        saml_response_xpath: "//input[@name='SAMLResponse']/@value",
      },
    },
  });
  for (const log of [false, true]) {
    const lines: string[] = [];
    const { credentials } = fromAirflowConnection(connection(log), {
      platform: explicitPlatform(),
      stsEndpoint: emu.url,
      idpFetch: kerberosFetch,
      debugLog: (line) => void lines.push(line),
    });
    await credentials();
    assert.equal(lines.length > 0, log);
    assert.ok(!lines.join("\n").includes("kerberos-ticket-2"));
    assert.ok(
      !lines.join("\n").includes("PD94bWwg"),
      "no SAMLResponse (base64 of <?xml) in the log",
    );
  }
});
