// CData's single sign-on AuthSchemes end to end: a fake IdP issues a signed assertion, the
// emulator's AssumeRoleWithSAML verifies it against the registered certificate.
import assert from "node:assert/strict";
import { explicitPlatform } from "../../../src/credentials/mod.ts";
import type { CredentialProvider } from "../../../src/sigv4/credentials.ts";
import { StsClient } from "../../../src/sts/mod.ts";
import {
  type ClientCertificate,
  ConnectionStringError,
  fromConnectionString,
  toConnectionString,
} from "../../../src/config/mod.ts";
import { type RunningEmulator, startEmulator } from "../../emulator/emulator.ts";
import { startFakeAdfs } from "../../idp/adfs/fake_adfs.ts";
import { startFakeAzureAd } from "../../idp/azure/fake_azure_ad.ts";
import { startFakeOkta } from "../../idp/okta/fake_okta.ts";
import { totp } from "../../idp/okta/totp.ts";
import { startFakePing } from "../../idp/ping/fake_ping.ts";
import { registerTestIdp } from "../../idp/saml_issuer.ts";

const ROLE = "arn:aws:iam::215338515180:role/SSOTest2";
const OTHER_ROLE = "arn:aws:iam::215338515180:role/Other";
const PRINCIPAL = "arn:aws:iam::215338515180:saml-provider/pingFederate";
const ROLES = [
  { roleArn: OTHER_ROLE, principalArn: PRINCIPAL },
  { roleArn: ROLE, principalArn: PRINCIPAL },
];
const PASSWORD = "pass;word='1";
const TOTP_SECRET = new TextEncoder().encode("cdata-okta-totp-secret");

async function emulatorWithIdp(): Promise<RunningEmulator> {
  const emu = await startEmulator();
  registerTestIdp(emu.state, { principalArn: PRINCIPAL });
  emu.state.addRole({ arn: ROLE });
  emu.state.addRole({ arn: OTHER_ROLE });
  return emu;
}

async function callerArn(credentials: CredentialProvider, url: string): Promise<string> {
  return (await new StsClient({ credentials, endpoint: url }).getCallerIdentity()).arn;
}

Deno.test("Okta: OktaVerify with MFAPassCode is a TOTP code; MFARememberDevice=False is sent", async () => {
  await using emu = await emulatorWithIdp();
  await using okta = await startFakeOkta({
    users: [{
      login: "alice",
      password: PASSWORD,
      factors: [{ type: "token:software:totp", secret: TOTP_SECRET }],
    }],
    roles: ROLES,
  });
  const code = await totp(TOTP_SECRET, Date.now());
  const text = toConnectionString({
    AuthScheme: "Okta",
    SSOLoginURL: okta.loginUrl,
    User: "alice",
    Password: PASSWORD,
    AWSRoleARN: ROLE,
    SSOProperties: toConnectionString({
      MFAType: "OktaVerify",
      MFAPassCode: code,
      MFARememberDevice: "False",
    }),
  });
  const { credentials, notes } = fromConnectionString(text, {
    platform: explicitPlatform(),
    stsEndpoint: emu.url,
  });
  assert.match(await callerArn(credentials, emu.url), /assumed-role\/SSOTest2\//);
  assert.deepEqual(notes, []);
  const verify = okta.state.log.find((r) => r.path.includes("/verify"));
  assert.equal(verify?.query.rememberDevice, "false");
});

Deno.test("Okta: OktaVerify without a passcode is a push; the prompt hears of it; APIToken is sent", async () => {
  await using emu = await emulatorWithIdp();
  await using okta = await startFakeOkta({
    users: [{
      login: "alice",
      password: PASSWORD,
      factors: [{ type: "push", answer: "approve", afterPolls: 0 }],
    }],
    roles: [{ roleArn: ROLE, principalArn: PRINCIPAL }],
    apiTokens: ["00trusted-app-token"],
  });
  const kinds: string[] = [];
  const { credentials } = fromConnectionString(
    `AuthScheme=Okta;SSOLoginURL='${okta.loginUrl}';User=alice;Password="${PASSWORD}";` +
      "MFAType=OktaVerify;APIToken=00trusted-app-token",
    {
      platform: explicitPlatform(),
      stsEndpoint: emu.url,
      mfa: (challenge) => {
        kinds.push(challenge.kind);
        return Promise.resolve(undefined);
      },
    },
  );
  assert.match(await callerArn(credentials, emu.url), /assumed-role\/SSOTest2\//);
  assert.deepEqual(kinds, ["push"]);
  assert.ok(okta.state.log.some((r) => r.authorization === "SSWS 00trusted-app-token"));
  assert.throws(
    () =>
      fromConnectionString(
        `AuthScheme=Okta;SSOLoginURL=${okta.loginUrl};User=a;Password=p;MFAType=Voice`,
      ),
    (e) =>
      e instanceof ConnectionStringError && e.key === "MFAType" &&
      /OktaVerify, Email, SMS/.test(e.message),
  );
});

Deno.test("ADFS: the seed's form login with SSOProperties RelyingParty, and ADFS Integrated", async () => {
  await using emu = await emulatorWithIdp();
  await using adfs = await startFakeAdfs({
    users: { "CORP\\alice": PASSWORD },
    roles: [{ roleArn: ROLE, principalArn: PRINCIPAL }],
    relyingParty: "https://saml.example.com",
    negotiateTokens: { "kerberos-ticket": "CORP\\alice" },
  });
  const text =
    `AuthScheme=ADFS;User='CORP\\alice';Password="${PASSWORD}";SSOLoginURL='${adfs.url}';` +
    "SSOProperties='RelyingParty=https://saml.example.com';";
  const form = fromConnectionString(text, { platform: explicitPlatform(), stsEndpoint: emu.url });
  assert.match(await callerArn(form.credentials, emu.url), /assumed-role\/SSOTest2\//);
  assert.ok(adfs.requests.some((r) => r.form?.UserName === "CORP\\alice"));

  const kerberosFetch: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    request.headers.set("authorization", "Negotiate kerberos-ticket");
    return fetch(request);
  };
  const integrated = fromConnectionString(
    `AuthScheme=ADFS;SSOLoginURL='${adfs.url}';SSOProperties='RelyingParty=https://saml.example.com'`,
    { platform: explicitPlatform(), stsEndpoint: emu.url, idpFetch: kerberosFetch },
  );
  assert.match(await callerArn(integrated.credentials, emu.url), /assumed-role\/SSOTest2\//);
});

Deno.test("PingFederate: the seed's WS-Trust string with AWSPrincipalARN, AWSRoleArn and Basic", async () => {
  await using emu = await emulatorWithIdp();
  const exchange = "https://us-east-1.signin.aws.amazon.com/platform/saml/acs/764ef411-xxxxxx";
  await using ping = await startFakePing({
    users: { admin: "PassValue" },
    roles: ROLES,
    partners: [exchange],
    requireBasicAuth: true,
  });
  const text =
    `authScheme=pingfederate;SSOLoginURL=${ping.url}/idp/sts.wst;SSOExchangeUrl=${exchange};` +
    `user=admin;password=PassValue;AWSPrincipalARN=${PRINCIPAL};AWSRoleArn=${ROLE};` +
    "SSOProperties='AuthScheme=Basic';TemporaryTokenDuration=1800";
  const { credentials, notes } = fromConnectionString(text, {
    platform: explicitPlatform(),
    stsEndpoint: emu.url,
  });
  assert.match(await callerArn(credentials, emu.url), /assumed-role\/SSOTest2\//);
  assert.deepEqual(notes, []);
  const call = emu.state.stsCalls.find((c) => c.action === "AssumeRoleWithSAML")!;
  assert.equal(call.params.PrincipalArn, PRINCIPAL);
  assert.equal(call.params.DurationSeconds, "1800");
  assert.ok(ping.requests.some((r) => r.authorization?.startsWith("Basic ")));
});

Deno.test("PingFederate mutual TLS: SSLClientCert* go to createMtlsFetch, whose fetch reaches the IdP", async () => {
  await using emu = await emulatorWithIdp();
  await using ping = await startFakePing({
    users: { admin: "PassValue" },
    roles: ROLES,
    partners: ["urn:amazon:webservices"],
  });
  const text =
    `AuthScheme=PingFederate;SSOLoginURL=${ping.url}/idp/sts.wst;SSOExchangeUrl=urn:amazon:webservices;` +
    `User=admin;Password=PassValue;AWSRoleARN=${ROLE};` +
    "SSOProperties='SSLClientCert=/etc/pki/me.pfx;SSLClientCertType=PFXFILE;SSLClientCertSubject=CN=me;SSLClientCertPassword=SECRET-pfx'";
  const certificates: ClientCertificate[] = [];
  let mtlsCalls = 0;
  const { credentials } = fromConnectionString(text, {
    platform: explicitPlatform(),
    stsEndpoint: emu.url,
    createMtlsFetch: (certificate) => {
      certificates.push(certificate);
      return (input, init) => {
        mtlsCalls++;
        return fetch(input, init);
      };
    },
  });
  assert.match(await callerArn(credentials, emu.url), /assumed-role\/SSOTest2\//);
  assert.deepEqual(certificates, [
    { cert: "/etc/pki/me.pfx", type: "PFXFILE", subject: "CN=me", password: "SECRET-pfx" },
  ]);
  assert.ok(mtlsCalls >= 1);
  const error = (() => {
    try {
      fromConnectionString(text);
    } catch (e) {
      return e;
    }
  })();
  assert.ok(error instanceof ConnectionStringError && error.key === "SSLClientCert");
  assert.match(error.message, /pass options\.createMtlsFetch/);
  assert.ok(!error.message.includes("SECRET-pfx"));
});

Deno.test("PingFederate without SSOExchangeUrl uses the IdP-initiated form login", async () => {
  await using emu = await emulatorWithIdp();
  await using ping = await startFakePing({
    users: { admin: "PassValue" },
    roles: ROLES,
    partners: ["urn:amazon:webservices"],
  });
  const { credentials } = fromConnectionString(
    `AuthScheme=PingFederate;SSOLoginURL=${ping.url};User=admin;Password=PassValue;AWSRoleARN=${ROLE}`,
    { platform: explicitPlatform(), stsEndpoint: emu.url },
  );
  assert.match(await callerArn(credentials, emu.url), /assumed-role\/SSOTest2\//);
  assert.ok(ping.requests.some((r) => r.path.includes("startSSO.ping")));
});

Deno.test("AzureAD: the seed's properties, SSOProperties Resource + AzureTenant; OAuth redirect settings noted", async () => {
  await using emu = await emulatorWithIdp();
  const tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  await using azure = await startFakeAzureAd({
    tenant,
    clientId: "3ea1c786-d527-4399-8c3b-2e3696ae4b48",
    clientSecret: "SECRET-client",
    resource: "https://signin.aws.amazon.com/saml",
    users: { "alice@contoso.com": PASSWORD },
    roles: [{ roleArn: ROLE, principalArn: PRINCIPAL }],
  });
  // Sends login.microsoftonline.com's requests to the fake, as a proxy would.
  const toFake: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    assert.equal(url.origin, "https://login.microsoftonline.com");
    return fetch(new Request(`${azure.url}${url.pathname}${url.search}`, request));
  };
  const text =
    "AuthScheme=AzureAD;InitiateOAuth=GETANDREFRESH;OAuthClientId=3ea1c786-d527-4399-8c3b-2e3696ae4b48;" +
    `OauthClientSecret=SECRET-client;CallbackUrl=https://localhost:33333;User=alice@contoso.com;Password="${PASSWORD}";` +
    `SSOProperties='Resource=https://signin.aws.amazon.com/saml;AzureTenant=${tenant}';`;
  const { credentials, notes } = fromConnectionString(text, {
    platform: explicitPlatform(),
    stsEndpoint: emu.url,
    idpFetch: toFake,
  });
  assert.match(await callerArn(credentials, emu.url), /assumed-role\/SSOTest2\//);
  assert.equal(azure.requests[0].client_secret, "SECRET-client");
  assert.deepEqual(notes.map((n) => n.split(" ")[0]), ["InitiateOAuth", "CallbackURL"]);
});

Deno.test("Okta: MFAType SMS and Email send a code that the prompt answers", async () => {
  await using emu = await emulatorWithIdp();
  for (const [mfaType, factor] of [["SMS", "sms"], ["Email", "email"]] as const) {
    await using okta = await startFakeOkta({
      users: [{
        login: "alice",
        password: PASSWORD,
        factors: [{ type: "push", answer: "reject" }, { type: factor }],
      }],
      roles: [{ roleArn: ROLE, principalArn: PRINCIPAL }],
    });
    const asked: string[] = [];
    const { credentials } = fromConnectionString(
      `AuthScheme=Okta;SSOLoginURL=${okta.loginUrl};User=alice;Password="${PASSWORD}";MFAType=${mfaType}`,
      {
        platform: explicitPlatform(),
        stsEndpoint: emu.url,
        mfa: (challenge) => {
          asked.push(`${challenge.kind} ${challenge.factor}`);
          return Promise.resolve(okta.state.sentCodes.at(-1)?.code);
        },
      },
    );
    assert.match(await callerArn(credentials, emu.url), /assumed-role\/SSOTest2\//);
    assert.deepEqual(asked, [`code ${factor}`]);
  }
});

Deno.test("an SSOProperties setting the scheme does not use is noted", () => {
  const { notes } = fromConnectionString(
    "AuthScheme=AwsRootKeys;AWSAccessKey=A;AWSSecretKey=s;SSOProperties='AuthScheme=Basic;RelyingParty=urn:x'",
  );
  assert.deepEqual(notes, [
    "SSOProperties.AuthScheme is not used with AuthScheme=AwsRootKeys.",
    "SSOProperties.RelyingParty is not used with AuthScheme=AwsRootKeys.",
  ]);
});
